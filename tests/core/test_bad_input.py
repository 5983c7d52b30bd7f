"""Bad input gets one clear line (file, line, field), never a traceback (issue 7).

Each case keeps the good records, leaves the store consistent and exits with status 1;
our own bugs exit with 3 and say so. Read-only and full disks are real where the test
can make them (a read-only bind mount or a small tmpfs needs root; chmod is enough for
anyone else), and simulated at the SQLite level otherwise (``max_page_count``).
"""

from __future__ import annotations

import csv
import inspect
import io
import json
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import corpus.cli
import corpus.errors
import corpus.store
from corpus.cli import EXIT_BUG, main
from corpus.errors import (
    BugError,
    CorpusError,
    DatabaseBusyError,
    DatabaseCorruptError,
    DiskFullError,
    StoreError,
    UserError,
    ValidationError,
)
from corpus.importers import import_paths
from corpus.importers.records import json_lines
from corpus.model import NewDocument
from corpus.store import Store
from tests.conftest import REPO

DOCCANO_UTF16 = (
    REPO / ".." / "shared" / "data" / "doccano-fixtures" / "data_import" / "tests" / "data"
) / "example.utf16.csv"


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, list[str]]:
    """Exit status, stdout and the non-blank lines of stderr of one tawsim command."""
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, [line for line in err.splitlines() if line.strip()]


def write_lines(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def stored_texts(db: Path) -> list[str]:
    with Store.open(db) as store:
        return [doc.text for doc in store.iter_documents()]


# ---------------------------------------------------------------- JSON values


def test_nan_line_is_rejected_naming_file_line_and_field_and_the_good_record_kept(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db_path: Path
) -> None:
    # The repro: a TypeError at the insert, and the good record lost.
    path = tmp_path / "n.jsonl"
    path.write_bytes(b'{"text":"a b"}\n{"text":"c d","x":NaN}\n')
    code, out, err = run(capsys, "import", path, "--db", db_path)
    assert code == 1
    assert out == "imported 1, duplicates 0, rejected 1\n"
    assert err == [
        f"rejected: {path}:2: field 'x': NaN is not allowed (JSON has no NaN or Infinity)"
    ]
    assert stored_texts(db_path) == ["a b"]
    assert run(capsys, "check", "--db", db_path)[:2] == (0, "ok\n")


def test_infinities_and_overflowing_numbers_name_their_nested_field(
    store: Store, tmp_path: Path
) -> None:
    path = write_lines(
        tmp_path / "inf.jsonl",
        '{"text": "first", "score": Infinity}',
        '{"text": "second", "m": {"v": [1, -Infinity]}}',
        '{"text": "third", "big": 1e999}',
        '{"text": "fourth", "fine": 1.5e300, "neg": -0.0}',
    )
    summary = import_paths(store, [path])
    reasons = {r.line: r.reason for r in summary.rejected}
    assert reasons == {
        1: "field 'score': Infinity is not allowed (JSON has no NaN or Infinity)",
        2: "field 'm.v[1]': -Infinity is not allowed (JSON has no NaN or Infinity)",
        3: "field 'big': 1e999 is not allowed (too big for a number)",
    }
    [doc] = store.iter_documents()
    assert doc.text == "fourth" and doc.metadata == {"fine": 1.5e300, "neg": -0.0}
    assert store.check() == []


def test_nan_in_the_other_json_readers_rejects_only_its_record(
    store: Store, tmp_path: Path
) -> None:
    annotated = write_lines(
        tmp_path / "a.jsonl",
        '{"text": "نص أول", "metadata": {"w": NaN}}',
        '{"text": "نص ثان", "entities": [{"start": 0, "end": 2, "label": "PER"}]}',
    )
    summary = import_paths(store, [annotated], "jsonl-annotated", annotator="mona")
    assert [(r.line, r.reason) for r in summary.rejected] == [
        (1, "field 'metadata.w': NaN is not allowed (JSON has no NaN or Infinity)")
    ]
    assert summary.imported == 1 and summary.annotations == 1
    doccano = write_lines(
        tmp_path / "d.jsonl",
        '{"text": "نص ثالث", "label": [[0, 2, "PER"]], "score": NaN}',
        '{"text": "نص رابع", "label": [[0, 2, "PER"]]}',
    )
    summary = import_paths(store, [doccano], "doccano", annotator="mona")
    assert [(r.line, r.reason) for r in summary.rejected] == [
        (1, "field 'score': NaN is not allowed (JSON has no NaN or Infinity)")
    ]
    assert summary.imported == 1
    assert store.check() == []


@pytest.mark.parametrize("bad_line", [1, 2])
def test_deeply_nested_line_is_rejected_alone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db_path: Path, bad_line: int
) -> None:
    # 100,000 brackets: a RecursionError used to abort the whole file.
    lines = ['{"text": "الأول"}', '{"text": "الثاني"}']
    lines.insert(bad_line - 1, "[" * 100_000)
    path = write_lines(tmp_path / "deep.jsonl", *lines)
    code, out, err = run(capsys, "import", path, "--db", db_path)
    assert code == 1
    assert out.startswith("imported 2, duplicates 0, rejected 1")
    assert err == [
        f"rejected: {path}:{bad_line}: nested too deeply (arrays or objects inside one another)"
    ]
    assert stored_texts(db_path) == ["الأول", "الثاني"]


