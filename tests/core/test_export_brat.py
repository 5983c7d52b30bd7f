"""brat export: .txt/.ann pairs under --out only, every layer, line breaks as fragments."""

from __future__ import annotations

import json
import os

import pytest
from layered_corpus import TEXT_A, build, span_of

from corpus.cli import main
from corpus.exporters import ExportOptions, export
from corpus.exporters.brat import fragments
from corpus.model import Span
from corpus.store import Store
from tests.conftest import REPO

GOLDEN = REPO / "tests" / "data" / "brat-export"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def t_lines(ann: str) -> list[tuple[str, list[tuple[int, int]], str]]:
    """(type, fragments, text) of every T line."""
    found = []
    for line in ann.splitlines():
        if line.startswith("T"):
            _, head, surface = line.split("\t")
            kind, offsets = head.split(" ", 1)
            pieces = [tuple(map(int, f.split())) for f in offsets.split(";")]
            found.append((kind, pieces, surface))
    return found


@pytest.fixture
def layered() -> Store:
    store = Store.memory()
    build(store)
    return store


def test_ann_file_matches_the_golden_file_and_its_text(layered, tmp_path) -> None:
    report = export(layered, "brat", tmp_path, ExportOptions(annotator="amal"))
    assert report.documents == 3 and report.annotations == 5 + 3 + 3 + 2
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "2.ann",
        "2.txt",
        "akhbar_1.ann",
        "akhbar_1.txt",
        "akhbar_5.ann",
        "akhbar_5.txt",
        "annotation.conf",
    ]
    assert (tmp_path / "akhbar_1.txt").read_bytes() == TEXT_A.encode("utf-8")
    ann = (tmp_path / "akhbar_1.ann").read_text(encoding="utf-8")
    assert ann == (GOLDEN / "akhbar_1.ann").read_text(encoding="utf-8")
    for _, pieces, surface in t_lines(ann):
        assert surface == " ".join(TEXT_A[s:e] for s, e in pieces)
        assert all("\n" not in TEXT_A[s:e] for s, e in pieces)
    assert (tmp_path / "akhbar_5.ann").read_bytes() == b""


def test_structure_of_quotes_and_stances(layered, tmp_path) -> None:
    export(layered, "brat", tmp_path, ExportOptions(annotator="amal"))
    ann = (tmp_path / "akhbar_1.ann").read_text(encoding="utf-8")
    lines = dict(line.split("\t", 1) for line in ann.splitlines())
    person = span_of(TEXT_A, "محمد بن سلمان")
    assert lines["T2"] == f"PER {person.start} {person.end}\tمحمد بن سلمان"
    # The quote across a line break is two fragments around it.
    content = span_of(TEXT_A, "الحرب\nفي أوكرانيا يجب أن تنتهي")
    newline = TEXT_A.index("\n", content.start)
    assert lines["T6"] == (
        f"Quote {content.start} {newline};{newline + 1} {content.end}\t"
        "الحرب في أوكرانيا يجب أن تنتهي"
    )
    assert lines["A1"] == "QuoteKind T6 indirect"
    assert lines["R2"] == "Quote-Speaker Arg1:T6 Arg2:T2\t"
    # A topic target is a note on the stance span, which lies over the holder's words.
    assert lines["T12"].startswith(f"Stance {person.start} {person.end}\t")
    assert lines["#1"] == "AnnotatorNotes T12\tالحرب في أوكرانيا"
    assert lines["A4"] == "Polarity T12 oppose"


def test_annotation_conf_declares_every_type(layered, tmp_path) -> None:
    export(layered, "brat", tmp_path, ExportOptions())
    conf = (tmp_path / "annotation.conf").read_text(encoding="utf-8")
    sections: dict[str, list[str]] = {}
    current = ""
    for line in conf.splitlines():
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
        elif line and not line.startswith("#"):
            sections.setdefault(current, []).append(line.split("\t")[0])
    assert sections["entities"] == [
        "PER",
        "ORG",
        "GPE",
        "LOC",
        "EVENT",
        "MISC",
        "Quote",
        "Cue",
        "Speaker",
        "Stance",
        "Holder",
        "Target",
        "Evidence",
    ]
    assert sections["relations"] == [
        "Quote-Speaker",
        "Quote-Cue",
        "Stance-Holder",
        "Stance-Target",
        "Stance-Evidence",
        "<OVERLAP>",
    ]
    assert sections["attributes"] == ["QuoteKind", "Polarity"]
    assert "Value:support|oppose|neutral" in conf


