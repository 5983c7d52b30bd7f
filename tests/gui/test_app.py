"""Starting the annotator: crashes avoided, cold start, display check, screenshot,
translations, remembered settings, background work."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, QThread, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from corpus.store import Store
from gui.app import AnnotatorApp, display_problem, open_initial_document
from gui.i18n import TRANSLATIONS_DIR, install_translators, remove_translators, resolve_language
from gui.session import AnnotationSession
from gui.settings import Preferences
from gui.window import (
    AnnotatorDialog,
    MainWindow,
    NoNameBox,
    ShortcutsDialog,
    ask_first_annotator,
)
from tests.conftest import REPO, SEED_FILE
from tests.gui.test_flows import tag

PYSIDE_BIN = Path(sys.executable).parent


def run_python(code: str, env: dict[str, str] | None = None, timeout: int = 120):
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env=env or dict(os.environ),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


VOID_CALLS = """
import sys
from PySide6.QtGui import QGuiApplication, QTextCharFormat, QTextCursor, QTextDocument
app = QGuiApplication([])
doc = QTextDocument()
doc.setPlainText("قال ديمتري بيسكوف إن العلاقات جيدة " * 20)
cursor = QTextCursor(doc)
fmt = QTextCharFormat()
for i in range(20_000):
    cursor.setPosition(i % 500)
    cursor.setPosition((i % 500) + 3, QTextCursor.MoveMode.KeepAnchor)
    cursor.mergeCharFormat(fmt)
    cursor.clearSelection()
print("none refcount", sys.getrefcount(None) > 0)
print("ok")
"""


def test_twenty_thousand_void_qt_calls_do_not_abort_the_process() -> None:
    # PySide6 6.12.0 decrements None's refcount on every void call and aborts with
    # "none_dealloc" after a few thousand; pyproject excludes that release.
    result = run_python(VOID_CALLS, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("ok")
    assert "none_dealloc" not in result.stderr


COLD_START = """
import sys
from pathlib import Path
from gui.app import AnnotatorApp, application, open_initial_document
from gui.fonts import load_arabic_font
from gui.session import AnnotationSession
from gui.settings import Preferences
from corpus.defaults import open_store
app = application()
store = open_store(sys.argv[1] if len(sys.argv) > 1 else None)
prefs = Preferences(Path(sys.argv[2]) if len(sys.argv) > 2 else Path("settings.ini"))
session = AnnotationSession(store, "layla")
controller = AnnotatorApp(app, session, prefs, load_arabic_font(), [])
controller.window.show()
assert open_initial_document(session, prefs, None) is not None
app.processEvents()
assert controller.window.article.toPlainText()
# Closing waits for the background work the opening started (the first suggestions).
controller.window.close()
heavy = sorted(m for m in sys.modules
               if m == "torch"
               or m.startswith(("torch.", "camel_tools.ner", "transformers")))
