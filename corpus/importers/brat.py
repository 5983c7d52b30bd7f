"""``brat`` import: ``NAME.txt`` + ``NAME.ann`` standoff pairs, a folder (recursively) or files.

What is read (the types ``corpus.exporters.brat`` writes):

- ``T`` lines: entities, typed with their label (the import maps it onto the schema with
  ``--map``, and reports a label it cannot map); ``Quote``, ``Cue``, ``Speaker``,
  ``Stance``, ``Holder``, ``Target`` and ``Evidence`` are the spans of quotes and stances.
  A discontinuous span (``5 7;9 10``) becomes its enclosing span: silently when only line
  breaks lie between the fragments (that is how brat writes a span across lines), else it
  is reported.
- ``R`` lines ``Quote-Speaker``, ``Quote-Cue``, ``Stance-Holder``, ``Stance-Target`` and
  ``Stance-Evidence``; ``A`` lines ``QuoteKind`` (on a ``Quote``) and ``Polarity`` (on a
  ``Stance``); an ``AnnotatorNotes`` note on a ``Stance`` without a target is its topic.
  A ``Stance`` without a ``Stance-Holder`` relation has its own span as holder.

Everything else a brat file may hold (other relation, event, attribute, note,
equivalence and normalisation types, quotes without a kind, ...) has no meaning for
Tawsim: it is not imported, and each kind of it is reported once per file as a
Rejection naming the file, the first line and the lines concerned, so the import ends
with exit status 1 and nothing is dropped silently. The document and what could be read
still go in.

A malformed line, an id used twice or never defined, or a span whose text is not
``text[start:end]`` rejects the whole document (every fault is listed with its line):
the store gets all of a document's annotations or none of them.

Offsets are code points of the ``.txt`` as brat reads it; a BOM and CRLF line ends are
dropped from the stored text with the offsets moved to match.
"""

from __future__ import annotations

import bisect
import itertools
import re
import uuid as uuidlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from corpus.errors import ValidationError
from corpus.exporters.brat import (
    CUE,
    EVIDENCE,
    HOLDER,
    POLARITY,
    QUOTE,
    QUOTE_CUE,
    QUOTE_KIND,
    QUOTE_SPEAKER,
    RELATION_TYPES,
    SPAN_TYPES,
    SPEAKER,
    STANCE,
    STANCE_EVIDENCE,
    STANCE_HOLDER,
    STANCE_TARGET,
    TARGET,
    TOPIC_NOTE,
)
from corpus.importers import Format, ImportOptions, Item, register
from corpus.importers.base import (
    DecodeError,
    Rejection,
    decode,
    text_problem,
    title_from_text,
)
from corpus.model import (
    Annotation,
    Entity,
    NewDocument,
    Quote,
    Ref,
    Span,
    Stance,
    Topic,
)

UNUSED = " has no meaning in Tawsim: not imported"
# brat's ids: a letter for the kind of line and a number; equivalences have none.
_ID = re.compile(r"[TRENAM#][0-9]+|\*")
MAX_FAULTS = 10


@dataclass(slots=True)
class TextBound:
    """A ``T`` line: its type, enclosing span (in the raw .txt) and line number."""

    tid: str
    kind: str
    start: int
    end: int
    line: int
    uuid: str = field(default_factory=lambda: str(uuidlib.uuid4()))