def test_several_annotators_get_a_folder_each(layered, tmp_path) -> None:
    report = export(layered, "brat", tmp_path, ExportOptions(status="any"))
    assert report.documents == 5
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.ann")) == [
        "amal/2.ann",
        "amal/akhbar_1.ann",
        "amal/akhbar_3.ann",
        "amal/akhbar_5.ann",
        "omar/akhbar_4.ann",
    ]


@pytest.mark.parametrize(
    "external_id",
    [
        "../../etc/x",
        "/etc/passwd",
        "..",
        "a/../../b",
        "C:\\Windows\\x",
        "..\\..\\y",
        ".hidden",
        "\u202eexe.txt",
        "",
    ],
)
def test_names_never_leave_the_out_folder(tmp_path, external_id: str) -> None:
    store = Store.memory()
    doc = store.add_document("نص قصير عن بيروت.", external_id=external_id)
    store.add_entity(doc, "amal", 11, 16, "GPE")
    store.set_status(doc, "amal", "done")
    out = tmp_path / "out"
    export(store, "brat", out, ExportOptions())
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert all(p.resolve().is_relative_to(out.resolve()) for p in written)
    [txt] = [p for p in written if p.suffix == ".txt"]
    assert txt.parent == out and not txt.name.startswith(".")
    assert txt.read_text(encoding="utf-8") == "نص قصير عن بيروت."
    assert txt.with_suffix(".ann").read_text(encoding="utf-8") == "T1\tGPE 11 16\tبيروت\n"


def test_names_that_clash_stay_apart(tmp_path) -> None:
    store = Store.memory()
    for i, external in enumerate(["a/b", "a_b", "A_B", "a:b"]):
        doc = store.add_document(f"النص رقم {i}", external_id=external)
        store.set_status(doc, "amal", "done")
    export(store, "brat", tmp_path, ExportOptions())
    texts = sorted(p.read_text(encoding="utf-8") for p in tmp_path.glob("*.txt"))
    assert texts == [f"النص رقم {i}" for i in range(4)]
    names = [p.name.casefold() for p in tmp_path.glob("*.txt")]
    assert len(set(names)) == 4


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="no O_NOFOLLOW on this platform")
def test_a_planted_symlink_is_not_followed(capsys, tmp_path) -> None:
    db = tmp_path / "t.db"
    with Store.open(db) as store:
        doc = store.add_document("نص", external_id="victim")
        store.set_status(doc, "amal", "done")
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "victim.txt").symlink_to(outside)
    code, _, err = run(capsys, "--db", str(db), "export", "--format", "brat", "--out", str(out))
    assert code == 1 and "holds other files than an earlier export" in err
    assert (out / "victim.txt").is_symlink()
    # Planted in an earlier export of ours: the new export replaces the folder whole.
    assert (
        run(capsys, "--db", str(db), "export", "--format", "brat", "--out", str(tmp_path / "x"))[0]
        == 0
    )
    (tmp_path / "x" / "victim.txt").unlink()
    (tmp_path / "x" / "victim.txt").symlink_to(outside)
    code, _, err = run(
        capsys, "--db", str(db), "export", "--format", "brat", "--out", str(tmp_path / "x")
    )
    assert code == 0, err
    assert not (tmp_path / "x" / "victim.txt").is_symlink()
    assert (tmp_path / "x" / "victim.txt").read_text(encoding="utf-8") == "نص"
    assert outside.read_text(encoding="utf-8") == "keep me"


