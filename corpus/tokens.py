"""Entity-aware tokenization for the token-level exports (CoNLL, Parquet).

Tokens come from camel-tools' word tokenizer (``simple_word_tokenize``), then every
entity boundary is made a token boundary: an entity inside a clitic-joined word
(``بكين`` in ``لبكين``) is split off as its own token (``ل`` O, ``بكين`` B-GPE), never
dropped. Only on request (``widen``: ANERcorp's convention, ``--tagset anercorp``) is
it widened back to the whole word instead (``لبكين`` B-LOC). BIO can hold one entity per token, so
nested and overlapping entities are flattened first: the outer (longer) span wins and
the others are counted.

Sentences end after ``.``, ``!``, ``?``, ``؟``, ``۔`` or ``…`` (and any closing quotes)
followed by white space, and at every line break; never inside an entity.

Documents imported from CoNLL record ``metadata["tokenization"] = "whitespace-lines"``:
their tokens are the whitespace-separated words and their sentences are the lines, so
that a CoNLL file read in and written out again keeps its tokens line for line.

camel-tools is imported lazily, on the first tokenization.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from corpus.arabic import tokenize_with_offsets, word_spans

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


def _char_class(chars: Iterable[str]) -> re.Pattern[str]:
    """A pattern of one of ``chars``, or of any character outside the BMP.

    A class of BMP characters compiles to a bitmap; astral characters would make it a
    slow linear list, so all of them are let in (a harmless superset here).
    """
    bmp = sorted(ch for ch in set(chars) if ord(ch) <= 0xFFFF)
    return re.compile("[" + "".join(re.escape(ch) for ch in bmp) + "\U00010000-\U0010ffff]")


@dataclass(frozen=True, slots=True)
class _Camel:
    """camel-tools' word tokenizer, taken apart so that plain words skip its loop."""

    # A word holding none of these characters is one token.
    care: re.Pattern[str]
    # Where a split may begin: the first characters of camel-tools' symbols.
    starts: re.Pattern[str]
    symbols: frozenset[str]
    symbol_at: Any  # camel-tools' compiled pattern of a symbol or emoji sequence
    # The characters that, last in a word, are split off (a match there is one character).
    split_when_last: frozenset[str]

    def pieces(self, text: str, start: int, end: int) -> list[TokenSpan]:
        """The tokens of the word ``text[start:end]``, exactly as camel-tools cuts it.

        camel-tools tries its symbol pattern at every character of the word and splits
        off a match that is one of its symbols; only characters that begin a symbol can
        give such a match, so only those are tried.
        """
        if start < end - 1 and self.starts.search(text, start, end - 1) is None:
            # The common case, a word with a mark at its end (``قال:``, ``الصين،``).
            if text[end - 1] in self.split_when_last:
                return [(start, end - 1), (end - 1, end)]
            return [(start, end)]
        spans: list[TokenSpan] = []
        piece_start = resume = start
        for candidate in self.starts.finditer(text, start, end):
            at = candidate.start()
            if at < resume:
                continue
            found = self.symbol_at.match(text, at, end)
            if found is not None and found.group() in self.symbols:
                if at != piece_start:
                    spans.append((piece_start, at))
                spans.append((at, found.end()))
                piece_start = resume = found.end()
        if piece_start < end:
            spans.append((piece_start, end))
        return spans


@lru_cache(maxsize=1)
def _camel() -> _Camel | None:
    """camel-tools' tokenizer taken apart, or None (not installed, or built otherwise)."""
    try:
        from camel_tools.tokenizers import word as camel_word
    except ImportError:  # camel-tools is optional at run time
        return None
    symbols = getattr(camel_word, "_SYMBOLS_ALL", None)
    symbol_at = getattr(camel_word, "_SYMBOLS_RE", None)
    if symbols is None or symbol_at is None:
        return None  # a camel-tools release built otherwise: use its public function
    # camel-tools splits a word only at one of its symbols (a punctuation mark, a
    # symbol, an emoji sequence). A single-character symbol is in the word itself; a
    # longer one brings its second character (a joiner, a variation selector …).
    single = {item for item in symbols if len(item) == 1}
    following = {ch for item in symbols if len(item) > 1 for ch in item[1:]}
    return _Camel(
        care=_char_class(single | following),
        starts=_char_class(item[0] for item in symbols if item),
        symbols=frozenset(symbols),
        symbol_at=symbol_at,
        split_when_last=frozenset(ch for ch in single if symbol_at.fullmatch(ch)),
    )


@lru_cache(maxsize=1)
def camel_available() -> bool:
    """Whether camel-tools' word tokenizer can be imported."""
    try:
        import camel_tools.tokenizers.word  # noqa: F401
    except ImportError:
        return False
    return True


def camel_tokens(text: str) -> list[TokenSpan]:
    """camel-tools' ``simple_word_tokenize(text)`` as code-point spans, fast.

    Gives exactly the tokens camel-tools gives (the tests compare them on real news
    and random text); falls back to :func:`fallback_tokens` without camel-tools.
    """
    camel = _camel()
    if camel is None:
        return tokenize_with_offsets(text)
    # camel-tools splits on white space first, then cuts symbols off the words. Most
    # words hold no symbol: take all words at once and recut only those that do.
    words = [match.span() for match in _WORD.finditer(text)]
    cares = [match.start() for match in camel.care.finditer(text)]
    if not cares:
        return words
    word_starts = [start for start, _ in words]
    spans: list[TokenSpan] = []
    copied = 0
    for at in cares:
        index = bisect_right(word_starts, at) - 1
        if index < copied:
            continue  # another mark of a word already cut
        spans += words[copied:index]
        spans += camel.pieces(text, *words[index])
        copied = index + 1
    spans += words[copied:]
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


