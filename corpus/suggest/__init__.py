"""Suggestions: annotations proposed by rules and recommenders, for an annotator to accept.

:func:`suggest` runs the named sources over documents and stores what they propose
(:meth:`corpus.store.Store.add_suggestions`); each source replaces its own earlier open
suggestions. The sources:

- ``propagate`` (:mod:`corpus.suggest.propagate`): the annotator's entities at their
  other mentions in the same document;
- ``gazetteer`` (:mod:`corpus.suggest.gazetteer`): names the corpus labelled before
  (done and in-progress work of every annotator) and the CLDR seed;
- ``quotes`` (``corpus.suggest.quotes.find_quotes``): reporting-verb rules;
- ``crf`` (``corpus.suggest.crf.CrfRecommender``): trained here on the corpus' done and
  in-progress entities; it suggests only once its cross-validated precision is useful;
- ``camel-ner`` (``corpus.suggest.camel_ner``): camel-tools' NER model, when installed.

The optional ones are imported only when asked for; one that is missing or unusable
stores nothing and says why (:attr:`SuggestionRun.notes`), the others still run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from corpus.errors import UsageError, UserError
from corpus.model import Entity, Quote
from corpus.suggest.model import SOURCES, Suggestion, without_overlaps

if TYPE_CHECKING:
    from corpus.store import Store

# One source's work on one document: (document id, text, the annotator's annotations).
Recommend = Callable[[int, str, Sequence[Entity | Quote]], list[Suggestion]]


class SuggestionRun(dict[str, int]):
    """Suggestions stored, per source asked for; ``notes`` says, per source, why it
    stored nothing at all (not installed, not useful yet...)."""

    def __init__(self, sources: Iterable[str]) -> None:
        super().__init__(dict.fromkeys(sources, 0))
        self.notes: dict[str, str] = {}

    @property
    def ran(self) -> list[str]:
        """The sources that could run."""
        return [source for source in self if source not in self.notes]


def parse_sources(text: str | Iterable[str]) -> tuple[str, ...]:
    """``"propagate,gazetteer"`` (or a list) → the sources, in the order given, once each.

    Raises:
        UsageError: an unknown source (named) or none at all.
    """
    names = text.split(",") if isinstance(text, str) else list(text)
    wanted = [name.strip() for name in names if name.strip()]
    unknown = [name for name in wanted if name not in SOURCES]
    if unknown:
        raise UsageError(
            f"unknown suggestion source {unknown[0]!r}: the sources are {', '.join(SOURCES)} "
            "(comma-separated)"
        )
    if not wanted:
        raise UsageError(f"name at least one suggestion source ({', '.join(SOURCES)})")
    return tuple(dict.fromkeys(wanted))


def suggest(
    store: Store,
    doc_ids: Iterable[int],
    annotator: str,
    sources: str | Iterable[str],
    progress: Callable[[int], None] | None = None,
    *,
    across_documents: bool = False,
) -> SuggestionRun:
    """Run ``sources`` over the documents for ``annotator`` and store the suggestions.

    Suggestions overlapping one of the annotator's annotations of the same layer are
    not stored. ``progress`` is called with the number of documents done. With
    ``across_documents``, propagation also suggests, in each document, the names the
    annotator tagged in any other document. Returns the count stored per source (a
    dict), with notes for the sources that could not run.

    Raises:
        UsageError: an unknown source.
        NotFoundError: an unknown document.
    """
    from corpus.store import annotator_name

    name = annotator_name(annotator)
    run = SuggestionRun(parse_sources(sources))
    ids = list(doc_ids)
    recommenders: dict[str, Recommend] = {}
    for source in run:
        try:
            recommenders[source] = _recommender(store, source, name, across_documents)
        except _Unavailable as exc:
            run.notes[source] = str(exc)
    for done, doc_id in enumerate(ids, 1):
        _suggest_in(store, doc_id, name, recommenders, run)
        if progress is not None:
            progress(done)
    return run


def _suggest_in(
    store: Store, doc_id: int, name: str, recommenders: dict[str, Recommend], run: SuggestionRun
) -> None:
    """Store each recommender's suggestions in one document (none overlapping the
    annotator's own annotations of their layer), counted in ``run``."""
    doc = store.document(doc_id)
    own = [a for a in store.annotations(doc_id, name) if isinstance(a, Entity | Quote)]
    for source, recommend in recommenders.items():
        found = without_overlaps(recommend(doc_id, doc.text, own), own)
        run[source] += store.add_suggestions(doc_id, name, found, replacing=[source])


class FirstLook:
    """The suggestions a document gets when its annotator first opens it: the
    gazetteer's names (learned from the corpus once, kept until a new FirstLook) and the
    quote rules. The window runs it in the background on each document new to its
    annotator."""

    SOURCES = ("gazetteer", "quotes")

    def __init__(self, annotator: str) -> None:
        from corpus.store import annotator_name

        self.annotator = annotator_name(annotator)
        self._recommenders: dict[str, Recommend] | None = None
        self.notes: dict[str, str] = {}
        self._looked: set[int] = set()

    def wants(self, store: Store, doc_id: int) -> bool:
        """Whether the document is new to the annotator: not looked at by this
        FirstLook, not started, and nothing suggested to them in it yet (in any state, so
        that rejections stay respected and a source run by hand is not replaced)."""
        return (
            doc_id not in self._looked
            and store.status(doc_id, self.annotator) == "todo"
            and not store.suggestions(doc_id, self.annotator, "all", limit=1)
        )

    def run(self, store: Store, doc_id: int) -> SuggestionRun:
        """Store the sources' suggestions in the document; the count per source, with
        notes for those that cannot run."""
        if self._recommenders is None:
            recommenders: dict[str, Recommend] = {}
            for source in self.SOURCES:
                try:
                    recommenders[source] = _recommender(store, source, self.annotator, False)
                except _Unavailable as exc:
                    self.notes[source] = str(exc)
            self._recommenders = recommenders
        run = SuggestionRun(self.SOURCES)
        run.notes.update(self.notes)
        self._looked.add(doc_id)
        _suggest_in(store, doc_id, self.annotator, self._recommenders, run)
        return run


