"""Fixtures for the GUI tests: a real main window over a real store, offscreen."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from corpus.store import Store
from gui.fonts import load_arabic_font
from gui.session import AnnotationSession
from gui.settings import Preferences
from gui.window import MainWindow

ANNOTATOR = "layla"


@pytest.fixture
def prefs(tmp_path: Path) -> Preferences:
    """Settings in a file of the test's own, with an annotator already named."""
    p = Preferences(tmp_path / "settings" / "tawsim.ini")
    p.annotator = ANNOTATOR
    # Background suggestions on opening would race the other tests' own; the tests of
    # that feature switch it back on (tests/gui/test_assist.py).
    p.suggest_in_new_documents = False
    return p


@pytest.fixture(scope="session")
def font_family(qapp: QApplication) -> str:
    return load_arabic_font().family


MakeWindow = Callable[..., MainWindow]


@pytest.fixture
def make_window(qtbot, prefs: Preferences, font_family: str) -> Iterator[MakeWindow]:
    """Build a shown, active main window over a store; opens ``doc_id`` if given."""
    made: list[MainWindow] = []

    def make(store: Store, doc_id: int | None = None, language: str = "en") -> MainWindow:
        QApplication.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if language == "ar" else Qt.LayoutDirection.LeftToRight
        )
        session = AnnotationSession(store, prefs.annotator)
        window = MainWindow(session, prefs, font_family, language)
        qtbot.addWidget(window)
        window.resize(1300, 800)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        # Window shortcuts (the label keys) only fire in the active window.
        qtbot.waitUntil(window.isActiveWindow)
        if doc_id is not None:
            assert session.open_document(doc_id)
            # The tables fill in later turns of the event loop.
            qtbot.waitUntil(lambda: not window.loading)
        window.article.setFocus()
        made.append(window)
        return window

    yield make
    for window in made:
        window.wait_for_tasks()
    QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


@pytest.fixture
def seeded_window(make_window: MakeWindow, seeded: tuple[Store, int]) -> MainWindow:
    store, doc_id = seeded
    return make_window(store, doc_id)
