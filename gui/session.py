"""The annotation session: store, annotator, open document and its undo history."""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoGroup, QUndoStack

from corpus.arabic import snap_to_graphemes, snap_to_word
from corpus.errors import CorpusError
from corpus.model import (
    Annotation,
    Arg,
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
from corpus.store import Store
from gui.allocation import without_cyclic_gc
from gui.undo import EditCommand

Snapper = Callable[[str, int, int], tuple[int, int]]


def _without_ref(ann: Annotation, uuid: str, span: Span) -> Annotation:
    """``ann`` with every reference to entity ``uuid`` replaced by its span."""

    def swap(arg: Arg | None) -> Arg | None:
        return span if isinstance(arg, Ref) and arg.uuid == uuid else arg

    if isinstance(ann, Quote):
        speaker = swap(ann.speaker)
        assert not isinstance(speaker, Topic)
        return replace(ann, speaker=speaker)
    if isinstance(ann, Stance):
        holder, target = swap(ann.holder), swap(ann.target)
        assert isinstance(holder, Span | Ref)
        assert target is not None
        return replace(ann, holder=holder, target=target)
    return ann


def refers_to(ann: Annotation, uuid: str) -> bool:
    """Whether a quote or stance points at entity ``uuid``."""
    if isinstance(ann, Quote):
        return isinstance(ann.speaker, Ref) and ann.speaker.uuid == uuid
    if isinstance(ann, Stance):
        return any(
            isinstance(a, Ref) and a.uuid == uuid for a in (ann.holder, ann.target)
        )
    return False


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

    Signals:
        document_opened(int): a document became current (its id).
        annotations_changed(object): an ``Edit`` was applied to the current document.
        annotation_selected(str): the selected annotation's uuid, "" for none.
        status_changed(int, str): a document's status for the annotator changed.
        annotator_changed(str): the annotator's name changed.
        error_reported(str): a message the user should see.
    """

    document_opened = Signal(int)
    annotations_changed = Signal(object)
    annotation_selected = Signal(str)
    status_changed = Signal(int, str)
    annotator_changed = Signal(str)
    error_reported = Signal(str)

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
        # Entity by exact span: tagging the same words twice relabels instead.
        self._entity_spans: dict[Span, str] = {}
        self._selected = ""
        self._status = "todo"
        self._pushed_ok = False
        self.set_annotator(annotator)

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

    def annotations(self) -> list[Annotation]:
        """The open document's annotations by this annotator, entities first."""
        return list(self._annotations.values())

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
        self.store.add_annotator(clean)
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
            return self._open_document(doc_id)

    def _open_document(self, doc_id: int) -> bool:
        try:
            document = self.store.document(doc_id)
            annotations = self.store.annotations(doc_id, self._annotator)
        except CorpusError as exc:
            self.report_error(str(exc))
            return False
        self._document = document
        self._annotations = {a.uuid: a for a in annotations}
        self._entity_spans = {
            a.span: a.uuid for a in annotations if isinstance(a, Entity)
        }
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

    def status(self) -> str:
        """The annotator's status of the open document."""
        return self._status

    def set_status(self, status: str, doc_id: int | None = None) -> bool:
        """Set the annotator's status of a document (the open one by default)."""
        target = (
            doc_id
            if doc_id is not None
            else (self._document.id if self._document else None)
        )
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

        A base letter is never split from its harakat, even when exact. None when
        nothing but spaces or punctuation is selected.
        """
        if self._document is None:
            return None
        text = self._document.text
        if not exact:
            start, end = self.snapper(text, start, end)
        start, end = snap_to_graphemes(text, start, end)
        if start >= end or not text[start:end].strip():
            return None
        return Span(start, end)

    def entity_with_span(self, span: Span) -> Entity | None:
        """This annotator's entity of exactly ``span``, if there is one."""
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
        applied = self.store.apply(edit)
        self._pushed_ok = True
        doc = self._document
        touched = False
        for change in applied.changes:
            ann = change.after or change.before
            if doc is None or ann is None or ann.document_id != doc.id:
                continue
            if ann.annotator != self._annotator:
                continue
            touched = True
            before = change.before
            if (
                isinstance(before, Entity)
                and self._entity_spans.get(before.span) == change.uuid
            ):
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
            status = self.store.status(doc.id, self._annotator)
            if status != self._status:
                self._status = status
                self.status_changed.emit(doc.id, status)
        return applied

    def _new_uuid(self) -> str:
        return str(uuidlib.uuid4())

    def tag_entity(
        self, start: int, end: int, label: str, exact: bool = False
    ) -> str | None:
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
        if existing is not None:
            if existing.label != label:
                self.relabel(existing.uuid, label)
            self.select(existing.uuid)
            return existing.uuid
        entity = Entity(self._new_uuid(), doc.id, self._annotator, span, label)
        if not self.push(
            Edit((Change(None, entity),)), self.tr("Tag {0}").format(label)
        ):
            return None
        self.select(entity.uuid)
        return entity.uuid

    def relabel(self, uuid: str, label: str) -> bool:
        """Change an entity's label, a quote's kind or a stance's polarity."""
        before = self._annotations.get(uuid)
        if before is None:
            return False
        if isinstance(before, Entity):
            if label not in self.store.schema.entity_labels or before.label == label:
                return False
            after: Annotation = replace(before, label=label)
        elif isinstance(before, Quote):
            if label not in self.store.schema.quote_kind_labels or before.kind == label:
                return False
            after = replace(before, kind=label)
        else:
            if (
                label not in self.store.schema.polarity_labels
                or before.polarity == label
            ):
                return False
            after = replace(before, polarity=label)
        return self.push(
            Edit((Change(before, after),)), self.tr("Relabel as {0}").format(label)
        )

    def update(self, after: Annotation, text: str | None = None) -> bool:
        """Replace an annotation by a changed version of it (same uuid)."""
        before = self._annotations.get(after.uuid)
        if before is None or before == after:
            return False
        return self.push(
            Edit((Change(before, after),)), text or self.tr("Edit annotation")
        )

    def delete(self, uuid: str) -> bool:
        """Delete an annotation; quotes and stances pointing at it keep its span."""
        target = self._annotations.get(uuid)
        if target is None:
            return False
        changes: list[Change] = []
        if isinstance(target, Entity):
            for ann in self._annotations.values():
                if refers_to(ann, uuid):
                    changes.append(Change(ann, _without_ref(ann, uuid, target.span)))
        changes.append(Change(target, None))
        return self.push(Edit(tuple(changes)), self.tr("Delete annotation"))

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
        quote = Quote(
            self._new_uuid(), doc.id, self._annotator, content, kind, cue, speaker
        )
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
