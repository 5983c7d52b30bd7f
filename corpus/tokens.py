"""Entity-aware tokenization for the token-level exports (CoNLL, Parquet).

Tokens come from camel-tools' word tokenizer (``simple_word_tokenize``), then every
entity boundary is made a token boundary: an entity inside a clitic-joined word
(``بكين`` in ``لبكين``) is split off as its own token (``ل`` O, ``بكين`` B-GPE), never
widened to the whole word and never dropped. BIO can hold one entity per token, so
nested and overlapping entities are flattened first: the outer (longer) span wins and
the others are counted.

Sentences end after ``.``, ``!``, ``?``, ``؟``, ``۔`` or ``…`` followed by a space, and at
every line break; never inside an entity.

Documents imported from CoNLL record ``metadata["tokenization"] = "whitespace-lines"``:
their tokens are the whitespace-separated words and their sentences are the lines, so
that a CoNLL file read in and written out again keeps its tokens line for line.

camel-tools is imported lazily, on the first tokenization.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from corpus.arabic import word_spans

TokenSpan = tuple[int, int]
Tokenizer = Callable[[str], list[TokenSpan]]

# Document metadata key naming how the text is tokenized (absent: camel-tools).
TOKENIZATION_KEY = "tokenization"
WHITESPACE_LINES = "whitespace-lines"

OUTSIDE = "O"
SENTENCE_END = frozenset(".!?\u061f\u06d4\u2026")  # . ! ? ؟ ۔ …
# Closing quotes and brackets that stay with the sentence they close: «قال: "نعم."»
CLOSERS = frozenset("\"'\u00bb\u201d\u2019\u203a)]}")

_WORD = re.compile(r"\S+")
_LINE_END = re.compile(r"\n")
_SENTENCE_END = re.compile(
    "[" + re.escape("".join(sorted(SENTENCE_END))) + "]+"
    "[" + re.escape("".join(sorted(CLOSERS))) + "]*(?=\\s)|\n"
)


@lru_cache(maxsize=1)
def _camel() -> tuple[Callable[[str], list[str]], re.Pattern[str]] | None:
    """camel-tools' tokenizer and a pattern of the characters where it may split a word."""
    try:
        from camel_tools.tokenizers.word import simple_word_tokenize
        from camel_tools.utils.charsets import (
            EMOJI_ALL_CHARSET,
            UNICODE_PUNCT_SYMBOL_CHARSET,
        )
    except ImportError:  # camel-tools is optional at run time
        return None
    # camel-tools splits a word only where a punctuation mark, symbol or emoji of these
    # sets begins; a word holding none of their first characters is one token. Most
    # words hold none, so only the others go through camel-tools' per-character loop.
    firsts = {item[0] for item in UNICODE_PUNCT_SYMBOL_CHARSET | EMOJI_ALL_CHARSET if item}
    # Any character outside the BMP counts as a possible split point: a character
    # class of BMP characters compiles to a bitmap, astral ones to a slow linear list.
    bmp = sorted(ch for ch in firsts if ord(ch) <= 0xFFFF)
    split_points = re.compile(
        "[" + "".join(re.escape(ch) for ch in bmp) + "\U00010000-\U0010FFFF]"
    )
    return simple_word_tokenize, split_points


def camel_available() -> bool:
    """Whether camel-tools' word tokenizer can be imported."""
    return _camel() is not None


def camel_tokens(text: str) -> list[TokenSpan]:
    """camel-tools' ``simple_word_tokenize(text)`` as code-point spans, fast.

    Gives exactly the tokens camel-tools gives; falls back to :func:`fallback_tokens`
    when camel-tools is not installed.
    """
    camel = _camel()
    if camel is None:
        return fallback_tokens(text)
    tokenize, split_points = camel
    spans: list[TokenSpan] = []
    append = spans.append
    search = split_points.search
    for match in _WORD.finditer(text):
        start, end = match.span()
        if search(text, start, end) is None:
            append((start, end))
            continue
        word = match.group()
        pieces = tokenize(word)
        if "".join(pieces) != word:  # camel-tools never changes a token; be safe if it does
            return fallback_tokens(text)
        for piece in pieces:
            append((start, start + len(piece)))
            start += len(piece)
    return spans


def fallback_tokens(text: str) -> list[TokenSpan]:
    """Tokens without camel-tools: runs of word characters; other marks one by one."""
    return list(word_spans(text))


def whitespace_tokens(text: str) -> list[TokenSpan]:
    """The whitespace-separated words (the tokens of a document read from CoNLL)."""
    return [m.span() for m in _WORD.finditer(text)]


def default_tokenizer() -> Tokenizer:
    return camel_tokens if camel_available() else fallback_tokens


# ---------------------------------------------------------------------- entities


@dataclass(frozen=True, slots=True)
class Flattened:
    """Entities that BIO can hold (sorted, none overlapping) and how many could not go."""

    kept: list[tuple[int, int, str]]
    dropped: int


def flatten(entities: Sequence[tuple[int, int, str]]) -> Flattened:
    """Keep the outer span of every nest or overlap.

    Longer spans are taken first (at equal length the earlier, then the first given),
    and a span that overlaps one already kept is dropped: a span nested in another
    always loses to it, and of two crossing spans the longer wins.
    """
    order = sorted(
        range(len(entities)),
        key=lambda i: (entities[i][0] - entities[i][1], entities[i][0], i),
    )
    starts: list[int] = []
    kept: list[tuple[int, int, str]] = []
    dropped = 0
    for i in order:
        start, end, label = entities[i]
        at = bisect_right(starts, start)
        if (at > 0 and kept[at - 1][1] > start) or (at < len(kept) and kept[at][0] < end):
            dropped += 1
            continue
        starts.insert(at, start)
        kept.insert(at, (start, end, label))
    return Flattened(kept, dropped)


