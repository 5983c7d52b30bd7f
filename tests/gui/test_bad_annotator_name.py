"""A name the store refuses is reported in the window, not raised out of a slot."""

from __future__ import annotations

from corpus.store import Store
from gui.window import MainWindow
from tests.gui.conftest import ANNOTATOR


def test_switching_to_a_name_too_long_reports_it_and_keeps_the_annotator(
    qtbot, seeded_window: MainWindow, seeded: tuple[Store, int]
) -> None:
    store, _ = seeded
    session = seeded_window.session
    with qtbot.waitSignal(session.error_reported) as reported:
        session.set_annotator("م" * 201)
    assert reported.args == ["an annotator name has at most 200 characters (this one has 201)"]
    assert session.annotator == ANNOTATOR
    assert store.annotators() == [ANNOTATOR]
    qtbot.waitUntil(lambda: "200 characters" in seeded_window.statusBar().currentMessage())
