"""The side panels: corpus list, annotation tables, legend and flow bar."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from corpus.model import STATUSES
from corpus.schema import LabelDef, Schema
from gui.flows import Stage
from gui.models import AnnotationTableModel, DocumentListModel, Role

Index = QModelIndex | QPersistentModelIndex
SELECT_ROW = (
    QItemSelectionModel.SelectionFlag.ClearAndSelect
    | QItemSelectionModel.SelectionFlag.Rows
    | QItemSelectionModel.SelectionFlag.Current
)


class CorpusPanelWidget(QWidget):
    """Search box, status filter, progress bar and the lazily fetched document list.

    Signals:
        document_chosen(int): the user picked a document (its id).
        filter_changed(): the search words or the status filter changed.
    """

    document_chosen = Signal(int)
    filter_changed = Signal()

    def __init__(self, model: DocumentListModel, parent: QWidget | None = None) -> None:
        """Show ``model``."""
        super().__init__(parent)
        self.model = model
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setObjectName("search")
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All statuses"), "")
        names = {
            "todo": self.tr("To do"),
            "in_progress": self.tr("In progress"),
            "done": self.tr("Done"),
            "skipped": self.tr("Skipped"),
        }
        for status in STATUSES:
            self.status_filter.addItem(names[status], status)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.table = QTableView()
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.setWordWrap(False)
        self.table.setObjectName("documents")
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.status_filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.progress)
        layout.addWidget(self.table)

        self.search.textChanged.connect(self.on_search_text_changed)
        self.search.returnPressed.connect(self.apply_filter)
        self._debounce.timeout.connect(self.apply_filter)
        self.status_filter.currentIndexChanged.connect(self.on_status_filter_changed)
        self.table.selectionModel().currentRowChanged.connect(self.on_table_current_changed)

    @Slot(str)
    def on_search_text_changed(self, _text: str) -> None:
        """Wait for a pause in typing before searching."""
        self._debounce.start()

    @Slot(int)
    def on_status_filter_changed(self, _index: int) -> None:
        """Filter at once on a status change."""
        self.apply_filter()

    @Slot()
    def apply_filter(self) -> None:
        """Hand the search words and status to the model."""
        self._debounce.stop()
        self.model.set_filter(self.search.text(), self.status_filter.currentData() or None)
        self.filter_changed.emit()

    @Slot(QModelIndex, QModelIndex)
    def on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """Open the document of the row the user moved to."""
        if current.isValid():
            doc_id = current.data(Role.DOCUMENT_ID)
            if doc_id is not None:
                self.document_chosen.emit(int(doc_id))

    def focus_search(self) -> None:
        """Put the cursor in the search box, its words selected."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def show_document(self, doc_id: int) -> None:
        """Select a document's row, if it has been fetched, without reopening it."""
        row = self.model.row_of(doc_id)
        selection = self.table.selectionModel()
        if row is None:
            selection.clearSelection()
            return
        index = self.model.index(row, 0)
        if selection.currentIndex().row() == row:
            return
        selection.blockSignals(True)
        selection.setCurrentIndex(index, SELECT_ROW)
        selection.blockSignals(False)
        self.table.viewport().update()
        self.table.scrollTo(index)

    def set_progress(self, done: int, total: int) -> None:
        """Show how many documents the annotator has done."""
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))
        self.progress.setFormat(self.tr("{0} of {1} done").format(done, total))


class LabelDelegate(QStyledItemDelegate):
    """Edits a label in place with a list of the schema's labels for that row."""

    @override
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        model = index.model()
        if not isinstance(model, AnnotationTableModel) or index.column() != model.COLUMN_LABEL:
            return super().createEditor(parent, option, index)
        editor = QComboBox(parent)
        for label, name in model.labels_for(index):
            editor.addItem(f"{name} ({label})", label)
        return editor

    @override
    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            at = editor.findData(index.data(Qt.ItemDataRole.EditRole))
            editor.setCurrentIndex(max(at, 0))
            return
        super().setEditorData(editor, index)

    @override
    def setModelData(self, editor: QWidget, model: object, index: Index) -> None:
        if isinstance(editor, QComboBox) and isinstance(model, AnnotationTableModel):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)  # type: ignore[arg-type]


class LegendWidget(QWidget):
    """The entity labels with their colours and keys, as a reminder."""

    def __init__(self, schema: Schema, arabic: bool, parent: QWidget | None = None) -> None:
        """One chip per entity label of ``schema``."""
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for d in schema.entities:
            layout.addWidget(self._chip(d, arabic))
        layout.addStretch(1)

    @staticmethod
    def _chip(d: LabelDef, arabic: bool) -> QLabel:
        name = d.name_ar if arabic else d.name_en
        # The short label keeps the legend narrow; the full name is in the tooltip.
        chip = QLabel(f"{d.key} {d.label}" if d.key else d.label)
        color = QColor(d.color)
        chip.setStyleSheet(
            f"background: {color.name()}; color: black; border-radius: 3px; padding: 1px 5px;"
        )
        chip.setToolTip(f"{d.label}: {name}")
        return chip


