"""GUI benchmark: the annotator window against bare Qt text handling, same run.

All in one process, offscreen, on a database file under ``bench-out/`` (so every
stored edit pays its fsync, as in real use); each figure a median (or p95) of
repeated runs:

- **baselines**: ``QTextDocument().setPlainText(text)`` of the same text (the issue's
  baseline: no layout, no paint), and a bare ``QPlainTextEdit`` of the window's
  article size showing the same text (``setPlainText`` and a synchronous repaint:
  the same visible work without marks).
- **open**: the window opening a document, which is progressive (the session reads
  the annotations of the first screen, the rest in slices on the event loop):
  - *first paint with visible marks*: from the request to the article painted with
    the marks of every block on screen (checked): the store read (document and the
    annotations touching the first screen), the article view (text, mark index,
    formats of the visible blocks) and a synchronous repaint of the viewport;
  - *fully loaded*: from the same request until every annotation is in the session,
    the mark index and the tables, with the event loop running as for the user and
    a final synchronous repaint of what is left (what "open" measured before opening
    became progressive); the longest single turn of the event loop meanwhile says
    how long the window could not answer; the longest garbage collection (the
    collector is paused while a document loads and catches up later) is printed
    beside it.
  Shown for the seed article with 100 annotations and a 500 KB article with
  20,000; also the article view alone with the annotations already in memory.
  Target: at most 3x the baseline.
- **key → stored and repainted**: words selected with the text cursor, the PER key
  sent through Qt's shortcut machinery, the entity stored (committed to disk), marks
  and tables updated, then the event loop run until the window has repainted what
  changed (the article's paint count is checked). Targets: median under 16 ms on
  the seed, p95 under 50 ms on the 500 KB article.
- **scroll repaint**: a page scroll and synchronous repaint of a document with
  5,000 marks (first visits included: that is when blocks get their formats).
  Target: under 16 ms (median; the maximum is printed too).

    python benches/bench_gui.py [--quick]
"""

from __future__ import annotations

import gc
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

OPEN_MAX_RATIO = 3.0
KEY_MEDIAN_MS = 16.0
KEY_P95_MS = 50.0
SCROLL_MS = 16.0
BIG_BYTES = 500_000
BIG_ANNOTATIONS = 20_000
SCROLL_MARKS = 5_000
SEED_ANNOTATIONS = 100


