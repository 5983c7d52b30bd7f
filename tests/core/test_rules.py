"""The annotation rules live once, in the core: the CLI, the API and the window share them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from corpus import rules
from corpus.cli import main
from corpus.model import Quote, Ref, Span, Stance, Topic
from corpus.store import Store
from tests.conftest import SEED_FILE


def annotate(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> str:
    code = main(["--db", str(db), "annotate", "1", "--annotator", "ali", *argv])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out.strip()


def test_cli_annotate_twice_on_the_same_words_relabels_one_entity(capsys, db_path: Path) -> None:
    assert main(["--db", str(db_path), "import", str(SEED_FILE)]) == 0
    capsys.readouterr()
    words = ["--layer", "entity", "--start", "0", "--end", "5"]
    first = annotate(capsys, db_path, *words, "--label", "PER")
    second = annotate(capsys, db_path, *words, "--label", "ORG")
    third = annotate(capsys, db_path, *words, "--label", "ORG")
    assert first == second == third
    with Store.open(db_path) as store:
        [entity] = store.annotations(1, layer="entity")
        assert (entity.uuid, entity.span, entity.label) == (first, Span(0, 5), "ORG")
        # Created, relabelled; the third call (same label) changed nothing.
        assert [e.action for e in store.events(1) if e.key == first] == ["create", "update"]
        # Another annotator's tag on the same words is their own entity.
        other = store.add_entity(1, "mona", 0, 5, "PER")
        assert other.uuid != first
        # So are other words, even overlapping ones.
        assert store.add_entity(1, "ali", 0, 6, "PER").uuid != first
        assert len(store.annotations(1, "ali", layer="entity")) == 2


def test_api_add_entity_on_the_same_span_relabels_and_keeps_creation_time(store: Store) -> None:
    doc = store.add_document("ديمتري بيسكوف قال")
    first = store.add_entity(doc, "ali", 0, 6, "PER")
    again = store.add_entity(doc, "ali", 0, 6, "GPE")
    assert (again.uuid, again.label, again.created_at) == (first.uuid, "GPE", first.created_at)
    assert store.add_entity(doc, "ali", 0, 6, "GPE") == again
    assert store.annotations(doc) == [again]


def test_delete_keeps_the_span_in_quotes_and_stances_in_one_undoable_edit(store: Store) -> None:
    doc = store.add_document("قال بيسكوف إن الحرب طويلة")
    entity = store.add_entity(doc, "ali", 4, 10, "PER")
    quote = store.add_quote(doc, "ali", Span(11, 25), "indirect", speaker=Ref(entity.uuid))
    stance = store.add_stance(doc, "ali", Ref(entity.uuid), Topic("الحرب"), "oppose")
    edit = store.delete(entity.uuid)
    assert [c.uuid for c in edit.changes] == [quote.uuid, stance.uuid, entity.uuid]
    kept = {a.uuid: a for a in store.annotations(doc)}
    assert set(kept) == {quote.uuid, stance.uuid}
    assert isinstance(kept[quote.uuid], Quote) and kept[quote.uuid].speaker == Span(4, 10)
    assert isinstance(kept[stance.uuid], Stance) and kept[stance.uuid].holder == Span(4, 10)
    store.apply(edit.inverted())
    restored = {a.uuid: a for a in store.annotations(doc)}
    assert restored[quote.uuid].speaker == Ref(entity.uuid)  # type: ignore[union-attr]
    assert replace(restored[entity.uuid], updated_at="") == replace(entity, updated_at="")


def test_relabel_to_the_same_label_is_nothing_to_do(store: Store) -> None:
    doc = store.add_document("بيسكوف")
    entity = store.add_entity(doc, "ali", 0, 6, "PER")
    events = len(store.events(doc))
    assert store.relabel(entity.uuid, "PER").changes == ()
    assert len(store.events(doc)) == events
    assert rules.relabel_edit(entity, "PER") == rules.NOTHING
    [change] = rules.relabel_edit(entity, "ORG").changes
    assert (change.before, change.after) == (entity, replace(entity, label="ORG"))


def test_tagging_rule_refuses_an_entity_on_other_words(store: Store) -> None:
    doc = store.add_document("ديمتري بيسكوف")
    entity = store.add_entity(doc, "ali", 0, 6, "PER")
    elsewhere = replace(entity, uuid="x", span=Span(7, 13))
    with pytest.raises(ValueError, match="not on the words"):
        rules.tag_entity_edit(entity, elsewhere)
