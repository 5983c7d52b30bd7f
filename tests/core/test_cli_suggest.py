"""`tawsim suggest` and `tawsim suggestions list|accept|reject`: what scripts rely on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.cli import main
from corpus.store import Store

FIRST = "قال ديمتري بيسكوف إن الكرملين يرى أن بيسكوف محق، وقال بيسكوف لاحقا إن الكرملين راض."
SECOND = "وأكد بيسكوف أن الكرملين لم يتغير."


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def span(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Two documents; ali tagged بيسكوف once and الكرملين once in the first."""
    path = tmp_path / "t.db"
    with Store.open(path) as store:
        first = store.add_document(FIRST, "أول", external_id="first")
        store.add_document(SECOND, "ثان", external_id="second")
        store.add_entity(first, "ali", *span(FIRST, "بيسكوف"), "PER")
        store.add_entity(first, "ali", *span(FIRST, "الكرملين"), "ORG")
    return path


def stored(db: Path, doc_ref: str, annotator: str = "ali") -> list[tuple[str, str, str]]:
    with Store.open(db) as store:
        doc = store.find_document(doc_ref)
        return [
            (doc.text[s.start : s.end], s.label, s.source)
            for s in store.suggestions(doc.id, annotator)
        ]


def test_suggest_one_document_with_propagation_and_gazetteer(capsys, db: Path) -> None:
    code, out, err = run(
        capsys,
        "suggest",
        "--db",
        str(db),
        "--doc",
        "first",
        "--with",
        "propagate,gazetteer",
        "--annotator",
        "ali",
    )
    assert code == 0, err
    assert out.splitlines() == ["propagate: 3", "gazetteer: 0"]
    # The other mentions of what ali tagged; the gazetteer learned nothing yet (the
    # document is in progress, but each name was labelled once) and the seed holds
    # no person, no Kremlin.
    assert stored(db, "first") == [
        ("بيسكوف", "PER", "propagate"),
        ("بيسكوف", "PER", "propagate"),  # of وقال بيسكوف
        ("الكرملين", "ORG", "propagate"),
    ]
    assert stored(db, "second") == []


def test_suggest_all_documents_json(capsys, db: Path) -> None:
    code, out, _ = run(capsys, "suggest", "--db", str(db), "--all", "--with", "propagate", "--json")
    assert code == 0  # the database's only annotator: no --annotator needed
    assert json.loads(out) == {"documents": 2, "stored": {"propagate": 3}, "notes": {}}
    # Within each document only: the second has no entity of ali's.
    assert stored(db, "second") == []


def test_suggest_across_documents(capsys, db: Path) -> None:
    code, out, _ = run(
        capsys, "suggest", "--db", str(db), "--doc", "second", "--with", "propagate", "--across"
    )
    assert code == 0 and out.splitlines() == ["propagate: 2"]
    assert stored(db, "second") == [
        ("بيسكوف", "PER", "propagate"),  # of وأكد بيسكوف
        ("الكرملين", "ORG", "propagate"),
    ]


def test_gazetteer_learns_from_done_work_for_a_new_document(capsys, db: Path) -> None:
    with Store.open(db) as store:
        first = store.find_document("first").id
        for nth in (1, 2):
            store.add_entity(first, "ali", *span(FIRST, "بيسكوف", nth), "PER")
        store.set_status(first, "ali", "done")
    code, out, err = run(
        capsys,
        "suggest",
        "--db",
        str(db),
        "--doc",
        "second",
        "--with",
        "gazetteer",
        "--annotator",
        "mona",
    )
    assert code == 0, err
    assert out.splitlines() == ["gazetteer: 1"]
    assert stored(db, "second", "mona") == [("بيسكوف", "PER", "gazetteer")]