@dataclass(slots=True)
class Parsed:
    """One .ann file, parsed but not yet interpreted."""

    textbounds: dict[str, TextBound] = field(default_factory=dict)
    # (id, type, {role: target id}, line)
    relations: list[tuple[str, str, dict[str, str], int]] = field(default_factory=list)
    # (id, name, target id, value or None, line)
    attributes: list[tuple[str, str, str, str | None, int]] = field(default_factory=list)
    # (id, type, target id, text, line)
    notes: list[tuple[str, str, str, str, int]] = field(default_factory=list)
    # everything else that is well-formed but not ours: (what, line)
    foreign: list[tuple[str, int]] = field(default_factory=list)
    faults: list[tuple[int, str]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    # discontinuous spans with words between the fragments: (T id, offsets, line)
    widened: list[tuple[str, str, int]] = field(default_factory=list)


def _offsets(spec: str) -> list[tuple[int, int]] | None:
    pieces = []
    for fragment in spec.split(";"):
        parts = fragment.split()
        if len(parts) != 2 or not all(p.isdigit() for p in parts):
            return None
        pieces.append((int(parts[0]), int(parts[1])))
    return pieces


def parse_ann(content: str, text: str) -> Parsed:
    """Parse an .ann file against its (raw) text; faults and foreign lines are collected."""
    parsed = Parsed()
    references: list[tuple[str, int]] = []  # (id referred to, line)
    for number, raw in enumerate(content.split("\n"), 1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        ann_id, tab, rest = line.partition("\t")
        if not tab or not _ID.fullmatch(ann_id):
            parsed.faults.append(
                (
                    number,
                    f"not a brat annotation line (an id like T1, R1, A1, #1 then a TAB): "
                    f"{line[:60]!r}",
                )
            )
            continue
        if ann_id != "*" and ann_id in parsed.ids:
            parsed.faults.append((number, f"id {ann_id} is used twice"))
            continue
        parsed.ids.add(ann_id)
        head, _, tail = rest.partition("\t")
        fields = head.split()
        kind = ann_id[0]
        if kind == "T":
            if len(fields) < 3:
                parsed.faults.append((number, f"{ann_id}: expected 'TYPE START END', got {head!r}"))
                continue
            pieces = _offsets(" ".join(fields[1:]))
            if not pieces:
                parsed.faults.append((number, f"{ann_id}: bad offsets {' '.join(fields[1:])!r}"))
                continue
            bad = next(((s, e) for s, e in pieces if not 0 <= s < e <= len(text)), None)
            if bad is not None:
                parsed.faults.append(
                    (
                        number,
                        f"{ann_id}: span [{bad[0]}, {bad[1]}) does not fit the text "
                        f"({len(text)} characters)",
                    )
                )
                continue
            surface = " ".join(text[s:e] for s, e in pieces)
            if surface != tail:
                parsed.faults.append(
                    (
                        number,
                        f"{ann_id}: text {tail!r} is not the text at {' '.join(fields[1:])}, "
                        f"which is {surface!r}",
                    )
                )
                continue
            start, end = min(s for s, _ in pieces), max(e for _, e in pieces)
            gaps = [text[a[1] : b[0]] for a, b in itertools.pairwise(pieces)]
            if any(g.strip() for g in gaps) or sorted(pieces) != pieces:
                parsed.widened.append((ann_id, " ".join(fields[1:]), number))
            parsed.textbounds[ann_id] = TextBound(ann_id, fields[0], start, end, number)
        elif kind == "R":
            args = dict(a.split(":", 1) for a in fields[1:] if ":" in a)
            if len(fields) != 3 or len(args) != 2:
                parsed.faults.append(
                    (number, f"{ann_id}: expected 'TYPE Arg1:ID Arg2:ID', got {head!r}")
                )
                continue
            parsed.relations.append((ann_id, fields[0], args, number))
            references += [(target, number) for target in args.values()]
        elif kind in "AM":
            if len(fields) not in (2, 3):
                parsed.faults.append(
                    (number, f"{ann_id}: expected 'NAME ID [VALUE]', got {head!r}")
                )
                continue
            value = fields[2] if len(fields) == 3 else None
            parsed.attributes.append((ann_id, fields[0], fields[1], value, number))
            references.append((fields[1], number))
        elif kind == "#":
            if len(fields) != 2:
                parsed.faults.append(
                    (number, f"{ann_id}: expected 'TYPE ID<TAB>TEXT', got {head!r}")
                )
                continue
            parsed.notes.append((ann_id, fields[0], fields[1], tail, number))
            references.append((fields[1], number))
        elif kind == "E":
            if not fields or ":" not in fields[0]:
                parsed.faults.append(
                    (number, f"{ann_id}: expected 'TYPE:TRIGGER ...', got {head!r}")
                )
                continue
            parsed.foreign.append((f"event type {fields[0].split(':')[0]!r}", number))
        elif kind == "*":
            parsed.foreign.append((f"equivalence {fields[0] if fields else '?'!r}", number))
        elif kind == "N":
            parsed.foreign.append((f"normalisation {fields[0] if fields else '?'!r}", number))
    for target, number in references:
        if target not in parsed.ids:
            parsed.faults.append((number, f"refers to {target}, which the file does not define"))
    return parsed


@dataclass(slots=True)
class Interpretation:
    """Our annotations from a parsed file, and what could not be taken (what, line)."""

    annotations: list[Annotation]
    left_out: list[tuple[str, int]]


def interpret(parsed: Parsed, shift: OffsetMap) -> Interpretation:
    """Turn parsed lines into entities, quotes and stances (offsets mapped by ``shift``)."""
    left_out = [(f"{what}{UNUSED}", number) for what, number in parsed.foreign]
    bounds = parsed.textbounds

    def span(tb: TextBound) -> Span:
        return Span(shift(tb.start), shift(tb.end))

    for tid, offsets, number in parsed.widened:
        left_out.append(
            (
                f"discontinuous span {tid} ({offsets}) imported as its enclosing "
                "span, words between its fragments included",
                number,
            )
        )
    entities = {tid: tb for tid, tb in bounds.items() if tb.kind not in SPAN_TYPES}
    quotes = {tid: tb for tid, tb in bounds.items() if tb.kind == QUOTE}
    stances = {tid: tb for tid, tb in bounds.items() if tb.kind == STANCE}
    used: set[str] = set(entities) | set(quotes) | set(stances)
    # role → anchor id → argument ids in file order
    args: dict[str, dict[str, list[tuple[str, int]]]] = {r: {} for r in RELATION_TYPES}
    anchor_of = {
        QUOTE_SPEAKER: quotes,
        QUOTE_CUE: quotes,
        STANCE_HOLDER: stances,
        STANCE_TARGET: stances,
        STANCE_EVIDENCE: stances,
    }
    for _rid, kind, roles, number in parsed.relations:
        if kind not in args:
            left_out.append((f"relation type {kind!r}{UNUSED}", number))
            continue
        arg1, arg2 = roles.get("Arg1"), roles.get("Arg2")
        if arg1 not in anchor_of[kind] or arg2 not in bounds:
            left_out.append(
                (
                    f"{kind} relation not from a {kind.split('-')[0]} span to a "
                    "text span: not imported",
                    number,
                )
            )
            continue
        args[kind].setdefault(arg1, []).append((arg2, number))
        used.add(arg2)
    kinds: dict[str, tuple[str, int]] = {}
    for _aid, name, owner, value, number in parsed.attributes:
        wanted = {QUOTE_KIND: quotes, POLARITY: stances}.get(name)
        if wanted is None:
            left_out.append((f"attribute {name!r}{UNUSED}", number))
        elif owner not in wanted or value is None:
            on = QUOTE if name == QUOTE_KIND else STANCE
            left_out.append(
                (f"{name} attribute not on a {on} span, or without a value: not imported", number)
            )
        elif owner in kinds:
            left_out.append((f"second {name} attribute of one span: not imported", number))
        else:
            kinds[owner] = (value, number)
    topics: dict[str, str] = {}
    for _nid, kind, owner, text, number in parsed.notes:
        if (
            kind == TOPIC_NOTE
            and owner in stances
            and owner not in topics
            and owner not in args[STANCE_TARGET]
            and text.strip()
        ):
            topics[owner] = text
        else:
            left_out.append((f"note type {kind!r} on {owner[:1] or '?'} lines{UNUSED}", number))

    annotations: list[Annotation] = []
    for tb in entities.values():
        annotations.append(Entity(tb.uuid, 0, "", span(tb), tb.kind))

    def argument(tid: str) -> Span | Ref:
        tb = bounds[tid]
        return Ref(tb.uuid) if tid in entities else span(tb)

    def single(kind: str, anchor: str) -> str | None:
        found = args[kind].get(anchor, [])
        for _, number in found[1:]:
            left_out.append((f"second {kind} relation of one span: not imported", number))
        return found[0][0] if found else None

    for tid, tb in quotes.items():
        if tid not in kinds:
            left_out.append(
                (f"{QUOTE} span without a {QUOTE_KIND} attribute: quote not imported", tb.line)
            )
            continue
        # A cue drawn to an entity keeps the entity and takes its span: nothing is lost.
        cue_id, speaker_id = single(QUOTE_CUE, tid), single(QUOTE_SPEAKER, tid)
        annotations.append(
            Quote(
                tb.uuid,
                0,
                "",
                span(tb),
                kinds[tid][0],
                cue=span(bounds[cue_id]) if cue_id else None,
                speaker=argument(speaker_id) if speaker_id else None,
            )
        )
    for tid, tb in stances.items():
        holder_id, target_id = single(STANCE_HOLDER, tid), single(STANCE_TARGET, tid)
        if tid not in kinds:
            left_out.append(
                (f"{STANCE} span without a {POLARITY} attribute: stance not imported", tb.line)
            )
            continue
        target: Span | Ref | Topic
        if target_id is not None:
            target = argument(target_id)
        elif tid in topics:
            target = Topic(topics[tid])
        else:
            left_out.append(
                (
                    f"{STANCE} span without a {STANCE_TARGET} relation or a topic "
                    "note: stance not imported",
                    tb.line,
                )
            )
            continue
        evidence = tuple(span(bounds[e]) for e, _ in args[STANCE_EVIDENCE].get(tid, []))
        annotations.append(
            Stance(
                tb.uuid,
                0,
                "",
                argument(holder_id) if holder_id else span(tb),
                target,
                kinds[tid][0],
                evidence,
            )
        )
    for tid, tb in bounds.items():
        if tid not in used and tb.kind in (CUE, SPEAKER, HOLDER, TARGET, EVIDENCE):
            left_out.append((f"{tb.kind} span that no quote or stance uses: not imported", tb.line))
    return Interpretation(annotations, left_out)


class OffsetMap:
    """Raw .txt offsets → offsets in the stored text (BOM dropped, CRLF folded)."""

    def __init__(self, raw: str, bom_counted: bool) -> None:
        self.base = 1 if bom_counted else 0
        body = raw[self.base :]
        self.crlf = [i for i in range(len(body) - 1) if body[i] == "\r" and body[i + 1] == "\n"]

    def __call__(self, offset: int) -> int:
        offset -= self.base
        return offset - bisect.bisect_left(self.crlf, offset)


def _report(source: str, left_out: list[tuple[str, int]]) -> Iterator[Rejection]:
    """One Rejection per kind of thing left out, at its first line, listing the others."""
    grouped: dict[str, list[int]] = {}
    for what, number in left_out:
        grouped.setdefault(what, []).append(number)
    for what, numbers in grouped.items():
        numbers = sorted(numbers)
        shown = ", ".join(str(n) for n in numbers[:8]) + (", …" if len(numbers) > 8 else "")
        yield Rejection(source, numbers[0], f"{what} ({len(numbers)} line(s): {shown})")


def read_pair(ann_path: Path, txt_path: Path, external_id: str) -> Iterator[Item]:
    """One brat document: the NewDocument (unless faulty) and reports of what was left out."""
    source = str(ann_path)
    try:
        raw_bytes = txt_path.read_bytes()
        ann_bytes = ann_path.read_bytes()
    except OSError as exc:
        yield Rejection(source, None, f"cannot read {exc.filename}: {exc.strerror or exc}")
        return
    try:
        raw = raw_bytes.decode("utf-8")
    except UnicodeDecodeError as exc:
        yield Rejection(str(txt_path), None, f"not valid UTF-8 at byte {exc.start}")
        return
    try:
        content = decode(ann_bytes, source)
    except DecodeError as exc:
        yield Rejection(source, None, str(exc))
        return
    # brat counts a BOM as a character; some tools do not. Take what fits the file.
    bom = raw.startswith("\ufeff")
    parsed = parse_ann(content, raw)
    bom_counted = bom
    if bom and parsed.faults:
        without = parse_ann(content, raw[1:])
        if len(without.faults) < len(parsed.faults):
            parsed, bom_counted = without, False
    if parsed.faults:
        for number, reason in parsed.faults[:MAX_FAULTS]:
            yield Rejection(source, number, f"{reason} (document not imported)")
        more = parsed.faults[MAX_FAULTS:]
        if more:
            yield Rejection(
                source,
                more[0][0],
                f"and {len(more)} more faulty line(s) after these (document not imported)",
            )
        return
    text = decode(raw_bytes, str(txt_path))
    problem = text_problem(text)
    if problem:
        yield Rejection(str(txt_path), None, problem)
        return
    shift = OffsetMap(raw if bom_counted or not bom else raw[1:], bom_counted)
    try:
        found = interpret(parsed, shift)
    except ValidationError as exc:  # a span over the BOM alone, say
        yield Rejection(source, None, f"{exc} (document not imported)")
        return
    yield from _report(source, found.left_out)
    yield NewDocument(
        text=text,
        title=title_from_text(text),
        external_id=external_id,
        source=source,
        annotations=tuple(found.annotations),
    )


def read(path: Path, options: ImportOptions) -> Iterator[Item]:
    """Documents of a brat folder (recursively, sorted) or of one ``.ann``/``.txt`` file."""
    del options
    if path.is_dir():
        anns = sorted(p for p in path.rglob("*.ann") if p.is_file())
        paired = {p.with_suffix(".txt") for p in anns}
        for ann_path in anns:
            txt_path = ann_path.with_suffix(".txt")
            external = ann_path.relative_to(path).with_suffix("").as_posix()
            if not txt_path.is_file():
                yield Rejection(
                    str(ann_path),
                    None,
                    f"no {txt_path.name} beside it: "
                    "a brat document is a .txt/.ann pair (not imported)",
                )
                continue
            yield from read_pair(ann_path, txt_path, external)
        for txt_path in sorted(p for p in path.rglob("*.txt") if p.is_file()):
            if txt_path not in paired:
                yield Rejection(
                    str(txt_path),
                    None,
                    f"no {txt_path.with_suffix('.ann').name} "
                    "beside it: not a brat document (not imported)",
                )
        return
    ann_path, txt_path = path.with_suffix(".ann"), path.with_suffix(".txt")
    if path.suffix.lower() not in (".ann", ".txt"):
        yield Rejection(str(path), None, "a brat document is a .txt/.ann pair")
        return
    missing = next((p for p in (ann_path, txt_path) if not p.is_file()), None)
    if missing is not None:
        yield Rejection(
            str(path),
            None,
            f"no {missing.name} beside it: a brat document is a .txt/.ann pair (not imported)",
        )
        return
    yield from read_pair(ann_path, txt_path, path.stem)


register(Format("brat", (".ann",), read, annotated=True, takes_folders=True))
