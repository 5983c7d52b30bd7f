"""Qt item models over the corpus: the document list and the annotation tree.

They hold corpus dataclasses, never widgets, and read the store only through its
public API.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor
from typing_extensions import override

from corpus.model import (
    Annotation,
    DocumentRow,
    Edit,
    Entity,
    Quote,
    Ref,
    Span,
    Stance,
    Topic,
)
from corpus.rules import label_of
from corpus.store import Store
from gui.labels import argument_text, display_name, label_defs, snippet
from gui.worker import StoreTask

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
# What the document list is filtered by: search words, status, whose status.
FilterKey = tuple[str | None, str | None, str | None]


class Role(IntEnum):
    """Custom data roles of Tawsim's models."""

    DOCUMENT_ID = Qt.ItemDataRole.UserRole + 1
    STATUS = Qt.ItemDataRole.UserRole + 2
    UUID = Qt.ItemDataRole.UserRole + 3
    LAYER = Qt.ItemDataRole.UserRole + 4


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_UUID = int(Role.UUID)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_RIGHT = int(
    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
)
_TABLE_ROLES = frozenset(
    (_DISPLAY, _EDIT, _TOOLTIP, _BACKGROUND, _ALIGNMENT, _UUID, int(Role.LAYER))
)


class DocumentListModel(QAbstractTableModel):
    """The documents of the store, fetched a page at a time as the view scrolls.

    Only what has been scrolled to is in memory, so a database of a million
    documents lists as fast as one of ten. Search and status filters run in the
    store (full-text index, SQL), and a new filter resets the model: a
    QSortFilterProxyModel would need every row loaded first.

    Counting what a filter matches can take longer than listing its first page
    (a search that matches a million documents: ~0.2 s), so on a database file the
    count runs in a background thread with a connection of its own; pages are
    fetched while the last one was full. ``total`` is None until the count is in.

    Signals:
        total_changed(int): the number of documents the filter matches is known.
    """

    COLUMNS = ("id", "title", "status")
    PAGE = 200
    total_changed = Signal(int)
    # Counts still running, kept alive here: a QThread must not be destroyed while
    # it runs, whatever becomes of the model that asked for it.
    _counting: ClassVar[set[StoreTask]] = set()

    def __init__(self, store: Store, annotator: str, parent: QObject | None = None) -> None:
        """List the documents of ``store`` with ``annotator``'s status."""
        super().__init__(parent)
        self._store = store
        self._annotator = annotator
        self._search: str | None = None
        self._status: str | None = None
        self._rows: list[DocumentRow] = []
        self._row_of: dict[int, int] = {}
        self._total: int | None = 0
        # The last page fetched was not full: there is nothing more to fetch.
        self._exhausted = True
        self._count_task: StoreTask | None = None
        self._count_wanted: FilterKey | None = None
        self.fetches = 0
        self._status_names = {
            "todo": self.tr("to do"),
            "in_progress": self.tr("in progress"),
            "done": self.tr("done"),
            "skipped": self.tr("skipped"),
        }
        self._load_first_page()

    def _load_first_page(self) -> None:
        """Load the first page and have the matching documents counted (inside a
        reset)."""
        self._rows = self._store.list_documents(
            self._search, self._status, self._filter_annotator, self.PAGE, 0
        )
        self._row_of = {row.id: i for i, row in enumerate(self._rows)}
        self._exhausted = len(self._rows) < self.PAGE
        if self._exhausted:
            self._set_total(len(self._rows))
        elif self._store.path == ":memory:":
            # No other connection can see an in-memory database: count here.
            self._set_total(self._store.count_documents(*self._filter_key))
        else:
            self._total = None
            self._count_in_background(self._filter_key)

    @property
    def _filter_key(self) -> FilterKey:
        return (self._search, self._status, self._filter_annotator)

    def _set_total(self, total: int) -> None:
        self._total = total
        self.total_changed.emit(total)

    def _count_in_background(self, key: FilterKey) -> None:
        """Count the documents matching ``key`` on a worker thread, one count at a
        time: while one runs, only the latest filter waits for its turn."""
        if self._count_task is not None:
            self._count_wanted = key
            return
        search, status, annotator = key

        def count(store: Store, _report: object) -> tuple[FilterKey, int]:
            return key, store.count_documents(search, status, annotator)

        task = StoreTask(self._store.path, count)
        task.succeeded.connect(self.on_count_succeeded)
        task.finished.connect(self.on_count_finished)
        self._count_task = task
        DocumentListModel._counting.add(task)
        task.start()

    @Slot(object)
    def on_count_succeeded(self, result: tuple[FilterKey, int]) -> None:
        """A background count is in: the total, if the filter is still the same."""
        key, total = result
        if key == self._filter_key and self._total is None:
            self._set_total(total)

    @Slot()
    def on_count_finished(self) -> None:
        """A background count ended (with a result or not)."""
        task = self.sender()
        if isinstance(task, StoreTask):
            self._count_finished(task)

    def _count_finished(self, task: StoreTask) -> None:
        """Forget ``task``; start the count the filter waits for, if it changed."""
        DocumentListModel._counting.discard(task)
        if task is not self._count_task:
            return
        self._count_task = None
        wanted, self._count_wanted = self._count_wanted, None
        if wanted is not None and wanted == self._filter_key and self._total is None:
            self._count_in_background(wanted)

    def wait_for_count(self) -> None:
        """Let background counting finish (before the window closes, and in tests)."""
        while self._count_task is not None:
            task = self._count_task
            task.wait()
            task.release_gc()
            # Its result and its end are queued to this model: deliver them now.
            QCoreApplication.sendPostedEvents(self)
            self._count_finished(task)

    @property
    def _filter_annotator(self) -> str | None:
        return self._annotator if self._status else None

    @property
    def total(self) -> int | None:
        """How many documents match the filter (loaded or not); None while they are
        being counted."""
        return self._total

    @property
    def search(self) -> str | None:
        """The current search words."""
        return self._search

    def set_filter(self, search: str | None, status: str | None) -> None:
        """Show only documents matching ``search`` (full text) and ``status``."""
        search = search.strip() if search else None
        if (search or None, status or None) == (self._search, self._status):
            return
        self.beginResetModel()
        self._search = search or None
        self._status = status or None
        self._load_first_page()
        self.endResetModel()

    def set_annotator(self, annotator: str) -> None:
        """Show another annotator's statuses."""
        self.beginResetModel()
        self._annotator = annotator
        self._load_first_page()
        self.endResetModel()

    def reload(self) -> None:
        """Forget what was fetched (after documents were imported, say)."""
        self.beginResetModel()
        self._load_first_page()
        self.endResetModel()

    @override
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    @override
    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    @override
    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        if parent.isValid():
            return False
        if self._total is not None:
            return len(self._rows) < self._total
        return not self._exhausted

    @override
    def fetchMore(self, parent: Index = _ROOT) -> None:
        if parent.isValid():
            return
        page = self._store.list_documents(
            self._search,
            self._status,
            self._filter_annotator,
            self.PAGE,
            len(self._rows),
        )
        if not page:
            # Fewer documents than counted (deleted meanwhile): stop asking.
            self._exhausted = True
            self._set_total(len(self._rows))
            return
        self._exhausted = len(page) < self.PAGE
        self.fetches += 1
        first = len(self._rows)
        self.beginInsertRows(_ROOT, first, first + len(page) - 1)
        for offset, row in enumerate(page):
            self._row_of[row.id] = first + offset
        self._rows.extend(page)
        self.endInsertRows()

    def status_of(self, row: DocumentRow) -> str:
        """The annotator's status of a listed document."""
        return row.status.get(self._annotator, "todo")

    @override
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return str(row.id)
            if column == 1:
                return row.title or row.external_id or self.tr("(untitled)")
            return self._status_names.get(self.status_of(row), self.status_of(row))
        if role == Qt.ItemDataRole.ToolTipRole:
            others = ", ".join(
                f"{name}: {self._status_names.get(st, st)}" for name, st in row.status.items()
            )
            title = row.title or row.external_id or ""
            return f"{title}\n{others}" if others else title
        if role == Role.DOCUMENT_ID:
            return row.id
        if role == Role.STATUS:
            return self.status_of(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight)
        return None

    @override
    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        return (self.tr("No."), self.tr("Title"), self.tr("Status"))[section]

    def row_of(self, doc_id: int) -> int | None:
        """The row of a document if it has been fetched."""
        return self._row_of.get(doc_id)

    def document_at(self, row: int) -> int | None:
        """The document id of a row, fetching pages when ``row`` is past the end."""
        while row >= len(self._rows) and self.canFetchMore():
            self.fetchMore()
        if 0 <= row < len(self._rows):
            return self._rows[row].id
        return None

    def update_status(self, doc_id: int, status: str) -> None:
        """Show a document's new status (the filter applies again at the next reset)."""
        row = self._row_of.get(doc_id)
        if row is None:
            return
        old = self._rows[row]
        self._rows[row] = DocumentRow(
            old.id,
            old.external_id,
            old.title,
            old.sha256,
            old.length,
            {**old.status, self._annotator: status},
        )
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))


