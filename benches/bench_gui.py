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

- **100,000 annotations** (a 2 MB article): time to usable (the text and the
  marks of every visible block painted), a label key pressed right after (stored
  while the rest still loads), fully loaded, the longest turn of the event loop
  and the longest garbage collection, the rise of the peak RSS and Python's
  allocations at their peak (tracemalloc, a separate run); interleaved with the
  bare widget showing the same text. Targets (issue 11): usable within 1 s, no
  turn nor collection over 20 ms.

With the suggestion layer (gui/assist.py, the default), every document holds the
suggestions propagation leaves for its entities (the assistant stores them after each
edit): the 500 KB article some 17,000 of them, the 100,000-annotation one over 60,000.
Opening waits for them too ("fully loaded" and the turns count until the last slice of
suggestions is in), and the first paint checks that the visible ones are drawn.
``--without-suggestions`` leaves the suggestion layer unplugged (and stores none): the
annotation window alone.

Before each open the background work the previous document started (the assistant's
indexing and first look) is let finish (its thread's CPU time would count in the
process's); the turns of the event loop are timed in wall time and in the GUI thread's
CPU time. Every line shows the load average when it was measured; the bare widget and
Tawsim are run in turn (A B A B) and their medians compared, wall time with CPU time
beside.

    python benches/bench_gui.py [--quick] [--without-suggestions]
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
import tracemalloc
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

OPEN_MAX_RATIO = 3.0
# Issue 11: the first paint of a long article within 2x the bare widget, and no
# turn of the event loop (nor garbage collection) longer than 20 ms while loading.
FIRST_PAINT_MAX_RATIO = 2.0
TURN_MS = 20.0
KEY_MEDIAN_MS = 16.0
KEY_P95_MS = 50.0
SCROLL_MS = 16.0
BIG_BYTES = 500_000
BIG_ANNOTATIONS = 20_000
SCROLL_MARKS = 5_000
SEED_ANNOTATIONS = 100
HUGE_ANNOTATIONS = 100_000
HUGE_BYTES = 2_100_000
HUGE_USABLE_MS = 1000.0


def _ms(seconds: float) -> float:
    return seconds * 1000.0


def _peak_rss() -> int:
    """The process's peak resident memory (bytes), since the last reset."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def _reset_peak_rss() -> int:
    """Start a new peak from what is resident now (Linux); returns that amount."""
    Path("/proc/self/clear_refs").write_text("5")
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


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


class Turn(float):
    """How long one turn of the event loop took (wall, seconds), with the CPU time of
    the GUI thread meanwhile (not the process's: a background thread's work is not
    the window's, though its hold on the GIL shows in the wall time)."""

    cpu: float = 0.0


def _turn(app: Any) -> Turn:
    started, started_cpu = time.perf_counter(), time.thread_time()
    app.processEvents()
    turn = Turn(time.perf_counter() - started)
    turn.cpu = time.thread_time() - started_cpu
    return turn


def _cpu(turn: float) -> float:
    return getattr(turn, "cpu", 0.0)


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


def main(quick: bool = False, with_suggestions: bool = True) -> list[dict[str, Any]]:
    """Measure and print; returns the summary rows for ``benches/run.py``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor, QTextDocument
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    from corpus.model import Entity, NewDocument
    from corpus.store import Store
    from gui.app import application
    from gui.article import rtl_text_option
    from gui.fonts import load_arabic_font
    from gui.session import AnnotationSession
    from gui.settings import Preferences
    from gui.window import MainWindow

    started_load = os.getloadavg()[0]
    app: QApplication = application()
    rng = random.Random(7)
    seed_text = next((REPO / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    big_text = big_article(seed_text, BIG_BYTES)
    scroll_text = big_article(seed_text, 120_000)
    repeat = 3 if quick else 9
    huge_repeat = 3 if quick else 5
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
    # The bench's own copies are garbage now: no collection of the window's should
    # have to walk them.
    del docs
    assert len(store.annotations(big_id)) == BIG_ANNOTATIONS

    def store_propagated(doc_id: int) -> int:
        """What the assistant's propagation leaves stored for a document's entities."""
        if not with_suggestions:
            return 0
        from corpus.suggest.propagate import propagate

        document = store.document(doc_id)
        entities = [a for a in store.annotations(doc_id, annotator) if isinstance(a, Entity)]
        found = propagate(doc_id, annotator, document.text, entities)
        return store.add_suggestions(doc_id, annotator, found, replacing=("propagate",))

    stored_suggestions = {doc_id: store_propagated(doc_id) for doc_id in (seed_id, big_id)}

    prefs = Preferences(workdir / "settings.ini")
    session = AnnotationSession(store, annotator)
    window = MainWindow(session, prefs, load_arabic_font().family)
    if not with_suggestions:
        # The annotation window alone: the suggestion layer does not follow the session.
        assistant = getattr(window, "assistant", None)
        for signal, slot in assistant.session_links() if assistant is not None else []:
            signal.disconnect(slot)
        # Nor does its clitic-aware snapping: whole words, as without it.
        from corpus.arabic import snap_to_word

        session.snapper = snap_to_word
        window.article.mouse_snapper = None
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
        turns: list[float] = []
        while window.loading or view.suggestions_loading:
            turns.append(_turn(app))
        # What the end of the loading left for the next turns (the tables' paint)
        # keeps the window from answering too: counted.
        for _ in range(3):
            turns.append(_turn(app))
        view.viewport().repaint()  # paints whatever is left to paint, as before
        idle()
        return turns

    def quiet() -> None:
        """Let the background work the last document started end (the assistant's
        indexing, its first look at a new document: gazetteer and quote rules), so that
        its thread's CPU time and hold on the GIL are not charged to the next open."""
        for _ in range(3):
            window.wait_for_tasks()
            idle()

    def idle() -> None:
        """Deliver what is still queued (delayed layouts, other widgets' paints),
        so that none of it is charged to the next measurement."""
        for _ in range(3):
            app.processEvents()

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
            quiet()
            started, started_cpu = time.perf_counter(), time.process_time()
            session.open_document(doc_id)
            view.viewport().repaint()
            first_paint.append(time.perf_counter() - started)
            first_paint_cpu.append(time.process_time() - started_cpu)
            if view.unmarked_visible_blocks():
                raise SystemExit("the first paint left visible blocks without marks")
            if with_suggestions:
                turns.extend(suggestions_on_screen(doc_id))
                with_suggestions_drawn.append(time.perf_counter() - started)
                with_suggestions_drawn_cpu.append(time.process_time() - started_cpu)
            turns.extend(settle())
            loaded.append(time.perf_counter() - started)
            loaded_cpu.append(time.process_time() - started_cpu)
            if not session.loaded or len(view.index or ()) != expected:
                raise SystemExit("opening did not load every annotation")
            # As while the annotator reads: the session gives the collector back.
            deadline = time.perf_counter() + 2.0
            while not gc.isenabled() and time.perf_counter() < deadline:
                app.processEvents()
                time.sleep(0.002)

        expected = len(store.annotations(doc_id, annotator))
        first_paint: list[float] = []
        first_paint_cpu: list[float] = []
        with_suggestions_drawn: list[float] = []
        with_suggestions_drawn_cpu: list[float] = []
        loaded: list[float] = []
        loaded_cpu: list[float] = []
        turns: list[float] = []
        run.first_paint = first_paint  # type: ignore[attr-defined]
        run.first_paint_cpu = first_paint_cpu  # type: ignore[attr-defined]
        run.suggestions_drawn = with_suggestions_drawn  # type: ignore[attr-defined]
        run.suggestions_drawn_cpu = with_suggestions_drawn_cpu  # type: ignore[attr-defined]
        run.loaded = loaded  # type: ignore[attr-defined]
        run.loaded_cpu = loaded_cpu  # type: ignore[attr-defined]
        run.turns = turns  # type: ignore[attr-defined]
        return run

    def suggestions_on_screen(doc_id: int) -> list[float]:
        """Run the event loop until the suggestions of the screen are read (the first
        paint shows the text and its marks; they come on the next turns), paint them
        and check that each stored one is drawn; returns the turns it took."""
        turns: list[float] = []
        _, last = view.visible_range()
        while view.suggestions_read_until < last:
            turns.append(_turn(app))
        view.viewport().repaint()
        check_visible_suggestions(doc_id)
        return turns

    def check_visible_suggestions(doc_id: int) -> None:
        """Every stored suggestion of the screen is drawn."""
        first, last = view.visible_range()
        drawn = {s.id for s in view.suggestions.between(first, last)}
        stored = {
            s.id
            for s in store.suggestions(doc_id, annotator, end=last)
            if s.end > first and s.start < last
        }
        if drawn != stored:
            raise SystemExit(
                f"the first paint drew {len(drawn)} suggestions of the {len(stored)} on screen"
            )

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
        cpu_ms: float | None = None,
        unit: str = "ms",
    ) -> None:
        rows.append(
            {
                "bench": "gui",
                "measure": measure,
                "n": n,
                unit: round(value_ms, 2),
                "cpu_ms": round(cpu_ms, 2) if cpu_ms is not None else "",
                "ratio": round(ratio, 2) if ratio is not None else "",
                "target": target,
                "ok": ok,
                "load": round(os.getloadavg()[0], 2),
            }
        )
        shown_ratio = f"  {ratio:5.2f}x" if ratio is not None else "        "
        shown_cpu = f"  (cpu {cpu_ms:7.2f})" if cpu_ms is not None else " " * 16
        flag = "" if ok == "" else ("  ok" if ok else "  MISSED")
        lines.append(
            f"  {measure:<56} {value_ms:8.2f} {unit:<2}{shown_cpu}{shown_ratio}  {target}{flag}"
            f"  [load {os.getloadavg()[0]:.2f}]"
        )

    plain_view = QPlainTextEdit()
    plain_view.setReadOnly(True)
    plain_view.setFont(view.font())
    plain_view.document().setDefaultTextOption(rtl_text_option())
    plain_view.resize(view.size())
    plain_view.show()

    def bare_view(text: str) -> Callable[[], object]:
        def run() -> None:
            plain_view.setPlainText("")
            idle()
            started, started_cpu = time.perf_counter(), time.process_time()
            plain_view.setPlainText(text)
            plain_view.viewport().repaint()
            times.append(time.perf_counter() - started)
            cpu_times.append(time.process_time() - started_cpu)

        times: list[float] = []
        cpu_times: list[float] = []
        run.times = times  # type: ignore[attr-defined]
        run.cpu_times = cpu_times  # type: ignore[attr-defined]
        return run

    def with_count(label: str, doc_id: int) -> str:
        count = stored_suggestions.get(doc_id, 0)
        return f"{label}, {count:,} suggestions" if with_suggestions else label

    for label, doc_id, text in (
        (with_count("seed, 100 annotations", seed_id), seed_id, seed_text),
        (with_count("500 KB, 20,000 annotations", big_id), big_id, big_text),
    ):
        bare(text)()  # warm the font caches
        baseline = statistics.median(_timed(bare(text), repeat))
        widget = bare_view(text)
        opener = open_full(doc_id)
        widget()  # warm: the first showing of a text pays for its glyphs
        widget.times.clear()  # type: ignore[attr-defined]
        widget.cpu_times.clear()  # type: ignore[attr-defined]
        collections.clear()
        for _ in range(repeat):  # interleaved: A B A B
            widget()
            opener()
        widget_baseline = statistics.median(widget.times)  # type: ignore[attr-defined]
        widget_cpu = statistics.median(widget.cpu_times)  # type: ignore[attr-defined]
        session.open_document(other_id)  # the collections owed by the last load
        settle()
        if not gc.isenabled():
            raise SystemExit("the garbage collector was left paused")
        longest_collection = max(collections, default=0.0)
        first = statistics.median(opener.first_paint)  # type: ignore[attr-defined]
        first_cpu = statistics.median(opener.first_paint_cpu)  # type: ignore[attr-defined]
        full = statistics.median(opener.loaded)  # type: ignore[attr-defined]
        full_cpu = statistics.median(opener.loaded_cpu)  # type: ignore[attr-defined]
        longest_turn = max(opener.turns, default=0.0)  # type: ignore[attr-defined]
        view_only = statistics.median(open_view(doc_id))
        report(f"baseline QTextDocument.setPlainText ({label})", _ms(baseline), "", "", 1.0)
        report(
            "baseline bare QPlainTextEdit, text shown",
            _ms(widget_baseline),
            "",
            "",
            widget_baseline / baseline,
            cpu_ms=_ms(widget_cpu),
        )
        report(
            f"open, first paint with visible marks ({label})",
            _ms(first),
            f"<= {OPEN_MAX_RATIO:g}x",
            first <= OPEN_MAX_RATIO * baseline,
            first / baseline,
            cpu_ms=_ms(first_cpu),
        )
        report(
            "  the same, against the bare QPlainTextEdit",
            _ms(first),
            f"<= {FIRST_PAINT_MAX_RATIO:g}x",
            first <= FIRST_PAINT_MAX_RATIO * widget_baseline,
            first / widget_baseline,
            cpu_ms=_ms(first_cpu),
        )
        report(
            "  the same in CPU time, against the bare widget's",
            _ms(first_cpu),
            f"<= {FIRST_PAINT_MAX_RATIO:g}x",
            first_cpu <= FIRST_PAINT_MAX_RATIO * widget_cpu,
            first_cpu / widget_cpu,
        )
        if with_suggestions:
            drawn = statistics.median(opener.suggestions_drawn)  # type: ignore[attr-defined]
            drawn_cpu = statistics.median(opener.suggestions_drawn_cpu)  # type: ignore[attr-defined]
            report(
                "  then the suggestions on screen drawn too",
                _ms(drawn),
                "",
                "",
                drawn / widget_baseline,
                cpu_ms=_ms(drawn_cpu),
            )
        report(
            f"open, fully loaded ({label})",
            _ms(full),
            "",
            "",
            full / baseline,
            cpu_ms=_ms(full_cpu),
        )
        report(
            "  the same, against the bare QPlainTextEdit",
            _ms(full),
            "",
            "",
            full / widget_baseline,
            cpu_ms=_ms(full_cpu),
        )
        report(
            "  longest turn of the event loop while loading",
            _ms(longest_turn),
            f"<= {TURN_MS:g} ms",
            _ms(longest_turn) <= TURN_MS,
            cpu_ms=_ms(_cpu(longest_turn)),
        )
        report(
            "  the same, the turn longest in GUI-thread CPU time",
            _ms(max(map(_cpu, opener.turns), default=0.0)),  # type: ignore[attr-defined]
            f"<= {TURN_MS:g} ms",
            _ms(max(map(_cpu, opener.turns), default=0.0)) <= TURN_MS,  # type: ignore[attr-defined]
        )
        report(
            "  longest garbage collection in these runs",
            _ms(longest_collection),
            f"<= {TURN_MS:g} ms",
            _ms(longest_collection) <= TURN_MS,
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
    window.activateWindow()  # the bare view took the focus; shortcuts need it back
    for _ in range(50):
        app.processEvents()
        if window.isActiveWindow():
            break
    view.setFocus()

    # ------------------------------------------------------------ 100,000 annotations
    # Issue 11: a document with 100,000 annotations opens progressively. Usable =
    # the text shown with the marks of every visible block, and a label key then
    # stores an entity (pressed while the rest is still loading). Interleaved with
    # the bare widget showing the same text; peak memory is the rise of the
    # process's peak RSS over what it held before (the peak is reset each run).
    huge_text = big_article(seed_text, HUGE_BYTES)
    (huge_id,) = store.add_documents(
        [
            NewDocument(
                text=huge_text,
                title="100,000 annotations",
                annotations=annotations_for(huge_text, HUGE_ANNOTATIONS, rng),
            )
        ],
        annotator=annotator,
    ).imported
    huge_count = len(store.annotations(huge_id, annotator))
    stored_suggestions[huge_id] = store_propagated(huge_id)
    from corpus.arabic import word_spans

    def first_screen_words() -> list[tuple[int, int]]:
        """Words of the first screen that are no entity yet (for the key press)."""
        end = view.first_screen_end(huge_text) // 2
        taken = {
            (a.span.start, a.span.end)
            for a in store.annotations_in_range(huge_id, annotator, 0, end)
            if isinstance(a, Entity)
        }
        return [w for w in word_spans(huge_text[:end]) if w[1] - w[0] > 2 and w not in taken]

    free_words = first_screen_words()
    huge_runs: dict[str, list[float]] = {
        k: []
        for k in (
            "usable",
            "usable_cpu",
            "key",
            "loaded",
            "loaded_cpu",
            "turn",
            "rss",
            "bare",
            "bare_cpu",
            "bare_rss",
            "drawn",
            "drawn_cpu",
            "turn_cpu",
        )
    }

    def open_huge() -> None:
        session.open_document(other_id)
        settle()
        quiet()
        before = _reset_peak_rss()
        started, started_cpu = time.perf_counter(), time.process_time()
        session.open_document(huge_id)
        view.viewport().repaint()
        huge_runs["usable"].append(time.perf_counter() - started)
        huge_runs["usable_cpu"].append(time.process_time() - started_cpu)
        if view.unmarked_visible_blocks():
            raise SystemExit("the first paint left visible blocks without marks")
        early_turns = []
        if with_suggestions:
            early_turns = suggestions_on_screen(huge_id)
            huge_runs["drawn"].append(time.perf_counter() - started)
            huge_runs["drawn_cpu"].append(time.process_time() - started_cpu)
        start, end = free_words.pop(0)
        offsets = view.index.offsets if view.index else None
        assert offsets is not None
        cursor = QTextCursor(view.document())
        cursor.setPosition(offsets.to_utf16(start))
        cursor.setPosition(offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        view.setTextCursor(cursor)
        pressed = time.perf_counter()
        QTest.keyClick(view, Qt.Key.Key_1)
        app.processEvents()
        huge_runs["key"].append(time.perf_counter() - pressed)
        if session.loaded:
            raise SystemExit("the document was loaded before the key press: nothing shown")
        tagged = session.annotation(session.selected)
        if not (
            isinstance(tagged, Entity)
            and tagged.span.start <= start < tagged.span.end
            and tagged in store.annotations_in_range(huge_id, annotator, start, end)
        ):
            raise SystemExit(
                f"the key pressed while loading stored nothing at {start}:{end}"
                f" ({window.statusBar().currentMessage()!r}, active {window.isActiveWindow()})"
            )
        turns = settle()
        huge_runs["loaded"].append(time.perf_counter() - started)
        huge_runs["loaded_cpu"].append(time.process_time() - started_cpu)
        huge_runs["turn"].append(max(turns + early_turns, default=0.0))
        huge_runs["turn_cpu"].append(max(map(_cpu, turns + early_turns), default=0.0))
        huge_runs["rss"].append(_peak_rss() - before)
        expected = len(store.annotations(huge_id, annotator))
        if not session.loaded or len(view.index or ()) != expected:
            raise SystemExit("opening did not load every annotation")
        deadline = time.perf_counter() + 2.0
        while not gc.isenabled() and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.002)
        for _ in range(20):  # as while the annotator reads: allocations, collections
            app.processEvents()
            time.sleep(0.002)

    def bare_huge() -> None:
        plain_view.setPlainText("")
        idle()
        before = _reset_peak_rss()
        started, started_cpu = time.perf_counter(), time.process_time()
        plain_view.setPlainText(huge_text)
        plain_view.viewport().repaint()
        huge_runs["bare"].append(time.perf_counter() - started)
        huge_runs["bare_cpu"].append(time.process_time() - started_cpu)
        huge_runs["bare_rss"].append(_peak_rss() - before)

    bare_huge()
    for values in huge_runs.values():
        values.clear()
    collections.clear()
    huge_load = os.getloadavg()[0]
    for _ in range(huge_repeat):  # interleaved: A B A B
        bare_huge()
        open_huge()
    session.open_document(other_id)
    settle()
    for _ in range(20):
        app.processEvents()
        time.sleep(0.002)
    huge_collection = max(collections, default=0.0)
    # Python's own allocations at their peak while opening (tracemalloc slows the
    # run: a separate one, for memory only).
    tracemalloc.start()
    session.open_document(huge_id)
    settle()
    traced_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    session.open_document(other_id)
    settle()

    def med(key: str) -> float:
        return statistics.median(huge_runs[key])

    label = with_count(
        f"{huge_count:,} annotations, {len(huge_text.encode()) // 1000:,} KB", huge_id
    )
    report(
        f"baseline bare QPlainTextEdit, text shown ({label})",
        _ms(med("bare")),
        "",
        "",
        1.0,
        cpu_ms=_ms(med("bare_cpu")),
    )
    report(
        "open, usable: text and visible marks painted",
        _ms(med("usable")),
        f"<= {HUGE_USABLE_MS:g} ms",
        _ms(med("usable")) <= HUGE_USABLE_MS,
        med("usable") / med("bare"),
        cpu_ms=_ms(med("usable_cpu")),
    )
    if with_suggestions:
        report(
            "  then the suggestions on screen drawn too",
            _ms(med("drawn")),
            "",
            "",
            med("drawn") / med("bare"),
            cpu_ms=_ms(med("drawn_cpu")),
        )
    report(
        "  then a label key -> stored and repainted (still loading)",
        _ms(med("key")),
        f"< {KEY_P95_MS:g} ms",
        _ms(max(huge_runs["key"])) < KEY_P95_MS,
    )
    report(
        "  fully loaded (every annotation in the session, marks, tables)",
        _ms(med("loaded")),
        "",
        "",
        med("loaded") / med("bare"),
        cpu_ms=_ms(med("loaded_cpu")),
    )
    longest = max(huge_runs["turn"])
    report(
        "  longest turn of the event loop while loading",
        _ms(longest),
        f"<= {TURN_MS:g} ms",
        _ms(longest) <= TURN_MS,
        cpu_ms=_ms(_cpu(longest)),
    )
    longest_cpu = max(huge_runs["turn_cpu"])
    report(
        "  the same, the turn longest in GUI-thread CPU time",
        _ms(longest_cpu),
        f"<= {TURN_MS:g} ms",
        _ms(longest_cpu) <= TURN_MS,
    )
    report(
        "  longest garbage collection (loading and after)",
        _ms(huge_collection),
        f"<= {TURN_MS:g} ms",
        _ms(huge_collection) <= TURN_MS,
    )
    report("  peak RSS rise while opening", med("rss") / 1e6, "", "", unit="MB")
    report("    the bare widget's, same text", med("bare_rss") / 1e6, "", "", unit="MB")
    report("  Python allocations at their peak (tracemalloc)", traced_peak / 1e6, "", "", unit="MB")
    lines.append(f"  (load average {huge_load:.2f} when the 100,000-annotation runs began)")

    plain_view.close()

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
        f"[gui] offscreen, one process, {repeat} runs per open ({huge_repeat} of the "
        f"100,000-annotation document), database file; load average {started_load:.2f} "
        f"at the start, {os.getloadavg()[0]:.2f} at the end, {os.cpu_count()} cores\n"
        + "\n".join(lines)
        + "\n"
    )
    return rows


if __name__ == "__main__":
    main(quick="--quick" in sys.argv[1:], with_suggestions="--without-suggestions" not in sys.argv)