def test_bad_sources_are_one_clear_line(capsys, db: Path) -> None:
    code, out, err = run(capsys, "suggest", "--db", str(db), "--all", "--with", "propagate,oracle")
    assert code == 2  # the command was called wrongly (README's exit statuses)
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("tawsim suggest: error: unknown suggestion source 'oracle'")
    assert "propagate, gazetteer, quotes, crf, camel-ner" in err
    code, _, err = run(capsys, "suggest", "--db", str(db), "--all", "--with", ",")
    assert code == 2 and err.count("\n") == 1 and "name at least one" in err
    with Store.open(db) as store:  # nothing was stored, nothing was opened for writing
        assert store._conn.execute("SELECT count(*) FROM suggestions").fetchone()[0] == 0


def test_the_annotator_must_be_named_when_there_are_several(capsys, db: Path) -> None:
    with Store.open(db) as store:
        store.add_annotator("mona")
    code, _, err = run(capsys, "suggest", "--db", str(db), "--all", "--with", "propagate")
    assert code == 2
    assert err.strip() == (
        "tawsim suggest: error: name the annotator with --annotator (it has 2: ali, mona)"
    )


def test_camel_ner_without_its_model_says_how_to_install(
    capsys, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path / "no-camel-data"))
    code, out, err = run(
        capsys, "suggest", "--db", str(db), "--all", "--with", "camel-ner", "--annotator", "ali"
    )
    assert code == 1
    assert out.splitlines() == ["camel-ner: not run"]
    lines = err.splitlines()
    assert lines[0].startswith("tawsim suggest: camel-ner: camel-tools NER model not installed")
    assert "camel_data -i ner-arabert" in lines[0] and "CAMELTOOLS_DATA" in lines[0]
    assert lines[-1] == "tawsim suggest: error: none of the sources could run (see above)"
    # With another source, that one still runs and the command succeeds.
    code, out, err = run(
        capsys, "suggest", "--db", str(db), "--all", "--with", "propagate,camel-ner"
    )
    assert code == 0
    assert out.splitlines() == ["propagate: 3", "camel-ner: not run"]
    assert "camel_data -i ner-arabert" in err


def _suggest_first(capsys, db: Path) -> list[dict]:
    assert run(capsys, "suggest", "--db", str(db), "--all", "--with", "propagate")[0] == 0
    code, out, _ = run(capsys, "suggestions", "list", "--db", str(db), "--json")
    assert code == 0
    return json.loads(out)


def test_suggestions_list_accept_and_reject(capsys, db: Path) -> None:
    rows = _suggest_first(capsys, db)
    assert [(r["text"], r["label"], r["source"], r["state"]) for r in rows] == [
        ("بيسكوف", "PER", "propagate", "open"),
        ("بيسكوف", "PER", "propagate", "open"),
        ("الكرملين", "ORG", "propagate", "open"),
    ]
    assert set(rows[0]) == {
        "id",
        "document",
        "annotator",
        "source",
        "score",
        "state",
        "layer",
        "label",
        "start",
        "end",
        "text",
    }
    assert FIRST[rows[0]["start"] : rows[0]["end"]] == "بيسكوف"

    code, out, _ = run(capsys, "suggestions", "list", "--db", str(db), "--doc", "first")
    table = [line.split("\t") for line in out.splitlines()]
    assert [(t[0], t[2], t[4], t[6], t[8]) for t in table] == [
        (str(r["id"]), "propagate", "open", r["label"], r["text"]) for r in rows
    ]

    code, out, _ = run(capsys, "suggestions", "accept", str(rows[0]["id"]), "--db", str(db))
    assert code == 0 and out.strip() == "accepted 1 suggestion(s)"
    code, out, _ = run(capsys, "suggestions", "reject", str(rows[2]["id"]), "--db", str(db))
    assert code == 0 and out.strip() == "rejected 1 suggestion(s)"
    with Store.open(db) as store:
        ann = store.annotation(store.suggestion(rows[0]["id"]).proposal.uuid)
        assert ann.annotator == "ali"
        assert store.suggestion(rows[2]["id"]).state == "rejected"
    _, out, _ = run(capsys, "suggestions", "list", "--db", str(db), "--state", "rejected", "--json")
    assert [r["id"] for r in json.loads(out)] == [rows[2]["id"]]
    _, out, _ = run(capsys, "suggestions", "list", "--db", str(db), "--json")
    assert [r["id"] for r in json.loads(out)] == [rows[1]["id"]]

    # Re-suggesting does not bring the rejected one back, nor the accepted one.
    _suggest_first(capsys, db)
    _, out, _ = run(capsys, "suggestions", "list", "--db", str(db), "--json")
    assert [r["text"] for r in json.loads(out)] == ["بيسكوف"]

    # An id that is not open, and one that does not exist: each said, exit 1.
    code, out, err = run(
        capsys, "suggestions", "accept", str(rows[0]["id"]), "99999", "--db", str(db)
    )
    assert code == 1
    assert out.strip() == "accepted 0 suggestion(s), 2 failed"
    assert err.count("tawsim suggestions: error:") == 2
    assert "no suggestion with id 99999" in err


