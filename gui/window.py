"""The main window: the article between the corpus list and the annotation tables."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from dataclasses import replace as replace_field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from corpus.errors import CorpusError
from corpus.model import LAYERS, Annotation, Edit, Entity, Quote, Ref, Span, Stance, Topic
from corpus.store import Store
from gui.allocation import without_cyclic_gc
from gui.article import (
    ARGUMENT_COLOR,
    SELECTED_COLOR,
    TARGET_COLOR,
    ArticleTitleLabel,
    ArticleViewWidget,
)
from gui.assist import Assistant
from gui.flows import Stage, TaggingFlow
from gui.fonts import DEFAULT_POINT_SIZE, article_font
from gui.models import AnnotationTableModel, DocumentListModel
from gui.panels import (
    AnnotationPanelWidget,
    ArticleSplitter,
    CorpusPanelWidget,
    DirectionalDelegate,
    FlowBarWidget,
)
from gui.session import AnnotationSession
from gui.settings import Preferences, documents_folder
from gui.worker import Job, StoreTask

if TYPE_CHECKING:
    from corpus.importers import ImportOptions
    from gui.dialogs import ExportRequest, ImportRequest


@dataclass
class ShortcutEntry:
    """One line of Help → Keyboard shortcuts."""

    keys: str
    what: str


@dataclass
class ShortcutTable:
    """Every key the window answers to, in the order shown to the user."""

    entries: list[ShortcutEntry] = field(default_factory=list)

    def add(self, keys: str, what: str) -> None:
        """Add a line."""
        self.entries.append(ShortcutEntry(keys, what))


def left_to_right(text: str) -> str:
    """``text`` isolated as left to right (LRI…PDI): key names keep their order in a
    right-to-left line."""
    return f"\u2066{text}\u2069"


class ShortcutsDialog(QDialog):
    """Help → Keyboard shortcuts: a table of every key."""

    def __init__(self, table: ShortcutTable, parent: QWidget | None = None) -> None:
        """List ``table``."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.table = QTableWidget(len(table.entries), 2)
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        for row, entry in enumerate(table.entries):
            self.table.setItem(row, 0, QTableWidgetItem(entry.keys))
            self.table.setItem(row, 1, QTableWidgetItem(entry.what))
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        # Each cell in its text's direction: in the Arabic UI "Ctrl++" stays "Ctrl++".
        self.table.setItemDelegate(DirectionalDelegate(self.table, key_columns=frozenset({0})))
        # Long descriptions wrap, and their rows grow to show every line.
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(620, 640)


