"""Entity-aware tokenization: camel-tools words split at entity edges, sentences, BIO."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.arabic import tokenize_with_offsets
from corpus.tokens import (
    WHITESPACE_LINES,
    Tokenizer,
    camel_available,
    camel_tokens,
    fallback_tokens,
    flatten,
    split_at,
    tag_text,
)

TOKENIZERS = pytest.mark.parametrize(
    "tokenizer", [camel_tokens, fallback_tokens], ids=["camel-tools", "fallback"]
)


def at(text: str, word: str, label: str, occurrence: int = 0) -> tuple[int, int, str]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(word, start + 1)
    return start, start + len(word), label


def rows(text: str, tagger_result) -> list[tuple[str, str]]:
    return [
        (text[s:e], tag)
        for (s, e), tag in zip(tagger_result.tokens, tagger_result.tags, strict=True)
    ]


def test_camel_tools_is_installed_so_the_real_tokenizer_is_tested() -> None:
    assert camel_available()


@TOKENIZERS
def test_entity_inside_a_clitic_joined_word_is_split_off(tokenizer: Tokenizer) -> None:
    text = "سافر الوفد لبكين ثم التقى وبوتين أمس."
    entities = [at(text, "بكين", "GPE"), at(text, "بوتين", "PER")]
    tagged = tag_text(text, entities, tokenizer=tokenizer)
    assert rows(text, tagged) == [
        ("سافر", "O"),
        ("الوفد", "O"),
        ("ل", "O"),
        ("بكين", "B-GPE"),
        ("ثم", "O"),
        ("التقى", "O"),
        ("و", "O"),
        ("بوتين", "B-PER"),
        ("أمس", "O"),
        (".", "O"),
    ]
    # Never widened, never dropped: the tags hold exactly the stored spans.
    assert tagged.entities() == sorted(entities)
    assert tagged.dropped == 0


@TOKENIZERS
def test_entity_ending_inside_a_word_splits_its_suffix(tokenizer: Tokenizer) -> None:
    text = "زار مصرَ الأسبوع الماضي"
    # An entity "مصر" without its case ending: the harakat go to an O token of their own.
    entities = [(4, 7, "GPE")]
    tagged = tag_text(text, entities, tokenizer=tokenizer)
    assert rows(text, tagged)[:3] == [("زار", "O"), ("مصر", "B-GPE"), ("\u064e", "O")]
    assert tagged.entities() == entities


@TOKENIZERS
def test_multi_word_entity_is_begin_then_inside(tokenizer: Tokenizer) -> None:
    text = "رحبت مصر والأمم المتحدة بما قاله أنطونيو غوتيريش"
    entities = [at(text, "الأمم المتحدة", "ORG"), at(text, "أنطونيو غوتيريش", "PER")]
    tagged = tag_text(text, entities, tokenizer=tokenizer)
    assert rows(text, tagged) == [
        ("رحبت", "O"),
        ("مصر", "O"),
        ("و", "O"),
        ("الأمم", "B-ORG"),
        ("المتحدة", "I-ORG"),
        ("بما", "O"),
        ("قاله", "O"),
        ("أنطونيو", "B-PER"),
        ("غوتيريش", "I-PER"),
    ]


@TOKENIZERS
def test_adjacent_entities_of_one_label_stay_two(tokenizer: Tokenizer) -> None:
    text = "وفد مصر الأردن"
    entities = [at(text, "مصر", "GPE"), at(text, "الأردن", "GPE")]
    tagged = tag_text(text, entities, tokenizer=tokenizer)
    assert tagged.tags == ["O", "B-GPE", "B-GPE"]


def test_nested_and_overlapping_entities_keep_the_outer_span_and_are_counted() -> None:
    text = "جامعة القاهرة في مصر"
    outer = at(text, "جامعة القاهرة", "ORG")
    inner = at(text, "القاهرة", "GPE")
    crossing = (text.index("القاهرة"), text.index("مصر"), "MISC")
    same_span_other_label = (outer[0], outer[1], "MISC")
    tagged = tag_text(text, [inner, crossing, outer, same_span_other_label])
    assert tagged.entities() == [outer]
    assert tagged.dropped_overlapping == 3
    flat = flatten([inner, outer])
    assert flat.kept == [outer]
    assert flat.dropped == 1


def test_entity_of_white_space_only_is_counted_not_tagged() -> None:
    text = "كلمة  أخرى"
    tagged = tag_text(text, [(4, 6, "MISC")])
    assert tagged.tags == ["O", "O"]
    assert tagged.dropped_empty == 1


def test_split_at_ignores_boundaries_between_tokens() -> None:
    assert split_at([(0, 5), (6, 9)], [0, 2, 5, 6, 7, 9]) == [(0, 2), (2, 5), (6, 7), (7, 9)]


@TOKENIZERS
def test_sentences_end_at_final_marks_and_line_breaks(tokenizer: Tokenizer) -> None:
    text = "قال الوزير: «انتهى الأمر.» ثم غادر! هل يعود؟ ربما\nسطر آخر بلا نقطة"
    tagged = tag_text(text, [], tokenizer=tokenizer)
    spans = [text[s:e] for s, e in tagged.sentence_spans()]
    assert spans == [
        "قال الوزير: «انتهى الأمر.»",
        "ثم غادر!",
        "هل يعود؟",
        "ربما",
        "سطر آخر بلا نقطة",
    ]


def test_a_full_stop_inside_a_number_or_an_entity_does_not_end_a_sentence() -> None:
    text = "بلغ النمو 5.93 في المئة حسب U.S. Bank أمس"
    entity = at(text, "U.S. Bank", "ORG")
    tagged = tag_text(text, [entity])
    assert len(tagged.sentences) == 1
    assert tagged.entities() == [entity]


def test_whitespace_lines_tokenization_keeps_words_and_lines() -> None:
    text = "لبكين ( د ب ا ) .\nسطر ثان"
    tagged = tag_text(text, [at(text, "لبكين", "GPE")], tokenization=WHITESPACE_LINES)
    assert [text[s:e] for s, e in tagged.tokens] == text.split()
    assert [text[s:e] for s, e in tagged.sentence_spans()] == text.split("\n")
    assert tagged.tags[0] == "B-GPE"


def test_camel_tokens_equal_camel_tools_on_real_news(shared_data: Path) -> None:
    sample = shared_data / "saudinewsnet-sample" / "saudinewsnet_2015-07-23_sample300.jsonl"
    texts = [
        json.loads(line)["content"] for line in sample.read_text(encoding="utf-8").splitlines()
    ]
    assert len(texts) == 300
    for text in texts:
        assert camel_tokens(text) == tokenize_with_offsets(text)


def test_camel_tokens_equal_camel_tools_with_emoji_and_odd_spaces() -> None:
    text = "🥳 This 👳🏻\u200d♀️ is ✆ a 🧔🏾\u200d♂️ test 👻 مرحبا،1️⃣#\x1cو\u2028ال$5.93\u00a0«نعم»"
    assert camel_tokens(text) == tokenize_with_offsets(text)


_ALPHABET = st.sampled_from([*list("بكينلو ال.،؟!«»\"'5٣ \n\t\xa0\u200eَ😀👍🏽\u200d#$%-:"), "1️⃣"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_camel_tokens_equal_camel_tools_on_any_text(text: str) -> None:
    assert camel_tokens(text) == tokenize_with_offsets(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_ALPHABET, min_size=1, max_size=40).map("".join),
    st.lists(st.tuples(st.integers(0, 40), st.integers(1, 12)), max_size=5),
    st.sampled_from([camel_tokens, fallback_tokens]),
)
def test_bio_tags_hold_every_kept_entity_exactly(text: str, picks, tokenizer: Tokenizer) -> None:
    entities = [
        (s, min(s + n, len(text)), "PER")
        for s, n in picks
        if s < len(text) and s < min(s + n, len(text))
    ]
    tagged = tag_text(text, entities, tokenizer=tokenizer)
    kept = flatten(entities)
    # Each kept entity is held by the tokens inside it: never widened past its span,
    # and only what no token holds (white space, for the fallback also invisible
    # marks) is left out at its edges.
    covered = {i for s, e in tokenizer(text) for i in range(s, e)}
    expected = []
    for start, end, label in kept.kept:
        inside = [(s, t) for s, t in tagged.tokens if start <= s and t <= end]
        if inside:
            expected.append((inside[0][0], inside[-1][1], label))
            assert not covered & {*range(start, inside[0][0]), *range(inside[-1][1], end)}
    assert tagged.entities() == expected
    assert tagged.dropped_overlapping == kept.dropped
    assert tagged.dropped_empty == len(kept.kept) - len(expected)
    # Tokens never overlap, never hold white space, and cover what the tokenizer covered.
    for (_, end), (start, _) in zip(tagged.tokens, tagged.tokens[1:], strict=False):
        assert end <= start
    assert not any(ch.isspace() for s, e in tagged.tokens for ch in text[s:e])
    assert covered == {i for s, e in tagged.tokens for i in range(s, e)}
    # Sentences cover every token once, in order, and never cut an entity.
    flat_indices = [i for a, b in tagged.sentences for i in range(a, b)]
    assert flat_indices == list(range(len(tagged.tokens)))
    assert all(tagged.tags[a][0] != "I" for a, _ in tagged.sentences)
