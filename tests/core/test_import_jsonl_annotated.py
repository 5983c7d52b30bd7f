"""jsonl-annotated import: our jsonl read back, every span checked, bad records rejected."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from corpus.cli import main
from corpus.importers import ImportOptions, import_paths
from corpus.model import Entity, Quote, Ref, Span, Stance, Topic
from corpus.store import Store

TEXT = "قال الوزير محمد إن بيروت آمنة."


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(path: Path, *records: object) -> Path:
    path.write_text(
        "".join(
            (r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records
        ),
        encoding="utf-8",
    )
    return path


def good(**changes: object) -> dict:
    record = {
        "id": "n1",
        "title": "عنوان",
        "text": TEXT,
        "metadata": {"k": "v"},
        "annotator": "someone",
        "status": "done",
        "entities": [
            {"id": "e1", "start": 11, "end": 15, "label": "PER", "text": "محمد"},
            {"id": "e2", "start": 19, "end": 24, "label": "GPE", "text": "بيروت"},
        ],
        "quotes": [
            {
                "id": "q1",
                "kind": "indirect",
                "content": {"start": 19, "end": 29, "text": "بيروت آمنة"},
                "cue": {"start": 0, "end": 3, "text": "قال"},
                "speaker": {"entity": "e1", "start": 11, "end": 15, "text": "محمد"},
            }
        ],
        "stances": [
            {
                "id": "s1",
                "polarity": "support",
                "holder": {"entity": "e1"},
                "target": {"topic": "أمن لبنان"},
                "evidence": [{"start": 25, "end": 29, "text": "آمنة"}],
            },
            {
                "id": "s2",
                "polarity": "neutral",
                "holder": {"start": 4, "end": 10, "text": "الوزير"},
                "target": {"entity": "e2", "start": 19, "end": 24, "text": "بيروت"},
                "evidence": [],
            },
        ],
    }
    record.update(changes)
    return record


def test_a_record_becomes_a_document_with_all_layers_and_its_status(tmp_path) -> None:
    store = Store.memory()
    summary = import_paths(
        store, [write(tmp_path / "a.jsonl", good())], "jsonl-annotated", annotator="amal"
    )
    assert summary.rejected == [] and summary.imported == 1 and summary.annotations == 5
    doc = store.find_document("n1")
    assert (doc.title, doc.metadata, doc.text) == ("عنوان", {"k": "v"}, TEXT)
    assert store.status(doc.id, "amal") == "done"
    anns = store.annotations(doc.id, "amal")
    person, place = [a for a in anns if isinstance(a, Entity)]
    [quote] = [a for a in anns if isinstance(a, Quote)]
    first, second = [a for a in anns if isinstance(a, Stance)]
    # Ids that are not UUIDs get fresh ones; the references follow them.
    assert uuid.UUID(person.uuid) and quote.speaker == Ref(person.uuid)
    assert (quote.content, quote.cue, quote.kind) == (Span(19, 29), Span(0, 3), "indirect")
    assert (first.holder, first.target, first.evidence) == (
        Ref(person.uuid),
        Topic("أمن لبنان"),
        (Span(25, 29),),
    )
    assert (second.holder, second.target, second.polarity) == (
        Span(4, 10),
        Ref(place.uuid),
        "neutral",
    )
    assert store.check() == []


def test_uuid_ids_are_kept(tmp_path) -> None:
    e1, q1 = str(uuid.uuid4()), str(uuid.uuid4())
    record = good(stances=[])
    record["entities"][0]["id"] = e1
    record["quotes"][0]["id"] = q1
    record["quotes"][0]["speaker"] = {"entity": e1}
    store = Store.memory()
    import_paths(store, [write(tmp_path / "a.jsonl", record)], "jsonl-annotated", annotator="amal")
    assert store.annotation(e1).label == "PER"
    assert store.annotation(q1).speaker == Ref(e1)


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        (
            good(entities=[{"start": 11, "end": 15, "label": "PER", "text": "أحمد"}]),
            "entities[0]: text 'أحمد' is not the text at [11, 15), which is 'محمد'",
        ),
        (
            good(entities=[{"start": 11, "end": 99, "label": "PER"}]),
            f"entities[0]: span [11, 99) does not fit a text of {len(TEXT)} characters",
        ),
        (
            good(entities=[{"start": "11", "end": 15, "label": "PER"}]),
            "entities[0]: start and end must be integers",
        ),
        (
            good(entities=[{"start": 15, "end": 11, "label": "PER"}]),
            "entities[0]: span [15, 11) does not fit",
        ),
        (
            good(entities=[{"start": 11, "end": 15}]),
            "entities[0]: label must be a non-empty string",
        ),
        (
            good(quotes=[{"kind": "direct", "content": {"start": 19, "end": 29, "text": "بيروت"}}]),
            "quotes[0].content: text 'بيروت' is not the text at [19, 29)",
        ),
        (
            good(
                quotes=[
                    {
                        "kind": "direct",
                        "content": {"start": 19, "end": 29},
                        "speaker": {"entity": "nobody"},
                    }
                ]
            ),
            "quotes[0].speaker: no entity with id 'nobody' in this record",
        ),
        (
            good(stances=[{"polarity": "oppose", "holder": {"entity": "e1"}}]),
            "stances[0]: a stance needs a holder and a target",
        ),
        (
            good(
                stances=[
                    {
                        "polarity": "oppose",
                        "holder": {"entity": "e1", "start": 19, "end": 24},
                        "target": {"topic": "x"},
                    }
                ]
            ),
            "stances[0].holder: span [19, 24) is not the span of entity 'e1'",
        ),
        (
            good(
                stances=[
                    {"polarity": "oppose", "holder": {"entity": "e1"}, "target": {"topic": " "}}
                ]
            ),
            "stances[0].target: topic must be a non-empty string",
        ),
        (
            good(
                entities=[
                    {"id": "x", "start": 11, "end": 15, "label": "PER"},
                    {"id": "x", "start": 19, "end": 24, "label": "GPE"},
                ],
                quotes=[],
                stances=[],
            ),
            "entities[1]: id 'x' is used twice in this record",
        ),
        (
            good(status="finished"),
            "status 'finished' is not one of todo, in_progress, done, skipped",
        ),
        (good(text=""), "text: empty text"),
        (good(metadata=[1]), "metadata must be an object, got list"),
        ("[1, 2]", "a line must hold a JSON object, not list"),
        ('{"text": "نص"', "not valid JSON: Expecting ',' delimiter"),
    ],
)
def test_a_bad_record_is_rejected_with_file_line_and_reason(
    capsys, tmp_path, record, reason: str
) -> None:
    path = write(
        tmp_path / "in.jsonl",
        good(id="before", text="نص سابق سليم", entities=[], quotes=[], stances=[]),
        record,
        good(id="after"),
    )
    db = tmp_path / "t.db"
    code, out, _ = run(
        capsys,
        "--db",
        str(db),
        "import",
        str(path),
        "--format",
        "jsonl-annotated",
        "--as-annotator",
        "amal",
        "--json",
    )
    summary = json.loads(out)
    assert code == 1
    [rejection] = summary["rejected"]
    assert (rejection["source"], rejection["line"]) == (str(path), 2)
    assert rejection["reason"].startswith(reason)
    assert summary["imported"] == 2
    with Store.open(db) as store:
        assert [d.external_id for d in store.iter_documents()] == ["before", "after"]
        assert store.check() == []


def test_labels_go_through_the_label_map_and_unknown_ones_are_reported(tmp_path) -> None:
    record = good(quotes=[], stances=[])
    record["entities"][0]["label"] = "PERSON"
    record["entities"][1]["label"] = "CITY"
    store = Store.memory()
    summary = import_paths(
        store,
        [write(tmp_path / "a.jsonl", record)],
        "jsonl-annotated",
        ImportOptions(label_map={"PERSON": "PER"}),
        annotator="amal",
    )
    assert store.stats()["annotations"]["entity"] == {"PER": 1}
    assert [r.reason for r in summary.rejected] == ["unknown label 'CITY' (1 annotations in all)"]


def test_reimport_does_not_overwrite_an_annotators_own_work(tmp_path) -> None:
    store = Store.memory()
    doc = store.add_document(TEXT)
    store.add_entity(doc, "amal", 0, 3, "MISC")
    store.set_status(doc, "amal", "in_progress")
    summary = import_paths(
        store, [write(tmp_path / "a.jsonl", good())], "jsonl-annotated", annotator="amal"
    )
    assert summary.duplicates == 1 and summary.annotations == 0
    assert store.status(doc, "amal") == "in_progress"
    assert [a.label for a in store.annotations(doc, "amal")] == ["MISC"]
    # Another annotator gets the file's labels and status on the same document.
    summary = import_paths(
        store, [write(tmp_path / "a.jsonl", good())], "jsonl-annotated", annotator="omar"
    )
    assert summary.annotations == 5 and store.status(doc, "omar") == "done"


def test_missing_title_comes_from_the_text_and_lines_split_on_lf_only(tmp_path) -> None:
    text = "سطر أول\u2028ما زال السطر الأول\nسطر ثان"
    path = tmp_path / "a.jsonl"
    path.write_text(
        "\ufeff" + json.dumps({"text": text}, ensure_ascii=False) + "\r\n\n", encoding="utf-8"
    )
    store = Store.memory()
    summary = import_paths(store, [path], "jsonl-annotated", annotator="amal")
    assert summary.rejected == [] and summary.imported == 1
    [doc] = store.iter_documents()
    assert doc.text == text and doc.title == "سطر أول\u2028ما زال السطر الأول"
    assert doc.external_id is None
