"""The curation view (annotators' variants side by side, adjudicated into ``gold``) and
the agreement report dialog. The decisions themselves are :mod:`corpus.adjudication`'s."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from corpus import adjudication
from corpus.adjudication import Item
from corpus.errors import CorpusError
from corpus.store import Store
from gui.panels import DirectionalDelegate

# Light backgrounds that keep black text readable; annotators take them in name order.
ANNOTATOR_COLORS = ("#cfe3ff", "#ffe0b3", "#d6f5d6", "#f3d1f4", "#fff3b0", "#d9d9f7")
GOLD_COLOR = "#f5e6a8"
FIXED_COLUMNS = 3  # layer, agreement, gold


def annotator_color(index: int) -> QColor:
    return QColor(ANNOTATOR_COLORS[index % len(ANNOTATOR_COLORS)])


class CurationDialog(QDialog):
    """A document's curation items, disagreements first; one row per item, one column
    per annotator. A/Enter accepts the variant of the selected annotator's cell into
    gold, R/Backspace rejects the item, U accepts every unanimous item."""

    span_chosen = Signal(object)
    gold_changed = Signal(int)

    def __init__(self, store: Store, doc_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.store = store
        self.doc_id = doc_id
        self.items: list[Item] = []
        self.annotators: list[str] = []
        self.setWindowTitle(self.tr("Curation"))
        self.summary = QLabel()
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020")
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.verticalHeader().hide()
        self.table.setItemDelegate(DirectionalDelegate(self.table))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(self.on_table_current_cell_changed)
        self.accept_button = QPushButton(self.tr("Accept into gold (A)"))
        self.reject_button = QPushButton(self.tr("Reject (R)"))
        self.unanimous_button = QPushButton(self.tr("Accept all unanimous (U)"))
        self.accept_button.clicked.connect(self.accept_current)
        self.reject_button.clicked.connect(self.reject_current)
        self.unanimous_button.clicked.connect(self.accept_all_unanimous)
        for button in (self.accept_button, self.reject_button, self.unanimous_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.reject_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unanimous_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        for keys, slot in (
            (["A", "Return", "Enter"], self.accept_current),
            (["R", "Backspace"], self.reject_current),
            (["U"], self.accept_all_unanimous),
        ):
            action = QAction(self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        self.resize(900, 480)
        self.reload()

    def reload(self, row: int | None = None) -> None:
        """Read the items again and show them, keeping the current cell where it was."""
        column = max(self.table.currentColumn(), FIXED_COLUMNS)
        keep = self.table.currentRow() if row is None else row
        self.items = adjudication.curation_items(self.store, self.doc_id)
        self.annotators = sorted({n for item in self.items for n in item.annotators})
        self.table.blockSignals(True)
        self.table.clear()
        self.table.setColumnCount(FIXED_COLUMNS + len(self.annotators))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Layer"), self.tr("Agreement"), self.tr("Gold"), *self.annotators]
        )
        self.table.setRowCount(len(self.items))
        layer_names = {
            "entity": self.tr("entity"),
            "quote": self.tr("quote"),
            "stance": self.tr("stance"),
        }
        for row_index, item in enumerate(self.items):
            agreement = self.tr("unanimous") if item.unanimous else self.tr("disagreement")
            cells = [layer_names[item.layer], agreement, self._gold_text(item)]
            for name in self.annotators:
                chosen = [v.summary for v in item.variants if name in v.annotators]
                cells.append("; ".join(chosen) if chosen else "—")
            for column_index, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column_index >= FIXED_COLUMNS and text != "—":
                    cell.setBackground(annotator_color(column_index - FIXED_COLUMNS))
                elif column_index == 2 and item.in_gold:
                    cell.setBackground(QColor(GOLD_COLOR))
                self.table.setItem(row_index, column_index, cell)
        self.table.blockSignals(False)
        self.table.resizeRowsToContents()
        self._update_summary()
        if self.items:
            target_row = min(max(keep, 0), len(self.items) - 1)
            self.table.setCurrentCell(target_row, min(column, self.table.columnCount() - 1))

    def _gold_text(self, item: Item) -> str:
        if item.gold_variant is not None:
            taken = item.variants[item.gold_variant]
            return self.tr("accepted: {0}").format(", ".join(taken.annotators))
        if item.in_gold:
            return self.tr("accepted (edited)")
        if item.rejected:
            return self.tr("rejected")
        return self.tr("open")

    def _update_summary(self) -> None:
        open_items = sum(item.decision is None for item in self.items)
        disagreements = sum(not item.unanimous for item in self.items)
        self.summary.setText(
            self.tr("{0} items, {1} disagreements, {2} still open").format(
                len(self.items), disagreements, open_items
            )
        )

    def current_item(self) -> Item | None:
        row = self.table.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def current_variant(self) -> int:
        """The variant of the selected annotator's cell (the first variant elsewhere)."""
        item = self.current_item()
        column = self.table.currentColumn() - FIXED_COLUMNS
        if item is None or not 0 <= column < len(self.annotators):
            return 0
        name = self.annotators[column]
        return next((i for i, v in enumerate(item.variants) if name in v.annotators), 0)

    def _decide(self, decision: Any) -> None:
        item = self.current_item()
        if item is None:
            return
        row = self.table.currentRow()
        try:
            decision(item)
        except CorpusError as exc:
            self.problem.setText(str(exc))
            self.reload(row)
            return
        self.problem.clear()
        self.reload(row + 1)
        self.gold_changed.emit(self.doc_id)

    def accept_current(self) -> None:
        variant = self.current_variant()
        self._decide(lambda item: adjudication.accept(self.store, item, variant))

    def reject_current(self) -> None:
        self._decide(lambda item: adjudication.reject(self.store, item))

    def accept_all_unanimous(self) -> None:
        try:
            count = adjudication.accept_unanimous(self.store, self.doc_id)
        except CorpusError as exc:
            self.problem.setText(str(exc))
            count = 0
        else:
            self.problem.setText(self.tr("{0} unanimous items accepted into gold").format(count))
        self.reload()
        if count:
            self.gold_changed.emit(self.doc_id)

    def on_table_current_cell_changed(self, row: int, *_: int) -> None:
        if 0 <= row < len(self.items) and self.items[row].span is not None:
            self.span_chosen.emit(self.items[row].span)


