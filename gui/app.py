"""Starting the annotator: ``tawsim``, ``tawsim gui``, ``tawsim gui --screenshot``."""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTranslator, Slot
from PySide6.QtWidgets import QApplication

from corpus.defaults import open_store
from corpus.errors import CorpusError
from corpus.store import Store
from gui.fonts import ArabicFont, load_arabic_font
from gui.i18n import install_translators, remove_translators, resolve_language
from gui.session import AnnotationSession
from gui.settings import Preferences, default_settings_path
from gui.window import AnnotatorDialog, MainWindow, ask_first_annotator
from gui.xcb import xcb_problem

SCREENSHOT_SIZE = (1400, 860)
# How long a screenshot waits for the document's annotations at most.
SCREENSHOT_LOAD_SECONDS = 30.0
_UNIX_DESKTOPS = ("linux", "freebsd", "openbsd", "netbsd")


def display_problem(screenshot: Path | None) -> str | None:
    """Why no window can be shown here, or None when it can.

    Without this check Qt aborts the process with a long plugin message when there
    is no display; one line saying what to do is kinder.
    """
    if screenshot is not None or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if not sys.platform.startswith(_UNIX_DESKTOPS):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    command = invoked_command()
    return (
        "no display to open the window on (DISPLAY and WAYLAND_DISPLAY are unset). "
        "Run Tawsim in a desktop session, or under a virtual display: "
        f"`xvfb-run {command} gui`; or set QT_QPA_PLATFORM (e.g. QT_QPA_PLATFORM=offscreen "
        f"for a headless check), or use `{command} gui --screenshot OUT.png`."
    )


def invoked_command(argv0: str | None = None, cwd: Path | None = None) -> str:
    """How the user can type the command that started this process again.

    ``tawsim`` when that is what the shell finds, else the script's path as typed
    from here (``.venv/bin/tawsim`` after ``make run``), else the module.
    """
    script = Path(argv0 if argv0 is not None else sys.argv[0])
    if not script.name.startswith("tawsim"):
        return ".venv/bin/tawsim"
    found = shutil.which(script.name)
    if found and Path(found).resolve() == script.resolve():
        return script.name
    try:
        return str(script.resolve().relative_to((cwd or Path.cwd()).resolve()))
    except ValueError:
        return str(script.resolve())


