"""``parquet`` export: tables a token classifier and a pair classifier read as they are.

``--out data.parquet`` writes one file per exported layer (each split part its own):

- ``data.parquet``: one row per sentence, Hugging Face token-classification style:
  ``id``, ``document``, ``document_id``, ``annotator``, ``sentence``, ``tokens``
  (list of strings) and ``ner_tags`` (list of integer class ids). The class names
  (``O``, ``B-PER``, ``I-PER`` …) are in the file's ``huggingface`` schema metadata, so
  ``datasets.load_dataset("parquet", ...)`` gives ``ner_tags`` as a ``ClassLabel``.
  Tokens and tags are exactly those of the ``conll`` export.
- ``data.quotes.parquet`` (with the quote layer): one row per quote: the quote, cue
  and speaker texts with their offsets, the speaker entity's label, the ``kind``
  (a ``ClassLabel``) and the ``context`` (the sentences the quote and speaker lie in).
- ``data.stances.parquet`` (with the stance layer): one row per stance: holder and
  target texts with offsets and labels (``target_is_topic`` for a free-text target),
  ``polarity`` (a ``ClassLabel``), the evidence texts and offsets, and ``context``.

Offsets are code points into the document text. Rows are written in row groups as
documents stream by, so memory stays bounded whatever the corpus size.
"""

from __future__ import annotations

import importlib.abc
import json
import os
import sys
from bisect import bisect_right
from collections.abc import Callable, Sequence
from contextlib import suppress
from functools import lru_cache
from pathlib import Path
from typing import Any

from corpus.errors import UserError
from corpus.exporters import ExportOptions, ExportReport
from corpus.exporters.common import (
    ensure_parent,
    fsync_dir,
    fsync_file,
    output_paths,
    part_chooser,
    part_temporary,
    remove_stale_parts,
)
from corpus.exporters.conll import dropped_notes, labels_in_use
from corpus.model import LAYERS, Entity, Quote, Ref, Span, Stance, Topic
from corpus.store import AnnotatedDocument, Store
from corpus.tagsets import ExportLabels
from corpus.tokens import TaggedText, tag_text, tokenization_of

SUFFIX = ".parquet"
ROWS_PER_GROUP = 2_000


class _NoPandas(importlib.abc.MetaPathFinder):
    def find_spec(self, name: str, path: Any, target: Any = None) -> None:
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("not needed to write Parquet")


@lru_cache(maxsize=1)
def _pyarrow() -> Any:
    """pyarrow, kept from loading pandas.

    pyarrow imports pandas on its first conversion of Python values, only to ask
    whether they are pandas objects: a hundred megabytes and half a second that an
    export never needs. Told that pandas cannot be imported, it remembers the answer.
    """
    import pyarrow as pa

    if "pandas" not in sys.modules:
        blocker = _NoPandas()
        sys.meta_path.insert(0, blocker)
        try:
            pa.array([], type=pa.string())
        finally:
            sys.meta_path.remove(blocker)
    return pa


def _value(dtype: str) -> dict[str, Any]:
    return {"dtype": dtype, "_type": "Value"}


def _sequence(feature: dict[str, Any]) -> dict[str, Any]:
    # "Sequence" rather than the newer "List": every datasets release reads it.
    return {"feature": feature, "_type": "Sequence"}


def _class_label(names: Sequence[str]) -> dict[str, Any]:
    return {"names": list(names), "_type": "ClassLabel"}


def _schema(columns: list[tuple[str, Any, dict[str, Any]]]) -> Any:
    """An Arrow schema whose metadata gives ``datasets`` the features (class names)."""
    pa = _pyarrow()

    features = {name: feature for name, _, feature in columns}
    metadata = {b"huggingface": json.dumps({"info": {"features": features}}).encode("utf-8")}
    return pa.schema([(name, arrow_type) for name, arrow_type, _ in columns], metadata=metadata)


