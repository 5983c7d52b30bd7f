"""``conll`` export: one token a line, ``token<TAB>tag`` in BIO (IOB2).

A blank line ends every sentence; each (document, annotator) pair starts with the
CoNLL-2003 document line ``-DOCSTART- -X- O O`` and a blank line, the form spaCy's
``ner`` converter and Hugging Face's CoNLL readers recognise::

    -DOCSTART- -X- O O

    قال	O
    بوتين	B-PER
    ...

Tokens are camel-tools' words with every entity boundary made a token boundary
(:mod:`corpus.tokens`); documents read from CoNLL keep their own tokens and sentences.
Only entities are written; nested and overlapping ones are flattened (the outer span
wins) and the report counts what was dropped. ``--tagset anercorp`` writes ANERcorp's
labels (PERS, ORG, LOC, MISC), notes which labels it folded, and tags whole tokens as
ANERcorp does: an entity behind a proclitic is widened back to its word (``لبكين``
B-LOC, where Tawsim stores ``بكين``), and the report notes how many were.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from corpus.exporters import ExportOptions, ExportReport
from corpus.exporters.common import part_chooser, text_outputs
from corpus.model import Entity
from corpus.schema import Schema
from corpus.store import Store
from corpus.tagsets import ExportLabels
from corpus.tokens import tag_text, tokenization_of

SUFFIX = ".conll"
DOCSTART = "-DOCSTART- -X- O O"


def labels_in_use(schema: Schema, held: dict[str, dict[str, int]], layer: str) -> list[str]:
    """The schema's labels of a layer, then any other label the store holds.

    ``held`` is ``Store.stats()["annotations"]``: layer → label → count.
    """
    declared = list(schema.labels_of(layer))
    return declared + sorted(label for label in held[layer] if label not in declared)


def write(
    store: Store,
    out: Path,
    options: ExportOptions,
    progress: Callable[[int], None] | None = None,
) -> ExportReport:
    """Write the entities of every selected (document, annotator) pair as CoNLL.

    Each file is written beside its final name and renamed into place at the end, so an
    export that fails half-way leaves any earlier file untouched.

    Raises:
        UserError: an output path that cannot be written, an unknown annotator or tag set.
    """
    held = store.stats()["annotations"]
    labels = ExportLabels(options.tagset, labels_in_use(store.schema, held, "entity"))
    report = ExportReport()
    overlapping = empty = repeated = widened = 0
    whole_tokens = options.tagset == "anercorp"
    previous_doc = None
    with text_outputs(out, out.suffix or SUFFIX, options.split) as (paths, files):
        part_for = part_chooser(
            store, options.annotator, options.status, options.split, options.seed
        )
        for item in store.iter_annotated(options.annotator, options.status, ("entity",)):
            doc = item.document
            entities = [
                (a.span.start, a.span.end, a.label)
                for a in item.annotations
                if isinstance(a, Entity)
            ]
            tagged = tag_text(doc.text, entities, tokenization_of(doc.metadata), widen=whole_tokens)
            text, tokens = doc.text, tagged.tokens
            tags = tagged.tags if labels.identity else [labels.tag(tag) for tag in tagged.tags]
            lines = [DOCSTART, ""]
            for first, last in tagged.sentences:
                lines += [
                    f"{text[s:e]}\t{tag}"
                    for (s, e), tag in zip(tokens[first:last], tags[first:last], strict=True)
                ]
                lines.append("")
            part = part_for(doc.sha256)
            files[part].write("\n".join(lines))
            files[part].write("\n")
            report.documents += 1
            report.annotations += len(entities) - tagged.dropped
            overlapping += tagged.dropped_overlapping
            empty += tagged.dropped_empty
            widened += tagged.widened
            if doc.id == previous_doc:
                repeated += 1
            previous_doc = doc.id
            if progress is not None and report.documents % 256 == 0:
                progress(report.documents)
    report.files = [str(path) for path in paths.values()]
    report.dropped = overlapping + empty
    report.notes += dropped_notes(overlapping, empty) + labels.notes()
    if widened:
        report.notes.append(
            f"{widened} entity(ies) widened to whole tokens, clitics included, as ANERcorp "
            "tags them (لبكين B-LOC for بكين)"
        )
    others = [layer for layer in ("quote", "stance") if layer in options.layers and held[layer]]
    if others:
        report.notes.append(
            f"CoNLL holds entities only: {' and '.join(f'{x}s' for x in others)} are not "
            "written (jsonl, brat and parquet keep them)"
        )
    if repeated:
        report.notes.append(
            f"{repeated} document(s) written once per annotator; choose one with --annotator"
        )
    if progress is not None:
        progress(report.documents)
    return report


def dropped_notes(overlapping: int, empty: int) -> list[str]:
    """What a token-level export had to leave out, in words."""
    notes = []
    if overlapping:
        notes.append(
            f"{overlapping} nested or overlapping entity(ies) not written: BIO holds one "
            "entity per token, the outer span was kept"
        )
    if empty:
        notes.append(f"{empty} entity(ies) not written: they cover only white space")
    return notes