print("heavy:", heavy)
"""


def test_cold_start_to_the_first_article_loads_neither_torch_nor_camel_ner(
    tmp_path,
) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"))
    code = COLD_START.replace("sys.argv[1] if len(sys.argv) > 1 else None", "None").replace(
        'Path(sys.argv[2]) if len(sys.argv) > 2 else Path("settings.ini")',
        f"Path({str(tmp_path / 'settings.ini')!r})",
    )
    result = run_python(code, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "heavy: []" in result.stdout


def test_without_a_display_the_gui_says_how_to_get_one_in_one_line(tmp_path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    result = subprocess.run(
        [sys.executable, "-m", "gui.launcher", "gui", "--db", str(tmp_path / "t.db")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "xvfb-run" in lines[0]
    assert "QT_QPA_PLATFORM" in lines[0]


def test_display_problem_is_none_when_a_platform_or_display_is_set(monkeypatch) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":99")
    assert display_problem(None) is None
    monkeypatch.delenv("DISPLAY")
    if sys.platform.startswith("linux"):
        assert display_problem(None) is not None
    assert display_problem(Path("x.png")) is None
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert display_problem(None) is None


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_screenshot_renders_the_chosen_document_offscreen_and_exits(tmp_path) -> None:
    db = tmp_path / "shot.db"
    with Store.open(db) as store:
        first = store.add_document("خبر أول عن الصين", "one")
        second = store.add_document(SEED_FILE.read_text(encoding="utf-8"), "seed")
        at = store.document(second).text.index("ديمتري بيسكوف")
        store.add_entity(second, "demo", at, at + 13, "PER")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    out = tmp_path / "out" / "window.png"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "gui.launcher",
            "gui",
            "--db",
            str(db),
            "--screenshot",
            str(out),
            "--doc",
            str(second),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert png_size(out) == (1400, 860)
    assert f"document {second}" in result.stdout
    default = tmp_path / "first.png"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "gui.launcher",
            "gui",
            "--db",
            str(db),
            "--screenshot",
            str(default),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert f"document {first}" in result.stdout


def test_the_compiled_arabic_translation_matches_its_source_and_is_complete(
    tmp_path,
) -> None:
    lrelease = shutil.which("pyside6-lrelease", path=str(PYSIDE_BIN))
    lupdate = shutil.which("pyside6-lupdate", path=str(PYSIDE_BIN))
    assert lrelease, "PySide6-Essentials ships pyside6-lrelease"
    assert lupdate, "PySide6-Essentials ships pyside6-lupdate"
    source = TRANSLATIONS_DIR / "tawsim_ar.ts"
    copy = tmp_path / "tawsim_ar.ts"
    shutil.copy(source, copy)
    # Every string the code marks for translation is in the .ts file, translated.
    subprocess.run(
        [
            lupdate,
            *sorted(str(p) for p in (REPO / "gui").glob("*.py")),
            "-ts",
            str(copy),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    unfinished = [
        m.findtext("source")
        for m in ET.parse(copy).getroot().iter("message")
        if m.find("translation").get("type") in ("unfinished",)
    ]
    assert unfinished == []
    compiled = tmp_path / "tawsim_ar.qm"
    subprocess.run(
        [lrelease, str(source), "-qm", str(compiled)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert compiled.read_bytes() == (TRANSLATIONS_DIR / "tawsim_ar.qm").read_bytes()


def test_the_language_follows_the_system_locale_unless_chosen() -> None:
    assert (
        resolve_language("system", QLocale(QLocale.Language.Arabic, QLocale.Country.Egypt)) == "ar"
    )
    assert resolve_language("system", QLocale(QLocale.Language.French)) == "en"
    assert resolve_language("ar", QLocale(QLocale.Language.English)) == "ar"
    assert resolve_language("en", QLocale(QLocale.Language.Arabic)) == "en"


def test_arabic_interface_is_translated_and_mirrored_and_switchable(
    qtbot, qapp, seeded, prefs: Preferences, font_family: str
) -> None:
    from gui.fonts import ArabicFont

    store, doc_id = seeded
    prefs.language = "ar"
    translators = install_translators(qapp, "ar")
    qapp.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        session = AnnotationSession(store, prefs.annotator)
        controller = AnnotatorApp(qapp, session, prefs, ArabicFont(font_family), translators)
        window = controller.window
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        session.open_document(doc_id)
        window.article.setFocus()
        assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
        titles = [a.text() for a in window.menuBar().actions()]
        assert "&ملف" in titles
        assert window.corpus_panel.search.placeholderText() == "بحث (Ctrl+F)"
        # The corpus list sits on the right in Arabic: the splitter is mirrored.
        corpus_x = window.corpus_panel.mapTo(window, window.corpus_panel.rect().topLeft()).x()
        article_x = window.article.mapTo(window, window.article.rect().topLeft()).x()
        assert corpus_x > article_x
        undo_stack = session.undo_stack()
        tag(qtbot, window, "ديمتري بيسكوف", Qt.Key.Key_1)
        controller.on_window_language_change_requested("en")
        english = controller.window
        qtbot.addWidget(english)
        assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
        assert "&File" in [a.text() for a in english.menuBar().actions()]
        assert prefs.language == "en"
        # Same document, same undo history in the rebuilt window.
        assert english.session.document.id == doc_id
        assert session.undo_stack() is undo_stack
        assert len(english.article.index) == 1
        english.activateWindow()
        qtbot.waitUntil(english.isActiveWindow)
        english.article.setFocus()
        qtbot.keyClick(english.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert store.annotations(doc_id) == []
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_switching_the_language_keeps_the_keyboard_focus_where_it_was(
    qtbot, qapp, seeded, prefs: Preferences, font_family: str
) -> None:
    from gui.fonts import ArabicFont

    store, doc_id = seeded
    prefs.language = "en"
    session = AnnotationSession(store, prefs.annotator)
    controller = AnnotatorApp(qapp, session, prefs, ArabicFont(font_family), [])
    try:
        window = controller.window
        qtbot.addWidget(window)
        window.show()
        session.open_document(doc_id)
        window.article.setFocus()
        assert window.focusWidget() is window.article
        controller.on_window_language_change_requested("ar")
        arabic = controller.window
        qtbot.addWidget(arabic)
        assert arabic is not window
        assert arabic.focusWidget() is arabic.article
        # Not merely where a new window puts it: the search box keeps it too.
        arabic.corpus_panel.search.setFocus()
        controller.on_window_language_change_requested("en")
        english = controller.window
        qtbot.addWidget(english)
        assert english.focusWidget() is english.corpus_panel.search
    finally:
        remove_translators(qapp, controller._translators)
        qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_first_start_dialog_asks_the_annotator_name(qtbot) -> None:
    dialog = AnnotatorDialog("")
    qtbot.addWidget(dialog)

    def answer() -> None:
        dialog.setTextValue("  مريم  ")
        dialog.accept()

    QTimer.singleShot(0, answer)
    assert dialog.name() == "مريم"


def drive_modal_dialogs(steps: list) -> tuple[list[QWidget], QTimer]:
    """Answer the modal dialogs as they open, one step each (offscreen, no real user).

    A step is (expected class, action); the dialogs answered are returned in order.
    """
    answered: list[QWidget] = []

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or (answered and modal is answered[-1]) or not steps:
            return
        expected, action = steps[0]
        assert isinstance(modal, expected), modal
        steps.pop(0)
        answered.append(modal)
        action(modal)

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(10)
    return answered, timer


def test_cancelling_the_first_name_prompt_explains_and_offers_it_again(qtbot) -> None:
    texts: list[str] = []

    def explain_then_give(box: NoNameBox) -> None:
        texts.append(box.text() + " " + box.informativeText())
        box.give_button.click()

    def answer(dialog: AnnotatorDialog) -> None:
        dialog.setTextValue("مريم")
        dialog.accept()

    steps = [
        (AnnotatorDialog, lambda d: d.reject()),
        (NoNameBox, explain_then_give),
        (AnnotatorDialog, answer),
    ]
    answered, timer = drive_modal_dialogs(steps)
    assert ask_first_annotator() == "مريم"
    timer.stop()
    assert steps == []
    assert [type(w) for w in answered] == [AnnotatorDialog, NoNameBox, AnnotatorDialog]
    [text] = texts
    assert "cannot save labels until you give your name" in text
    assert "Annotator → Switch annotator…" in text


def test_quitting_at_the_explanation_gives_no_name(qtbot) -> None:
    steps = [
        (AnnotatorDialog, lambda d: d.reject()),
        (NoNameBox, lambda box: box.quit_button.click()),
    ]
    answered, timer = drive_modal_dialogs(steps)
    assert ask_first_annotator() is None
    timer.stop()
    assert [type(w) for w in answered] == [AnnotatorDialog, NoNameBox]


def test_switching_annotator_shows_their_own_annotations(qtbot, seeded_window: MainWindow) -> None:
    window = seeded_window
    store, doc_id = window.session.store, window.session.document.id
    tag(qtbot, window, "ديمتري بيسكوف", Qt.Key.Key_1)
    window.session.set_annotator("omar")
    assert window.session.annotations() == []
    assert len(window.article.index) == 0
    assert "omar" in window.annotator_label.text()
    assert window.documents.index(0, 2).data() == "to do"
    window.session.set_annotator("layla")
    assert len(window.article.index) == 1
    assert {a.annotator for a in store.annotations(doc_id)} == {"layla"}


def test_geometry_text_size_and_last_document_are_remembered(
    qtbot, make_window, store: Store, prefs: Preferences
) -> None:
    ids = [store.add_document(f"خبر رقم {i} عن الصين", f"n{i}") for i in range(3)]
    window = make_window(store, ids[0])
    window.resize(761, 699)
    qtbot.keyClick(window.article, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    size = window.article.point_size()
    window.session.open_document(ids[2])
    window.close()
    assert prefs.last_document(store.path) == ids[2]
    reread = Preferences(prefs.path)
    session = AnnotationSession(store, reread.annotator)
    again = MainWindow(session, reread, window.article.font().family())
    qtbot.addWidget(again)
    assert again.article.point_size() == size
    assert (again.width(), again.height()) == (761, 699)
    assert open_initial_document(session, reread, None) == ids[2]


def test_help_lists_every_key(qtbot, seeded_window: MainWindow) -> None:
    window = seeded_window
    dialog = ShortcutsDialog(window.shortcuts, window)
    qtbot.addWidget(dialog)
    listed = {
        key
        for row in range(dialog.table.rowCount())
        for key in dialog.table.item(row, 0).text().split(", ")
    }
    for action in window.actions():
        for sequence in action.shortcuts():
            assert sequence.toString(sequence.SequenceFormat.NativeText) in listed, action.text()
    expected = {
        "1",
        "6",
        "Alt+1",
        "Q",
        "S",
        "T",
        "D",
        "I",
        "M",
        "F",
        "A",
        "N",
        "Return",
        "Esc",
        "Del",
        "Ctrl+Z",
        "Ctrl+Shift+Z",
        "Ctrl+D",
        "Ctrl+K",
        "Ctrl+F",
        "Ctrl+PgDown",
        "Ctrl+PgUp",
        "Ctrl++",
        "Ctrl+-",
        "F1",
    }
    assert expected <= listed


def test_imports_run_on_a_worker_thread_with_their_own_connection(
    qtbot, make_window, db_path: Path, tmp_path: Path
) -> None:
    store = Store.open(db_path)
    window = make_window(store)
    assert window.documents.total == 0
    folder = tmp_path / "incoming"
    folder.mkdir()
    for i in range(30):
        (folder / f"{i:03}.txt").write_text(
            f"خبر رقم {i}\n\nنص الخبر {i} عن بكين.", encoding="utf-8"
        )
    threads: list[QThread] = []
    from corpus import importers

    original = importers.import_paths

    def spy(*args, **kwargs):
        threads.append(QThread.currentThread())
        return original(*args, **kwargs)

    importers.import_paths = spy
    try:
        with qtbot.waitSignal(window.documents.modelReset, timeout=30_000):
            task = window.import_files([folder])
            assert task is not None
    finally:
        importers.import_paths = original
    window.wait_for_tasks()
    assert threads
    assert threads[0] is not QApplication.instance().thread()
    assert store.count_documents() == 30
    assert window.documents.total == 30
    assert window.session.document is not None
    assert "30" in window.statusBar().currentMessage()
    store.close()


def test_background_work_needs_a_database_file(qtbot, seeded_window: MainWindow) -> None:
    window = seeded_window
    assert window.import_files([SEED_FILE]) is None
    assert "database file" in window.statusBar().currentMessage()


def test_the_language_waits_for_background_work_to_finish(
    qtbot, qapp, db_path: Path, seed_text: str, prefs: Preferences, font_family: str
) -> None:
    import threading

    from PySide6.QtGui import QAction

    from gui.fonts import ArabicFont

    store = Store.open(db_path)  # background tasks open the database file themselves
    doc_id = store.add_document(seed_text, "seed")
    prefs.language = "en"
    session = AnnotationSession(store, prefs.annotator)
    controller = AnnotatorApp(qapp, session, prefs, ArabicFont(font_family), [])
    release = threading.Event()
    try:
        window = controller.window
        qtbot.addWidget(window)
        window.show()
        session.open_document(doc_id)
        task = window._start_task(lambda store, report: release.wait(), lambda result: None)
        assert task is not None
        qtbot.waitUntil(task.isRunning)
        [arabic_action] = [a for a in window.findChildren(QAction) if a.data() == "ar"]
        arabic_action.trigger()
        # Refused while the task runs: same window, the menu still shows English.
        assert controller.window is window
        assert prefs.language == "en"
        assert not arabic_action.isChecked()
        assert "background" in window.statusBar().currentMessage()
        release.set()
        with qtbot.waitSignal(task.finished, timeout=None):
            pass
        qtbot.waitUntil(lambda: not task.isRunning())
        arabic_action.trigger()
        assert controller.window is not window
        qtbot.addWidget(controller.window)
        assert prefs.language == "ar"
        controller.window.wait_for_tasks()
    finally:
        release.set()
        remove_translators(qapp, controller._translators)
        qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    store.close()