def test_duplicate_keys_are_rejected_naming_the_key(store: Store, tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "dup.jsonl",
        '{"text": "a", "text": "b"}',
        '{"text": "c", "meta": {"k": 1, "k": 2}}',
        '{"text": "d", "meta": {"k": 1}, "k": 2}',
    )
    summary = import_paths(store, [path])
    assert {r.line: r.reason for r in summary.rejected} == {
        1: "field 'text' appears twice in one object",
        2: "field 'k' appears twice in one object",
    }
    assert [d.text for d in store.iter_documents()] == ["d"]


def test_title_or_id_that_is_an_object_or_list_is_rejected(store: Store, tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "t.jsonl",
        '{"text": "one", "title": {"ar": "عنوان"}}',
        '{"text": "two", "headline": ["a", "b"]}',
        '{"text": "three", "id": {"n": 1}}',
        '{"text": "four", "title": 2024, "id": 7}',
        '{"text": ["not", "a", "string"]}',
    )
    summary = import_paths(store, [path])
    assert {r.line: r.reason for r in summary.rejected} == {
        1: "field 'title': the title must be a string, not an object",
        2: "field 'headline': the title must be a string, not an array",
        3: "field 'id': the id must be a string or an integer, not an object",
        5: "field 'text': the text must be a string, not an array",
    }
    [doc] = store.iter_documents()
    assert (doc.text, doc.title, doc.external_id) == ("four", "2024", "7")


# ---------------------------------------------------------------- JSON array files


def test_json_array_file_given_as_jsonl_is_imported_whole(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db_path: Path
) -> None:
    one_line = tmp_path / "one.jsonl"
    one_line.write_text('[{"text": "أ"}, {"text": "ب"}, {"text": "ج", "x": NaN}]\n', "utf-8")
    code, out, err = run(capsys, "import", one_line, "--db", db_path)
    assert (code, out) == (1, "imported 2, duplicates 0, rejected 1\n")
    assert err == [
        f"rejected: {one_line}:1: field 'x': NaN is not allowed (JSON has no NaN or Infinity)"
    ]
    spread = tmp_path / "spread.jsonl"
    records = [{"text": f"نص {n}", "id": f"r{n}"} for n in range(5)]
    spread.write_text(json.dumps(records, ensure_ascii=False, indent=2), encoding="utf-8")
    code, out, err = run(capsys, "import", spread, "--db", db_path, "--json")
    assert code == 0 and json.loads(out)["imported"] == 5 and err == []
    with Store.open(db_path) as store:
        ids = [d.external_id for d in store.iter_documents() if d.source == str(spread)]
    assert ids == [f"r{n}" for n in range(5)]
    # Each record keeps the line its object starts on (indent=2: four lines an object).
    assert [item[0] for item in json_lines(spread) if isinstance(item, tuple)] == [2, 6, 10, 14, 18]


