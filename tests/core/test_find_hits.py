"""The in-article finder: normalised like the search index, offsets in stored code points."""

from __future__ import annotations

from corpus.arabic import find_hits

TEXT = "😀 قَرَأَ الكِتَابَ ثم كتاب أُخْرَى وإِسلام"


def test_hits_ignore_harakat_and_hamza_and_keep_code_point_offsets() -> None:
    hits = find_hits(TEXT, "كتاب اخرى اسلام")
    assert [TEXT[a:b] for a, b in hits] == ["كِتَابَ", "كتاب", "أُخْرَى", "إِسلام"]
    # The emoji is one code point: the first hit starts right after "😀 قَرَأَ ال".
    assert hits[0] == (11, 18)


def test_query_with_harakat_finds_the_bare_word() -> None:
    assert [TEXT[a:b] for a, b in find_hits(TEXT, "كِتابٌ")] == ["كِتَابَ", "كتاب"]


def test_no_words_no_hits() -> None:
    assert find_hits(TEXT, "  * ") == []
    assert find_hits(TEXT, "") == []
    assert find_hits(TEXT, "سيارة") == []


def test_latin_is_case_folded_and_hits_do_not_overlap() -> None:
    assert find_hits("Aaaa aA", "aa") == [(0, 2), (2, 4), (5, 7)]
