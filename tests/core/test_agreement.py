"""Agreement figures against published worked examples, and on a real store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from corpus.agreement import cohen_kappa, krippendorff_alpha_nominal, plot, store_agreement
from corpus.model import Span, Topic
from corpus.store import Store

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
# 4 observers x 12 units, nominal data, alpha = 0.743.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def test_krippendorff_alpha_matches_the_published_example() -> None:
    units = [list(unit) for unit in zip(*KRIPPENDORFF_2011, strict=True)]
    assert krippendorff_alpha_nominal(units) == pytest.approx(0.743, abs=5e-4)


def test_krippendorff_alpha_agrees_with_the_krippendorff_package() -> None:
    krippendorff = pytest.importorskip("krippendorff")
    import numpy as np

    data = np.array([[np.nan if v is None else v for v in row] for row in KRIPPENDORFF_2011])
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    units = [list(unit) for unit in zip(*KRIPPENDORFF_2011, strict=True)]
    assert krippendorff_alpha_nominal(units) == pytest.approx(expected, abs=1e-9)


def test_cohen_kappa_matches_the_wikipedia_example() -> None:
    # Wikipedia "Cohen's kappa", 50 proposals: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no.
    a = ["yes"] * 20 + ["yes"] * 5 + ["no"] * 10 + ["no"] * 15
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)


def _team_store() -> tuple[Store, int]:
    store = Store.memory()
    text = "قال محمد علي إن شركة أرامكو في الرياض تدعم الخطة"
    doc = store.add_document(text, "خبر")
    muhammad = text.index("محمد علي")
    aramco = text.index("أرامكو")
    riyadh = text.index("الرياض")
    for name in ("ali", "badr"):
        store.add_entity(doc, name, muhammad, muhammad + len("محمد علي"), "PER")
        store.add_entity(doc, name, aramco, aramco + len("أرامكو"), "ORG")
    store.add_entity(doc, "ali", riyadh, riyadh + len("الرياض"), "GPE")
    # badr's span for Riyadh starts one letter late: overlap, not exact.
    store.add_entity(doc, "badr", riyadh + 1, riyadh + len("الرياض"), "GPE")
    holder = Span(aramco, aramco + len("أرامكو"))
    store.add_stance(doc, "ali", holder, Topic("الخطة"), "support")
    store.add_stance(doc, "badr", holder, Topic("الخطة"), "support")
    return store, doc


def test_entity_exact_and_overlap_scores_on_a_store() -> None:
    store, _doc = _team_store()
    report = store_agreement(store)
    (pair,) = report["entities"]["pairs"]
    assert (pair["a"], pair["b"]) == ("ali", "badr")
    assert pair["exact"]["f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert pair["overlap"]["f1"] == 1.0
    assert pair["per_label"]["GPE"]["exact"]["f1"] == 0.0
    assert pair["per_label"]["PER"]["exact"]["f1"] == 1.0
    assert report["stances"]["pairs"][0]["both_annotated"] == 1
    assert report["stances"]["units"] == 1
    assert 0.0 < pair["token_kappa"] <= 1.0


def test_plot_writes_a_png(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    store, _doc = _team_store()
    out = tmp_path / "agree.png"
    plot(store_agreement(store), out)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_agree_command_prints_the_json_keys(tmp_path: Path) -> None:
    db = tmp_path / "team.tawsim"
    store = Store.open(db)
    text = "زار الوزير القاهرة"
    doc = store.add_document(text, "t")
    store.add_entity(doc, "ali", 4, 10, "PER")
    store.add_entity(doc, "badr", 4, 10, "PER")
    store.add_entity(doc, "badr", 11, 18, "GPE")
    store.close()
    png = tmp_path / "a.png"
    done = subprocess.run(
        [sys.executable, "-m", "corpus", "agree", "--db", str(db), "--json", "--plot", str(png)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert set(report) >= {"entities", "quotes", "stances"}
    pair = report["entities"]["pairs"][0]
    assert pair["exact"]["precision"] == 0.5
    assert pair["exact"]["recall"] == 1.0
    assert png.exists()


def test_a_layer_nobody_annotated_has_no_score_rather_than_a_perfect_one() -> None:
    store, _doc = _team_store()
    report = store_agreement(store)
    assert report["quotes"]["pairs"][0]["f1"] is None
    assert report["quotes"]["f1"] is None