def test_content_after_the_array_is_reported_not_dropped_silently(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "two.jsonl"
    path.write_text('[\n{"text": "أول"},\n{"text": "ثان"}\n]\n[{"text": "ضائع"}]\n', "utf-8")
    summary = import_paths(store, [path])
    assert summary.imported == 2
    assert [(r.line, r.reason) for r in summary.rejected] == [
        (5, "not valid JSON: more after the end of the array (not read)")
    ]


# ---------------------------------------------------------------- control characters


def test_c0_control_characters_are_refused_with_their_position(
    store: Store, tmp_path: Path
) -> None:
    kept = "سطر\tبعد علامة\nسطر ثان"
    path = write_lines(
        tmp_path / "c0.jsonl",
        json.dumps({"text": "جرس\u0007هنا"}, ensure_ascii=False),
        json.dumps({"text": kept}, ensure_ascii=False),
        json.dumps({"body": "escape \u001b[31m"}),
    )
    summary = import_paths(store, [path], options=None)
    reasons = {r.line: r.reason for r in summary.rejected}
    assert reasons == {
        1: "control character U+0007 at offset 3 (only tab, newline and carriage return "
        "are allowed)",
        3: "field 'body': control character U+001B at offset 7 (only tab, newline and "
        "carriage return are allowed)",
    }
    # Tab and newline are text: stored exactly, so offsets keep their characters.
    assert [d.text for d in store.iter_documents()] == [kept]
    page = tmp_path / "page.txt"
    page.write_text("صفحة أولى\fصفحة ثانية", encoding="utf-8")
    [rejection] = import_paths(store, [page]).rejected
    assert rejection.source == str(page)
    assert rejection.reason.startswith("control character U+000C at offset 9")


# ---------------------------------------------------------------- encodings


@pytest.mark.skipif(not DOCCANO_UTF16.exists(), reason=f"{DOCCANO_UTF16} is not present")
def test_doccano_utf16_csv_with_a_bom_is_decoded(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    expected = list(csv.DictReader(io.StringIO(DOCCANO_UTF16.read_text(encoding="utf-16"))))
    assert expected, "the fixture has rows"
    code, out, err = run(capsys, "import", DOCCANO_UTF16, "--db", db_path)
    assert (code, err) == (0, [])
    assert out == f"imported {len(expected)}, duplicates 0, rejected 0\n"
    with Store.open(db_path) as store:
        docs = list(store.iter_documents())
    assert [d.text for d in docs] == [row["text"] for row in expected]
    assert [d.metadata for d in docs] == [{"label": row["label"]} for row in expected]


def test_utf16_without_a_bom_is_refused_saying_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db_path: Path
) -> None:
    for name, data in [
        ("le.csv", "text,label\nنص عربي,موجب\nآخر,سالب\n".encode("utf-16-le")),
        ("be.jsonl", '{"text": "خبر اليوم"}\n'.encode("utf-16-be")),
        ("le.txt", "مقالة قصيرة عن الطقس.\n".encode("utf-16-le")),
    ]:
        path = tmp_path / name
        path.write_bytes(data)
        code, out, err = run(capsys, "import", path, "--db", db_path)
        order = "big-endian" if name.startswith("be") else "little-endian"
        assert code == 1 and out.startswith("imported 0,")
        assert err == [
            f"rejected: {path}: looks like UTF-16 ({order}) without a byte-order mark (a NUL "
            "in every other byte): save it as UTF-8, or as UTF-16 with a byte-order mark"
        ]
    assert stored_texts(db_path) == []


def test_utf16_and_utf32_with_a_bom_are_decoded_in_every_plain_format(
    store: Store, tmp_path: Path
) -> None:
    (tmp_path / "a.jsonl").write_bytes(
        '{"text": "خبر أول"}\n{"text": "خبر ثان"}\n'.encode("utf-16")
    )
    (tmp_path / "b.txt").write_bytes("مقالة بترميز آخر".encode("utf-32"))
    (tmp_path / "c.csv").write_bytes(b"\xfe\xff" + "text\nسطر الجدول\n".encode("utf-16-be"))
    summary = import_paths(store, [tmp_path])
    assert summary.rejected == [] and summary.imported == 4
    assert sorted(d.text for d in store.iter_documents()) == sorted(
        ["خبر أول", "خبر ثان", "مقالة بترميز آخر", "سطر الجدول"]
    )


# ---------------------------------------------------------------- annotator names

BAD_NAMES = {
    "": "an annotator needs a name (this one is empty)",
    "   ": "an annotator needs a name (this one is empty)",
    "mona\nali": "an annotator name must be one line (line break at character 4)",
    "mona\u2028ali": "an annotator name must be one line (line break at character 4)",
    "mo\x07na": "an annotator name cannot hold control character U+0007 (at character 2)",
    "م" * 201: "an annotator name has at most 200 characters (this one has 201)",
}


@pytest.mark.parametrize("name", list(BAD_NAMES), ids=["empty", "blank", "lf", "ls", "bel", "201"])
def test_bad_annotator_names_are_refused_by_the_store(seeded: tuple[Store, int], name: str) -> None:
    store, doc_id = seeded
    for attempt in (
        lambda: store.add_entity(doc_id, name, 0, 3, "PER"),
        lambda: store.set_status(doc_id, name, "done"),
        lambda: store.add_annotator(name),
    ):
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert str(refused.value) == BAD_NAMES[name]
    assert store.annotators() == [] and store.annotations(doc_id) == []


def test_a_name_of_200_characters_is_fine(seeded: tuple[Store, int]) -> None:
    store, doc_id = seeded
    store.add_entity(doc_id, " " + "م" * 200 + " ", 0, 3, "PER")
    assert store.annotators() == ["م" * 200]


def test_bad_annotator_names_are_refused_on_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, db_path: Path
) -> None:
    seed = write_lines(tmp_path / "s.jsonl", '{"text": "محمد في القاهرة", "id": "s1"}')
    assert run(capsys, "import", seed, "--db", db_path)[0] == 0
    code, _, err = run(
        capsys,
        "annotate",
        "s1",
        "--db",
        db_path,
        "--annotator",
        "a\nb",
        "--layer",
        "entity",
        "--start",
        "0",
        "--end",
        "4",
        "--label",
        "PER",
    )
    assert (code, err) == (
        1,
        ["tawsim annotate: error: an annotator name must be one line (line break at character 1)"],
    )
    code, _, err = run(capsys, "status", "s1", "done", "--db", db_path, "--annotator", " ")
    assert (code, err) == (1, ["tawsim status: error: " + BAD_NAMES[""]])
    labelled = write_lines(
        tmp_path / "l.jsonl",
        '{"text": "نص جديد", "entities": [{"start": 0, "end": 2, "label": "PER"}]}',
    )
    long_name = "م" * 201
    code, out, err = run(
        capsys,
        "import",
        labelled,
        "--format",
        "jsonl-annotated",
        "--as-annotator",
        long_name,
        "--db",
        db_path,
    )
    assert (code, out, err) == (1, "", ["tawsim import: error: " + BAD_NAMES[long_name]])
    assert stored_texts(db_path) == ["محمد في القاهرة"]
    with Store.open(db_path) as store:
        assert store.annotators() == []