def widen_to_tokens(
    tokens: Sequence[TokenSpan], entities: Sequence[tuple[int, int, str]]
) -> tuple[list[tuple[int, int, str]], int]:
    """Each entity widened to the whole tokens its edges fall in; how many changed.

    ANERcorp tags whole whitespace words, clitics and all (``لبكين`` B-LOC, ``وبوتين``
    B-PERS), where Tawsim stores ``بكين`` and ``بوتين``. An edge between tokens or in
    white space stays where it is.
    """
    starts = [start for start, _ in tokens]
    widened: list[tuple[int, int, str]] = []
    changed = 0
    for given_start, given_end, label in entities:
        start, end = given_start, given_end
        first = bisect_right(starts, start) - 1
        if first >= 0 and tokens[first][0] < start < tokens[first][1]:
            start = tokens[first][0]
        last = bisect_left(starts, end) - 1
        if last >= 0 and tokens[last][0] < end < tokens[last][1]:
            end = tokens[last][1]
        changed += (start, end) != (given_start, given_end)
        widened.append((start, end, label))
    return widened, changed


def split_at(tokens: Sequence[TokenSpan], boundaries: Sequence[int]) -> list[TokenSpan]:
    """Split tokens at every boundary that falls strictly inside one.

    ``boundaries`` must be sorted. A boundary between tokens or in white space changes
    nothing; tokens are never widened or merged.
    """
    starts = [start for start, _ in tokens]
    cuts: dict[int, list[int]] = {}
    for boundary in boundaries:
        index = bisect_right(starts, boundary) - 1
        if index >= 0 and tokens[index][0] < boundary < tokens[index][1]:
            cuts.setdefault(index, []).append(boundary)
    if not cuts:
        return list(tokens)
    out: list[TokenSpan] = []
    copied = 0
    for index in sorted(cuts):
        out += tokens[copied:index]
        start, end = tokens[index]
        for boundary in cuts[index]:
            out.append((start, boundary))
            start = boundary
        out.append((start, end))
        copied = index + 1
    out += tokens[copied:]
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
        widened: entities widened to whole tokens (``widen``).
    """

    tokens: list[TokenSpan]
    tags: list[str]
    sentences: list[tuple[int, int]]
    dropped_overlapping: int = 0
    dropped_empty: int = 0
    widened: int = 0

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
    tokens: Sequence[TokenSpan],
    kept: Sequence[tuple[int, int, str]],
    starts: Sequence[int] | None = None,
) -> tuple[list[str], int]:
    """BIO tags of ``tokens`` for non-overlapping, sorted entities.

    Every entity boundary must already be a token boundary (:func:`split_at`). Returns
    the tags and the number of entities that cover no token. ``starts`` are the
    tokens' start offsets, when the caller has them already.
    """
    tags = [OUTSIDE] * len(tokens)
    if starts is None:
        starts = [t[0] for t in tokens]
    empty = 0
    for start, end, label in kept:
        # Entity edges are token edges: the tokens starting inside it end inside it.
        first = bisect_left(starts, start)
        last = bisect_left(starts, end, first)
        if last == first:
            empty += 1
            continue
        tags[first] = "B-" + label
        if last - first > 1:
            tags[first + 1 : last] = ["I-" + label] * (last - first - 1)
    return tags, empty


def sentences(
    text: str,
    tokens: Sequence[TokenSpan],
    tags: Sequence[str],
    lines_only: bool = False,
    starts: Sequence[int] | None = None,
) -> list[tuple[int, int]]:
    """Cut tokens into sentences (token index ranges); never inside an entity.

    A sentence ends at a line break, and (unless ``lines_only``) after a run of
    sentence-final marks, with any closing quotes right after them, that is followed
    by white space.
    """
    if not tokens:
        return []
    ends = _LINE_END if lines_only else _SENTENCE_END
    if starts is None:
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
    widen: bool = False,
) -> TaggedText:
    """Tokens, sentences and BIO tags of a text with its entities.

    Args:
        entities: ``(start, end, label)`` code-point spans; nested or overlapping ones
            are flattened (outer wins) and counted.
        tokenization: ``"whitespace-lines"`` for a text read from CoNLL (words are
            tokens, lines are sentences); None for camel-tools' tokens.
        tokenizer: overrides the word tokenizer (tests use it to run the fallback).
        widen: widen each entity to the whole tokens it falls in (ANERcorp's
            convention, :func:`widen_to_tokens`) instead of cutting tokens at its edges.
    """
    lines_only = tokenization == WHITESPACE_LINES
    words = whitespace_tokens(text) if lines_only else (tokenizer or default_tokenizer())(text)
    widened = 0
    if widen:
        entities, widened = widen_to_tokens(words, entities)
    flat = flatten(entities)
    if flat.kept:
        boundaries = sorted({b for s, e, _ in flat.kept for b in (s, e)})
        words = split_at(words, boundaries)
    starts = [start for start, _ in words]
    tags, empty = bio_tags(words, flat.kept, starts)
    return TaggedText(
        tokens=words,
        tags=tags,
        sentences=sentences(text, words, tags, lines_only, starts),
        dropped_overlapping=flat.dropped,
        dropped_empty=empty,
        widened=widened,
    )


def tokenization_of(metadata: dict[str, Any]) -> str | None:
    """How a document's text is tokenized, from its metadata (None: camel-tools)."""
    value = metadata.get(TOKENIZATION_KEY)
    return value if isinstance(value, str) else None
