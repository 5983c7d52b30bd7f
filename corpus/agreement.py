"""Inter-annotator agreement: entities, quotes and stances (issue 10).

The statistics (Cohen's kappa, Krippendorff's alpha) are computed here from their
definitions so that the figures can be checked against published worked examples.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

from corpus.model import Entity, Quote, Ref, Span, Stance, Topic
from corpus.tokens import fallback_tokens

OUTSIDE = "O"


def cohen_kappa(first: Sequence[Hashable], second: Sequence[Hashable]) -> float | None:
    """Cohen's kappa of two raters over the same items; None when there is nothing to rate."""
    if len(first) != len(second):
        raise ValueError("both raters must rate the same items")
    total = len(first)
    if total == 0:
        return None
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / total
    counts_a, counts_b = Counter(first), Counter(second)
    expected = sum(counts_a[c] * counts_b[c] for c in counts_a) / (total * total)
    if expected == 1.0:
        # Both raters used one and the same category throughout: perfect, not undefined.
        return 1.0 if observed == 1.0 else 0.0
    return (observed - expected) / (1.0 - expected)


def krippendorff_alpha_nominal(units: Iterable[Sequence[Hashable | None]]) -> float | None:
    """Krippendorff's alpha for nominal data; each unit lists every coder's value or None.

    Built from the coincidence matrix: units with fewer than two values are not pairable
    and are left out, as in Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability".
    """
    coincidences: dict[tuple[Hashable, Hashable], float] = {}
    for unit in units:
        values = [v for v in unit if v is not None]
        m = len(values)
        if m < 2:
            continue
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    coincidences[(c, k)] = coincidences.get((c, k), 0.0) + 1.0 / (m - 1)
    n_c: dict[Hashable, float] = {}
    for (c, _k), weight in coincidences.items():
        n_c[c] = n_c.get(c, 0.0) + weight
    n = sum(n_c.values())
    if n <= 1:
        return None
    observed = sum(w for (c, k), w in coincidences.items() if c != k)
    expected = sum(n_c[c] * n_c[k] for c in n_c for k in n_c if c != k) / (n - 1)
    if expected == 0:
        return 1.0 if observed == 0 else 0.0
    return 1.0 - observed / expected


def _prf(matched_ref: int, matched_hyp: int, ref: int, hyp: int) -> dict[str, float | int | None]:
    """Precision, recall, F1; all None when neither side has an item (nothing to agree on)."""
    if ref == 0 and hyp == 0:
        return {"precision": None, "recall": None, "f1": None, "reference": 0, "compared": 0}
    precision = matched_hyp / hyp if hyp else 0.0
    recall = matched_ref / ref if ref else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "reference": ref,
        "compared": hyp,
    }


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _match(ref: Sequence[Span], hyp: Sequence[Span], exact: bool) -> tuple[int, int]:
    """Matched counts on each side: one-to-one, first fit, in text order."""
    used: set[int] = set()
    matched = 0
    for span in ref:
        for index, other in enumerate(hyp):
            if index in used:
                continue
            if (span == other) if exact else _overlaps(span, other):
                used.add(index)
                matched += 1
                break
    return matched, matched


def _matched_pairs(ref: Sequence[Quote], hyp: Sequence[Quote]) -> list[tuple[Quote, Quote]]:
    used: set[int] = set()
    pairs = []
    for quote in ref:
        for index, other in enumerate(hyp):
            if index not in used and _overlaps(quote.content, other.content):
                used.add(index)
                pairs.append((quote, other))
                break
    return pairs


class Layers:
    """One document's annotations per annotator, with references resolved to spans."""

    def __init__(self, text: str, annotations: Iterable[Any]) -> None:
        self.text = text
        self.entities: dict[str, list[Entity]] = {}
        self.quotes: dict[str, list[Quote]] = {}
        self.stances: dict[str, list[Stance]] = {}
        self._by_uuid: dict[str, Entity] = {}
        for ann in annotations:
            if isinstance(ann, Entity):
                self.entities.setdefault(ann.annotator, []).append(ann)
                self._by_uuid[ann.uuid] = ann
            elif isinstance(ann, Quote):
                self.quotes.setdefault(ann.annotator, []).append(ann)
            elif isinstance(ann, Stance):
                self.stances.setdefault(ann.annotator, []).append(ann)

    def place(self, arg: Any) -> Hashable:
        """A comparable key for a speaker, holder or target: its span, or the topic."""
        if isinstance(arg, Ref):
            target = self._by_uuid.get(arg.uuid)
            return ("span", target.span.start, target.span.end) if target else ("ref", arg.uuid)
        if isinstance(arg, Span):
            return ("span", arg.start, arg.end)
        if isinstance(arg, Topic):
            return ("topic", arg.text.strip())
        return None


