"""The search index's write buffer: set on new databases, added to older ones."""

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
