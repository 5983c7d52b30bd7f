"""jsonl-annotated import keeps each record's annotator: export → import → export is exact."""

from __future__ import annotations

import json

from layered_corpus import TEXT_A, build, span_of

from corpus.cli import main
from corpus.model import Ref, Topic
from corpus.store import Store


def two_annotators(path) -> None:
    with Store.open(path) as store:
        ids = build(store)
        # omar labels the first text too, in all three layers.
        minister = store.add_entity(ids.a, "omar", *_se(span_of(TEXT_A, "وزير الخارجية")), "PER")
        riyadh = store.add_entity(ids.a, "omar", *_se(span_of(TEXT_A, "الرياض")), "LOC")
        store.add_quote(
            ids.a,
            "omar",
            span_of(TEXT_A, "الرياض تدعم السلام"),
            "indirect",
            cue=span_of(TEXT_A, "وأضاف"),
            speaker=Ref(minister.uuid),
        )
        store.add_stance(
            ids.a,
            "omar",
            Ref(minister.uuid),
            Ref(riyadh.uuid),
            "support",
            [span_of(TEXT_A, "تدعم")],
        )
        store.add_stance(ids.a, "omar", Ref(riyadh.uuid), Topic("السلام"), "support")
        store.set_status(ids.a, "omar", "in_progress")


def _se(span) -> tuple[int, int]:
    return span.start, span.end


def test_multi_annotator_export_imports_into_an_empty_database_and_exports_the_same_bytes(
    capsys, tmp_path
) -> None:
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    two_annotators(first)
    export = ["export", "--format", "jsonl", "--status", "any"]
    assert main(["--db", str(first), *export, "--out", str(tmp_path / "one.jsonl")]) == 0
    one = (tmp_path / "one.jsonl").read_bytes()
    records = [json.loads(line) for line in one.decode("utf-8").splitlines()]
    assert [(r["id"], r["annotator"]) for r in records][:2] == [
        ("akhbar/1", "amal"),
        ("akhbar/1", "omar"),
    ]
    assert all(records[1][layer] for layer in ("entities", "quotes", "stances"))
    capsys.readouterr()

    code = main(
        ["--db", str(second), "import", "--format", "jsonl-annotated", str(tmp_path / "one.jsonl")]
    )
    assert code == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert out.startswith(f"imported 5, duplicates {len(records) - 5}, rejected 0")
    assert main(["--db", str(second), *export, "--out", str(tmp_path / "two.jsonl")]) == 0
    assert (tmp_path / "two.jsonl").read_bytes() == one
    with Store.open(second) as store:
        assert store.annotators() == ["amal", "omar"]
        assert store.status(1, "omar") == "in_progress"


def test_as_annotator_takes_every_record_and_a_record_without_one_is_rejected(
    capsys, tmp_path
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"text": "قال زيد", "annotator": "amal", "entities": []}, ensure_ascii=False)
        + "\n"
        + json.dumps(
            {"text": "زار عمرو", "entities": [{"start": 4, "end": 8, "label": "PER"}]},
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "t.db"
    code = main(["--db", str(db), "import", "--format", "jsonl-annotated", str(source)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{source}:2" in err and "annotator: the record names none" in err
    with Store.open(db) as store:
        assert [d.text for d in store.iter_documents()] == ["قال زيد"]

    other = tmp_path / "other.db"
    args = ["import", "--format", "jsonl-annotated", "--as-annotator", "badr", str(source)]
    assert main(["--db", str(other), *args]) == 0
    with Store.open(other) as store:
        assert store.annotators() == ["badr"]
        assert [a.annotator for a in store.annotations(2)] == ["badr"]


def test_a_bad_annotator_name_rejects_its_record_naming_the_field(capsys, tmp_path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"text": "a b", "annotator": "x\\ny"}\n{"text": "c d", "annotator": "amal"}\n',
        encoding="utf-8",
    )
    db = tmp_path / "t.db"
    assert main(["--db", str(db), "import", "--format", "jsonl-annotated", str(source)]) == 1
    err = capsys.readouterr().err
    assert f"{source}:1" in err and "annotator:" in err
    with Store.open(db) as store:
        assert [d.text for d in store.iter_documents()] == ["c d"]
