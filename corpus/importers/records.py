"""JSON records of a file, each with the line it starts on.

One reader for the shapes annotation tools write: JSON lines (doccano), a JSON array
of records (Label Studio), and one or more pretty-printed objects (Label Studio 0.x
completion files, doccano's example "jsonl" that spans 49 lines). JSON lines are read
line by line; the other shapes are parsed whole.

Every value is parsed strictly (:func:`parse_json`): what Python's ``json`` lets
through but JSON forbids or the store cannot keep — ``NaN``, ``Infinity``, numbers
too big for a float, duplicate keys, nesting too deep to handle — rejects its record
with the field named, and the file's other records are read on. Files are UTF-8
(with or without a byte-order mark) or UTF-16/32 with a byte-order mark; a UTF-16
file without one is refused with a message that says so.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from corpus.importers.base import Rejection, bom_encoding, utf16_without_bom

Record = tuple[int, Any]

_UTF8_BOM = b"\xef\xbb\xbf"


class JsonValueError(ValueError):
    """A JSON text Python would read but Tawsim refuses; the message names the field."""


def _strict_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    record = dict(pairs)
    if len(record) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise JsonValueError(f"field {key!r} appears twice in one object")
            seen.add(key)
    return record


class _BadNumber(JsonValueError):
    """A number JSON does not allow; its field is found afterwards (the parser's
    hooks do not know where they are)."""

    def __init__(self, number: str, why: str) -> None:
        super().__init__(f"{number} is not allowed ({why})")


def _no_constant(name: str) -> Any:
    raise _BadNumber(name, "JSON has no NaN or Infinity")


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise _BadNumber(text, "too big for a number")
    return value


_STRICT = json.JSONDecoder(
    object_pairs_hook=_strict_object, parse_constant=_no_constant, parse_float=_finite_float
)


class _Bad:
    """Where a number JSON does not allow was: found again to name its field."""

    def __init__(self, text: str) -> None:
        self.text = text


def _marked_float(text: str) -> float | _Bad:
    value = float(text)
    return _Bad(text) if math.isinf(value) else value


_MARKING = json.JSONDecoder(parse_constant=_Bad, parse_float=_marked_float)


def _field_of_bad_number(text: str, at: int) -> str:
    """The path of the first NaN/Infinity/overflowing number in the value at ``at``."""
    try:
        value, _ = _MARKING.raw_decode(text, at)
    except (ValueError, RecursionError):
        return "a value"
    stack: list[tuple[Any, str]] = [(value, "")]
    while stack:
        item, path = stack.pop()
        if isinstance(item, _Bad):
            return f"field {path!r}" if path else "the value"
        if isinstance(item, dict):
            children = [(v, f"{path}.{k}" if path else str(k)) for k, v in item.items()]
        elif isinstance(item, list):
            children = [(v, f"{path}[{i}]") for i, v in enumerate(item)]
        else:
            continue
        stack.extend(reversed(children))
    return "a value"


def parse_json(text: str, at: int = 0) -> tuple[Any, int]:
    """The JSON value starting at ``at`` (after any space) and where it ends.

    Raises:
        json.JSONDecodeError: not JSON at all.
        JsonValueError: NaN, Infinity or a number too big for a float (naming its
            field), a key twice in one object, or nesting deeper than Python handles.
    """
    at = _skip_space(text, at)
    try:
        return _STRICT.raw_decode(text, at)
    except _BadNumber as exc:
        raise JsonValueError(f"{_field_of_bad_number(text, at)}: {exc}") from None
    except JsonValueError:
        raise
    except RecursionError:
        raise JsonValueError("nested too deeply (arrays or objects inside one another)") from None
    except ValueError as exc:  # an integer of more than 4,300 digits, say
        if isinstance(exc, json.JSONDecodeError):
            raise
        raise JsonValueError(f"a number that cannot be read: {exc}") from None


def loads(line: str) -> Any:
    """One whole JSON text, strictly (see :func:`parse_json`)."""
    value, end = parse_json(line)
    if _skip_space(line, end) != len(line):
        raise json.JSONDecodeError("Extra data", line, end)
    return value


def problem_of(exc: ValueError) -> str:
    """The reason a line of a JSON file is rejected, for ``parse_json``'s errors."""
    if isinstance(exc, json.JSONDecodeError):
        return f"not valid JSON: {exc.msg} (column {exc.colno})"
    return str(exc)


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(65536)


