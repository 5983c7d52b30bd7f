"""Read a large file in a second process while this one stores it.

Importing is two halves of about equal weight: Python work (decoding, parsing and
checking records, sha256, the search shadow) and SQLite work (inserting, indexing).
A reader process does the first half while this process does the second, so an
import uses two cores. A thread would not do: both halves need the GIL most of the
time, and on a 2-core machine a reader thread made imports slower, not faster
(``benches/bench_import.py``).

The reader sends batches of ready records through a pipe, so memory stays bounded
(a full pipe makes it wait). It is started with ``spawn`` (safe beside Qt's threads)
and stopped, by its own pid, when the import ends or fails.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus.errors import BugError

if TYPE_CHECKING:
    from corpus.importers import ImportOptions
    from corpus.importers.base import Rejection
    from corpus.store import PreparedDocument

# Below this size the reader's start-up (about 0.15 s) costs more than it saves.
MIN_BYTES = 8 * 1024 * 1024
_BATCH = 64


def worth_a_reader(paths: Sequence[Path]) -> bool:
    """Whether these files together are big enough to read in a second process."""
    total = 0
    for path in paths:
        try:
            total += path.stat().st_size
        except OSError:
            return False  # the in-process reader reports why
        if total >= MIN_BYTES:
            return True
    return False


def read_prepared(
    paths: Sequence[Path], fmt_name: str, options: ImportOptions
) -> Iterator[Rejection | PreparedDocument]:
    """The records of these files, read and prepared by a reader process, in order.

    Yields the reader's ``Rejection`` items and, for good records, the results of
    ``corpus.store.prepare_document``. An error in the reader is raised here.
    Closing the iterator stops the reader.
    """
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    reader = context.Process(
        target=_read,
        args=([str(p) for p in paths], fmt_name, options, sender),
        name="tawsim-reader",
        daemon=True,
    )
    reader.start()
    sender.close()
    try:
        while True:
            try:
                kind, payload = receiver.recv()
            except EOFError:
                reader.join()
                where = f"{paths[0]}" + (f" and {len(paths) - 1} more" if len(paths) > 1 else "")
                raise BugError(
                    f"{where}: the reader process stopped early (exit status {reader.exitcode})"
                ) from None
            if kind == "items":
                yield from payload
            elif kind == "error":
                raise payload
            else:
                return
    finally:
        receiver.close()
        if reader.is_alive():
            reader.terminate()
        reader.join()


def _read(paths: list[str], fmt_name: str, options: Any, sender: Connection) -> None:
    """In the reader process: read, check and prepare; send batches, then the end."""
    path = paths[0]
    try:
        from corpus.importers import get_format
        from corpus.importers.base import Rejection
        from corpus.store import prepare_document

        read = get_format(fmt_name).read
        batch: list[Any] = []
        for path in paths:
            for item in read(Path(path), options):
                batch.append(item if isinstance(item, Rejection) else prepare_document(item))
                if len(batch) >= _BATCH:
                    sender.send(("items", batch))
                    batch = []
        sender.send(("items", batch))
        sender.send(("end", None))
    except (BrokenPipeError, KeyboardInterrupt):
        pass  # the importer is gone or stopping: nobody to tell
    except BaseException as exc:  # noqa: BLE001 - handed over, raised by the importer
        try:
            sender.send(("error", exc))
        except Exception:  # noqa: BLE001 - an exception that cannot be pickled
            sender.send(("error", BugError(f"{path}: reader failed: {type(exc).__name__}: {exc}")))
    finally:
        sender.close()
