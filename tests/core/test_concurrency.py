"""Several processes on one database at once; databases that are not ours are left alone.

A writer subprocess (``annotation_writer.py``) annotates continuously while this
test runs the CLI's readers, a backup, an export and an import beside it: nobody
may fail with ``database is locked`` and nothing acknowledged may go missing.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from annotation_writer import Ledger, WriterProcess, verify

from corpus.errors import StoreVersionError
from corpus.store import Store

pytestmark = pytest.mark.slow


def tawsim(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run the CLI in its own process, as a user's second program would."""
    result = subprocess.run(
        [sys.executable, "-m", "corpus", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
    )
    assert "locked" not in result.stderr, result.stderr
    return result


def annotation_total(stats: dict[str, dict[str, dict[str, int]]]) -> int:
    return sum(n for labels in stats["annotations"].values() for n in labels.values())


def write_articles(path: Path, tag: str, count: int, body: str) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            record = {"id": f"{tag}-{i}", "text": f"{tag} {i}\n{body}"}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def test_readers_backup_export_and_import_beside_a_writer(tmp_path: Path, seed_text: str) -> None:
    db = tmp_path / "busy.db"
    stop = tmp_path / "stop"
    writer = WriterProcess(db, "--pause-ms", "2", "--stop-file", str(stop))
    writer.wait_for(acknowledged=20)
    doc_id = writer.ledger.doc_id
    assert doc_id is not None
    documents = 1
    last_total = 0
    for cycle in range(2):
        acked_before = len(writer.acknowledged())

        listed = tawsim("docs", "--db", db, "--json")
        assert listed.returncode == 0, listed.stderr
        assert len(json.loads(listed.stdout)) == documents

        stats = tawsim("stats", "--db", db, "--json")
        assert stats.returncode == 0, stats.stderr
        total = annotation_total(json.loads(stats.stdout))
        assert total >= max(acked_before, last_total)
        assert total <= len(writer.acknowledged()) + 1
        last_total = total

        snapshot = writer.acknowledged()
        copy = tmp_path / f"backup-{cycle}.db"
        backup = tawsim("backup", "--db", db, copy)
        assert backup.returncode == 0, backup.stderr
        with Store.open(copy) as copied:
            assert copied.check() == []
            held = {a.uuid for a in copied.annotations(doc_id, "writer")}
        assert snapshot <= held, f"the backup lacks {len(snapshot - held)} acknowledged annotations"
        assert len(held) <= len(writer.acknowledged()) + 1

        snapshot_count = len(writer.acknowledged())
        exported = tawsim(
            "export",
            "--db",
            db,
            "--format",
            "jsonl",
            "--status",
            "any",
            "--out",
            tmp_path / f"export-{cycle}.jsonl",
            "--json",
        )
        assert exported.returncode == 0, exported.stderr
        assert json.loads(exported.stdout)["annotations"] >= snapshot_count

        articles = tmp_path / f"more-{cycle}.jsonl"
        write_articles(articles, f"cycle{cycle}", 400, seed_text)
        imported = tawsim("import", "--db", db, "--json", articles)
        assert imported.returncode == 0, imported.stderr
        assert json.loads(imported.stdout)["imported"] == 400
        documents += 400

        checked = tawsim("check", "--db", db)
        assert checked.returncode == 0, checked.stdout + checked.stderr

        assert writer.proc.poll() is None, f"the writer died: {writer.stderr}"
        assert len(writer.acknowledged()) > acked_before, "the writer made no progress"
    stop.touch()
    assert writer.finish() == 0, writer.stderr
    assert writer.ledger.in_flight is None
    with Store.open(db) as store:
        verify(store, writer.ledger, "writer")
        assert len(store.annotations(doc_id, "writer")) == writer.ledger.acknowledged
        assert store.count_documents() == documents
        assert store.check() == []


@pytest.mark.parametrize("second_via", ["api", "cli"])
def test_two_writers_on_a_new_database(tmp_path: Path, second_via: str) -> None:
    """Both create the file, migrate, add the same article and annotate it, at once."""
    db = tmp_path / "shared.db"
    go = tmp_path / "go"
    ops = ["--ops", "mixed"] if second_via == "api" else []
    writers = {
        "ana": WriterProcess(
            db,
            "--annotator",
            "ana",
            "--seed",
            "1",
            "--ops",
            "mixed",
            "--count",
            "300",
            "--pause-ms",
            "1",
            "--go-file",
            str(go),
        ),
        "bob": WriterProcess(
            db,
            "--annotator",
            "bob",
            "--seed",
            "2",
            "--via",
            second_via,
            *ops,
            "--count",
            "300",
            "--pause-ms",
            "1",
            "--go-file",
            str(go),
        ),
    }
    # Both created or opened the database and stored the article on their own;
    # their writes then start at once, even when one took seconds to start.
    for writer in writers.values():
        writer.wait_for(acknowledged=0)
    go.touch()
    for name, writer in writers.items():
        assert writer.finish() == 0, f"{name}: {writer.stderr}"
        assert writer.stderr == ""
    with Store.open(db) as store:
        assert store.count_documents() == 1
        for name, writer in writers.items():
            ledger: Ledger = writer.ledger
            assert ledger.in_flight is None
            assert ledger.acknowledged == 300
            verify(store, ledger, name)
            stored = {a.uuid for a in store.annotations(1, name)}
            assert stored == set(ledger.live())
            assert store.status(1, name) == "in_progress"
        assert store.check() == []
        order = [e.annotator for e in store.events(1)]
    # The two really wrote at the same time: their changes interleave in the log.
    switches = sum(1 for a, b in itertools.pairwise(order) if a != b)
    assert switches >= 10, f"the writers hardly overlapped ({switches} switches)"


# Imports first, then "ready", then a blocking read: the store is opened the
# moment the test writes "go", by all of them at once however slowly each started.
OPEN_AT_ONCE = """
import sys
from corpus.store import Store
print("ready", flush=True)
sys.stdin.readline()
with Store.open(sys.argv[1]) as store:
    store.add_document("نص واحد يضيفه الجميع", title="مشترك")
"""


def test_processes_opening_a_new_database_at_the_same_instant(tmp_path: Path) -> None:
    """They race to create, migrate and switch it to WAL: every one must succeed."""
    for round_number in range(4):
        db = tmp_path / f"new-{round_number}.db"
        openers = [
            subprocess.Popen(
                [sys.executable, "-c", OPEN_AT_ONCE, str(db)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
            for _ in range(4)
        ]
        for opener in openers:
            assert opener.stdout is not None
            assert opener.stdout.readline() == "ready\n", opener.communicate()[1]
        for opener in openers:
            assert opener.stdin is not None
            opener.stdin.write("go\n")
            opener.stdin.flush()
        for opener in openers:
            _, err = opener.communicate(timeout=120)
            assert opener.returncode == 0, err
        with Store.open(db) as store:
            assert store.count_documents() == 1
            assert store.pragma("journal_mode") == "wal"
            assert store.check() == []


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_database_newer_than_the_code_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "future.db"
    with Store.open(db) as store:
        store.add_document("نص من المستقبل")
        latest = store.schema_version
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {latest + 7}")
    conn.close()
    before = files_of(tmp_path)

    with pytest.raises(StoreVersionError, match="newer") as refused:
        Store.open(db)
    assert str(latest + 7) in str(refused.value)
    assert files_of(tmp_path) == before

    result = tawsim("stats", "--db", db)
    assert result.returncode == 1
    assert result.stdout == ""
    message = result.stderr.strip()
    assert "\n" not in message
    assert "newer" in message and str(db) in message and "not changed" in message
    assert files_of(tmp_path) == before


def test_sqlite_file_of_another_program_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('مرحبا')")
    conn.commit()
    conn.close()
    before = files_of(tmp_path)

    with pytest.raises(StoreVersionError, match="not Tawsim"):
        Store.open(db)
    result = tawsim("docs", "--db", db)
    assert result.returncode == 1
    assert "not Tawsim" in result.stderr and result.stderr.count("\n") == 1
    assert files_of(tmp_path) == before
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    conn.close()


def test_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "article.db"
    db.write_text("ليس قاعدة بيانات\n" * 200, encoding="utf-8")
    before = files_of(tmp_path)
    with pytest.raises(StoreVersionError, match="not a SQLite database"):
        Store.open(db)
    result = tawsim("stats", "--db", db)
    assert result.returncode == 1
    assert "not a SQLite database" in result.stderr
    assert files_of(tmp_path) == before