# ---------------------------------------------------------------------- annotations


def _isolated(text: str) -> str:
    """``text`` as a bidi isolate (FSI…PDI): laid out in its own direction, without
    reordering what is around it."""
    return f"\u2068{text}\u2069"


Lookup = Callable[[str], "Annotation | None"]


def position_of(ann: Annotation, lookup: Lookup) -> tuple[int, int]:
    """Where an annotation sits in the text, for ordering the side panel."""
    if isinstance(ann, Entity):
        return ann.span.start, ann.span.end
    if isinstance(ann, Quote):
        return ann.content.start, ann.content.end
    assert isinstance(ann, Stance)
    if ann.evidence:
        return ann.evidence[0].start, ann.evidence[0].end
    holder = ann.holder
    if isinstance(holder, Ref):
        entity = lookup(holder.uuid)
        holder = entity.span if isinstance(entity, Entity) else Span(0, 1)
    return holder.start, holder.end


class AnnotationTableModel(QAbstractTableModel):
    """One layer of the open document's annotations (entities, quotes or stances).

    A flat table per layer, in text order: a tree of tens of thousands of rows
    makes Qt ask every row for its flags on each change. Column 0 shows the words,
    column 1 the label (editable in place), column 2 the arguments (a stance's typed
    topic is editable in place). Edits are not written here: the model emits a
    request that the window hands to the session, whose applied edit comes back
    through :meth:`apply_edit`.

    Rows are the annotations themselves (the session's objects, no copy), and the
    view gets them a page at a time (``canFetchMore``/``fetchMore``) as it scrolls:
    a document with 100,000 annotations shows its table without laying out, or
    even inserting, rows nobody scrolled to. ``total`` counts them all. While a
    document loads, :meth:`extend` adds what came in.

    Signals:
        relabel_requested(str, str): (uuid, new label) from an in-place edit.
        topic_requested(str, str): (uuid, new topic text) from an in-place edit.
        total_changed(): ``total`` changed without rows being inserted or removed.
    """

    relabel_requested = Signal(str, str)
    topic_requested = Signal(str, str)
    total_changed = Signal()

    COLUMN_TEXT, COLUMN_LABEL, COLUMN_DETAILS = 0, 1, 2
    PAGE = 500

    def __init__(
        self,
        store: Store,
        layer: str,
        lookup: Lookup,
        arabic_names: bool = False,
        parent: QObject | None = None,
    ) -> None:
        """An empty table of ``layer``; ``lookup`` finds entities named by reference."""
        super().__init__(parent)
        self.layer = layer
        self._schema = store.schema
        self._lookup = lookup
        self._arabic = arabic_names
        self._text = ""
        # Shown rows, then the rows not fetched yet: one sequence in text order.
        self._rows: list[Annotation] = []
        self._pending: list[Annotation] = []
        # (words, label name, details) per uuid, made when a row is first painted.
        self._shown: dict[str, tuple[str, str, str]] = {}
        self._colors = {d.label: QColor(d.color) for d in self._schema.entities}

    def _key(self, ann: Annotation) -> tuple[tuple[int, int], str]:
        """Where a row goes: text order, ties by uuid."""
        if type(ann) is Entity:
            return (ann.span.start, ann.span.end), ann.uuid
        return position_of(ann, self._lookup), ann.uuid

    # ------------------------------------------------------------------ content

    @property
    def total(self) -> int:
        """How many annotations the table holds, fetched into the view or not."""
        return len(self._rows) + len(self._pending)

    def reset(self, text: str, annotations: Iterable[Annotation]) -> None:
        """Show the annotations of a newly opened document (of this layer)."""
        self.beginResetModel()
        self._text = text
        self._shown = {}
        mine = sorted((a for a in annotations if a.layer == self.layer), key=self._key)
        self._rows = mine[: self.PAGE]
        self._pending = mine[self.PAGE :]
        self.endResetModel()

    def extend(self, annotations: Iterable[Annotation]) -> None:
        """Take annotations that came in while the document loads (those of this
        layer, none already in the table): rows past the shown ones wait to be
        fetched; the rare one that sorts among them is inserted."""
        mine = sorted((a for a in annotations if a.layer == self.layer), key=self._key)
        if not mine:
            return
        key = self._key
        cut = bisect_right(mine, key(self._rows[-1]), key=key) if self._rows else 0
        self._insert_among_rows(mine[:cut])
        rest = mine[cut:]
        if rest:
            pending = self._pending
            unordered = bool(pending) and key(pending[-1]) > key(rest[0])
            pending.extend(rest)
            if unordered:
                pending.sort(key=key)  # two sorted runs: one merge
            if len(self._rows) < self.PAGE:
                self.fetchMore()
            else:
                self.total_changed.emit()

    def refresh_order(self) -> None:
        """Sort the rows again if some moved (a stance placed by an entity that had
        not come in yet when its row was made)."""
        rows = self._rows + self._pending
        ordered = sorted(rows, key=self._key)
        if [a.uuid for a in ordered] != [a.uuid for a in rows]:
            self.beginResetModel()
            self._rows, self._pending = ordered[: len(self._rows)], ordered[len(self._rows) :]
            self.endResetModel()

    def apply_edit(self, edit: Edit) -> None:
        """Follow an applied edit row by row (no reset: the view keeps its place)."""
        for change in edit.changes:
            ann = change.after or change.before
            if ann is not None and ann.layer == "entity" and self.layer != "entity":
                # Quotes and stances show the words of the entities they point at.
                self._shown.clear()
                if self._rows:
                    last = self.index(len(self._rows) - 1, self.COLUMN_DETAILS)
                    self.dataChanged.emit(self.index(0, 0), last)
            self._shown.pop(change.uuid, None)
            if change.before is not None and change.before.layer == self.layer:
                self._remove(change.before)
            if change.after is not None and change.after.layer == self.layer:
                self._insert(change.after)

    def _find(self, rows: list[Annotation], ann: Annotation) -> int | None:
        """Where ``ann`` (by uuid) is in ``rows``, or None."""
        key = self._key(ann)
        at = bisect_left(rows, key, key=self._key)
        if at < len(rows) and rows[at].uuid == ann.uuid:
            return at
        # A stance placed by an entity that has moved since: look for it.
        return next((i for i, row in enumerate(rows) if row.uuid == ann.uuid), None)

    def _remove(self, ann: Annotation) -> None:
        row = self._find(self._rows, ann)
        if row is not None:
            self.beginRemoveRows(_ROOT, row, row)
            del self._rows[row]
            self.endRemoveRows()
            return
        row = self._find(self._pending, ann)
        if row is not None:
            del self._pending[row]
            self.total_changed.emit()

    def _insert_among_rows(self, ordered: list[Annotation]) -> None:
        """Insert rows that sort among the shown ones (in order), those that go to
        the same place as one block: one insertion (and one repaint of the tab
        titles) per place, not per row."""
        key, rows = self._key, self._rows
        at = 0
        while at < len(ordered):
            row = bisect_left(rows, key(ordered[at]), key=key)
            upto = at + 1
            if row < len(rows):
                bound = key(rows[row])
                while upto < len(ordered) and key(ordered[upto]) < bound:
                    upto += 1
            else:
                upto = len(ordered)
            self.beginInsertRows(_ROOT, row, row + upto - at - 1)
            rows[row:row] = ordered[at:upto]
            self.endInsertRows()
            at = upto

    def _insert(self, ann: Annotation) -> None:
        key = self._key(ann)
        if self._pending and key > self._key(self._pending[0]):
            self._pending.insert(bisect_left(self._pending, key, key=self._key), ann)
            self.total_changed.emit()
            return
        row = bisect_left(self._rows, key, key=self._key)
        self.beginInsertRows(_ROOT, row, row)
        self._rows.insert(row, ann)
        self.endInsertRows()

    def index_of(self, uuid: str) -> QModelIndex:
        """The row of an annotation (column 0), fetched into the view if it was not
        yet; invalid when absent."""
        ann = self._lookup(uuid)
        if ann is None or ann.layer != self.layer:
            return QModelIndex()
        row = self._find(self._rows, ann)
        if row is None and self._find(self._pending, ann) is not None:
            while row is None and self._pending:
                self.fetchMore()
                row = self._find(self._rows, ann)
        return self.index(row, 0) if row is not None else QModelIndex()

    def annotation_at(self, index: Index) -> Annotation | None:
        """The annotation of a row."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    # ------------------------------------------------------------------ structure

    @override
    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        return not parent.isValid() and bool(self._pending)

    @override
    def fetchMore(self, parent: Index = _ROOT) -> None:
        if parent.isValid() or not self._pending:
            return
        page = self._pending[: self.PAGE]
        first = len(self._rows)
        self.beginInsertRows(_ROOT, first, first + len(page) - 1)
        del self._pending[: self.PAGE]
        self._rows.extend(page)
        self.endInsertRows()

    @override
    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    @override
    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else 3

    @override
    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = _SELECTABLE
        if index.column() == self.COLUMN_LABEL:
            return flags | Qt.ItemFlag.ItemIsEditable
        if index.column() == self.COLUMN_DETAILS and self.layer == "stance":
            ann = self.annotation_at(index)
            if isinstance(ann, Stance) and isinstance(ann.target, Topic):
                return flags | Qt.ItemFlag.ItemIsEditable
        return flags

    @override
    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < 3:
            return None
        return (self.tr("Text"), self.tr("Label"), self.tr("Details"))[section]

    # ------------------------------------------------------------------ data

    def _argument(self, arg: Span | Ref | Topic | None) -> str:
        return argument_text(self._text, arg, self._lookup)

    def _details(self, ann: Annotation) -> str:
        # Each part is isolated (FSI…PDI): an Arabic name next to "; " or an arrow
        # would otherwise pull the punctuation into its own right-to-left run.
        if isinstance(ann, Quote):
            parts = []
            if ann.speaker is not None:
                parts.append(self.tr("speaker: {0}").format(_isolated(self._argument(ann.speaker))))
            if ann.cue is not None:
                parts.append(self.tr("cue: {0}").format(_isolated(self._argument(ann.cue))))
            return self.tr("; ").join(_isolated(part) for part in parts)
        if isinstance(ann, Stance):
            holder = _isolated(self._argument(ann.holder))
            target = _isolated(self._argument(ann.target))
            # The arrow points from holder to target in the reading direction.
            if self._arabic:
                return f"{holder} ← {target}"
            return f"{holder} → {target}"
        return ""

    def _words(self, ann: Annotation) -> str:
        if isinstance(ann, Entity):
            return snippet(self._text, ann.span)
        if isinstance(ann, Quote):
            return snippet(self._text, ann.content)
        assert isinstance(ann, Stance)
        if ann.evidence:
            return snippet(self._text, ann.evidence[0])
        return self._details(ann)

    def _display(self, ann: Annotation) -> tuple[str, str, str]:
        shown = self._shown.get(ann.uuid)
        if shown is None:
            name = display_name(label_defs(self._schema, ann), label_of(ann), self._arabic)
            shown = (self._words(ann), name, self._details(ann))
            self._shown[ann.uuid] = shown
        return shown

    @override
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Painting asks for many roles per cell; answer the unused ones at once.
        if role not in _TABLE_ROLES:
            return None
        ann = self.annotation_at(index)
        if ann is None:
            return None
        column = index.column()
        if role == _DISPLAY:
            return self._display(ann)[column]
        if role == _BACKGROUND:
            if column == self.COLUMN_LABEL and isinstance(ann, Entity):
                return self._colors.get(ann.label)
            return None
        if role == _ALIGNMENT:
            # Snippets are Arabic: they read from the right edge of their cell.
            return _RIGHT if column != self.COLUMN_LABEL else None
        if role == _EDIT:
            if column == self.COLUMN_LABEL:
                return label_of(ann)
            if column == self.COLUMN_DETAILS and isinstance(ann, Stance):
                return ann.target.text if isinstance(ann.target, Topic) else ""
            return self._display(ann)[column]
        if role == _TOOLTIP:
            return f"{self._words(ann)}\n{label_of(ann)} — {ann.annotator}"
        if role == _UUID:
            return ann.uuid
        return ann.layer

    @override
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        ann = self.annotation_at(index)
        if ann is None or role != Qt.ItemDataRole.EditRole:
            return False
        if index.column() == self.COLUMN_LABEL:
            label = str(value)
            if label == label_of(ann) or label not in self._schema.labels_of(ann.layer):
                return False
            self.relabel_requested.emit(ann.uuid, label)
            return True
        if index.column() == self.COLUMN_DETAILS and isinstance(ann, Stance):
            text = str(value).strip()
            if not text or not isinstance(ann.target, Topic) or text == ann.target.text:
                return False
            self.topic_requested.emit(ann.uuid, text)
            return True
        return False

    def labels_for(self, index: Index) -> list[tuple[str, str]]:
        """(label, display name) choices for the label editor of a row."""
        ann = self.annotation_at(index)
        if ann is None:
            return []
        return [
            (d.label, d.name_ar if self._arabic else d.name_en)
            for d in label_defs(self._schema, ann)
        ]
