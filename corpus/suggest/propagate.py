"""Propagation: an entity the annotator tagged, suggested at its other mentions.

A mention is the same words, compared as the search index compares them
(:func:`corpus.arabic.normalize_for_search`: harakat, hamza forms, alef maqsura and teh
marbuta folded), and also glued to proclitics: ``الصين`` is found in ``والصين``,
``بالصين`` and ``للصين``. Following ANERcorp, the suggested span leaves the proclitic
out but keeps the article, so in ``للصين`` it is ``لصين`` (the ``لل`` is ``ل`` + ``ال``);
``واشنطن``, ``بكين``, ``لبنان`` keep their first letter unless a proclitic stands before
them (``لبكين`` → ``بكين``).

Speed: the words of a document are indexed once, by every key a word can be found
under (:class:`WordIndex`, cached for the last few texts); after that a call costs the
mentions it finds, whatever the length of the document.
"""

from __future__ import annotations

import bisect
import os
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from corpus.arabic import is_word_char, normalize_for_search
from corpus.model import Entity, Span
from corpus.suggest.model import Suggestion

if TYPE_CHECKING:
    from corpus.clitics import Vocabulary

# Scores: the same words, the same words behind a proclitic, and a proclitic split the
# segmenter (given a vocabulary) would not make (``فعلي`` holds ``علي`` only by the rules).
EXACT_SCORE = 0.9
CLITIC_SCORE = 0.8
DOUBTFUL_CLITIC_SCORE = 0.6

# Proclitics a word may carry before a name, longest first: a conjunction (و, ف), then a
# preposition (ب, ك, ل). ``لل`` is handled apart: it is ``ل`` + the article's ``ا`` elided.
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ك", "ل")
_PROCLITICS = tuple(
    sorted(
        {c + p for c in _CONJUNCTIONS for p in _PREPOSITIONS} | set(_CONJUNCTIONS + _PREPOSITIONS),
        key=len,
        reverse=True,
    )
)
# A stem left after stripping needs at least this many letters (``وفي`` holds no ``في``).
_MIN_STEM = 2


@dataclass(frozen=True, slots=True)
class Occurrence:
    """Where a key was found: the word's index and the span under that key."""

    word: int
    start: int
    end: int
    proclitic: str  # "" when the whole word is the key


def word_runs(text: str) -> Iterator[tuple[int, int]]:
    """Maximal runs of word characters (letters, digits, harakat, tatweel)."""
    i, n = 0, len(text)
    while i < n:
        if is_word_char(text[i]):
            j = i + 1
            while j < n and is_word_char(text[j]):
                j += 1
            yield i, j
            i = j
        else:
            i += 1


def clitic_splits(word: str) -> list[tuple[int, str, str]]:
    """Every way ``word`` may be a stem behind proclitics: (stem start, proclitics, key).

    ``key`` is the search key of the stem, the article restored after ``لل``
    (``للصين`` → (1, "ل", "الصين"), ``وللصين`` → (2, "ول", "الصين")).
    """
    found: list[tuple[int, str, str]] = []
    for conj in ("", *_CONJUNCTIONS):
        if not word.startswith(conj):
            continue
        rest = word[len(conj) :]
        if rest.startswith("لل") and len(rest) - 2 >= _MIN_STEM:
            # ل + ال: the stem keeps one ل (ANERcorp), its key the whole article.
            found.append((len(conj) + 1, conj + "ل", normalize_for_search("ا" + rest[1:])))
    for proclitic in _PROCLITICS:
        if word.startswith(proclitic) and len(word) - len(proclitic) >= _MIN_STEM:
            found.append((len(proclitic), proclitic, normalize_for_search(word[len(proclitic) :])))
    return found


class WordIndex:
    """The words of one text by search key: each under its own folded form and under the
    key of every stem it may hold behind proclitics."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[tuple[int, int]] = list(word_runs(text))
        self.starts: list[int] = [s for s, _ in self.spans]
        self.folded: list[str] = []
        # Per word, the stems it may hold behind proclitics (see clitic_splits).
        self.splits: list[list[tuple[int, str, str]]] = []
        self.by_key: dict[str, list[Occurrence]] = {}
        # Zipf: far fewer distinct words than words, so each is folded and split once.
        seen: dict[str, tuple[str, list[tuple[int, str, str]]]] = {}
        for i, (start, end) in enumerate(self.spans):
            word = text[start:end]
            known = seen.get(word)
            if known is None:
                known = seen[word] = (normalize_for_search(word), clitic_splits(word))
            folded, splits = known
            self.folded.append(folded)
            self.splits.append(splits)
            self.by_key.setdefault(folded, []).append(Occurrence(i, start, end, ""))
            for stem_start, proclitic, key in splits:
                self.by_key.setdefault(key, []).append(
                    Occurrence(i, start + stem_start, end, proclitic)
                )

    def word_at(self, offset: int) -> int | None:
        """The index of the word holding ``offset``, if any."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and self.spans[i][0] <= offset < self.spans[i][1]:
            return i
        return None

    def key_of(self, start: int, end: int) -> tuple[str, ...] | None:
        """The search key of the words of ``text[start:end]``: one folded form per word,
        the first taken as a stem when the span starts behind a word's proclitics
        (``لصين`` cut from ``للصين`` is ``الصين``). None for a span holding no word."""
        words = [(start + s, start + e) for s, e in word_runs(self.text[start:end])]
        if not words:
            return None
        keys = [normalize_for_search(self.text[s:e]) for s, e in words]
        first = self.word_at(words[0][0])
        if first is not None and self.spans[first][0] < words[0][0]:
            word_start, word_end = self.spans[first]
            cut = words[0][0] - word_start
            for stem_start, _, key in clitic_splits(self.text[word_start:word_end]):
                if stem_start == cut:
                    keys[0] = key
                    break
        return tuple(keys)


