"""What every exporter shares: the deterministic split and safe output paths."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, TYPE_CHECKING

from corpus.errors import UserError

if TYPE_CHECKING:
    from corpus.store import Store

SPLITS = ("train", "dev", "test")


def split_sizes(count: int, split: tuple[int, int, int]) -> tuple[int, int, int]:
    """How many of ``count`` documents each part takes: the rounded proportions.

    Largest-remainder rounding (ties go to the earlier part), so the sizes add up to
    ``count`` and 20 documents at 80/10/10 give 16/2/2. Then, when there are at least as
    many documents as non-zero parts, each non-zero part left empty takes one document
    from the largest part.
    """
    quotas = [count * share for share in split]  # in hundredths of a document
    sizes = [quota // 100 for quota in quotas]
    by_remainder = sorted(range(3), key=lambda i: (-(quotas[i] % 100), i))
    for i in by_remainder[: count - sum(sizes)]:
        sizes[i] += 1
    wanted = [i for i in range(3) if split[i] > 0]
    if count >= len(wanted):
        for i in wanted:
            if sizes[i] == 0:
                largest = max(range(3), key=lambda j: (sizes[j], -j))
                sizes[largest] -= 1
                sizes[i] += 1
    return sizes[0], sizes[1], sizes[2]


def split_order_key(sha256: str, seed: int) -> bytes:
    """Where a document stands in the shuffled order: a hash of its text hash and the seed."""
    return hashlib.sha256(f"{seed}:{sha256}".encode("ascii")).digest()


def split_plan(sha256s: Iterable[str], split: tuple[int, int, int], seed: int) -> dict[str, str]:
    """Which part each document goes to, by the sha256 of its text.

    The documents are ordered by :func:`split_order_key` and cut at
    :func:`split_sizes`: a pure function of the set of texts and the seed, the same on
    any machine and in any document order.
    """
    ordered = sorted(set(sha256s), key=lambda sha: (split_order_key(sha, seed), sha))
    sizes = split_sizes(len(ordered), split)
    plan: dict[str, str] = {}
    start = 0
    for part, size in zip(SPLITS, sizes, strict=True):
        for sha in ordered[start : start + size]:
            plan[sha] = part
        start += size
    return plan


def part_chooser(
    store: Store, annotator: str | None, status: str, split: tuple[int, int, int] | None, seed: int
) -> Callable[[str], str]:
    """The key of ``output_paths`` a document goes to, by its sha256 ("all" without a split).

    With a split, the documents the export will write are read once first (without
    their annotations) to make the :func:`split_plan`.
    """
    if split is None:
        return lambda _sha256: "all"
    exported = (item.document.sha256 for item in store.iter_annotated(annotator, status, ()))
    plan = split_plan(exported, split, seed)

    def part_for(sha256: str) -> str:
        found = plan.get(sha256)
        # A document marked done while the export runs (after the plan was made) still
        # goes somewhere fixed: the part its hash falls in.
        return found if found is not None else _part_by_hash(sha256, split, seed)

    return part_for


def _part_by_hash(sha256: str, split: tuple[int, int, int], seed: int) -> str:
    bucket = int.from_bytes(split_order_key(sha256, seed)[:8], "big") % 100
    if bucket < split[0]:
        return "train"
    return "dev" if bucket < split[0] + split[1] else "test"


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


# Temporaries sit beside their final name, hidden, and carry the writer's process id so
# that the next export to the same place removes those a killed export left behind.
_STAGING = ".tawsim-staging-"
_PREVIOUS = ".tawsim-previous-"
_PART = ".tawsim-part-"


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: alive
    return True


def _stale(name: str, prefix: str) -> bool:
    """A temporary named ``<prefix><pid>-...`` whose process has gone."""
    pid = name[len(prefix) :].split("-", 1)[0]
    return pid.isdigit() and not _process_alive(int(pid))


def fsync_dir(folder: Path) -> None:
    """Make the names in ``folder`` (renames, new files) durable."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(root: Path) -> None:
    """fsync every folder under ``root``, deepest first (files are fsynced as written)."""
    folders = [Path(top) for top, _, _ in os.walk(root)]
    for folder in reversed(folders):
        fsync_dir(folder)


