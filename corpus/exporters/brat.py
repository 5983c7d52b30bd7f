"""``brat`` export: a ``NAME.txt`` + ``NAME.ann`` pair per document, and ``annotation.conf``.

How our layers are written in brat standoff (and read back by ``corpus.importers.brat``):

- an entity is a ``T`` line typed with its label;
- a quote is a ``Quote`` ``T`` over its content, an ``A`` line ``QuoteKind`` with its kind,
  a ``Cue`` ``T`` with a ``Quote-Cue`` relation, and a ``Quote-Speaker`` relation to the
  speaker's entity ``T`` (or to a ``Speaker`` ``T`` when the speaker is a bare span);
- a stance is a ``Stance`` ``T`` over its holder's words, an ``A`` line ``Polarity``,
  ``Stance-Holder`` and ``Stance-Target`` relations to entity ``T`` lines (or to ``Holder``
  / ``Target`` ``T`` lines for bare spans), a ``Stance-Evidence`` relation to an
  ``Evidence`` ``T`` per evidence span, and, for a free-text target, an ``AnnotatorNotes``
  note on the ``Stance`` ``T`` holding the topic.

brat cannot hold a line break inside a fragment: a span that crosses one is written as
discontinuous fragments (``5 7;8 12``) around the line breaks, as brat itself does.

Files go under ``--out`` only: ``OUT/[train|dev|test/][ANNOTATOR/]NAME.{txt,ann}``, with
``NAME`` made safe from the document's external id (else its database id); an annotator
folder is used when no ``--annotator`` is given and the database has several.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from corpus.errors import NotFoundError, UserError
from corpus.exporters import ExportOptions, ExportReport
from corpus.exporters.common import atomic_folder, part_chooser, safe_name
from corpus.exporters.jsonl import document_id, store_layers
from corpus.model import Entity, Quote, Ref, Span, Stance, Topic
from corpus.schema import Schema
from corpus.store import AnnotatedDocument, Store

QUOTE, CUE, SPEAKER = "Quote", "Cue", "Speaker"
STANCE, HOLDER, TARGET, EVIDENCE = "Stance", "Holder", "Target", "Evidence"
SPAN_TYPES = (QUOTE, CUE, SPEAKER, STANCE, HOLDER, TARGET, EVIDENCE)
QUOTE_SPEAKER, QUOTE_CUE = "Quote-Speaker", "Quote-Cue"
STANCE_HOLDER, STANCE_TARGET, STANCE_EVIDENCE = "Stance-Holder", "Stance-Target", "Stance-Evidence"
RELATION_TYPES = (QUOTE_SPEAKER, QUOTE_CUE, STANCE_HOLDER, STANCE_TARGET, STANCE_EVIDENCE)
QUOTE_KIND, POLARITY = "QuoteKind", "Polarity"
TOPIC_NOTE = "AnnotatorNotes"
CONF_NAME = "annotation.conf"
_CONF_HEADER = "# Written by Tawsim"

# Python reads text files with universal newlines: CR alone also ends a line there.
_LINE_BREAK = re.compile(r"[\n\r]+")


def fragments(text: str, span: Span) -> list[tuple[int, int]]:
    """The pieces of ``span`` between line breaks (none if it holds nothing else)."""
    pieces = []
    start = span.start
    for brk in _LINE_BREAK.finditer(text, span.start, span.end):
        if brk.start() > start:
            pieces.append((start, brk.start()))
        start = brk.end()
    if start < span.end:
        pieces.append((start, span.end))
    return pieces


def one_line(value: str) -> str:
    """A note's text on one line (brat notes end at the line break)."""
    return _LINE_BREAK.sub(" ", value)


