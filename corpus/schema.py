"""Label schemas: which entity labels, quote kinds and stance polarities a project uses."""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.errors import SchemaError

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_LABEL = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]*$")


@dataclass(frozen=True, slots=True)
class LabelDef:
    """One label: its name, Arabic and English display names, colour and shortcut key."""

    label: str
    name_en: str
    name_ar: str
    color: str
    key: str


@dataclass(frozen=True, slots=True)
class Schema:
    """A parsed label schema; ``text`` is the exact TOML it came from."""

    name: str
    version: int
    entities: tuple[LabelDef, ...]
    quote_kinds: tuple[LabelDef, ...]
    polarities: tuple[LabelDef, ...]
    text: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def entity_labels(self) -> tuple[str, ...]:
        return tuple(d.label for d in self.entities)

    @property
    def quote_kind_labels(self) -> tuple[str, ...]:
        return tuple(d.label for d in self.quote_kinds)

    @property
    def polarity_labels(self) -> tuple[str, ...]:
        return tuple(d.label for d in self.polarities)

    def entity(self, label: str) -> LabelDef | None:
        return next((d for d in self.entities if d.label == label), None)

    def entity_by_key(self, key: str) -> LabelDef | None:
        return next((d for d in self.entities if d.key.lower() == key.lower()), None)

    def labels_of(self, layer: str) -> tuple[str, ...]:
        """The allowed ``label`` values of a layer (entity label, quote kind, polarity)."""
        return {
            "entity": self.entity_labels,
            "quote": self.quote_kind_labels,
            "stance": self.polarity_labels,
        }[layer]


_DEFAULT_QUOTE_KINDS = (
    ("direct", "Direct", "مباشر", "D"),
    ("indirect", "Indirect", "غير مباشر", "I"),
    ("mixed", "Mixed", "مختلط", "M"),
)
_DEFAULT_POLARITIES = (
    ("support", "Support", "تأييد", "F"),
    ("oppose", "Oppose", "معارضة", "A"),
    ("neutral", "Neutral", "محايد", "N"),
)


def _label_defs(
    raw: Any, where: str, source: str, defaults: tuple[tuple[str, str, str, str], ...] = ()
) -> tuple[LabelDef, ...]:
    if raw is None:
        return tuple(LabelDef(label, en, ar, "#888888", key) for label, en, ar, key in defaults)
    if not isinstance(raw, list):
        raise SchemaError(f"{source}: [[{where}]] must be a list of tables")
    defs: list[LabelDef] = []
    seen_labels: set[str] = set()
    seen_keys: set[str] = set()
    for i, item in enumerate(raw):
        at = f"{source}: {where}[{i}]"
        if not isinstance(item, dict):
            raise SchemaError(f"{at} must be a table")
        label = item.get("label")
        if not isinstance(label, str) or not _LABEL.match(label):
            raise SchemaError(f"{at}.label must be a name of letters, digits, '_' or '-'")
        if label in seen_labels:
            raise SchemaError(f"{at}.label {label!r} is declared twice")
        color = item.get("color", "#888888")
        if not isinstance(color, str) or not _COLOR.match(color):
            raise SchemaError(f"{at}.color must look like '#a1b2c3', not {color!r}")
        key = item.get("key", "")
        if not isinstance(key, str) or len(key) > 1:
            raise SchemaError(f"{at}.key must be a single character")
        if key and key.lower() in seen_keys:
            raise SchemaError(f"{at}.key {key!r} is already used in [[{where}]]")
        unknown = set(item) - {"label", "name_en", "name_ar", "color", "key"}
        if unknown:
            raise SchemaError(f"{at} has unknown keys: {', '.join(sorted(unknown))}")
        seen_labels.add(label)
        if key:
            seen_keys.add(key.lower())
        defs.append(
            LabelDef(
                label=label,
                name_en=str(item.get("name_en", label)),
                name_ar=str(item.get("name_ar", item.get("name_en", label))),
                color=color,
                key=key,
            )
        )
    return tuple(defs)


def parse_schema(text: str, source: str = "<schema>") -> Schema:
    """Parse a TOML label schema.

    Raises:
        SchemaError: naming the file and key at fault.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SchemaError(f"{source}: not valid TOML: {exc}") from exc
    unknown = set(data) - {"name", "version", "entity", "quote_kind", "polarity"}
    if unknown:
        raise SchemaError(f"{source}: unknown top-level keys: {', '.join(sorted(unknown))}")
    name = data.get("name")
    if not isinstance(name, str) or not name:
        raise SchemaError(f"{source}: 'name' must be a non-empty string")
    version = data.get("version", 1)
    if not isinstance(version, int):
        raise SchemaError(f"{source}: 'version' must be an integer")
    entities = _label_defs(data.get("entity"), "entity", source)
    if not entities:
        raise SchemaError(f"{source}: at least one [[entity]] label is needed")
    return Schema(
        name=name,
        version=version,
        entities=entities,
        quote_kinds=_label_defs(data.get("quote_kind"), "quote_kind", source, _DEFAULT_QUOTE_KINDS),
        polarities=_label_defs(data.get("polarity"), "polarity", source, _DEFAULT_POLARITIES),
        text=text,
    )


def load_schema(path: str | os.PathLike[str]) -> Schema:
    """Read and parse a schema file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SchemaError(f"{path}: cannot read schema: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise SchemaError(f"{path}: schema is not UTF-8 (byte {exc.start})") from exc
    return parse_schema(text, str(path))


def default_schema() -> Schema:
    from corpus.resources import default_schema_path

    return load_schema(default_schema_path())