def split_at(tokens: Sequence[TokenSpan], boundaries: Sequence[int]) -> list[TokenSpan]:
    """Split tokens at every boundary that falls strictly inside one.

    ``boundaries`` must be sorted. A boundary between tokens or in white space changes
    nothing; tokens are never widened or merged.
    """
    if not boundaries:
        return list(tokens)
    out: list[TokenSpan] = []
    count = len(boundaries)
    at = 0
    for start, end in tokens:
        while at < count and boundaries[at] <= start:
            at += 1
        while at < count and boundaries[at] < end:
            out.append((start, boundaries[at]))
            start = boundaries[at]
            at += 1
        out.append((start, end))
    return out


@dataclass(slots=True)
class TaggedText:
    """A text cut into tokens and sentences, with one BIO tag per token.

    Attributes:
        tokens: code-point spans into the text, in order.
        tags: ``O``, ``B-LABEL`` or ``I-LABEL`` for each token.
        sentences: token index ranges ``[first, last)``, in order, covering every token.
        dropped_overlapping: entities left out because a nest or overlap kept another.
        dropped_empty: entities left out because they cover no token (white space only).
    """

    tokens: list[TokenSpan]
    tags: list[str]
    sentences: list[tuple[int, int]]
    dropped_overlapping: int = 0
    dropped_empty: int = 0

    @property
    def dropped(self) -> int:
        return self.dropped_overlapping + self.dropped_empty

    def sentence_spans(self) -> list[TokenSpan]:
        """Each sentence as a code-point span of the text (first token to last)."""
        return [(self.tokens[a][0], self.tokens[b - 1][1]) for a, b in self.sentences]

    def entities(self) -> list[tuple[int, int, str]]:
        """The entities the tags hold, as code-point spans (what a BIO reader sees)."""
        found: list[tuple[int, int, str]] = []
        for (start, end), tag in zip(self.tokens, self.tags, strict=True):
            if tag[0] == "B":
                found.append((start, end, tag[2:]))
            elif tag[0] == "I":
                begin, _, label = found[-1]
                found[-1] = (begin, end, label)
        return found


def bio_tags(
    tokens: Sequence[TokenSpan], kept: Sequence[tuple[int, int, str]]
) -> tuple[list[str], int]:
    """BIO tags of ``tokens`` for non-overlapping, sorted entities.

    Every entity boundary must already be a token boundary (:func:`split_at`). Returns
    the tags and the number of entities that cover no token.
    """
    tags = [OUTSIDE] * len(tokens)
    starts = [t[0] for t in tokens]
    empty = 0
    for start, end, label in kept:
        first = bisect_left(starts, start)
        last = first
        while last < len(tokens) and tokens[last][1] <= end:
            last += 1
        if last == first:
            empty += 1
            continue
        tags[first] = "B-" + label
        if last - first > 1:
            inside = "I-" + label
            for i in range(first + 1, last):
                tags[i] = inside
    return tags, empty


def sentences(
    text: str, tokens: Sequence[TokenSpan], tags: Sequence[str], lines_only: bool = False
) -> list[tuple[int, int]]:
    """Cut tokens into sentences (token index ranges); never inside an entity.

    A sentence ends at a line break, and (unless ``lines_only``) after a run of
    sentence-final marks, with any closing quotes right after them, that is followed
    by white space.
    """
    if not tokens:
        return []
    ends = _LINE_END if lines_only else _SENTENCE_END
    starts = [t[0] for t in tokens]
    cuts: list[tuple[int, int]] = []
    first = 0
    for match in ends.finditer(text):
        i = bisect_left(starts, match.end())
        if first < i < len(tokens) and tags[i][0] != "I":
            cuts.append((first, i))
            first = i
    cuts.append((first, len(tokens)))
    return cuts


def tag_text(
    text: str,
    entities: Sequence[tuple[int, int, str]],
    tokenization: str | None = None,
    tokenizer: Tokenizer | None = None,
) -> TaggedText:
    """Tokens, sentences and BIO tags of a text with its entities.

    Args:
        entities: ``(start, end, label)`` code-point spans; nested or overlapping ones
            are flattened (outer wins) and counted.
        tokenization: ``"whitespace-lines"`` for a text read from CoNLL (words are
            tokens, lines are sentences); None for camel-tools' tokens.
        tokenizer: overrides the word tokenizer (tests use it to run the fallback).
    """
    lines_only = tokenization == WHITESPACE_LINES
    if lines_only:
        words = whitespace_tokens(text)
    else:
        words = (tokenizer or default_tokenizer())(text)
    flat = flatten(entities)
    if flat.kept:
        boundaries = sorted({b for s, e, _ in flat.kept for b in (s, e)})
        words = split_at(words, boundaries)
    tags, empty = bio_tags(words, flat.kept)
    return TaggedText(
        tokens=words,
        tags=tags,
        sentences=sentences(text, words, tags, lines_only),
        dropped_overlapping=flat.dropped,
        dropped_empty=empty,
    )


def tokenization_of(metadata: dict[str, Any]) -> str | None:
    """How a document's text is tokenized, from its metadata (None: camel-tools)."""
    value = metadata.get(TOKENIZATION_KEY)
    return value if isinstance(value, str) else None
