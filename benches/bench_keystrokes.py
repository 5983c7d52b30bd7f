"""Keystrokes to annotate the seed, with and without suggestions; suggestion latency.

**Keystrokes.** The real window is driven offscreen with Qt's own input events
(``QTest``: double-clicks, drags, clicks and key presses into the article), over a
database file, until it holds exactly the gold entities and quotes of the seed
(``benches/seed_gold.jsonl``, a ``jsonl`` export: ``entities`` and ``quotes``). Every
event sent counts one action: a click, a double-click, a drag and a key press each count
one. What the annotator does, as a policy the bench follows:

- *without suggestions*: for each gold entity in text order, a double-click on it (a drag
  over several words), ``W`` when the snapped selection needs its proclitic back (or
  loses one), then the label key; a span no mouse selection gives is selected with the
  keyboard: one click to place the caret, Shift+arrow per character. For each gold quote:
  a drag over the content, ``Q``, the speaker (a click on its entity, or a drag and
  Enter, or Enter for none), the cue (a double-click and Enter, or Enter for none), the
  kind key.
- *with suggestions*: the same, except that an entity or quote that is already stored
  costs nothing, one that is suggested exactly (span and label; for a quote content,
  kind, cue and speaker) costs a click on it and Enter (only Enter when the caret is on
  it already: accepting moves the caret to the next suggestion), and after each entity
  tagged by hand, when every open propagated suggestion is gold, ``Ctrl+Shift+A``
  ("Annotate all") accepts them. Quote suggestions are asked for once (Suggest →
  Suggest quotes: two clicks, a menu and its item).

The final stored layers are checked against the gold in both runs (exact spans).

**Latency.** From the label key press to the article showing the new suggestions
(propagation: recommender, store, read back, drawn; the event loop run until the
viewport painted), on the seed and on a 500 KB article, against the same key press
with propagation switched off (the baseline, same run, interleaved A B A B); wall and
CPU time, medians; load average printed.

    python benches/bench_keystrokes.py [--quick] [--latency-only]
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
GOLD = REPO / "benches" / "seed_gold.jsonl"
BIG_BYTES = 500_000
# The 500 KB article of bench_gui holds 20,000 annotations (the entities among them here).
BIG_ANNOTATIONS = 20_000
LATENCY_TARGET_MS = 50.0


@dataclass
class Gold:
    """The seed's gold layers: entities (start, end, label) and quotes."""

    text: str
    entities: list[tuple[int, int, str]]
    quotes: list[dict[str, Any]]


def read_gold(path: Path = GOLD) -> Gold:
    """The first line of ``path`` (a ``jsonl`` export of the seed's gold)."""
    line = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    entities = sorted((e["start"], e["end"], e["label"]) for e in line.get("entities", []))
    quotes = sorted(line.get("quotes", []), key=lambda q: q["content"]["start"])
    return Gold(line["text"], entities, quotes)