def token_schema(tag_names: Sequence[str]) -> Any:
    pa = _pyarrow()

    return _schema(
        [
            ("id", pa.string(), _value("string")),
            ("document", pa.string(), _value("string")),
            ("document_id", pa.int64(), _value("int64")),
            ("annotator", pa.string(), _value("string")),
            ("sentence", pa.int64(), _value("int64")),
            ("tokens", pa.list_(pa.string()), _sequence(_value("string"))),
            ("ner_tags", pa.list_(pa.int64()), _sequence(_class_label(tag_names))),
        ]
    )


def _span_columns(name: str) -> list[tuple[str, Any, dict[str, Any]]]:
    pa = _pyarrow()

    return [
        (name, pa.string(), _value("string")),
        (f"{name}_start", pa.int64(), _value("int64")),
        (f"{name}_end", pa.int64(), _value("int64")),
    ]


def _row_columns() -> list[tuple[str, Any, dict[str, Any]]]:
    pa = _pyarrow()

    return [
        ("id", pa.string(), _value("string")),
        ("document", pa.string(), _value("string")),
        ("document_id", pa.int64(), _value("int64")),
        ("annotator", pa.string(), _value("string")),
    ]


def quote_schema(kinds: Sequence[str]) -> Any:
    pa = _pyarrow()

    return _schema(
        [
            *_row_columns(),
            ("kind", pa.int64(), _class_label(kinds)),
            *_span_columns("quote"),
            *_span_columns("cue"),
            *_span_columns("speaker"),
            ("speaker_label", pa.string(), _value("string")),
            ("context", pa.string(), _value("string")),
        ]
    )


def stance_schema(polarities: Sequence[str]) -> Any:
    pa = _pyarrow()

    return _schema(
        [
            *_row_columns(),
            ("polarity", pa.int64(), _class_label(polarities)),
            *_span_columns("holder"),
            ("holder_label", pa.string(), _value("string")),
            *_span_columns("target"),
            ("target_label", pa.string(), _value("string")),
            ("target_is_topic", pa.bool_(), _value("bool")),
            ("evidence", pa.list_(pa.string()), _sequence(_value("string"))),
            ("evidence_start", pa.list_(pa.int64()), _sequence(_value("int64"))),
            ("evidence_end", pa.list_(pa.int64()), _sequence(_value("int64"))),
            ("context", pa.string(), _value("string")),
        ]
    )


class _TableWriter:
    """One Parquet file written row group by row group, renamed into place on success."""

    def __init__(self, path: Path, schema: Any) -> None:
        import pyarrow.parquet as pq

        self.path = path
        self.partial = part_temporary(path)
        self.schema = schema
        self.columns: dict[str, list[Any]] = {name: [] for name in schema.names}
        self.rows = 0
        self._writer = pq.ParquetWriter(str(self.partial), schema)

    def add(self, row: dict[str, Any]) -> None:
        for name, values in self.columns.items():
            values.append(row[name])
        self.rows += 1
        if len(self.columns["id"]) >= ROWS_PER_GROUP:
            self.flush()

    def flush(self) -> None:
        pa = _pyarrow()

        if not self.columns["id"]:
            return
        table = pa.Table.from_pydict(self.columns, schema=self.schema)
        self._writer.write_table(table)
        for values in self.columns.values():
            values.clear()

    def finish(self) -> None:
        """Write what is left and make it durable; :meth:`rename` then puts it in place."""
        self.flush()
        self._writer.close()
        fsync_file(self.partial)

    def rename(self) -> None:
        os.replace(self.partial, self.path)

    def abandon(self) -> None:
        try:
            self._writer.close()
        finally:
            self.partial.unlink(missing_ok=True)


def table_paths(path: Path, layers: Sequence[str]) -> dict[str, Path]:
    """The files of one part and layers: ``x.parquet`` (entities as token tags),
    ``x.quotes.parquet``, ``x.stances.parquet``."""
    stem = path.name[: -len(SUFFIX)] if path.name.endswith(SUFFIX) else path.name
    paths = {}
    if "entity" in layers:
        paths["tokens"] = path
    if "quote" in layers:
        paths["quotes"] = path.with_name(f"{stem}.quotes{SUFFIX}")
    if "stance" in layers:
        paths["stances"] = path.with_name(f"{stem}.stances{SUFFIX}")
    return paths