class AnnotationPanelWidget(QWidget):
    """The open document's entities, quotes and stances, a tab each, editable in place.

    Signals:
        annotation_chosen(str): the user moved to an annotation's row (its uuid).
    """

    annotation_chosen = Signal(str)

    def __init__(
        self,
        models: dict[str, AnnotationTableModel],
        schema: Schema,
        arabic: bool,
        parent: QWidget | None = None,
    ) -> None:
        """One table per layer model, under a legend of ``schema``'s labels."""
        super().__init__(parent)
        self.models = models
        self.legend = LegendWidget(schema, arabic)
        self.tabs = QTabWidget()
        self.tables: dict[str, QTableView] = {}
        self._titles = {
            "entity": self.tr("Entities ({0})"),
            "quote": self.tr("Quotes ({0})"),
            "stance": self.tr("Stances ({0})"),
        }
        for layer, model in models.items():
            table = QTableView()
            table.setModel(model)
            table.setItemDelegate(LabelDelegate(table))
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            table.setEditTriggers(
                QAbstractItemView.EditTrigger.DoubleClicked
                | QAbstractItemView.EditTrigger.EditKeyPressed
                | QAbstractItemView.EditTrigger.SelectedClicked
            )
            table.setAlternatingRowColors(True)
            table.setWordWrap(False)
            table.verticalHeader().hide()
            table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            table.verticalHeader().setDefaultSectionSize(24)
            header = table.horizontalHeader()
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
            header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(1, 150)
            header.resizeSection(2, 170)
            if layer == "entity":
                table.setColumnHidden(2, True)  # entities have no arguments
            table.setObjectName(f"{layer}_table")
            self.tables[layer] = table
            self.tabs.addTab(table, self._titles[layer].format(0))
            table.selectionModel().currentRowChanged.connect(self.on_table_current_changed)
            model.modelReset.connect(self.on_model_rows_changed)
            model.rowsInserted.connect(self.on_model_rows_changed)
            model.rowsRemoved.connect(self.on_model_rows_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.legend)
        layout.addWidget(self.tabs)
        self._resume = QTimer(self)
        self._resume.setSingleShot(True)
        self._resume.setInterval(self.REPAINT_DELAY_MS)
        self._resume.timeout.connect(self.on_resume_timeout)
        self._held_until_resumed = False
        self._following_models = 0

    # Painting a table of Arabic snippets costs ~10 ms; after an edit the article
    # repaints first (its mark is what the annotator waits for) and the tables follow.
    REPAINT_DELAY_MS = 60

    def hold_repaint(self, until_resumed: bool = False) -> None:
        """Paint the tables a little later (their models are up to date already),
        or, ``until_resumed``, not before :meth:`resume_repaint`."""
        self.tabs.setUpdatesEnabled(False)
        if until_resumed:
            self._held_until_resumed = True
        else:
            self._resume.start()

    def resume_repaint(self) -> None:
        """End a hold :meth:`hold_repaint` made ``until_resumed``."""
        self._held_until_resumed = False
        if not self._resume.isActive():
            # Laid out now, the table is painted once, not again when Qt's delayed
            # layout of its new rows comes round.
            current = self.tabs.currentWidget()
            if isinstance(current, QTableView):
                current.executeDelayedItemsLayout()
            self.tabs.setUpdatesEnabled(True)

    @Slot()
    def on_resume_timeout(self) -> None:
        """Paint the tables again (unless held until resumed)."""
        if not self._held_until_resumed:
            self.tabs.setUpdatesEnabled(True)

    @Slot()
    def on_model_rows_changed(self) -> None:
        """Show how many annotations each tab holds."""
        for at, (layer, model) in enumerate(self.models.items()):
            self.tabs.setTabText(at, self._titles[layer].format(model.rowCount()))

    @contextmanager
    def following_models(self) -> Iterator[None]:
        """While the models follow an edit, rows come and go under the tables' current
        row: Qt moves it to a neighbour, which is not the user's choice (the next key
        would edit that neighbour). The caller shows the selection again after."""
        self._following_models += 1
        try:
            yield
        finally:
            self._following_models -= 1

    @Slot(QModelIndex, QModelIndex)
    def on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """Tell which annotation the user moved to."""
        if self._following_models:
            return
        uuid = current.siblingAtColumn(0).data(Role.UUID) if current.isValid() else None
        if uuid:
            self.annotation_chosen.emit(str(uuid))

    def index_of(self, uuid: str) -> QModelIndex:
        """The row of an annotation in its layer's table, invalid when absent."""
        for model in self.models.values():
            index = model.index_of(uuid)
            if index.isValid():
                return index
        return QModelIndex()

    def show_annotation(self, uuid: str) -> None:
        """Make an annotation's row current (without echoing it back)."""
        if not uuid:
            for table in self.tables.values():
                selection = table.selectionModel()
                selection.blockSignals(True)
                selection.clearSelection()
                selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
                selection.blockSignals(False)
                table.viewport().update()
            return
        index = self.index_of(uuid)
        if not index.isValid():
            return
        model = index.model()
        layer = next(layer for layer, m in self.models.items() if m is model)
        table = self.tables[layer]
        self.tabs.setCurrentWidget(table)
        selection = table.selectionModel()
        current = selection.currentIndex()
        if current.row() == index.row() and selection.isRowSelected(index.row()):
            return
        selection.blockSignals(True)
        selection.setCurrentIndex(index, SELECT_ROW)
        selection.blockSignals(False)
        table.viewport().update()
        table.scrollTo(index)


