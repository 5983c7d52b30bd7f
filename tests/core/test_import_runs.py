"""Imports commit in bounded steps, other writers get in between, and runs are recorded.

No timing assertions: the tests wait for conditions (documents visible, a writer's
output) and check what was stored.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import corpus.importers
from corpus.importers import import_paths
from corpus.store import Batching, Store

WAIT_S = 120  # for conditions only; a loaded machine may take long to start a process


def write_jsonl(path: Path, count: int, first: int = 0) -> list[str]:
    """``count`` small distinct records; returns their external ids."""
    ids = []
    with path.open("w", encoding="utf-8") as out:
        for i in range(first, first + count):
            ids.append(f"r{i}")
            text = f"خبر رقم {i} عن الاقتصاد والسياسة في المنطقة " * 3
            out.write(json.dumps({"id": ids[-1], "text": text}, ensure_ascii=False) + "\n")
    return ids


def visible_documents(db: Path) -> int:
    """Documents a separate reader sees committed right now (0 before the tables exist)."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    except sqlite3.OperationalError:
        return 0
    try:
        return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def wait_for(condition: object, proc: subprocess.Popen[bytes], what: str) -> None:
    assert callable(condition)
    deadline = time.monotonic() + WAIT_S
    while not condition():
        assert proc.poll() is None, f"process ended before {what}"
        assert time.monotonic() < deadline, f"no {what} after {WAIT_S} s"
        time.sleep(0.005)


def test_import_commits_in_several_transactions_and_records_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "news.jsonl"
    ids = write_jsonl(source, 1000)
    monkeypatch.setattr(corpus.importers, "IMPORT_BATCHING", Batching(documents=100))
    with Store.open(tmp_path / "t.db") as store:
        summary = import_paths(store, [source], "jsonl", corpus.importers.ImportOptions())
        assert summary.imported == 1000
        (run,) = store.stats()["import_runs"]
        # 100 documents at most per transaction: at least 10 commits.
        assert run["commits"] >= 10
        assert run["state"] == "done" and run["finished_at"]
        assert run["sources"] == [str(source.resolve())] and run["format"] == "jsonl"
        assert (run["imported"], run["duplicates"], run["rejected"]) == (1000, 0, 0)
        assert sorted(d.external_id or "" for d in store.iter_documents()) == sorted(ids)
        assert store.count_documents(search="الاقتصاد") == 1000
        assert store.check() == []


def test_one_transaction_without_batching(store: Store) -> None:
    """The API without ``batching`` keeps its all-or-nothing call."""
    from corpus.model import NewDocument

    def docs() -> object:
        yield NewDocument(text="أول")
        yield NewDocument(text="ثان")
        raise RuntimeError("reader failed")

    with pytest.raises(RuntimeError):
        store.add_documents(docs())  # type: ignore[arg-type]
    assert store.count_documents() == 0


WRITER = """
import sys
from corpus.store import Store
store = Store.open(sys.argv[1])
doc = int(sys.argv[2])
final = int(sys.argv[3])
print("ready", flush=True)
i = 0
while True:
    seen = store.count_documents()
    try:
        store.add_entity(doc, "writer", i % 5000, i % 5000 + 1, "PER")
        print("ok", seen, flush=True)
    except Exception as exc:
        print("FAIL", type(exc).__name__, str(exc).replace("\\n", " "), flush=True)
    i += 1
    if seen >= final:
        break
"""


def test_a_writer_in_another_process_gets_in_while_a_big_import_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "t.db"
    source = tmp_path / "big.jsonl"
    count = 6000
    write_jsonl(source, count)
    with Store.open(db) as store:
        doc = store.add_document("ا" * 6000, title="للتوسيم")
        store.add_entity(doc, "writer", 0, 1, "PER")  # the writer's annotator exists
    # Small batches: many gaps in a short import, whatever the machine's speed.
    monkeypatch.setattr(corpus.importers, "IMPORT_BATCHING", Batching(documents=50))
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db), str(doc), str(count + 1)],
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(Path(corpus.__file__).parent.parent)},
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == b"ready"
    # The first write done before the import starts: the writer is in its loop.
    first = writer.stdout.readline().split()
    assert first[0] == b"ok", first
    with Store.open(db) as store:
        summary = import_paths(store, [source], "jsonl", corpus.importers.ImportOptions())
        (run,) = store.stats()["import_runs"]
    out, _ = writer.communicate(timeout=WAIT_S)
    assert writer.returncode == 0
    lines = [line.split() for line in out.decode().splitlines()]
    failures = [b" ".join(line) for line in lines if line[0] == "FAIL"]
    assert failures == [], failures[:3]
    assert summary.imported == count
    assert run["commits"] >= count // 50
    # Writes went in while the import ran: the writer saw it part-way, several times.
    midway = {int(line[1]) for line in lines if 1 < int(line[1]) < count + 1}
    assert len(midway) >= 3, f"writes only landed before or after the import: {sorted(midway)}"
    with Store.open(db) as store:
        assert store.check() == []


