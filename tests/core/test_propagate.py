"""Propagation: an annotated entity suggested at its other mentions of the document."""

from __future__ import annotations

import uuid

from corpus.clitics import Vocabulary
from corpus.model import Entity, Span
from corpus.suggest.propagate import (
    CLITIC_SCORE,
    DOUBTFUL_CLITIC_SCORE,
    EXACT_SCORE,
    clitic_splits,
    propagate,
    word_index,
)


def _entity(text: str, needle: str, label: str = "GPE", nth: int = 0) -> Entity:
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    return Entity(str(uuid.uuid4()), 1, "ali", Span(at, at + len(needle)), label)


def _found(text: str, entities: list[Entity], **kwargs: object) -> list[tuple[str, str, float]]:
    return [
        (text[s.start : s.end], s.label, s.score)
        for s in propagate(1, "ali", text, entities, **kwargs)  # type: ignore[arg-type]
    ]


def test_mentions_glued_to_proclitics_are_found_without_the_proclitic() -> None:
    text = "زار الصين ثم والصين وبالصين وللصين للصين فالصين."
    (suggested,) = [propagate(1, "ali", text, [_entity(text, "الصين")])]
    spans = [(text[s.start : s.end], s.score, s.source) for s in suggested]
    assert spans == [
        ("الصين", CLITIC_SCORE, "propagate"),  # والصين
        ("الصين", CLITIC_SCORE, "propagate"),  # وبالصين
        ("لصين", CLITIC_SCORE, "propagate"),  # وللصين: ل + ال, ANERcorp's لصين
        ("لصين", CLITIC_SCORE, "propagate"),  # للصين
        ("الصين", CLITIC_SCORE, "propagate"),  # فالصين
    ]
    lil = text.index(" للصين") + 1
    assert (lil + 1, lil + 5) in {(s.start, s.end) for s in suggested}
    assert all(s.proposal.annotator == "ali" and s.document_id == 1 for s in suggested)


def test_same_words_through_normalisation_score_highest() -> None:
    text = "قال أوباما إن اوباما وأُوبامَا سيزور بكين."
    assert _found(text, [_entity(text, "أوباما", "PER")]) == [
        ("اوباما", "PER", EXACT_SCORE),
        ("أُوبامَا", "PER", CLITIC_SCORE),  # و + أُوبامَا: harakat and hamza folded
    ]


def test_a_name_keeps_its_first_letter_unless_a_proclitic_stands_before_it() -> None:
    text = "وصل إلى بكين ثم عاد لبكين ومنها إلى واشنطن وبواشنطن ولبنان لبنان."
    entities = [_entity(text, "بكين"), _entity(text, "واشنطن"), _entity(text, "لبنان", nth=1)]
    assert [t for t, _, _ in _found(text, entities)] == ["بكين", "واشنطن", "لبنان"]


def test_other_words_are_not_mentions() -> None:
    text = "الصين والصيني والصينيين وصين الصينية"
    assert _found(text, [_entity(text, "الصين")]) == []


def test_spans_the_annotator_tagged_or_overlapping_them_are_skipped() -> None:
    text = "الصين ثم الصين ثم جمهورية الصين الشعبية ثم الصين"
    china = _entity(text, "الصين")
    republic = Entity(
        str(uuid.uuid4()),
        1,
        "ali",
        Span(text.index("جمهورية"), text.index(" الشعبية") + len(" الشعبية")),
        "GPE",
    )
    found = propagate(1, "ali", text, [china, republic])
    assert [s.start for s in found] == [text.index("الصين", 1), text.rindex("الصين")]


def test_multiword_names_win_over_their_parts() -> None:
    text = "قال ديمتري بيسكوف إن بيسكوف وديمتري بيسكوف التقوا."
    entities = [_entity(text, "ديمتري بيسكوف", "PER"), _entity(text, "بيسكوف", "PER", nth=1)]
    found = propagate(1, "ali", text, entities)
    assert [text[s.start : s.end] for s in found] == ["ديمتري بيسكوف"]
    assert found[0].start == text.index("وديمتري") + 1


def test_the_label_most_given_wins_and_its_share_scales_the_score() -> None:
    text = "الأردن الأردن الأردن والأردن"
    entities = [
        _entity(text, "الأردن", "GPE", 0),
        _entity(text, "الأردن", "GPE", 1),
        _entity(text, "الأردن", "LOC", 2),
    ]
    assert _found(text, entities) == [("الأردن", "GPE", round(CLITIC_SCORE * 2 / 3, 4))]


def test_an_entity_stored_without_its_proclitic_propagates_by_its_key() -> None:
    text = "قال مسؤول للصين إن الصين لن تقبل."
    at = text.index("للصين") + 1
    cut = Entity(str(uuid.uuid4()), 1, "ali", Span(at, at + 4), "GPE")  # لصين of للصين
    assert _found(text, [cut]) == [("الصين", "GPE", EXACT_SCORE)]


def test_a_split_the_segmenter_would_not_make_scores_lower_with_a_vocabulary() -> None:
    # بلي: the rules find ب + لي, the segmenter keeps a two-letter stem after ب whole.
    text = "التقى الوزير لي مع بلي"
    li = _entity(text, "لي", "PER")
    assert _found(text, [li]) == [("لي", "PER", CLITIC_SCORE)]
    vocabulary = Vocabulary.from_texts([text])
    assert _found(text, [li], vocabulary=vocabulary) == [("لي", "PER", DOUBTFUL_CLITIC_SCORE)]


def test_clitic_splits_follow_the_lam_article_convention() -> None:
    assert (1, "ل", "الصين") in clitic_splits("للصين")
    assert (2, "ول", "الصين") in clitic_splits("وللصين")
    assert clitic_splits("لبكين") == [(1, "ل", "بكين")]
    assert clitic_splits("في") == []


def test_the_word_index_is_built_once_per_text() -> None:
    text = "الصين " * 50
    assert word_index(text) is word_index(text)
    assert len(word_index(text).spans) == 50


def test_each_proposal_has_its_own_version_4_uuid() -> None:
    text = "الصين " * 30
    found = propagate(1, "ali", text, [_entity(text, "الصين")])
    parsed = [uuid.UUID(s.proposal.uuid) for s in found]
    assert len(set(parsed)) == len(found) == 29
    assert all(u.version == 4 and u.variant == uuid.RFC_4122 for u in parsed)
    assert [str(u) for u in parsed] == [s.proposal.uuid for s in found]