class _Unavailable(Exception):
    """A source that cannot run here; the message says why and what to do."""


def _recommender(store: Store, source: str, annotator: str, across: bool) -> Recommend:
    if source == "propagate":
        return _propagate(store, annotator, across)
    if source == "gazetteer":
        return _gazetteer(store, annotator)
    if source == "quotes":
        return _quotes(annotator)
    if source == "crf":
        return _crf(store, annotator)
    return _camel_ner(store, annotator)


def _propagate(store: Store, annotator: str, across: bool) -> Recommend:
    from collections import Counter

    from corpus.clitics import Vocabulary
    from corpus.suggest.propagate import labels_of, propagate

    known: dict[tuple[str, ...], Counter[str]] = {}
    if across:
        for item in store.iter_annotated(annotator, "any", ("entity",)):
            entities = [a for a in item.annotations if isinstance(a, Entity)]
            for key, counts in labels_of(item.document.text, entities).items():
                known.setdefault(key, Counter()).update(counts)

    def recommend(doc_id: int, text: str, own: Sequence[Entity | Quote]) -> list[Suggestion]:
        entities = [a for a in own if isinstance(a, Entity)]
        # The text's words only: with the names in it the segmenter would take every
        # split before a name, and a doubtful one (بلي for لي) would look sure.
        vocabulary = Vocabulary.from_texts([text])
        if not known:
            return propagate(doc_id, annotator, text, entities, vocabulary)
        # This document's own names are counted by propagate itself: not twice.
        here = labels_of(text, entities)
        elsewhere = {k: v - here.get(k, Counter()) for k, v in known.items()}
        return propagate(
            doc_id, annotator, text, entities, vocabulary, {k: v for k, v in elsewhere.items() if v}
        )

    return recommend


def _gazetteer(store: Store, annotator: str) -> Recommend:
    from corpus.suggest.gazetteer import Gazetteer

    try:
        gazetteer = Gazetteer.from_labelled(store.labelled_surfaces()).with_seed()
    except ImportError as exc:  # babel, for the CLDR seed
        gazetteer = Gazetteer.from_labelled(store.labelled_surfaces())
        if not len(gazetteer):
            raise _Unavailable(
                f"no names learned yet and the CLDR seed needs babel ({exc}); pip install babel"
            ) from exc

    def recommend(doc_id: int, text: str, own: Sequence[Entity | Quote]) -> list[Suggestion]:
        return gazetteer.suggest(doc_id, annotator, text)

    return recommend


def _quotes(annotator: str) -> Recommend:
    try:
        from corpus.suggest.quotes import find_quotes
    except ImportError as exc:
        raise _Unavailable(f"the quote rules are not installed ({exc})") from exc

    def recommend(doc_id: int, text: str, own: Sequence[Entity | Quote]) -> list[Suggestion]:
        return find_quotes(doc_id, annotator, text)

    return recommend


def _crf(store: Store, annotator: str) -> Recommend:
    try:
        from corpus.suggest.crf import CrfRecommender
    except ImportError as exc:
        raise _Unavailable(
            f"the CRF recommender needs sklearn-crfsuite ({exc}); pip install sklearn-crfsuite"
        ) from exc
    docs = [
        (item.document.text, [a for a in item.annotations if isinstance(a, Entity)])
        for item in store.iter_annotated(None, "any", ("entity",))
        if item.status in ("done", "in_progress") and item.annotations
    ]
    recommender = CrfRecommender()
    try:
        report = recommender.train(docs)
    except ImportError as exc:
        raise _Unavailable(
            f"the CRF recommender needs sklearn-crfsuite ({exc}); pip install sklearn-crfsuite"
        ) from exc
    if not recommender.useful:
        raise _Unavailable(f"not suggesting yet: {report.summary()}")

    def recommend(doc_id: int, text: str, own: Sequence[Entity | Quote]) -> list[Suggestion]:
        return recommender.suggest(doc_id, annotator, text)

    return recommend


def _camel_ner(store: Store, annotator: str) -> Recommend:
    try:
        from corpus.suggest.camel_ner import CamelNer
    except ImportError as exc:
        raise _Unavailable(f"camel-tools NER is not installed ({exc})") from exc
    try:
        ner = CamelNer.load(labels=store.schema.labels_of("entity"))
    except UserError as exc:  # CamelNerUnavailable: says how to install
        raise _Unavailable(str(exc)) from exc

    def recommend(doc_id: int, text: str, own: Sequence[Entity | Quote]) -> list[Suggestion]:
        return ner.suggest(doc_id, annotator, text)

    return recommend
