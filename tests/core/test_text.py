"""Arabic normalisation, word snapping and UTF-16 ↔ code-point conversion."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus.arabic import (
    fts_query,
    normalize_for_search,
    normalize_with_map,
    snap_to_graphemes,
    snap_to_word,
)
from corpus.textpos import OffsetMap, to_codepoint, to_utf16


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("آسيا", "اسيا"),
        ("تأثيرًا", "تاثيرا"),
        ("إسرائيل", "اسراييل"),
        ("مصطفى", "مصطفي"),
        ("المكتبة", "المكتبه"),
        ("الكرمـــلين", "الكرملين"),
        ("سيُعلن", "سيعلن"),
        ("\u200fقال\u200e", "قال"),
        ("NATO", "nato"),
    ],
)
def test_search_normalisation(raw: str, folded: str) -> None:
    assert normalize_for_search(raw) == folded


def test_normalize_with_map_points_back_into_the_original() -> None:
    text = "حدد تأثيرًا سلبيًا"
    folded, origin = normalize_with_map(text)
    assert folded == normalize_for_search(text)
    at = folded.index("سلبيا")
    start, end = origin[at], origin[at + len("سلبيا")]
    assert text[start:end].startswith("سلبي")
    assert len(origin) == len(folded) + 1


def test_fts_query_quotes_words_and_keeps_prefix_star() -> None:
    # Each word also in its proclitic forms (tests/core/test_search_clitics.py); the FTS5
    # syntax of the query is only words.
    query = fts_query('آسيا "OR" NEAR(')
    assert query is not None
    groups = query.split(" AND ")
    assert len(groups) == 3
    assert groups[0].startswith('("اسيا" OR "واسيا" OR ') and '"وباسيا"' in groups[0]
    assert groups[1] == '("or" OR "وor" OR "فor")'
    assert groups[2].startswith('("near" OR "وnear" OR ')
    mktab = fts_query("مكتب*")
    assert mktab is not None and mktab.startswith('("مكتب"* OR "ومكتب"* OR ')
    assert fts_query("x") == '"x"'
    assert fts_query("  ,.؟ ") is None


def test_snap_to_word_widens_to_whole_words_and_trims_punctuation() -> None:
    text = "قال ديمتري بيسكوف، المتحدث"
    start = text.index("متري")
    assert snap_to_word(text, start, start + 2) == (4, 10)
    s = text.index("بيسكوف")
    assert snap_to_word(text, s - 1, s + 7) == (s, s + len("بيسكوف"))
    assert snap_to_word(text, 3, 4) == (3, 4)  # only a space: left as it is


def test_snap_to_graphemes_keeps_marks_with_their_letter() -> None:
    text = "مُهِمَّة"
    # Offsets 1 and 3 fall just before a damma and a kasra: both move off the mark.
    assert snap_to_graphemes(text, 1, 3) == (0, 4)
    assert snap_to_graphemes(text, 0, 4) == (0, 4)
    assert snap_to_graphemes(text, 0, 6) == (0, 7)


def test_utf16_conversion_with_astral_characters() -> None:
    text = "😀 قال \U0001d400 بكين"
    m = OffsetMap(text)
    s = text.index("بكين")
    assert m.to_utf16(s) == s + 2  # two astral characters before it
    assert m.to_codepoint(m.to_utf16(s)) == s
    assert to_utf16(text, s) == m.to_utf16(s)
    assert to_codepoint(text, s + 2) == s
    # A position between the halves of a surrogate pair rounds down to the character.
    assert m.to_codepoint(1) == 0


@given(
    st.text(alphabet=st.sampled_from(["a", "ب", "😀", "\u064e", "\U0001d400", " "]), max_size=40)
)
def test_offset_map_agrees_with_utf16_encoding(text: str) -> None:
    m = OffsetMap(text)
    for offset in range(len(text) + 1):
        position = len(text[:offset].encode("utf-16-le")) // 2
        assert m.to_utf16(offset) == position
        assert m.to_codepoint(position) == offset
