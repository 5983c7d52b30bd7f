"""Suggestion quality on ANERcorp: propagation + gazetteer, and the CRF recommender.

Data: the CAMeL Lab test split of ANERcorp (``../shared/data/anercorp-camel-lab``, read
its SOURCE.md): 925 sentences, 25,008 whitespace tokens, tags PERS/LOC/ORG/MISC with the
clitics left attached (``لبكين B-LOC``). The split keeps no article boundaries, so the
sentences, in file order, are cut into ``--docs`` (default 50) pseudo-documents of
consecutive sentences (sentence ``i`` of ``n`` goes to chunk ``i * docs // n``: ~18-19
sentences, ~500 tokens each). A document's text is its sentences' tokens joined by one
space, sentences joined by a newline; gold entities are the BIO runs (an ``I-`` after
``O`` or another type starts an entity, as SOURCE.md counts 2,285), PERS renamed PER.

Folds: k-fold (``--folds``, default 5) over the pseudo-documents, contiguous chunks.

Scoring: seqeval (exact spans, micro average) on ANERcorp's own whitespace tokens. Our
suggestions are stored in Tawsim's convention (no proclitic inside an entity: ``بكين``
of ``لبكين``), so each predicted span is widened back to the whitespace tokens it touches
before comparison, the way ``--tagset anercorp`` exports; a wrong split therefore costs
nothing here and a wrong boundary between words costs the whole entity.

(a) propagation + gazetteer. For each test document, the annotator is taken to have
annotated the *first* mention of each distinct entity (same search key and label) and
nothing else. Suggestions are then ``corpus.suggest.propagate.propagate`` from those
first mentions plus a ``corpus.suggest.gazetteer.Gazetteer`` built from the gold
entities of the training folds with the CLDR seed (seed GPE counts as LOC, ANERcorp's
type for places); where both suggest overlapping spans, propagation wins. They are
scored against the gold entities *other than* the first mentions (those were typed by
hand, not suggested), with the first mentions removed from both sides. The row
"gazetteer (new doc)" is the gazetteer alone on a document nobody has touched, scored
against all of its gold entities.

(b) CRF: ``corpus.suggest.crf.CrfRecommender`` trained on the training folds' gold
(converted to Tawsim's convention by ``corpus.clitics.stem_span``), predicting every
entity of the test document, scored against all of its gold entities. Its training
time (wall and CPU, with its own internal cross-validation switched off) and the load
average are printed beside, with, trained just before it in every fold (A B A B), a
baseline: the plainest crfsuite CRF (ANERcorp's whole tokens and tags, the word and its
two neighbours, the same settings), what our features and clitic splits buy and cost.

``python benches/bench_suggestions.py [--quick] [--docs N] [--folds K]``; ``--quick`` uses
the first 10 pseudo-documents and 2 folds.
"""

from __future__ import annotations

import argparse
import bisect
import os
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from corpus.arabic import normalize_for_search  # noqa: E402
from corpus.clitics import Vocabulary, segment, stem_span  # noqa: E402 - after the path
from corpus.model import Entity, Span  # noqa: E402
from corpus.suggest.crf import CrfRecommender  # noqa: E402

ANERCORP = REPO.parent / "shared" / "data" / "anercorp-camel-lab" / "ANERCorp_CamelLab_test.txt"


@dataclass(frozen=True)
class PseudoDoc:
    """A chunk of ANERcorp sentences: its text, token spans, gold BIO tags per sentence."""

    text: str
    # Per sentence: the (start, end) of each whitespace token in ``text``.
    tokens: list[list[tuple[int, int]]]
    tags: list[list[str]]


def read_anercorp(path: Path) -> list[tuple[list[str], list[str]]]:
    """Sentences of (tokens, tags); the last sentence kept although the file lacks a newline."""
    sentences: list[tuple[list[str], list[str]]] = []
    words: list[str] = []
    tags: list[str] = []
    for line_number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if not line.strip():
            if words:
                sentences.append((words, tags))
            words, tags = [], []
            continue
        parts = line.split(" ")
        if len(parts) != 2:
            print(f"{path}:{line_number}: expected 'TOKEN TAG', skipped", file=sys.stderr)
            continue
        words.append(parts[0])
        tags.append(parts[1].replace("PERS", "PER"))
    if words:
        sentences.append((words, tags))
    return sentences


