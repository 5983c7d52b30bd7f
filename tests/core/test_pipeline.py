"""The import pipeline: records prepared ahead in a thread, stored in the caller's thread."""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus.importers import import_paths
from corpus.pipeline import prefetch
from corpus.store import Store


def test_prefetch_keeps_order_and_runs_ahead_in_another_thread() -> None:
    threads: set[str] = set()

    def square(n: int) -> int:
        threads.add(threading.current_thread().name)
        return n * n

    assert list(prefetch(range(1000), square, batch=7, depth=3)) == [n * n for n in range(1000)]
    assert threads == {"tawsim-prefetch"}


def test_prefetch_raises_the_producers_error_after_the_items_before_it() -> None:
    def items() -> Iterator[int]:
        yield from range(50)
        raise ValueError("line 51: broken")

    got: list[int] = []
    stream = prefetch(items(), lambda n: n, batch=8)
    with pytest.raises(ValueError, match="line 51"):
        got.extend(stream)
    assert got == list(range(50))


def test_prefetch_stays_a_bounded_distance_ahead_and_stops_when_closed() -> None:
    produced = 0
    closed = threading.Event()

    def items() -> Iterator[int]:
        nonlocal produced
        try:
            for n in range(1_000_000):
                produced += 1
                yield n
        finally:
            closed.set()

    stream = prefetch(items(), lambda n: n, batch=10, depth=2)
    assert next(stream) == 0
    threading.Event().wait(0.2)
    # One batch taken, two waiting, one being filled: never the whole million.
    assert produced <= 10 * 4 + 1
    stream.close()
    assert closed.is_set(), "closing the stream did not stop and close the producer"


def test_import_reports_progress_from_the_callers_thread(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    lines = (json.dumps({"text": f"خبر رقم {i}"}, ensure_ascii=False) for i in range(450))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    calls: list[tuple[str, int, str]] = []
    summary = import_paths(
        store, [path],
        progress=lambda name, n: calls.append((name, n, threading.current_thread().name)),
    )
    assert summary.imported == 450
    assert [n for _, n, _ in calls] == [100, 200, 300, 400]
    assert {t for _, _, t in calls} == {threading.current_thread().name}


def test_reimport_counts_duplicates_without_keeping_them(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "twice.jsonl"
    lines = (json.dumps({"id": i, "text": f"نص {i}"}, ensure_ascii=False) for i in range(40))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert import_paths(store, [path]).imported == 40
    again = import_paths(store, [path])
    assert (again.imported, again.duplicates, again.rejected) == (0, 40, [])
    assert store.count_documents() == 40


def test_store_counts_and_optionally_lists_duplicates(store: Store) -> None:
    from corpus.model import NewDocument

    docs = [NewDocument(text=f"نص {i % 20}", title=str(i)) for i in range(40)]
    listed = store.add_documents(docs)
    assert len(listed.imported) == 20 and listed.duplicate_count == 20
    assert [d.title for d, _ in listed.duplicates] == [str(i) for i in range(20, 40)]
    counted = store.add_documents(docs, keep_duplicates=False)
    assert counted.imported == []
    assert counted.duplicate_count == 40
    assert counted.duplicates == []


def test_prefetch_shortens_the_gil_handover_only_while_it_runs() -> None:
    before = sys.getswitchinterval()
    seen: list[float] = []
    for _ in prefetch(range(3), lambda n: n):
        seen.append(sys.getswitchinterval())
    assert max(seen) < before
    assert sys.getswitchinterval() == before