_CACHE: OrderedDict[str, WordIndex] = OrderedDict()
_CACHE_SIZE = 4
_CACHE_LOCK = threading.Lock()  # the window propagates in a worker thread too


def word_index(text: str) -> WordIndex:
    """The :class:`WordIndex` of ``text``, built once for the last few texts asked."""
    with _CACHE_LOCK:
        found = _CACHE.get(text)
        if found is not None:
            _CACHE.move_to_end(text)
            return found
    built = WordIndex(text)
    with _CACHE_LOCK:
        _CACHE[text] = built
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return built


def propagate(
    doc_id: int,
    annotator: str,
    text: str,
    entities: Sequence[Entity],
    vocabulary: Vocabulary | None = None,
    known: Mapping[tuple[str, ...], Counter[str]] | None = None,
) -> list[Suggestion]:
    """Suggest each of ``entities`` (the annotator's, in this document) at its other mentions.

    A mention overlapping any of ``entities`` is left out, and of overlapping mentions
    the longest wins (``ديمتري بيسكوف`` over ``بيسكوف``). The label is the one the
    annotator gave those words (the most common one when they gave several; the score
    is then multiplied by its share). ``vocabulary`` (a :class:`corpus.clitics.Vocabulary`
    of the document's words, without the entity names: a name always wins the segmenter
    over), when given, lowers the score of a proclitic split the segmenter would not make.
    ``known`` adds the names tagged in other documents (:func:`labels_of`), for
    propagation over a whole corpus. Returns ``propagate`` suggestions by start.
    """
    index = word_index(text)
    labels: dict[tuple[str, ...], Counter[str]] = {k: Counter(v) for k, v in (known or {}).items()}
    for key, counts in labels_of(text, entities).items():
        labels.setdefault(key, Counter()).update(counts)
    taken = _Spans([(e.span.start, e.span.end) for e in entities])
    # (-length, -score, start, end, label): sorted plainly, the longest first, then the
    # best score, so that of overlapping mentions the longer name wins.
    candidates: list[tuple[int, float, int, int, str]] = []
    for key, counts in labels.items():
        label, votes = counts.most_common(1)[0]
        share = votes / sum(counts.values())
        for start, end, score in _mentions(index, key, vocabulary):
            if not taken.overlaps(start, end):
                candidates.append((start - end, -round(score * share, 4), start, end, label))
    candidates.sort()
    chosen: list[tuple[int, int]] = []
    kept: list[tuple[int, int, str, float]] = []
    for _, minus_score, start, end, label in candidates:
        if not _overlaps_disjoint(chosen, start, end):
            bisect.insort(chosen, (start, end))
            kept.append((start, end, label, -minus_score))
    kept.sort()
    uuids = _fresh_uuids(len(kept))
    return [
        Suggestion(
            Entity(next(uuids), doc_id, annotator, Span(start, end), label), "propagate", score
        )
        for start, end, label, score in kept
    ]


def labels_of(text: str, entities: Iterable[Entity]) -> dict[tuple[str, ...], Counter[str]]:
    """The search keys of entities tagged in ``text``, each with the labels given it."""
    index = word_index(text)
    labels: dict[tuple[str, ...], Counter[str]] = {}
    for entity in entities:
        key = index.key_of(entity.span.start, entity.span.end)
        if key is not None:
            labels.setdefault(key, Counter())[entity.label] += 1
    return labels


def _fresh_uuids(count: int) -> Iterator[str]:
    """``count`` random version-4 UUIDs as text, from one read of the system's randomness
    (``uuid.uuid4`` per mention was a third of a key press on a long article)."""
    digits = os.urandom(16 * count).hex()
    for at in range(0, 32 * count, 32):
        h = digits[at : at + 32]
        variant = "89ab"[int(h[16], 16) & 3]
        yield f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{variant}{h[17:20]}-{h[20:]}"


def _mentions(
    index: WordIndex, key: tuple[str, ...], vocabulary: Vocabulary | None
) -> Iterator[tuple[int, int, float]]:
    """(start, end, score) of each place the words of ``key`` occur."""
    rest = key[1:]
    last = len(index.spans)
    for occurrence in index.by_key.get(key[0], ()):
        i = occurrence.word
        if i + len(rest) >= last:
            continue
        if any(index.folded[i + 1 + k] != word for k, word in enumerate(rest)):
            continue
        end = index.spans[i + len(rest)][1]
        if not occurrence.proclitic:
            yield occurrence.start, end, EXACT_SCORE
        else:
            yield occurrence.start, end, _clitic_score(index, occurrence, vocabulary)


def _clitic_score(index: WordIndex, occurrence: Occurrence, vocabulary: Vocabulary | None) -> float:
    if vocabulary is None:
        return CLITIC_SCORE
    from corpus.clitics import segment  # only for the few mentions found

    word_start, word_end = index.spans[occurrence.word]
    cut = segment(index.text[word_start:word_end], vocabulary).stem_start
    return CLITIC_SCORE if cut == occurrence.start - word_start else DOUBTFUL_CLITIC_SCORE


class _Spans:
    """Fixed spans (possibly nested): does a span overlap any of them?"""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        # The furthest end among the spans starting at or before each one.
        self._reach: list[int] = []
        furthest = -1
        for _, end in ordered:
            furthest = max(furthest, end)
            self._reach.append(furthest)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._starts, end)  # the spans starting before ``end``
        return i > 0 and self._reach[i - 1] > start


def _overlaps_disjoint(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of ``spans`` (sorted, disjoint)."""
    i = bisect.bisect_left(spans, (start, end))
    if i > 0 and spans[i - 1][1] > start:
        return True
    return i < len(spans) and spans[i][0] < end
