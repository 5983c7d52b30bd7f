"""CRF entity recommender: learns the corpus' accepted entities and suggests new ones.

A linear-chain CRF (sklearn-crfsuite, imported lazily) tags tokens with BIO labels.
Tokens are :func:`corpus.arabic.tokenize_with_offsets` words with their proclitics split
off by :func:`corpus.clitics.segment`, so that an entity which starts inside a
whitespace token (``لبكين`` → ``ل`` + ``بكين``) is reachable and a suggestion never
swallows a proclitic. Features per token: the search-normalised word, the stem's search
key and the proclitic split off it, prefixes and suffixes, how often the corpus writes
the word and whether it takes the article (names rarely do), how often the document
repeats it (names come back in an article), the same for two neighbours
on each side, gazetteer flags (the CLDR seed of :func:`corpus.clitics.seed_gazetteer`
plus any names passed in), and whether other documents annotate the same words.

On ANERcorp (``benches/bench_suggestions.py``: 40 pseudo-documents, ~21k tokens, to
learn from) it reaches exact-span precision ~0.73, recall ~0.44; one training of the
final model costs ~3 s of CPU, a retraining with its 5-fold check ~13 s.

:meth:`CrfRecommender.train` cross-validates by documents before training the final model,
and :attr:`CrfRecommender.useful` says whether the cross-validated precision is worth
showing an annotator; :meth:`CrfRecommender.suggest` says nothing until it is.

The recommender is a plain Python object (no Qt, no store): a GUI retrains it in a
background thread, and the trained model swaps in atomically. It pickles (the crfsuite
model file travels inside the pickle), so nothing is written to the user's disk.
"""

from __future__ import annotations

import bisect
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from corpus.arabic import normalize_for_search, tokenize_with_offsets
from corpus.clitics import Vocabulary, seed_gazetteer, segment
from corpus.model import Entity, Span
from corpus.suggest.model import Suggestion

if TYPE_CHECKING:
    from collections.abc import Callable

Features = dict[str, str | float]
# A document to learn from: its text and the annotator's accepted entities in it.
TrainingDoc = tuple[str, Sequence[Entity]]
# (start, end, label) in code points of the document's text.
LabelledSpan = tuple[int, int, str]

_SENTENCE_ENDS = frozenset(".!?؟…")
# The longest gazetteer name matched, in tokens ("جمهورية الكونغو الديمقراطية").
_MAX_NAME_TOKENS = 5


@dataclass(frozen=True, slots=True)
class Token:
    """One CRF token: a word, or the proclitic split off the front of one."""

    start: int
    end: int
    # Search-normalised surface.
    word: str
    # The stem's search key (the article restored after لل); the word itself when unsplit.
    key: str
    # The proclitic letters split off this token's word, on the stem token ("" if none).
    proclitic: str = ""
    # This token is the proclitic split off the following stem.
    is_clitic: bool = False
    # What the corpus' running text says of the key (see _usage): "" for a proclitic.
    usage: str = ""
    # How often the document has the key (up to 4): names come back in an article.
    repeats: int = 0


@dataclass(frozen=True, slots=True)
class Scores:
    """Exact-span precision, recall and F1 of one label (or all), with the gold count."""

    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True, slots=True)
class CrfReport:
    """What training measured: cross-validated exact-span figures and the training cost.

    ``folds`` is 0 when there were too few documents to cross-validate; the figures are
    then 0 and ``useful`` is False.
    """

    precision: float
    recall: float
    f1: float
    folds: int
    documents: int
    tokens: int
    entities: int
    seconds: float
    cpu_seconds: float
    useful: bool
    per_label: Mapping[str, Scores] = field(default_factory=dict)

    def summary(self) -> str:
        """One line for a status bar or a terminal."""
        if not self.folds:
            return (
                f"CRF: {self.entities} entities in {self.documents} documents, "
                "too few documents to cross-validate"
            )
        verdict = "suggesting" if self.useful else "not suggesting yet"
        return (
            f"CRF ({self.folds}-fold, {self.entities} entities): precision "
            f"{self.precision:.2f}, recall {self.recall:.2f}, F1 {self.f1:.2f}, {verdict}"
        )