class _Context:
    """Finds the sentences around spans of one document."""

    def __init__(self, text: str, tagged: TaggedText) -> None:
        self.text = text
        spans = tagged.sentence_spans() or [(0, len(text))]
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def around(self, spans: Sequence[Span]) -> str:
        low = min(s.start for s in spans)
        high = max(s.end for s in spans)
        first = max(0, bisect_right(self.starts, low) - 1)
        last = max(first, bisect_right(self.starts, max(high - 1, low)) - 1)
        return self.text[min(self.starts[first], low) : max(self.ends[last], high)]


def write(
    store: Store,
    out: Path,
    options: ExportOptions,
    progress: Callable[[int], None] | None = None,
) -> ExportReport:
    """Write the token table (and the quote and stance tables) of the selected pairs.

    Raises:
        UserError: an output path that cannot be written, an unknown annotator or tag set.
    """
    held = store.stats()["annotations"]
    labels = ExportLabels(options.tagset, labels_in_use(store.schema, held, "entity"))
    tag_names = labels.bio_names()
    tag_ids = {name: i for i, name in enumerate(tag_names)}
    kinds = labels_in_use(store.schema, held, "quote")
    polarities = labels_in_use(store.schema, held, "stance")
    schemas = {
        "tokens": token_schema(tag_names),
        "quotes": quote_schema(kinds),
        "stances": stance_schema(polarities),
    }
    parts = {
        part: table_paths(path, options.layers)
        for part, path in output_paths(out, SUFFIX, options.split).items()
    }
    for tables in parts.values():
        for path in tables.values():
            ensure_parent(path)
            remove_stale_parts(path)
    report = ExportReport()
    writers: dict[tuple[str, str], _TableWriter] = {}
    overlapping = empty = 0
    try:
        for part, tables in parts.items():
            for table, path in tables.items():
                writers[(part, table)] = _TableWriter(path, schemas[table])
        with_entities = "entity" in options.layers
        kind_ids = {k: i for i, k in enumerate(kinds)}
        polarity_ids = {p: i for i, p in enumerate(polarities)}
        part_for = part_chooser(
            store, options.annotator, options.status, options.split, options.seed
        )
        for item in store.iter_annotated(options.annotator, options.status, LAYERS):
            doc = item.document
            part = part_for(doc.sha256)
            entities = [
                (a.span.start, a.span.end, a.label)
                for a in item.annotations
                if isinstance(a, Entity) and with_entities
            ]
            tagged = tag_text(doc.text, entities, tokenization_of(doc.metadata))
            overlapping += tagged.dropped_overlapping
            empty += tagged.dropped_empty
            report.annotations += len(entities) - tagged.dropped
            if with_entities:
                _write_sentences(writers[(part, "tokens")], item, tagged, labels, tag_ids)
            context = _Context(doc.text, tagged)
            if "quote" in options.layers:
                report.annotations += _write_quotes(
                    writers[(part, "quotes")], item, context, kind_ids
                )
            if "stance" in options.layers:
                report.annotations += _write_stances(
                    writers[(part, "stances")], item, context, polarity_ids
                )
            report.documents += 1
            if progress is not None and report.documents % 256 == 0:
                progress(report.documents)
        for writer in writers.values():
            writer.finish()
        # Every file is complete and on disk before the first takes its final name.
        for writer in writers.values():
            writer.rename()
        for folder in {w.path.parent for w in writers.values()}:
            fsync_dir(folder)
    except OSError as exc:  # pyarrow's too: a full disk, a folder that cannot be written
        raise UserError(f"{out}: cannot write: {exc.strerror or exc}") from exc
    finally:
        for writer in writers.values():
            if writer.partial.exists():
                # Closing a writer that failed fails again: still remove every partial file.
                with suppress(OSError):
                    writer.abandon()
    report.files = [str(w.path) for w in writers.values()]
    report.dropped = overlapping + empty
    report.notes += dropped_notes(overlapping, empty) + labels.notes()
    if progress is not None:
        progress(report.documents)
    return report