def test_an_imported_records_bad_annotator_rejects_that_record_only(store: Store) -> None:
    from corpus.importers.base import premade_entity

    doc = NewDocument(text="نص فيه اسم", annotations=(premade_entity(0, 2, "PER"),))
    outcome = store.add_documents([doc], annotator="two\nlines")
    assert [why for _, why in outcome.rejected] == [
        "an annotator name must be one line (line break at character 3)"
    ]
    assert outcome.imported == [] and store.document_ids() == [] and store.annotators() == []


# ---------------------------------------------------------------- read-only and full disks


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True, check=False).returncode == 0


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """``path`` (file or folder) read-only for real: chmod stops a user, not root, so
    root gets a read-only bind mount of it."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(mode & ~0o222)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    if not _mount("--bind", str(path), str(path)):
        pytest.skip("running as root without permission to mount: chmod does not stop root")
    try:
        assert _mount("-o", "remount,bind,ro", str(path)), "cannot remount read-only"
        yield
    finally:
        subprocess.run(["umount", str(path)], check=True)


@contextmanager
def tmpfs(folder: Path, size: str) -> Iterator[Path]:
    """``folder`` on a tmpfs of ``size`` (root only; test_store_full_disk_* simulates a
    full disk for anyone)."""
    folder.mkdir()
    if os.geteuid() != 0 or not _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)):
        pytest.skip("a small tmpfs needs root; test_store_full_disk_* simulates a full disk")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """Room for a small database and little more."""
    with tmpfs(tmp_path / "small-disk", "256k") as folder:
        yield folder


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """Room for less than any export of the test's database."""
    with tmpfs(tmp_path / "tiny-disk", "48k") as folder:
        yield folder


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def make_db(db: Path, documents: int = 3, annotator: str | None = None) -> None:
    with Store.open(db) as store:
        ids = [
            store.add_document(f"الخبر رقم {n} عن {'المدينة ' * (n % 7)}") for n in range(documents)
        ]
        if annotator:
            store.set_statuses(ids, annotator, "done")
            for doc_id in ids[:20]:
                store.add_entity(doc_id, annotator, 0, 5, "PER")