def json_lines(path: Path) -> Iterator[Record | Rejection]:
    """``(line, value)`` for each line of a JSON-lines file; a Rejection for bad lines.

    A file that starts with ``[`` is read as one JSON array whose items are the
    records (an export of doccano or Label Studio given to a JSON-lines reader), so
    it is imported whole rather than line by line in part.
    """
    yield from _records(path, pretty=False)


def json_records(path: Path) -> Iterator[Record | Rejection]:
    """``(line, value)`` for each record of ``path``; a Rejection for what cannot be read.

    A file that starts with ``[`` is one array whose items are the records; otherwise
    every line holds a record, unless the first one is not a complete JSON value, in
    which case the file is read as a sequence of (pretty-printed) JSON values.
    """
    yield from _records(path, pretty=True)


def _records(path: Path, pretty: bool) -> Iterator[Record | Rejection]:
    source = str(path)
    try:
        head = _head(path)
    except OSError as exc:
        yield Rejection(source, None, f"cannot read: {exc.strerror or exc}")
        return
    bom = bom_encoding(head)
    if bom is not None:
        yield from _decoded_file(path, bom, pretty)
        return
    guess = utf16_without_bom(head)
    if guess is not None:
        yield Rejection(source, None, guess)
        return
    if head.removeprefix(_UTF8_BOM).lstrip()[:1] == b"[" and _array_shaped(*_opening(path)):
        yield from _array_file(path)
        return
    values = (lambda: _pretty_values(path)) if pretty else _none
    yield from _line_values(_utf8_lines(path), source, values)


def _array_shaped(first_line: str, more_follows: bool) -> bool:
    """Whether a file that starts with ``[`` is one JSON array, not JSON lines.

    An array spread over lines does not end on its first line; one on a single line
    is all the file holds. Otherwise the first line is a record of its own (a bad one:
    an array, or nested too deep) and the lines after it are read as usual.
    """
    try:
        loads(first_line)
    except json.JSONDecodeError:
        return True
    except JsonValueError as exc:
        # A NaN in an array on one line spoils one item, not the whole file.
        if _end_of_value(first_line, 0) is None:
            return "nested too deeply" not in str(exc)
    return not more_follows


def _opening(path: Path) -> tuple[str, bool]:
    """The first non-blank line of a file, and whether another one follows."""
    with path.open("rb") as handle:
        for raw in handle:
            if raw.strip():
                first = raw.removeprefix(_UTF8_BOM).decode("utf-8", errors="replace")
                return first, any(rest.strip() for rest in handle)
    return "", False


def _opening_of(text: str) -> tuple[str, bool]:
    lines = (line for line in text.split("\n") if line.strip())
    return next(lines, ""), next(lines, None) is not None


def _utf8_lines(path: Path) -> Iterator[tuple[int, str | Rejection]]:
    source = str(path)
    offset = 0  # where the line starts in the file, for the message
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            start, offset = offset, offset + len(raw)
            if number == 1 and raw.startswith(_UTF8_BOM):
                raw, start = raw[len(_UTF8_BOM) :], start + len(_UTF8_BOM)
            try:
                yield number, raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                why = f"not valid UTF-8 at byte {start + exc.start}"
                yield number, Rejection(source, number, why)


def _decoded_file(path: Path, bom: tuple[str, int], pretty: bool) -> Iterator[Record | Rejection]:
    """A UTF-16 or UTF-32 file (it has a byte-order mark): decoded whole, then read."""
    source = str(path)
    codec, skip = bom
    try:
        data = path.read_bytes()[skip:]
    except OSError as exc:
        yield Rejection(source, None, f"cannot read: {exc.strerror or exc}")
        return
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(codec, errors="replace").count("\n") + 1
        yield Rejection(source, line, f"not valid {codec.upper()} at byte {exc.start + skip}")
        return
    if text.startswith("[", _skip_space(text, 0)) and _array_shaped(*_opening_of(text)):
        yield from _array_text(text, source)
        return
    lines = ((n, line) for n, line in enumerate(text.split("\n"), 1))
    values = (lambda: _values_of(text, source)) if pretty else _none
    yield from _line_values(lines, source, values)


