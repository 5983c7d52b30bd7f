"""Import: one reader per format, listed in ``FORMATS``; ``import_paths`` drives them.

A reader is ``read(path, options) -> Iterator[NewDocument | Rejection]``. Readers of
annotated formats attach pre-made annotations to each ``NewDocument`` (with
placeholder document ids and annotator); the driver maps their labels onto the
schema, reports what it cannot map, and hands the documents to the store, which
commits them in bounded steps (``corpus.store.Batching``: tens of milliseconds each,
so other writers wait little) with each document whole in one step. Every call is
recorded as an import run; one that stops half-way is reported by ``stats`` and
``check``, and running the same command again completes it (what is stored already
is skipped as a duplicate by sha256).
"""

from __future__ import annotations

import contextlib
import itertools
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from corpus import pipeline, rules
from corpus.errors import UserError
from corpus.importers import documents
from corpus.importers.base import ImportSummary, Rejection
from corpus.model import Annotation, Entity, NewDocument, Quote, Stance
from corpus.options import ImportOptions as ImportOptions  # validated there, for both UIs
from corpus.store import IMPORT_BATCHING, Prepared, PreparedDocument, Store, annotator_name

Item = NewDocument | Rejection

# .txt files per store call when a reader process reads a folder of them (streamed:
# the batch is not held in memory).
TXT_BATCH = 2000


@dataclass(frozen=True, slots=True)
class Format:
    """An import format: its name, file endings, reader, and whether it carries labels."""

    name: str
    extensions: tuple[str, ...]
    read: Callable[[Path, ImportOptions], Iterator[Item]]
    annotated: bool = False
    # Records that may name whose labels they are (our own jsonl): without
    # --as-annotator each record's annotator is kept.
    own_annotator: bool = False
    # Formats whose unit is a folder or file pair (brat) expand folders themselves.
    takes_folders: bool = False


def _plain(
    reader: Callable[..., Iterator[Item]],
) -> Callable[[Path, ImportOptions], Iterator[Item]]:
    def read(path: Path, options: ImportOptions) -> Iterator[Item]:
        return reader(path, options.text_field, options.id_field, options.title_field)

    return read


FORMATS: dict[str, Format] = {
    "txt": Format("txt", (".txt",), lambda path, _options: documents.read_txt(path)),
    "jsonl": Format("jsonl", (".jsonl", ".ndjson"), _plain(documents.read_jsonl)),
    "csv": Format("csv", (".csv",), _plain(documents.read_csv)),
}


def register(fmt: Format) -> None:
    """Add an import format (modules of annotated formats call this)."""
    FORMATS[fmt.name] = fmt


