"""parquet export: a Hugging Face token table with class names, and quote/stance pair tables."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from layered_corpus import TEXT_A, build, span_of

from corpus.cli import main
from corpus.exporters import ExportOptions, export, parquet
from corpus.exporters.common import split_plan
from corpus.store import Store


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def layered_db(db_path: Path) -> Path:
    with Store.open(db_path) as store:
        build(store)
    return db_path


@pytest.fixture
def offline_datasets(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "hf-cache"))
    return tmp_path / "hf-cache"


def conll_sentences(path: Path) -> list[list[tuple[str, str]]]:
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            continue
        if line:
            token, tag = line.split("\t")
            current.append((token, tag))
        elif current:
            sentences.append(current)
            current = []
    return sentences


def test_datasets_loads_the_token_table_with_class_labels(
    layered_db: Path, tmp_path: Path, capsys, offline_datasets: Path
) -> None:
    out = tmp_path / "train.parquet"
    code, stdout, _ = run(
        capsys,
        "export",
        "--db",
        str(layered_db),
        "--format",
        "parquet",
        "--out",
        str(out),
        "--status",
        "any",
        "--json",
    )
    assert code == 0
    report = json.loads(stdout)
    assert report["files"] == [
        str(out),
        str(tmp_path / "train.quotes.parquet"),
        str(tmp_path / "train.stances.parquet"),
    ]
    import datasets

    loaded = datasets.load_dataset(
        "parquet", data_files={"train": str(out)}, cache_dir=str(offline_datasets)
    )["train"]
    tags = loaded.features["ner_tags"].feature
    assert isinstance(tags, datasets.ClassLabel)
    assert tags.names == [
        "O",
        "B-PER",
        "I-PER",
        "B-ORG",
        "I-ORG",
        "B-GPE",
        "I-GPE",
        "B-LOC",
        "I-LOC",
        "B-EVENT",
        "I-EVENT",
        "B-MISC",
        "I-MISC",
    ]
    # Same tokens and tags, sentence for sentence, as the CoNLL export of the same pairs.
    conll = tmp_path / "same.conll"
    run(
        capsys,
        "export",
        "--db",
        str(layered_db),
        "--format",
        "conll",
        "--out",
        str(conll),
        "--status",
        "any",
    )
    expected = conll_sentences(conll)
    got = [
        list(zip(row["tokens"], [tags.int2str(t) for t in row["ner_tags"]], strict=True))
        for row in loaded
    ]
    assert got == expected
    # The nested and overlapping entities of document A went where BIO cannot hold them.
    assert report["dropped"] == 2
    first = next(row for row in loaded if row["document"] == "akhbar/1")
    assert first["annotator"] == "amal"
    assert [
        (t, tags.int2str(i)) for t, i in zip(first["tokens"], first["ner_tags"], strict=True) if i
    ][:3] == [("محمد", "B-PER"), ("بن", "I-PER"), ("سلمان", "I-PER")]


def test_quote_and_stance_tables_pair_their_arguments(
    layered_db: Path, tmp_path: Path, offline_datasets: Path
) -> None:
    with Store.open(layered_db) as store:
        report = export(
            store, "parquet", tmp_path / "x.parquet", ExportOptions(annotator="amal", status="done")
        )
    assert report.documents == 3  # a, b and e: amal's done documents
    quotes = pq.read_table(tmp_path / "x.quotes.parquet").to_pylist()
    assert [(q["quote"], q["speaker"], q["speaker_label"], q["cue"]) for q in quotes] == [
        ("الحرب\nفي أوكرانيا يجب أن تنتهي", "محمد بن سلمان", "PER", "قال"),
        ("😀", None, None, None),
        ("الرياض تدعم السلام", "وزير الخارجية", None, "وأضاف"),
    ]
    for q in quotes:
        assert TEXT_A[q["quote_start"] : q["quote_end"]] == q["quote"]
        assert q["quote"] in q["context"]
        assert q["speaker"] is None or q["speaker"] in q["context"]
    assert quotes[0]["speaker_start"] == span_of(TEXT_A, "محمد بن سلمان").start
    stances = pq.read_table(tmp_path / "x.stances.parquet").to_pylist()
    assert [(s["holder"], s["target"], s["target_is_topic"], s["evidence"]) for s in stances] == [
        ("محمد بن سلمان", "الحرب في أوكرانيا", True, ["يجب أن تنتهي"]),
        ("وزير الخارجية", "الرياض", False, ["تدعم", "السلام"]),
        ("الرياض", "السلام", False, []),
    ]
    assert stances[1]["target_label"] == "GPE"
    assert stances[0]["target_start"] is None
    assert stances[1]["evidence_start"] == [
        span_of(TEXT_A, "تدعم").start,
        span_of(TEXT_A, "السلام").start,
    ]
    import datasets

    loaded = {
        table: datasets.load_dataset(
            "parquet",
            data_files={"train": str(tmp_path / f"x.{name}.parquet")},
            cache_dir=str(offline_datasets),
        )["train"]
        for table, name in (("q", "quotes"), ("s", "stances"))
    }
    kinds = loaded["q"].features["kind"]
    polarities = loaded["s"].features["polarity"]
    assert kinds.names == ["direct", "indirect", "mixed"]
    assert [kinds.int2str(k) for k in loaded["q"]["kind"]] == ["indirect", "mixed", "direct"]
    assert [polarities.int2str(p) for p in loaded["s"]["polarity"]] == [
        "oppose",
        "support",
        "neutral",
    ]


def test_rows_go_out_in_row_groups(
    layered_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parquet, "ROWS_PER_GROUP", 2)
    with Store.open(layered_db) as store:
        export(store, "parquet", tmp_path / "x.parquet", ExportOptions(status="any"))
    table = pq.ParquetFile(tmp_path / "x.parquet")
    assert table.metadata.num_rows == 8
    assert table.metadata.num_row_groups == 4
    ids = table.read().column("id").to_pylist()
    assert len(set(ids)) == len(ids)


def test_tagset_anercorp_names_and_split_parts(layered_db: Path, tmp_path: Path) -> None:
    options = ExportOptions(
        status="any", split=(50, 25, 25), seed=3, tagset="anercorp", layers=("entity",)
    )
    with Store.open(layered_db) as store:
        report = export(store, "parquet", tmp_path / "d.parquet", options)
        plan = split_plan(
            (d.document.sha256 for d in store.iter_annotated(None, "any", ())), (50, 25, 25), 3
        )
        part_of = {d.id: plan[d.sha256] for d in store.iter_documents() if d.sha256 in plan}
    assert report.files == [str(tmp_path / f"d.{p}.parquet") for p in ("train", "dev", "test")]
    assert any("folded GPE → LOC" in note for note in report.notes)
    for part in ("train", "dev", "test"):
        table = pq.read_table(tmp_path / f"d.{part}.parquet")
        features = json.loads(table.schema.metadata[b"huggingface"])["info"]["features"]
        assert features["ner_tags"]["feature"]["names"] == [
            "O",
            "B-PERS",
            "I-PERS",
            "B-ORG",
            "I-ORG",
            "B-LOC",
            "I-LOC",
            "B-MISC",
            "I-MISC",
        ]
        assert {part_of[i] for i in table.column("document_id").to_pylist()} <= {part}
    assert not (tmp_path / "d.train.quotes.parquet").exists()