def score_spans(
    gold: Iterable[Iterable[LabelledSpan]], predicted: Iterable[Iterable[LabelledSpan]]
) -> tuple[Scores, dict[str, Scores]]:
    """Micro-averaged exact-span scores over documents (same start, end and label)."""
    true_pos: Counter[str] = Counter()
    gold_count: Counter[str] = Counter()
    pred_count: Counter[str] = Counter()
    for gold_doc, pred_doc in zip(gold, predicted, strict=True):
        gold_set, pred_set = set(gold_doc), set(pred_doc)
        gold_count.update(label for _, _, label in gold_set)
        pred_count.update(label for _, _, label in pred_set)
        true_pos.update(label for _, _, label in gold_set & pred_set)

    def scores(tp: int, n_gold: int, n_pred: int) -> Scores:
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return Scores(precision, recall, f1, n_gold)

    per_label = {
        label: scores(true_pos[label], gold_count[label], pred_count[label])
        for label in sorted(gold_count | pred_count)
    }
    total = scores(true_pos.total(), gold_count.total(), pred_count.total())
    return total, per_label


class CrfRecommender:
    """Entity suggestions from a CRF trained on the corpus' accepted annotations.

    ``gazetteer`` maps search-normalised names (one or more words) to labels; its names
    become features. Pass names known independently of the training annotations (a
    list the user imported, another corpus): names drawn from the very annotations the
    CRF learns from teach it to trust the flag, and inflate the cross-validated figures.
    ``use_seed`` adds the CLDR seed gazetteer.
    """

    def __init__(
        self,
        gazetteer: Mapping[str, str] | None = None,
        *,
        use_seed: bool = True,
        folds: int = 5,
        min_precision: float = 0.7,
        min_entities: int = 50,
        c1: float = 0.05,
        c2: float = 0.05,
        max_iterations: int = 60,
    ) -> None:
        names = dict(seed_gazetteer()) if use_seed else {}
        names.update(gazetteer or {})
        self._gazetteer = {normalize_for_search(name): label for name, label in names.items()}
        self.folds = folds
        self.min_precision = min_precision
        self.min_entities = min_entities
        self.c1 = c1
        self.c2 = c2
        self.max_iterations = max_iterations
        self._lock = threading.Lock()
        # A crfsuite tagger holds one sequence at a time: one tagging of the model at a time.
        self._tagging = threading.Lock()
        self._model: _Trained | None = None
        self._vocabulary: Vocabulary | None = None
        self._report: CrfReport | None = None

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        del state["_lock"], state["_tagging"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()
        self._tagging = threading.Lock()

    @property
    def report(self) -> CrfReport | None:
        """The report of the last training, None before any."""
        return self._report

    @property
    def useful(self) -> bool:
        """Whether the last training's cross-validated precision is worth showing."""
        return self._report is not None and self._report.useful

    # -- training -------------------------------------------------------------------

    def train(
        self,
        docs: Sequence[TrainingDoc],
        progress: Callable[[int, int], None] | None = None,
    ) -> CrfReport:
        """Cross-validate by documents, then train on all of ``docs``; returns the report.

        k-fold (``folds``, at most one fold per distinct text) over the documents in their
        order, copies of one text in the same fold: each fold's documents are tagged by a
        model trained on the others and scored on exact spans. ``progress(done, total)``
        is called after each model (``folds + 1`` of them). Entities outside their text
        are ignored. The previous model keeps suggesting until the new one is ready.
        """
        wall, cpu = time.perf_counter(), time.process_time()
        texts = [text for text, _ in docs]
        gold = [_clean_entities(text, entities) for text, entities in docs]
        n_entities = sum(len(spans) for spans in gold)
        base_words = _word_counts(texts)
        # The same text twice (two annotators' work) stays in one fold: a model must not
        # be scored on a text it learnt from.
        group_of_text: dict[str, int] = {}
        groups = [group_of_text.setdefault(text, len(group_of_text)) for text in texts]
        k = min(self.folds, len(group_of_text)) if n_entities else 0
        k = k if k >= 2 else 0
        total_models = k + 1
        fold_of = [group * k // len(group_of_text) for group in groups] if k else []

        predicted: list[list[LabelledSpan]] = [[] for _ in docs]
        for fold in range(k):
            train_idx = [i for i in range(len(docs)) if fold_of[i] != fold]
            test_idx = [i for i in range(len(docs)) if fold_of[i] == fold]
            vocabulary = _vocabulary(base_words, (docs[i] for i in train_idx))
            model = self._fit(
                [_tokenize(texts[i], vocabulary) for i in train_idx],
                [gold[i] for i in train_idx],
            )
            for i in test_idx:
                predicted[i] = [
                    (s, e, label)
                    for s, e, label, _ in self._tag(model, _tokenize(texts[i], vocabulary))
                ]
            if progress is not None:
                progress(fold + 1, total_models)

        vocabulary = _vocabulary(base_words, docs)
        tokenized = [_tokenize(text, vocabulary) for text in texts]
        final = self._fit(tokenized, gold) if n_entities else None
        if progress is not None:
            progress(total_models, total_models)

        if k:
            total, per_label = score_spans(gold, predicted)
        else:
            total, per_label = Scores(0.0, 0.0, 0.0, n_entities), {}
        useful = bool(
            k and n_entities >= self.min_entities and total.precision >= self.min_precision
        )
        report = CrfReport(
            precision=total.precision,
            recall=total.recall,
            f1=total.f1,
            folds=k,
            documents=len(docs),
            tokens=sum(len(sentence) for doc in tokenized for sentence in doc),
            entities=n_entities,
            seconds=time.perf_counter() - wall,
            cpu_seconds=time.process_time() - cpu,
            useful=useful,
            per_label=per_label,
        )
        with self._lock:
            self._model, self._vocabulary, self._report = final, vocabulary, report
        return report

    def _fit(
        self, tokenized: Sequence[list[list[Token]]], gold: Sequence[list[LabelledSpan]]
    ) -> _Trained:
        import sklearn_crfsuite  # a second of import: only when training

        # The names each document's annotations teach, for the "annotated elsewhere"
        # feature: on a training document it comes from the *other* documents only, as it
        # will on a new one (from its own, the feature would be right every time in
        # training and the CRF would learn to trust it blindly).
        taught = [
            _taught(sentences, spans) for sentences, spans in zip(tokenized, gold, strict=True)
        ]
        everything: Counter[tuple[str, str]] = Counter()
        for counts in taught:
            everything.update(counts)
        xs: list[list[Features]] = []
        ys: list[list[str]] = []
        for sentences, spans, own in zip(tokenized, gold, taught, strict=True):
            elsewhere = _majority(everything - own)
            tags = _bio_tags(sentences, spans)
            for sentence, sentence_tags in zip(sentences, tags, strict=True):
                xs.append(self._features(sentence, elsewhere))
                ys.append(sentence_tags)
        model = sklearn_crfsuite.CRF(
            algorithm="lbfgs",
            c1=self.c1,
            c2=self.c2,
            max_iterations=self.max_iterations,
            all_possible_transitions=True,
        )
        model.fit(xs, ys)
        return _Trained(model, _majority(everything))

    # -- suggesting -----------------------------------------------------------------

    def predict(self, text: str) -> list[tuple[int, int, str, float]]:
        """Entities the model finds in ``text``: ``(start, end, label, score)``, by start.

        The score is the smallest marginal probability of the span's tags. Empty before
        training; unlike :meth:`suggest`, it does not wait for the model to be useful.
        """
        with self._lock:
            model, vocabulary = self._model, self._vocabulary
        if model is None or vocabulary is None:
            return []
        sentences = _tokenize(text, vocabulary, Vocabulary.from_texts([text]))
        with self._tagging:
            return self._tag(model, sentences)

    def suggest(self, doc_id: int, annotator: str, text: str) -> list[Suggestion]:
        """The model's entities in one document as ``crf`` suggestions for ``annotator``.

        Nothing until cross-validation says the model is useful (:attr:`useful`).
        """
        if not self.useful:
            return []
        return [
            Suggestion(
                Entity(str(uuid.uuid4()), doc_id, annotator, Span(start, end), label),
                "crf",
                score,
            )
            for start, end, label, score in self.predict(text)
        ]

    def _tag(
        self, model: _Trained, sentences: list[list[Token]]
    ) -> list[tuple[int, int, str, float]]:
        found: list[tuple[int, int, str, float]] = []
        for sentence in sentences:
            if not sentence:
                continue
            features = self._features(sentence, model.names)
            tags = model.crf.predict_single(features)
            marginals = model.crf.predict_marginals_single(features)
            found.extend(_spans_of(sentence, tags, marginals))
        return found

    # -- features -------------------------------------------------------------------

    def _features(self, sentence: list[Token], annotated: Mapping[str, str]) -> list[Features]:
        gazetteer = _gazetteer_flags(sentence, self._gazetteer)
        elsewhere = _gazetteer_flags(sentence, annotated)
        own = [_token_features(token) for token in sentence]
        rows: list[Features] = []
        for i, token_features in enumerate(own):
            row: Features = {"bias": 1.0, **token_features}
            if gazetteer[i]:
                row["gaz"] = gazetteer[i]
                row["gaz.label"] = gazetteer[i][2:]
            if elsewhere[i]:
                row["annotated"] = elsewhere[i]
            for offset in (-2, -1, 1, 2):
                j = i + offset
                if 0 <= j < len(sentence):
                    near = own[j]
                    row[f"{offset}:k"] = near["k"]
                    row[f"{offset}:s2"] = near["s2"]
                    if "clitic" in near:
                        row[f"{offset}:clitic"] = near["clitic"]
                    if gazetteer[j]:
                        row[f"{offset}:gaz"] = gazetteer[j]
                elif offset in (-1, 1):
                    row[f"{offset}:k"] = "<s>" if offset < 0 else "</s>"
            rows.append(row)
        return rows


@dataclass(frozen=True, slots=True)
class _Trained:
    """A trained CRF and the names its training annotations taught (key → label)."""

    crf: Any
    names: Mapping[str, str]


def _taught(
    sentences: list[list[Token]], spans: Sequence[LabelledSpan]
) -> Counter[tuple[str, str]]:
    """(search key of the entity's words, label) of each entity of one document."""
    counts: Counter[tuple[str, str]] = Counter()
    tokens = [token for sentence in sentences for token in sentence if not token.is_clitic]
    starts = [token.start for token in tokens]
    for start, end, label in spans:
        at = bisect.bisect_left(starts, start)
        if at > 0 and tokens[at - 1].end > start:
            at -= 1
        words = []
        while at < len(tokens) and tokens[at].start < end:
            words.append(tokens[at].key)
            at += 1
        if words:
            counts[" ".join(words), label] += 1
    return counts


def _majority(counts: Counter[tuple[str, str]]) -> dict[str, str]:
    """Each key's label when more than half of its annotations agree on it."""
    by_key: dict[str, Counter[str]] = {}
    for (key, label), n in counts.items():
        if n > 0:
            by_key.setdefault(key, Counter())[label] += n
    names = {}
    for key, labels in by_key.items():
        label, n = labels.most_common(1)[0]
        if 2 * n > labels.total():
            names[key] = label
    return names


def _token_features(token: Token) -> dict[str, str]:
    key = token.key
    features = {
        "w": token.word,
        "k": key,
        "p2": key[:2],
        "p3": key[:3],
        "s2": key[-2:],
        "s3": key[-3:],
        "shape": _shape(key),
        "len": str(min(len(key), 8)),
    }
    if token.is_clitic:
        features["clitic"] = token.word
    if token.proclitic:
        features["pro"] = token.proclitic
    if token.usage:
        features["freq"] = token.usage[:-1]
        features["usage"] = token.usage
        features["repeats"] = str(token.repeats)
        features["article"] = token.usage[-1]
    if key.startswith("ال") and len(key) > 3:
        features["al"] = "1"
        features["k-al"] = key[2:]
    return features


def _shape(word: str) -> str:
    if word.isdigit():
        return "digit"
    if all(not ch.isalnum() for ch in word):
        return "punct"
    if any("a" <= ch <= "z" for ch in word):
        return "latin"
    return "word"


def _gazetteer_flags(sentence: list[Token], names: Mapping[str, str]) -> list[str]:
    """``B-LABEL``/``I-LABEL`` on tokens of the longest gazetteer names; proclitics skipped."""
    flags = [""] * len(sentence)
    if not names:
        return flags
    words = [i for i, token in enumerate(sentence) if not token.is_clitic]
    at = 0
    while at < len(words):
        for n in range(min(_MAX_NAME_TOKENS, len(words) - at), 0, -1):
            label = names.get(" ".join(sentence[words[at + m]].key for m in range(n)))
            if label is not None:
                flags[words[at]] = "B-" + label
                for m in range(1, n):
                    flags[words[at + m]] = "I-" + label
                at += n
                break
        else:
            at += 1
    return flags


# -- tokens and tags ------------------------------------------------------------------


def _word_counts(texts: Iterable[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(text[s:e] for s, e in tokenize_with_offsets(text))
    return counts


def _vocabulary(words: Counter[str], docs: Iterable[TrainingDoc]) -> Vocabulary:
    """The corpus' words plus the entities of ``docs``: the stems a split may leave."""
    vocabulary = Vocabulary()
    for word, count in words.items():
        vocabulary.add(word, count)
    for text, entities in docs:
        for start, end, _ in _clean_entities(text, entities):
            vocabulary.add_entity(text[start:end])
    return vocabulary


def _tokenize(
    text: str, vocabulary: Vocabulary, extra: Vocabulary | None = None
) -> list[list[Token]]:
    """Sentences of tokens, proclitics split off where the segmenter accepts the split.

    ``extra`` is a second vocabulary tried when ``vocabulary`` accepts no split (the
    document's own words, at suggestion time).
    """
    sentences: list[list[Token]] = []
    sentence: list[Token] = []
    previous_end = 0
    for start, end in tokenize_with_offsets(text):
        if sentence and "\n" in text[previous_end:start]:
            sentences.append(sentence)
            sentence = []
        previous_end = end
        word = text[start:end]
        split = segment(word, vocabulary)
        if split.stem_start == 0 and extra is not None:
            split = segment(word, extra)
        if 0 < split.stem_start < len(word):
            cut = start + split.stem_start
            proclitic = normalize_for_search(word[: split.stem_start])
            sentence.append(Token(start, cut, proclitic, proclitic, is_clitic=True))
            stem = normalize_for_search(word[split.stem_start :])
            key = split.key or stem
            usage = _usage(key, vocabulary, extra)
            sentence.append(Token(cut, end, stem, key, proclitic=proclitic, usage=usage))
        else:
            folded = normalize_for_search(word)
            usage = _usage(folded, vocabulary, extra)
            sentence.append(Token(start, end, folded, folded, usage=usage))
        if word in _SENTENCE_ENDS:
            sentences.append(sentence)
            sentence = []
    if sentence:
        sentences.append(sentence)
    in_document = Counter(token.key for sentence in sentences for token in sentence)
    return [
        [
            token if token.is_clitic else replace(token, repeats=min(in_document[token.key], 4))
            for token in sentence
        ]
        for sentence in sentences
    ]


def _usage(key: str, vocabulary: Vocabulary, extra: Vocabulary | None) -> str:
    """How often the corpus writes the key (a power of two), and whether it takes the article.

    Common words are rarely names, and names rarely take the article: ``بوتين`` is never
    ``البوتين``, while ``رئيس`` is often ``الرئيس``. Counts come from unlabelled running
    text, so they are fair to use on held-out documents too.
    """

    def count(word: str) -> int:
        return vocabulary.count(word) + (extra.count(word) if extra is not None else 0)

    frequency = min(count(key).bit_length(), 12)
    has_article = key.startswith("ال") and len(key) > 3
    other = count(key[2:]) if has_article else count("ال" + key)
    return f"{frequency}{'+' if other else '-'}"


def _clean_entities(text: str, entities: Sequence[Entity]) -> list[LabelledSpan]:
    """The entities inside the text, by start, without ones overlapping an earlier one."""
    spans: list[LabelledSpan] = []
    last_end = 0
    for entity in sorted(entities, key=lambda e: (e.span.start, -e.span.end)):
        start, end = entity.span.start, entity.span.end
        if end > len(text) or start < last_end:
            continue
        spans.append((start, end, entity.label))
        last_end = end
    return spans


def _bio_tags(sentences: list[list[Token]], spans: Sequence[LabelledSpan]) -> list[list[str]]:
    """BIO tags of the tokens: a token is inside an entity when its start is.

    An entity that starts inside a token (a split the segmenter did not make) tags that
    whole token, so the CRF learns the nearest reachable span rather than nothing.
    """
    tags: list[list[str]] = []
    index = 0
    for sentence in sentences:
        sentence_tags = []
        for token in sentence:
            while index < len(spans) and spans[index][1] <= token.start:
                index += 1
            tag = "O"
            if index < len(spans):
                start, end, label = spans[index]
                if token.start <= start < token.end:
                    tag = "B-" + label
                elif start < token.start < end:
                    tag = "I-" + label
            sentence_tags.append(tag)
        tags.append(sentence_tags)
    return tags


def _spans_of(
    sentence: list[Token], tags: Sequence[str], marginals: Sequence[Mapping[str, float]]
) -> list[tuple[int, int, str, float]]:
    """Entities of one tagged sentence; an ``I-`` without its ``B-`` starts one."""
    found: list[tuple[int, int, str, float]] = []
    current: list[Any] | None = None  # [start, end, label, score]
    for token, tag, marginal in zip(sentence, tags, marginals, strict=True):
        probability = float(marginal.get(tag, 0.0))
        if tag == "O":
            current = None
            continue
        position, label = tag[0], tag[2:]
        if position == "I" and current is not None and current[2] == label:
            current[1] = token.end
            current[3] = min(current[3], probability)
            found[-1] = (current[0], current[1], current[2], current[3])
            continue
        current = [token.start, token.end, label, probability]
        found.append((token.start, token.end, label, probability))
    return found