def _document_key(item: AnnotatedDocument) -> str:
    doc = item.document
    return doc.external_id if doc.external_id else str(doc.id)


def _write_sentences(
    writer: _TableWriter,
    item: AnnotatedDocument,
    tagged: TaggedText,
    labels: ExportLabels,
    tag_ids: dict[str, int],
) -> None:
    doc = item.document
    text = doc.text
    key = _document_key(item)
    tags = tagged.tags if labels.identity else [labels.tag(t) for t in tagged.tags]
    for number, (first, last) in enumerate(tagged.sentences):
        writer.add(
            {
                "id": f"{doc.id}/{item.annotator}/{number}",
                "document": key,
                "document_id": doc.id,
                "annotator": item.annotator,
                "sentence": number,
                "tokens": [text[s:e] for s, e in tagged.tokens[first:last]],
                "ner_tags": [tag_ids[t] for t in tags[first:last]],
            }
        )


def _resolve(
    arg: Span | Ref | Topic | None, entities: dict[str, Entity]
) -> tuple[Span | None, str | None]:
    """The span of an argument and, for a reference, the entity's label."""
    if isinstance(arg, Span):
        return arg, None
    if isinstance(arg, Ref) and arg.uuid in entities:
        entity = entities[arg.uuid]
        return entity.span, entity.label
    return None, None


def _span_fields(name: str, text: str, span: Span | None) -> dict[str, Any]:
    if span is None:
        return {name: None, f"{name}_start": None, f"{name}_end": None}
    return {name: text[span.start : span.end], f"{name}_start": span.start, f"{name}_end": span.end}


def _write_quotes(
    writer: _TableWriter, item: AnnotatedDocument, context: _Context, kind_ids: dict[str, int]
) -> int:
    text = item.document.text
    entities = {a.uuid: a for a in item.annotations if isinstance(a, Entity)}
    written = 0
    for quote in item.annotations:
        if not isinstance(quote, Quote):
            continue
        speaker, speaker_label = _resolve(quote.speaker, entities)
        spans = [s for s in (quote.content, quote.cue, speaker) if s is not None]
        writer.add(
            {
                "id": quote.uuid,
                "document": _document_key(item),
                "document_id": item.document.id,
                "annotator": item.annotator,
                "kind": kind_ids[quote.kind],
                **_span_fields("quote", text, quote.content),
                **_span_fields("cue", text, quote.cue),
                **_span_fields("speaker", text, speaker),
                "speaker_label": speaker_label,
                "context": context.around(spans),
            }
        )
        written += 1
    return written


def _write_stances(
    writer: _TableWriter,
    item: AnnotatedDocument,
    context: _Context,
    polarity_ids: dict[str, int],
) -> int:
    text = item.document.text
    entities = {a.uuid: a for a in item.annotations if isinstance(a, Entity)}
    written = 0
    for stance in item.annotations:
        if not isinstance(stance, Stance):
            continue
        holder, holder_label = _resolve(stance.holder, entities)
        target, target_label = _resolve(stance.target, entities)
        spans = [s for s in (holder, target, *stance.evidence) if s is not None]
        row = {
            "id": stance.uuid,
            "document": _document_key(item),
            "document_id": item.document.id,
            "annotator": item.annotator,
            "polarity": polarity_ids[stance.polarity],
            **_span_fields("holder", text, holder),
            "holder_label": holder_label,
            **_span_fields("target", text, target),
            "target_label": target_label,
            "target_is_topic": isinstance(stance.target, Topic),
            "evidence": [text[e.start : e.end] for e in stance.evidence],
            "evidence_start": [e.start for e in stance.evidence],
            "evidence_end": [e.end for e in stance.evidence],
            "context": context.around(spans) if spans else "",
        }
        if isinstance(stance.target, Topic):
            row["target"] = stance.target.text
        writer.add(row)
        written += 1
    return written
