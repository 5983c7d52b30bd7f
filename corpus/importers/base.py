"""What every importer shares: decoding, text checks, and line-numbered rejections."""

from __future__ import annotations

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


def decode(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM) → text, CRLF and lone CR folded to LF.

    Raises:
        DecodeError: naming the file and the byte offset of the first bad byte.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
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


def text_problem(text: Any) -> str | None:
    """Why ``text`` cannot be stored as a document, or None if it can.

    Bidi controls, zero-width joiners, tatweel, diacritics and emoji are all fine.
    """
    if not isinstance(text, str):
        return f"text must be a string, not {type(text).__name__}"
    if not text or text.isspace():  # as `not text.strip()`, without copying the text
        return "empty text"
    if "\x00" in text:
        return f"NUL character at offset {text.index(chr(0))}"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"lone surrogate U+{ord(text[exc.start]):04X} at offset {exc.start}"
    return None


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
