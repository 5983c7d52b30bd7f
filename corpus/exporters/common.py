"""What every exporter shares: the deterministic split and safe output paths."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

from corpus.errors import UserError

SPLITS = ("train", "dev", "test")


def split_of(sha256: str, split: tuple[int, int, int], seed: int) -> str:
    """Which part a document goes to: a pure function of its text hash and the seed.

    The same seed gives the same split on any machine and in any document order.
    """
    digest = hashlib.sha256(f"{seed}:{sha256}".encode("ascii")).digest()
    bucket = int.from_bytes(digest[:8], "big") % 100
    train, dev, _ = split
    if bucket < train:
        return "train"
    if bucket < train + dev:
        return "dev"
    return "test"


def part_of(sha256: str, split: tuple[int, int, int] | None, seed: int) -> str:
    """The key of ``output_paths`` a document goes to: "all" without a split."""
    return "all" if split is None else split_of(sha256, split, seed)


def output_paths(out: Path, suffix: str, split: tuple[int, int, int] | None) -> dict[str, Path]:
    """Where each part goes: ``out`` itself, or ``out`` made a stem with ``.train`` etc.

    ``--out data.jsonl --split 80/10/10`` writes ``data.train.jsonl``, ``data.dev.jsonl``,
    ``data.test.jsonl``.
    """
    if split is None:
        return {"all": out}
    stem = out.name[: -len(suffix)] if out.name.endswith(suffix) else out.name
    return {part: out.with_name(f"{stem}.{part}{suffix}") for part in SPLITS}


def ensure_parent(path: Path) -> None:
    if path.exists() and path.is_dir():
        raise UserError(f"{path}: is a folder; give a file name")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"{path.parent}: cannot create folder: {exc.strerror or exc}") from exc


_UNSAFE = re.compile(r"[^\w\-.]+", re.UNICODE)


def safe_name(name: str, fallback: str) -> str:
    """A file name made from a document id: no separators, no dot-dot, never empty."""
    cleaned = _UNSAFE.sub("_", name).strip("._")
    cleaned = cleaned.replace("..", "_")[:120]
    return cleaned or fallback


@contextmanager
def text_outputs(
    out: Path, suffix: str, split: tuple[int, int, int] | None
) -> Iterator[tuple[dict[str, Path], dict[str, IO[str]]]]:
    """Open one UTF-8 text file per part of ``output_paths``: (final paths, handles).

    Each file is written beside its final name and renamed into place only when the
    block ends without error, so an export that fails half-way leaves any earlier file
    untouched and no partial file behind.

    Raises:
        UserError: a file that cannot be created or written.
    """
    paths = output_paths(out, suffix, split)
    for path in paths.values():
        ensure_parent(path)
    partial = {part: path.with_name(path.name + ".part") for part, path in paths.items()}
    files: dict[str, IO[str]] = {}
    try:
        for part, path in partial.items():
            files[part] = path.open("w", encoding="utf-8", newline="\n")
        yield paths, files
        for handle in files.values():
            handle.close()
        for part, path in paths.items():
            os.replace(partial[part], path)
    except OSError as exc:
        raise UserError(f"{exc.filename or out}: cannot write: {exc.strerror or exc}") from exc
    finally:
        for handle in files.values():
            # After a failed write (a full disk) the buffer cannot be flushed either:
            # that must not hide the error above nor keep the partial files.
            with suppress(OSError):
                handle.close()
        for path in partial.values():
            with suppress(OSError):  # on a read-only disk even a missing file says EROFS
                path.unlink(missing_ok=True)
