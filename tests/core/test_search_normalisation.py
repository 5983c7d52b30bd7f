"""The fast search normalisation gives exactly the per-character table's result."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.arabic import _SEARCH_TABLE, normalize_for_search

# Arabic (letters, harakat, tatweel, Quranic marks), bidi and zero-width controls, BOM,
# Latin and Greek with case quirks (İ lowers to two characters, Σ to a final ς), emoji.
arabic_heavy = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0x200B, max_codepoint=0x206F),
        st.sampled_from(["\ufeff", "İ", "ẞ", "Σ", "A", " ", "\n", "😀"]),
    ),
    max_size=60,
)


def reference(text: str) -> str:
    """The definition: drop and fold character by character, then lower-case."""
    return text.translate(_SEARCH_TABLE).lower()


@settings(max_examples=400)
@given(arabic_heavy)
def test_normalize_for_search_on_arabic_heavy_text(text: str) -> None:
    assert normalize_for_search(text) == reference(text)


@given(st.text(max_size=80))
def test_normalize_for_search_on_any_text(text: str) -> None:
    assert normalize_for_search(text) == reference(text)


def test_examples_fold_as_readers_expect() -> None:
    assert normalize_for_search("تأثيرًا في آسيا\u200f والمكتبـــة") == "تاثيرا في اسيا والمكتبه"
