"""A lead splits a corpus among three annotators as files, merges their work, reads the
agreement report with its plot, adjudicates into gold and exports gold (issue 10)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from corpus.adjudication import accept, accept_unanimous, curation_items
from corpus.store import Store

TEXTS = [
    "قال وزير الخارجية في الرياض إن المحادثات مستمرة",
    "أعلنت الحكومة في القاهرة عن خطة جديدة للنقل",
    "التقى الرئيس بوفد من بيروت صباح اليوم",
]
ANNOTATORS = ["ali", "badr", "carim"]


def _tawsim(*argv: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "corpus", *argv], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done


def _span(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def test_pack_annotate_merge_agree_adjudicate_export_gold(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    db = tmp_path / "main.tawsim"
    with Store.open(db) as store:
        ids = [store.add_document(text, f"خبر {n}") for n, text in enumerate(TEXTS)]

    out = tmp_path / "work-{annotator}.tawsim"
    packed = json.loads(
        _tawsim(
            "pack", "--db", str(db), "--annotator", ",".join(ANNOTATORS), "--overlap", "100",
            "--out", str(out), "--json",
        ).stdout
    )  # fmt: skip
    assert [p["documents"] for p in packed["packages"]] == [3, 3, 3]

    # Everyone agrees on the places of documents 1 and 3; badr calls Cairo an ORG.
    for name in ANNOTATORS:
        with Store.open(str(out).replace("{annotator}", name)) as work:
            work.add_entity(ids[0], name, *_span(TEXTS[0], "الرياض"), "LOC")
            cairo = "ORG" if name == "badr" else "LOC"
            work.add_entity(ids[1], name, *_span(TEXTS[1], "القاهرة"), cairo)
            work.add_entity(ids[2], name, *_span(TEXTS[2], "بيروت"), "LOC")
            work.set_statuses(ids, name, "done")

    packages = [str(out).replace("{annotator}", name) for name in ANNOTATORS]
    merged = json.loads(_tawsim("merge", "--db", str(db), "--json", *packages).stdout)
    assert merged["annotators"] == {
        name: {"added": 3, "updated": 0, "deleted": 0, "conflicts": 0} for name in ANNOTATORS
    }
    assert merged["refused"] == []

    png = tmp_path / "agreement.png"
    report = json.loads(_tawsim("agree", "--db", str(db), "--json", "--plot", str(png)).stdout)
    pairs = {(p["a"], p["b"]): p["exact"]["f1"] for p in report["entities"]["pairs"]}
    assert len(pairs) == 3
    with_badr = [f1 for pair, f1 in pairs.items() if "badr" in pair]
    assert with_badr and all(f1 == pytest.approx(2 / 3, abs=1e-4) for f1 in with_badr)
    assert pairs[("ali", "carim")] == pytest.approx(1.0)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    with Store.open(db) as store:
        assert sum(accept_unanimous(store, doc_id) for doc_id in ids) == 2
        (disputed,) = [i for i in curation_items(store, ids[1]) if i.decision is None]
        majority = next(n for n, v in enumerate(disputed.variants) if "ali" in v.annotators)
        accept(store, disputed, majority)

    gold = tmp_path / "gold.jsonl"
    _tawsim(
        "export", "--db", str(db), "--format", "jsonl", "--status", "any",
        "--annotator", "gold", "--out", str(gold),
    )  # fmt: skip
    exported = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["annotator"]) for r in exported] == [(str(i), "gold") for i in ids]
    assert [[(e["text"], e["label"]) for e in r["entities"]] for r in exported] == [
        [("الرياض", "LOC")],
        [("القاهرة", "LOC")],
        [("بيروت", "LOC")],
    ]
    _tawsim("check", "--db", str(db))