def test_killed_import_leaves_whole_documents_and_the_same_command_completes_it(
    tmp_path: Path,
) -> None:
    db = tmp_path / "t.db"
    source = tmp_path / "big.jsonl"
    count = 20000
    ids = write_jsonl(source, count)
    env = {**os.environ, "TAWSIM_DB": str(db)}
    command = [sys.executable, "-m", "corpus", "import", str(source)]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        wait_for(lambda: visible_documents(db) >= 500, proc, "500 documents stored")
    finally:
        proc.kill()
        proc.wait()
    with Store.open(db) as store:
        stored = store.count_documents()
        assert 500 <= stored < count, "the import finished before the kill; cannot test"
        # Whole documents only: each is found through the search index.
        assert store.count_documents(search="الاقتصاد") == stored
        (run,) = store.stats()["import_runs"]
        assert run["state"] == "interrupted"
        assert run["imported"] == stored
        faults = store.check()
    assert len(faults) == 1, faults
    assert f"run {run['id']}" in faults[0] and str(source.resolve()) in faults[0]
    assert "interrupted" in faults[0] and "re-run" in faults[0]
    assert faults[0].endswith(f": tawsim import {source.resolve()}")
    stats = subprocess.run(
        [sys.executable, "-m", "corpus", "stats", "--json"],
        env=env,
        capture_output=True,
        check=True,
    )
    assert json.loads(stats.stdout)["import_runs"][0]["state"] == "interrupted"
    text = subprocess.run(
        [sys.executable, "-m", "corpus", "stats"], env=env, capture_output=True, check=True
    ).stdout.decode()
    assert f"interrupted import run {run['id']} of {source.resolve()}" in text
    assert "imports     interrupted 1" in text

    again = subprocess.run([*command, "--json"], env=env, capture_output=True, check=True)
    summary = json.loads(again.stdout)
    assert (summary["imported"], summary["duplicates"]) == (count - stored, stored)
    with Store.open(db) as store:
        assert sorted(d.external_id or "" for d in store.iter_documents()) == sorted(ids)
        old, new = store.stats()["import_runs"]
        assert (old["state"], old["superseded_by"]) == ("superseded", new["id"])
        assert new["state"] == "done"
        assert store.check() == []


def test_an_export_read_holds_no_snapshot_between_pages(tmp_path: Path) -> None:
    """Exports read page by page: while one waits between pages, the WAL can be
    checkpointed to nothing, and what it yields is still every pair once, in order."""
    db = tmp_path / "t.db"
    source = tmp_path / "news.jsonl"
    write_jsonl(source, 600)
    with Store.open(db) as store, Store.open(db) as other:
        import_paths(store, [source], "jsonl", corpus.importers.ImportOptions())
        ids = store.document_ids()
        store.set_statuses(ids, "mona", "done")
        items = store.iter_annotated(status="done")
        first = next(items)
        other.add_entity(ids[-1], "ali", 0, 3, "PER")
        checkpoint = sqlite3.connect(db, timeout=0.1)
        try:
            busy, _, _ = checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            checkpoint.close()
        assert busy == 0, "an open read snapshot kept the WAL from being checkpointed"
        rest = list(items)
    assert [item.document.id for item in [first, *rest]] == ids
    assert {item.annotator for item in [first, *rest]} == {"mona"}


def test_check_gives_the_command_that_completes_an_interrupted_run(store: Store) -> None:
    options = {
        "text_field": "body",
        "id_field": None,
        "title_field": None,
        "tagset": "default",
        "label_map": {"PERS": "PER"},
        "offsets": "auto",
        "annotator": "mona",
    }
    run_id = store.start_import_run(["/data/a b.jsonl"], "jsonl-annotated", options)
    # Still running in a live process (this one): not a finding.
    assert [run["state"] for run in store.import_runs()] == ["running"]
    assert store.check() == []
    store.interrupt_import_run(run_id)
    (fault,) = store.check()
    assert fault.endswith(
        ": tawsim import '/data/a b.jsonl' --format jsonl-annotated --text-field body "
        "--as-annotator mona --map PERS=PER"
    )
    again = store.start_import_run(["/data/a b.jsonl"], "jsonl-annotated", options)
    store.finish_import_run(again, rejected=2)
    old, new = store.import_runs()
    assert (old["state"], old["superseded_by"]) == ("superseded", again)
    assert (new["state"], new["rejected"]) == ("done", 2)
    assert store.check() == []