def annotate_first_word(capsys: pytest.CaptureFixture[str], db: Path) -> tuple[int, str, list[str]]:
    """``tawsim annotate`` of document 1's first five characters as PER, by mona."""
    return run(
        capsys,
        "annotate",
        "1",
        "--db",
        db,
        "--annotator",
        "mona",
        "--layer",
        "entity",
        "--start",
        "0",
        "--end",
        "5",
        "--label",
        "PER",
    )


def test_read_only_database_file_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "ro.db"
    make_db(db)
    before = files_in(tmp_path)
    with read_only(db):
        code, out, err = annotate_first_word(capsys, db)
        assert (code, out) == (1, "")
        [line] = err
        assert line.startswith(f"tawsim annotate: error: {db}: the database file is read-only")
        assert run(capsys, "stats", "--db", db)[0] == 1
    assert files_in(tmp_path) == before


def test_database_in_a_read_only_folder_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "shelf"
    folder.mkdir()
    make_db(folder / "old.db")
    before = files_in(folder)
    with read_only(folder):
        code, out, err = run(capsys, "stats", "--db", folder / "new.db")
        assert (code, out) == (1, "")
        assert err == [
            f"tawsim stats: error: {folder / 'new.db'}: its folder {folder} is read-only"
            + (" (it is on a read-only disk)" if os.geteuid() == 0 else "")
            + "; SQLite needs to create new.db-wal and new.db-shm beside the database (make "
            "the folder writable, or move the database)"
        ]
        code, out, err = run(capsys, "stats", "--db", folder / "old.db")
        assert (code, out, len(err)) == (1, "", 1) and "read-only" in err[0]
    assert files_in(folder) == before


@pytest.mark.parametrize("fmt", ["jsonl", "conll", "parquet", "brat"])
def test_export_into_a_read_only_folder_is_one_line_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    db = tmp_path / "x.db"
    make_db(db, annotator="mona")
    out_folder = tmp_path / "out"
    out_folder.mkdir()
    with read_only(out_folder):
        code, out, err = run(
            capsys, "export", "--db", db, "--format", fmt, "--out", out_folder / f"data.{fmt}"
        )
        assert (code, out, len(err)) == (1, "", 1)
        assert err[0].startswith(f"tawsim export: error: {out_folder}")
        assert ": cannot write: " in err[0] or ": cannot create folder: " in err[0]
        assert err[0].endswith(("Read-only file system", "Permission denied"))
    assert list(out_folder.iterdir()) == []


def test_import_onto_a_full_disk_is_one_line_and_the_store_stays_consistent(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, small_disk: Path
) -> None:
    db = small_disk / "full.db"
    make_db(db)
    texts = [f"{n} " + " ".join(f"كلمة{(n * 7 + k) % 997}" for k in range(300)) for n in range(400)]
    source = write_lines(tmp_path / "big.jsonl", *(json.dumps({"text": t}) for t in texts))
    code, out, err = run(capsys, "import", source, "--db", db)
    assert (code, out) == (1, "")
    assert err == [
        f"tawsim import: error: {db}: the disk is full; the last change was not saved (free "
        "some space and try again)"
    ]
    with Store.open(db) as store:
        # Sound; the import run the full disk stopped is reported (its record could not
        # be marked, the disk was full: how far it got depends on where the disk filled).
        faults = store.check()
        assert all(f.startswith("import: run ") and "was interrupted" in f for f in faults)
        assert len(faults) <= 1
        stored = [d.text for d in store.iter_documents()]
    # The three first documents, and only whole records of the file (if any went in).
    assert len(stored) >= 3 and set(stored[3:]) <= set(texts)


