"""A new database gets Tawsim's page size; an existing one keeps its own until a vacuum
finds it open by no one else."""

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


def test_a_new_database_gets_the_page_size_and_keeps_it(tmp_path: Path, seed_text: str) -> None:
    db = tmp_path / "new.db"
    with Store.open(db) as store:
        doc = store.add_document(seed_text * 40, title="long")
        assert store.pragma("journal_mode") == "wal"
    assert page_size(db) == NEW_DATABASE_PAGE_SIZE
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
    conn.execute("PRAGMA page_size = 8192")
    conn.execute("VACUUM")  # a database with pages of another size (made elsewhere)
    conn.close()
    assert page_size(db) == 8192
    with Store.open(db) as store:
        assert store.count_documents(search="الكرملين") == 1
        assert store.check() == []
    assert page_size(db) == 8192


def _old_pages(db: Path, seed_text: str) -> None:
    with Store.open(db) as store:
        for n in range(30):
            store.add_document(f"{n} {seed_text}", title=f"t{n}")
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA page_size = 8192")
    conn.execute("VACUUM")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()


def test_vacuum_gives_an_older_database_the_page_size(tmp_path: Path, seed_text: str) -> None:
    db = tmp_path / "old.db"
    _old_pages(db, seed_text)
    before = db.stat().st_size
    with Store.open(db) as store:
        store.vacuum()
        assert store.pragma("page_size") == NEW_DATABASE_PAGE_SIZE
        assert store.pragma("journal_mode") == "wal"
        assert store.count_documents(search="الكرملين") == 30
        assert store.check() == []
    assert db.stat().st_size < before


def test_vacuum_beside_another_connection_keeps_the_pages(tmp_path: Path, seed_text: str) -> None:
    db = tmp_path / "old.db"
    _old_pages(db, seed_text)
    with Store.open(db) as other, Store.open(db) as store:
        assert other.count_documents() == 30
        store.vacuum()  # cannot leave WAL mode while `other` has it open: a plain VACUUM
        assert store.pragma("page_size") == 8192
        assert store.pragma("journal_mode") == "wal"
        assert other.count_documents(search="الكرملين") == 30
        assert store.check() == []
