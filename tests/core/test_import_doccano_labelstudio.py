"""doccano and Label Studio imports: their real export files, offsets in UTF-16 or inclusive."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.cli import main
from corpus.importers import ImportOptions, import_paths
from corpus.model import Entity
from corpus.store import Store
from corpus.textpos import to_utf16

DOCCANO = Path("doccano-fixtures")
LABEL_STUDIO = Path("label-studio-exports")
CASSIS = Path("inception-webanno-tsv-xmi") / "dkpro-cassis-cas-json"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    code = main([*argv, "--json"])
    out, _ = capsys.readouterr()
    return code, json.loads(out)


def entity_texts(store: Store, annotator: str) -> list[tuple[str, str]]:
    found = []
    for doc in store.iter_documents():
        for ann in store.annotations(doc.id, annotator):
            assert isinstance(ann, Entity)
            found.append((doc.text[ann.span.start : ann.span.end], ann.label))
    return found


def cas_annotations(path: Path) -> tuple[str, list[tuple[int, int]]]:
    """The text and the (UTF-16) begin/end pairs of a UIMA CAS JSON file from dkpro-cassis."""
    data = json.loads(path.read_text(encoding="utf-8"))
    structures = data["%FEATURE_STRUCTURES"]
    text = next(fs["sofaString"] for fs in structures if fs["%TYPE"] == "uima.cas.Sofa")
    spans = [(fs["begin"], fs["end"]) for fs in structures if fs["%TYPE"] == "uima.tcas.Annotation"]
    return text, spans


# ---------------------------------------------------------------------------- doccano


def test_doccano_ner_export(shared_data: Path, db_path: Path, capsys) -> None:
    path = shared_data / DOCCANO / "data_export/pipeline/examples/sequence_labeling/example.jsonl"
    code, summary = run(
        capsys,
        "import",
        "--db",
        str(db_path),
        "--format",
        "doccano",
        "--as-annotator",
        "doccano",
        "--map",
        "PERSON=PER",
        str(path),
    )
    assert code == 0
    assert (summary["imported"], summary["annotations"]) == (3, 4)
    with Store.open(db_path) as store:
        assert entity_texts(store, "doccano") == [
            ("EU", "ORG"),
            ("German", "MISC"),
            ("Peter Blackburn", "PER"),
            ("Obama", "PER"),
        ]


def test_doccano_fixtures_missing_text_duplicates_and_meta(shared_data: Path, store: Store) -> None:
    folder = shared_data / DOCCANO / "data_import/tests/data/sequence_labeling"
    summary = import_paths(
        store,
        [folder / "example.jsonl", folder / "example_overlapping.jsonl"],
        "doccano",
        ImportOptions(),
        "d",
    )
    assert [(Path(r.source).name, r.line, r.reason) for r in summary.rejected] == [
        ("example.jsonl", 3, "no 'text' field (fields: label, meta); use --text-field"),
        ("example_overlapping.jsonl", 1, "LOC span [0, 1) repeats an earlier one: imported once"),
    ]
    # exampleA comes twice (the second file repeats it): one document, one LOC.
    assert summary.imported == 2
    assert summary.duplicates == 1
    assert entity_texts(store, "d") == [("e", "LOC")]
    assert [d.metadata for d in store.iter_documents()] == [{"wikiPageID": 1}, {"wikiPageID": 2}]


def test_doccano_pretty_printed_relation_export_keeps_relations(
    shared_data: Path, store: Store
) -> None:
    path = shared_data / DOCCANO / "data_export/pipeline/examples/relation_extraction/example.jsonl"
    options = ImportOptions(label_map={"PERSON": "PER", "DATE": "MISC"})
    summary = import_paths(store, [path], "doccano", options, "d")
    assert summary.rejected == []
    assert summary.annotations == 4
    assert entity_texts(store, "d") == [
        ("Google", "ORG"),
        ("September 4, 1998", "MISC"),
        ("Larry Page", "PER"),
        ("Sergey Brin", "PER"),
    ]
    [doc] = list(store.iter_documents())
    assert [r["type"] for r in doc.metadata["relations"]] == ["foundedAt", "foundedBy", "foundedBy"]
    assert [e["id"] for e in doc.metadata["entities"]] == [0, 1, 2, 3]


def test_doccano_text_field_option_and_classification_labels(
    shared_data: Path, store: Store
) -> None:
    columns = (
        shared_data / DOCCANO / "data_import/pipeline/examples/sequence_labeling/example.jsonl"
    )
    summary = import_paths(
        store,
        [columns],
        "doccano",
        ImportOptions(text_field="column_data", label_map={"PERSON": "PER"}),
        "d",
    )
    assert summary.rejected == []
    assert entity_texts(store, "d") == [("EU", "ORG"), ("Peter Blackburn", "PER"), ("Obama", "PER")]
    classes = (
        shared_data / DOCCANO / "data_export/pipeline/examples/text_classification/example.jsonl"
    )
    summary = import_paths(store, [classes], "doccano", ImportOptions(), "d")
    assert summary.imported == 3
    assert [r.line for r in summary.rejected] == [1, 2, 3]
    assert "class labels, not spans" in summary.rejected[0].reason


def test_doccano_utf16_offsets_with_emoji_are_detected(
    shared_data: Path, tmp_path: Path, store: Store
) -> None:
    # The emoji text and UTF-16 offsets written by UIMA's Java serializer.
    text, spans = cas_annotations(
        shared_data / CASSIS / "casWithEmojiUnicodeTextAndAnnotations" / "data.json"
    )
    words = ["🥳", "This", "👳🏻\u200d♀️", "is", "✆", "a", "🧔🏾\u200d♂️", "test", "👻"]
    assert len(spans) == len(words)
    arabic = "😀 قال بوتين إن لبكين دوراً"
    arabic_spans = [(arabic.index(w), arabic.index(w) + len(w)) for w in ("بوتين", "بكين")]
    path = tmp_path / "emoji.jsonl"
    records = [
        {"text": text, "label": [[b, e, "MISC"] for b, e in spans]},
        # As doccano's browser writes it: UTF-16 units.
        {
            "text": arabic,
            "label": [[to_utf16(arabic, s), to_utf16(arabic, e), "PER"] for s, e in arabic_spans],
        },
        # As a Python script writes it: code points (same text plus a mark: a new document).
        {"text": arabic + "!", "label": [[s, e, "GPE"] for s, e in arabic_spans]},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    summary = import_paths(store, [path], "doccano", ImportOptions(), "d")
    assert summary.rejected == []
    found = entity_texts(store, "d")
    assert found == [(w, "MISC") for w in words] + [
        ("بوتين", "PER"),
        ("بكين", "PER"),
        ("بوتين", "GPE"),
        ("بكين", "GPE"),
    ]
    assert [d.metadata.get("offsets") for d in store.iter_documents()] == [
        "utf16",
        "utf16",
        "codepoint",
    ]
    # Told the unit, the reader does not guess: code points do not fit the emoji text.
    again = Store.memory()
    told = import_paths(again, [path], "doccano", ImportOptions(offsets="codepoint"), "d")
    assert any("lies outside the text" in r.reason for r in told.rejected)


def test_doccano_crlf_text_offsets_follow_the_stored_text(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "crlf.jsonl"
    path.write_text(
        json.dumps(
            {"text": "\ufeffسطر\r\nقال بوتين", "label": [[10, 15, "PER"]]}, ensure_ascii=False
        ),
        encoding="utf-8",
    )
    summary = import_paths(store, [path], "doccano", ImportOptions(), "d")
    assert summary.rejected == []
    [doc] = list(store.iter_documents())
    assert doc.text == "سطر\nقال بوتين"
    [entity] = store.annotations(doc.id, "d")
    assert isinstance(entity, Entity)
    assert (entity.span.start, entity.span.end) == (8, 13)


# ---------------------------------------------------------------------------- Label Studio


def test_label_studio_0x_inclusive_ends(shared_data: Path, db_path: Path, capsys) -> None:
    path = shared_data / LABEL_STUDIO / "v0-named-entity-example" / "completions" / "0.json"
    code, summary = run(
        capsys,
        "import",
        "--db",
        str(db_path),
        "--format",
        "labelstudio",
        "--as-annotator",
        "ls",
        "--map",
        "Date=MISC",
        "--map",
        "Location=LOC",
        str(path),
    )
    assert code == 0
    assert summary["annotations"] == 2
    with Store.open(db_path) as store:
        [doc] = list(store.iter_documents())
        spans = sorted((a.span.start, a.span.end, a.label) for a in store.annotations(doc.id))
        assert spans == [(45, 50, "LOC"), (343, 354, "MISC")]
        assert doc.text[343:354] == "February 22"
        assert doc.external_id == "0"


def test_label_studio_folder_reports_what_it_cannot_import(shared_data: Path, store: Store) -> None:
    folder = shared_data / LABEL_STUDIO / "v0-named-entity-example"
    options = ImportOptions(label_map={"Date": "MISC", "Location": "LOC"})
    summary = import_paths(store, [folder], "labelstudio", options, "ls")
    reasons = [(Path(r.source).name, r.line, r.reason) for r in summary.rejected]
    # completions.json holds results without their task's text.
    assert (
        "completions.json",
        2,
        "task: no task text (data fields: result); use --text-field",
    ) in reasons
    assert (
        "completions.json",
        51,
        "task: no task text (data fields: result); use --text-field",
    ) in reasons
    assert len(reasons) == 2
    # The three task files share one text: one document, the first file's labels.
    assert summary.imported == 1
    assert summary.duplicates == 2
    assert sorted(entity_texts(store, "ls")) == [("Bahia", "LOC"), ("February 22", "MISC")]


def test_label_studio_1x_exports_report_other_result_types(shared_data: Path, store: Store) -> None:
    folder = shared_data / LABEL_STUDIO / "sdk-converter-fixtures"
    summary = import_paths(store, [folder], "labelstudio", ImportOptions(), "ls")
    reasons = sorted((Path(r.source).name, r.reason) for r in summary.rejected)
    assert reasons == [
        (
            "csv_test.json",
            "task 1: results not imported: rectanglelabels x1 "
            "(only 'labels' spans of the text are)",
        ),
        (
            "csv_test.json",
            "task 2: results not imported: rectanglelabels x2 "
            "(only 'labels' spans of the text are)",
        ),
        (
            "csv_test_history.json",
            "task 6141: results not imported: choices x1 (only 'labels' spans of the text are)",
        ),
        ("data.json", "task 87: no task text (data fields: image); use --text-field"),
    ]
    titles = sorted(d.text[:30] for d in store.iter_documents())
    assert titles == ["Calif. wildfires signal the ar", "The Supreme Court won\u2019t hear a"]
    assert summary.duplicates == 1  # csv_test_history.json repeats task 1's text


def _task(text: str, results: list[dict], **extra) -> dict:
    return {"id": 1, "data": {"text": text}, "annotations": [{"id": 9, "result": results, **extra}]}


def _labels(start: int, end: int, covered: str, label: str = "MISC") -> dict:
    return {
        "id": f"r{start}",
        "type": "labels",
        "from_name": "label",
        "to_name": "text",
        "value": {"start": start, "end": end, "text": covered, "labels": [label]},
    }


def test_label_studio_utf16_offsets_from_a_java_serializer(
    shared_data: Path, tmp_path: Path, store: Store
) -> None:
    text, spans = cas_annotations(
        shared_data / CASSIS / "casWithEmojiUnicodeTextAndAnnotations" / "data.json"
    )
    utf16 = text.encode("utf-16-le")
    covered = [utf16[2 * b : 2 * e].decode("utf-16-le") for b, e in spans]
    assert covered[2] == "👳🏻\u200d♀️"
    arabic, arabic_spans = cas_annotations(
        shared_data / CASSIS / "casWithLeftToRightTextAndAnnotations" / "data.json"
    )
    tasks = [
        _task(text, [_labels(b, e, c) for (b, e), c in zip(spans, covered, strict=True)]),
        {**_task(arabic, [_labels(b, e, arabic[b:e], "ORG") for b, e in arabic_spans]), "id": 2},
    ]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False, indent=2), encoding="utf-8")
    summary = import_paths(store, [path], "labelstudio", ImportOptions(), "ls")
    assert summary.rejected == []
    assert entity_texts(store, "ls") == [(c, "MISC") for c in covered] + [
        ("هذا", "ORG"),
        ("اختبار", "ORG"),
    ]
    # Told code points, the emoji spans do not hold their texts and are rejected by line.
    again = Store.memory()
    told = import_paths(again, [path], "labelstudio", ImportOptions(offsets="codepoint"), "ls")
    assert len(told.rejected) == len(spans)
    assert all(r.line == 2 and "does not hold its text" in r.reason for r in told.rejected)
    assert entity_texts(again, "ls") == [("هذا", "ORG"), ("اختبار", "ORG")]


def test_label_studio_spans_that_do_not_fit_are_rejected(tmp_path: Path, store: Store) -> None:
    text = "قال بوتين إن بكين"
    tasks = [
        _task(
            text,
            [
                _labels(4, 9, "بوتين", "PER"),
                _labels(13, 17, "موسكو", "GPE"),
                _labels(13, 90, "بكين", "GPE"),
                {"type": "relation", "from_id": "a"},
            ],
        ),
    ]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    summary = import_paths(store, [path], "labelstudio", ImportOptions(), "ls")
    reasons = [r.reason for r in summary.rejected]
    assert reasons == [
        "task 1, result r13: span [13, 17) does not hold its text 'موسكو' (tried codepoint "
        "offsets or utf16 offsets with exclusive or inclusive ends): not imported",
        "task 1, result r13: span [13, 90) does not hold its text 'بكين' (tried codepoint "
        "offsets or utf16 offsets with exclusive or inclusive ends): not imported",
        "task 1: results not imported: relation x1 (only 'labels' spans of the text are)",
    ]
    assert entity_texts(store, "ls") == [("بوتين", "PER")]


def test_label_studio_takes_the_ground_truth_of_several_annotations(
    tmp_path: Path, store: Store
) -> None:
    text = "قال بوتين إن بكين"
    task = {
        "id": 5,
        "data": {"text": text},
        "annotations": [
            {"id": 1, "result": [_labels(4, 9, "بوتين", "PER")], "updated_at": "2024-05-02"},
            {
                "id": 2,
                "result": [_labels(13, 17, "بكين", "GPE")],
                "ground_truth": True,
                "updated_at": "2024-05-01",
            },
            {"id": 3, "result": [_labels(0, 3, "قال", "MISC")], "was_cancelled": True},
        ],
    }
    path = tmp_path / "several.json"
    path.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    summary = import_paths(store, [path], "labelstudio", ImportOptions(), "ls")
    assert entity_texts(store, "ls") == [("بكين", "GPE")]
    [rejection] = summary.rejected
    assert rejection.reason.startswith("task 5: annotation(s) 1 not imported")