def test_store_full_disk_is_a_disk_full_error_and_rolls_back(tmp_path: Path) -> None:
    db = tmp_path / "capped.db"
    make_db(db)
    with Store.open(db) as store:
        before = store.stats()
        pages = store.pragma("page_count")
        # SQLite's own "database or disk is full", as on a full disk: no room to grow.
        store._conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        big = [NewDocument(text=f"{n} " + "نص طويل " * 2000) for n in range(20)]
        with pytest.raises(DiskFullError, match="the disk is full"):
            store.add_documents(big)
        assert store.stats() == before
        assert store.check() == []


@pytest.mark.parametrize("fmt", ["jsonl", "conll", "parquet", "brat"])
def test_export_onto_a_full_disk_is_one_line_and_leaves_no_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, tiny_disk: Path, fmt: str
) -> None:
    db = tmp_path / "x.db"
    with Store.open(db) as store:
        words = [f"كلمة{n}" for n in range(3000)]
        ids = [
            store.add_document(" ".join(words[(n * 31 + k * 17) % 3000] for k in range(400)))
            for n in range(150)
        ]
        store.set_statuses(ids, "mona", "done")
    out_path = tiny_disk / f"data.{fmt}"
    code, out, err = run(capsys, "export", "--db", db, "--format", fmt, "--out", out_path)
    assert (code, out, len(err)) == (1, "", 1)
    # The output, or (brat) the hidden folder it is written in before the rename.
    assert err[0].startswith(f"tawsim export: error: {tiny_disk}/")
    assert f"data.{fmt}" in err[0]
    assert ": cannot write: " in err[0] and "No space left on device" in err[0]
    assert list(tiny_disk.iterdir()) == []


# ---------------------------------------------------------------- damaged databases