class AnnotatorDialog(QInputDialog):
    """Asks who is annotating (first start, and Annotator → Switch annotator)."""

    def __init__(self, current: str = "", parent: QWidget | None = None) -> None:
        """Offer ``current`` as the answer."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Annotator"))
        self.setLabelText(self.tr("Your name (it is stored with every label you make):"))
        self.setTextValue(current)

    def name(self) -> str | None:
        """Show the dialog; the name given, or None when cancelled or empty."""
        if self.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.textValue().strip() or None


class NoNameBox(QMessageBox):
    """Why the first start needs a name, after the prompt was cancelled."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """Offer to give the name now, or to quit."""
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Information)
        self.setWindowTitle(self.tr("Annotator"))
        self.setText(self.tr("Tawsim cannot save labels until you give your name."))
        self.setInformativeText(
            self.tr(
                "Every label is stored with the name of who made it, so Tawsim closes now "
                "without changing anything. Start it again to give your name; once it runs, "
                "Annotator → Switch annotator… changes the name at any time."
            )
        )
        self.give_button = self.addButton(self.tr("Give a name"), QMessageBox.ButtonRole.AcceptRole)
        self.quit_button = self.addButton(self.tr("Quit"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.give_button)

    def give_again(self) -> bool:
        """Show the explanation; whether the user wants to give the name after all."""
        self.exec()
        return self.clickedButton() is self.give_button


def ask_first_annotator() -> str | None:
    """The name asked at the first start; a cancel is explained before giving up."""
    while True:
        name = AnnotatorDialog("").name()
        if name:
            return name
        if not NoNameBox().give_again():
            return None


class MainWindow(QMainWindow):
    """The annotator's window. Widgets talk to the session, never to each other.

    Opening a document shows the article with the marks of its first screen at
    once; the annotation tables are filled (and painted) when the session has every
    annotation, in later turns of the event loop (see ``AnnotationSession``).

    Signals:
        language_change_requested(str): the user chose ``system``, ``ar`` or ``en``.
        annotator_change_requested(): the user wants to switch annotator.
        document_loaded(int): the open document is shown in full: every mark, every
            row of the annotation tables.
    """

    language_change_requested = Signal(str)
    annotator_change_requested = Signal()
    document_loaded = Signal(int)

    def __init__(
        self,
        session: AnnotationSession,
        prefs: Preferences,
        font_family: str,
        language: str = "en",
        font_warning: str = "",
    ) -> None:
        """Build the window over ``session``; no document is shown until one opens."""
        super().__init__()
        self.session = session
        self.prefs = prefs
        self.language = language
        arabic = language == "ar"
        schema = session.store.schema
        self.flow = TaggingFlow(session, self)
        size = prefs.point_size or DEFAULT_POINT_SIZE
        self.article = ArticleViewWidget(session, article_font(font_family, size), arabic)
        self.flow_bar = FlowBarWidget(schema, arabic)
        self.flow_bar.set_prompts(list(self._flow_prompts().values()))
        self.documents = DocumentListModel(session.store, session.annotator, self)
        self.corpus_panel = CorpusPanelWidget(self.documents)
        self.annotation_models = {
            layer: AnnotationTableModel(session.store, layer, session.annotation, arabic, self)
            for layer in LAYERS
        }
        self.annotation_panel = AnnotationPanelWidget(self.annotation_models, schema, arabic)
        self.shortcuts = ShortcutTable()
        self._tasks: list[StoreTask] = []
        # Between a document's opening and its annotations_loaded.
        self.loading = False
        self._opened = 0
        self._tables_complete = True
        session.first_screen = self.article.first_screen_end

        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        self.article_title = ArticleTitleLabel(article_font(font_family, size))
        centre_layout.addWidget(self.article_title)
        centre_layout.addWidget(self.flow_bar)
        centre_layout.addWidget(self.article)
        self.splitter = ArticleSplitter()
        self.splitter.addWidget(self.corpus_panel)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.annotation_panel)
        self.splitter.set_wanted_sizes([300, 760, 420], shares=True)
        self.setCentralWidget(self.splitter)

        self.annotator_label = QLabel()
        self.status_label = QLabel()
        self.task_progress = QProgressBar()
        self.task_progress.setMaximumWidth(220)
        self.task_progress.hide()
        self.statusBar().addPermanentWidget(self.task_progress)
        self.statusBar().addPermanentWidget(self.status_label)
        self.statusBar().addPermanentWidget(self.annotator_label)

        self.assistant = Assistant(self)
        self._build_actions()
        self._connect_signals()
        self._show_annotator(session.annotator)
        self.refresh_progress()
        self.setWindowTitle(self.tr("Tawsim — Arabic news annotation"))
        self._restore()
        if font_warning:
            self.statusBar().showMessage(font_warning, 15000)

    # ------------------------------------------------------------------ actions

    def _action(
        self,
        text: str,
        keys: list[str],
        slot: Callable[[], object],
        widget: QWidget | None = None,
        help_text: str | None = None,
    ) -> QAction:
        """An action with shortcuts, listed in the shortcuts help."""
        action = QAction(text, self)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
            if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
                # A menu shows the text after a tab as the shortcut; isolated left to
                # right, "Ctrl++" does not turn into "++Ctrl" in a right-to-left menu.
                native = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                action.setText(f"{text}\t{left_to_right(native)}")
        action.triggered.connect(slot)
        if widget is not None:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            widget.addAction(action)
        else:
            self.addAction(action)
        if keys:
            shown = ", ".join(
                QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys
            )
            self.shortcuts.add(shown, help_text or text.replace("&", ""))
        return action

    def _build_actions(self) -> None:
        schema = self.session.store.schema
        arabic = self.language == "ar"
        menu = self.menuBar()

        file_menu = menu.addMenu(self.tr("&File"))
        self.import_action = self._action(
            self.tr("Import…"),
            ["Ctrl+O"],
            self.on_import_triggered,
            help_text=self.tr(
                "Import documents, or labelled data (CoNLL, brat, doccano, Label Studio)"
            ),
        )
        file_menu.addAction(self.import_action)
        self.export_action = self._action(
            self.tr("Export…"),
            ["Ctrl+E"],
            self.on_export_triggered,
            help_text=self.tr("Export training data (JSONL, CoNLL, brat, Parquet)"),
        )
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("Quit"), ["Ctrl+Q"], self.close))

        edit_menu = menu.addMenu(self.tr("&Edit"))
        self.undo_action = self.session.undo_group.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = self.session.undo_group.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        self.shortcuts.add("Ctrl+Z", self.tr("Undo the last edit of this document"))
        self.shortcuts.add("Ctrl+Shift+Z, Ctrl+Y", self.tr("Redo"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()

        tag_menu = menu.addMenu(self.tr("&Tag"))
        self.label_actions: dict[str, QAction] = {}
        for d in schema.entities:
            if not d.key:
                continue
            name = d.name_ar if arabic else d.name_en
            action = self._action(
                self.tr("Tag as {0}").format(name),
                [d.key],
                self._label_slot(d.label, exact=False),
                help_text=self.tr(
                    "Tag the selected words as {0} ({1}); with an annotation "
                    "selected, change its label"
                ).format(name, d.label),
            )
            self._action(
                self.tr("Tag exact characters as {0}").format(name),
                [f"Alt+{d.key}"],
                self._label_slot(d.label, exact=True),
                help_text=self.tr(
                    "Tag exactly the selected characters as {0} (no snapping to words)"
                ).format(name),
            )
            self.label_actions[d.label] = action
            tag_menu.addAction(action)
        tag_menu.addSeparator()
        self.quote_action = self._action(
            self.tr("Quote…"),
            ["Q"],
            self.on_quote_triggered,
            help_text=self.tr("Start a quote: its content is the selected words"),
        )
        self._action(
            self.tr("Quote (exact characters)"),
            ["Alt+Q"],
            self.on_quote_exact_triggered,
        )
        self.stance_action = self._action(
            self.tr("Stance…"),
            ["S"],
            self.on_stance_triggered,
            help_text=self.tr("Start a stance: the selected words, if any, are its evidence"),
        )
        self._action(
            self.tr("Stance (exact characters)"),
            ["Alt+S"],
            self.on_stance_exact_triggered,
        )
        tag_menu.addAction(self.quote_action)
        tag_menu.addAction(self.stance_action)
        self._action(
            self.tr("Take selection"),
            ["Return", "Enter"],
            self.on_confirm_triggered,
            widget=self.article,
            help_text=self.tr(
                "Quote/stance: use the selected words for the part asked "
                "for (nothing selected: skip it)"
            ),
        )
        self._action(
            self.tr("Take exact selection"),
            ["Alt+Return"],
            self.on_confirm_exact_triggered,
            widget=self.article,
            help_text=self.tr("The same, with exactly the selected characters"),
        )
        self._action(
            self.tr("Typed topic"),
            ["T"],
            self.on_topic_triggered,
            help_text=self.tr("Stance target: type a topic that is not in the text"),
        )
        by_key: dict[str, list[tuple[str, str]]] = {}
        names: dict[tuple[str, str], str] = {}
        for layer, defs in (
            ("quote", schema.quote_kinds),
            ("stance", schema.polarities),
        ):
            for d in defs:
                if d.key:
                    by_key.setdefault(d.key.upper(), []).append((layer, d.label))
                    names[(layer, d.label)] = d.name_ar if arabic else d.name_en
        taken = {d.key.upper() for d in schema.entities} | {"Q", "S", "T"}
        for key, choices in by_key.items():
            if key in taken:
                continue
            what = " / ".join(
                (self.tr("quote: {0}") if layer == "quote" else self.tr("stance: {0}")).format(
                    names[(layer, label)]
                )
                for layer, label in choices
            )
            self._action(
                self.tr("Choose {0}").format(what),
                [key],
                self._choice_slot(choices),
                help_text=self.tr(
                    "Finish the quote or stance as {0}, or change the selected "
                    "one's kind or polarity"
                ).format(what),
            )
        self.delete_action = self._action(
            self.tr("Delete annotation"),
            ["Delete", "Backspace"],
            self.on_delete_triggered,
            help_text=self.tr("Delete the selected annotation"),
        )
        edit_menu.addAction(self.delete_action)
        self._action(
            self.tr("Cancel"),
            ["Esc"],
            self.on_cancel_triggered,
            help_text=self.tr("Cancel the quote/stance being built, or deselect"),
        )

        doc_menu = menu.addMenu(self.tr("&Document"))
        doc_menu.addAction(
            self._action(
                self.tr("Next document"),
                ["Ctrl+PgDown", "Alt+Down"],
                self.on_next_triggered,
            )
        )
        doc_menu.addAction(
            self._action(
                self.tr("Previous document"),
                ["Ctrl+PgUp", "Alt+Up"],
                self.on_previous_triggered,
            )
        )
        doc_menu.addAction(
            self._action(
                self.tr("Mark done and go to the next"),
                ["Ctrl+D"],
                self.on_done_triggered,
            )
        )
        doc_menu.addAction(
            self._action(
                self.tr("Mark skipped and go to the next"),
                ["Ctrl+K"],
                self.on_skip_triggered,
            )
        )
        doc_menu.addAction(
            self._action(self.tr("Search documents"), ["Ctrl+F"], self.on_search_triggered)
        )
        doc_menu.addAction(
            self._action(
                self.tr("Next hit"),
                ["F3"],
                self.on_next_hit_triggered,
                help_text=self.tr("Select the next place the search words occur in the article"),
            )
        )
        doc_menu.addAction(
            self._action(
                self.tr("Previous hit"),
                ["Shift+F3"],
                self.on_previous_hit_triggered,
                help_text=self.tr("Select the previous place the search words occur"),
            )
        )
        doc_menu.addAction(
            self._action(
                self.tr("Move between article and lists"),
                ["F6"],
                self.on_cycle_focus_triggered,
            )
        )

        view_menu = menu.addMenu(self.tr("&View"))
        view_menu.addAction(
            self._action(self.tr("Larger text"), ["Ctrl++", "Ctrl+="], self.on_zoom_in_triggered)
        )
        view_menu.addAction(
            self._action(self.tr("Smaller text"), ["Ctrl+-"], self.on_zoom_out_triggered)
        )
        view_menu.addAction(
            self._action(self.tr("Normal text size"), ["Ctrl+0"], self.on_zoom_reset_triggered)
        )
        self.show_labels_action = QAction(self.tr("Show labels"), self, checkable=True)
        self.show_labels_action.setChecked(self.prefs.show_labels)
        self.article.set_show_labels(self.prefs.show_labels)
        self.show_labels_action.toggled.connect(self.on_show_labels_toggled)
        view_menu.addAction(self.show_labels_action)
        language_menu = view_menu.addMenu(self.tr("Language"))
        group = QActionGroup(self)
        for code, name in (
            ("system", self.tr("System language")),
            ("ar", "العربية"),
            ("en", "English"),
        ):
            action = QAction(name, self, checkable=True)
            action.setData(code)
            action.setChecked(self.prefs.language == code)
            action.triggered.connect(self.on_language_triggered)
            group.addAction(action)
            language_menu.addAction(action)

        annotator_menu = menu.addMenu(self.tr("&Annotator"))
        switch = QAction(self.tr("Switch annotator…"), self)
        switch.triggered.connect(self.annotator_change_requested)
        annotator_menu.addAction(switch)
        annotator_menu.addSeparator()
        annotator_menu.addAction(
            self._action(self.tr("Curate into gold…"), ["Ctrl+Shift+G"], self.on_curate_triggered)
        )
        annotator_menu.addAction(
            self._action(self.tr("Agreement report…"), [], self.on_agreement_triggered)
        )

        self.assistant.build_actions()
        help_menu = menu.addMenu(self.tr("&Help"))
        help_menu.addAction(
            self._action(self.tr("Keyboard shortcuts"), ["F1"], self.on_shortcuts_triggered)
        )

        self.shortcuts.add(
            self.tr("Shift+arrows, Ctrl+Shift+arrows"),
            self.tr("Select characters, words (in the article)"),
        )
        self.shortcuts.add(
            self.tr("Click a mark"),
            self.tr("Select that annotation; in a quote/stance, pick that entity"),
        )
        self.shortcuts.add(self.tr("Hover a mark"), self.tr("Show its label and annotator"))
        self.shortcuts.add("F2", self.tr("Edit the label or topic of a row in place"))

    def _label_slot(self, label: str, exact: bool) -> Callable[[], None]:
        def slot() -> None:
            self.tag_selection(label, exact)

        return slot

    def _choice_slot(self, choices: list[tuple[str, str]]) -> Callable[[], None]:
        def slot() -> None:
            self.choose(choices)

        return slot

    # ------------------------------------------------------------------ wiring

    def _connect_signals(self) -> None:
        session = self.session
        self._session_links = [
            (session.document_opened, self.on_session_document_opened),
            (session.annotations_loaded, self.on_session_annotations_loaded),
            (session.annotations_arrived, self.on_session_annotations_arrived),
            (session.annotations_changed, self.on_session_annotations_changed),
            (session.annotation_selected, self.on_session_annotation_selected),
            (session.status_changed, self.on_session_status_changed),
            (session.annotator_changed, self.on_session_annotator_changed),
            (session.error_reported, self.on_session_error_reported),
            (session.store_changed, self.refresh_progress),
            *self.assistant.session_links(),
        ]
        for signal, slot in self._session_links:
            signal.connect(slot)
        self.article.mark_clicked.connect(self.on_article_mark_clicked)
        self.article.blank_clicked.connect(self.on_article_blank_clicked)
        self.article.zoom_changed.connect(self.on_article_zoom_changed)
        self.corpus_panel.document_chosen.connect(self.on_corpus_document_chosen)
        self.corpus_panel.filter_changed.connect(self.on_corpus_filter_changed)
        self.annotation_panel.annotation_chosen.connect(self.on_annotations_annotation_chosen)
        for model in self.annotation_models.values():
            model.relabel_requested.connect(self.on_annotations_relabel_requested)
            model.topic_requested.connect(self.on_annotations_topic_requested)
        self.flow.stage_changed.connect(self.on_flow_stage_changed)
        self.flow.refused.connect(self.on_session_error_reported)
        self.flow_bar.choice_made.connect(self.on_flow_bar_choice_made)
        self.flow_bar.skip_requested.connect(self.on_confirm_triggered)
        self.flow_bar.topic_entered.connect(self.on_flow_bar_topic_entered)
        self.flow_bar.cancel_requested.connect(self.on_cancel_triggered)

    def focused_part(self) -> tuple[str, ...]:
        """Which part of the window has the keyboard focus, as attribute names from the
        window (``("article",)``, ``("corpus_panel", "search")``), so that a rebuilt
        window can give the focus back to its own widget; () when none is known."""
        parts: dict[int, tuple[str, ...]] = {}
        for name, value in vars(self).items():
            if isinstance(value, QWidget):
                parts.setdefault(id(value), (name,))
                for inner, widget in vars(value).items():
                    if isinstance(widget, QWidget):
                        parts.setdefault(id(widget), (name, inner))
        widget = self.focusWidget()
        while widget is not None and widget is not self:
            if id(widget) in parts:
                return parts[id(widget)]
            widget = widget.parentWidget()
        return ()

    def restore_focus(self, part: tuple[str, ...]) -> None:
        """Give the focus to the widget :meth:`focused_part` named in another window."""
        target: object = self
        for name in part:
            target = getattr(target, name, None)
        if part and isinstance(target, QWidget):
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def detach(self) -> None:
        """Stop following the session (before this window is replaced)."""
        self.flow.cancel()
        # Its warm-up threads are children of this window, which is deleted next.
        self.assistant.wait()
        for signal, slot in self._session_links:
            signal.disconnect(slot)
        self._session_links = []
        if self.session.first_screen == self.article.first_screen_end:
            self.session.first_screen = None

    # ------------------------------------------------------------------ session events

    @Slot(int)
    def on_session_document_opened(self, doc_id: int) -> None:
        """Show the newly opened document: the article at once, with the marks of
        its first screen; the tables are painted once every annotation is in."""
        self.flow.cancel()
        document = self.session.document
        assert document is not None
        annotations = self.session.annotations()
        complete = self.session.loaded
        self.loading = True
        self._opened += 1
        self.article.show_document(
            document.text, annotations, None if complete else self.session.loaded_until
        )
        self.annotation_panel.hold_repaint(until_resumed=True)
        for model in self.annotation_models.values():
            model.reset(document.text, annotations)
        self._tables_complete = complete
        self.prefs.set_last_document(self.session.store.path, doc_id)
        title = document.title or document.external_id or str(doc_id)
        self.setWindowTitle(self.tr("{0} — Tawsim").format(title))
        self.article_title.show_title(document.title, document.text)
        self._show_status()

    @Slot(object)
    def on_session_annotations_arrived(self, annotations: list[Annotation]) -> None:
        """A slice of the loading document came in: its marks go into the article's
        index (shown once every block can be), its rows at the end of the tables
        (fetched as the tables are scrolled)."""
        self.article.add_marks(annotations)
        for model in self.annotation_models.values():
            model.extend(annotations)

    @Slot(int)
    def on_session_annotations_loaded(self, doc_id: int) -> None:
        """Every annotation is in (the article and the tables took each slice as
        it came): the blocks that waited get their marks, then the tables are
        painted, one step per turn of the event loop."""
        steps: list[Callable[[], None]] = []
        if not self.article.marks_complete:
            steps.append(self.article.complete_marks)
        if not self._tables_complete:
            # A stance placed by an entity that came in after it.
            steps.append(self.annotation_models["stance"].refresh_order)
        steps.append(lambda: self._finish_loading(doc_id))
        opened = self._opened

        def next_step() -> None:
            if self._opened != opened or self.session.document is None:
                return  # another document was opened meanwhile
            with without_cyclic_gc():
                steps.pop(0)()
            if steps:
                QTimer.singleShot(0, self, next_step)

        QTimer.singleShot(0, self, next_step)

    def _finish_loading(self, doc_id: int) -> None:
        if not self._tables_complete:
            self._tables_complete = True
            if self.session.selected:
                self.annotation_panel.show_annotation(self.session.selected)
        self.annotation_panel.resume_repaint()
        self.corpus_panel.show_document(doc_id)
        self.loading = False
        self.document_loaded.emit(doc_id)

    @Slot(object)
    def on_session_annotations_changed(self, edit: Edit) -> None:
        """Redraw what an edit changed."""
        self.annotation_panel.hold_repaint()
        self.article.apply_edit(edit)
        with self.annotation_panel.following_models():
            for model in self.annotation_models.values():
                model.apply_edit(edit)
        selected = self.session.selected
        if selected and any(c.uuid == selected for c in edit.changes):
            self.on_session_annotation_selected(selected)
        else:
            # Rows added or removed around it may have moved the tables' current row.
            self.annotation_panel.show_annotation(selected)

    @Slot(str)
    def on_session_annotation_selected(self, uuid: str) -> None:
        """Emphasise the selected annotation in the article and the list."""
        ann = self.session.annotation(uuid) if uuid else None
        if ann is None:
            self.article.show_parts([])
        else:
            self.article.show_parts(self.article.annotation_parts(ann), scroll=True)
        self.annotation_panel.show_annotation(uuid)

    @Slot(int, str)
    def on_session_status_changed(self, doc_id: int, status: str) -> None:
        """Show a document's new status and the progress."""
        self.documents.update_status(doc_id, status)
        self.refresh_progress()
        self._show_status()

    @Slot(str)
    def on_session_annotator_changed(self, name: str) -> None:
        """Show another annotator's statuses and progress."""
        self.documents.set_annotator(name)
        self._show_annotator(name)
        self.refresh_progress()

    @Slot(str)
    def on_session_error_reported(self, message: str) -> None:
        """Say what went wrong, without interrupting."""
        self.statusBar().showMessage(message, 8000)

    def _show_annotator(self, name: str) -> None:
        self.annotator_label.setText(self.tr("Annotator: {0}").format(name))

    def _show_status(self) -> None:
        names = {
            "todo": self.tr("to do"),
            "in_progress": self.tr("in progress"),
            "done": self.tr("done"),
            "skipped": self.tr("skipped"),
        }
        status = self.session.status()
        self.status_label.setText(self.tr("Document: {0}").format(names.get(status, status)))

    def refresh_progress(self) -> None:
        """Done of total for the annotator, in the corpus panel."""
        store = self.session.store
        try:
            done = store.status_counts(self.session.annotator)["done"]
        except CorpusError:
            done = 0
        self.corpus_panel.set_progress(done, store.count_documents())

    # ------------------------------------------------------------------ widget events

    @Slot(str)
    def on_article_mark_clicked(self, uuid: str) -> None:
        """A click on a mark: pick it for the flow, or select it."""
        ann = self.session.annotation(uuid)
        if self.flow.active and isinstance(ann, Entity) and self.flow.take_entity(uuid):
            return
        self.session.select(uuid)

    @Slot()
    def on_article_blank_clicked(self) -> None:
        """A click outside every mark: nothing stays selected for the next key."""
        self.session.select("")

    @Slot(int)
    def on_article_zoom_changed(self, size: int) -> None:
        """Remember the text size."""
        self.prefs.point_size = size

    @Slot(int)
    def on_corpus_document_chosen(self, doc_id: int) -> None:
        """Open the document picked in the list."""
        current = self.session.document
        if current is None or current.id != doc_id:
            self.session.open_document(doc_id)

    @Slot()
    def on_corpus_filter_changed(self) -> None:
        """Highlight the search words in the article; select the open document
        again if it is still listed."""
        self.article.set_search_query(self.corpus_panel.search.text())
        if self.session.document is not None:
            self.corpus_panel.show_document(self.session.document.id)

    @Slot(str)
    def on_annotations_annotation_chosen(self, uuid: str) -> None:
        """A row of the annotation list became current."""
        self.session.select(uuid)

    @Slot(str, str)
    def on_annotations_relabel_requested(self, uuid: str, label: str) -> None:
        """A label edited in place."""
        self.session.relabel(uuid, label)

    @Slot(str, str)
    def on_annotations_topic_requested(self, uuid: str, text: str) -> None:
        """A stance topic edited in place."""
        ann = self.session.annotation(uuid)
        if isinstance(ann, Stance):
            self.session.update(replace_field(ann, target=Topic(text)), self.tr("Edit topic"))

    @Slot(str)
    def on_flow_stage_changed(self, stage_value: str) -> None:
        """Say what the flow waits for and show the parts gathered so far."""
        stage = Stage(stage_value)
        self.flow_bar.show_stage(stage, self._flow_prompts().get(stage, ""))
        self._show_draft()

    def _flow_prompts(self) -> dict[Stage, str]:
        """What the flow bar says at each step."""
        return {
            Stage.SPEAKER: self.tr(
                "Quote — speaker: click an entity, or select the words and "
                "press Enter (Enter alone: no speaker). A kind key finishes."
            ),
            Stage.CUE: self.tr(
                "Quote — cue verb: select it and press Enter (Enter alone: "
                "none). A kind key finishes."
            ),
            Stage.KIND: self.tr("Quote — kind: press a kind key to store it."),
            Stage.HOLDER: self.tr(
                "Stance — holder: click an entity, or select the words and press Enter."
            ),
            Stage.TARGET: self.tr(
                "Stance — target: click an entity, select words and press "
                "Enter, or press T to type a topic."
            ),
            Stage.POLARITY: self.tr("Stance — polarity: press a polarity key to store it."),
        }

    def _show_draft(self) -> None:
        if not self.flow.active:
            selected = self.session.selected
            ann = self.session.annotation(selected) if selected else None
            self.article.show_parts(self.article.annotation_parts(ann) if ann else [])
            if not self.article.hasFocus() and not self.flow_bar.topic.hasFocus():
                return
            self.article.setFocus()
            return
        draft = self.flow.draft
        parts = []
        if draft.content is not None:
            parts.append((draft.content, SELECTED_COLOR))
        parts += [(ev, SELECTED_COLOR) for ev in draft.evidence]
        for arg, color in (
            (draft.speaker, ARGUMENT_COLOR),
            (draft.cue, ARGUMENT_COLOR),
            (draft.holder, ARGUMENT_COLOR),
            (draft.target, TARGET_COLOR),
        ):
            if arg is None:
                continue
            if isinstance(arg, Ref):
                entity = self.session.annotation(arg.uuid)
                if isinstance(entity, Entity):
                    parts.append((entity.span, color))
            elif isinstance(arg, Span):
                parts.append((arg, color))
        self.article.show_parts(parts)

    @Slot(str)
    def on_flow_bar_choice_made(self, label: str) -> None:
        """A kind or polarity button."""
        self.flow.finish(label)
        self.article.setFocus()

    @Slot(str)
    def on_flow_bar_topic_entered(self, text: str) -> None:
        """A typed stance topic."""
        if self.flow.take_topic(text):
            self.article.setFocus()

    # ------------------------------------------------------------------ commands

    def _selection_span(self, exact: bool) -> Span | None:
        selected = self.article.selected_range()
        if selected is None:
            return None
        return self.session.snap(*selected, exact=exact or self.article.selection_is_exact())

    def tag_selection(self, label: str, exact: bool = False) -> None:
        """The label keys: tag the selected words, or relabel the selected entity.

        A selection made with the keyboard is taken as it is: the annotator chose
        each character. Mouse selections snap to whole words (Alt: exact)."""
        selected = self.article.selected_range()
        if selected is not None:
            exact = exact or self.article.selection_is_exact()
            if self.session.tag_entity(*selected, label, exact=exact) is not None:
                self.article.clear_text_selection()
            return
        uuid = self.session.selected
        if uuid and isinstance(self.session.annotation(uuid), Entity):
            self.session.relabel(uuid, label)
            return
        self.statusBar().showMessage(self.tr("Select some words first."), 5000)

    def choose(self, choices: list[tuple[str, str]]) -> None:
        """A kind or polarity key."""
        stage = self.flow.stage
        for layer, label in choices:
            if layer == "quote" and stage in (Stage.SPEAKER, Stage.CUE, Stage.KIND):
                self.flow.finish(label)
                return
            if layer == "stance" and stage is Stage.POLARITY:
                self.flow.finish(label)
                return
        if self.flow.active:
            self.flow.refused.emit(self.tr("That key does not fit this step."))
            return
        ann = self.session.annotation(self.session.selected) if self.session.selected else None
        for layer, label in choices:
            if (layer == "quote" and isinstance(ann, Quote)) or (
                layer == "stance" and isinstance(ann, Stance)
            ):
                self.session.relabel(ann.uuid, label)
                return

    @Slot()
    def on_quote_triggered(self) -> None:
        """Q: start a quote with the selection as its content."""
        self._start_quote(exact=False)

    @Slot()
    def on_quote_exact_triggered(self) -> None:
        """Alt+Q: the same with exact characters."""
        self._start_quote(exact=True)

    def _start_quote(self, exact: bool) -> None:
        if self.flow.start_quote(self._selection_span(exact)):
            self.article.clear_text_selection()

    @Slot()
    def on_stance_triggered(self) -> None:
        """S: start a stance, the selection (if any) being its evidence."""
        self._start_stance(exact=False)

    @Slot()
    def on_stance_exact_triggered(self) -> None:
        """Alt+S: the same with exact characters."""
        self._start_stance(exact=True)

    def _start_stance(self, exact: bool) -> None:
        self.flow.start_stance(self._selection_span(exact))
        self.article.clear_text_selection()

    @Slot()
    def on_confirm_triggered(self) -> None:
        """Enter: take the selection for the part the flow waits for."""
        self._confirm(exact=False)

    @Slot()
    def on_confirm_exact_triggered(self) -> None:
        """Alt+Enter: the same with exact characters."""
        self._confirm(exact=True)

    def _confirm(self, exact: bool) -> None:
        if not self.flow.active:
            # Outside a quote or stance, Enter accepts the suggestion under the caret.
            if not exact:
                self.assistant.accept_at_caret()
            return
        if self.flow.take_span(self._selection_span(exact)):
            self.article.clear_text_selection()

    @Slot()
    def on_topic_triggered(self) -> None:
        """T: type a stance topic."""
        if self.flow.stage is Stage.TARGET:
            self.flow_bar.ask_topic()

    @Slot()
    def on_next_hit_triggered(self) -> None:
        """F3: the next hit of the search words in the article."""
        self._step_hit(forward=True)

    @Slot()
    def on_previous_hit_triggered(self) -> None:
        """Shift+F3: the previous hit."""
        self._step_hit(forward=False)

    def _step_hit(self, forward: bool) -> None:
        number = self.article.step_hit(forward)
        if number is None:
            if self.corpus_panel.search.text().strip():
                message = self.tr("The search words are not in this article.")
            else:
                message = self.tr("Type search words first (Ctrl+F).")
        else:
            message = self.tr("hit {0} of {1}").format(number, len(self.article.hits))
            self.article.setFocus()
        self.statusBar().showMessage(message, 8000)

    @Slot(bool)
    def on_show_labels_toggled(self, shown: bool) -> None:
        """View → Show labels: tags on the entity marks, remembered."""
        self.article.set_show_labels(shown)
        self.prefs.show_labels = shown

    @Slot()
    def on_delete_triggered(self) -> None:
        """Delete the selected annotation."""
        if self.session.selected:
            self.session.delete(self.session.selected)
        else:
            self.assistant.reject_at_caret()

    @Slot()
    def on_cancel_triggered(self) -> None:
        """Esc: drop the flow, else the selection."""
        if self.flow.active:
            self.flow.cancel()
        else:
            self.session.select("")
            self.article.clear_text_selection()
        self.article.setFocus()

    def go_to_neighbour(self, step: int) -> bool:
        """Open the next (1) or previous (-1) document of the list."""
        current = self.session.document
        if current is None:
            target = self.documents.document_at(0)
        else:
            row = self.documents.row_of(current.id)
            if row is not None:
                target = self.documents.document_at(row + step) if row + step >= 0 else None
            else:
                target = self.session.store.neighbour_document(current.id, step)
        if target is None:
            self.statusBar().showMessage(
                self.tr("This is the last document.")
                if step > 0
                else self.tr("This is the first document."),
                4000,
            )
            return False
        return self.session.open_document(target)

    @Slot()
    def on_next_triggered(self) -> None:
        """Open the next document."""
        self.go_to_neighbour(1)

    @Slot()
    def on_previous_triggered(self) -> None:
        """Open the previous document."""
        self.go_to_neighbour(-1)

    @Slot()
    def on_done_triggered(self) -> None:
        """Mark the document done and move on."""
        if self.session.set_status("done"):
            self.go_to_neighbour(1)

    @Slot()
    def on_skip_triggered(self) -> None:
        """Mark the document skipped and move on."""
        if self.session.set_status("skipped"):
            self.go_to_neighbour(1)

    @Slot()
    def on_search_triggered(self) -> None:
        """Ctrl+F: to the search box."""
        self.corpus_panel.focus_search()

    @Slot()
    def on_cycle_focus_triggered(self) -> None:
        """F6: article → annotations → documents → article."""
        order: list[QWidget] = [
            self.article,
            self.annotation_panel.tabs.currentWidget(),
            self.corpus_panel.table,
        ]
        focused = self.focusWidget()
        at = next((i for i, w in enumerate(order) if w is focused), -1)
        order[(at + 1) % len(order)].setFocus(Qt.FocusReason.ShortcutFocusReason)

    @Slot()
    def on_zoom_in_triggered(self) -> None:
        """Larger text."""
        self.article.zoom_by(1)

    @Slot()
    def on_zoom_out_triggered(self) -> None:
        """Smaller text."""
        self.article.zoom_by(-1)

    @Slot()
    def on_zoom_reset_triggered(self) -> None:
        """Default text size."""
        self.article.set_point_size(DEFAULT_POINT_SIZE)

    @Slot()
    def on_language_triggered(self) -> None:
        """A language was chosen in the menu."""
        action = self.sender()
        if not isinstance(action, QAction):
            return
        if any(task.isRunning() for task in self._tasks):
            # A switch rebuilds the window, and the task's results would go to a deleted one.
            for other in action.actionGroup().actions():
                other.setChecked(other.data() == self.prefs.language)
            self.statusBar().showMessage(
                self.tr("The language can be switched once the work in the background is done."),
                8000,
            )
            return
        self.language_change_requested.emit(str(action.data()))

    @Slot()
    def on_curate_triggered(self) -> None:
        """Open the curation view of the open document (gui.curation)."""
        from gui.curation import CurationDialog

        doc = self.session.document
        if doc is None:
            self.statusBar().showMessage(self.tr("Open a document to curate it."), 5000)
            return
        for old in self.findChildren(CurationDialog):
            old.close()
        dialog = CurationDialog(self.session.store, doc.id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.span_chosen.connect(self.article.scroll_to)
        dialog.gold_changed.connect(self.on_gold_changed)
        dialog.show()

    @Slot(int)
    def on_gold_changed(self, doc_id: int) -> None:
        """Curation wrote gold's layer: show it again if gold's is the layer on screen."""
        doc = self.session.document
        if self.session.annotator == "gold" and doc is not None and doc.id == doc_id:
            self.session.open_document(doc_id)

    def on_agreement_triggered(self) -> None:
        """Compute the agreement report in the background, then show it as a table."""
        from corpus.agreement import store_agreement

        def job(store: Store, report: Callable[[int, str], None]) -> object:
            return store_agreement(store)

        self._start_task(job, self.on_agreement_succeeded)

    @Slot(object)
    def on_agreement_succeeded(self, report: object) -> None:
        from gui.curation import AgreementDialog

        assert isinstance(report, dict)
        dialog = AgreementDialog(report, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def on_shortcuts_triggered(self) -> None:
        """Help → Keyboard shortcuts."""
        ShortcutsDialog(self.shortcuts, self).exec()

    @Slot()
    def on_import_triggered(self) -> None:
        """Ask what to import (files, format, labels); it then runs in the background."""
        # The dialogs are loaded on first use: starting the window does not pay for them.
        from gui.dialogs import ImportDialog

        dialog = ImportDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.import_requested.connect(self.on_import_requested)
        dialog.open()

    @Slot(object)
    def on_import_requested(self, request: ImportRequest) -> None:
        """The import dialog was accepted."""
        self.import_files(request.paths, request.fmt, request.options, request.annotator)

    def import_files(
        self,
        paths: list[Path],
        fmt: str = "auto",
        options: ImportOptions | None = None,
        annotator: str | None = None,
    ) -> StoreTask | None:
        """Import ``paths`` on a worker thread (its own database connection)."""
        from corpus.importers import import_paths
        from gui.dialogs import ImportOutcome

        def job(store: Store, report: Callable[[int, str], None]) -> object:
            summary = import_paths(
                store,
                paths,
                fmt,
                options,
                annotator,
                progress=lambda name, n: report(n, Path(name).name),
            )
            return ImportOutcome(summary, annotator)

        return self._start_task(job, self.on_import_succeeded)

    @Slot()
    def on_export_triggered(self) -> None:
        """Ask what to export and where; it then runs in the background."""
        from gui.dialogs import ExportDialog

        store = self.session.store
        folder = self.prefs.export_folder or documents_folder()
        dialog = ExportDialog(store.annotators(), folder, self, self.prefs.export_format)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.export_requested.connect(self.on_export_requested)
        dialog.open()

    @Slot(object)
    def on_export_requested(self, request: ExportRequest) -> None:
        """The export dialog was accepted: remembered for the next one, then written."""
        self.prefs.export_folder = request.out.parent
        self.prefs.export_format = request.fmt
        self.export_to(request)

    def export_to(self, request: ExportRequest) -> StoreTask | None:
        """Write an export on a worker thread (its own database connection)."""
        from corpus.exporters import export

        def job(store: Store, report: Callable[[int, str], None]) -> object:
            return export(
                store,
                request.fmt,
                request.out,
                request.options,
                progress=lambda n: report(n, request.out.name),
            )

        return self._start_task(job, self.on_export_succeeded)

    def finish_reindex(self) -> StoreTask | None:
        """Finish a ``tawsim reindex`` stopped half-way, on a worker thread (search works
        meanwhile, asking both indexes); None when there is none to finish."""
        store = self.session.store
        if store.path == ":memory:" or not store.search_index()["reindex_pending"]:
            return None
        what = self.tr("re-indexing the search")

        def job(store: Store, report: Callable[[int, str], None]) -> object:
            return store.reindex(progress=lambda done, _total: report(done, what))

        return self._start_task(job, self.on_reindex_succeeded)

    @Slot(object)
    def on_reindex_succeeded(self, moved: object) -> None:
        """Say that the search index is whole and compact again."""
        self.statusBar().showMessage(
            self.tr("Search index rebuilt compactly ({0} documents).").format(moved), 15000
        )

    def _start_task(self, job: Job, on_success: Callable[[object], None]) -> StoreTask | None:
        try:
            task = StoreTask(self.session.store.path, job, self)
        except CorpusError as exc:
            self.on_session_error_reported(str(exc))
            return None
        self.task_progress.setRange(0, 0)
        self.task_progress.show()
        task.progressed.connect(self.on_task_progressed)
        task.succeeded.connect(on_success)
        task.failed.connect(self.on_task_failed)
        task.finished.connect(self.on_task_finished)
        self._tasks.append(task)
        task.start()
        return task

    @Slot(int, str)
    def on_task_progressed(self, done: int, what: str) -> None:
        """Show how far background work got."""
        self.statusBar().showMessage(self.tr("Working… {0} ({1})").format(what, done))

    @Slot(object)
    def on_import_succeeded(self, outcome: object) -> None:
        """List the new documents; say what was imported, rejected and repaired."""
        from gui.dialogs import ImportOutcome, ReportBox

        assert isinstance(outcome, ImportOutcome)
        box = ReportBox.replacing(self)
        line = box.describe_import(outcome, self.session.annotator)
        self.statusBar().showMessage(line, 15000)
        if box.worth_showing(outcome):
            box.show()
        else:
            box.deleteLater()
        self.documents.reload()
        self.refresh_progress()
        if self.session.document is None:
            first = self.documents.document_at(0)
            if first is not None:
                self.session.open_document(first)
        else:
            self.corpus_panel.show_document(self.session.document.id)

    @Slot(object)
    def on_export_succeeded(self, report: object) -> None:
        """Say what the export wrote and what it left out."""
        from corpus.exporters import ExportReport
        from gui.dialogs import ReportBox

        assert isinstance(report, ExportReport)
        box = ReportBox.replacing(self)
        self.statusBar().showMessage(box.describe_export(report), 15000)
        box.show()

    @Slot(str)
    def on_task_failed(self, message: str) -> None:
        """Background work stopped (said unless the window was closed meanwhile)."""
        if self.assistant.closed:
            return
        QMessageBox.warning(self, self.tr("Tawsim"), message)

    @Slot()
    def on_task_finished(self) -> None:
        """Forget a finished task."""
        task = self.sender()
        self._tasks = [t for t in self._tasks if t is not task and t.isRunning()]
        if not self._tasks:
            self.task_progress.hide()

    # ------------------------------------------------------------------ window state

    def _restore(self) -> None:
        geometry = self.prefs.geometry
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(QSize(1400, 860))
        state = self.prefs.window_state
        if state is not None:
            self.restoreState(state)
        splitter = self.prefs.splitter
        if splitter is not None and self.splitter.restoreState(splitter):
            self.splitter.set_wanted_sizes(self.splitter.sizes())

    def save_state(self) -> None:
        """Remember geometry, pane sizes and text size."""
        self.prefs.geometry = self.saveGeometry()
        self.prefs.window_state = self.saveState()
        self.prefs.splitter = self.splitter.saveState()
        self.prefs.point_size = self.article.point_size()
        self.prefs.sync()

    def wait_for_tasks(self) -> None:
        """Let background work finish (used on close and in tests)."""
        for task in list(self._tasks):
            task.wait()
            task.release_gc()
        self.assistant.wait()
        self.documents.wait_for_count()

    @override
    def closeEvent(self, event: QCloseEvent) -> None:
        self.assistant.close()
        for task in self._tasks:
            task.cancel()
        self.wait_for_tasks()
        self.session.stop_loading()
        self.save_state()
        super().closeEvent(event)
