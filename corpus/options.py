"""The options of export and import, validated in one place for the CLI and the window.

Both front ends build :class:`ExportOptions` and :class:`ImportOptions` (from text with
the ``from_text`` helpers, or from widget values directly) and show the one message of
an :class:`OptionError`; neither checks an option itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from corpus.errors import UsageError
from corpus.model import LAYERS
from corpus.tagsets import TAGSETS

EXPORT_STATUSES = ("done", "any")
OFFSET_UNITS = ("auto", "codepoint", "utf16")
# Suggestions (corpus.suggest) are a layer of their own, never gold: exported alone, as
# jsonl, each with its source and score; by default only the open ones.
SUGGESTIONS_LAYER = "suggestions"
EXPORT_LAYERS = (*LAYERS, SUGGESTIONS_LAYER)
SUGGESTION_STATES = ("open", "accepted", "rejected", "all")

# Which layers each export format holds (the others are left out with a note).
FORMAT_LAYERS: dict[str, tuple[str, ...]] = {
    "jsonl": EXPORT_LAYERS,
    "brat": LAYERS,
    "parquet": LAYERS,  # entities as token tags, quotes and stances as their own tables
    "conll": ("entity",),
}
_PLURAL = {"entity": "entities", "quote": "quotes", "stance": "stances"}


class OptionError(UsageError):
    """An option that cannot be used; the message names it and says what it takes."""


def parse_split(text: str) -> tuple[int, int, int]:
    """``"80/10/10"`` → (80, 10, 10), checked by :func:`check_split`."""
    try:
        parts = tuple(int(p) for p in text.split("/"))
    except ValueError:
        raise OptionError(f"split {text!r} is not TRAIN/DEV/TEST, e.g. 80/10/10") from None
    return check_split(parts)


def check_split(parts: Iterable[int]) -> tuple[int, int, int]:
    """Three percentages, none negative, adding up to 100."""
    values = tuple(parts)
    if len(values) != 3 or min(values) < 0:
        raise OptionError(f"split {_shown(values)}: three percentages, none negative")
    if sum(values) != 100:
        raise OptionError(
            f"split {_shown(values)}: train, dev and test must add up to 100% (now {sum(values)}%)"
        )
    return values[0], values[1], values[2]


def _shown(values: tuple[int, ...]) -> str:
    return "/".join(str(v) for v in values)


def parse_mapping(text: str) -> tuple[str, str]:
    """``"PERSON=PER"`` → ("PERSON", "PER"): both sides non-empty, spaces around dropped."""
    src, equals, dst = text.partition("=")
    if not equals or not src.strip() or not dst.strip():
        raise OptionError(f"label mapping {text!r} is not SRC=DST")
    return src.strip(), dst.strip()


def parse_mappings(text: str) -> dict[str, str]:
    """One ``SRC=DST`` a line (blank lines and ``#`` comments skipped), as the window takes it."""
    mapping: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            src, dst = parse_mapping(line)
        except OptionError:
            raise OptionError(f"line {number} of the label mapping is not SRC=DST") from None
        mapping[src] = dst
    return mapping


def parse_layers(text: str) -> tuple[str, ...]:
    """``"entity,quote"`` → ("entity", "quote"), checked by :func:`check_layers`."""
    return check_layers(x.strip() for x in text.split(",") if x.strip())


def check_layers(layers: Iterable[str]) -> tuple[str, ...]:
    """Known layers, at least one, in the core's order; ``suggestions`` alone."""
    wanted = tuple(layers)
    unknown = [x for x in wanted if x not in EXPORT_LAYERS]
    if unknown:
        raise OptionError(
            f"unknown layer {unknown[0]!r}: the layers are {', '.join(EXPORT_LAYERS)} "
            "(comma-separated)"
        )
    if not wanted:
        raise OptionError(f"choose at least one layer ({', '.join(LAYERS)})")
    if SUGGESTIONS_LAYER in wanted and len(set(wanted)) > 1:
        raise OptionError(
            "the suggestions layer is exported on its own (--layer suggestions): "
            "suggestions are never mixed with the annotations"
        )
    return tuple(layer for layer in EXPORT_LAYERS if layer in wanted)


def _check_choice(name: str, value: object, choices: Iterable[str]) -> None:
    allowed = tuple(choices)
    if value not in allowed:
        raise OptionError(f"{name} {value!r} is not one of {', '.join(allowed)}")


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What to export: whose labels, which documents and layers, how to split.

    Checked when made: a status of ``done``/``any``, known layers (at least one), a
    split of three percentages adding up to 100, an integer seed, a known tag set.
    :meth:`check_format` adds what one format can hold.

    Raises:
        OptionError: naming the option and what it takes.
    """

    annotator: str | None = None
    status: str = "done"  # "done" or "any"
    layers: tuple[str, ...] = LAYERS
    split: tuple[int, int, int] | None = None  # percentages train/dev/test
    seed: int = 0
    tagset: str = "default"  # "default" or "anercorp"
    # Which suggestions the suggestions layer holds: open (default), accepted, rejected, all.
    suggestion_state: str = "open"

    def __post_init__(self) -> None:
        _check_choice("status", self.status, EXPORT_STATUSES)
        _check_choice("suggestion state", self.suggestion_state, SUGGESTION_STATES)
        object.__setattr__(self, "layers", check_layers(self.layers))
        if self.split is not None:
            object.__setattr__(self, "split", check_split(self.split))
        seed: object = self.seed  # the window or an API caller may hand anything
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise OptionError(f"seed {seed!r} is not an integer")
        _check_choice("tag set", self.tagset, TAGSETS)
        if self.annotator is not None and not self.annotator.strip():
            raise OptionError("annotator: give a name, or none for every annotator")

    @classmethod
    def from_text(
        cls,
        *,
        annotator: str | None = None,
        status: str = "done",
        layers: str = ",".join(LAYERS),
        split: str | None = None,
        seed: int = 0,
        tagset: str = "default",
        suggestion_state: str = "open",
    ) -> ExportOptions:
        """The options as the command line gives them (``--layer a,b``, ``--split 80/10/10``)."""
        return cls(
            annotator=annotator,
            status=status,
            layers=parse_layers(layers),
            split=None if split is None else parse_split(split),
            seed=seed,
            tagset=tagset,
            suggestion_state=suggestion_state,
        )

    def check_format(self, fmt: str) -> None:
        """Refuse a format that holds none of the chosen layers.

        Raises:
            OptionError: an unknown format, or one holding none of ``layers``.
        """
        _check_choice("export format", fmt, FORMAT_LAYERS)
        held = FORMAT_LAYERS[fmt]
        if SUGGESTIONS_LAYER in self.layers and SUGGESTIONS_LAYER not in held:
            formats = [
                name for name, layers in FORMAT_LAYERS.items() if SUGGESTIONS_LAYER in layers
            ]
            raise OptionError(
                f"the {fmt} format cannot hold suggestions: export them as {' or '.join(formats)}"
            )
        if not set(self.layers) & set(held):
            raise OptionError(
                f"the {fmt} format holds {' and '.join(_PLURAL[x] for x in held)} only: "
                f"the layers must include {' or '.join(held)}"
            )


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """Everything a reader may be told; readers ignore what does not concern them.

    Checked when made: a known tag set and offset unit, a label map of non-empty names.

    Raises:
        OptionError: naming the option and what it takes.
    """

    text_field: str | None = None
    id_field: str | None = None
    title_field: str | None = None
    tagset: str = "default"
    label_map: dict[str, str] = field(default_factory=dict)
    offsets: str = "auto"  # "auto", "codepoint" or "utf16" (Label Studio, INCEpTION)

    def __post_init__(self) -> None:
        _check_choice("tag set", self.tagset, TAGSETS)
        _check_choice("offsets", self.offsets, OFFSET_UNITS)
        for src, dst in self.label_map.items():
            if not src.strip() or not dst.strip():
                raise OptionError(f"label mapping {src}={dst!r} is not SRC=DST")

    @classmethod
    def from_text(
        cls,
        *,
        maps: Iterable[str] = (),
        text_field: str | None = None,
        id_field: str | None = None,
        title_field: str | None = None,
        tagset: str = "default",
        offsets: str = "auto",
    ) -> ImportOptions:
        """The options as the command line gives them (``--map SRC=DST`` repeated)."""
        return cls(
            text_field=text_field,
            id_field=id_field,
            title_field=title_field,
            tagset=tagset,
            label_map=dict(parse_mapping(m) for m in maps),
            offsets=offsets,
        )