def damage(db: Path, table: str) -> None:
    """Overwrite the root page of ``table`` with a fixed pattern, as a bad sector would."""
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0
    conn = sqlite3.connect(db)
    (page,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    (size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    with db.open("r+b") as handle:
        handle.seek((page - 1) * size)
        handle.write(bytes((n * 7 + 3) % 256 for n in range(size)))


def test_damaged_table_page_says_damaged_and_check_reports_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "bad.db"
    make_db(db, documents=200, annotator="mona")
    damage(db, "documents")
    code, out, err = run(capsys, "docs", "--db", db)
    assert (code, out, len(err)) == (1, "", 1)
    assert err[0].startswith(f"tawsim docs: error: {db}: the database is damaged (corrupt: ")
    assert "not a SQLite database" not in err[0]
    code, out, err = run(capsys, "check", "--db", db)
    assert code == 1
    assert out.startswith("integrity: ") and "restore the database from a backup" in out
    with Store.open(db) as store, pytest.raises(DatabaseCorruptError):
        list(store.iter_documents())  # a streamed read says so too


def test_database_too_damaged_to_open_says_damaged_and_check_reports_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "worse.db"
    make_db(db)
    damage(db, "meta")  # read by every open
    code, out, err = run(capsys, "stats", "--db", db)
    assert (code, out, len(err)) == (1, "", 1)
    assert "the database is damaged (corrupt: database disk image is malformed)" in err[0]
    code, out, err = run(capsys, "check", "--db", db)
    assert (code, err) == (1, ["1 fault(s)"])
    assert out == (
        f"integrity: {db}: the database is damaged (corrupt: database disk image is "
        "malformed); restore it from a backup (`tawsim check` lists what is wrong)\n"
    )
    with pytest.raises(DatabaseCorruptError):
        Store.open(db)


# ---------------------------------------------------------------- error kinds


def test_every_users_error_derives_from_user_error_and_bugs_do_not() -> None:
    kinds = [
        c
        for _, c in inspect.getmembers(corpus.errors, inspect.isclass)
        if issubclass(c, CorpusError) and c not in (CorpusError, UserError)
    ]
    assert not issubclass(BugError, UserError)
    assert all(issubclass(c, UserError) for c in kinds if c is not BugError)
    assert {
        "DatabaseBusyError",
        "DatabaseReadOnlyError",
        "DiskFullError",
        "DatabaseCorruptError",
        "DatabaseIOError",
    } <= {c.__name__ for c in kinds}
    assert all(
        issubclass(c, StoreError) for c in kinds if c.__name__.startswith(("Database", "Disk"))
    )


@pytest.mark.parametrize(
    "bug", [BugError("an invariant broke"), ZeroDivisionError("division by zero")]
)
def test_internal_error_is_not_a_users_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, bug: Exception
) -> None:
    def broken(_args: object) -> int:
        raise bug

    monkeypatch.setitem(corpus.cli.COMMANDS, "stats", broken)
    code, out, err = run(capsys, "stats")
    log = Path(os.environ["XDG_DATA_HOME"]) / "tawsim" / "internal-errors.log"
    assert (code, out) == (EXIT_BUG, "")
    assert err == [
        f"tawsim stats: internal error, please report it ({type(bug).__name__}: {bug}); "
        f"the details are in {log}"
    ]
    assert "Traceback (most recent call last)" in log.read_text(encoding="utf-8")
    assert f"{type(bug).__name__}: {bug}" in log.read_text(encoding="utf-8")


def test_internal_error_without_a_log_prints_the_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    monkeypatch.setitem(corpus.cli.COMMANDS, "stats", lambda _args: 1 // 0)
    code, _, err = run(capsys, "stats")
    assert code == EXIT_BUG
    assert err[0] == (
        "tawsim stats: internal error, please report it (ZeroDivisionError: integer division "
        "or modulo by zero); the details follow"
    )
    assert "Traceback (most recent call last):" in err


def test_file_system_errors_are_one_users_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(_args: object) -> int:
        raise OSError(28, "No space left on device", "/media/usb/out.jsonl")

    monkeypatch.setitem(corpus.cli.COMMANDS, "stats", full)
    assert run(capsys, "stats") == (
        1,
        "",
        ["tawsim stats: error: /media/usb/out.jsonl: No space left on device"],
    )


def test_a_database_locked_too_long_is_one_line_naming_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    db = tmp_path / "busy.db"
    make_db(db)
    monkeypatch.setattr(corpus.store, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        code, out, err = annotate_first_word(capsys, db)
        with Store.open(db) as store, pytest.raises(DatabaseBusyError):
            store.set_status(1, "mona", "done")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (code, out) == (1, "")
    assert err == [
        f"tawsim annotate: error: {db}: the database is locked by another program (waited "
        "0.2 s for it); try again when that program has finished"
    ]
    with Store.open(db) as store:
        assert store.annotators() == [] and store.check() == []


def test_damaged_header_with_sqlites_mark_says_damaged_not_foreign(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "header.db"
    make_db(db)
    with db.open("r+b") as handle:
        handle.seek(16)  # past "SQLite format 3\0": page size, versions, counters
        handle.write(bytes((n * 7 + 3) % 256 for n in range(84)))
    before = db.read_bytes()
    code, out, err = run(capsys, "stats", "--db", db)
    assert (code, out) == (1, "")
    assert err == [
        f"tawsim stats: error: {db}: the database is damaged (corrupt: file is not a "
        "database); restore it from a backup (`tawsim check` lists what is wrong)"
    ]
    message = err[0].removeprefix("tawsim stats: error: ")
    assert run(capsys, "check", "--db", db)[:2] == (1, f"integrity: {message}\n")
    assert db.read_bytes() == before


def sqlite_error(kind: type[sqlite3.Error], message: str, code: int | None) -> sqlite3.Error:
    """An error as the sqlite3 module raises it (extended result code included)."""
    exc = kind(message)
    if code is not None:
        exc.sqlite_errorcode = code  # type: ignore[attr-defined]
    return exc


OP, DB = sqlite3.OperationalError, sqlite3.DatabaseError
READ_ONLY, IO = corpus.errors.DatabaseReadOnlyError, corpus.errors.DatabaseIOError


@pytest.mark.parametrize(
    ("error", "message", "code", "kind", "says"),
    [
        (OP, "database is locked", 5, DatabaseBusyError, "locked"),
        (OP, "database table is locked", 6, DatabaseBusyError, "locked"),
        (OP, "attempt to write a readonly database", 8 | 3 << 8, READ_ONLY, "read-only"),
        (OP, "database or disk is full", 13, DiskFullError, "disk is full"),
        (DB, "database disk image is malformed", 11, DatabaseCorruptError, "damaged"),
        (OP, "disk I/O error", 10 | 3 << 8, IO, "could not read or write"),
    ],
)
def test_sqlite_failures_from_outside_become_users_errors_naming_the_database(
    error: type[sqlite3.Error], message: str, code: int, kind: type[StoreError], says: str
) -> None:
    exc = sqlite_error(error, message, code)
    mapped = corpus.store.database_error(exc, "/data/news.db")
    assert type(mapped) is kind
    assert str(mapped).startswith("/data/news.db: ") and says in str(mapped)


@pytest.mark.parametrize(
    "exc",
    [
        sqlite_error(sqlite3.IntegrityError, "UNIQUE constraint failed: annotations.uuid", 2067),
        sqlite_error(sqlite3.OperationalError, 'near "SELEC": syntax error', 1),
        sqlite3.ProgrammingError("Cannot operate on a closed database."),
    ],
)
def test_sqlite_failures_of_our_own_stay_bugs(exc: sqlite3.Error) -> None:
    assert corpus.store.database_error(exc, "/data/news.db") is None


def test_pretty_printed_records_with_a_nan_lose_only_that_record(
    store: Store, tmp_path: Path
) -> None:
    # doccano's own example "jsonl" is pretty-printed objects, one after another.
    good = json.dumps({"text": "نص أول", "label": [[0, 2, "PER"]]}, ensure_ascii=False, indent=2)
    bad = '{\n  "text": "نص ثان",\n  "label": [],\n  "meta": {"score": NaN}\n}'
    last = json.dumps({"text": "نص ثالث", "label": []}, ensure_ascii=False, indent=2)
    path = tmp_path / "pretty.jsonl"
    path.write_text(f"{good}\n{bad}\n{last}\n", encoding="utf-8")
    summary = import_paths(store, [path], "doccano", annotator="mona")
    first_line_of_bad = good.count("\n") + 2
    assert [(r.line, r.reason) for r in summary.rejected] == [
        (first_line_of_bad, "field 'meta.score': NaN is not allowed (JSON has no NaN or Infinity)")
    ]
    assert sorted(d.text for d in store.iter_documents()) == sorted(["نص أول", "نص ثالث"])


def test_doccano_id_or_title_that_is_an_object_is_rejected(store: Store, tmp_path: Path) -> None:
    from corpus.importers import ImportOptions

    path = write_lines(
        tmp_path / "ids.jsonl",
        '{"id": {"n": 1}, "text": "نص أول", "label": []}',
        '{"id": 2, "text": "نص ثان", "label": [], "headline": ["a"]}',
        '{"id": "3", "text": "نص ثالث", "label": [], "headline": "عنوان"}',
    )
    options = ImportOptions(title_field="headline")
    summary = import_paths(store, [path], "doccano", options, annotator="mona")
    assert [(r.line, r.reason) for r in summary.rejected] == [
        (1, "field 'id': the id must be a string or an integer, not an object"),
        (2, "field 'headline': the title must be a string, not an array"),
    ]
    [doc] = store.iter_documents()
    assert (doc.external_id, doc.title, doc.text) == ("3", "عنوان", "نص ثالث")


def test_jsonl_annotated_in_utf16_is_decoded_with_a_bom_and_refused_without(
    store: Store, tmp_path: Path
) -> None:
    record = {"text": "محمد في القاهرة", "entities": [{"start": 8, "end": 15, "label": "LOC"}]}
    line = json.dumps(record, ensure_ascii=False) + "\n"
    with_bom = tmp_path / "bom.jsonl"
    with_bom.write_bytes(line.encode("utf-16"))
    summary = import_paths(store, [with_bom], "jsonl-annotated", annotator="mona")
    assert (summary.imported, summary.annotations, summary.rejected) == (1, 1, [])
    [entity] = store.annotations(store.document_ids()[0])
    assert store.document(entity.document_id).text[8:15] == "القاهرة"
    without = tmp_path / "nobom.jsonl"
    without.write_bytes(line.replace("محمد", "علي").encode("utf-16-le"))
    [rejection] = import_paths(store, [without], "jsonl-annotated", annotator="mona").rejected
    assert (rejection.line, rejection.reason.split(" (")[0]) == (None, "looks like UTF-16")
    assert store.document_ids() == [entity.document_id]
