"""The search index: its write buffer and compact form on new databases; older ones keep theirs."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from corpus.store import Batching, Store, migrations

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
    db = tmp_path / "v5.db"
    version_5_database(db, ["وفد بالصين"])
    with Store.open(db) as store:
        assert store.schema_version == migrations()[-1][0] >= 6
        assert [r.id for r in store.list_documents(search="الصين")] == [1]
        new = store.add_document("سافر للصين", title="n")
        assert [r.id for r in store.list_documents(search="الصين")] == [1, new]
        assert store.check() == []
    assert "detail" not in index_sql(db)


# --------------------------------------------------------------------- tawsim reindex

OLD_TEXTS = [
    "عقد الاجتماع بالصين",
    "وللصين علاقات قديمة",
    "هطلت الأمطار على الرياض",
    "زار الوزير بكين ثم الرياض",
]


def version_5_database(db: Path, texts: list[str]) -> None:
    """A database as Tawsim version 5 left it: migrations 1-5, its documents ``texts``
    (titled "old N") in an index with positions (detail=full), filled as it filled it."""
    from corpus.arabic import normalize_for_search
    from corpus.store import _split_sql

    conn = sqlite3.connect(db, isolation_level=None)
    for number, sql in migrations():
        if number <= 5:
            for statement in _split_sql(sql.read_text(encoding="utf-8")):
                conn.execute(statement)
    conn.execute("PRAGMA user_version = 5")
    conn.execute("BEGIN")
    for i, text in enumerate(texts, 1):
        conn.execute(
            "INSERT INTO documents (id, title, text, length, sha256, imported_at) "
            "VALUES (?, ?, ?, ?, ?, '2026-01-01')",
            (i, f"old {i}", text, len(text), f"sha{i}"),
        )
        conn.execute(
            "INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)",
            (i, normalize_for_search(f"old {i}"), normalize_for_search(text)),
        )
    conn.execute("COMMIT")
    conn.close()


def full_index_database(db: Path, count: int) -> None:
    """A version 5 database of ``count`` documents (OLD_TEXTS in turn, numbered)."""
    version_5_database(
        db, [f"{OLD_TEXTS[i % len(OLD_TEXTS)]} رقم {i}" for i in range(1, count + 1)]
    )


def expected(count: int, word: str) -> list[int]:
    from corpus.arabic import find_hits

    return [i for i in range(1, count + 1) if find_hits(OLD_TEXTS[i % len(OLD_TEXTS)], word)]


def index_rowids(store: Store, table: str, word: str) -> list[int]:
    """What the index itself answers (no join with documents: stale rows would show)."""
    from corpus.arabic import fts_query

    rows = store._conn.execute(
        f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid", (fts_query(word),)
    )
    return [r[0] for r in rows]


SMALL = Batching(documents=7, seconds=60, pause_seconds=0)


def test_reindex_makes_an_older_index_compact_and_search_answers_the_same(
    tmp_path: Path,
) -> None:
    db = tmp_path / "old.db"
    full_index_database(db, 40)
    with Store.open(db) as store:
        assert store.search_index() == {"detail": "full", "reindex_pending": 0}
        before = {w: [r.id for r in store.list_documents(search=w)] for w in ("الصين", "الرياض")}
        assert before["الصين"] == expected(40, "الصين") != []
        seen: list[tuple[int, int]] = []
        assert (
            store.reindex(progress=lambda done, total: seen.append((done, total)), batching=SMALL)
            == 40
        )
        assert seen[0] == (0, 40) and seen[-1] == (40, 40) and len(seen) >= 40 // 7
        assert store.search_index() == {"detail": "none", "reindex_pending": 0}
        for word, ids in before.items():
            assert [r.id for r in store.list_documents(search=word)] == ids
        assert store.check() == []
        assert store.reindex() == 0  # compact already
        tables = {r[0] for r in store._conn.execute("SELECT name FROM sqlite_master")}
        assert not any(name.startswith(("documents_fts_full", "search_reindex")) for name in tables)
        store.vacuum()
    assert "detail = none" in index_sql(db)


class Stop(Exception):
    pass


def test_an_interrupted_reindex_keeps_search_whole_and_resumes(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    full_index_database(db, 40)
    with Store.open(db) as store:
        china = expected(40, "الصين")

        def stop_after_two_batches(done: int, total: int) -> None:
            if done >= 14:
                raise Stop

        with pytest.raises(Stop):
            store.reindex(progress=stop_after_two_batches, batching=SMALL)
        assert store.search_index() == {"detail": "none", "reindex_pending": 26}
        # Half in each index: search still finds every document, once.
        assert [r.id for r in store.list_documents(search="الصين")] == china
        assert store.count_documents(search="الصين") == len(china)
        assert store.check() == []
        # Writes meanwhile: a new document goes to the new index; a moved one and a
        # waiting one are deleted from wherever they are.
        new = store.add_document("وصل الوفد للصين", title="new")
        store.delete_document(china[0])  # moved already (ids go in order)
        store.delete_document(china[-1])  # still waiting
        now = [*china[1:-1], new]
        assert [r.id for r in store.list_documents(search="الصين")] == now
        assert store.stats()["search_index"]["reindex_pending"] == 25
    # A kill inside a batch: its transaction never commits, nothing of it stays.
    with Store.open(db) as store:
        assert store.search_index()["reindex_pending"] == 25
        assert store.reindex(batching=SMALL) == 25
        assert [r.id for r in store.list_documents(search="الصين")] == now
        assert index_rowids(store, "documents_fts", "الصين") == now
        assert store.check() == []


def test_a_kill_inside_a_reindex_batch_loses_that_batch_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import corpus.store as store_module

    db = tmp_path / "old.db"
    full_index_database(db, 30)
    real = store_module.normalize_for_search
    calls = {"n": 0}

    def dies_on_the_twentieth_title(text: str) -> str:
        calls["n"] += 1
        if calls["n"] == 2 * 20 - 1:  # title and text of each document
            raise KeyboardInterrupt
        return real(text)

    with Store.open(db) as store:
        monkeypatch.setattr(store_module, "normalize_for_search", dies_on_the_twentieth_title)
        with pytest.raises(KeyboardInterrupt):
            store.reindex(batching=SMALL)
        monkeypatch.setattr(store_module, "normalize_for_search", real)
        # Batches of 7: 14 moved, the third batch (documents 15 to 21) rolled back.
        assert store.search_index()["reindex_pending"] == 16
        assert index_rowids(store, "documents_fts", "رقم") == list(range(1, 15))
        assert store.reindex() == 16
        assert index_rowids(store, "documents_fts", "رقم") == list(range(1, 31))
        assert store.check() == []


def test_a_writer_is_not_locked_out_while_reindexing(tmp_path: Path) -> None:
    """Another connection's writes (documents, so the index too) go in between batches."""
    import threading

    db = tmp_path / "busy.db"
    full_index_database(db, 600)
    started, stop = threading.Event(), threading.Event()
    seen_pending: list[int] = []
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            with Store.open(db) as store:
                started.wait(60)
                while not stop.is_set():
                    store.add_document(f"خبر جديد رقم {len(seen_pending)}", title="w")
                    seen_pending.append(store.search_index()["reindex_pending"])
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        with Store.open(db) as store:

            def report(done: int, total: int) -> None:
                started.set()

            store.reindex(progress=report, batching=Batching(documents=10, pause_seconds=0.003))
    finally:
        stop.set()
        thread.join(60)
    assert errors == []
    # Some of the writes landed while documents were still waiting to move.
    assert any(0 < n < 600 for n in seen_pending), seen_pending[:20]
    with Store.open(db) as store:
        # Each document the writer stored is found by the compact index.
        assert store.count_documents(search="جديد") == len(seen_pending) > 0
        assert store.count_documents() == 600 + len(seen_pending)
        assert store.check() == []


