"""A new database's pages are small (long texts waste less of their overflow pages)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from corpus.store import NEW_DATABASE_PAGE_SIZE, Store


def page_size(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("PRAGMA page_size").fetchone()[0])
    finally:
        conn.close()


def test_a_new_database_gets_the_small_pages_and_keeps_them(tmp_path: Path, seed_text: str) -> None:
    db = tmp_path / "new.db"
    with Store.open(db) as store:
        doc = store.add_document(seed_text * 40, title="long")
        assert store.pragma("journal_mode") == "wal"
    assert page_size(db) == NEW_DATABASE_PAGE_SIZE == 1024
    with Store.open(db) as store:
        assert store.document(doc).text == seed_text * 40
        store.backup(tmp_path / "copy.db")
        assert store.check() == []
    assert page_size(tmp_path / "copy.db") == NEW_DATABASE_PAGE_SIZE


def test_an_existing_database_keeps_its_pages(tmp_path: Path, seed_text: str) -> None:
    db = tmp_path / "old.db"
    with Store.open(db) as store:
        store.add_document(seed_text, title="t")
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA page_size = 4096")
    conn.execute("VACUUM")  # how a database of an older Tawsim looks: 4096-byte pages
    conn.close()
    assert page_size(db) == 4096
    with Store.open(db) as store:
        assert store.count_documents(search="الكرملين") == 1
        assert store.check() == []
    assert page_size(db) == 4096