class FlowBarWidget(QFrame):
    """Says what the quote or stance flow waits for, with buttons for each choice.

    Signals:
        choice_made(str): a kind or polarity button was pressed (its label).
        skip_requested(): the Skip / Next button was pressed.
        topic_entered(str): a typed stance topic was confirmed.
        cancel_requested(): the Cancel button was pressed.
    """

    choice_made = Signal(str)
    skip_requested = Signal()
    topic_entered = Signal(str)
    cancel_requested = Signal()

    def __init__(self, schema: Schema, arabic: bool, parent: QWidget | None = None) -> None:
        """Buttons for ``schema``'s quote kinds and polarities."""
        super().__init__(parent)
        self.setObjectName("flowbar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#flowbar { background: #fff6d5; }")
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.topic = QLineEdit()
        self.topic.setPlaceholderText(self.tr("Topic, then Enter"))
        self.topic.hide()
        self.skip = QPushButton(self.tr("Enter: take selection / skip"))
        self.cancel = QPushButton(self.tr("Cancel (Esc)"))
        layout = QHBoxLayout(self)
        layout.addWidget(self.prompt, 1)
        layout.addWidget(self.topic)
        self._kind_buttons = self._buttons(layout, schema.quote_kinds, arabic)
        self._polarity_buttons = self._buttons(layout, schema.polarities, arabic)
        layout.addWidget(self.skip)
        layout.addWidget(self.cancel)
        # The article keeps the keyboard focus while the mouse uses these buttons.
        for button in (
            self.skip,
            self.cancel,
            *self._kind_buttons,
            *self._polarity_buttons,
        ):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.skip.clicked.connect(self.skip_requested)
        self.cancel.clicked.connect(self.cancel_requested)
        self.topic.returnPressed.connect(self.on_topic_return_pressed)
        self.hide()

    def _buttons(
        self, layout: QHBoxLayout, defs: tuple[LabelDef, ...], arabic: bool
    ) -> list[QPushButton]:
        buttons = []
        for d in defs:
            name = d.name_ar if arabic else d.name_en
            button = QPushButton(f"{name} ({d.key})" if d.key else name)
            button.setProperty("label", d.label)
            button.clicked.connect(self.on_choice_clicked)
            button.hide()
            layout.addWidget(button)
            buttons.append(button)
        return buttons

    @Slot()
    def on_choice_clicked(self) -> None:
        """Report which kind or polarity button was pressed."""
        button = self.sender()
        if isinstance(button, QPushButton):
            self.choice_made.emit(str(button.property("label")))

    @Slot()
    def on_topic_return_pressed(self) -> None:
        """Report a typed topic."""
        self.topic_entered.emit(self.topic.text())

    def show_stage(self, stage: Stage, prompt: str) -> None:
        """Show what the flow waits for (hidden when idle)."""
        if stage is Stage.IDLE:
            self.topic.clear()
            self.topic.hide()
            self.hide()
            return
        self.prompt.setText(prompt)
        quote = stage in (Stage.SPEAKER, Stage.CUE, Stage.KIND)
        for button in self._kind_buttons:
            button.setVisible(quote)
        for button in self._polarity_buttons:
            button.setVisible(stage is Stage.POLARITY)
        self.skip.setVisible(stage in (Stage.SPEAKER, Stage.CUE, Stage.HOLDER, Stage.TARGET))
        if stage is not Stage.TARGET:
            self.topic.hide()
        self.show()

    def ask_topic(self) -> None:
        """Show the topic box and put the cursor in it."""
        self.topic.show()
        self.topic.setFocus(Qt.FocusReason.ShortcutFocusReason)
