"""jsonl export: one (document, annotator) a line, exact span texts, round trip, split."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from layered_corpus import TEXT_A, build, span_of

from corpus.cli import main
from corpus.exporters import ExportOptions, export
from corpus.exporters.common import split_plan
from corpus.model import Ref, Span
from corpus.store import Store


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def layered_db(db_path: Path) -> Path:
    with Store.open(db_path) as store:
        build(store)
    return db_path


def span_objects(record: dict) -> list[dict]:
    """Every object of a record that claims a span of its text."""
    found = list(record.get("entities", []))
    for quote in record.get("quotes", []):
        found += [quote["content"]] + [quote[k] for k in ("cue", "speaker") if quote[k]]
    for stance in record.get("stances", []):
        found += [stance[k] for k in ("holder", "target") if "start" in stance[k]]
        found += stance["evidence"]
    return found


def test_line_holds_every_layer_with_exact_span_texts(capsys, layered_db, tmp_path) -> None:
    out = tmp_path / "train.jsonl"
    code, stdout, _ = run(
        capsys,
        "--db",
        str(layered_db),
        "export",
        "--format",
        "jsonl",
        "--out",
        str(out),
        "--annotator",
        "amal",
    )
    assert code == 0
    assert "exported 3 documents" in stdout
    records = lines(out)
    assert [r["id"] for r in records] == ["akhbar/1", "2", "akhbar/5"]
    first = records[0]
    assert list(first) == [
        "id",
        "title",
        "text",
        "metadata",
        "annotator",
        "status",
        "entities",
        "quotes",
        "stances",
    ]
    assert first["text"] == TEXT_A and first["title"] == "خبر أ"
    assert first["metadata"] == {"source": "test", "tags": ["سياسة", 2]}
    assert (first["annotator"], first["status"]) == ("amal", "done")
    spans = span_objects(first)
    # 5 entities; 3 quote contents, 2 cues, 2 speakers; 3 holders, 2 targets, 3 evidence.
    assert len(spans) == 5 + (3 + 2 + 2) + (3 + 2 + 3)
    for obj in spans:
        assert obj["text"] == TEXT_A[obj["start"] : obj["end"]]
    person = next(e for e in first["entities"] if e["text"] == "محمد بن سلمان")
    where = span_of(TEXT_A, "محمد بن سلمان")
    assert (person["start"], person["end"], person["label"]) == (where.start, where.end, "PER")
    # Nested and overlapping entities are all there, in text order.
    assert [(e["label"], e["text"]) for e in first["entities"]] == [
        ("MISC", "الرئيسُ محمد"),
        ("PER", "محمد بن سلمان"),
        ("MISC", "بن سلمان"),
        ("GPE", "أوكرانيا"),
        ("GPE", "الرياض"),
    ]
    quote = first["quotes"][0]
    assert quote["content"]["text"] == "الحرب\nفي أوكرانيا يجب أن تنتهي"
    assert quote["cue"]["text"] == "قال" and quote["kind"] == "indirect"
    assert quote["speaker"] == {
        "entity": person["id"],
        "start": where.start,
        "end": where.end,
        "text": "محمد بن سلمان",
    }
    # Quotes come in text order: the emoji (a non-BMP character) lies before the third.
    assert first["quotes"][2]["speaker"]["text"] == "وزير الخارجية"
    assert "entity" not in first["quotes"][2]["speaker"]
    emoji = first["quotes"][1]
    assert emoji["content"]["text"] == "😀" and emoji["cue"] is None and emoji["speaker"] is None
    oppose = first["stances"][0]
    assert oppose["target"] == {"topic": "الحرب في أوكرانيا"}
    assert oppose["holder"]["entity"] == person["id"] and oppose["polarity"] == "oppose"
    assert [e["text"] for e in first["stances"][1]["evidence"]] == ["تدعم", "السلام"]
    assert records[2]["entities"] == [] and records[2]["quotes"] == []


def test_output_is_utf8_without_escapes(layered_db, tmp_path) -> None:
    out = tmp_path / "all.jsonl"
    with Store.open(layered_db) as store:
        export(store, "jsonl", out, ExportOptions(annotator="amal"))
    raw = out.read_bytes()
    assert "محمد بن سلمان".encode() in raw and "😀".encode() in raw
    assert b"\\u" not in raw
    assert raw.endswith(b"\n") and raw.count(b"\n") == 3


def test_status_annotator_and_layer_options(layered_db, tmp_path) -> None:
    with Store.open(layered_db) as store:
        everyone = tmp_path / "everyone.jsonl"
        export(store, "jsonl", everyone, ExportOptions(status="any"))
        assert [(r["id"], r["annotator"], r["status"]) for r in lines(everyone)] == [
            ("akhbar/1", "amal", "done"),
            ("2", "amal", "done"),
            ("akhbar/3", "amal", "in_progress"),
            ("akhbar/4", "omar", "done"),
            ("akhbar/5", "amal", "done"),
        ]
        quotes_only = tmp_path / "quotes.jsonl"
        report = export(
            store, "jsonl", quotes_only, ExportOptions(annotator="amal", layers=("quote",))
        )
    first = lines(quotes_only)[0]
    assert "entities" not in first and "stances" not in first
    assert report.annotations == 3
    # A speaker entity that was not exported still carries its words.
    assert first["quotes"][0]["speaker"]["text"] == "محمد بن سلمان"


def test_unknown_annotator_is_an_error_and_writes_nothing(capsys, layered_db, tmp_path) -> None:
    out = tmp_path / "x.jsonl"
    code, _, err = run(
        capsys,
        "--db",
        str(layered_db),
        "export",
        "--format",
        "jsonl",
        "--out",
        str(out),
        "--annotator",
        "nobody",
    )
    assert code == 1 and "nobody" in err
    assert not out.exists()
    assert not any("part" in p.name for p in tmp_path.iterdir())


def test_round_trip_is_byte_identical_through_a_fresh_database(
    capsys, layered_db, tmp_path
) -> None:
    first = tmp_path / "first.jsonl"
    second = tmp_path / "second.jsonl"
    fresh = tmp_path / "fresh.db"
    export_args = ["export", "--format", "jsonl", "--annotator", "amal", "--status", "any"]
    assert run(capsys, "--db", str(layered_db), *export_args, "--out", str(first))[0] == 0
    code, out, err = run(
        capsys,
        "--db",
        str(fresh),
        "import",
        str(first),
        "--format",
        "jsonl-annotated",
        "--as-annotator",
        "amal",
        "--json",
    )
    assert code == 0, err
    summary = json.loads(out)
    assert summary["imported"] == 4 and summary["annotations"] == 5 + 3 + 3 + 2 + 1
    assert run(capsys, "--db", str(fresh), *export_args, "--out", str(second))[0] == 0
    assert first.read_bytes() == second.read_bytes()
    with Store.open(fresh) as store:
        assert store.check() == []
        # UUIDs are kept, so a quote's speaker reference survives as a reference.
        original = lines(first)[0]["entities"][1]["id"]
        assert store.annotation(original).label == "PER"


def test_split_is_deterministic_disjoint_and_follows_the_text_hash(
    capsys, layered_db, tmp_path
) -> None:
    with Store.open(layered_db) as store:
        for i in range(60):
            doc = store.add_document(f"وثيقة رقم {i} عن الاقتصاد.", external_id=f"s{i}")
            store.set_status(doc, "amal", "done")
        options = ExportOptions(annotator="amal", split=(80, 10, 10), seed=13)
        report = export(store, "jsonl", tmp_path / "one" / "data.jsonl", options)
    code, out, _ = run(
        capsys,
        "--db",
        str(layered_db),
        "export",
        "--format",
        "jsonl",
        "--annotator",
        "amal",
        "--split",
        "80/10/10",
        "--seed",
        "13",
        "--out",
        str(tmp_path / "two" / "data.jsonl"),
        "--json",
    )
    assert code == 0 and json.loads(out)["files"] == [
        str(tmp_path / "two" / f"data.{part}.jsonl") for part in ("train", "dev", "test")
    ]
    with Store.open(layered_db) as store:
        other = export(
            store,
            "jsonl",
            tmp_path / "three" / "data.jsonl",
            ExportOptions(annotator="amal", split=(80, 10, 10), seed=14),
        )
        hashes = {d.external_id or str(d.id): d.sha256 for d in store.iter_documents()}
    names = [Path(f).name for f in report.files]
    assert names == ["data.train.jsonl", "data.dev.jsonl", "data.test.jsonl"]
    assert not (tmp_path / "one" / "data.jsonl").exists()
    parts: dict[str, list[str]] = {}
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
        parts[name.split(".")[1]] = [r["id"] for r in lines(tmp_path / "one" / name)]
    every = [i for ids in parts.values() for i in ids]
    assert len(every) == len(set(every)) == 63 == report.documents
    plan = split_plan((hashes[i] for i in every), (80, 10, 10), 13)
    for part, ids in parts.items():
        assert all(plan[hashes[i]] == part for i in ids)
    assert [len(parts[p]) for p in ("train", "dev", "test")] == [51, 6, 6]
    assert len(parts["train"]) > len(parts["dev"]) and parts["dev"] and parts["test"]
    other_parts = {
        Path(f).name.split(".")[1]: [r["id"] for r in lines(Path(f))] for f in other.files
    }
    assert other_parts != parts


def test_split_does_not_depend_on_import_order(tmp_path) -> None:
    texts = [f"خبر قصير رقم {i}." for i in range(40)]

    def parts(order: list[str], where: Path) -> dict[str, str]:
        with Store.memory() as store:
            for text in order:
                doc = store.add_document(text, external_id=text)
                store.set_status(doc, "amal", "done")
            report = export(
                store, "jsonl", where / "x.jsonl", ExportOptions(split=(50, 25, 25), seed=3)
            )
        return {r["id"]: Path(f).name for f in report.files for r in lines(Path(f))}

    assert parts(texts, tmp_path / "a") == parts(texts[::-1], tmp_path / "b")


def test_out_being_a_folder_is_a_clear_error(capsys, layered_db, tmp_path) -> None:
    code, _, err = run(
        capsys, "--db", str(layered_db), "export", "--format", "jsonl", "--out", str(tmp_path)
    )
    assert code == 1 and "is a folder" in err


def test_streamed_pairs_match_per_document_reads_across_batches() -> None:
    """iter_annotated reads in batches; each pair must equal a plain per-document read."""
    store = Store.memory()
    for i in range(300):
        doc = store.add_document(f"قال الوزير {i} إن بيروت آمنة.")
        for annotator in ["amal", "omar"] if i % 3 else ["omar"]:
            entity = store.add_entity(doc, annotator, 4, 10, "PER")
            if i % 2:
                store.add_quote(doc, annotator, Span(14, 25), "indirect", speaker=Ref(entity.uuid))
            store.set_status(doc, annotator, "done" if i % 5 else "in_progress")
    for annotator, status, layers in [
        (None, "any", ("entity", "quote", "stance")),
        ("amal", "done", ("quote",)),
        (None, "done", ()),
    ]:
        got = [
            (p.document.id, p.annotator, p.status, p.annotations)
            for p in store.iter_annotated(annotator, status, layers)
        ]
        expected = []
        for doc_id in store.document_ids():
            for name in ["amal", "omar"]:
                st = store.status(doc_id, name)
                anns = store.annotations(doc_id, name)
                if not anns and st == "todo":
                    continue
                if (annotator and name != annotator) or (status != "any" and st != status):
                    continue
                expected.append((doc_id, name, st, [a for a in anns if a.layer in layers]))
        assert got == expected
    assert len(list(store.iter_annotated(status="any"))) == 500  # two batches and more
