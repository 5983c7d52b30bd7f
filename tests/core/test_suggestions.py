"""The store's suggestion layer: stored, replaced, accepted with provenance, rejected for good.

Suggestions are never gold: they live in their own table, become an annotation only when
their annotator accepts one (the annotation takes the suggestion's uuid, the event log
records the suggestion's id, source and score in the same transaction), and are exported
only when ``--layer suggestions`` asks for them.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from corpus.cli import main
from corpus.errors import ConflictError, NotFoundError, UserError, ValidationError
from corpus.model import Entity, Quote, Span
from corpus.packages import merge, pack
from corpus.store import Store, is_suggestion_event
from corpus.suggest.model import Suggestion

TEXT = "قال بوتين إن الصين شريك. وزار بوتين بكين، ثم عاد بوتين من الصين."
DOC_TITLE = "خبر"


def at(word: str, nth: int = 0) -> tuple[int, int]:
    """The span of the ``nth`` occurrence of ``word`` in TEXT."""
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def entity(doc_id: int, span: tuple[int, int], label: str, annotator: str = "ali") -> Entity:
    return Entity(str(uuid.uuid4()), doc_id, annotator, Span(*span), label)


def proposal(
    doc_id: int,
    span: tuple[int, int],
    label: str,
    source: str = "propagate",
    score: float = 0.9,
    annotator: str = "ali",
) -> Suggestion:
    return Suggestion(entity(doc_id, span, label, annotator), source, score)  # type: ignore[arg-type]


def found(store: Store, doc_id: int, annotator: str = "ali", state: str = "open") -> list[tuple]:
    """(text, label, source, score, state) of the stored suggestions, in their order."""
    return [
        (TEXT[s.start : s.end], s.label, s.source, s.score, s.state)
        for s in store.suggestions(doc_id, annotator, state)
    ]


@pytest.fixture
def doc(store: Store) -> int:
    return store.add_document(TEXT, DOC_TITLE)


# ---------------------------------------------------------------------------- storing


def test_a_source_replaces_its_own_open_suggestions_only(store: Store, doc: int) -> None:
    assert (
        store.add_suggestions(
            doc, "ali", [proposal(doc, at("بوتين"), "PER"), proposal(doc, at("الصين"), "GPE")]
        )
        == 2
    )
    store.add_suggestions(doc, "ali", [proposal(doc, at("بكين"), "GPE", "gazetteer", 0.6)])
    # propagate again: its two old ones go, gazetteer's stays.
    store.add_suggestions(doc, "ali", [proposal(doc, at("بوتين", 1), "PER")])
    assert found(store, doc) == [
        ("بوتين", "PER", "propagate", 0.9, "open"),
        ("بكين", "GPE", "gazetteer", 0.6, "open"),
    ]
    # A source that found nothing this time clears its old ones when named.
    assert store.add_suggestions(doc, "ali", [], replacing=["gazetteer"]) == 0
    assert [row[2] for row in found(store, doc)] == ["propagate"]
    # Another annotator's suggestions are not touched.
    store.add_suggestions(doc, "mona", [proposal(doc, at("الصين"), "GPE", annotator="mona")])
    store.add_suggestions(doc, "ali", [], replacing=["propagate"])
    assert found(store, doc) == []
    assert [row[0] for row in found(store, doc, "mona")] == ["الصين"]


def test_replacing_keeps_rejected_and_accepted_ones(store: Store, doc: int) -> None:
    store.add_suggestions(
        doc, "ali", [proposal(doc, at("بوتين"), "PER"), proposal(doc, at("الصين"), "GPE")]
    )
    first, second = store.suggestions(doc, "ali")
    assert first.id is not None and second.id is not None
    store.reject_suggestion(first.id, "ali")
    store.accept_suggestion(second.id, "ali")
    store.add_suggestions(doc, "ali", [], replacing=["propagate"])
    assert [(row[0], row[4]) for row in found(store, doc, state="all")] == [
        ("بوتين", "rejected"),
        ("الصين", "accepted"),
    ]


def test_a_rejected_proposal_is_not_suggested_again_by_any_source(store: Store, doc: int) -> None:
    store.add_suggestions(doc, "ali", [proposal(doc, at("بكين"), "GPE")])
    [sug] = store.suggestions(doc, "ali")
    assert sug.id is not None
    store.reject_suggestion(sug.id, "ali")
    assert store.suggestions(doc, "ali") == []
    for source in ("propagate", "gazetteer", "crf", "camel-ner"):
        assert store.add_suggestions(doc, "ali", [proposal(doc, at("بكين"), "GPE", source)]) == 0
    # Another label on the same words is another proposal; another annotator is not bound.
    assert store.add_suggestions(doc, "ali", [proposal(doc, at("بكين"), "LOC", "crf")]) == 1
    assert (
        store.add_suggestions(doc, "mona", [proposal(doc, at("بكين"), "GPE", annotator="mona")])
        == 1
    )
    assert [(s.label, s.state) for s in store.suggestions(doc, "ali", "all")] == [
        ("GPE", "rejected"),
        ("LOC", "open"),
    ]


def test_spans_the_annotator_annotated_are_not_suggested(store: Store, doc: int) -> None:
    store.add_entity(doc, "ali", *at("بوتين"), "PER")
    stored = store.add_suggestions(
        doc,
        "ali",
        [
            proposal(doc, at("بوتين"), "PER"),
            proposal(doc, at("بوتين"), "ORG", "gazetteer"),  # same words, other label
            proposal(doc, at("بوتين", 1), "PER"),
        ],
    )
    assert stored == 1
    assert [(s.start, s.end) for s in store.suggestions(doc, "ali")] == [at("بوتين", 1)]
    # Someone else's annotation does not stop ali's suggestion, nor ali's stop mona's.
    assert (
        store.add_suggestions(doc, "mona", [proposal(doc, at("بوتين"), "PER", annotator="mona")])
        == 1
    )


def test_twins_keep_the_higher_score_and_another_sources_open_twin_wins(
    store: Store, doc: int
) -> None:
    twins = [
        proposal(doc, at("الصين"), "GPE", "gazetteer", 0.4),
        proposal(doc, at("الصين"), "GPE", "gazetteer", 0.8),
        proposal(doc, at("الصين"), "GPE", "gazetteer", 0.6),
    ]
    assert store.add_suggestions(doc, "ali", twins) == 1
    assert found(store, doc) == [("الصين", "GPE", "gazetteer", 0.8, "open")]
    # The same proposal from another source is not stored twice.
    assert store.add_suggestions(doc, "ali", [proposal(doc, at("الصين"), "GPE", "crf")]) == 0
    assert [row[2] for row in found(store, doc)] == ["gazetteer"]
    # Except propagation's, when it scores higher: the annotator's own label in the
    # document replaces a weaker twin (not a stronger one, nor one of another label).
    store.add_suggestions(doc, "ali", [proposal(doc, at("الصين", 1), "LOC", "gazetteer")])
    propagated = [
        proposal(doc, at("الصين"), "GPE", "propagate", 0.7),
        proposal(doc, at("الصين"), "GPE", "propagate", 0.85),
        proposal(doc, at("الصين", 1), "GPE", "propagate", 0.9),
    ]
    assert store.add_suggestions(doc, "ali", propagated) == 2
    assert found(store, doc) == [
        ("الصين", "GPE", "propagate", 0.85, "open"),
        ("الصين", "LOC", "gazetteer", 0.9, "open"),
        ("الصين", "GPE", "propagate", 0.9, "open"),
    ]


def test_proposals_that_do_not_fit_are_dropped(store: Store, doc: int) -> None:
    other = store.add_document("نص آخر عن الرياض", "آخر")
    stored = store.add_suggestions(
        doc,
        "ali",
        [
            proposal(doc, at("الصين"), "NOPE"),  # a label the schema lacks
            proposal(doc, (len(TEXT) - 2, len(TEXT) + 3), "GPE"),  # past the end
            proposal(doc, at("بكين"), "GPE", score=1.5),  # not a score
            proposal(other, (10, 16), "GPE"),  # another document's
            proposal(doc, at("بوتين"), "PER", score=1.0),  # fits
        ],
    )
    assert stored == 1
    assert found(store, doc) == [("بوتين", "PER", "propagate", 1.0, "open")]
    with pytest.raises(ValidationError, match="unknown suggestion source 'oracle'"):
        store.add_suggestions(doc, "ali", [Suggestion(entity(doc, at("بكين"), "GPE"), "oracle", 1)])  # type: ignore[arg-type]
    with pytest.raises(NotFoundError):
        store.add_suggestions(9999, "ali", [])


def test_quote_proposals_are_stored_as_json_and_come_back_whole(store: Store, doc: int) -> None:
    content = (at("إن")[1] + 1, at("شريك")[1])
    quote = Quote(
        str(uuid.uuid4()),
        doc,
        "ali",
        Span(*content),
        "indirect",
        cue=Span(*at("قال")),
        speaker=Span(*at("بوتين")),
    )
    bad_kind = Quote(str(uuid.uuid4()), doc, "ali", Span(*content), "rumour")
    stored = store.add_suggestions(
        doc,
        "ali",
        [
            Suggestion(quote, "quotes", 0.7),
            Suggestion(bad_kind, "quotes", 0.9),
            proposal(doc, at("بكين"), "GPE"),
        ],
    )
    assert stored == 2
    quote_sug, entity_sug = sorted(store.suggestions(doc, "ali"), key=lambda s: s.layer != "quote")
    back = quote_sug.proposal
    assert isinstance(back, Quote)
    assert (back.content, back.kind, back.cue, back.speaker) == (
        Span(*content),
        "indirect",
        Span(*at("قال")),
        Span(*at("بوتين")),
    )
    assert back.uuid != quote.uuid  # a fresh uuid: the annotation accepting it makes
    assert (quote_sug.label, quote_sug.source, quote_sug.score) == ("indirect", "quotes", 0.7)
    rows = dict(
        store._conn.execute("SELECT layer, proposal FROM suggestions ORDER BY id").fetchall()
    )
    assert json.loads(rows["quote"])["uuid"] == back.uuid
    assert json.loads(rows["quote"])["kind"] == "indirect"
    assert rows["entity"] is None  # an entity proposal lives in its columns
    assert isinstance(entity_sug.proposal, Entity) and entity_sug.proposal.label == "GPE"


def test_suggestions_are_listed_by_position_in_each_state(store: Store, doc: int) -> None:
    store.add_suggestions(
        doc,
        "ali",
        [
            proposal(doc, at("الصين", 1), "GPE", "gazetteer", 0.5),
            proposal(doc, at("بوتين", 2), "PER"),
            proposal(doc, at("بكين"), "GPE", "crf", 0.3),
            proposal(doc, at("بوتين"), "PER"),
        ],
    )
    starts = [s.start for s in store.suggestions(doc, "ali")]
    assert starts == sorted(starts) and len(starts) == 4
    first = store.suggestions(doc, "ali")[0]
    last = store.suggestions(doc, "ali")[-1]
    assert first.id is not None and last.id is not None
    store.reject_suggestion(first.id, "ali")
    store.accept_suggestion(last.id, "ali")
    assert [s.id for s in store.suggestions(doc, "ali", "rejected")] == [first.id]
    assert [s.id for s in store.suggestions(doc, "ali", "accepted")] == [last.id]
    assert len(store.suggestions(doc, "ali")) == 2
    assert [s.start for s in store.suggestions(doc, "ali", "all")] == starts
    assert {s.state for s in store.suggestions(doc, "ali", "all")} == {
        "open",
        "accepted",
        "rejected",
    }
    assert store.suggestion(first.id).state == "rejected"
    with pytest.raises(UserError, match="unknown suggestion state 'maybe'"):
        store.suggestions(doc, "ali", "maybe")
    with pytest.raises(NotFoundError):
        store.suggestion(123456)


# ---------------------------------------------------------------------------- accepting


def test_accepting_stores_the_annotation_with_the_suggestions_uuid_and_provenance(
    store: Store, doc: int
) -> None:
    store.add_suggestions(doc, "ali", [proposal(doc, at("بكين"), "GPE", "gazetteer", 0.75)])
    [sug] = store.suggestions(doc, "ali")
    assert sug.id is not None
    assert store.status(doc, "ali") == "todo"
    edit = store.accept_suggestion(sug.id, "ali")

    [change] = edit.changes
    assert change.before is None and change.after is not None
    ann = store.annotation(sug.proposal.uuid)
    assert isinstance(ann, Entity)
    assert (ann.span, ann.label, ann.annotator) == (Span(*at("بكين")), "GPE", "ali")
    assert store.suggestion(sug.id).state == "accepted"
    assert store.suggestions(doc, "ali") == []
    assert store.status(doc, "ali") == "in_progress"

    events = store.events(document_id=doc)
    create = next(e for e in events if e.key == ann.uuid)
    trail = [e for e in events if is_suggestion_event(e.key)]
    assert create.action == "create"
    [accepted] = trail
    assert accepted.key == f"suggestion:{sug.id}" and accepted.txn == create.txn
    assert accepted.before is not None and accepted.after is not None
    assert accepted.before["state"] == "open"
    assert {k: accepted.after[k] for k in ("suggestion", "state", "source", "score")} == {
        "suggestion": sug.id,
        "state": "accepted",
        "source": "gazetteer",
        "score": 0.75,
    }
    assert accepted.after["annotation"] == ann.uuid
    # The annotation edit of that transaction leaves the suggestion's trail out.
    [rebuilt] = store.edit_of_txn(create.txn).changes
    assert rebuilt.before is None and rebuilt.after is not None
    assert rebuilt.after.uuid == ann.uuid

    with pytest.raises(ConflictError, match="accepted already"):
        store.accept_suggestion(sug.id, "ali")
    with pytest.raises(ConflictError, match="delete its annotation"):
        store.reject_suggestion(sug.id, "ali")
    with pytest.raises(NotFoundError, match="is for 'ali'"):
        store.accept_suggestion(sug.id, "mona")


def test_accepting_over_an_entity_on_the_same_words_relabels_it(store: Store, doc: int) -> None:
    store.add_suggestions(doc, "ali", [proposal(doc, at("بكين"), "GPE")])
    [sug] = store.suggestions(doc, "ali")
    assert sug.id is not None
    mine = store.add_entity(doc, "ali", *at("بكين"), "LOC")  # tagged after the suggestion came
    edit = store.accept_suggestion(sug.id, "ali")
    [change] = edit.changes
    assert change.before is not None and change.before.uuid == mine.uuid
    [ann] = store.annotations(doc, "ali")
    assert isinstance(ann, Entity) and (ann.uuid, ann.label) == (mine.uuid, "GPE")
    assert store.suggestion(sug.id).state == "accepted"
    # Undoing the relabel gives the entity its label back and the suggestion is open again.
    store.apply(edit.inverted())
    [ann] = store.annotations(doc, "ali")
    assert isinstance(ann, Entity) and ann.label == "LOC"
    assert store.suggestion(sug.id).state == "open"
    # The same edit applied as the window applies it (not through accept_suggestion).
    store.apply(store.acceptance_edit(sug.id, "ali"))
    assert store.suggestion(sug.id).state == "accepted"


def test_undoing_an_accept_reopens_the_suggestion(store: Store, doc: int) -> None:
    store.add_suggestions(doc, "ali", [proposal(doc, at("الصين"), "GPE", "crf", 0.66)])
    [sug] = store.suggestions(doc, "ali")
    assert sug.id is not None
    edit = store.accept_suggestion(sug.id, "ali")
    store.apply(edit.inverted())  # the window's undo
    assert store.annotations(doc, "ali") == []
    [again] = store.suggestions(doc, "ali")
    assert (again.id, again.state, again.source, again.score) == (sug.id, "open", "crf", 0.66)
    reopened = [e for e in store.events(document_id=doc) if is_suggestion_event(e.key)][-1]
    assert reopened.after is not None and reopened.after["state"] == "open"
    assert reopened.before is not None and reopened.before["state"] == "accepted"
    # Redo accepts it again.
    store.apply(edit)
    assert store.suggestion(sug.id).state == "accepted"


def test_accept_all_of_a_source_above_a_score_is_one_edit(store: Store, doc: int) -> None:
    store.add_suggestions(
        doc,
        "ali",
        [
            proposal(doc, at("بوتين"), "PER", "propagate", 0.9),
            proposal(doc, at("بوتين", 1), "PER", "propagate", 0.6),
            proposal(doc, at("بوتين", 2), "PER", "propagate", 0.3),  # below the threshold
            proposal(doc, at("الصين"), "GPE", "gazetteer", 0.95),  # another source
            # Overlapping the 0.9 one, lower: left open.
            proposal(doc, (at("قال")[0], at("بوتين")[1]), "ORG", "propagate", 0.7),
        ],
    )
    edit = store.accept_suggestions(doc, "ali", "propagate", min_score=0.5)
    assert len(edit.changes) == 2
    spans = sorted(
        (a.span.start, a.span.end) for a in store.annotations(doc, "ali") if isinstance(a, Entity)
    )
    assert spans == [at("بوتين"), at("بوتين", 1)]
    created = [e for e in store.events(document_id=doc) if e.action == "create"]
    trail = [e for e in store.events(document_id=doc) if is_suggestion_event(e.key)]
    assert len(created) == 2 and len(trail) == 2
    assert len({e.txn for e in created + trail}) == 1  # ONE transaction: one undo
    assert sorted((row[0], row[2], row[3]) for row in found(store, doc)) == sorted(
        [
            ("بوتين", "propagate", 0.3),
            ("الصين", "gazetteer", 0.95),
            (TEXT[at("قال")[0] : at("بوتين")[1]], "propagate", 0.7),
        ]
    )
    assert store.accept_suggestions(doc, "ali", "propagate", min_score=0.99).changes == ()
    # Undoing the one edit reopens both.
    store.apply(edit.inverted())
    assert len(store.suggestions(doc, "ali")) == 5
    assert store.acceptance_edits(doc, "ali", "propagate", 0.5).changes  # not applied
    assert store.annotations(doc, "ali") == []
    with pytest.raises(UserError, match="unknown suggestion source"):
        store.accept_suggestions(doc, "ali", "oracle")


# ---------------------------------------------------------------------------- rejecting


def test_reject_is_remembered_logged_and_can_be_reopened(store: Store, doc: int) -> None:
    store.add_suggestions(doc, "ali", [proposal(doc, at("بكين"), "GPE", "gazetteer", 0.5)])
    [sug] = store.suggestions(doc, "ali")
    assert sug.id is not None
    store.reject_suggestion(sug.id, "ali")
    store.reject_suggestion(sug.id, "ali")  # twice: nothing more
    trail = [e for e in store.events(document_id=doc) if is_suggestion_event(e.key)]
    assert len(trail) == 1 and trail[0].after is not None
    assert (trail[0].after["state"], trail[0].after["source"]) == ("rejected", "gazetteer")
    assert store.annotations(doc, "ali") == []  # a rejection stores no annotation
    # Re-running the source does not bring it back.
    store.add_suggestions(doc, "ali", [proposal(doc, at("بكين"), "GPE", "gazetteer", 0.5)])
    assert store.suggestions(doc, "ali") == []

    store.reopen_suggestion(sug.id, "ali")
    [back] = store.suggestions(doc, "ali")
    assert (back.id, back.state) == (sug.id, "open")
    assert len([e for e in store.events(document_id=doc) if is_suggestion_event(e.key)]) == 2
    with pytest.raises(NotFoundError):
        store.reject_suggestion(sug.id, "mona")


# ---------------------------------------------------------------------------- reading


def test_iter_suggested_streams_documents_then_annotators(store: Store, doc: int) -> None:
    other = store.add_document("وصل بوتين إلى الصين اليوم", "آخر")
    quiet = store.add_document("لا شيء هنا", "هادئ")
    store.add_suggestions(other, "mona", [proposal(other, (4, 9), "PER", annotator="mona")])
    store.add_suggestions(other, "ali", [proposal(other, (14, 19), "GPE", "gazetteer")])
    store.add_suggestions(
        doc, "ali", [proposal(doc, at("بكين"), "GPE"), proposal(doc, at("بوتين"), "PER")]
    )
    pairs = [
        (f.document.id, f.annotator, [s.start for s in f.suggestions])
        for f in store.iter_suggested()
    ]
    assert pairs == [
        (doc, "ali", [at("بوتين")[0], at("بكين")[0]]),
        (other, "ali", [14]),
        (other, "mona", [4]),
    ]
    assert quiet not in {p[0] for p in pairs}
    assert [f.document.id for f in store.iter_suggested("mona")] == [other]
    first = store.suggestions(doc, "ali")[0]
    assert first.id is not None
    store.reject_suggestion(first.id, "ali")
    assert [
        (f.document.id, len(f.suggestions)) for f in store.iter_suggested("ali", "rejected")
    ] == [(doc, 1)]
    assert sum(len(f.suggestions) for f in store.iter_suggested(None, "all")) == 4


def test_deleting_a_document_deletes_its_suggestions(store: Store, doc: int) -> None:
    other = store.add_document("وصل بوتين إلى الصين اليوم", "آخر")
    store.add_suggestions(doc, "ali", [proposal(doc, at("بكين"), "GPE")])
    store.add_suggestions(other, "ali", [proposal(other, (4, 9), "PER")])
    [sug] = store.suggestions(doc, "ali")
    assert sug.id is not None
    store.delete_document(doc)
    with pytest.raises(NotFoundError):
        store.suggestion(sug.id)
    assert [f.document.id for f in store.iter_suggested(None, "all")] == [other]
    count = store._conn.execute("SELECT count(*) FROM suggestions").fetchone()[0]
    assert count == 1


# ---------------------------------------------------------------------------- packages


def test_packages_carry_suggestions_and_merge_ignores_their_events(tmp_path: Path) -> None:
    main_db = tmp_path / "main.tawsim"
    with Store.open(main_db) as store:
        doc = store.add_document(TEXT, DOC_TITLE)
        left = store.add_document("وصل بوتين إلى الصين اليوم", "آخر")
        store.add_annotator("ali")
        store.add_suggestions(
            doc,
            "ali",
            [proposal(doc, at("بكين"), "GPE"), proposal(doc, at("بوتين"), "PER", "gazetteer")],
        )
        store.add_suggestions(left, "ali", [proposal(left, (4, 9), "PER")])
        pack(store, [doc], ["ali"], tmp_path / "work.tawsim")
        events_before = len(store.events())

    with Store.open(tmp_path / "work.tawsim") as package:
        assert package.document_ids() == [doc]
        # The documents left out went with their suggestions.
        assert package._conn.execute("SELECT count(*) FROM suggestions").fetchone()[0] == 2
        by_text = {TEXT[s.start : s.end]: s for s in package.suggestions(doc, "ali")}
        accepted, rejected = by_text["بكين"], by_text["بوتين"]
        assert accepted.id is not None and rejected.id is not None
        package.accept_suggestion(accepted.id, "ali")
        package.reject_suggestion(rejected.id, "ali")

    with Store.open(main_db) as store:
        summary = merge(store, [tmp_path / "work.tawsim"])
        assert summary["refused"] == [] and summary["conflicts"] == []
        assert summary["annotators"] == {
            "ali": {"added": 1, "updated": 0, "deleted": 0, "conflicts": 0}
        }
        [ann] = store.annotations(doc, "ali")
        assert isinstance(ann, Entity) and ann.uuid == accepted.proposal.uuid
        assert (ann.span, ann.label) == (Span(*at("بكين")), "GPE")
        # The suggestion events came along in the log, as the record of the work ...
        arrived = store.events(after_id=events_before)
        assert {e.key for e in arrived if is_suggestion_event(e.key)} == {
            f"suggestion:{accepted.id}",
            f"suggestion:{rejected.id}",
        }
        # ... and made no annotation. The accepted one is no longer offered here.
        assert [TEXT[s.start : s.end] for s in store.suggestions(doc, "ali")] == ["بوتين"]
        assert store.check() == []


# ---------------------------------------------------------------------------- export


def _export(db: Path, out: Path, *extra: str) -> list[dict]:
    code = main(
        [
            "export",
            "--db",
            str(db),
            "--format",
            "jsonl",
            "--out",
            str(out),
            "--status",
            "any",
            *extra,
        ]
    )
    assert code == 0
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_suggestions_are_never_exported_as_gold(tmp_path: Path, capsys) -> None:
    db = tmp_path / "t.db"
    with Store.open(db) as store:
        doc = store.add_document(TEXT, DOC_TITLE)
        gold = store.add_entity(doc, "ali", *at("بوتين"), "PER")
        store.set_status(doc, "ali", "done")
        quote = Quote(
            str(uuid.uuid4()), doc, "ali", Span(at("إن")[1] + 1, at("شريك")[1]), "indirect"
        )
        store.add_suggestions(
            doc,
            "ali",
            [
                proposal(doc, at("بكين"), "GPE", "gazetteer", 0.6),
                proposal(doc, at("بوتين", 1), "PER", "propagate", 1.0),
                Suggestion(quote, "quotes", 0.8),
            ],
        )
        rejected = store.suggestions(doc, "ali")[-1]
        assert rejected.id is not None
        store.reject_suggestion(rejected.id, "ali")

    [line] = _export(db, tmp_path / "gold.jsonl")
    assert [e["id"] for e in line["entities"]] == [gold.uuid]
    assert line["quotes"] == []
    assert "source" not in json.dumps(line)

    [sline] = _export(db, tmp_path / "sugg.jsonl", "--layer", "suggestions")
    # Same shape as the other layers' lines, the proposals in entities and quotes ...
    assert list(sline)[: len(line) - 1] == [k for k in line if k != "stances"]
    assert (sline["annotator"], sline["status"], sline["text"]) == ("ali", "done", TEXT)
    entries = sline["entities"]
    gold_keys = list(line["entities"][0])
    for entry in entries:
        assert list(entry)[: len(gold_keys)] == gold_keys  # ... plus source and score
        assert entry["text"] == TEXT[entry["start"] : entry["end"]]
        assert entry["state"] == "open"
    assert [(e["text"], e["source"], e["score"]) for e in entries] == [("بوتين", "propagate", 1.0)]
    [q] = sline["quotes"]
    assert (q["source"], q["score"], q["kind"]) == ("quotes", 0.8, "indirect")
    assert "stances" not in sline

    [rline] = _export(
        db, tmp_path / "rej.jsonl", "--layer", "suggestions", "--suggestion-state", "rejected"
    )
    assert [(e["text"], e["state"]) for e in rline["entities"]] == [("بكين", "rejected")]

    # The token-level and brat exports hold the gold entity alone too.
    conll = tmp_path / "gold.conll"
    assert main(["export", "--db", str(db), "--format", "conll", "--out", str(conll)]) == 0
    tagged = [line.split("\t") for line in conll.read_text(encoding="utf-8").splitlines()]
    assert [row for row in tagged if len(row) == 2 and row[1] != "O"] == [["بوتين", "B-PER"]]
    brat = tmp_path / "brat"
    assert main(["export", "--db", str(db), "--format", "brat", "--out", str(brat)]) == 0
    [ann_file] = brat.rglob("*.ann")
    assert [line.split("\t")[1:] for line in ann_file.read_text(encoding="utf-8").splitlines()] == [
        [f"PER {at('بوتين')[0]} {at('بوتين')[1]}", "بوتين"]
    ]
    capsys.readouterr()


def test_first_look_suggests_names_and_quotes_once_in_documents_new_to_the_annotator(
    store: Store, doc: int
) -> None:
    from corpus.suggest import FirstLook

    look = FirstLook("ali")
    assert look.wants(store, doc)
    run = look.run(store, doc)
    assert run["gazetteer"] >= 1 and run["quotes"] == 1 and not run.notes
    stored = {(TEXT[s.start : s.end], s.label, s.source) for s in store.suggestions(doc, "ali")}
    assert ("الصين", "GPE", "gazetteer") in stored  # the CLDR seed
    [quote] = [s for s in store.suggestions(doc, "ali") if s.source == "quotes"]
    assert isinstance(quote.proposal, Quote) and quote.proposal.cue == Span(*at("قال"))
    # Suggested once: the document is not new any more, nor is one the annotator started.
    assert not look.wants(store, doc)
    other = store.add_document("زار بوتين الصين.", "b")
    store.set_status(other, "ali", "in_progress")
    assert not look.wants(store, other)
    assert look.wants(store, store.add_document("عاد بوتين من الصين.", "c"))
    # One where it found nothing is not looked at again (each opening would redo it).
    bare = store.add_document("نص بلا أسماء.", "d")
    assert look.wants(store, bare)
    assert look.run(store, bare) == {"gazetteer": 0, "quotes": 0}
    assert not look.wants(store, bare)
