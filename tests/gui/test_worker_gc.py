"""Background tasks and the cyclic garbage collector.

A collection running in a worker thread would destroy unreachable Qt objects
there, which Qt allows only in the GUI thread; so the collector is paused while a
task runs.
"""

from __future__ import annotations

import gc
import threading
from pathlib import Path

from corpus.store import Store
from gui.allocation import hold_cyclic_gc, release_cyclic_gc, without_cyclic_gc
from gui.worker import Report, StoreTask


def test_overlapping_pauses_turn_the_collector_back_on_only_after_the_last() -> None:
    gc.enable()  # as in a fresh process: nothing holds a pause between these tests
    hold_cyclic_gc()
    with without_cyclic_gc():
        assert not gc.isenabled()
    assert not gc.isenabled()
    release_cyclic_gc()
    assert gc.isenabled()
    release_cyclic_gc()  # an extra release is harmless
    assert gc.isenabled()


def test_the_collector_is_paused_while_a_task_runs_and_back_after(qtbot, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    Store.open(db).close()
    proceed = threading.Event()
    seen: list[bool] = []

    def job(store: Store, report: Report) -> int:
        seen.append(gc.isenabled())
        proceed.wait(timeout=60)
        return store.count_documents()

    assert gc.isenabled(), "a window closed by an earlier test left the collector paused"
    task = StoreTask(str(db), job)
    with qtbot.wait_signal(task.succeeded, timeout=60_000):
        task.start()
        assert not gc.isenabled()
        proceed.set()
    qtbot.waitUntil(lambda: gc.isenabled(), timeout=60_000)
    task.wait()
    assert seen == [False]