def _token_labels(text: str, entities: Sequence[Entity]) -> list[str]:
    labels = []
    for start, end in fallback_tokens(text):
        label = OUTSIDE
        for ent in entities:
            if ent.span.start < end and start < ent.span.end:
                label = ent.label
                break
        labels.append(label)
    return labels


def _sum(rows: Iterable[dict[str, int]]) -> dict[str, int]:
    total: Counter[str] = Counter()
    for row in rows:
        total.update(row)
    return dict(total)


def agreement(documents: Sequence[Layers], annotators: Sequence[str]) -> dict[str, Any]:
    """The agreement report: JSON keys ``entities``, ``quotes``, ``stances``.

    Each pair (a, b) takes ``a`` as the reference: recall counts a's items found by b,
    precision b's items found in a. Only documents both annotated (any layer) count.
    """
    names = list(annotators)
    entity_pairs: list[dict[str, Any]] = []
    quote_pairs: list[dict[str, Any]] = []
    stance_pairs: list[dict[str, Any]] = []
    for a, b in combinations(names, 2):
        counts: dict[str, Counter[str]] = {"exact": Counter(), "overlap": Counter()}
        per_label: dict[str, dict[str, Counter[str]]] = {}
        tokens_a: list[str] = []
        tokens_b: list[str] = []
        q_counts: Counter[str] = Counter()
        speakers: list[bool] = []
        polarity_a: list[str] = []
        polarity_b: list[str] = []
        for doc in documents:
            if not _both(doc, a, b):
                continue
            ents_a, ents_b = doc.entities.get(a, []), doc.entities.get(b, [])
            labels = {e.label for e in ents_a} | {e.label for e in ents_b}
            for label in sorted(labels):
                ra = [e.span for e in ents_a if e.label == label]
                rb = [e.span for e in ents_b if e.label == label]
                for mode in ("exact", "overlap"):
                    m, _ = _match(ra, rb, mode == "exact")
                    row = {"matched": m, "reference": len(ra), "compared": len(rb)}
                    counts[mode].update(row)
                    per_label.setdefault(label, {}).setdefault(mode, Counter()).update(row)
            tokens_a += _token_labels(doc.text, ents_a)
            tokens_b += _token_labels(doc.text, ents_b)
            qa, qb = doc.quotes.get(a, []), doc.quotes.get(b, [])
            matched = _matched_pairs(qa, qb)
            q_counts.update({"matched": len(matched), "reference": len(qa), "compared": len(qb)})
            speakers += [doc.place(x.speaker) == doc.place(y.speaker) for x, y in matched]
            sa = {
                (doc.place(s.holder), doc.place(s.target)): s.polarity
                for s in doc.stances.get(a, [])
            }
            sb = {
                (doc.place(s.holder), doc.place(s.target)): s.polarity
                for s in doc.stances.get(b, [])
            }
            for key in sorted(set(sa) & set(sb), key=repr):
                polarity_a.append(sa[key])
                polarity_b.append(sb[key])
        pair: dict[str, Any] = {"a": a, "b": b}
        for mode in ("exact", "overlap"):
            c = counts[mode]
            pair[mode] = _prf(c["matched"], c["matched"], c["reference"], c["compared"])
        pair["f1"] = pair["exact"]["f1"]
        pair["per_label"] = {
            label: {
                mode: _prf(c["matched"], c["matched"], c["reference"], c["compared"])
                for mode, c in modes.items()
            }
            for label, modes in sorted(per_label.items())
        }
        kappa = cohen_kappa(tokens_a, tokens_b)
        pair["token_kappa"] = None if kappa is None else round(kappa, 4)
        pair["tokens"] = len(tokens_a)
        entity_pairs.append(pair)
        quote: dict[str, Any] = {"a": a, "b": b}
        quote.update(
            _prf(
                q_counts["matched"],
                q_counts["matched"],
                q_counts["reference"],
                q_counts["compared"],
            )
        )
        quote["matched"] = q_counts["matched"]
        quote["speaker_agreement"] = round(sum(speakers) / len(speakers), 4) if speakers else None
        quote_pairs.append(quote)
        kappa = cohen_kappa(polarity_a, polarity_b)
        stance_pairs.append(
            {
                "a": a,
                "b": b,
                "both_annotated": len(polarity_a),
                "kappa": None if kappa is None else round(kappa, 4),
            }
        )
    units: list[list[str | None]] = []
    for doc in documents:
        keyed: dict[Hashable, dict[str, str]] = {}
        for name in names:
            for s in doc.stances.get(name, []):
                keyed.setdefault((doc.place(s.holder), doc.place(s.target)), {})[name] = s.polarity
        units += [[values.get(name) for name in names] for values in keyed.values()]
    alpha = krippendorff_alpha_nominal(units)
    return {
        "annotators": names,
        "documents": len(documents),
        "entities": {
            "pairs": entity_pairs,
            "micro_f1": _mean(p["exact"]["f1"] for p in entity_pairs),
            "micro_f1_overlap": _mean(p["overlap"]["f1"] for p in entity_pairs),
            "token_kappa": _mean(p["token_kappa"] for p in entity_pairs),
        },
        "quotes": {
            "pairs": quote_pairs,
            "f1": _mean(p["f1"] for p in quote_pairs),
            "speaker_agreement": _mean(p["speaker_agreement"] for p in quote_pairs),
        },
        "stances": {
            "pairs": stance_pairs,
            "kappa": _mean(p["kappa"] for p in stance_pairs),
            "alpha": None if alpha is None else round(alpha, 4),
            "units": len(units),
        },
    }


