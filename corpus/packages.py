"""Assignment packages: a lead hands documents out as self-contained database files (issue 10).

``--overlap K`` (a percentage): K% of the chosen documents (rounded, picked with the seed)
go into every annotator's package, for agreement; the rest are dealt out in turn, so each
document is annotated by everyone (overlap) or by exactly one annotator.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from corpus.errors import UserError


def assign(
    doc_ids: Sequence[int], annotators: Sequence[str], overlap: float = 0.0, seed: int = 0
) -> dict[str, list[int]]:
    """Each annotator's documents, ascending; the same inputs always give the same split."""
    if not annotators:
        raise UserError("--annotator: name at least one annotator")
    if len(set(annotators)) != len(annotators):
        raise UserError("--annotator: an annotator is named twice")
    if not 0 <= overlap <= 100:
        raise UserError(f"--overlap: {overlap} is not a percentage between 0 and 100")
    shuffled = sorted(set(doc_ids))
    random.Random(seed).shuffle(shuffled)
    shared = round(len(shuffled) * overlap / 100) if len(annotators) > 1 else 0
    packages: dict[str, list[int]] = {name: list(shuffled[:shared]) for name in annotators}
    for index, doc_id in enumerate(shuffled[shared:]):
        packages[annotators[index % len(annotators)]].append(doc_id)
    return {name: sorted(ids) for name, ids in packages.items()}


def package_path(out: Path, annotator: str, several: bool) -> Path:
    """The package file for ``annotator``: ``out`` itself, or ``{annotator}`` filled in."""
    if "{annotator}" in str(out):
        return Path(str(out).replace("{annotator}", annotator))
    if several:
        raise UserError(f"--out {out}: with several annotators, put {{annotator}} in the file name")
    return out


def pack(
    store: Any,
    doc_ids: Sequence[int],
    annotators: Sequence[str],
    out: Path,
    overlap: float = 0.0,
    seed: int = 0,
    force: bool = False,
) -> list[dict[str, Any]]:
    """Write one package per annotator; returns ``{annotator, path, documents}`` per package."""
    split = assign(doc_ids, annotators, overlap, seed)
    paths = {name: package_path(out, name, len(annotators) > 1) for name in annotators}
    for path in paths.values():
        if path.exists() and not force:
            raise UserError(f"{path}: already exists; not overwritten (--force to replace)")
    written = []
    for name, ids in split.items():
        path = paths[name]
        if path.exists():
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        store.add_annotator(name)
        kept = store.write_package(path, ids)
        written.append({"annotator": name, "path": str(path), "documents": kept})
    return written
