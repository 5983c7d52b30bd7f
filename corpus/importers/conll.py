"""``conll`` import: token-per-line BIO files such as ANERcorp, NewsFANE or Wojood.

Each line is ``TOKEN TAG [TAG ...]``, columns separated by spaces or tabs; a blank (or
white-space-only) line ends a sentence. The tags are the trailing columns that look
like tags (``O``, ``B-X``, ``I-X``, and the ``E-``/``S-``/``L-``/``U-`` of IOBES and
BILOU); columns between the token and the tags (a POS column, say) are ignored.
Several tags on one token are nested entities (Wojood lists the outer first); an
``I-X`` continues the ``X`` entity open on the token before, matched in column order.

The text of a document is its tokens joined by single spaces, one sentence a line, so
every token and sentence boundary is recorded in the text itself; the document's
metadata says so (``"tokenization": "whitespace-lines"``) and the CoNLL exporter then
writes back exactly these tokens and sentences.

Documents: a file whose first line is ``-DOCSTART-`` is cut at its ``-DOCSTART-``
lines (CoNLL-2003); any other file (ANERcorp keeps no article boundaries) is cut
every :data:`SENTENCES_PER_DOCUMENT` sentences, about a news article's length. No
document grows beyond :data:`MAX_SENTENCES_PER_DOCUMENT` sentences either way.

Broken BIO is repaired the way seqeval reads it: an ``I-X`` that does not continue an
``X`` (after ``O``, at a sentence start, after another type) starts a new entity. The
number of repairs is kept in the document's metadata (``bio_repairs``) and summed in
the import summary. A line without a tag, or with a tag that is not BIO, rejects its
sentence with the file, line and reason; the rest of the file still goes in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus.importers import Format, ImportOptions, Item, register
from corpus.importers.base import Rejection, premade_entity, text_problem, title_from_text
from corpus.model import Entity, NewDocument
from corpus.tagsets import check_tagset, import_label
from corpus.tokens import TOKENIZATION_KEY, WHITESPACE_LINES

SENTENCES_PER_DOCUMENT = 20
MAX_SENTENCES_PER_DOCUMENT = 2000
DOCSTART = "-DOCSTART-"
REPAIRS_KEY = "bio_repairs"

_TAG = re.compile(r"O|[BIESLU]-\S+")


@dataclass(slots=True)
class _Sentence:
    tokens: list[str] = field(default_factory=list)
    tags: list[list[str]] = field(default_factory=list)
    first_line: int = 0
    problem: Rejection | None = None


def decode_tags(tags: list[list[str]]) -> tuple[list[tuple[int, int, str]], int]:
    """Entities ``(first token, last token + 1, type)`` of one sentence, and the repairs.

    ``tags[i]`` are token ``i``'s tags in column order. ``B``/``S``/``U`` start an
    entity (``S``/``U`` end it at once); ``I``/``E``/``L`` continue the first entity
    of that type open on the previous token that no earlier column continued
    (``E``/``L`` end it). A continuation with nothing to continue starts an entity
    and counts as a repair, as seqeval reads it.
    """
    found: list[tuple[int, int, str]] = []
    repairs = 0
    open_now: list[tuple[int, str]] = []
    for i, token_tags in enumerate(tags):
        open_next: list[tuple[int, str]] = []
        continued: set[int] = set()
        for tag in token_tags:
            if tag == "O":
                continue
            prefix, kind = tag[0], tag[2:]
            start = i
            if prefix in "IEL":
                match = next(
                    (j for j, (_, k) in enumerate(open_now) if k == kind and j not in continued),
                    None,
                )
                if match is None:
                    repairs += 1
                else:
                    continued.add(match)
                    start = open_now[match][0]
            if prefix in "SUEL":
                found.append((start, i + 1, kind))
            else:
                open_next.append((start, kind))
        for j, (start, kind) in enumerate(open_now):
            if j not in continued:
                found.append((start, i, kind))
        open_now = open_next
    found += [(start, len(tags), kind) for start, kind in open_now]
    found.sort()
    return found, repairs


class _DocumentBuilder:
    """Collects sentences and turns them into one NewDocument."""

    def __init__(self, path: Path, number: int, tagset: str) -> None:
        self.path = path
        self.number = number
        self.tagset = tagset
        self.lines: list[str] = []
        self.entities: list[Entity] = []
        self.repairs = 0
        self.length = 0
        self.first_line: int | None = None
        self.last_line = 0

    def add(self, sentence: _Sentence, last_line: int) -> None:
        if self.first_line is None:
            self.first_line = sentence.first_line
        self.last_line = last_line
        if self.lines:
            self.length += 1  # the line break before this sentence
        offsets = []
        for token in sentence.tokens:
            offsets.append(self.length)
            self.length += len(token) + 1
        self.length -= 1  # no space after the last token
        spans, repairs = decode_tags(sentence.tags)
        self.repairs += repairs
        for first, last, kind in spans:
            start = offsets[first]
            end = offsets[last - 1] + len(sentence.tokens[last - 1])
            self.entities.append(premade_entity(start, end, import_label(self.tagset, kind)))
        self.lines.append(" ".join(sentence.tokens))

    def build(self) -> NewDocument | Rejection | None:
        if not self.lines:
            return None
        text = "\n".join(self.lines)
        problem = text_problem(text)
        if problem is not None:
            return Rejection(str(self.path), self.first_line, problem)
        metadata: dict[str, Any] = {
            TOKENIZATION_KEY: WHITESPACE_LINES,
            "sentences": len(self.lines),
            "lines": [self.first_line, self.last_line],
            REPAIRS_KEY: self.repairs,
        }
        return NewDocument(
            text=text,
            title=title_from_text(text),
            external_id=f"{self.path.stem}-{self.number}",
            source=str(self.path),
            line=self.first_line,
            metadata=metadata,
            annotations=tuple(self.entities),
        )


def read(path: Path, options: ImportOptions) -> Iterator[Item]:
    """Documents of one CoNLL/BIO file, with their entities (see the module docstring)."""
    check_tagset(options.tagset)
    source = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Rejection(source, None, f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        number = 1
        document = _DocumentBuilder(path, number, options.tagset)
        sentence = _Sentence()
        docstart_mode: bool | None = None
        sentences_in_doc = 0
        line_no = 0

        def end_sentence() -> Iterator[Item]:
            nonlocal sentence, sentences_in_doc
            if sentence.problem is not None:
                yield sentence.problem
            elif sentence.tokens:
                document.add(sentence, line_no - 1)
                sentences_in_doc += 1
            sentence = _Sentence()

        def end_document() -> Iterator[Item]:
            nonlocal document, number, sentences_in_doc
            built = document.build()
            if built is not None:
                yield built
                number += 1
            document = _DocumentBuilder(path, number, options.tagset)
            sentences_in_doc = 0

        for raw in handle:
            line_no += 1
            if line_no == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                if sentence.problem is None:
                    sentence.problem = Rejection(
                        source,
                        line_no,
                        f"not valid UTF-8 at byte {exc.start} of the line; "
                        "its sentence was not imported",
                    )
                sentence.first_line = sentence.first_line or line_no
                continue
            columns = line.split()
            if not columns:
                yield from end_sentence()
                limit = MAX_SENTENCES_PER_DOCUMENT if docstart_mode else SENTENCES_PER_DOCUMENT
                if sentences_in_doc >= limit:
                    yield from end_document()
                continue
            if columns[0] == DOCSTART:
                if docstart_mode is None:
                    docstart_mode = True
                yield from end_sentence()
                yield from end_document()
                continue
            if docstart_mode is None:
                docstart_mode = False
            if not sentence.tokens and sentence.problem is None:
                sentence.first_line = line_no
            tags = _trailing_tags(columns)
            if not tags and sentence.problem is None:
                shown = line.strip()[:60]
                sentence.problem = Rejection(
                    source,
                    line_no,
                    f"no BIO tag in {shown!r} (want TOKEN TAG, the tag O, B-TYPE or I-TYPE); "
                    "its sentence was not imported",
                )
            sentence.tokens.append(columns[0])
            sentence.tags.append(tags)
        line_no += 1  # the sentence in hand ends before the (missing) next line
        yield from end_sentence()
        yield from end_document()


def _trailing_tags(columns: list[str]) -> list[str]:
    """The tags of a line: its trailing columns that look like BIO tags (not the token)."""
    first = len(columns)
    while first > 1 and _TAG.fullmatch(columns[first - 1]):
        first -= 1
    return columns[first:]


register(Format("conll", (".conll", ".bio", ".iob", ".tsv", ".txt"), read, annotated=True))
