"""Gazetteer: names the corpus has labelled before (and the CLDR seed), found in new text.

Learned names come from accepted annotations as (surface text, label) pairs
(:meth:`corpus.store.Store.labelled_surfaces`: done and in-progress work of every
annotator). A name gets a label only when more than half of its labelled occurrences
agree on it and it was labelled at least ``min_count`` times; its score is that share.
The seed (:func:`corpus.clitics.seed_gazetteer`: CLDR's Arabic names of countries,
regions and cities) fills in the names the corpus has not labelled, at a lower score.

Applied to a text: longest match over word sequences, compared on search keys
(:func:`corpus.arabic.normalize_for_search`), the first word possibly behind proclitics
(``بالسعودية``, ``وللصين``: the span leaves the proclitic out, see
:mod:`corpus.suggest.propagate`).
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from corpus.arabic import normalize_for_search
from corpus.model import Entity, Span
from corpus.suggest.model import Suggestion
from corpus.suggest.propagate import word_index, word_runs

# A seed name's score: below any learned name (those score more than 0.5 only when
# their annotators mostly agree) is not the point; below propagation's is.
SEED_SCORE = 0.6
# A name found behind a proclitic is a little less sure (``فعلي`` is not ``ف`` + ``علي``).
CLITIC_FACTOR = 0.9
MIN_COUNT = 2


@dataclass(frozen=True, slots=True)
class Entry:
    """What the gazetteer knows of one name."""

    label: str
    score: float
    learned: bool


def name_key(surface: str) -> str:
    """The key of a name: its words' search keys joined by one space."""
    return " ".join(normalize_for_search(surface[s:e]) for s, e in word_runs(surface))


class Gazetteer:
    """Names (by :func:`name_key`) with a label and a score."""

    def __init__(self, entries: Mapping[str, Entry] | None = None) -> None:
        self._entries: dict[str, Entry] = {k: v for k, v in (entries or {}).items() if k}
        # The most words of a name starting with each first word: how far to look ahead.
        self._longest: dict[str, int] = {}
        for key in self._entries:
            words = key.split(" ")
            self._longest[words[0]] = max(self._longest.get(words[0], 0), len(words))

    @classmethod
    def from_labelled(
        cls, pairs: Iterable[tuple[str, str]], min_count: int = MIN_COUNT
    ) -> Gazetteer:
        """Learn names from (surface, label) pairs: a name's label is the one more than
        half of its occurrences carry, if it occurs ``min_count`` times or more; its
        score is that share."""
        votes: dict[str, Counter[str]] = {}
        for surface, label in pairs:
            key = name_key(surface)
            if len(key) >= 2:
                votes.setdefault(key, Counter())[label] += 1
        entries: dict[str, Entry] = {}
        for key, counts in votes.items():
            total = sum(counts.values())
            label, agreeing = counts.most_common(1)[0]
            if total >= min_count and agreeing * 2 > total:
                entries[key] = Entry(label, round(agreeing / total, 4), learned=True)
        return cls(entries)

    def with_seed(
        self, seed: Mapping[str, str] | None = None, score: float = SEED_SCORE
    ) -> Gazetteer:
        """This gazetteer plus the seed's names it lacks (default: the CLDR seed)."""
        if seed is None:
            from corpus.clitics import seed_gazetteer

            seed = seed_gazetteer()
        entries = {
            name_key(name): Entry(label, score, learned=False) for name, label in seed.items()
        }
        entries.update(self._entries)
        return Gazetteer(entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, surface: object) -> bool:
        return isinstance(surface, str) and name_key(surface) in self._entries

    def entry(self, surface: str) -> Entry | None:
        """What the gazetteer knows of ``surface`` (any spelling the search folds alike)."""
        return self._entries.get(name_key(surface))

    def labels(self) -> dict[str, str]:
        """Name key → label, e.g. for the CRF's gazetteer features."""
        return {key: entry.label for key, entry in self._entries.items()}

    def suggest(self, doc_id: int, annotator: str, text: str) -> list[Suggestion]:
        """``gazetteer`` suggestions of one text, by start: at each word the longest
        name starting there (the word itself or its stem behind proclitics), then on
        after it."""
        index = word_index(text)
        found: list[Suggestion] = []
        n = len(index.spans)
        i = 0
        while i < n:
            best: tuple[int, int, Entry, bool] | None = None  # words, start, entry, clitic
            options = [(index.folded[i], index.spans[i][0], False)]
            options += [(key, index.spans[i][0] + cut, True) for cut, _, key in index.splits[i]]
            for first, start, clitic in options:
                longest = min(self._longest.get(first, 0), n - i)
                for words in range(longest, 0, -1):
                    if best is not None and words <= best[0]:
                        break
                    key = " ".join([first, *index.folded[i + 1 : i + words]])
                    entry = self._entries.get(key)
                    if entry is not None:
                        best = (words, start, entry, clitic)
                        break
            if best is None:
                i += 1
                continue
            words, start, entry, clitic = best
            end = index.spans[i + words - 1][1]
            score = round(entry.score * (CLITIC_FACTOR if clitic else 1.0), 4)
            proposal = Entity(str(uuid.uuid4()), doc_id, annotator, Span(start, end), entry.label)
            found.append(Suggestion(proposal, "gazetteer", score))
            i += words
        return found