def _ms(seconds: float) -> float:
    return seconds * 1000.0


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _timed(action: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def big_article(seed_text: str, target_bytes: int) -> str:
    """A long article made of the seed's paragraphs, numbered so no two are equal."""
    paragraphs = [p for p in seed_text.split("\n") if p.strip()]
    out: list[str] = []
    size = 0
    n = 0
    while size < target_bytes:
        paragraph = f"{paragraphs[n % len(paragraphs)]} ({n})"
        out.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 1
        n += 1
    return "\n".join(out)


def annotations_for(text: str, count: int, rng: random.Random) -> tuple[Any, ...]:
    """``count`` annotations over real words: entities mostly, some quotes (with cue
    and speaker) and stances (with evidence), spread over the whole text."""
    from corpus.arabic import word_spans
    from corpus.model import Entity, Quote, Ref, Span, Stance, Topic

    words = [w for w in word_spans(text) if w[1] - w[0] > 1]
    labels = ("PER", "ORG", "GPE", "LOC", "EVENT", "MISC")
    n_quotes = count // 20
    n_stances = count // 40
    n_entities = count - n_quotes - n_stances
    step = max(1, len(words) // n_entities)
    chosen = words[::step][:n_entities]
    entities = [
        Entity(str(uuid.uuid4()), 0, "", Span(s, e), labels[i % len(labels)])
        for i, (s, e) in enumerate(chosen)
    ]
    made: list[Any] = list(entities)
    for i in range(n_quotes):
        at = rng.randrange(0, len(words) - 12)
        content = Span(words[at + 2][0], words[at + 10][1])
        speaker = entities[rng.randrange(len(entities))]
        made.append(
            Quote(
                str(uuid.uuid4()),
                0,
                "",
                content,
                ("direct", "indirect")[i % 2],
                Span(*words[at + 1]),
                Ref(speaker.uuid),
            )
        )
    for i in range(n_stances):
        at = rng.randrange(0, len(words) - 8)
        holder = entities[rng.randrange(len(entities))]
        made.append(
            Stance(
                str(uuid.uuid4()),
                0,
                "",
                Ref(holder.uuid),
                Topic("العلاقات"),
                ("support", "oppose", "neutral")[i % 3],
                (Span(words[at][0], words[at + 6][1]),),
            )
        )
    return tuple(made)


def main(quick: bool = False) -> list[dict[str, Any]]:
    """Measure and print; returns the summary rows for ``benches/run.py``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor, QTextDocument
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    from corpus.model import NewDocument
    from corpus.store import Store
    from gui.app import application
    from gui.article import rtl_text_option
    from gui.fonts import load_arabic_font
    from gui.session import AnnotationSession
    from gui.settings import Preferences
    from gui.window import MainWindow

    app: QApplication = application()
    rng = random.Random(7)
    seed_text = next((REPO / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    big_text = big_article(seed_text, BIG_BYTES)
    scroll_text = big_article(seed_text, 120_000)
    repeat = 3 if quick else 9
    key_presses = 30 if quick else 100

    (REPO / "bench-out").mkdir(exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="gui-", dir=REPO / "bench-out"))
    store = Store.open(workdir / "bench.db")
    annotator = "bench"
    docs = [
        NewDocument(
            text=seed_text,
            title="seed",
            annotations=annotations_for(seed_text, SEED_ANNOTATIONS, rng),
        ),
        NewDocument(
            text=big_text,
            title="500 KB",
            annotations=annotations_for(big_text, BIG_ANNOTATIONS, rng),
        ),
        NewDocument(
            text=scroll_text,
            title="scroll",
            annotations=annotations_for(scroll_text, SCROLL_MARKS, rng),
        ),
        NewDocument(text="خبر قصير للانتقال بين المستندات", title="other"),
    ]
    outcome = store.add_documents(docs, annotator=annotator)
    seed_id, big_id, scroll_id, other_id = outcome.imported
    assert len(store.annotations(big_id)) == BIG_ANNOTATIONS

    prefs = Preferences(workdir / "settings.ini")
    session = AnnotationSession(store, annotator)
    window = MainWindow(session, prefs, load_arabic_font().family)
    window.resize(1400, 900)
    window.show()
    window.activateWindow()
    for _ in range(20):
        app.processEvents()
        if window.isActiveWindow():
            break
    view = window.article

    def bare(text: str) -> Callable[[], object]:
        def run() -> object:
            document = QTextDocument()
            document.setPlainText(text)
            return document

        return run

    def settle() -> list[float]:
        """Run the event loop until the open document is fully loaded and painted;
        returns how long each turn of the loop took."""
        turns = []
        while window.loading:
            started = time.perf_counter()
            app.processEvents()
            turns.append(time.perf_counter() - started)
        app.processEvents()
        view.viewport().repaint()  # paints whatever is left to paint, as before
        return turns

    # The session pauses the cyclic garbage collector while a document loads; the
    # collections it then owes come later, wherever the next allocations happen.
    collections: list[float] = []
    collecting: list[float] = []

    def on_collection(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            collecting[:] = [time.perf_counter()]
        elif collecting:
            collections.append(time.perf_counter() - collecting.pop())

    gc.callbacks.append(on_collection)

    def open_full(doc_id: int) -> Callable[[], None]:
        def run() -> None:
            session.open_document(other_id)
            settle()
            started = time.perf_counter()
            session.open_document(doc_id)
            view.viewport().repaint()
            first_paint.append(time.perf_counter() - started)
            if view.unmarked_visible_blocks():
                raise SystemExit("the first paint left visible blocks without marks")
            turns.extend(settle())
            loaded.append(time.perf_counter() - started)
            if not session.loaded or len(view.index or ()) != expected:
                raise SystemExit("opening did not load every annotation")
            # As while the annotator reads: the session gives the collector back.
            deadline = time.perf_counter() + 2.0
            while not gc.isenabled() and time.perf_counter() < deadline:
                app.processEvents()
                time.sleep(0.002)

        expected = len(store.annotations(doc_id, annotator))
        first_paint: list[float] = []
        loaded: list[float] = []
        turns: list[float] = []
        run.first_paint = first_paint  # type: ignore[attr-defined]
        run.loaded = loaded  # type: ignore[attr-defined]
        run.turns = turns  # type: ignore[attr-defined]
        return run

    def open_view(doc_id: int) -> list[float]:
        document = store.document(doc_id)
        annotations = store.annotations(doc_id, annotator)
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            view.show_document(document.text, annotations)
            view.viewport().repaint()
            times.append(time.perf_counter() - started)
            app.processEvents()
        return times

    rows: list[dict[str, Any]] = []
    lines: list[str] = []

    def report(
        measure: str,
        value_ms: float,
        target: str,
        ok: bool | str,
        ratio: float | None = None,
        n: int | None = None,
    ) -> None:
        rows.append(
            {
                "bench": "gui",
                "measure": measure,
                "n": n,
                "ms": round(value_ms, 2),
                "ratio": round(ratio, 2) if ratio is not None else "",
                "target": target,
                "ok": ok,
            }
        )
        shown_ratio = f"  {ratio:5.2f}x" if ratio is not None else "        "
        flag = "" if ok == "" else ("  ok" if ok else "  MISSED")
        lines.append(f"  {measure:<52} {value_ms:8.2f} ms{shown_ratio}  {target}{flag}")

    plain_view = QPlainTextEdit()
    plain_view.setReadOnly(True)
    plain_view.setFont(view.font())
    plain_view.document().setDefaultTextOption(rtl_text_option())
    plain_view.resize(view.size())
    plain_view.show()

    def bare_view(text: str) -> Callable[[], object]:
        def run() -> None:
            plain_view.setPlainText("")
            app.processEvents()
            started = time.perf_counter()
            plain_view.setPlainText(text)
            plain_view.viewport().repaint()
            times.append(time.perf_counter() - started)

        times: list[float] = []
        run.times = times  # type: ignore[attr-defined]
        return run

    for label, doc_id, text in (
        ("seed, 100 annotations", seed_id, seed_text),
        ("500 KB, 20,000 annotations", big_id, big_text),
    ):
        bare(text)()  # warm the font caches
        baseline = statistics.median(_timed(bare(text), repeat))
        widget = bare_view(text)
        for _ in range(repeat):
            widget()
        widget_baseline = statistics.median(widget.times)  # type: ignore[attr-defined]
        opener = open_full(doc_id)
        collections.clear()
        for _ in range(repeat):
            opener()
        session.open_document(other_id)  # the collections owed by the last load
        settle()
        if not gc.isenabled():
            raise SystemExit("the garbage collector was left paused")
        longest_collection = max(collections, default=0.0)
        first = statistics.median(opener.first_paint)  # type: ignore[attr-defined]
        full = statistics.median(opener.loaded)  # type: ignore[attr-defined]
        longest_turn = max(opener.turns, default=0.0)  # type: ignore[attr-defined]
        view_only = statistics.median(open_view(doc_id))
        report(f"baseline QTextDocument.setPlainText ({label})", _ms(baseline), "", "", 1.0)
        report(
            "baseline bare QPlainTextEdit, text shown",
            _ms(widget_baseline),
            "",
            "",
            widget_baseline / baseline,
        )
        report(
            f"open, first paint with visible marks ({label})",
            _ms(first),
            f"<= {OPEN_MAX_RATIO:g}x",
            first <= OPEN_MAX_RATIO * baseline,
            first / baseline,
        )
        report(
            "  the same, against the bare QPlainTextEdit",
            _ms(first),
            f"<= {OPEN_MAX_RATIO:g}x",
            first <= OPEN_MAX_RATIO * widget_baseline,
            first / widget_baseline,
        )
        report(
            f"open, fully loaded ({label})",
            _ms(full),
            f"<= {OPEN_MAX_RATIO:g}x",
            full <= OPEN_MAX_RATIO * baseline,
            full / baseline,
        )
        report(
            "  the same, against the bare QPlainTextEdit",
            _ms(full),
            f"<= {OPEN_MAX_RATIO:g}x",
            full <= OPEN_MAX_RATIO * widget_baseline,
            full / widget_baseline,
        )
        report(
            "  longest turn of the event loop while loading",
            _ms(longest_turn),
            "",
            "",
        )
        report(
            "  longest garbage collection in these runs",
            _ms(longest_collection),
            "",
            "",
        )
        report(
            "  article view alone, annotations in memory",
            _ms(view_only),
            f"<= {OPEN_MAX_RATIO:g}x",
            view_only <= OPEN_MAX_RATIO * baseline,
            view_only / baseline,
        )
        report(
            "  the same, against the bare QPlainTextEdit",
            _ms(view_only),
            f"<= {OPEN_MAX_RATIO:g}x",
            view_only <= OPEN_MAX_RATIO * widget_baseline,
            view_only / widget_baseline,
        )
    plain_view.close()
    window.activateWindow()  # the bare view took the focus; shortcuts need it back
    for _ in range(50):
        app.processEvents()
        if window.isActiveWindow():
            break
    view.setFocus()

    def key_latency(doc_id: int, presses: int) -> list[float]:
        session.open_document(doc_id)
        settle()
        document = session.document
        assert document is not None
        from corpus.arabic import word_spans

        taken = {(a.span.start, a.span.end) for a in session.annotations() if hasattr(a, "span")}
        free = [w for w in word_spans(document.text) if w[1] - w[0] > 2 and w not in taken]
        picks = [free[i] for i in sorted(rng.sample(range(len(free)), presses))]
        offsets = view.index.offsets if view.index else None
        assert offsets is not None
        times = []
        for start, end in picks:
            cursor = QTextCursor(view.document())
            cursor.setPosition(offsets.to_utf16(start))
            cursor.setPosition(offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
            view.setTextCursor(cursor)
            view.ensureCursorVisible()
            view.viewport().repaint()
            app.processEvents()
            before = len(view.index) if view.index else 0
            paints = view.paint_count
            started = time.perf_counter()
            QTest.keyClick(view, Qt.Key.Key_1)
            # What Qt scheduled (the changed block, the selection, the table rows)
            # is painted by the event loop, as it would be for the user.
            app.processEvents()
            times.append(time.perf_counter() - started)
            if view.index is None or len(view.index) != before + 1:
                raise SystemExit(f"the key press did not store an entity at {start}:{end}")
            if view.paint_count == paints:
                raise SystemExit("the article was not repainted after the key press")
        return times

    seed_keys = key_latency(seed_id, min(key_presses, 60))
    report(
        "key -> stored and repainted, seed (median)",
        _ms(statistics.median(seed_keys)),
        f"< {KEY_MEDIAN_MS:g} ms",
        _ms(statistics.median(seed_keys)) < KEY_MEDIAN_MS,
        n=len(seed_keys),
    )
    big_keys = key_latency(big_id, key_presses)
    report(
        "key -> stored and repainted, 500 KB (median)",
        _ms(statistics.median(big_keys)),
        "",
        "",
        n=len(big_keys),
    )
    report(
        "key -> stored and repainted, 500 KB (p95)",
        _ms(_p95(big_keys)),
        f"< {KEY_P95_MS:g} ms",
        _ms(_p95(big_keys)) < KEY_P95_MS,
        n=len(big_keys),
    )

    session.open_document(scroll_id)
    settle()
    bar = view.verticalScrollBar()
    step = max(1, bar.pageStep())
    scroll_times = []
    value = 0
    while value <= bar.maximum() and len(scroll_times) < 400:
        bar.setValue(value)
        started = time.perf_counter()
        view.viewport().repaint()
        scroll_times.append(time.perf_counter() - started)
        value += step
    marks = len(view.index) if view.index else 0
    report(
        f"scroll repaint, {marks:,} marks (median)",
        _ms(statistics.median(scroll_times)),
        f"< {SCROLL_MS:g} ms",
        _ms(statistics.median(scroll_times)) < SCROLL_MS,
        n=len(scroll_times),
    )
    report(
        f"scroll repaint, {marks:,} marks (max)",
        _ms(max(scroll_times)),
        "",
        "",
        n=len(scroll_times),
    )

    window.close()
    store.close()
    shutil.rmtree(workdir, ignore_errors=True)
    sys.stdout.write(
        f"[gui] offscreen, one process, {repeat} runs per open, database file\n"
        + "\n".join(lines)
        + "\n"
    )
    return rows


if __name__ == "__main__":
    main(quick="--quick" in sys.argv[1:])
