"""The search index: its write buffer and compact form on new databases; older ones keep theirs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from corpus.store import Store, migrations

BUFFER = 32 * 1024 * 1024


def fts_setting(db: Path, key: str) -> object:
    conn = sqlite3.connect(db)
    try:
        row = conn.execute("SELECT v FROM documents_fts_config WHERE k = ?", (key,)).fetchone()
    finally:
        conn.close()
    return row[0] if row else None


def test_new_database_has_the_larger_index_buffer(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    Store.open(db).close()
    assert fts_setting(db, "hashsize") == BUFFER


def test_version_1_database_is_migrated_with_its_documents(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Store.open(db) as store:
        store.add_document("وقال ديمتري بيسكوف المتحدث باسم الكرملين", title="قديم")
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM documents_fts_config WHERE k = 'hashsize'")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    assert fts_setting(db, "hashsize") is None

    with Store.open(db) as store:
        assert store.schema_version == migrations()[-1][0] >= 2
        assert store.count_documents(search="الكرملين") == 1
        assert store.check() == []
    assert fts_setting(db, "hashsize") == BUFFER


def index_sql(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        row = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'documents_fts'").fetchone()
    finally:
        conn.close()
    return str(row[0])


def test_new_database_index_keeps_no_positions(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    with Store.open(db) as store:
        doc = store.add_document("عقد الاجتماع بالصين ثم في بكين", title="خبر")
        assert [r.id for r in store.list_documents(search="الصين بكين")] == [doc]
        assert [r.id for r in store.list_documents(search="بكي*")] == [doc]
    assert "detail = none" in index_sql(db)


def test_a_database_with_documents_keeps_its_full_index_and_answers_the_same(
    tmp_path: Path,
) -> None:
    """Version 6 rebuilds only an empty index; an older full one answers the same queries."""
    from corpus.store import _split_sql

    db = tmp_path / "v5.db"
    conn = sqlite3.connect(db, isolation_level=None)
    for number, sql in migrations():
        if number <= 5:
            for statement in _split_sql(sql.read_text(encoding="utf-8")):
                conn.execute(statement)
    conn.execute("PRAGMA user_version = 5")
    conn.execute(
        "INSERT INTO documents (title, text, length, sha256, imported_at) "
        "VALUES ('t', 'وفد بالصين', 10, 'abc', '2026-01-01')"
    )
    conn.execute("INSERT INTO documents_fts (rowid, title, text) VALUES (1, 't', 'وفد بالصين')")
    conn.close()
    with Store.open(db) as store:
        assert store.schema_version == migrations()[-1][0] >= 6
        assert [r.id for r in store.list_documents(search="الصين")] == [1]
        new = store.add_document("سافر للصين", title="n")
        assert [r.id for r in store.list_documents(search="الصين")] == [1, new]
        assert store.check() == []
    assert "detail" not in index_sql(db)