class AnnFile:
    """The lines of one ``.ann`` file, with brat's id counters."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines: list[str] = []
        self.counts = {"T": 0, "R": 0, "A": 0, "#": 0}

    def _next(self, kind: str) -> str:
        self.counts[kind] += 1
        return f"{kind}{self.counts[kind]}"

    def textbound(self, kind: str, span: Span) -> str | None:
        """Write a ``T`` line; None when the span is nothing but line breaks."""
        pieces = fragments(self.text, span)
        if not pieces:
            return None
        tid = self._next("T")
        offsets = ";".join(f"{s} {e}" for s, e in pieces)
        surface = " ".join(self.text[s:e] for s, e in pieces)
        self.lines.append(f"{tid}\t{kind} {offsets}\t{surface}")
        return tid

    def relation(self, kind: str, arg1: str, arg2: str) -> None:
        # brat's own writer ends relation lines with a TAB (an empty text field).
        self.lines.append(f"{self._next('R')}\t{kind} Arg1:{arg1} Arg2:{arg2}\t")

    def attribute(self, name: str, target: str, value: str) -> None:
        self.lines.append(f"{self._next('A')}\t{name} {target} {value}")

    def note(self, target: str, value: str) -> None:
        self.lines.append(f"{self._next('#')}\t{TOPIC_NOTE} {target}\t{one_line(value)}")

    def content(self) -> str:
        return "".join(line + "\n" for line in self.lines)


def ann_content(
    item: AnnotatedDocument, layers: tuple[str, ...]
) -> tuple[str, int, int, list[str]]:
    """The ``.ann`` text of one pair: (content, annotations written, dropped, why dropped)."""
    ann = AnnFile(item.document.text)
    written = dropped = 0
    why: list[str] = []
    entity_ids: dict[str, str] = {}
    spans = {a.uuid: a.span for a in item.annotations if isinstance(a, Entity)}

    def drop(reason: str) -> None:
        nonlocal dropped
        dropped += 1
        why.append(reason)

    if "entity" in layers:
        for entity in item.annotations:
            if isinstance(entity, Entity):
                tid = ann.textbound(entity.label, entity.span)
                if tid is None:
                    drop(f"entity {entity.uuid} covers only line breaks")
                    continue
                entity_ids[entity.uuid] = tid
                written += 1

    def argument(value: Span | Ref, span_type: str) -> str | None:
        if isinstance(value, Ref):
            if value.uuid in entity_ids:
                return entity_ids[value.uuid]
            if value.uuid not in spans:
                return None
            value = spans[value.uuid]  # entities not exported: keep the words
        return ann.textbound(span_type, value)

    if "quote" in layers:
        for quote in item.annotations:
            if not isinstance(quote, Quote):
                continue
            qid = ann.textbound(QUOTE, quote.content)
            if qid is None:
                drop(f"quote {quote.uuid} covers only line breaks")
                continue
            written += 1
            ann.attribute(QUOTE_KIND, qid, quote.kind)
            if quote.cue is not None:
                cue = ann.textbound(CUE, quote.cue)
                if cue is None:
                    why.append(f"quote {quote.uuid}: its cue covers only line breaks; left out")
                else:
                    ann.relation(QUOTE_CUE, qid, cue)
            if quote.speaker is not None:
                speaker = argument(quote.speaker, SPEAKER)
                if speaker is None:
                    why.append(f"quote {quote.uuid}: its speaker cannot be written; left out")
                else:
                    ann.relation(QUOTE_SPEAKER, qid, speaker)

    if "stance" in layers:
        for stance in item.annotations:
            if not isinstance(stance, Stance):
                continue
            anchor_span = (
                spans.get(stance.holder.uuid) if isinstance(stance.holder, Ref) else stance.holder
            )
            sid = ann.textbound(STANCE, anchor_span) if anchor_span is not None else None
            if sid is None:
                drop(f"stance {stance.uuid}: its holder cannot be written")
                continue
            written += 1
            ann.attribute(POLARITY, sid, stance.polarity)
            holder = argument(stance.holder, HOLDER)
            if holder is not None:
                ann.relation(STANCE_HOLDER, sid, holder)
            if isinstance(stance.target, Topic):
                ann.note(sid, stance.target.text)
            else:
                target = argument(stance.target, TARGET)
                if target is None:
                    why.append(f"stance {stance.uuid}: its target cannot be written; left out")
                else:
                    ann.relation(STANCE_TARGET, sid, target)
            for evidence in stance.evidence:
                eid = ann.textbound(EVIDENCE, evidence)
                if eid is not None:
                    ann.relation(STANCE_EVIDENCE, sid, eid)
    return ann.content(), written, dropped, why


def annotation_conf(schema: Schema) -> str:
    """brat's ``annotation.conf`` for the schema's labels and our quote/stance types."""
    entities = list(schema.entity_labels)
    return "\n".join(
        [
            _CONF_HEADER + ": entity labels, then the span types of quotes and stances.",
            "[entities]",
            *entities,
            *SPAN_TYPES,
            "",
            "[relations]",
            f"{QUOTE_SPEAKER}\tArg1:{QUOTE}, Arg2:{'|'.join([*entities, SPEAKER])}",
            f"{QUOTE_CUE}\tArg1:{QUOTE}, Arg2:{CUE}",
            f"{STANCE_HOLDER}\tArg1:{STANCE}, Arg2:{'|'.join([*entities, HOLDER])}",
            f"{STANCE_TARGET}\tArg1:{STANCE}, Arg2:{'|'.join([*entities, TARGET])}",
            f"{STANCE_EVIDENCE}\tArg1:{STANCE}, Arg2:{EVIDENCE}",
            "# Nested and overlapping spans are allowed (entities, quotes over speakers, ...).",
            "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>",
            "",
            "[events]",
            "",
            "[attributes]",
            f"{QUOTE_KIND}\tArg:{QUOTE}, Value:{'|'.join(schema.quote_kind_labels)}",
            f"{POLARITY}\tArg:{STANCE}, Value:{'|'.join(schema.polarity_labels)}",
            "",
        ]
    )


def _inside(root: Path, path: Path) -> bool:
    return path.resolve().is_relative_to(root)


def _write_file(path: Path, data: str) -> None:
    # O_NOFOLLOW: a symlink planted under --out must not send our bytes elsewhere.
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


class _Names:
    """Unique, safe file names per folder (case-insensitively, for macOS and Windows)."""

    def __init__(self) -> None:
        self.used: dict[Path, set[str]] = {}

    def take(self, folder: Path, wanted: str, doc_id: int) -> str:
        used = self.used.setdefault(folder, set())
        name = safe_name(wanted, f"doc-{doc_id}")
        if name.casefold() in used:
            name = f"{name}-{doc_id}"
        while name.casefold() in used:
            name += "_"
        used.add(name.casefold())
        return name


def _check_types(schema: Schema, layers: Iterable[str]) -> None:
    if not set(layers) & {"quote", "stance"}:
        return
    clash = sorted(set(schema.entity_labels) & set(SPAN_TYPES))
    if clash:
        raise UserError(
            f"entity label(s) {', '.join(clash)} have the names brat export gives quote and "
            "stance spans; export with --layer entity or rename the labels"
        )


def write(
    store: Store,
    out: Path,
    options: ExportOptions,
    progress: Callable[[int], None] | None = None,
) -> ExportReport:
    """Write ``.txt``/``.ann`` pairs and ``annotation.conf`` under the folder ``out``.

    The export is written into a hidden sibling folder, every file and folder fsynced,
    then renamed into place (:class:`corpus.exporters.common.AtomicFolder`): a killed
    export leaves at ``out`` nothing or a complete export. An existing ``out`` is
    replaced when empty or holding an earlier brat export of ours, else refused.

    Raises:
        UserError: ``out`` is a file, a folder of other files or cannot be created, a
            file cannot be written, or an entity label clashes with the quote/stance span types.
    """
    _check_types(store.schema, options.layers)
    annotators = store.annotators()
    if options.annotator is not None and options.annotator.strip() not in annotators:
        raise NotFoundError(f"no annotator named {options.annotator.strip()!r}")
    if out.exists() and not out.is_dir():
        raise UserError(f"{out}: is a file; brat export needs a folder")
    staging = atomic_folder(out, _holds_our_export)
    try:
        report = _write_into(store, staging.folder, options, annotators, progress)
        staging.commit()
    finally:
        staging.discard()
    report.files = [str(out)]
    return report


def _holds_our_export(folder: Path) -> bool:
    """Whether ``folder`` holds an earlier brat export of ours (its annotation.conf says so)."""
    try:
        with (folder / CONF_NAME).open(encoding="utf-8") as conf:
            return conf.readline().startswith(_CONF_HEADER)
    except (OSError, UnicodeDecodeError):
        return False


def _write_into(
    store: Store,
    out: Path,
    options: ExportOptions,
    annotators: list[str],
    progress: Callable[[int], None] | None,
) -> ExportReport:
    try:
        root = out.resolve()
        _write_file(out / CONF_NAME, annotation_conf(store.schema))
    except OSError as exc:
        raise UserError(f"{out}: cannot write: {exc.strerror or exc}") from exc
    report = ExportReport()
    by_annotator = options.annotator is None and len(annotators) > 1
    names = _Names()
    made: set[Path] = set()
    why_dropped: list[str] = []
    read_layers = store_layers(options.layers)
    part_for = part_chooser(store, options.annotator, options.status, options.split, options.seed)
    for item in store.iter_annotated(options.annotator, options.status, read_layers):
        folder = out
        if options.split is not None:
            folder = folder / part_for(item.document.sha256)
        if by_annotator:
            folder = folder / safe_name(item.annotator, "annotator")
        name = names.take(folder, document_id(item), item.document.id)
        content, written, dropped, why = ann_content(item, options.layers)
        try:
            if folder not in made:
                folder.mkdir(parents=True, exist_ok=True)
                if not _inside(root, folder):
                    raise UserError(f"{folder}: leads outside {out}; not written")
                made.add(folder)
            _write_file(folder / f"{name}.txt", item.document.text)
            _write_file(folder / f"{name}.ann", content)
        except OSError as exc:
            raise UserError(
                f"{exc.filename or folder}: cannot write: {exc.strerror or exc}"
            ) from exc
        report.documents += 1
        report.annotations += written
        report.dropped += dropped
        why_dropped += [f"{name}: {w}" for w in why[: max(0, 20 - len(why_dropped))]]
        if progress is not None and report.documents % 256 == 0:
            progress(report.documents)
    if progress is not None:
        progress(report.documents)
    if report.dropped or why_dropped:
        report.notes.append(
            f"{report.dropped} annotation(s) could not be written in brat (a span of line "
            "breaks only has no brat form); " + "; ".join(why_dropped)
        )
    return report