def _remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


class AtomicFolder:
    """A folder written under a temporary sibling name and renamed into place.

    A kill at any moment leaves at ``out`` either nothing or a complete export, the
    earlier one or the new one. An existing ``out`` is replaced only when it is empty or
    ``replaceable`` says it holds an earlier export of ours (it is renamed aside, the
    new folder renamed in, then the old one deleted); any other folder is refused, so
    that a mistyped ``--out`` never deletes someone's files.

    The next export to the same ``out`` removes the temporaries a killed one left, and
    puts back an earlier export that a kill caught between the two renames.

    Raises:
        UserError: ``out`` is a file or a folder of other files, or cannot be written.
    """

    def __init__(self, out: Path, replaceable: Callable[[Path], bool]) -> None:
        self.out = out
        self.done = False
        if out.exists() and not out.is_dir():
            raise UserError(f"{out}: is a file; give a folder")
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            self._recover()
            if out.is_dir() and any(out.iterdir()) and not replaceable(out):
                raise UserError(
                    f"{out}: folder holds other files than an earlier export; "
                    "give a new or empty folder"
                )
            self.folder = Path(
                tempfile.mkdtemp(prefix=f".{out.name}{_STAGING}{os.getpid()}-", dir=out.parent)
            )
        except OSError as exc:
            raise UserError(f"{out}: cannot write: {exc.strerror or exc}") from exc

    def _recover(self) -> None:
        parent, name = self.out.parent, f".{self.out.name}"
        for entry in parent.iterdir():
            if not entry.name.startswith(name):
                continue
            rest = entry.name[len(name) :]
            if rest.startswith(_STAGING) and _stale(rest, _STAGING):
                _remove_tree(entry)
            elif rest.startswith(_PREVIOUS) and _stale(rest, _PREVIOUS):
                if self.out.exists():
                    _remove_tree(entry)
                else:  # killed between the two renames: the earlier export comes back
                    os.rename(entry, self.out)
                    fsync_dir(parent)

    def commit(self) -> None:
        """Put the written folder in place of ``out``."""
        try:
            _fsync_tree(self.folder)
            parent = self.out.parent
            if self.out.is_dir() and any(self.out.iterdir()):
                aside = parent / f".{self.out.name}{_PREVIOUS}{os.getpid()}-{self.folder.name[-8:]}"
                os.rename(self.out, aside)
                os.rename(self.folder, self.out)
                fsync_dir(parent)
                self.done = True
                _remove_tree(aside)
            else:
                os.replace(self.folder, self.out)  # over an empty folder too, atomically
                fsync_dir(parent)
                self.done = True
        except OSError as exc:
            raise UserError(f"{self.out}: cannot write: {exc.strerror or exc}") from exc

    def discard(self) -> None:
        """Remove the temporary folder unless it was committed."""
        if not self.done:
            _remove_tree(self.folder)


def atomic_folder(out: Path, replaceable: Callable[[Path], bool]) -> AtomicFolder:
    return AtomicFolder(out, replaceable)


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
    for path in paths.values():
        remove_stale_parts(path)
    partial = {part: part_temporary(path) for part, path in paths.items()}
    files: dict[str, IO[str]] = {}
    try:
        for part, path in partial.items():
            files[part] = path.open("w", encoding="utf-8", newline="\n")
        yield paths, files
        for handle in files.values():
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
        # Every part is complete and on disk before the first takes its final name.
        for part, path in paths.items():
            os.replace(partial[part], path)
        for folder in {path.parent for path in paths.values()}:
            fsync_dir(folder)
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


def part_temporary(path: Path) -> Path:
    """The hidden name ``path`` is written under until every file of the export is done."""
    return path.with_name(f".{path.name}{_PART}{os.getpid()}")


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_parts(path: Path) -> None:
    """Remove the temporaries of ``path`` that a killed export left behind."""
    prefix = f".{path.name}{_PART}"
    with suppress(OSError):
        for entry in path.parent.iterdir():
            if entry.name.startswith(prefix) and _stale(entry.name, prefix):
                entry.unlink(missing_ok=True)
