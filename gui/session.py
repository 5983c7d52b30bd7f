"""The annotation session: store, annotator, open document and its undo history."""

from __future__ import annotations

import sqlite3
import time
import uuid as uuidlib
from collections.abc import Callable, Iterable
from dataclasses import replace
from operator import attrgetter

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QUndoGroup, QUndoStack

from corpus import rules
from corpus.arabic import snap_to_graphemes, snap_to_word
from corpus.errors import ConflictError, CorpusError, NotFoundError
from corpus.model import (
    Annotation,
    Change,
    Document,
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
from gui.allocation import (
    exempt_survivors,
    hold_cyclic_gc,
    release_cyclic_gc,
    without_cyclic_gc,
)
from gui.labels import snippet
from gui.undo import EditCommand

Snapper = Callable[[str, int, int], tuple[int, int]]
# Given the text of a document, where (code points) the part shown first ends.
FirstScreen = Callable[[str], int]

# Each deferred slice of a long document's annotations aims at this much work, so
# that the window keeps answering (and painting) while the rest comes in.
SLICE_SECONDS = 0.008
FIRST_SLICE_CHARS = 4_000
MIN_SLICE_CHARS = 2_000
# Stances have no span of their own: they come last, this many per turn.
STANCE_PAGE = 120
# The cyclic garbage collector, paused while a document loads, resumes this long
# after the last slice.
GC_RELEASE_DELAY_MS = 100
# How often the database is checked for what other windows changed.
WATCH_INTERVAL_MS = 400


_LAYER = attrgetter("layer")


class AnnotationSession(QObject):
    """What the window works on; every annotation change passes through here.

    Widgets call its methods; it builds corpus ``Edit`` objects, pushes them on the
    undo stack of the open document (which applies them to the store) and tells the
    widgets what changed. One undo stack per (annotator, document) lives in an
    ``QUndoGroup``, so undo history survives a switch of document.

    Attributes:
        store: the open database (used from the GUI thread only).
        undo_group: the group whose active stack Ctrl+Z acts on.
        snapper: widens a selection to whole words; the Arabic-assistance work
            replaces it with clitic-aware snapping.
        first_screen: where the part of a text shown first ends (code points);
            None reads every annotation at once.

    Opening a long document is progressive: :meth:`open_document` reads the text
    and the annotations touching the first screen (``first_screen`` says how far it
    reaches), so the article can be shown with its visible marks at once; the rest
    comes in slices on the GUI thread's event loop, each read from the store at that
    moment and merged by uuid, so that edits made meanwhile are neither lost nor
    doubled. ``loaded`` tells when :meth:`annotations` holds everything, and
    ``annotations_loaded`` is emitted then (always later than ``document_opened``,
    even when everything came at once).

    Signals:
        document_opened(int): a document became current (its id); its annotations
            may be only those of the first screen (see ``loaded``).
        annotations_loaded(int): every annotation of the open document is in hand.
        annotations_arrived(object): a list of the open document's annotations that
            came in while it loads (none of them in hand before).
        annotations_changed(object): an ``Edit`` was applied to the current document.
        annotation_selected(str): the selected annotation's uuid, "" for none.
        status_changed(int, str): a document's status for the annotator changed.
        annotator_changed(str): the annotator's name changed.
        error_reported(str): a message the user should see.
        store_changed(): another connection (window, process, worker) wrote to the
            database; the open document follows by itself (see ``watch_store``).
    """

    document_opened = Signal(int)
    annotations_loaded = Signal(int)
    annotations_arrived = Signal(object)
    annotations_changed = Signal(object)
    annotation_selected = Signal(str)
    status_changed = Signal(int, str)
    annotator_changed = Signal(str)
    error_reported = Signal(str)
    store_changed = Signal()

    def __init__(
        self,
        store: Store,
        annotator: str,
        snapper: Snapper = snap_to_word,
        parent: QObject | None = None,
    ) -> None:
        """Work on ``store`` as ``annotator``; no document is open yet."""
        super().__init__(parent)
        self.store = store
        self.snapper = snapper
        self.undo_group = QUndoGroup(self)
        self._stacks: dict[tuple[str, int], QUndoStack] = {}
        self._annotator = ""
        self._document: Document | None = None
        self._annotations: dict[str, Annotation] = {}
        # annotations() in order, kept until the next change (listeners of each edit
        # ask for it; sorting 100,000 of them costs 10 ms).
        self._ordered: list[Annotation] | None = None
        # Entity by exact span: tagging the same words twice relabels instead.
        self._entity_spans: dict[Span, str] = {}
        self._selected = ""
        self._status = "todo"
        self._pushed_ok = False
        self.first_screen: FirstScreen | None = None
        # Progressive loading (see loaded_until).
        self._loaded = True
        self._loaded_until = 0
        self._slice_chars = FIRST_SLICE_CHARS
        # The row after which the next page of stances is read, once the spans are in.
        self._stances_after: int | None = None
        self._announced = True
        self._gc_held = False
        self._loader = QTimer(self)
        self._loader.setSingleShot(True)
        self._loader.setInterval(0)
        self._loader.timeout.connect(self.on_loader_timeout)
        # Other windows and processes on the same database (see watch_store).
        self._seen_event = 0
        self._sync_pending = False
        self._data_version = 0
        self._watch = QTimer(self)
        self._watch.timeout.connect(self.on_watch_timeout)
        self.set_annotator(annotator)
        if store.path != ":memory:":
            self.watch_store()

    # ------------------------------------------------------------------ state

    @property
    def annotator(self) -> str:
        """Whose annotations are shown and written."""
        return self._annotator

    @property
    def document(self) -> Document | None:
        """The open document, if any."""
        return self._document

    @property
    def selected(self) -> str:
        """The uuid of the selected annotation, "" for none."""
        return self._selected

    @property
    def loaded(self) -> bool:
        """Whether :meth:`annotations` holds every annotation of the open document."""
        return self._loaded

    @property
    def loaded_until(self) -> int:
        """How far (code points) the annotations are in hand: right after opening,
        every annotation with a span (its own or an argument's) in
        ``[0, loaded_until)``; later on, also every entity and quote starting before
        it. The text's length, or more, once ``loaded``."""
        return self._loaded_until

    def annotations(self) -> list[Annotation]:
        """The open document's annotations by this annotator, entities first
        (while not ``loaded``, those read so far and those made meanwhile)."""
        if self._ordered is None:
            # 'entity' < 'quote' < 'stance'; a stable sort keeps each layer's order.
            self._ordered = sorted(self._annotations.values(), key=_LAYER)
        return list(self._ordered)

    def annotation(self, uuid: str) -> Annotation | None:
        """One annotation of the open document, or None."""
        return self._annotations.get(uuid)

    def undo_stack(self) -> QUndoStack | None:
        """The undo stack of the open document."""
        return self.undo_group.activeStack()

    def set_annotator(self, name: str) -> None:
        """Switch annotator; the open document is shown again with their annotations."""
        clean = name.strip()
        if not clean:
            self.report_error(self.tr("The annotator needs a name."))
            return
        if clean == self._annotator:
            return
        try:
            self.store.add_annotator(clean)
        except CorpusError as exc:  # a name the store refuses (too long, say)
            self.report_error(str(exc))
            return
        self._annotator = clean
        self.annotator_changed.emit(clean)
        if self._document is not None:
            self.open_document(self._document.id)

    def report_error(self, message: str) -> None:
        """Show a message to the user (through whoever listens)."""
        self.error_reported.emit(message)

    # ------------------------------------------------------------------ documents

    def open_document(self, doc_id: int) -> bool:
        """Make a document current; False (an error reported) if it cannot be read."""
        with without_cyclic_gc():
            opened = self._open_document(doc_id)
        if opened and not self._loaded:
            self._hold_gc()
        return opened

    def _open_document(self, doc_id: int) -> bool:
        try:
            # Read first: whatever others change from now on is in the log after it.
            seen_event = self.store.last_event_id()
            document = self.store.document(doc_id)
            length = len(document.text)
            head = length if self.first_screen is None else self.first_screen(document.text)
            if head >= length:
                annotations = self.store.annotations(doc_id, self._annotator)
            else:
                annotations = self.store.annotations_in_range(doc_id, self._annotator, 0, head)
        except CorpusError as exc:
            self.report_error(str(exc))
            return False
        self._document = document
        self._seen_event = seen_event
        self._sync_pending = False
        self._annotations = {a.uuid: a for a in annotations}
        self._ordered = None
        self._entity_spans = {a.span: a.uuid for a in annotations if isinstance(a, Entity)}
        self._loaded = head >= length
        self._loaded_until = max(head, 0)
        self._slice_chars = FIRST_SLICE_CHARS
        self._stances_after = None
        self._announced = False
        self._loader.start()
        self._selected = ""
        self._status = self.store.status(doc_id, self._annotator)
        key = (self._annotator, doc_id)
        stack = self._stacks.get(key)
        if stack is None:
            stack = QUndoStack(self.undo_group)
            self._stacks[key] = stack
        self.undo_group.setActiveStack(stack)
        self.document_opened.emit(doc_id)
        return True

    # ------------------------------------------------------------------ loading

    @Slot()
    def on_loader_timeout(self) -> None:
        """Read the next slice of the open document's annotations, or announce them."""
        doc = self._document
        if doc is None or self._announced:
            return
        if not self._loaded:
            started = time.perf_counter()
            try:
                with without_cyclic_gc():
                    self._load_slice(self._slice_chars)
            except CorpusError as exc:
                self._release_gc()
                self.report_error(str(exc))
                return
            except sqlite3.ProgrammingError:
                self._release_gc()
                return  # the store was closed under us (the application is ending)
            # Aim the next slice at the time budget, whatever the density of marks.
            spent = max(time.perf_counter() - started, 1e-4)
            scale = min(2.0, max(0.25, SLICE_SECONDS / spent))
            self._slice_chars = max(MIN_SLICE_CHARS, int(self._slice_chars * scale))
            if not self._loaded:
                self._loader.start()
                return
        self._announce()

    def _load_slice(self, chars: int) -> None:
        """Merge the entities and quotes starting in the next ``chars`` code points;
        past the end of the text, the next page of stances."""
        doc = self._document
        assert doc is not None
        if self._stances_after is not None:
            stances, self._stances_after = self.store.stances_after(
                doc.id, self._annotator, self._stances_after, STANCE_PAGE
            )
            self._merge(stances)
            if len(stances) < STANCE_PAGE:
                self._stances_after = None
                self._loaded = True
            return
        start = self._loaded_until
        end = start + chars
        last = end >= len(doc.text)
        if last:
            # Past the end: nothing is left out whatever the stored offsets.
            end = max(end, len(doc.text)) + 1
        # Whatever starts before ``start`` touches what is in hand already; stances
        # have no span of their own and come after the last slice.
        self._merge(self.store.annotations_starting_in(doc.id, self._annotator, start, end))
        if last:
            self._stances_after = 0
        self._loaded_until = end

    def _merge(self, annotations: Iterable[Annotation]) -> None:
        """Take what was read; what is known already is the same or newer (every
        edit of the open document passes through :meth:`apply_edit`)."""
        known = self._annotations
        new = {a.uuid: a for a in annotations if a.uuid not in known}
        if not new:
            return
        known.update(new)
        self._ordered = None
        spans = self._entity_spans
        for ann in new.values():
            # type() is: the annotation classes are final dataclasses.
            if type(ann) is Entity and ann.span not in spans:
                spans[ann.span] = ann.uuid
        self.annotations_arrived.emit(list(new.values()))

    def finish_loading(self) -> None:
        """Read whatever is left of the open document's annotations now."""
        if self._document is None or self._announced:
            return
        with without_cyclic_gc():
            while not self._loaded:
                self._load_slice(max(len(self._document.text), 1))
        self._announce()

    def _hold_gc(self) -> None:
        """Pause the cyclic garbage collector until the document is loaded.

        The slices allocate tens of thousands of objects, none in a cycle; with the
        collector on between them, it would now and then sweep everything alive
        (30 ms and more) in the middle of the loading.
        """
        if not self._gc_held:
            hold_cyclic_gc()
            self._gc_held = True

    def stop_loading(self) -> None:
        """Stop reading the open document's annotations in slices (the window closes)."""
        self._loader.stop()
        self._release_gc()

    def _release_gc(self) -> None:
        if self._gc_held:
            self._gc_held = False
            release_cyclic_gc()

    def _announce(self) -> None:
        if self._document is None or self._announced:
            self._release_gc()
            return
        self._announced = True
        self._loader.stop()
        self.annotations_loaded.emit(self._document.id)
        # Listeners finish their part in the next few turns (the window fills its
        # tables); the collector's catching up is a pause of its own, after them.
        QTimer.singleShot(GC_RELEASE_DELAY_MS, self, self._release_gc_after_loading)

    @Slot()
    def _release_gc_after_loading(self) -> None:
        if self._announced:  # not if another document is loading by now
            # The document's annotations (and whatever else is alive by now: the
            # window, the modules) stay out of the collections to come.
            exempt_survivors()
            self._release_gc()

    def _ensure_span_loaded(self, span: Span) -> None:
        """Read the annotations at ``span`` if they have not come in yet."""
        doc = self._document
        if doc is None or self._loaded or span.start < self._loaded_until:
            return
        self._merge(self.store.annotations_in_range(doc.id, self._annotator, span.start, span.end))

    # ------------------------------------------------------------------ status

    def status(self) -> str:
        """The annotator's status of the open document."""
        return self._status

    def set_status(self, status: str, doc_id: int | None = None) -> bool:
        """Set the annotator's status of a document (the open one by default)."""
        target = doc_id if doc_id is not None else (self._document.id if self._document else None)
        if target is None:
            return False
        try:
            self.store.set_status(target, self._annotator, status)
        except CorpusError as exc:
            self.report_error(str(exc))
            return False
        if self._document is not None and target == self._document.id:
            self._status = status
        self.status_changed.emit(target, status)
        return True

    # ------------------------------------------------------------------ selection

    def select(self, uuid: str) -> None:
        """Select an annotation of the open document ("" clears the selection)."""
        if uuid and uuid not in self._annotations:
            uuid = ""
        if uuid != self._selected:
            self._selected = uuid
            self.annotation_selected.emit(uuid)

    def snap(self, start: int, end: int, exact: bool = False) -> Span | None:
        """A selection (code points) as the span to store: whole words unless ``exact``.

        A base letter is never split from its harakat, even when exact; spaces at
        either end are left out (Ctrl+Shift+arrows select a word with the space after
        it). None when nothing but spaces or punctuation is selected.
        """
        if self._document is None:
            return None
        text = self._document.text
        if not exact:
            start, end = self.snapper(text, start, end)
        start, end = snap_to_graphemes(text, start, end)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end or not text[start:end].strip():
            return None
        return Span(start, end)

    def entity_with_span(self, span: Span) -> Entity | None:
        """This annotator's entity of exactly ``span``, if there is one (read from
        the store when that part of the document has not come in yet)."""
        self._ensure_span_loaded(span)
        found = self._annotations.get(self._entity_spans.get(span, ""))
        return found if isinstance(found, Entity) and found.span == span else None

    def as_argument(self, span: Span) -> Span | Ref:
        """A span as a quote or stance argument: a reference if an entity has it."""
        entity = self.entity_with_span(span)
        return Ref(entity.uuid) if entity is not None else span

    # ------------------------------------------------------------------ editing

    def push(self, edit: Edit, text: str) -> bool:
        """Apply ``edit`` as one undoable step; False if the store refused it."""
        stack = self.undo_stack()
        if stack is None or not edit.changes:
            return False
        self._pushed_ok = False
        stack.push(EditCommand(self, edit, text))
        return self._pushed_ok

    def apply_edit(self, edit: Edit) -> Edit:
        """Apply an edit to the store and update the open document (for EditCommand).

        Raises:
            CorpusError: the store refused the edit; nothing changed.
        """
        try:
            applied = self.store.apply(edit)
        except ConflictError as exc:
            # Another window got there first: say what it did, and show it.
            self._sync_pending = True
            QTimer.singleShot(0, self, self.on_watch_timeout)
            raise ConflictError(self.describe_conflict(edit)) from exc
        self._pushed_ok = True
        self._take(applied)
        return applied

    def _take(self, applied: Edit) -> None:
        """Follow an edit the store holds now (made here or by another window)."""
        doc = self._document
        touched = False
        for change in applied.changes:
            ann = change.after or change.before
            if doc is None or ann is None or ann.document_id != doc.id:
                continue
            if ann.annotator != self._annotator:
                continue
            touched = True
            self._ordered = None
            before = change.before
            if isinstance(before, Entity) and self._entity_spans.get(before.span) == change.uuid:
                del self._entity_spans[before.span]
            if isinstance(change.after, Entity):
                self._entity_spans.setdefault(change.after.span, change.uuid)
            if change.after is None:
                self._annotations.pop(change.uuid, None)
                if self._selected == change.uuid:
                    self._selected = ""
                    self.annotation_selected.emit("")
            else:
                self._annotations[change.uuid] = change.after
        if touched and doc is not None:
            self.annotations_changed.emit(applied)
            # The store moves a document from todo to in progress on its first edit.
            self._reread_status()

    def _reread_status(self) -> None:
        doc = self._document
        if doc is None:
            return
        status = self.store.status(doc.id, self._annotator)
        if status != self._status:
            self._status = status
            self.status_changed.emit(doc.id, status)

    def _new_uuid(self) -> str:
        return str(uuidlib.uuid4())

    def tag_entity(self, start: int, end: int, label: str, exact: bool = False) -> str | None:
        """Tag a selection (code points) as an entity; returns its uuid.

        The same span tagged again changes the existing entity's label instead of
        adding a twin.
        """
        doc = self._document
        if doc is None:
            return None
        if label not in self.store.schema.entity_labels:
            self.report_error(self.tr("Unknown label {0}.").format(label))
            return None
        span = self.snap(start, end, exact)
        if span is None:
            self.report_error(self.tr("Select some words first."))
            return None
        existing = self.entity_with_span(span)
        entity = Entity(self._new_uuid(), doc.id, self._annotator, span, label)
        edit = rules.tag_entity_edit(existing, entity)
        if existing is not None:
            if edit.changes:
                self.push(edit, self.tr("Relabel as {0}").format(label))
            self.select(existing.uuid)
            return existing.uuid
        if not self.push(edit, self.tr("Tag {0}").format(label)):
            return None
        self.select(entity.uuid)
        return entity.uuid

    def relabel(self, uuid: str, label: str) -> bool:
        """Change an entity's label, a quote's kind or a stance's polarity."""
        before = self._annotations.get(uuid)
        if before is None or label not in self.store.schema.labels_of(before.layer):
            return False
        edit = rules.relabel_edit(before, label)
        return self.push(edit, self.tr("Relabel as {0}").format(label))

    def update(self, after: Annotation, text: str | None = None) -> bool:
        """Replace an annotation by a changed version of it (same uuid)."""
        before = self._annotations.get(after.uuid)
        if before is None or before == after:
            return False
        return self.push(Edit((Change(before, after),)), text or self.tr("Edit annotation"))

    def delete(self, uuid: str) -> bool:
        """Delete an annotation; quotes and stances pointing at it keep its span."""
        # Quotes and stances anywhere in the document may point at it.
        try:
            self.finish_loading()
        except CorpusError as exc:
            self._release_gc()
            self.report_error(str(exc))
            return False
        target = self._annotations.get(uuid)
        if target is None:
            return False
        edit = rules.delete_edit(target, self._annotations.values())
        return self.push(edit, self.tr("Delete annotation"))

    def add_quote(
        self,
        content: Span,
        kind: str,
        speaker: Span | Ref | None = None,
        cue: Span | None = None,
    ) -> str | None:
        """Store a quote; returns its uuid."""
        doc = self._document
        if doc is None:
            return None
        quote = Quote(self._new_uuid(), doc.id, self._annotator, content, kind, cue, speaker)
        if not self.push(Edit((Change(None, quote),)), self.tr("Add quote")):
            return None
        self.select(quote.uuid)
        return quote.uuid

    def add_stance(
        self,
        holder: Span | Ref,
        target: Span | Ref | Topic,
        polarity: str,
        evidence: tuple[Span, ...] = (),
    ) -> str | None:
        """Store a stance; returns its uuid."""
        doc = self._document
        if doc is None:
            return None
        stance = Stance(
            self._new_uuid(),
            doc.id,
            self._annotator,
            holder,
            target,
            polarity,
            evidence,
        )
        if not self.push(Edit((Change(None, stance),)), self.tr("Add stance")):
            return None
        self.select(stance.uuid)
        return stance.uuid

    # ------------------------------------------------------------------ other windows

    def watch_store(self, interval_ms: int = WATCH_INTERVAL_MS) -> None:
        """Notice what other windows and processes change in the database.

        SQLite's ``data_version`` is polled (one cheap PRAGMA); when it moves, the
        event log since the last look says which annotations of the open document
        changed, and only those are read again.
        """
        self._data_version = self.store.data_version()
        self._watch.start(interval_ms)

    def stop_watching(self) -> None:
        """Stop noticing others' changes (until :meth:`watch_store`)."""
        self._watch.stop()

    @Slot()
    def on_watch_timeout(self) -> None:
        """Take in others' changes, if the database changed since the last look."""
        try:
            version = self.store.data_version()
        except sqlite3.ProgrammingError:
            self._watch.stop()  # the store was closed (the application is ending)
            return
        if version != self._data_version:
            self._data_version = version
            self._sync_pending = True
            self.store_changed.emit()
        # While a document loads, its slices read the store as it is by then.
        if self._sync_pending and self._announced:
            try:
                self.sync_with_store()
            except CorpusError as exc:
                self.report_error(str(exc))

    def sync_with_store(self) -> int:
        """Bring the open document's annotations and status up to date with the
        store; returns how many annotations changed. Selection and undo history
        stay (an undo that no longer fits is refused, saying why)."""
        self._sync_pending = False
        doc = self._document
        if doc is None:
            return 0
        events = self.store.events(doc.id, after_id=self._seen_event)
        if not events:
            return 0
        self._seen_event = events[-1].id
        mine = [e for e in events if e.annotator == self._annotator]
        touched = dict.fromkeys(e.key for e in mine if e.action != "status")
        changes: list[Change] = []
        for uid in touched:
            try:
                stored: Annotation | None = self.store.annotation(uid)
            except NotFoundError:
                stored = None
            known = self._annotations.get(uid)
            if known != stored:
                changes.append(Change(known, stored))
        if changes:
            self._take(Edit(tuple(changes)))
        elif any(e.action == "status" for e in mine):
            self._reread_status()
        return len(changes)

    def describe_conflict(self, edit: Edit) -> str:
        """Say in words what another window did to the annotations ``edit`` expected
        as they were (for a refused, stale edit)."""
        for change in edit.changes:
            try:
                stored: Annotation | None = self.store.annotation(change.uuid)
            except NotFoundError:
                stored = None
            expected = change.before
            if _same_content(stored, expected):
                continue
            what = self._what(expected or stored)
            if stored is None:
                return self.tr("Not changed: {0} was deleted in another window.").format(what)
            if expected is None:
                return self.tr("Not changed: {0} was added in another window.").format(what)
            if label_of(stored) != label_of(expected):
                return self.tr("Not changed: {0} was relabelled to {1} in another window.").format(
                    what, label_of(stored)
                )
            return self.tr("Not changed: {0} was changed in another window.").format(what)
        return self.tr("Not changed: another window changed this annotation meanwhile.")

    def _what(self, ann: Annotation | None) -> str:
        """Names an annotation in a message: its kind, and its words isolated (FSI…PDI)
        so that Arabic reads right inside an English sentence."""
        if ann is None:
            return self.tr("this annotation")
        span: Span | None = None
        if isinstance(ann, Entity):
            span = ann.span
        elif isinstance(ann, Quote):
            span = ann.content
        elif ann.evidence:
            span = ann.evidence[0]
        noun = {
            "entity": self.tr("this entity"),
            "quote": self.tr("this quote"),
            "stance": self.tr("this stance"),
        }[ann.layer]
        doc = self._document
        if span is None or doc is None:
            return noun
        return f"{noun} (\u2068{snippet(doc.text, span, 32)}\u2069)"


def _same_content(a: Annotation | None, b: Annotation | None) -> bool:
    """Equal but for the store's timestamps."""
    if a is None or b is None:
        return a is b
    return replace(a, created_at="", updated_at="") == replace(b, created_at="", updated_at="")
