"""The side panels: corpus list, annotation tables, legend and flow bar."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
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
        self.table.setItemDelegate(DirectionalDelegate(self.table))
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


_ISOLATE_OPENERS = frozenset("\u2066\u2067\u2068")
_ISOLATE_CLOSER = "\u2069"


def text_direction(text: str) -> Qt.LayoutDirection | None:
    """The direction of a text's first strong character (skipping what Unicode
    isolates enclose, as the bidi algorithm does), None when it has none."""
    depth = 0
    for char in text:
        if char in _ISOLATE_OPENERS:
            depth += 1
        elif char == _ISOLATE_CLOSER:
            depth = max(0, depth - 1)
        elif depth == 0:
            kind = unicodedata.bidirectional(char)
            if kind == "L":
                return Qt.LayoutDirection.LeftToRight
            if kind in ("R", "AL"):
                return Qt.LayoutDirection.RightToLeft
    return None


class DirectionalDelegate(QStyledItemDelegate):
    """Lays each cell out in its own text's direction, whatever the UI's.

    An Arabic title in the English UI then starts at the right edge of its cell and
    is elided at its logical end (the ellipsis on the left), and an English label in
    the Arabic UI reads from the left. Cells of ``key_columns`` hold key names: laid
    out left to right ("Ctrl++", never "++Ctrl"), where the UI puts them.
    """

    def __init__(
        self, parent: QObject | None = None, key_columns: frozenset[int] = frozenset()
    ) -> None:
        """A delegate of ``parent``'s view."""
        super().__init__(parent)
        self._key_columns = key_columns

    @override
    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        if index.column() in self._key_columns:
            if option.direction == Qt.LayoutDirection.RightToLeft:
                vertical = option.displayAlignment & Qt.AlignmentFlag.AlignVertical_Mask
                option.displayAlignment = (
                    vertical | Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
                )
            option.direction = Qt.LayoutDirection.LeftToRight
            return
        direction = text_direction(option.text)
        if direction is None:
            return
        option.direction = direction
        alignment = option.displayAlignment
        vertical = alignment & Qt.AlignmentFlag.AlignVertical_Mask
        # Leading edge (relative: left in left-to-right, right in right-to-left).
        option.displayAlignment = vertical | Qt.AlignmentFlag.AlignLeft


class LabelDelegate(DirectionalDelegate):
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