def _line_values(
    lines: Iterable[tuple[int, str | Rejection]],
    source: str,
    pretty_values: Callable[[], list[Record | Rejection] | None],
) -> Iterator[Record | Rejection]:
    seen_record = False
    for number, line in lines:
        if isinstance(line, Rejection):
            yield line
            continue
        if not line or line.isspace():  # (strip would copy a long line)
            continue
        try:
            value = loads(line)
        except json.JSONDecodeError as exc:
            if not seen_record:
                seen_record = True
                values = pretty_values()
                if values is not None:
                    yield from values
                    return
            yield Rejection(source, number, problem_of(exc))
            continue
        except JsonValueError as exc:
            seen_record = True
            yield Rejection(source, number, problem_of(exc))
            continue
        seen_record = True
        yield number, value


def _none() -> None:
    return None


def _pretty_values(path: Path) -> list[Record | Rejection] | None:
    """The JSON values of a file of pretty-printed values, or None if it is not one."""
    try:
        text = path.read_bytes().removeprefix(_UTF8_BOM).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return _values_of(text, str(path))


def _values_of(text: str, source: str) -> list[Record | Rejection] | None:
    values: list[Record | Rejection] = []
    at = _skip_space(text, 0)
    while at < len(text):
        line = text.count("\n", 0, at) + 1
        try:
            value, end = parse_json(text, at)
        except json.JSONDecodeError:
            return None
        except JsonValueError as exc:
            skipped = _end_of_value(text, at)
            if skipped is None:
                values.append(Rejection(source, line, f"{exc}; the rest of the file was not read"))
                return values
            values.append(Rejection(source, line, str(exc)))
            end = skipped
        else:
            values.append((line, value))
        at = _skip_space(text, end)
    return values


def _array_file(path: Path) -> Iterator[Record | Rejection]:
    source = str(path)
    data = path.read_bytes().removeprefix(_UTF8_BOM)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        yield Rejection(source, line, f"not valid UTF-8 at byte {exc.start}")
        return
    yield from _array_text(text, source)


def _array_text(text: str, source: str) -> Iterator[Record | Rejection]:
    at = _skip_space(text, 0) + 1  # past the "["
    line, counted = 1 + text.count("\n", 0, at), at
    while True:
        at = _skip_space(text, at)
        if at < len(text) and text[at] == "]":
            break
        line += text.count("\n", counted, at)
        counted = at
        try:
            value, at = parse_json(text, at)
        except json.JSONDecodeError as exc:
            yield Rejection(source, exc.lineno, problem_of(exc))
            return
        except JsonValueError as exc:
            # Only this item is bad: skip to its end and read on.
            end = _end_of_value(text, at)
            if end is None:
                yield Rejection(source, line, f"{exc}; the rest of the file was not read")
                return
            yield Rejection(source, line, str(exc))
            at = end
        else:
            yield line, value
        at = _skip_space(text, at)
        if at < len(text) and text[at] == ",":
            at += 1
        elif at < len(text) and text[at] == "]":
            break
        else:
            where = text.count("\n", 0, at) + 1
            yield Rejection(source, where, "not valid JSON: expected ',' or ']' after an item")
            return
    after = _skip_space(text, at + 1)
    if after < len(text):
        where = text.count("\n", 0, after) + 1
        yield Rejection(source, where, "not valid JSON: more after the end of the array (not read)")


def _end_of_value(text: str, at: int) -> int | None:
    """Where the JSON value at ``at`` ends, by its brackets and strings; None if never.

    Used only to step over an item the strict parser refused (too deep, a NaN).
    """
    at = _skip_space(text, at)
    if at >= len(text):
        return None
    if text[at] not in "[{":
        try:
            return _MARKING.raw_decode(text, at)[1]
        except ValueError:
            return None
    depth = 0
    in_string = False
    position = at
    while position < len(text):
        char = text[position]
        if in_string:
            if char == "\\":
                position += 1
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return position + 1
        position += 1
    return None


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\r\n":
        at += 1
    return at