def application() -> QApplication:
    """The QApplication (created once per process)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Tawsim")
    app.setOrganizationName("Tawsim")
    return app


def apply_language(app: QApplication, language: str) -> None:
    """Mirror the whole layout for Arabic."""
    app.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if language == "ar" else Qt.LayoutDirection.LeftToRight
    )


class AnnotatorApp(QObject):
    """Owns the session and its window; builds the window again on a language switch."""

    def __init__(
        self,
        app: QApplication,
        session: AnnotationSession,
        prefs: Preferences,
        font: ArabicFont,
        translators: list[QTranslator],
    ) -> None:
        """Build the first window; ``translators`` are those already installed."""
        super().__init__()
        self._app = app
        self.session = session
        self.prefs = prefs
        self.font = font
        self.language = resolve_language(prefs.language)
        self._translators = translators
        self.window = self._build_window()
        # Once per session, not per window: a language switch rebuilds the window.
        self.window.finish_reindex()

    def _build_window(self) -> MainWindow:
        window = MainWindow(
            self.session, self.prefs, self.font.family, self.language, self.font.warning
        )
        window.language_change_requested.connect(self.on_window_language_change_requested)
        window.annotator_change_requested.connect(self.on_window_annotator_change_requested)
        return window

    @Slot(str)
    def on_window_language_change_requested(self, choice: str) -> None:
        """Switch language: translations reloaded, layout mirrored, window rebuilt."""
        self.prefs.language = choice
        language = resolve_language(choice)
        if language == self.language:
            return
        remove_translators(self._app, self._translators)
        self.language = language
        self._translators = install_translators(self._app, language)
        apply_language(self._app, language)
        old = self.window
        focused = old.focused_part()
        old.save_state()
        old.wait_for_tasks()  # their results would go to the deleted window
        old.detach()
        self.window = self._build_window()
        self.window.show()
        old.hide()
        old.deleteLater()
        if self.session.document is not None:
            self.session.open_document(self.session.document.id)
        # The keyboard stays where it was: a label key still acts on the article.
        self.window.restore_focus(focused)

    @Slot()
    def on_window_annotator_change_requested(self) -> None:
        """Annotator → Switch annotator."""
        name = AnnotatorDialog(self.session.annotator, self.window).name()
        if name:
            self.prefs.annotator = name
            self.session.set_annotator(name)


def first_document(store: Store) -> int | None:
    """The first document of the store, if any."""
    rows = store.list_documents(limit=1)
    return rows[0].id if rows else None


def open_initial_document(
    session: AnnotationSession,
    prefs: Preferences,
    doc: str | None,
    remembered: bool = True,
) -> int | None:
    """Open ``doc`` (id or external id), else the last one shown, else the first."""
    store = session.store
    target: int | None = None
    if doc:
        target = store.find_document(doc).id
    elif remembered:
        last = prefs.last_document(store.path)
        if last is not None:
            try:
                target = store.document(last).id
            except CorpusError:
                target = None
    if target is None:
        target = first_document(store)
    if target is not None and session.open_document(target):
        return target
    return None


def annotator_of(store: Store, doc: str | None) -> str:
    """For a screenshot without a configured name: who annotated the document most."""
    target = store.find_document(doc).id if doc else first_document(store)
    if target is not None:
        counts = Counter(a.annotator for a in store.annotations(target))
        if counts:
            return counts.most_common(1)[0][0]
    return "annotator"


def run(db: str | None, schema: str | None, screenshot: Path | None, doc: str | None) -> int:
    """Open the annotator window (or, with ``screenshot``, save a picture of it).

    Returns the process exit status.
    """
    problem = display_problem(screenshot)
    if problem is not None:
        sys.stderr.write(f"tawsim gui: error: {problem}\n")
        return 1
    missing = xcb_problem() if screenshot is None else None
    if missing is not None:
        sys.stderr.write(f"tawsim gui: error: {missing}\n")
        return 2
    if screenshot is not None:
        os.environ["QT_QPA_PLATFORM"] = os.environ.get("QT_QPA_PLATFORM") or "offscreen"
    app = application()
    prefs = Preferences(default_settings_path())
    font = load_arabic_font()
    if font.warning:
        sys.stderr.write(f"tawsim gui: warning: {font.warning}\n")
    translators = install_translators(app, resolve_language(prefs.language))
    apply_language(app, resolve_language(prefs.language))
    store = open_store(db, schema)
    try:
        annotator = prefs.annotator
        if not annotator and screenshot is not None:
            annotator = annotator_of(store, doc)
        elif not annotator:
            annotator = ask_first_annotator() or ""
            if not annotator:
                sys.stderr.write("tawsim gui: no annotator name given; nothing changed\n")
                return 1
            prefs.annotator = annotator
        session = AnnotationSession(store, annotator)
        controller = AnnotatorApp(app, session, prefs, font, translators)
        if screenshot is not None:
            return _screenshot(app, controller, doc, screenshot)
        # Shown first (nothing is painted before the event loop runs), so that the
        # document opens knowing how much of it the first screen shows.
        controller.window.show()
        open_initial_document(session, prefs, doc)
        # The keys work at once: the label keys act on the article, not the search box
        # that would otherwise take the focus first.
        controller.window.article.setFocus(Qt.FocusReason.OtherFocusReason)
        code = app.exec()
        prefs.sync()
        return int(code)
    finally:
        store.close()


def _screenshot(app: QApplication, controller: AnnotatorApp, doc: str | None, out: Path) -> int:
    window = controller.window
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    opened = open_initial_document(controller.session, controller.prefs, doc, remembered=False)
    # A long document's annotations come in over a few turns of the event loop.
    deadline = time.monotonic() + SCREENSHOT_LOAD_SECONDS
    while window.loading and time.monotonic() < deadline:
        app.processEvents()
    for _ in range(3):
        app.processEvents()
    picture = window.grab()
    if not out.parent.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
    if not picture.save(str(out)):
        sys.stderr.write(f"tawsim gui: error: {out}: cannot write the PNG\n")
        return 1
    shown = f"document {opened}" if opened is not None else "no document (the database is empty)"
    sys.stdout.write(f"saved {out} ({picture.width()}x{picture.height()}, {shown})\n")
    window.close()
    return 0