def test_accept_by_source_and_minimum_score(capsys, db: Path) -> None:
    with Store.open(db) as store:
        first = store.find_document("first").id
        store.set_status(first, "ali", "done")
        for nth in (1, 2):
            store.add_entity(first, "mona", *span(FIRST, "بيسكوف", nth), "PER")
        store.set_status(first, "mona", "done")
    # Gazetteer: بيسكوف is known (4 labels, all PER: score 1.0) in the second document.
    assert (
        run(capsys, "suggest", "--db", str(db), "--doc", "second", "--with",
            "gazetteer,propagate", "--across", "--annotator", "ali")[0]
        == 0
    )  # fmt: skip
    _, out, _ = run(capsys, "suggestions", "list", "--db", str(db), "--annotator", "ali", "--json")
    before = json.loads(out)
    assert sorted((r["text"], r["source"]) for r in before) == [
        ("الكرملين", "propagate"),
        ("بيسكوف", "gazetteer"),
    ]
    code, out, _ = run(
        capsys, "suggestions", "accept", "--db", str(db), "--annotator", "ali",
        "--source", "propagate", "--min-score", "1.01",
    )  # fmt: skip
    assert code == 0 and out.strip() == "accepted 0 propagate suggestion(s)"
    code, out, _ = run(
        capsys, "suggestions", "accept", "--db", str(db), "--annotator", "ali",
        "--source", "propagate", "--min-score", "0.5", "--doc", "second",
    )  # fmt: skip
    assert code == 0 and out.strip() == "accepted 1 propagate suggestion(s)"
    with Store.open(db) as store:
        second = store.find_document("second")
        anns = store.annotations(second.id, "ali")
        assert [second.text[a.span.start : a.span.end] for a in anns] == ["الكرملين"]  # type: ignore[union-attr]
    _, out, _ = run(capsys, "suggestions", "list", "--db", str(db), "--annotator", "ali", "--json")
    assert [(r["text"], r["source"]) for r in json.loads(out)] == [("بيسكوف", "gazetteer")]


def test_suggestions_usage_errors(capsys, db: Path) -> None:
    for argv, why in (
        (["reject", "--source", "propagate"], "--source is for accept, not reject"),
        (["list", "3"], "list takes no ids"),
        (["accept"], "accept needs suggestion ids, or --source S"),
        (["accept", "1", "--source", "crf"], "accept needs suggestion ids, or --source S"),
    ):
        code, _, err = run(capsys, "suggestions", *argv, "--db", str(db))
        assert code == 2, argv
        assert err.count("\n") == 1 and why in err, err
    with pytest.raises(SystemExit) as exited:  # argparse's own check of --source
        main(["suggestions", "accept", "--source", "oracle", "--db", str(db)])
    assert exited.value.code == 2
    assert "invalid choice: 'oracle'" in capsys.readouterr().err


def test_crf_says_why_it_does_not_suggest_yet(capsys, db: Path) -> None:
    pytest.importorskip("sklearn_crfsuite", reason="the CRF needs sklearn-crfsuite")
    code, out, err = run(capsys, "suggest", "--db", str(db), "--all", "--with", "crf,propagate")
    assert code == 0
    assert out.splitlines() == ["crf: not run", "propagate: 3"]
    assert err.splitlines() == [
        "tawsim suggest: crf: not suggesting yet: CRF: 2 entities in 1 documents, "
        "too few documents to cross-validate"
    ]
