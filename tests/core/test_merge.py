"""`tawsim merge`: packages come back without loss, in any order, once (issue 10)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from corpus.cli import main
from corpus.model import Quote, Ref, Span
from corpus.packages import merge
from corpus.store import Store, sha256_text

TEXTS = [
    "قال وزير الخارجية في الرياض إن المحادثات مستمرة",
    "أعلنت الحكومة في القاهرة عن خطة جديدة للنقل",
    "التقى الرئيس بوفد من بيروت صباح اليوم",
    "وصلت بعثة الأمم المتحدة إلى دمشق أمس",
]


def _main_db(tmp_path: Path) -> tuple[Path, list[int], str]:
    """A corpus of four documents; the lead marked one entity before handing work out."""
    db = tmp_path / "main.tawsim"
    with Store.open(db) as store:
        ids = [store.add_document(text, f"خبر {n}") for n, text in enumerate(TEXTS)]
        lead_entity = store.add_entity(ids[0], "lead", 0, 3, "MISC").uuid
    return db, ids, lead_entity


def _pack(db: Path, tmp_path: Path, annotator: str, ids: list[int]) -> Path:
    path = tmp_path / f"work-{annotator}.tawsim"
    with Store.open(db) as store:
        store.add_annotator(annotator)
        store.write_package(path, ids)
    return path


def _copy(db: Path, dest: Path) -> Path:
    with Store.open(db) as store:
        store.backup(dest)
    return dest


def _export(db: Path, tmp_path: Path, name: str) -> bytes:
    out = tmp_path / f"{name}.jsonl"
    code = main(
        ["export", "--db", str(db), "--format", "jsonl", "--status", "any", "--out", str(out)]
    )
    assert code == 0
    return out.read_bytes()


def _work_of_two_annotators(tmp_path: Path) -> tuple[Path, Path, Path, list[int], str]:
    db, ids, lead_entity = _main_db(tmp_path)
    # Documents 2 and 3 go to both: the overlap that agreement needs.
    package_a = _pack(db, tmp_path, "ali", ids[:3])
    package_b = _pack(db, tmp_path, "badr", ids[1:])
    with Store.open(package_a) as work:
        work.add_entity(ids[0], "ali", 15, 21, "LOC")
        wrong = work.add_entity(ids[1], "ali", 0, 5, "ORG")
        work.add_entity(ids[1], "ali", 17, 23, "LOC")
        work.relabel(wrong.uuid, "MISC")
        gone = work.add_entity(ids[2], "ali", 0, 5, "PER")
        work.delete(gone.uuid)
        work.set_status(ids[1], "ali", "done")
    with Store.open(package_b) as work:
        work.add_entity(ids[1], "badr", 17, 23, "LOC")
        speaker = work.add_entity(ids[2], "badr", 7, 13, "PER")
        work.add_entity(ids[3], "badr", 30, 35, "LOC")
        work.set_status(ids[3], "badr", "skipped")
        work.add_quote(ids[2], "badr", Span(14, 37), "direct", speaker=Ref(speaker.uuid))
    return db, package_a, package_b, ids, lead_entity


def test_both_orders_give_the_same_export_and_merging_again_changes_nothing(
    tmp_path: Path,
) -> None:
    db, package_a, package_b, ids, _ = _work_of_two_annotators(tmp_path)
    a_then_b = _copy(db, tmp_path / "ab.tawsim")
    b_then_a = _copy(db, tmp_path / "ba.tawsim")
    with Store.open(a_then_b) as store:
        first = merge(store, [package_a, package_b])
    with Store.open(b_then_a) as store:
        merge(store, [package_b, package_a])

    assert first["annotators"] == {
        "ali": {"added": 3, "updated": 0, "deleted": 0, "conflicts": 0},
        "badr": {"added": 4, "updated": 0, "deleted": 0, "conflicts": 0},
    }
    assert first["refused"] == [] and first["conflicts"] == []
    exported = _export(a_then_b, tmp_path, "ab")
    assert exported == _export(b_then_a, tmp_path, "ba")
    with Store.open(a_then_b) as store:
        ali = [(e.span.start, e.span.end, e.label) for e in store.annotations(ids[1], "ali")]
        assert ali == [(0, 5, "MISC"), (17, 23, "LOC")]
        assert store.annotations(ids[2], "ali") == []
        assert store.status(ids[1], "ali") == "done"
        assert store.status(ids[3], "badr") == "skipped"
        (quote,) = store.annotations(ids[2], "badr", "quote")
        assert isinstance(quote, Quote) and isinstance(quote.speaker, Ref)
        assert store.annotation(quote.speaker.uuid).label == "PER"
        events = len(store.events())
        again = merge(store, [package_b, package_a])
        assert len(store.events()) == events
        assert store.check() == []
    assert again["annotators"] == {}
    assert _export(a_then_b, tmp_path, "again") == exported


def test_same_annotation_edited_in_main_and_in_a_package_is_a_listed_conflict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, _, lead_entity = _main_db(tmp_path)
    package = _pack(db, tmp_path, "ali", [1])
    with Store.open(db) as store:
        store.relabel(lead_entity, "ORG")
    with Store.open(package) as work:
        work.relabel(lead_entity, "PER")  # later than the lead's relabelling: it wins
    code = main(["merge", "--db", str(db), "--json", str(package)])
    assert code == 0
    (conflict,) = json.loads(capsys.readouterr().out)["conflicts"]
    assert (conflict["uuid"], conflict["winner"], conflict["annotator"]) == (
        lead_entity,
        "package",
        "lead",
    )
    with Store.open(db) as store:
        assert store.annotation(lead_entity).label == "PER"
        again = merge(store, [package])
    assert again["conflicts"] == [] and again["annotators"] == {}


def test_conflict_is_reported_in_json_and_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, _, lead_entity = _main_db(tmp_path)
    package = _pack(db, tmp_path, "ali", [1])
    with Store.open(package) as work:
        work.relabel(lead_entity, "PER")
    with Store.open(db) as store:
        store.relabel(lead_entity, "ORG")  # the later one: main keeps it
    copy = _copy(db, tmp_path / "copy.tawsim")
    assert main(["merge", "--db", str(db), "--json", str(package)]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["annotators"]["lead"] == {
        "added": 0,
        "updated": 0,
        "deleted": 0,
        "conflicts": 1,
    }
    (conflict,) = summary["conflicts"]
    assert (conflict["uuid"], conflict["winner"], conflict["document"]) == (lead_entity, "main", 1)
    with Store.open(db) as store:
        assert store.annotation(lead_entity).label == "ORG"
    assert main(["merge", "--db", str(copy), str(package)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "lead: 0 added, 0 updated, 0 deleted, 1 conflicts\n"
    assert f"annotation {lead_entity} of lead changed in both" in captured.err


def test_document_whose_text_changed_in_the_package_is_refused_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, ids, _ = _main_db(tmp_path)
    package = _pack(db, tmp_path, "ali", ids[:2])
    with Store.open(package) as work:
        work.add_entity(ids[0], "ali", 15, 21, "LOC")
        work.add_entity(ids[1], "ali", 17, 23, "LOC")
    # Someone edited the text of document 2 in the package file behind Tawsim's back.
    with sqlite3.connect(package) as raw:
        raw.execute(
            "UPDATE documents SET text = ?, sha256 = ? WHERE id = ?",
            (TEXTS[1] + "!", sha256_text(TEXTS[1] + "!"), ids[1]),
        )
    raw.close()
    assert main(["merge", "--db", str(db), str(package)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "ali: 1 added, 0 updated, 0 deleted, 0 conflicts\n"
    (line,) = captured.err.splitlines()
    assert str(package) in line and f"document {ids[1]}" in line and "text differs" in line
    with Store.open(db) as store:
        assert len(store.annotations(ids[0], "ali")) == 1
        assert store.annotations(ids[1], "ali") == []
        assert store.check() == []


def test_missing_package_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, _, _ = _main_db(tmp_path)
    assert main(["merge", "--db", str(db), str(tmp_path / "nope.tawsim")]) == 1
    assert "nope.tawsim: no such package file" in capsys.readouterr().err
    assert not (tmp_path / "nope.tawsim").exists()


_KILLED_MERGE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from corpus.packages import merge
    from corpus.store import Store

    def started(written):
        if written == 30:
            sys.stderr.write("merging\\n")
            sys.stderr.flush()
            sys.stdin.read()  # half the package written, uncommitted: wait for the kill

    with Store.open(sys.argv[1]) as store:
        merge(store, [Path(sys.argv[2])], progress=started)
    """
)


