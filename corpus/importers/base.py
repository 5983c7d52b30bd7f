"""What every importer shares: decoding, text checks, and line-numbered rejections."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus.model import Entity, NewDocument, Span


@dataclass(frozen=True, slots=True)
class Rejection:
    """A record that was not imported, with where it came from and why."""

    source: str
    line: int | None
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "line": self.line, "reason": self.reason}

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"


@dataclass(slots=True)
class ImportSummary:
    """The totals an import reports (``--json`` prints exactly these keys and more)."""

    imported: int = 0
    duplicates: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    annotations: int = 0
    repaired: int = 0
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "imported": self.imported,
            "duplicates": self.duplicates,
            "rejected": [r.to_json() for r in self.rejected],
            "annotations": self.annotations,
            "repaired": self.repaired,
            "notes": self.notes,
        }


class DecodeError(Exception):
    """A file that is not valid UTF-8 (message names the byte offset)."""


# Longest first: a UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def bom_encoding(head: bytes) -> tuple[str, int] | None:
    """(codec, length of the mark) for data that starts with a UTF-16/32 byte-order mark."""
    for mark, codec in _BOMS:
        if head.startswith(mark):
            return codec, len(mark)
    return None


def utf16_without_bom(head: bytes) -> str | None:
    """Why ``head`` cannot be read if it looks like UTF-16 without a byte-order mark.

    UTF-8 text has no NUL bytes; UTF-16 has one in every other byte for each ASCII
    character (spaces, digits, punctuation, JSON and CSV syntax), on one side only.
    """
    sample = head[:8192]
    if b"\x00" not in sample or len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd >= half // 20 and even * 20 <= odd:
        order = "little-endian"
    elif even >= half // 20 and odd * 20 <= even:
        order = "big-endian"
    else:
        return None
    return (
        f"looks like UTF-16 ({order}) without a byte-order mark (a NUL in every other "
        "byte): save it as UTF-8, or as UTF-16 with a byte-order mark"
    )


def decode(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM), or UTF-16/32 with a BOM → text, CRLF and lone CR
    folded to LF.

    Raises:
        DecodeError: naming the byte offset of the first bad byte, or saying that the
            data looks like UTF-16 without a byte-order mark.
    """
    bom = bom_encoding(data)
    if bom is not None:
        codec, skip = bom
        try:
            text = data[skip:].decode(codec)
        except UnicodeDecodeError as exc:
            raise DecodeError(f"not valid {codec.upper()} at byte {exc.start + skip}") from exc
        return fold_newlines(text)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    guess = utf16_without_bom(data)
    if guess is not None:
        raise DecodeError(guess)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DecodeError(f"not valid UTF-8 at byte {exc.start}") from exc
    return fold_newlines(text)


def fold_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_text_file(path: Path) -> str:
    return decode(path.read_bytes(), str(path))


# C0 controls but tab, newline and carriage return: stored text is never changed to
# drop them, so a text that has one is refused, saying where.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CONTROL_BYTES = bytes(c for c in range(0x20) if chr(c) not in "\t\n\r")


def text_problem(text: Any) -> str | None:
    """Why ``text`` cannot be stored as a document, or None if it can.

    Bidi controls, zero-width joiners, tatweel, diacritics and emoji are all fine;
    C0 control characters other than tab, newline and carriage return are not.
    """
    if not isinstance(text, str):
        return f"text must be a string, not {json_kind(text)}"
    if not text or text.isspace():  # as `not text.strip()`, without copying the text
        return "empty text"
    try:
        encoded = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"lone surrogate U+{ord(text[exc.start]):04X} at offset {exc.start}"
    # Bytes below 0x20 in UTF-8 are those characters themselves; deleting them is
    # several times faster than searching the text, which is done only when one is there.
    if len(encoded.translate(None, _CONTROL_BYTES)) != len(encoded):
        control = _CONTROL.search(text)
        assert control is not None
        char = control.group()
        name = "NUL character" if char == "\x00" else "control character"
        return (
            f"{name} U+{ord(char):04X} at offset {control.start()} (only tab, newline "
            "and carriage return are allowed)"
        )
    return None


def json_kind(value: Any) -> str:
    """The JSON name of a parsed value's type: object, array, number..."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if value is None:
        return "null"
    return type(value).__name__


def title_from_text(text: str, limit: int = 200) -> str:
    """The first non-empty line, trimmed, cut at ``limit`` characters."""
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            return stripped[:limit]
    return ""


def new_document(
    text: str,
    source: str,
    line: int | None,
    title: str | None = None,
    external_id: str | None = None,
    metadata: dict[str, Any] | None = None,
) -> NewDocument | Rejection:
    """A checked NewDocument, or the Rejection that says why not."""
    problem = text_problem(text)
    if problem is None and title is not None:
        problem = text_problem(title) if title.strip() else None
        if problem:
            problem = f"title: {problem}"
    if problem is not None:
        return Rejection(source, line, problem)
    text = fold_newlines(text.removeprefix("\ufeff"))
    clean_title = (title or "").strip() or title_from_text(text)
    return NewDocument(
        text=text,
        title=clean_title,
        external_id=external_id,
        source=source,
        line=line,
        metadata=metadata or {},
    )


def premade_entity(start: int, end: int, label: str) -> Entity:
    """An entity for ``NewDocument.annotations``: the store fills in document and annotator."""
    return Entity(str(uuid.uuid4()), 0, "", Span(start, end), label)