class FlowLayout(QLayout):
    """Items in rows that wrap to the width, in the layout direction: a narrow panel
    puts its chips on two lines instead of holding the window wide."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        """An empty layout of ``parent``."""
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    @override
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    @override
    def count(self) -> int:
        return len(self._items)

    @override
    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    @override
    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    @override
    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    @override
    def hasHeightForWidth(self) -> bool:
        return True

    @override
    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), place=False)

    @override
    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    @override
    def sizeHint(self) -> QSize:
        return self.minimumSize()

    @override
    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, place: bool) -> int:
        """Lay the items out in ``rect`` (or only measure); returns the height used."""
        parent = self.parentWidget()
        mirrored = parent is not None and parent.isRightToLeft()
        x, y, row_height = 0, 0, 0
        for item in self._items:
            hint = item.sizeHint()
            if x and x + hint.width() > rect.width():
                x, y, row_height = 0, y + row_height + self._gap, 0
            if place:
                left = rect.right() + 1 - x - hint.width() if mirrored else rect.x() + x
                item.setGeometry(QRect(QPoint(left, rect.y() + y), hint))
            x += hint.width() + self._gap
            row_height = max(row_height, hint.height())
        return y + row_height


class LegendWidget(QWidget):
    """The entity labels with their colours and keys, as a reminder."""

    def __init__(self, schema: Schema, arabic: bool, parent: QWidget | None = None) -> None:
        """One chip per entity label of ``schema``."""
        super().__init__(parent)
        layout = FlowLayout(self)
        for d in schema.entities:
            layout.addWidget(self._chip(d, arabic))

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
            # Only the tab of the table that changed gets its count again (a table
            # filling in while a document loads changes a few hundred times).
            show_count = partial(self.show_count, layer)
            model.modelReset.connect(show_count)
            model.rowsInserted.connect(show_count)
            model.rowsRemoved.connect(show_count)
            model.total_changed.connect(show_count)
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
        for layer in self.models:
            self.show_count(layer)

    def show_count(self, layer: str, *_changed: object) -> None:
        """Show how many annotations the tab of ``layer`` holds (if that changed)."""
        at = list(self.models).index(layer)
        # Every annotation, whether the table has fetched its row yet or not.
        title = self._titles[layer].format(self.models[layer].total)
        if self.tabs.tabText(at) != title:
            self.tabs.setTabText(at, title)

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


class ArticleSplitter(QSplitter):
    """The article between the two side panels, the article's width defended first.

    While the window grows, the side panels keep the widths the user gave them and
    the article takes the rest. When it narrows, the side panels give up width, down
    to their minimum, before the article gives up any of the width it had.
    """

    # Below these a side panel's list, or the article, is too narrow to read.
    SIDE_MINIMUM = 170
    ARTICLE_MINIMUM = 280

    def __init__(self, parent: QWidget | None = None) -> None:
        """An empty horizontal splitter; add the corpus panel, article, annotation panel."""
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._wanted: list[int] | None = None
        # The wanted widths are shares of a width not known yet (before the window shows).
        self._shares = False
        self.splitterMoved.connect(self.on_splitter_moved)
        self._mind_the_edge()

    def _mind_the_edge(self) -> None:
        # Right to left, QSplitter places its widgets one pixel too far right, cutting
        # off the right border of the panel there: keep that pixel free.
        right = 1 if self.isRightToLeft() else 0
        self.setContentsMargins(0, 0, right, 0)

    @override
    def changeEvent(self, e: QEvent) -> None:
        super().changeEvent(e)
        if e.type() == QEvent.Type.LayoutDirectionChange:
            self._mind_the_edge()

    @Slot(int, int)
    def on_splitter_moved(self, _pos: int, _index: int) -> None:
        """The user dragged a handle: these are the widths to keep."""
        self._wanted = self.sizes()
        self._shares = False

    def set_wanted_sizes(self, sizes: list[int], shares: bool = False) -> None:
        """Set the widths to keep (as if the user had dragged the handles there); with
        ``shares``, only their proportions, applied to the width the splitter gets."""
        self._wanted = list(sizes)
        self._shares = shares
        self.setSizes(sizes)

    def _side_minimum(self, index: int, readable: bool) -> int:
        widget = self.widget(index)
        hard = 0 if widget is None else max(widget.minimumSizeHint().width(), widget.minimumWidth())
        return max(self.SIDE_MINIMUM, hard) if readable else hard

    @override
    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self.fit()

    def fit(self) -> None:
        """Share the width out: the sides as wanted, less what the article needs."""
        sizes = self.sizes()
        if self.count() != 3 or sum(sizes) <= 0:
            return
        total = sum(sizes)
        if self._wanted is None or len(self._wanted) != 3:
            self._wanted = sizes
        elif self._shares:
            scale = total / max(1, sum(self._wanted))
            self._wanted = [round(w * scale) for w in self._wanted]
            self._shares = False
        left, article_wanted, right = self._wanted
        # First the sides down to a readable width; in a very small window, the
        # article keeps a readable width too, and the sides go down to their least.
        for readable, article_needs in ((True, article_wanted), (False, self.ARTICLE_MINIMUM)):
            spare_left = max(0, left - self._side_minimum(0, readable))
            spare_right = max(0, right - self._side_minimum(2, readable))
            short = article_needs - (total - left - right)
            if short > 0 and spare_left + spare_right > 0:
                taken = min(short, spare_left + spare_right)
                from_left = round(taken * spare_left / (spare_left + spare_right))
                left -= from_left
                right -= taken - from_left
        self.setSizes([left, total - left - right, right])


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
        # A topic is often a phrase ("the war in Ukraine"): room for a long one.
        self.topic.setMinimumWidth(self.topic.fontMetrics().averageCharWidth() * 36)
        self.topic.hide()
        self.skip = QPushButton(self.tr("Enter: take selection / skip"))
        self.cancel = QPushButton(self.tr("Cancel (Esc)"))
        # The instructions take the whole width; the buttons go on the row below.
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        self._row = QHBoxLayout()
        layout.addLayout(self._row)
        self._row.addWidget(self.topic, 1)
        self._kind_buttons = self._buttons(self._row, schema.quote_kinds, arabic)
        self._polarity_buttons = self._buttons(self._row, schema.polarities, arabic)
        self._row.addStretch(0)
        self._row.addWidget(self.skip)
        self._row.addWidget(self.cancel)
        self._prompts: list[str] = []
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

    def set_prompts(self, prompts: list[str]) -> None:
        """Every prompt the steps will show: the bar is as tall as the tallest, so
        that the article does not move under the mouse from one step to the next."""
        self._prompts = list(prompts)
        self._fix_height()

    def _fix_height(self) -> None:
        layout = self.layout()
        if layout is None:
            return
        margins = layout.contentsMargins()
        frame = 2 * self.frameWidth()
        width = self.width() - margins.left() - margins.right() - frame
        if width <= 0:
            return
        # Measured with the label's own font and wrapping: each text set in turn.
        shown = self.prompt.text()
        tallest = 0
        for text in {*self._prompts, shown}:
            self.prompt.setText(text)
            tallest = max(tallest, self.prompt.heightForWidth(width))
        self.prompt.setText(shown)
        self.prompt.setFixedHeight(tallest)
        row = max(
            w.sizeHint().height() for w in (self.topic, self.skip, self.cancel, *self._kind_buttons)
        )
        self.setFixedHeight(
            margins.top() + tallest + layout.spacing() + row + margins.bottom() + frame
        )

    @override
    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        if e.size().width() != e.oldSize().width():
            self._fix_height()

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