def test_kill_during_merge_leaves_all_or_nothing(tmp_path: Path) -> None:
    db, ids, _ = _main_db(tmp_path)
    package = _pack(db, tmp_path, "ali", ids)
    with Store.open(package) as work:
        for doc_id, text in zip(ids, TEXTS, strict=True):
            for start in range(0, len(text) - 2, 3):
                work.add_entity(doc_id, "ali", start, start + 2, "MISC")
    before = _export(db, tmp_path, "before")
    with Store.open(db) as store:
        events_before = store.events()
    merged = _copy(db, tmp_path / "merged.tawsim")
    with Store.open(merged) as store:
        merge(store, [package])
    after = _export(merged, tmp_path, "after")
    assert after != before

    child = subprocess.Popen(
        [sys.executable, "-c", _KILLED_MERGE, str(db), str(package)],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None and child.stderr is not None
    assert child.stderr.readline() == "merging\n"  # inside the transaction
    child.kill()
    child.wait()
    child.stdin.close()
    child.stderr.close()
    assert _export(db, tmp_path, "killed") == before
    assert main(["check", "--db", str(db)]) == 0
    with Store.open(db) as store:
        assert store.annotators() == ["ali", "lead"]  # as pack left them
        assert store.events() == events_before
        merge(store, [package])
    assert _export(db, tmp_path, "retried") == after
