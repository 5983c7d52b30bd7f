"""Long work in a background thread, on its own database connection."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal
from typing_extensions import override

from corpus.errors import CorpusError, UserError
from corpus.store import Store
from gui.allocation import hold_cyclic_gc, release_cyclic_gc

Report = Callable[[int, str], None]
Job = Callable[[Store, Report], Any]


class Cancelled(Exception):
    """Raised inside a job's progress report once the user asked to stop."""


class StoreTask(QThread):
    """Runs ``job(store, report)`` in a thread with a Store of its own.

    SQLite connections belong to the thread that opened them, so the task opens
    the database itself; the window's Store stays in the GUI thread.

    Signals:
        progressed(int, str): how far the job got, and what it is on.
        succeeded(object): the job's result.
        failed(str): why the job stopped (a user-facing message).
    """

    progressed = Signal(int, str)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, db_path: str, job: Job, parent: QObject | None = None) -> None:
        """Prepare to run ``job`` against the database at ``db_path``."""
        super().__init__(parent)
        if db_path == ":memory:":
            raise UserError("background work needs a database file, not an in-memory one")
        self._db_path = db_path
        self._job = job
        self._stop = threading.Event()
        self._holding_gc = False
        # Emitted from the worker thread, so queued: the release runs in the GUI thread.
        self.finished.connect(self.release_gc)

    @override
    def start(self, priority: QThread.Priority = QThread.Priority.InheritPriority) -> None:
        """Start the job, with the cyclic collector paused until it ends.

        A collection that happened to run in the worker thread would destroy
        unreachable Qt objects there, which Qt only allows in the GUI thread (a
        segfault, seen when a first camel-tools import allocates heavily). While no
        task runs, only the GUI thread allocates, so only it sets collections off.
        """
        if not self._holding_gc:
            hold_cyclic_gc()
            self._holding_gc = True
        super().start(priority)

    def release_gc(self) -> None:
        """End the task's pause of the collector (once; called when it has finished)."""
        if self._holding_gc:
            self._holding_gc = False
            release_cyclic_gc()

    def cancel(self) -> None:
        """Ask the job to stop at its next progress report."""
        self._stop.set()

    def _report(self, done: int, what: str) -> None:
        if self._stop.is_set():
            raise Cancelled
        self.progressed.emit(done, what)

    @override
    def run(self) -> None:
        try:
            with Store.open(self._db_path) as store:
                result = self._job(store, self._report)
        except Cancelled:
            self.failed.emit(self.tr("Stopped."))
            return
        except CorpusError as exc:
            self.failed.emit(str(exc))
            return
        self.succeeded.emit(result)