class Driver:
    """Sends input events to the window's article and counts them."""

    def __init__(self, window: Any, app: Any) -> None:
        self.window = window
        self.app = app
        self.actions = 0
        from PySide6.QtTest import QTest

        self.qtest = QTest

    # ------------------------------------------------------------------ geometry

    def point(self, offset: int, scroll: bool = True) -> Any:
        """A viewport point inside the character at ``offset`` (scrolled into view
        unless ``scroll`` is False)."""
        from PySide6.QtCore import QPoint
        from PySide6.QtGui import QTextCursor

        view = self.window.article
        text = self.window.session.document.text
        from corpus.model import Span

        if scroll:
            view.scroll_to(Span(offset, offset + 1))
            self.idle()
        position = len(text[:offset].encode("utf-16-le")) // 2
        left = QTextCursor(view.document())
        left.setPosition(position)
        right = QTextCursor(view.document())
        right.setPosition(position + 1)
        a, b = view.cursorRect(left), view.cursorRect(right)
        return QPoint((a.center().x() + b.center().x()) // 2, a.center().y())

    def idle(self) -> None:
        for _ in range(3):
            self.app.processEvents()

    # ------------------------------------------------------------------ actions

    def key(self, key: Any, modifiers: Any = None) -> None:
        from PySide6.QtCore import Qt

        self.actions += 1
        self.qtest.keyClick(self.window.article, key, modifiers or Qt.KeyboardModifier.NoModifier)
        self.idle()

    def click(self, offset: int) -> None:
        from PySide6.QtCore import Qt

        point = self.point(offset)
        self.actions += 1
        self.qtest.mouseClick(self.window.article.viewport(), Qt.MouseButton.LeftButton, pos=point)
        self.idle()

    def double_click(self, offset: int) -> None:
        from PySide6.QtCore import Qt

        point = self.point(offset)
        self.actions += 1
        self.qtest.mouseDClick(self.window.article.viewport(), Qt.MouseButton.LeftButton, pos=point)
        self.idle()

    def drag(self, start: int, last: int) -> None:
        """Press on the character at ``start``, release on the one at ``last``."""
        from PySide6.QtCore import QEvent, QPointF, Qt
        from PySide6.QtGui import QMouseEvent
        from PySide6.QtWidgets import QApplication

        from corpus.model import Span

        viewport = self.window.article.viewport()
        # Both ends on screen first: scrolling to the second must not move the first.
        self.window.article.scroll_to(Span(start, last + 1))
        self.idle()
        a, b = self.point(start, scroll=False), self.point(last, scroll=False)
        self.actions += 1
        self.qtest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=a)
        move = QMouseEvent(
            QEvent.Type.MouseMove,
            QPointF(b),
            QPointF(viewport.mapToGlobal(b)),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(viewport, move)
        self.qtest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=b)
        self.idle()

    def menu(self, action: Any) -> None:
        """A menu item: two clicks (the menu, the item)."""
        self.actions += 2
        action.trigger()
        self.idle()

    # ------------------------------------------------------------------ selections

    def selected(self) -> tuple[int, int] | None:
        result: tuple[int, int] | None = self.window.article.selected_range()
        return result

    def select(self, start: int, end: int) -> None:
        """Make the text selection ``[start, end)`` as an annotator would: a
        double-click or a drag, W if the stem (or the word) is wanted; else the
        keyboard, character by character."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QTextCursor

        text = self.window.session.document.text
        if " " in text[start:end].strip():
            self.drag(start, end - 1)
        else:
            self.double_click(start + (end - start) // 2)
        if self.selected() == (start, end):
            return
        self.key(Qt.Key.Key_W)
        if self.selected() == (start, end):
            return
        # One click puts the caret at the start; Shift+arrows select each character.
        self.actions += 1
        view = self.window.article
        cursor = QTextCursor(view.document())
        cursor.setPosition(view.index.offsets.to_utf16(start))
        view.setTextCursor(cursor)
        forward = Qt.Key.Key_Left  # right to left: the left arrow moves forward
        while (self.selected() or (start, start))[1] < end:
            self.key(forward, Qt.KeyboardModifier.ShiftModifier)
        assert self.selected() == (start, end), (self.selected(), (start, end))


def label_keys(schema: Any) -> dict[str, Any]:
    from PySide6.QtCore import Qt

    keys = {}
    for d in (*schema.entities, *schema.quote_kinds):
        if d.key:
            keys[d.label] = getattr(Qt.Key, f"Key_{d.key.upper()}")
    return keys


def stored_entities(window: Any) -> set[tuple[int, int, str]]:
    from corpus.model import Entity

    doc = window.session.document
    return {
        (a.span.start, a.span.end, a.label)
        for a in window.session.store.annotations(doc.id, window.session.annotator, "entity")
        if isinstance(a, Entity)
    }


def _span(value: dict[str, Any] | None) -> tuple[int, int] | None:
    return None if value is None or "start" not in value else (value["start"], value["end"])


def quote_key(window: Any, quote: Any) -> tuple[Any, ...]:
    """A stored or suggested quote as (content, kind, cue, speaker span)."""
    from corpus.model import Ref, Span

    speaker = quote.speaker
    if isinstance(speaker, Ref):
        entity = window.session.store.annotation(speaker.uuid)
        speaker = entity.span
    speaker_span = (speaker.start, speaker.end) if isinstance(speaker, Span) else None
    cue = (quote.cue.start, quote.cue.end) if quote.cue is not None else None
    return ((quote.content.start, quote.content.end), quote.kind, cue, speaker_span)


def gold_quote_key(gold: dict[str, Any]) -> tuple[Any, ...]:
    return (
        _span(gold["content"]),
        gold["kind"],
        _span(gold.get("cue")),
        _span(gold.get("speaker")),
    )


def annotate(window: Any, app: Any, gold: Gold, suggestions: bool) -> dict[str, Any]:
    """Drive the window until it holds the gold; the actions it took."""
    from PySide6.QtCore import Qt

    from corpus.model import Entity, Quote

    drive = Driver(window, app)
    keys = label_keys(window.session.store.schema)
    assistant = window.assistant
    gold_entities = set(gold.entities)
    if not suggestions:
        assistant.propagate_document = lambda: 0
        assistant.propagate_edit = lambda *_args, **_kwargs: 0
    accepted = 0
    for start, end, label in gold.entities:
        if (start, end, label) in stored_entities(window):
            continue
        if suggestions:
            match = next(
                (
                    s
                    for s in window.article.suggestions
                    if isinstance(s.proposal, Entity)
                    and (s.start, s.end, s.label) == (start, end, label)
                ),
                None,
            )
            if match is not None:
                here = window.article.suggestion_at_caret()
                if here is None or here.id != match.id:
                    drive.click(start + (end - start) // 2)
                drive.key(Qt.Key.Key_Return)
                accepted += 1
                continue
        drive.select(start, end)
        drive.key(keys[label])
        if suggestions:
            open_propagated = [
                (s.start, s.end, s.label)
                for s in window.article.suggestions
                if s.source == "propagate"
            ]
            if len(open_propagated) >= 2 and set(open_propagated) <= gold_entities:
                drive.key(
                    Qt.Key.Key_A,
                    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
                )
                accepted += len(open_propagated)
    entity_actions = drive.actions
    if (
        suggestions
        and gold.quotes
        and not any(s.source == "quotes" for s in window.article.suggestions)
    ):
        drive.menu(assistant.quotes_action)
    for quote in gold.quotes:
        key = gold_quote_key(quote)
        stored = [
            quote_key(window, a) for a in window.session.annotations() if isinstance(a, Quote)
        ]
        if key in stored:
            continue
        if suggestions:
            match = next(
                (
                    s
                    for s in window.article.suggestions
                    if isinstance(s.proposal, Quote) and quote_key(window, s.proposal) == key
                ),
                None,
            )
            if match is not None:
                here = window.article.suggestion_at_caret()
                if here is None or here.id != match.id:
                    drive.click(match.start + 1)
                drive.key(Qt.Key.Key_Return)
                accepted += 1
                continue
        content = _span(quote["content"])
        assert content is not None
        drive.select(*content)
        drive.key(Qt.Key.Key_Q)
        speaker = _span(quote.get("speaker"))
        if speaker is None:
            drive.key(Qt.Key.Key_Return)
        elif any((s, e) == speaker for s, e, _ in stored_entities(window)):
            drive.click(speaker[0] + (speaker[1] - speaker[0]) // 2)
        else:
            drive.select(*speaker)
            drive.key(Qt.Key.Key_Return)
        cue = _span(quote.get("cue"))
        if cue is None:
            drive.key(Qt.Key.Key_Return)
        else:
            drive.select(*cue)
            drive.key(Qt.Key.Key_Return)
        drive.key(keys[quote["kind"]])
    got_entities = stored_entities(window)
    got_quotes = sorted(
        quote_key(window, a) for a in window.session.annotations() if isinstance(a, Quote)
    )
    return {
        "actions": drive.actions,
        "entity actions": entity_actions,
        "quote actions": drive.actions - entity_actions,
        "accepted suggestions": accepted,
        "entities match gold": got_entities == gold_entities,
        "quotes match gold": got_quotes == sorted(gold_quote_key(q) for q in gold.quotes),
    }


def make_window(
    workdir: Path, text: str, title: str, annotations: int = 0, first_look: bool = False
) -> tuple[Any, Any]:
    import random

    from bench_gui import annotations_for

    from corpus.model import Entity, NewDocument
    from corpus.store import Store
    from gui.app import application
    from gui.fonts import load_arabic_font
    from gui.session import AnnotationSession
    from gui.settings import Preferences
    from gui.window import MainWindow

    app = application()
    store = Store.open(workdir / f"{title}.db")
    made = annotations_for(text, annotations, random.Random(7)) if annotations else ()
    entities = tuple(a for a in made if isinstance(a, Entity))
    doc_id = store.add_documents(
        [NewDocument(text=text, title=title, annotations=entities)], annotator="bench"
    ).imported[0]
    prefs = Preferences(workdir / f"{title}.ini")
    # The gazetteer's and the quote rules' suggestions as a new document opens.
    prefs.suggest_in_new_documents = first_look
    session = AnnotationSession(store, "bench")
    window = MainWindow(session, prefs, load_arabic_font().family)
    window.resize(1400, 900)
    window.show()
    window.activateWindow()
    for _ in range(50):
        app.processEvents()
        if window.isActiveWindow():
            break
    session.open_document(doc_id)
    while window.loading or window._tasks:
        app.processEvents()
    window.article.setFocus()
    app.processEvents()
    return window, app


def close(window: Any) -> None:
    window.close()
    window.session.store.close()
    window.deleteLater()


def latency(
    workdir: Path, text: str, title: str, rounds: int, annotations: int = 0
) -> dict[str, Any]:
    """Key press → suggestions drawn, with propagation (A) and without (B); the
    document may hold ``annotations`` entities already (bench_gui's generator)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor

    from corpus.arabic import word_spans

    window, app = make_window(workdir, text, title, annotations)
    assistant = window.assistant
    for warm in list(assistant._warm_ups):
        warm.wait()
    app.processEvents()
    real, real_edit = assistant.propagate_document, assistant.propagate_edit
    taken = {(a.span.start, a.span.end) for a in window.session.annotations() if hasattr(a, "span")}
    words = [w for w in word_spans(text) if w[1] - w[0] >= 4 and w not in taken][:200]
    view = window.article
    timings: dict[str, list[tuple[float, float]]] = {"A": [], "B": []}
    shown: list[int] = []
    for i in range(rounds):
        for arm in ("A", "B"):
            start, end = words[(2 * i + (arm == "B")) % len(words)]
            assistant.propagate_document = real if arm == "A" else (lambda: 0)
            assistant.propagate_edit = real_edit if arm == "A" else (lambda *_a, **_k: 0)
            cursor = QTextCursor(view.document())
            cursor.setPosition(view.index.offsets.to_utf16(start))
            cursor.setPosition(view.index.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
            view.setTextCursor(cursor)
            app.processEvents()
            painted = view.paint_count
            wall, cpu = time.perf_counter(), time.process_time()
            from PySide6.QtTest import QTest

            QTest.keyClick(view, Qt.Key.Key_1)
            while view.paint_count == painted or window._tasks:
                app.processEvents()
            timings[arm].append((time.perf_counter() - wall, time.process_time() - cpu))
            if arm == "A":
                shown.append(len(view.suggestions))
            window.session.undo_stack().undo()
            app.processEvents()
    assistant.propagate_document, assistant.propagate_edit = real, real_edit
    close(window)

    def median_ms(arm: str, which: int) -> float:
        return round(1000 * statistics.median(t[which] for t in timings[arm]), 1)

    def p95_ms(arm: str) -> float:
        ordered = sorted(t[0] for t in timings[arm])
        return round(1000 * ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], 1)

    a_wall, b_wall = median_ms("A", 0), median_ms("B", 0)
    return {
        "document": title,
        "chars": len(text),
        "entities before": annotations,
        "rounds": rounds,
        "suggestions shown (median)": statistics.median(shown),
        "first press ms (wall)": round(1000 * timings["A"][0][0], 1),
        "key→suggestions p50 ms (wall)": a_wall,
        "p95 ms (wall)": p95_ms("A"),
        "p50 ms (cpu)": median_ms("A", 1),
        "no propagation p50 ms (wall)": b_wall,
        "p95 ms (wall) ": p95_ms("B"),
        "p50 ms (cpu) ": median_ms("B", 1),
        "ratio": round(a_wall / b_wall, 2) if b_wall else None,
        "target ms": LATENCY_TARGET_MS,
    }


def table(rows: list[dict[str, Any]]) -> str:
    keys = list(dict.fromkeys(k for row in rows for k in row))
    lines = [" | ".join(keys)]
    lines += [" | ".join(str(row.get(k, "")) for k in keys) for row in rows]
    return "\n".join(lines)


def main(
    quick: bool = False, gold_path: Path = GOLD, latency_only: bool = False
) -> list[dict[str, Any]]:
    """Measure and print; returns the rows for ``benches/run.py``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(REPO / "benches"))
    from bench_gui import big_article

    load_before = os.getloadavg()
    (REPO / "bench-out").mkdir(exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="keystrokes-", dir=REPO / "bench-out"))
    rows: list[dict[str, Any]] = []
    try:
        if latency_only:
            print("keystroke count skipped (--latency-only)")
        elif gold_path.exists():
            gold = read_gold(gold_path)
            for suggestions in (False, True):
                window, app = make_window(
                    workdir, gold.text, f"seed-{suggestions}", first_look=suggestions
                )
                started = time.perf_counter()
                result = annotate(window, app, gold, suggestions)
                result = {
                    "run": "with suggestions" if suggestions else "without suggestions",
                    "gold entities": len(gold.entities),
                    "gold quotes": len(gold.quotes),
                    **result,
                    "seconds": round(time.perf_counter() - started, 1),
                }
                rows.append(result)
                close(window)
            without, with_ = rows[0]["actions"], rows[1]["actions"]
            print("Keystrokes and clicks to annotate the seed (real window, QTest events):")
            print(table(rows))
            print(f"saved: {without - with_} actions ({(without - with_) / without:.0%})\n")
        else:
            print(f"{gold_path} is missing: keystroke count skipped")
        seed_text = next((REPO / "seeds").glob("*.txt")).read_text(encoding="utf-8")
        rounds = 5 if quick else 15
        big = big_article(seed_text, BIG_BYTES)
        latency_rows = [
            latency(workdir, seed_text, "seed", rounds),
            latency(workdir, big, "500 KB", rounds),
            latency(workdir, big, "500 KB, 20k", rounds, annotations=BIG_ANNOTATIONS),
        ]
        print("Suggestion latency after a key press (A: propagation, B: without; medians):")
        print(table(latency_rows))
        rows += latency_rows
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    load_after = os.getloadavg()
    print(
        f"load average before {load_before[0]:.2f} {load_before[1]:.2f}, "
        f"after {load_after[0]:.2f} {load_after[1]:.2f}; cores {os.cpu_count()}"
    )
    return rows


if __name__ == "__main__":
    arguments = sys.argv[1:]
    given = arguments[arguments.index("--gold") + 1] if "--gold" in arguments else None
    main(
        quick="--quick" in arguments,
        gold_path=Path(given) if given else GOLD,
        latency_only="--latency-only" in arguments,
    )