def _figure(value: object) -> str:
    return "—" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


class AgreementDialog(QDialog):
    """The ``corpus.agreement`` report as a table: one row per annotator pair."""

    def __init__(self, report: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Agreement report"))
        self.report = report
        entities = {(p["a"], p["b"]): p for p in report["entities"]["pairs"]}
        quotes = {(p["a"], p["b"]): p for p in report["quotes"]["pairs"]}
        stances = {(p["a"], p["b"]): p for p in report["stances"]["pairs"]}
        headers = [
            self.tr("Annotators"),
            self.tr("Entity F1 (exact)"),
            self.tr("Entity F1 (overlap)"),
            self.tr("Token kappa"),
            self.tr("Quote F1"),
            self.tr("Speaker agreement"),
            self.tr("Stance kappa"),
        ]
        rows = []
        for pair, e in entities.items():
            q, s = quotes.get(pair, {}), stances.get(pair, {})
            rows.append(
                [
                    f"{pair[0]} / {pair[1]}",
                    e["exact"]["f1"],
                    e["overlap"]["f1"],
                    e["token_kappa"],
                    q.get("f1"),
                    q.get("speaker_agreement"),
                    s.get("kappa"),
                ]
            )
        rows.append(
            [
                self.tr("All pairs (mean)"),
                report["entities"]["micro_f1"],
                report["entities"]["micro_f1_overlap"],
                report["entities"]["token_kappa"],
                report["quotes"]["f1"],
                report["quotes"]["speaker_agreement"],
                report["stances"]["kappa"],
            ]
        )
        self.table = QTableWidget(len(rows), len(headers))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().hide()
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(_figure(value)))
        self.table.resizeColumnsToContents()
        note = QLabel(
            self.tr("{0} documents; stance alpha (Krippendorff) {1} over {2} units").format(
                report["documents"], _figure(report["stances"]["alpha"]), report["stances"]["units"]
            )
        )
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table)
        layout.addWidget(box)
        self.resize(860, 300)