def test_reindexed_index_is_the_one_a_new_database_gets(tmp_path: Path) -> None:
    old, new = tmp_path / "old.db", tmp_path / "new.db"
    full_index_database(old, 3)
    with Store.open(old) as store:
        store.reindex()
    Store.open(new).close()
    assert re.sub(r"\s", "", index_sql(old)) == re.sub(r"\s", "", index_sql(new))
    assert fts_setting(old, "hashsize") == fts_setting(new, "hashsize") == BUFFER


def test_a_package_of_a_half_reindexed_database_is_whole_and_compact(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    full_index_database(db, 20)
    with Store.open(db) as store:
        with pytest.raises(Stop):
            store.reindex(progress=lambda done, total: _stop_at(done, 7), batching=SMALL)
        assert store.search_index()["reindex_pending"] == 13
        keep = expected(20, "الصين")
        store.write_package(tmp_path / "pack.db", keep)
    with Store.open(tmp_path / "pack.db") as package:
        assert package.search_index() == {"detail": "none", "reindex_pending": 0}
        assert [r.id for r in package.list_documents(search="الصين")] == keep
        assert package.check() == []


def _stop_at(done: int, at: int) -> None:
    if done >= at:
        raise Stop


def test_cli_reindex_and_stats_say_what_the_index_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from corpus.cli import main

    db = tmp_path / "old.db"
    full_index_database(db, 12)
    assert main(["stats", "--db", str(db)]) == 0
    assert "`tawsim reindex` makes it compact" in capsys.readouterr().out
    assert main(["reindex", "--db", str(db), "--json", "--vacuum"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "reindexed": 12,
        "vacuumed": True,
        "detail": "none",
        "reindex_pending": 0,
    }
    assert main(["reindex", "--db", str(db)]) == 0
    assert capsys.readouterr().out == "the search index was compact already\n"
    assert main(["docs", "--db", str(db), "--search", "الصين", "--json"]) == 0
    assert [row["id"] for row in json.loads(capsys.readouterr().out)] == expected(12, "الصين")