def pseudo_docs(sentences: list[tuple[list[str], list[str]]], n_docs: int) -> list[PseudoDoc]:
    """Consecutive sentences cut into ``n_docs`` chunks (sentence i → chunk i*n_docs//len)."""
    chunks: list[list[tuple[list[str], list[str]]]] = [[] for _ in range(n_docs)]
    for i, sentence in enumerate(sentences):
        chunks[i * n_docs // len(sentences)].append(sentence)
    docs = []
    for chunk in chunks:
        lines, spans, tags = [], [], []
        offset = 0
        for words, sentence_tags in chunk:
            sentence_spans = []
            for word in words:
                sentence_spans.append((offset, offset + len(word)))
                offset += len(word) + 1
            lines.append(" ".join(words))
            spans.append(sentence_spans)
            tags.append(sentence_tags)
        docs.append(PseudoDoc("\n".join(lines), spans, tags))
    return docs


# -- gold entities in both conventions ------------------------------------------------

Labelled = tuple[int, int, str]


def gold_spans(doc: PseudoDoc) -> list[Labelled]:
    """ANERcorp's entities as whole-token spans; an I- after O or another type starts one."""
    spans: list[Labelled] = []
    for sentence_tokens, sentence_tags in zip(doc.tokens, doc.tags, strict=True):
        current: list[Any] | None = None
        for (start, end), tag in zip(sentence_tokens, sentence_tags, strict=True):
            if tag == "O":
                current = None
                continue
            label = tag[2:]
            if tag.startswith("I-") and current is not None and current[2] == label:
                current[1] = end
                spans[-1] = (current[0], end, label)
                continue
            current = [start, end, label]
            spans.append((start, end, label))
    return spans


def stem_convention(text: str, spans: list[Labelled], vocabulary: Vocabulary) -> list[Labelled]:
    """The spans as Tawsim stores them: the first word's proclitics left out."""
    out = []
    for start, end, label in spans:
        stem_start, _ = stem_span(text, start, end, vocabulary)
        out.append((stem_start, end, label))
    return out


def token_tags(doc: PseudoDoc, spans: Iterable[Labelled]) -> list[list[str]]:
    """IOB2 tags of ANERcorp's whitespace tokens; a span covers every token it touches.

    Overlapping spans: the first (by start) keeps its tokens.
    """
    tokens = [token for sentence in doc.tokens for token in sentence]
    starts = [s for s, _ in tokens]
    flat = ["O"] * len(tokens)
    for start, end, label in sorted(spans):
        first = bisect.bisect_right(starts, start) - 1
        if first < 0 or tokens[first][1] <= start:
            first += 1
        covered = [i for i in range(max(first, 0), len(tokens)) if tokens[i][0] < end]
        if not covered or any(flat[i] != "O" for i in covered):
            continue
        flat[covered[0]] = "B-" + label
        for i in covered[1:]:
            flat[i] = "I-" + label
    tags, at = [], 0
    for sentence in doc.tokens:
        tags.append(flat[at : at + len(sentence)])
        at += len(sentence)
    return tags


def to_entities(doc_id: int, spans: Iterable[Labelled]) -> list[Entity]:
    return [
        Entity(f"gold-{doc_id}-{i}", doc_id, "bench", Span(s, e), label)
        for i, (s, e, label) in enumerate(spans)
    ]


# -- the two ways of suggesting -------------------------------------------------------


def first_mentions(text: str, spans: list[Labelled]) -> list[Labelled]:
    """The first mention of each distinct entity (same search key of its words and label)."""
    seen: set[tuple[str, str]] = set()
    firsts = []
    for start, end, label in sorted(spans):
        key = (" ".join(segment(w).key for w in text[start:end].split()), label)
        if key not in seen:
            seen.add(key)
            firsts.append((start, end, label))
    return firsts


def without_overlaps(preferred: list[Labelled], others: list[Labelled]) -> list[Labelled]:
    kept = list(preferred)
    for span in others:
        if not any(span[0] < e and s < span[1] for s, e, _ in kept):
            kept.append(span)
    return sorted(kept)


def score(gold: list[list[list[str]]], predicted: list[list[list[str]]]) -> dict[str, float]:
    from seqeval.metrics import f1_score, precision_score, recall_score
    from seqeval.scheme import IOB2

    y_true = [sentence for doc in gold for sentence in doc]
    y_pred = [sentence for doc in predicted for sentence in doc]
    options: dict[str, Any] = {"mode": "strict", "scheme": IOB2, "zero_division": 0}
    return {
        "precision": precision_score(y_true, y_pred, **options),
        "recall": recall_score(y_true, y_pred, **options),
        "f1": f1_score(y_true, y_pred, **options),
        "gold": sum(tag.startswith("B-") for sentence in y_true for tag in sentence),
        "suggested": sum(tag.startswith("B-") for sentence in y_pred for tag in sentence),
    }


def _baseline_features(words: list[str]) -> list[dict[str, str | float]]:
    folded = [normalize_for_search(word) for word in words]
    rows: list[dict[str, str | float]] = []
    for i, word in enumerate(folded):
        row: dict[str, str | float] = {"bias": 1.0, "w": word}
        row["-1:w"] = folded[i - 1] if i else "<s>"
        row["+1:w"] = folded[i + 1] if i + 1 < len(folded) else "</s>"
        rows.append(row)
    return rows


def train_baseline(docs: list[PseudoDoc]) -> Any:
    """The plainest CRF: ANERcorp's own tokens and tags, the word and its two neighbours,
    with the same crfsuite settings as ours. What our features and clitic splits add."""
    import sklearn_crfsuite

    defaults = CrfRecommender()
    xs, ys = [], []
    for doc in docs:
        for tokens, tags in zip(doc.tokens, doc.tags, strict=True):
            xs.append(_baseline_features([doc.text[s:e] for s, e in tokens]))
            ys.append(tags)
    model = sklearn_crfsuite.CRF(
        algorithm="lbfgs",
        c1=defaults.c1,
        c2=defaults.c2,
        max_iterations=defaults.max_iterations,
        all_possible_transitions=True,
    )
    model.fit(xs, ys)
    return model


def baseline_tags(model: Any, doc: PseudoDoc) -> list[list[str]]:
    tags = [
        list(model.predict_single(_baseline_features([doc.text[s:e] for s, e in tokens])))
        for tokens in doc.tokens
    ]
    return token_tags(doc, gold_spans(PseudoDoc(doc.text, doc.tokens, tags)))


def main(quick: bool = False, docs: int = 50, folds: int = 5) -> list[dict[str, Any]]:
    if not ANERCORP.exists():
        print(f"ANERcorp not found at {ANERCORP}: nothing to measure")
        return []
    from corpus.suggest.propagate import propagate

    try:
        from corpus.suggest.gazetteer import Gazetteer
    except ImportError:
        Gazetteer = None  # not landed yet: measured without it

    import sklearn_crfsuite  # noqa: F401 - imported before any timing

    load_before = os.getloadavg()
    corpus = pseudo_docs(read_anercorp(ANERCORP), docs)
    if quick:
        corpus, folds = corpus[:10], 2
    texts = [doc.text for doc in corpus]
    vocabulary = Vocabulary.from_texts(texts)
    gold = [gold_spans(doc) for doc in corpus]
    gold_tags = [token_tags(doc, spans) for doc, spans in zip(corpus, gold, strict=True)]
    stems = [stem_convention(d.text, g, vocabulary) for d, g in zip(corpus, gold, strict=True)]
    n_tokens = sum(len(s) for doc in corpus for s in doc.tokens)
    print(
        f"ANERcorp test split: {len(corpus)} pseudo-documents, {n_tokens:,} tokens, "
        f"{sum(map(len, gold)):,} entities; {folds}-fold by documents; "
        f"load average {load_before[0]:.2f} {load_before[1]:.2f}"
    )

    fold_of = [i * folds // len(corpus) for i in range(len(corpus))]
    methods = (
        "propagate",
        "gazetteer",
        "propagate+gazetteer",
        "gazetteer (new doc)",
        "crf",
        "crf baseline (words)",
    )
    predicted: dict[str, list[list[list[str]]]] = {m: [[] for _ in corpus] for m in methods}
    rest_gold: list[list[list[str]]] = [[] for _ in corpus]
    crf_wall, crf_cpu, crf_tokens = [], [], []
    base_wall: list[float] = []
    base_cpu: list[float] = []
    for fold in range(folds):
        train = [i for i in range(len(corpus)) if fold_of[i] != fold]
        test = [i for i in range(len(corpus)) if fold_of[i] == fold]

        # A then B in every fold: the baseline and ours see the same load.
        wall, cpu = time.perf_counter(), time.process_time()
        baseline = train_baseline([corpus[i] for i in train])
        base_wall.append(time.perf_counter() - wall)
        base_cpu.append(time.process_time() - cpu)
        crf = CrfRecommender(folds=0)
        report = crf.train([(texts[i], to_entities(i, stems[i])) for i in train])
        crf_wall.append(report.seconds)
        crf_cpu.append(report.cpu_seconds)
        crf_tokens.append(report.tokens)

        gazetteer = None
        if Gazetteer is not None:
            pairs = [(texts[i][s:e], label) for i in train for s, e, label in stems[i]]
            gazetteer = Gazetteer.from_labelled(pairs).with_seed()

        for i in test:
            doc, text = corpus[i], texts[i]
            crf_spans = [(s, e, label) for s, e, label, _ in crf.predict(text)]
            predicted["crf"][i] = token_tags(doc, crf_spans)
            predicted["crf baseline (words)"][i] = baseline_tags(baseline, doc)

            typed = first_mentions(text, stems[i])
            typed_set = set(typed)
            rest = [span for span in stems[i] if span not in typed_set]
            rest_gold[i] = token_tags(doc, rest)
            propagated = [
                (s.start, s.end, s.label)
                for s in propagate(i, "bench", text, to_entities(i, typed), vocabulary)
            ]
            listed: list[Labelled] = []
            if gazetteer is not None:
                listed = [
                    (s.start, s.end, "LOC" if s.label == "GPE" else s.label)
                    for s in gazetteer.suggest(i, "bench", text)
                ]
                # What the annotator typed is not suggested again.
                listed = [
                    (s, e, label)
                    for s, e, label in listed
                    if not any(s < te and ts < e for ts, te, _ in typed)
                ]
            if gazetteer is not None:
                predicted["gazetteer (new doc)"][i] = token_tags(
                    doc,
                    [
                        (s.start, s.end, "LOC" if s.label == "GPE" else s.label)
                        for s in gazetteer.suggest(i, "bench", text)
                    ],
                )
            predicted["propagate"][i] = token_tags(doc, propagated)
            predicted["gazetteer"][i] = token_tags(doc, listed)
            predicted["propagate+gazetteer"][i] = token_tags(
                doc, without_overlaps(propagated, listed)
            )

    rows = []
    print(f"{'suggestions':<22}{'precision':>10}{'recall':>8}{'F1':>7}{'gold':>7}{'suggested':>11}")
    for method in methods:
        if method != "propagate" and "gazetteer" in method and Gazetteer is None:
            print(f"{method:<22}  (corpus.suggest.gazetteer not available)")
            continue
        after_first_mentions = ("propagate", "gazetteer", "propagate+gazetteer")
        against = rest_gold if method in after_first_mentions else gold_tags
        figures = score(against, predicted[method])
        print(
            f"{method:<22}{figures['precision']:>10.3f}{figures['recall']:>8.3f}"
            f"{figures['f1']:>7.3f}{figures['gold']:>7}{figures['suggested']:>11}"
        )
        rows.append({"measure": method, **{k: round(v, 3) for k, v in figures.items()}})

    mean_tokens = sum(crf_tokens) / len(crf_tokens)
    print(
        f"CRF training per fold (no inner cross-validation): {mean_tokens:,.0f} tokens, "
        f"wall {sum(crf_wall) / folds:.2f} s, CPU {sum(crf_cpu) / folds:.2f} s (mean of {folds}); "
        f"{sum(crf_cpu) / sum(base_cpu):.1f}x the CPU of the words-only baseline "
        f"({sum(base_cpu) / folds:.2f} s; wall {sum(crf_wall) / sum(base_wall):.1f}x)"
    )
    # What the window's background retraining costs: train() with its own 5-fold check.
    first_train = [i for i in range(len(corpus)) if fold_of[i] != 0]
    report = CrfRecommender().train([(texts[i], to_entities(i, stems[i])) for i in first_train])
    print(
        f"CRF retraining as the window does it (5-fold check + final model, {report.tokens:,} "
        f"tokens): wall {report.seconds:.2f} s, CPU {report.cpu_seconds:.2f} s; "
        f"{report.summary()}"
    )
    load_after = os.getloadavg()
    print(f"load average after: {load_after[0]:.2f} {load_after[1]:.2f} (2 cores shared)")
    rows.append(
        {
            "measure": "crf training",
            "tokens": round(mean_tokens),
            "wall_s": round(sum(crf_wall) / folds, 2),
            "cpu_s": round(sum(crf_cpu) / folds, 2),
            "retrain_wall_s": round(report.seconds, 2),
            "retrain_cpu_s": round(report.cpu_seconds, 2),
            "load": round(load_after[0], 2),
        }
    )
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10 documents, 2 folds")
    parser.add_argument("--docs", type=int, default=50, help="pseudo-documents (default 50)")
    parser.add_argument("--folds", type=int, default=5, help="folds (default 5)")
    args = parser.parse_args()
    started = time.perf_counter()
    main(quick=args.quick, docs=args.docs, folds=args.folds)
    print(f"bench time {time.perf_counter() - started:.1f} s")
