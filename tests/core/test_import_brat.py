"""brat import: real brat files from ../shared/data, round trips, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.cli import main
from corpus.exporters import ExportOptions, export
from corpus.importers import ImportOptions, import_paths
from corpus.model import Entity, Quote, Ref, Span, Stance, Topic
from corpus.store import Store

TUTORIAL_MAP = {
    "Organization": "ORG",
    "Person": "PER",
    "Money": "MISC",
    "Merge-org": "EVENT",
    "Report": "EVENT",
    "Transfer-money": "EVENT",
}
LITBANK_MAP = {"FAC": "LOC", "VEH": "MISC"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def t_spans(ann: str, types: dict[str, str] | None = None) -> set[tuple[str, int, int, str]]:
    """(type, start, end, text) of the T lines of an .ann text (continuous spans)."""
    found = set()
    for line in ann.splitlines():
        if line.startswith("T"):
            _, head, surface = line.split("\t")
            kind, start, end = head.split(" ")
            found.add(((types or {}).get(kind, kind), int(start), int(end), surface))
    return found


def brat_dir(shared_data: Path, name: str) -> Path:
    return shared_data / "brat-examples" / name


def entities(store: Store, doc_id: int) -> list[Entity]:
    return [a for a in store.annotations(doc_id, layer="entity") if isinstance(a, Entity)]


def test_conll2002_round_trip_gives_the_same_t_spans_and_texts(shared_data, tmp_path) -> None:
    source = brat_dir(shared_data, "nlplab-brat-conll2002")
    store = Store.memory()
    summary = import_paths(store, [source], "brat", annotator="conll")
    assert summary.rejected == [] and summary.imported == 2 and summary.annotations == 201
    assert store.check() == []
    report = export(store, "brat", tmp_path, ExportOptions(status="any"))
    assert report.documents == 2
    for rel in ("esp/esp.train-doc-46", "ned/ned.train-doc-181"):
        name = rel.replace("/", "_")
        original = (source / f"{rel}.ann").read_text(encoding="utf-8")
        exported = (tmp_path / f"{name}.ann").read_text(encoding="utf-8")
        assert t_spans(exported) == t_spans(original)
        assert len(t_spans(original)) == {"esp": 104, "ned": 97}[rel[:3]]
        assert (tmp_path / f"{name}.txt").read_bytes() == (source / f"{rel}.txt").read_bytes()
    doc = store.find_document("ned/ned.train-doc-181")
    assert all(doc.text[e.start : e.end] for e in entities(store, doc.id))


def test_tutorial_news_round_trip_and_reports(shared_data, tmp_path) -> None:
    source = brat_dir(shared_data, "nlplab-brat-tutorial-news")
    store = Store.memory()
    summary = import_paths(
        store, [source], "brat", ImportOptions(label_map=TUTORIAL_MAP), annotator="tutor"
    )
    assert summary.imported == 13 and summary.annotations == 119
    assert store.check() == []
    export(store, "brat", tmp_path, ExportOptions(status="any"))
    with_t = [p for p in sorted(source.glob("*.ann")) if p.stat().st_size]
    assert len(with_t) == 9
    for ann in with_t:
        original = t_spans(ann.read_text(encoding="utf-8"), TUTORIAL_MAP)
        exported = t_spans((tmp_path / ann.name).read_text(encoding="utf-8"))
        assert exported == original, ann.name
    # Nothing of what Tawsim cannot hold goes unreported; each names file and line.
    reasons = {(Path(r.source).name, r.line): r.reason for r in summary.rejected}
    assert reasons[("000-introduction.ann", 9)].startswith(
        "relation type 'Origin' has no meaning in Tawsim: not imported (1 line(s): 9)"
    )
    assert reasons[("000-introduction.ann", 4)].startswith("event type 'Transfer-money'")
    assert reasons[("000-introduction.ann", 12)].startswith(
        "attribute 'Mention' has no meaning in Tawsim: not imported (2 line(s): 12, 14)"
    )
    assert reasons[("000-introduction.ann", 17)].startswith("normalisation 'Reference'")
    assert reasons[("060-relation_annotation.ann", 6)].startswith("equivalence 'Alias'")
    assert reasons[("110-note_annotation.ann", 2)].startswith("note type 'AnnotatorNotes'")
    assert reasons[("080-event-annotation.ann", 3)] == (
        "event type 'Merge-org' has no meaning in Tawsim: not imported (4 line(s): 3, 5, 13, 25)"
    )
    assert len(summary.rejected) == 25


def test_unmapped_types_are_reported_with_counts_and_the_rest_goes_in(shared_data) -> None:
    store = Store.memory()
    summary = import_paths(
        store, [brat_dir(shared_data, "nlplab-brat-tutorial-news")], "brat", annotator="tutor"
    )
    assert summary.imported == 13
    labels = store.stats()["annotations"]["entity"]
    assert labels == {"GPE": 12}  # the only type the schema knows without --map
    merge = next(n for n in summary.notes if "'Merge-org'" in n)
    assert "14 annotation(s) not imported" in merge and "--map Merge-org=LABEL" in merge


def test_finnish_treebank_every_line_kind_is_read_or_reported(capsys, shared_data, db_path) -> None:
    source = brat_dir(shared_data, "nlplab-brat-tdt-finnish")
    maps = [
        f"--map={pos}=MISC" for pos in ("N", "V", "A", "Adv", "Adp", "C", "Pron", "Punct", "Null")
    ]
    code, out, _ = run(
        capsys,
        "--db",
        str(db_path),
        "import",
        "--format",
        "brat",
        "--as-annotator",
        "tdt",
        *maps,
        str(source),
        "--json",
    )
    summary = json.loads(out)
    assert code == 1  # relations and attributes it cannot hold were reported
    assert summary["imported"] == 1 and summary["annotations"] == 74
    reasons = [r["reason"] for r in summary["rejected"]]
    relation_lines = sum(
        int(r.split("(")[1].split(" ")[0]) for r in reasons if r.startswith("relation type")
    )
    attribute_lines = sum(
        int(r.split("(")[1].split(" ")[0]) for r in reasons if r.startswith("attribute")
    )
    note_lines = sum(
        int(r.split("(")[1].split(" ")[0]) for r in reasons if r.startswith("note type 'Lemma'")
    )
    assert (relation_lines, attribute_lines, note_lines) == (72, 227, 74)
    with Store.open(db_path) as store:
        assert store.check() == []
        doc = store.find_document("wn071")
        first = entities(store, doc.id)[0]
        assert doc.text[first.start : first.end] == "Halonen"
    out = db_path.parent / "out"
    assert (
        run(
            capsys,
            "--db",
            str(db_path),
            "export",
            "--format",
            "brat",
            "--status",
            "any",
            "--out",
            str(out),
        )[0]
        == 0
    )
    pos_types = {m.removeprefix("--map=").split("=")[0]: "MISC" for m in maps}
    original = t_spans((source / "wn071.ann").read_text(encoding="utf-8"), pos_types)
    assert t_spans((out / "wn071.ann").read_text(encoding="utf-8")) == original
    assert len(original) == 74


def test_litbank_nested_entities_survive_the_round_trip(shared_data, tmp_path) -> None:
    source = brat_dir(shared_data, "litbank-daisy-miller") / "entities"
    store = Store.memory()
    summary = import_paths(
        store, [source], "brat", ImportOptions(label_map=LITBANK_MAP), annotator="litbank"
    )
    assert summary.rejected == [] and summary.annotations == 151
    [doc_id] = store.document_ids()
    spans = [(e.start, e.end) for e in entities(store, doc_id)]
    nested = [s for s in spans if any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]
    # Ten mentions lie inside another (one of them inside a mention that is nested too).
    assert len(nested) == 10
    export(store, "brat", tmp_path, ExportOptions(status="any"))
    name = "208_daisy_miller_a_study_brat"
    original = t_spans((source / f"{name}.ann").read_text(encoding="utf-8"), LITBANK_MAP)
    assert t_spans((tmp_path / f"{name}.ann").read_text(encoding="utf-8")) == original


def test_litbank_quotation_tsv_is_not_brat_and_is_rejected_whole(shared_data) -> None:
    store = Store.memory()
    summary = import_paths(
        store,
        [brat_dir(shared_data, "litbank-daisy-miller") / "quotations"],
        "brat",
        annotator="litbank",
    )
    assert summary.imported == 0 and store.document_ids() == []
    first = summary.rejected[0]
    assert first.source.endswith("quotations/208_daisy_miller_a_study_brat.ann")
    assert first.line == 1 and "not a brat annotation line" in first.reason
    assert "document not imported" in first.reason
    assert "52 more faulty line(s)" in summary.rejected[-1].reason
    assert store.check() == []


def test_dkpro_edge_cases(shared_data) -> None:
    source = brat_dir(shared_data, "dkpro-core-edge-cases")
    store = Store.memory()
    summary = import_paths(
        store, [source], "brat", ImportOptions(label_map={"Token": "MISC"}), annotator="dkpro"
    )
    assert summary.imported == 2
    doc = store.find_document("document0d")
    assert [(e.start, e.end) for e in entities(store, doc.id)] == [
        (0, 4),
        (5, 10),
        (11, 21),
        (21, 22),
    ]
    assert doc.text[5:10] == "is\nan"
    reasons = {(Path(r.source).name, r.line): r.reason for r in summary.rejected}
    assert (
        "discontinuous span T2 (5 7;9 10) imported as its enclosing span"
        in reasons[("document0d.ann", 2)]
    )
    assert reasons[("event.ann", 2)].startswith("Quote span without a QuoteKind attribute")
    assert reasons[("event.ann", 1)].startswith("Speaker span that no quote or stance uses")
    assert reasons[("LICENSE.txt", None)].startswith("no LICENSE.ann beside it")
    assert store.check() == []


def write_pair(folder: Path, name: str, text: str | bytes, ann: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    txt = folder / f"{name}.txt"
    txt.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    (folder / f"{name}.ann").write_bytes(ann if isinstance(ann, bytes) else ann.encode("utf-8"))
    return txt


TEXT = "قال الوزير محمد إن بيروت آمنة.\nوأكدت الأمم المتحدة ذلك."


def test_own_types_become_quotes_and_stances(tmp_path) -> None:
    ann = (
        "T1\tPER 11 15\tمحمد\n"
        "T2\tGPE 19 24\tبيروت\n"
        "T3\tQuote 19 29\tبيروت آمنة\n"
        "A1\tQuoteKind T3 indirect\n"
        "T4\tCue 0 3\tقال\n"
        "R1\tQuote-Cue Arg1:T3 Arg2:T4\t\n"
        "R2\tQuote-Speaker Arg1:T3 Arg2:T1\t\n"
        "T5\tStance 4 10\tالوزير\n"
        "A2\tPolarity T5 support\n"
        "R3\tStance-Target Arg1:T5 Arg2:T2\n"
        "T6\tEvidence 25 29\tآمنة\n"
        "R4\tStance-Evidence Arg1:T5 Arg2:T6\n"
        "T7\tStance 37 50\tالأمم المتحدة\n"
        "A3\tPolarity T7 neutral\n"
        "#1\tAnnotatorNotes T7\tأمن لبنان\n"
    )
    write_pair(tmp_path, "doc", TEXT, ann)
    store = Store.memory()
    summary = import_paths(store, [tmp_path], "brat", annotator="amal")
    assert summary.rejected == [] and summary.annotations == 5
    [doc_id] = store.document_ids()
    anns = store.annotations(doc_id)
    person = next(a for a in anns if isinstance(a, Entity) and a.label == "PER")
    beirut = next(a for a in anns if isinstance(a, Entity) and a.label == "GPE")
    [quote] = [a for a in anns if isinstance(a, Quote)]
    assert (quote.content, quote.kind, quote.cue) == (Span(19, 29), "indirect", Span(0, 3))
    assert quote.speaker == Ref(person.uuid)
    first, second = [a for a in anns if isinstance(a, Stance)]
    # Without a Stance-Holder relation, the Stance span itself is the holder.
    assert (first.holder, first.target, first.polarity) == (
        Span(4, 10),
        Ref(beirut.uuid),
        "support",
    )
    assert first.evidence == (Span(25, 29),)
    assert (second.holder, second.target) == (Span(37, 50), Topic("أمن لبنان"))


@pytest.mark.parametrize(
    ("ann", "line", "reason"),
    [
        ("T1\tPER 11 15\tمحمد\nT2\tGPE 19\tبيروت\n", 2, "T2: expected 'TYPE START END'"),
        ("T1\tPER 11 15\tمحمد\nT2\tGPE 19 x\tبيروت\n", 2, "T2: bad offsets '19 x'"),
        ("T1\tPER 11 15\tأحمد\n", 1, "T1: text 'أحمد' is not the text at 11 15, which is 'محمد'"),
        (
            "T1\tPER 11 99\tمحمد\n",
            1,
            f"T1: span [11, 99) does not fit the text ({len(TEXT)} characters)",
        ),
        (
            "T1\tPER 11 15\tمحمد\nR1\tFamily Arg1:T1 Arg2:T9\t\n",
            2,
            "refers to T9, which the file does not define",
        ),
        ("T1\tPER 11 15\tمحمد\nT1\tGPE 19 24\tبيروت\n", 2, "id T1 is used twice"),
        ("T1 PER 11 15 محمد\n", 1, "not a brat annotation line"),
        ("A1\tPolarity\n", 1, "A1: expected 'NAME ID [VALUE]'"),
    ],
)
def test_broken_ann_lines_reject_the_document_naming_file_and_line(
    capsys, tmp_path, ann: str, line: int, reason: str
) -> None:
    folder = tmp_path / "in"
    write_pair(folder, "bad", TEXT, ann)
    write_pair(folder, "good", "نص سليم عن عمّان.", "T1\tGPE 11 16\tعمّان\n")
    db = tmp_path / "t.db"
    code, out, _ = run(
        capsys,
        "--db",
        str(db),
        "import",
        "--format",
        "brat",
        "--as-annotator",
        "amal",
        str(folder),
        "--json",
    )
    summary = json.loads(out)
    assert code == 1
    assert summary["imported"] == 1 and summary["annotations"] == 1
    [rejection] = summary["rejected"]
    assert rejection["source"] == str(folder / "bad.ann") and rejection["line"] == line
    assert rejection["reason"].startswith(reason)
    assert rejection["reason"].endswith("(document not imported)")
    with Store.open(db) as store:
        assert store.check() == []
        assert [d.external_id for d in store.iter_documents()] == ["good"]


def test_missing_and_undecodable_files_are_rejected(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "lonely.ann").write_text("T1\tPER 0 3\tقال\n", encoding="utf-8")
    write_pair(folder, "latin1", "caf\xe9".encode("latin-1"), "")
    write_pair(folder, "badann", "نص", b"T1\tPER 0 1\t\xff\n")
    write_pair(folder, "empty", "   \n", "")
    store = Store.memory()
    summary = import_paths(store, [folder], "brat", annotator="amal")
    got = {Path(r.source).name: r.reason for r in summary.rejected}
    assert got["lonely.ann"].startswith("no lonely.txt beside it")
    assert got["latin1.txt"] == "not valid UTF-8 at byte 3"
    assert got["badann.ann"].startswith("not valid UTF-8 at byte 11")
    assert got["empty.txt"] == "empty text"
    assert summary.imported == 0 and store.check() == []


def test_crlf_and_bom_are_dropped_with_offsets_moved(tmp_path) -> None:
    raw = "\ufeffسطر أول\r\nقال محمد\r\n"
    start = raw.index("محمد")
    write_pair(tmp_path, "win", raw, f"T1\tPER {start} {start + 4}\tمحمد\n")
    store = Store.memory()
    summary = import_paths(store, [tmp_path / "win.ann"], "brat", annotator="amal")
    assert summary.rejected == []
    doc = store.find_document("win")
    assert doc.text == "سطر أول\nقال محمد\n"
    [entity] = entities(store, doc.id)
    assert doc.text[entity.start : entity.end] == "محمد"
    assert (entity.start, entity.end) == (start - 2, start + 2)


def test_single_file_of_a_pair_can_be_named(tmp_path) -> None:
    write_pair(tmp_path, "one", "نص عن دمشق.", "T1\tGPE 6 10\tدمشق\n")
    for given in ("one.txt", "one.ann"):
        store = Store.memory()
        summary = import_paths(store, [tmp_path / given], "brat", annotator="amal")
        assert summary.rejected == [] and summary.annotations == 1
    (tmp_path / "three.txt").write_text("نص بلا تعليقات", encoding="utf-8")
    store = Store.memory()
    summary = import_paths(store, [tmp_path / "three.txt"], "brat", annotator="amal")
    [rejection] = summary.rejected
    assert rejection.source == str(tmp_path / "three.txt")
    assert rejection.reason.startswith("no three.ann beside it")
    assert store.document_ids() == []


def test_brat_import_needs_an_annotator(capsys, tmp_path, db_path) -> None:
    write_pair(tmp_path, "one", "نص عن دمشق.", "T1\tGPE 6 10\tدمشق\n")
    code, _, err = run(capsys, "--db", str(db_path), "import", "--format", "brat", str(tmp_path))
    assert code == 1 and "--as-annotator" in err


def test_a_cue_drawn_to_an_entity_keeps_both_without_a_report(tmp_path) -> None:
    ann = (
        "T1\tPER 11 15\tمحمد\nT2\tQuote 19 29\tبيروت آمنة\nA1\tQuoteKind T2 direct\n"
        "R1\tQuote-Cue Arg1:T2 Arg2:T1\t\n"
    )
    write_pair(tmp_path, "doc", TEXT, ann)
    store = Store.memory()
    summary = import_paths(store, [tmp_path], "brat", annotator="amal")
    assert summary.rejected == [] and summary.annotations == 2
    [doc_id] = store.document_ids()
    [quote] = [a for a in store.annotations(doc_id) if isinstance(a, Quote)]
    assert quote.cue == Span(11, 15)
    assert [e.label for e in entities(store, doc_id)] == ["PER"]
