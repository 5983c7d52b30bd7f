"""Run the CPU work of a stream ahead, in a background thread, while SQLite writes.

SQLite releases the GIL while it inserts and indexes, so reading, parsing, checking
and hashing the next records can overlap with storing the current ones: an import
then takes about as long as SQLite alone, not SQLite plus Python.
"""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
U = TypeVar("U")

_END = object()

# Python lets a thread that wants the GIL wait 5 ms before asking the holder to let
# go. The consumer wants it back after every SQLite step (about 0.1 ms) while the
# producer runs Python: with 5 ms the consumer idles ("convoy effect"). While a
# prefetch runs, the handover interval is shortened, then restored.
_HANDOVER_SECONDS = 0.0002
_handover_lock = threading.Lock()
_handover_users = 0
_handover_saved = 0.0


def _quick_handover(begin: bool) -> None:
    global _handover_users, _handover_saved
    with _handover_lock:
        if begin:
            if _handover_users == 0:
                _handover_saved = sys.getswitchinterval()
                sys.setswitchinterval(min(_handover_saved, _HANDOVER_SECONDS))
            _handover_users += 1
        else:
            _handover_users -= 1
            if _handover_users == 0:
                sys.setswitchinterval(_handover_saved)


class _Failure:
    """An exception raised by the producer, handed over to be raised by the consumer."""

    __slots__ = ("error",)

    def __init__(self, error: BaseException) -> None:
        self.error = error


def prefetch(
    items: Iterable[T],
    prepare: Callable[[T], U],
    *,
    batch: int = 32,
    depth: int = 8,
) -> Iterator[U]:
    """Yield ``prepare(item)`` for every item, in order, computed ahead in a thread.

    At most ``depth`` batches of ``batch`` prepared items wait in memory. ``items`` is
    iterated in the background thread, so it must not touch what belongs to the
    consumer's thread (a ``Store``'s connection, Qt widgets). An exception raised by
    ``items`` or ``prepare`` is raised here after the items before it. Closing the
    returned iterator early (or an error in the consumer) stops the producer; it has
    finished by the time the iterator is closed.
    """
    handover: queue.Queue[object] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(value: object) -> bool:
        while not stop.is_set():
            try:
                handover.put(value, timeout=0.05)
            except queue.Full:
                continue
            return True
        return False

    def produce() -> None:
        iterator = iter(items)
        chunk: list[U] = []
        try:
            for item in iterator:
                chunk.append(prepare(item))
                if len(chunk) >= batch:
                    if not put(chunk):
                        return
                    chunk = []
        except BaseException as exc:  # noqa: BLE001 - handed over, raised by the consumer
            if put(chunk):
                put(_Failure(exc))
            return
        finally:
            # A generator stopped early closes its files here, in its own thread.
            close = getattr(iterator, "close", None)
            if close is not None:
                close()
        if put(chunk):
            put(_END)

    worker = threading.Thread(target=produce, name="tawsim-prefetch", daemon=True)
    _quick_handover(True)
    worker.start()
    try:
        while True:
            value = handover.get()
            if value is _END:
                return
            if isinstance(value, _Failure):
                raise value.error
            yield from value  # type: ignore[misc]
    finally:
        stop.set()
        worker.join()
        _quick_handover(False)