def _load_annotated_formats() -> None:
    # Imported here, not at the top, so plain imports never pay for them.
    import importlib

    for module in ("conll", "brat", "jsonl_annotated", "doccano", "labelstudio"):
        try:
            importlib.import_module(f"corpus.importers.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"corpus.importers.{module}":
                raise


def format_names() -> list[str]:
    _load_annotated_formats()
    return sorted(FORMATS)


def get_format(name: str) -> Format:
    if name not in FORMATS:
        _load_annotated_formats()
    if name not in FORMATS:
        raise UserError(
            f"unknown import format {name!r} (one of: auto, {', '.join(format_names())})"
        )
    return FORMATS[name]


def detect_format(path: Path) -> Format:
    """The format of one file, by its ending."""
    suffix = path.suffix.lower()
    for fmt in FORMATS.values():
        if not fmt.annotated and suffix in fmt.extensions:
            return fmt
    raise UserError(
        f"{path}: cannot tell the format from the ending {suffix or '(none)'!r}; "
        "name it with --format"
    )


def expand(paths: list[Path], fmt_name: str) -> list[tuple[Path, Format]]:
    """Files to read with their formats; folders are walked recursively, sorted."""
    plan: list[tuple[Path, Format]] = []
    for path in paths:
        if not path.exists():
            raise UserError(f"{path}: no such file or folder")
        fmt = None if fmt_name == "auto" else get_format(fmt_name)
        if path.is_dir() and not (fmt and fmt.takes_folders):
            wanted = (
                fmt.extensions
                if fmt
                else tuple(e for f in FORMATS.values() if not f.annotated for e in f.extensions)
            )
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in wanted:
                    plan.append((child, fmt or detect_format(child)))
        else:
            plan.append((path, fmt or detect_format(path)))
    return plan


def _map_labels(
    doc: NewDocument,
    store: Store,
    options: ImportOptions,
    unknown: Counter[str],
    unknown_where: dict[str, list[tuple[str, int | None]]],
) -> NewDocument:
    """Apply --map/--tagset to a record's labels; drop (and count) what stays unknown."""
    kept: list[Annotation] = []
    dropped_uuids: set[str] = set()
    for ann in doc.annotations:
        mapped: Annotation
        if isinstance(ann, Entity):
            label = options.label_map.get(ann.label, ann.label)
            mapped = replace(ann, label=label)
            allowed = store.schema.entity_labels
        elif isinstance(ann, Quote):
            label = options.label_map.get(ann.kind, ann.kind)
            mapped = replace(ann, kind=label)
            allowed = store.schema.quote_kind_labels
        else:
            assert isinstance(ann, Stance)
            label = options.label_map.get(ann.polarity, ann.polarity)
            mapped = replace(ann, polarity=label)
            allowed = store.schema.polarity_labels
        if label in allowed:
            kept.append(mapped)
        else:
            unknown[label] += 1
            where = (str(doc.source), doc.line)
            places = unknown_where.setdefault(label, [])
            if len(places) < 5 and where not in places:
                places.append(where)
            dropped_uuids.add(ann.uuid)
    if dropped_uuids:
        # A quote or stance that points at a dropped entity keeps the entity's span.
        spans = {
            a.uuid: a.span
            for a in doc.annotations
            if isinstance(a, Entity) and a.uuid in dropped_uuids
        }
        kept = [rules.without_refs(a, spans) for a in kept]
    return replace(doc, annotations=tuple(kept))


def _every_hundred(progress: Callable[[str, int], None], path: Path) -> Callable[[int], None]:
    name = str(path)

    def report(count: int) -> None:
        if count % 100 == 0:
            progress(name, count)

    return report


def import_paths(
    store: Store,
    paths: list[Path],
    fmt_name: str = "auto",
    options: ImportOptions | None = None,
    annotator: str | None = None,
    progress: Callable[[str, int], None] | None = None,
) -> ImportSummary:
    """Import files and folders, recorded as one import run. Never raises for bad records.

    Documents are committed in bounded steps, each document whole; an error or a
    kill part-way leaves the run interrupted, and the same call again completes it.

    Args:
        progress: called with (file, records read so far in it).

    Raises:
        UserError: for a missing path or an unknown format (nothing imported).
    """
    options = options or ImportOptions()
    summary = ImportSummary()
    plan = expand(paths, fmt_name)
    if annotator is not None:
        annotator = annotator_name(annotator)  # a bad name refuses the import before it starts
    if any(fmt.annotated and not fmt.own_annotator for _, fmt in plan) and not annotator:
        raise UserError("annotated formats need --as-annotator NAME (who the labels belong to)")
    run_id = store.start_import_run(
        [str(path.resolve()) for path in paths],
        fmt_name,
        {**asdict(options), "annotator": annotator},
    )
    try:
        _import_plan(store, plan, options, annotator, progress, summary, run_id)
    except BaseException:
        # A store that cannot be written (full disk) keeps it running: a dead run's
        # process is gone, and that reads as interrupted.
        with contextlib.suppress(UserError):
            store.interrupt_import_run(run_id)
        raise
    store.finish_import_run(run_id, rejected=len(summary.rejected))
    return summary


def _import_plan(
    store: Store,
    plan: list[tuple[Path, Format]],
    options: ImportOptions,
    annotator: str | None,
    progress: Callable[[str, int], None] | None,
    summary: ImportSummary,
    run_id: int,
) -> None:
    unknown: Counter[str] = Counter()
    unknown_where: dict[str, list[tuple[str, int | None]]] = {}
    # Plain .txt files are tiny: batch them so that a folder of thousands of articles
    # is not thousands of fsyncs. Each file is still all-or-nothing.
    batch: list[NewDocument] = []

    def store_all(docs: Iterable[NewDocument] | Prepared, path: Path | None = None) -> None:
        report = None if progress is None or path is None else _every_hundred(progress, path)
        outcome = store.add_documents(
            docs,
            progress=report,
            annotator=annotator,
            keep_duplicates=False,
            batching=IMPORT_BATCHING,
            run_id=run_id,
        )
        summary.imported += len(outcome.imported)
        summary.duplicates += outcome.duplicate_count
        summary.annotations += outcome.annotations
        summary.rejected += [Rejection(str(d.source), d.line, why) for d, why in outcome.rejected]

    def flush(docs: list[NewDocument]) -> None:
        if docs:
            store_all(docs)
            docs.clear()

    def read_elsewhere(files: list[Path], fmt: Format) -> Generator[PreparedDocument, None, None]:
        # Big plain input: a second process reads and prepares it while this one
        # stores it (corpus.pipeline).
        for item in pipeline.read_prepared(files, fmt.name, options):
            if isinstance(item, Rejection):
                summary.rejected.append(item)
            else:
                yield item

    def store_txt_elsewhere(files: list[Path]) -> None:
        records = read_elsewhere(files, FORMATS["txt"])
        try:
            # Calls of TXT_BATCH files (each committed in bounded steps), streamed: no
            # batch is held in memory.
            for first in records:
                chunk = itertools.chain([first], itertools.islice(records, TXT_BATCH - 1))
                store_all(Prepared(chunk))
                if progress:
                    progress(str(first[0].source), summary.imported + summary.duplicates)
        finally:
            records.close()

    def store_txt_here(files: list[Path]) -> None:
        for path in files:
            for item in FORMATS["txt"].read(path, options):
                if isinstance(item, Rejection):
                    summary.rejected.append(item)
                else:
                    batch.append(item)
            if len(batch) >= 500:
                flush(batch)
            if progress:
                progress(str(path), 1)

    position = 0
    while position < len(plan):
        path, fmt = plan[position]
        if fmt.name == "txt":
            entries = itertools.islice(plan, position, None)
            run = [p for p, _ in itertools.takewhile(lambda e: e[1].name == "txt", entries)]
            position += len(run)
            if len(run) > 1 and pipeline.worth_a_reader(run):
                flush(batch)
                store_txt_elsewhere(run)
            else:
                store_txt_here(run)
            continue
        position += 1
        if not fmt.annotated and pipeline.worth_a_reader([path]):
            flush(batch)
            store_all(Prepared(read_elsewhere([path], fmt)), path)
            continue
        items = fmt.read(path, options)
        flush(batch)

        def accepted(
            items: Iterator[Item] = items, annotated: bool = fmt.annotated
        ) -> Iterator[NewDocument]:
            for item in items:
                if isinstance(item, Rejection):
                    summary.rejected.append(item)
                    continue
                if annotated and annotator is not None:
                    item = replace(item, annotator=None)  # --as-annotator takes them all
                elif annotated and item.annotator is None:
                    summary.rejected.append(
                        Rejection(
                            str(item.source),
                            item.line,
                            "annotator: the record names none; give --as-annotator NAME",
                        )
                    )
                    continue
                if annotated:
                    # Readers that repair their input (broken BIO) count it in the metadata.
                    summary.repaired += int(item.metadata.get("bio_repairs", 0))
                    item = _map_labels(item, store, options, unknown, unknown_where)
                    if item.status is None:
                        # Labels imported from another tool are finished work: marked done,
                        # so the default `export --status done` takes them.
                        item = replace(item, status="done")
                yield item

        store_all(accepted(), path)
    flush(batch)
    for label, count in unknown.most_common():
        places = unknown_where[label]
        shown = ", ".join(f"{src}:{line}" if line else src for src, line in places)
        summary.notes.append(
            f"label {label!r} is neither in the schema nor mapped (--map {label}=LABEL): "
            f"{count} annotation(s) not imported, e.g. in {shown}"
        )
        for src, line in places:
            summary.rejected.append(
                Rejection(src, line, f"unknown label {label!r} ({count} annotations in all)")
            )