def test_out_must_be_a_folder(capsys, tmp_path) -> None:
    db = tmp_path / "t.db"
    Store.open(db).close()
    file = tmp_path / "file"
    file.write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "--db", str(db), "export", "--format", "brat", "--out", str(file))
    assert code == 1 and "needs a folder" in err


def test_fragments_split_at_line_breaks_only() -> None:
    text = "أ\nب ت\r\n\nث"
    assert fragments(text, Span(0, len(text))) == [(0, 1), (2, 5), (8, 9)]
    assert fragments(text, Span(1, 2)) == []
    assert fragments(text, Span(2, 4)) == [(2, 4)]


def test_span_of_line_breaks_only_is_counted_as_dropped(tmp_path) -> None:
    store = Store.memory()
    doc = store.add_document("سطر\n\nسطر آخر")
    store.add_entity(doc, "amal", 3, 5, "MISC")
    store.add_entity(doc, "amal", 0, 3, "MISC")
    store.set_status(doc, "amal", "done")
    report = export(store, "brat", tmp_path, ExportOptions())
    assert report.annotations == 1 and report.dropped == 1
    assert "covers only line breaks" in report.notes[0]
    assert (tmp_path / "1.ann").read_text(encoding="utf-8") == "T1\tMISC 0 3\tسطر\n"


def test_split_writes_disjoint_folders(tmp_path) -> None:
    store = Store.memory()
    for i in range(30):
        doc = store.add_document(f"خبر رقم {i}", external_id=f"d{i}")
        store.set_status(doc, "amal", "done")
    export(store, "brat", tmp_path, ExportOptions(split=(60, 20, 20), seed=5))
    parts = {
        p: sorted(x.stem for x in (tmp_path / p).glob("*.txt")) for p in ("train", "dev", "test")
    }
    every = [n for names in parts.values() for n in names]
    assert len(every) == len(set(every)) == 30
    again = tmp_path / "again"
    export(store, "brat", again, ExportOptions(split=(60, 20, 20), seed=5))
    assert parts == {p: sorted(x.stem for x in (again / p).glob("*.txt")) for p in parts}


def test_own_export_round_trips_through_import_byte_for_byte(capsys, tmp_path) -> None:
    db = tmp_path / "a.db"
    with Store.open(db) as store:
        build(store)
    first, second, fresh = tmp_path / "first", tmp_path / "second", tmp_path / "fresh.db"
    args = ["export", "--format", "brat", "--annotator", "amal", "--status", "any"]
    assert run(capsys, "--db", str(db), *args, "--out", str(first))[0] == 0
    code, out, err = run(
        capsys,
        "--db",
        str(fresh),
        "import",
        "--format",
        "brat",
        "--as-annotator",
        "amal",
        str(first),
        "--json",
    )
    assert code == 0, err
    assert json.loads(out)["rejected"] == []
    assert run(capsys, "--db", str(fresh), *args, "--out", str(second))[0] == 0
    # brat carries no status: imported documents are marked done for the importing
    # annotator, so every document, annotated or not, comes back byte for byte.
    names = sorted(p.name for p in first.iterdir())
    assert sorted(p.name for p in second.iterdir()) == names
    for name in names:
        assert (second / name).read_bytes() == (first / name).read_bytes(), name
    with Store.open(fresh) as store:
        assert store.check() == []
        summary = store.stats()["annotations"]
    assert summary["quote"] == {"direct": 1, "indirect": 1, "mixed": 1}
    assert summary["stance"] == {"neutral": 1, "oppose": 1, "support": 1}


def test_unknown_annotator_writes_nothing(capsys, tmp_path) -> None:
    db = tmp_path / "t.db"
    with Store.open(db) as store:
        build(store)
    out = tmp_path / "out"
    code, _, err = run(
        capsys,
        "--db",
        str(db),
        "export",
        "--format",
        "brat",
        "--out",
        str(out),
        "--annotator",
        "nobody",
    )
    assert code == 1 and "no annotator named 'nobody'" in err
    assert not out.exists()