def _both(doc: Layers, a: str, b: str) -> bool:
    def has(name: str) -> bool:
        return bool(doc.entities.get(name) or doc.quotes.get(name) or doc.stances.get(name))

    return has(a) and has(b)


def _mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(sum(present) / len(present), 4) if present else None


def store_agreement(
    store: Any, annotators: Sequence[str] | None = None, doc_ids: Iterable[int] | None = None
) -> dict[str, Any]:
    """The report for a store's documents (all, or ``doc_ids``); ``gold`` only if named."""
    names = list(annotators) if annotators else [n for n in store.annotators() if n != "gold"]
    documents = []
    for doc in store.iter_documents(doc_ids):
        anns = [a for a in store.annotations(doc.id) if a.annotator in names]
        documents.append(Layers(doc.text, anns))
    return agreement(documents, names)


def plot(report: dict[str, Any], out: Path) -> None:
    """An annotator x annotator heatmap of entity F1 and per-label F1 bars, as PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = report["annotators"]
    index = {n: i for i, n in enumerate(names)}
    matrix = [[1.0 if i == j else 0.0 for j in range(len(names))] for i in range(len(names))]
    labels: dict[str, list[float]] = {}
    for pair in report["entities"]["pairs"]:
        i, j = index[pair["a"]], index[pair["b"]]
        matrix[i][j] = matrix[j][i] = float("nan") if pair["f1"] is None else pair["f1"]
        for label, modes in pair["per_label"].items():
            labels.setdefault(label, []).append(modes["exact"]["f1"] or 0.0)
    figure, (heat, bars) = plt.subplots(1, 2, figsize=(10, 4.5))
    image = heat.imshow(matrix, vmin=0.0, vmax=1.0, cmap="viridis")
    heat.set_xticks(range(len(names)), names)
    heat.set_yticks(range(len(names)), names)
    for i, row in enumerate(matrix):
        for j, value in enumerate(row):
            heat.text(j, i, f"{value:.2f}", ha="center", va="center", color="white")
    heat.set_title("Entity F1 (exact span)")
    figure.colorbar(image, ax=heat)
    ordered = sorted(labels)
    bars.bar(ordered, [sum(labels[k]) / len(labels[k]) for k in ordered])
    bars.set_ylim(0.0, 1.0)
    bars.set_title("Mean pairwise F1 per label")
    figure.tight_layout()
    figure.savefig(out, format="png")
    plt.close(figure)
