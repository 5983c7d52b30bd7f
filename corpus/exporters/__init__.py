"""Export: one module per format, listed in ``FORMATS``; ``export`` drives them.

An exporter is ``write(store, out, options, progress) -> ExportReport``. It streams
(``Store.iter_annotated``) so memory stays bounded whatever the corpus size.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus.errors import UserError
from corpus.options import ExportOptions as ExportOptions  # validated there, for both UIs
from corpus.store import Store

# format name → module under corpus.exporters holding ``write``.
FORMATS: dict[str, str] = {
    "jsonl": "jsonl",
    "conll": "conll",
    "brat": "brat",
    "parquet": "parquet",
}


@dataclass(slots=True)
class ExportReport:
    """What an export wrote and what it had to leave out."""

    documents: int = 0
    annotations: int = 0
    files: list[str] = field(default_factory=list)
    dropped: int = 0
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "annotations": self.annotations,
            "files": self.files,
            "dropped": self.dropped,
            "notes": self.notes,
        }


def export(
    store: Store,
    fmt: str,
    out: Path,
    options: ExportOptions | None = None,
    progress: Callable[[int], None] | None = None,
) -> ExportReport:
    """Write the store in format ``fmt`` to ``out``.

    Raises:
        UserError: unknown format, or an output path that cannot be written.
        OptionError: a format that holds none of the chosen layers.
    """
    if fmt not in FORMATS:
        raise UserError(f"unknown export format {fmt!r} (one of {', '.join(sorted(FORMATS))})")
    options = options or ExportOptions()
    options.check_format(fmt)
    module = importlib.import_module(f"corpus.exporters.{FORMATS[fmt]}")
    writer: Callable[..., ExportReport] = module.write
    return writer(store, out, options, progress)
