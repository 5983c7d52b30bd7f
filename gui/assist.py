"""The window's Arabic assistance: clitic-aware snapping and the suggestion keys.

The recommenders and every rule are the core's (``corpus.clitics``, ``corpus.suggest``);
suggestions are stored and accepted through ``corpus.store.Store``. This module wires
them to the article: what the keys do, when propagation runs, which work goes to a
background :class:`gui.worker.StoreTask`.

Keys (article): W toggles the selection between the whole word and its stem; F8 and
Shift+F8 go to the next and previous suggestion; Enter accepts the one under the caret,
Backspace rejects it; Shift+Enter accepts every suggestion of its source scoring at
least the threshold; Ctrl+Shift+A ("Annotate all") accepts every propagated one.
"""

from __future__ import annotations

import bisect
import time
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtGui import QAction, QUndoCommand
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QWidget,
)
from typing_extensions import override

from corpus.clitics import Vocabulary
from corpus.errors import CorpusError
from corpus.model import Change, Edit, Entity, Quote, Span
from corpus.suggest.model import SOURCES, Suggestion
from gui.allocation import hold_cyclic_gc, release_cyclic_gc
from gui.labels import display_name
from gui.marks import ROLE_ENTITY
from gui.suggestions import StemSnapper

if TYPE_CHECKING:
    from corpus.store import Store
    from corpus.suggest import FirstLook
    from corpus.suggest.crf import CrfRecommender
    from gui.session import AnnotationSession
    from gui.window import MainWindow

# Accept-all keeps suggestions scoring at least this much unless the user sets another.
DEFAULT_THRESHOLD = 0.7
# The CRF is trained (again) after this many new entities of the annotator.
RETRAIN_EVERY = 25
# Propagation runs on the GUI thread while it stays under this (seconds); a document
# where it took longer propagates in a background task (on a database file).
PROPAGATION_BUDGET = 0.05
# Documents this long (code points) get their word index and vocabulary built in a
# thread once loaded, so that the first entity tagged does not pay for them.
WARM_UP_CHARS = 20_000
# An edit touching more entities than this (Annotate all, its undo) propagates over the
# whole document at once; a smaller one only the names it touched (propagate_edit).
INCREMENTAL_LIMIT = 40


class WarmUp(QThread):
    """Builds propagation's word index of a long text off the GUI thread.

    The cyclic collector is paused while it runs, as for every worker (see
    ``gui.worker.StoreTask.start``): a collection in this thread could destroy Qt
    objects outside the GUI thread.
    """

    def __init__(self, text: str, parent: QObject | None = None) -> None:
        """Prepare to index ``text``."""
        super().__init__(parent)
        self.text = text
        # The document's words for the snapper, once run (read in the GUI thread after
        # ``finished``).
        self.vocabulary: Vocabulary | None = None
        self._holding = False
        self.finished.connect(self.release_gc)

    @override
    def start(self, priority: QThread.Priority = QThread.Priority.LowPriority) -> None:
        """Start indexing, with the collector paused until it ends."""
        if not self._holding:
            hold_cyclic_gc()
            self._holding = True
        super().start(priority)

    def release_gc(self) -> None:
        """End the pause (once, in the GUI thread)."""
        if self._holding:
            self._holding = False
            release_cyclic_gc()

    @override
    def run(self) -> None:
        from corpus.suggest.propagate import word_index

        word_index(self.text)
        self.vocabulary = Vocabulary.from_texts([self.text])


class RejectCommand(QUndoCommand):
    """Backspace on a suggestion: rejected on redo, open again on undo.

    The undo stack belongs to the session, which outlives a window rebuilt for
    another language: the command holds the session and the assistant weakly, and
    when the assistant is gone the store still changes (the new window reads it).
    """

    def __init__(self, assistant: Assistant, suggestion: Suggestion, text: str) -> None:
        """Reject ``suggestion`` (stored, with an id) when pushed."""
        super().__init__(text)
        self._assistant = weakref.ref(assistant)
        self._session = weakref.ref(assistant.session)
        self._suggestion = suggestion

    def _set(self, rejected: bool) -> None:
        sug, session = self._suggestion, self._session()
        if session is None or sug.id is None:
            return
        try:
            if rejected:
                session.store.reject_suggestion(sug.id, session.annotator)
            else:
                session.store.reopen_suggestion(sug.id, session.annotator)
        except CorpusError as exc:
            session.report_error(str(exc))
        assistant = self._assistant()
        doc = session.document
        if assistant is not None and doc is not None and doc.id == sug.document_id:
            if rejected:
                assistant.redraw([sug], [])
            else:
                assistant.redraw([sug], [replace(sug, state="open")])

    @override
    def redo(self) -> None:
        self._set(rejected=True)

    @override
    def undo(self) -> None:
        self._set(rejected=False)


class AcceptAllDialog(QDialog):
    """Accept every suggestion of one source above a threshold."""

    def __init__(
        self, sources: Sequence[str], source: str, threshold: float, parent: QWidget | None = None
    ) -> None:
        """Offer ``sources`` (``source`` chosen) and ``threshold``."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Accept suggestions"))
        self.source = QComboBox()
        self.source.addItems(list(sources))
        if source in sources:
            self.source.setCurrentText(source)
        self.threshold = QDoubleSpinBox()
        self.threshold.setRange(0.0, 1.0)
        self.threshold.setSingleStep(0.05)
        self.threshold.setDecimals(2)
        self.threshold.setValue(threshold)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(QLabel(self.tr("Accept every open suggestion of this document")))
        layout.addRow(self.tr("Source:"), self.source)
        layout.addRow(self.tr("Lowest score:"), self.threshold)
        layout.addRow(buttons)


class Assistant(QObject):
    """Snapping, suggestions and recommenders for one main window.

    Attributes:
        snapper: the session's snapper (whole words without proclitics).
        threshold: the lowest score Shift+Enter accepts.
        last_propagation_seconds: how long the last in-document propagation took
            (the recommender, storing its suggestions and reading them back).
        crf: the CRF recommender once trained (None before).

    Signals:
        suggestions_shown(int): the open document's suggestions were drawn (how many).
        crf_trained(str): a CRF finished training; its one-line report.
    """

    suggestions_shown = Signal(int)
    crf_trained = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        """Assist ``window`` (its session, article and status bar)."""
        super().__init__(window)
        # Weak: the window owns this object; a strong reference back would keep a
        # closed window's Python wrapper alive after Qt deleted it.
        self._window = weakref.ref(window)
        self.session: AnnotationSession = window.session
        self.snapper = StemSnapper()
        self.session.snapper = self.snapper
        window.article.mouse_snapper = self.session.snap
        self.threshold = DEFAULT_THRESHOLD
        self.last_propagation_seconds = 0.0
        self.crf: CrfRecommender | None = None
        self._training = False
        self._created_since_training = 0
        # The gazetteer and the quote rules for documents new to the annotator; the
        # gazetteer is learned again after RETRAIN_EVERY new entities.
        self._first_look: FirstLook | None = None
        self._first_look_for = ""
        self._created_since_first_look = 0
        # Documents whose propagation took longer than the budget on the GUI thread.
        self._slow: set[int] = set()
        self._warm_ups: list[WarmUp] = []
        # Entity edits made while the document loaded, propagated once it is in.
        self._pending: list[Change] = []
        # Set when the window closes (see close).
        self.closed = False
        # Annotation uuid -> id of the suggestion accepted as it (undo reopens it).
        self._accepted: dict[str, int] = {}
        # A long document's suggestions come in slices: shown once all are in.
        window.article.suggestions_loaded.connect(self.suggestions_shown)
        self.crf_label = QLabel()
        window.statusBar().addPermanentWidget(self.crf_label)

    def session_links(self) -> list[tuple[Any, Callable[..., None]]]:
        """The session signals this assistant follows (the window connects them and
        drops them on detach)."""
        return [
            (self.session.document_opened, self.on_session_document_opened),
            (self.session.annotations_changed, self.on_session_annotations_changed),
            (self.session.annotations_loaded, self.on_session_annotations_loaded),
        ]

    @property
    def window(self) -> MainWindow:
        """The window assisted."""
        window = self._window()
        if window is None:
            raise RuntimeError("the assisted window is gone")
        return window

    @property
    def store(self) -> Store:
        """The window's store."""
        return self.session.store

    def _say(self, message: str, ms: int = 6000) -> None:
        self.window.statusBar().showMessage(message, ms)

    # ------------------------------------------------------------------ actions

    def build_actions(self) -> None:
        """The Suggest menu and the assistance keys."""
        window = self.window
        article = window.article
        menu = window.menuBar().addMenu(self.tr("S&uggest"))
        self.toggle_stem_action = window._action(
            self.tr("Word or stem"),
            ["W"],
            self.toggle_stem,
            widget=article,
            help_text=self.tr(
                "Switch the selection between the whole word and the word without its "
                "proclitics (وبوتين ↔ بوتين)"
            ),
        )
        menu.addAction(self.toggle_stem_action)
        menu.addSeparator()
        self.next_action = window._action(
            self.tr("Next suggestion"),
            ["F8"],
            lambda: self.step(forward=True),
            help_text=self.tr("Select the next suggestion (dashed outline) in the article"),
        )
        self.previous_action = window._action(
            self.tr("Previous suggestion"),
            ["Shift+F8"],
            lambda: self.step(forward=False),
            help_text=self.tr("Select the previous suggestion"),
        )
        menu.addAction(self.next_action)
        menu.addAction(self.previous_action)
        window.shortcuts.add(
            "Enter", self.tr("Accept the suggestion under the caret (outside a quote/stance)")
        )
        window.shortcuts.add(
            "Backspace",
            self.tr("Reject the suggestion under the caret (no annotation selected)"),
        )
        self.accept_source_action = window._action(
            self.tr("Accept this source above the threshold"),
            ["Shift+Return", "Shift+Enter"],
            self.accept_source_at_caret,
            widget=article,
            help_text=self.tr(
                "Accept every suggestion of the source of the one under the caret that "
                "scores at least the threshold"
            ),
        )
        menu.addAction(self.accept_source_action)
        self.accept_all_action = window._action(
            self.tr("Accept suggestions…"), [], self.on_accept_all_triggered
        )
        menu.addAction(self.accept_all_action)
        self.annotate_all_action = window._action(
            self.tr("Annotate all"),
            ["Ctrl+Shift+A"],
            self.annotate_all,
            help_text=self.tr("Accept every propagated suggestion of this document"),
        )
        menu.addAction(self.annotate_all_action)
        menu.addSeparator()
        self.quotes_action = window._action(
            self.tr("Suggest quotes"), [], self.suggest_quotes_for_document
        )
        menu.addAction(self.quotes_action)
        self.gazetteer_action = window._action(
            self.tr("Suggest names from the gazetteer"), [], self.suggest_from_gazetteer
        )
        menu.addAction(self.gazetteer_action)
        self.new_documents_action = QAction(
            self.tr("Suggest in new documents (gazetteer and quotes)"), window, checkable=True
        )
        self.new_documents_action.setChecked(window.prefs.suggest_in_new_documents)
        self.new_documents_action.toggled.connect(self.on_new_documents_toggled)
        menu.addAction(self.new_documents_action)
        self.propagate_corpus_action = window._action(
            self.tr("Propagate over the whole corpus"), [], self.propagate_corpus
        )
        menu.addAction(self.propagate_corpus_action)
        self.train_action = window._action(self.tr("Train the CRF now"), [], self.train_crf)
        menu.addAction(self.train_action)
        self.camel_action = window._action(
            self.tr("camel-tools NER on this document"), [], self.run_camel_ner
        )
        menu.addAction(self.camel_action)

    # ------------------------------------------------------------------ showing

    @Slot(int)
    def on_session_document_opened(self, doc_id: int) -> None:
        """Draw the stored suggestions of the newly opened document; a useful CRF
        suggests in it (in the background)."""
        self._pending = []  # the previous document's
        self.show_suggestions()
        self._look_first(doc_id)
        crf = self.crf
        if crf is None or not crf.useful or self._training or self.store.path == ":memory:":
            return
        annotator = self.session.annotator

        def job(store: Store, report: Callable[[int, str], None]) -> object:
            text = store.document(doc_id).text
            found = crf.suggest(doc_id, annotator, text)
            return store.add_suggestions(doc_id, annotator, found, replacing=("crf",))

        self._start(job, self.on_document_suggested)

    def _look_first(self, doc_id: int) -> None:
        """A document new to the annotator gets the gazetteer's names and the quote
        rules' quotes, in the background (corpus.suggest.FirstLook), unless switched off."""
        from corpus.suggest import FirstLook

        if (
            not self.window.prefs.suggest_in_new_documents
            or self.store.path == ":memory:"
            or self.closed
        ):
            return
        annotator = self.session.annotator
        look = self._first_look
        if (
            look is None
            or self._first_look_for != annotator
            or self._created_since_first_look >= RETRAIN_EVERY
        ):
            look = self._first_look = FirstLook(annotator)
            self._first_look_for = annotator
            self._created_since_first_look = 0
        try:
            if not look.wants(self.store, doc_id):
                return
        except CorpusError:
            return

        def job(store: Store, report: Callable[[int, str], None]) -> object:
            return look.run(store, doc_id)

        def looked(result: object) -> None:
            doc = self.session.document
            if doc is not None and doc.id == doc_id:
                self.show_suggestions()

        self._start(job, looked)

    @Slot(bool)
    def on_new_documents_toggled(self, on: bool) -> None:
        """Suggest → Suggest in new documents."""
        self.window.prefs.suggest_in_new_documents = on
        doc = self.session.document
        if on and doc is not None:
            self._look_first(doc.id)

    @Slot(object)
    def on_document_suggested(self, count: object) -> None:
        """A recommender stored suggestions for the open document: draw them."""
        self.show_suggestions()

    @Slot(int)
    def on_session_annotations_loaded(self, doc_id: int) -> None:
        """Every annotation is in: a long document gets its word index built in the
        background; the edits made meanwhile propagate once that is done."""
        doc = self.session.document
        if doc is None or len(doc.text) < WARM_UP_CHARS:
            self._run_pending()
            return
        warm = WarmUp(doc.text, self)
        warm.finished.connect(self.on_warm_up_finished)
        self._warm_ups.append(warm)
        warm.start()

    @Slot()
    def on_warm_up_finished(self) -> None:
        """Give the snapper the vocabulary built; forget the finished warm-ups."""
        for warm in self._warm_ups:
            if warm.isFinished() and warm.vocabulary is not None:
                self.snapper.adopt(warm.text, warm.vocabulary)
                warm.vocabulary = None
        self._warm_ups = [w for w in self._warm_ups if w.isRunning()]
        if not self._warm_ups:
            self._run_pending()

    def _run_pending(self) -> None:
        """Propagate the entity edits made while the document was loading."""
        changes, self._pending = self._pending, []
        if not changes or self.closed or self.session.document is None:
            return
        if not self.session.loaded:
            self._pending = changes  # a new slice came in: wait for the rest
            return
        if len(changes) > INCREMENTAL_LIMIT:
            self.propagate_document()
        else:
            self.propagate_edit(changes)

    def wait(self) -> None:
        """Let background indexing finish (the window closes)."""
        for warm in self._warm_ups:
            warm.wait()
            warm.release_gc()
        self.on_warm_up_finished()

    def show_suggestions(self) -> list[Suggestion]:
        """Read the open document's open suggestions and draw them: at once when they
        are few; else those of the screen at once and the rest in slices on the event
        loop (``ArticleViewWidget.load_suggestions``), ``suggestions_shown`` once all
        are in. Returns those drawn now."""
        doc = self.session.document
        if doc is None:
            return []
        store, doc_id, annotator = self.store, doc.id, self.session.annotator
        article = self.window.article

        def read(start: int, end: int | None, limit: int | None) -> list[Suggestion]:
            return store.suggestions(doc_id, annotator, start=start, end=end, limit=limit)

        try:
            complete = article.load_suggestions(read)
        except CorpusError as exc:
            self._say(str(exc))
            article.set_suggestions([])
            complete = True
        if complete:
            self.suggestions_shown.emit(len(article.suggestions))
        return article.suggestions.items

    # ------------------------------------------------------------------ snapping

    def toggle_stem(self) -> None:
        """W: the selection becomes the whole word, or the word without its proclitics."""
        doc = self.session.document
        article = self.window.article
        selected = article.selected_range()
        if doc is None or selected is None:
            self._say(self.tr("Select a word first."))
            return
        text = doc.text
        word = self.snapper.word(text, *selected)
        stem = self.snapper.stem(text, *word)
        if stem == word:
            self._say(self.tr("This word has no proclitic to leave out."))
            target = word
        else:
            target = word if selected == stem else stem
        article.select_range(*target)
        article.mark_selection_exact()

    # ------------------------------------------------------------------ keys

    def accept_at_caret(self) -> bool:
        """Enter: accept the suggestion under the caret (one undoable step)."""
        sug = self.window.article.suggestion_at_caret()
        if sug is None or sug.id is None:
            self._say(self.tr("No suggestion under the caret (F8 goes to the next one)."))
            return False
        try:
            edit = self.store.acceptance_edit(sug.id, self.session.annotator)
        except CorpusError as exc:
            self._say(str(exc))
            self.show_suggestions()
            return False
        if not self._push(edit, self.tr("Accept suggestion")):
            return False
        self._go_on_after(sug)
        return True

    def reject_at_caret(self) -> bool:
        """Backspace: reject the suggestion under the caret (remembered; undoable)."""
        sug = self.window.article.suggestion_at_caret()
        stack = self.session.undo_stack()
        if sug is None or sug.id is None or stack is None:
            return False
        stack.push(RejectCommand(self, sug, self.tr("Reject suggestion")))
        self._go_on_after(sug)
        return True

    def _go_on_after(self, done: Suggestion) -> None:
        """After an accept or a reject, the next suggestion is selected: Enter again
        takes it too."""
        article = self.window.article
        following = article.suggestions.after(done.start - 1)
        if following is None:
            article.clear_text_selection()
            self._say(self.tr("No suggestions left in this document."))
            return
        self._select(following)

    def step(self, forward: bool) -> Suggestion | None:
        """F8 / Shift+F8: select the next (previous) suggestion after the caret."""
        article = self.window.article
        layer = article.suggestions
        if not len(layer) or self.session.document is None:
            self._say(self.tr("No suggestions in this document."))
            return None
        index = article.index
        assert index is not None
        selected = article.selected_range()
        here = (
            selected[0] if selected else index.offsets.to_codepoint(article.textCursor().position())
        )
        # Forward from a selected suggestion goes on to the next one; from a bare
        # caret, one starting right there comes first.
        found = layer.after(here if selected else here - 1) if forward else layer.before(here)
        if found is None:
            return None
        self._select(found)
        return found

    def _select(self, sug: Suggestion) -> None:
        article = self.window.article
        self.session.select("")
        article.select_range(sug.start, sug.end)
        article.mark_selection_exact()
        article.centerCursor()
        items = article.suggestions.items
        number = next((i for i, s in enumerate(items) if s.id == sug.id), 0) + 1
        self._say(
            self.tr(
                "Suggestion {0} of {1}: {2} ({3}, score {4:.2f}) — Enter accepts, Backspace rejects"
            ).format(
                number, len(items), self.label_name(sug), self.source_name(sug.source), sug.score
            )
        )

    def label_name(self, sug: Suggestion) -> str:
        """The suggestion's label as the interface names it (Person, شخص)."""
        schema = self.store.schema
        defs = schema.entities if sug.layer == "entity" else schema.quote_kinds
        return display_name(defs, sug.label, self.window.language == "ar")

    def source_name(self, source: str) -> str:
        """A suggestion source as the interface names it."""
        names = {
            "propagate": self.tr("propagation"),
            "gazetteer": self.tr("gazetteer"),
            "quotes": self.tr("quote rules"),
            "crf": self.tr("CRF"),
            "camel-ner": self.tr("camel-tools NER"),
        }
        return names.get(source, source)

    def accept_source_at_caret(self) -> None:
        """Shift+Enter: every suggestion of this one's source above the threshold."""
        sug = self.window.article.suggestion_at_caret()
        if sug is None:
            self._say(self.tr("No suggestion under the caret (F8 goes to the next one)."))
            return
        self.accept_all(sug.source, self.threshold)

    def accept_all(self, source: str, min_score: float) -> int:
        """Accept, as one undoable step, the open suggestions of ``source`` scoring at
        least ``min_score``; returns how many became annotations."""
        doc = self.session.document
        if doc is None:
            return 0
        try:
            edit = self.store.acceptance_edits(doc.id, self.session.annotator, source, min_score)
        except CorpusError as exc:
            self._say(str(exc))
            return 0
        if not edit.changes:
            self._say(
                self.tr("No {0} suggestion scores {1:.2f} or more.").format(source, min_score)
            )
            return 0
        count = len(edit.changes)
        if not self._push(edit, self.tr("Accept {0} suggestions").format(count)):
            return 0
        self.window.article.clear_text_selection()
        self._say(self.tr("{0} suggestions accepted (Ctrl+Z undoes them).").format(count))
        return count

    def annotate_all(self) -> int:
        """Ctrl+Shift+A: every propagated suggestion of the document."""
        return self.accept_all("propagate", 0.0)

    @Slot()
    def on_accept_all_triggered(self) -> None:
        """Suggest → Accept suggestions…: choose a source and a threshold."""
        layer = self.window.article.suggestions
        sources = layer.sources() or list(SOURCES)
        here = self.window.article.suggestion_at_caret()
        dialog = AcceptAllDialog(
            sources, here.source if here else sources[0], self.threshold, self.window
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.threshold = dialog.threshold.value()
        self.accept_all(dialog.source.currentText(), self.threshold)

    def _push(self, edit: Edit, text: str) -> bool:
        if not self.session.push(edit, text):
            self.show_suggestions()
            return False
        return True

    # ------------------------------------------------------------------ propagation

    @Slot(object)
    def on_session_annotations_changed(self, edit: Edit) -> None:
        """An annotation was made, changed or removed: an accepted suggestion leaves the
        layer (its undo brings it back); an entity edit propagates the names it touched
        over the document, and counts towards the CRF's next training."""
        touched = [
            c for c in edit.changes if isinstance(c.after, Entity) or isinstance(c.before, Entity)
        ]
        for change in touched:
            if isinstance(change.after, Entity) and change.before is None:
                doc = self.session.document
                if doc is not None:
                    span = change.after.span
                    self.snapper.add_entity(doc.text[span.start : span.end])
                self._created_since_training += 1
                self._created_since_first_look += 1
        dropping, adding = self._follow_acceptances(edit)
        if touched and (not self.session.loaded or self._warm_ups):
            # The document is still coming in (or being indexed): its mentions' entities
            # are not all in hand yet. Propagated once it is (see _run_pending).
            self._pending.extend(touched)
            self.redraw(dropping.values(), adding)
        elif len(touched) > INCREMENTAL_LIMIT:
            self.propagate_document()
        elif touched:
            self.propagate_edit(touched, dropping, adding)
        else:
            self.redraw(dropping.values(), adding)
        if self._created_since_training >= RETRAIN_EVERY and self.store.path != ":memory:":
            self.train_crf()

    def _follow_acceptances(self, edit: Edit) -> tuple[dict[int, Suggestion], list[Suggestion]]:
        """What the edit does to the layer itself: a suggestion whose annotation it made
        was accepted (out), one whose annotation it removed is open again (in)."""
        layer = self.window.article.suggestions
        made = {c.uuid for c in edit.changes if c.after is not None and c.before is None}
        removed = [c.uuid for c in edit.changes if c.after is None]
        dropping: dict[int, Suggestion] = {}
        for change in edit.changes if made and len(layer) else ():
            after = change.after
            if change.before is not None or not isinstance(after, Entity | Quote):
                continue
            # An accepted suggestion's annotation has its span (a quote, its content).
            span = after.span if isinstance(after, Entity) else after.content
            for sug in layer.between(span.start, span.end):
                if sug.proposal.uuid in made and sug.id is not None:
                    dropping[sug.id] = sug
                    self._accepted[sug.proposal.uuid] = sug.id
        adding: list[Suggestion] = []
        for uid in removed:
            sid = self._accepted.pop(uid, None)
            if sid is None:
                continue
            try:
                again = self.store.suggestion(sid)
            except CorpusError:
                continue
            if again.state == "open":
                adding.append(again)
        return dropping, adding

    def redraw(self, dropping: Iterable[Suggestion], adding: Sequence[Suggestion]) -> None:
        """Redraw the suggestions an edit changed (the rest stay as drawn)."""
        article = self.window.article
        article.update_suggestions(dropping, adding)
        self.suggestions_shown.emit(len(article.suggestions))

    def propagate_edit(
        self,
        changes: Sequence[Change],
        dropping: dict[int, Suggestion] | None = None,
        adding: Sequence[Suggestion] = (),
    ) -> int:
        """Propagate the names ``changes`` touched, and only those: each one's mentions
        get suggestions again from the annotator's entities of that name (its label,
        most common first), the rest of the layer stays. What propagating the whole
        document would give for those mentions, at the cost of their number. Returns
        how many suggestions are drawn."""
        from corpus.suggest.propagate import propagate, word_index

        doc = self.session.document
        if doc is None:
            return 0
        started = time.perf_counter()
        text, annotator, doc_id = doc.text, self.session.annotator, doc.id
        article = self.window.article
        layer = article.suggestions
        marks = article.index
        index = word_index(text)
        vocabulary = self.snapper.vocabulary(text)
        dropping = dict(dropping or {})
        probes: dict[tuple[str, ...], Entity] = {}
        edited: list[Span] = []
        for change in changes:
            for ann in (change.before, change.after):
                if isinstance(ann, Entity):
                    key = index.key_of(ann.span.start, ann.span.end)
                    if key is not None:
                        probes.setdefault(key, ann)
            if isinstance(change.after, Entity):
                edited.append(change.after.span)

        def propagated_between(start: int, end: int) -> list[Suggestion]:
            return [
                s
                for s in layer.between(start, end)
                if s.source == "propagate" and s.id is not None and s.id not in dropping
            ]

        def overlaps_entity(start: int, end: int) -> bool:
            if marks is None:
                return False
            return any(m.role == ROLE_ENTITY for m in marks.marks_between(start, end))

        # Propagation suggests nothing over an entity: what now covers one goes.
        for span in edited:
            dropping.update((s.id, s) for s in propagated_between(span.start, span.end) if s.id)
        found: list[Suggestion] = []
        for probe in probes.values():
            # Every mention of the name (the probe's own span is one).
            mentions = {(s.start, s.end) for s in propagate(doc_id, annotator, text, [probe])}
            mentions.add((probe.span.start, probe.span.end))
            entities: dict[str, Entity] = {}
            for start, end in mentions:
                for old in propagated_between(start, end):
                    if (old.start, old.end) == (start, end) and old.id is not None:
                        dropping[old.id] = old
                entity = self.session.entity_with_span(Span(start, end))
                if entity is not None:
                    entities[entity.uuid] = entity
            if entities:
                found += propagate(doc_id, annotator, text, list(entities.values()), vocabulary)
        # Of overlapping mentions the longest wins, as over the whole document.
        found.sort(key=lambda s: (s.start - s.end, -s.score, s.start))
        chosen: list[Suggestion] = []
        taken: list[tuple[int, int]] = []  # the chosen spans, sorted and disjoint
        for sug in found:
            at = bisect.bisect_left(taken, (sug.start, sug.end))
            if (at > 0 and taken[at - 1][1] > sug.start) or (
                at < len(taken) and taken[at][0] < sug.end
            ):
                continue
            if overlaps_entity(sug.start, sug.end):
                continue
            rivals = propagated_between(sug.start, sug.end)
            if any(r.end - r.start >= sug.end - sug.start for r in rivals):
                continue
            dropping.update((r.id, r) for r in rivals if r.id is not None)
            # The annotator's own label here is better evidence than another source's
            # weaker twin (Annotate all then takes it): propagation replaces it, as
            # Store.add_suggestions does.
            dropping.update(
                (t.id, t)
                for t in layer.between(sug.start, sug.end)
                if t.source != "propagate"
                and t.id is not None
                and t.score < sug.score
                and (t.layer, t.start, t.end, t.label) == ("entity", sug.start, sug.end, sug.label)
            )
            taken.insert(at, (sug.start, sug.end))
            chosen.append(sug)
        try:
            stored = self.store.update_suggestions(
                doc_id, annotator, chosen, dropping=list(dropping)
            )
        except CorpusError as exc:
            self._say(str(exc))
            return len(layer)
        self.redraw(dropping.values(), [*adding, *stored])
        self.last_propagation_seconds = time.perf_counter() - started
        return len(layer)

    def propagate_document(self) -> int:
        """Suggest the annotator's entities at their other mentions in the open
        document, store and draw them; returns how many are open (-1: running in the
        background, drawn when done)."""
        doc = self.session.document
        if doc is None:
            return 0
        if doc.id in self._slow and self.store.path != ":memory:":
            return -1 if self._propagate_in_background(doc.id, doc.text) else 0
        from corpus.suggest.propagate import propagate

        started = time.perf_counter()
        annotator = self.session.annotator
        if self.session.loaded:
            entities = [a for a in self.session.annotations() if isinstance(a, Entity)]
        else:
            stored = self.store.annotations(doc.id, annotator, "entity")
            entities = [a for a in stored if isinstance(a, Entity)]
        try:
            found = propagate(
                doc.id, annotator, doc.text, entities, self.snapper.vocabulary(doc.text)
            )
            self.store.add_suggestions(doc.id, annotator, found, replacing=("propagate",))
        except CorpusError as exc:
            self._say(str(exc))
            return 0
        shown = self.show_suggestions()
        self.last_propagation_seconds = time.perf_counter() - started
        if self.last_propagation_seconds > PROPAGATION_BUDGET:
            self._slow.add(doc.id)
        return len(shown)

    def _propagate_in_background(self, doc_id: int, text: str) -> bool:
        from corpus.suggest.propagate import propagate

        annotator = self.session.annotator
        vocabulary = self.snapper.vocabulary(text)
        started = time.perf_counter()

        def job(store: Store, report: Callable[[int, str], None]) -> object:
            stored = store.annotations(doc_id, annotator, "entity")
            entities = [a for a in stored if isinstance(a, Entity)]
            found = propagate(doc_id, annotator, text, entities, vocabulary)
            store.add_suggestions(doc_id, annotator, found, replacing=("propagate",))
            return doc_id

        def done(result: object) -> None:
            doc = self.session.document
            if doc is not None and doc.id == result:
                self.show_suggestions()
                self.last_propagation_seconds = time.perf_counter() - started

        return self._start(job, done)

    def _start(
        self,
        job: Callable[[Store, Callable[[int, str], None]], object],
        on_success: Callable[[object], None],
    ) -> bool:
        def succeeded(result: object) -> None:
            # A task that ends after its window closed (its store may be closed too).
            if not self.closed:
                on_success(result)

        return self.window._start_task(job, succeeded) is not None

    def close(self) -> None:
        """The window closes: what background work brings back is dropped."""
        self.closed = True
        self.wait()

    def propagate_corpus(self) -> bool:
        """Suggest → Propagate over the whole corpus: every document, in the background."""
        from corpus.suggest import suggest

        annotator = self.session.annotator
        what = self.tr("propagation")

        def job(store: Store, report: Callable[[int, str], None]) -> object:
            run = suggest(
                store,
                store.document_ids(),
                annotator,
                ["propagate"],
                progress=lambda done: report(done, what),
            )
            return run.get("propagate", 0)

        return self._start(job, self.on_corpus_propagated)

    @Slot(object)
    def on_corpus_propagated(self, count: object) -> None:
        """Say how many suggestions the corpus propagation stored."""
        self._say(self.tr("Propagation stored {0} suggestions in the corpus.").format(count), 15000)
        self.show_suggestions()

    # ------------------------------------------------------------------ other sources

    def suggest_quotes_for_document(self) -> int:
        """Suggest → Suggest quotes: the reporting-verb rules on the open document."""
        try:
            from corpus.suggest.quotes import find_quotes
        except ImportError as exc:  # the quote rules ship with the core; a broken install
            self._say(self.tr("The quote rules cannot be loaded: {0}").format(exc))
            return 0
        doc = self.session.document
        if doc is None:
            return 0
        try:
            found = find_quotes(doc.id, self.session.annotator, doc.text)
            stored = self.store.add_suggestions(
                doc.id, self.session.annotator, found, replacing=("quotes",)
            )
        except CorpusError as exc:
            self._say(str(exc))
            return 0
        self.show_suggestions()
        self._say(self.tr("{0} quote suggestions.").format(stored))
        return stored

    def suggest_from_gazetteer(self) -> bool:
        """Suggest → names from the gazetteer (the corpus' labelled names and the CLDR
        seed) in the open document, in the background."""
        from corpus.suggest import suggest

        doc = self.session.document
        if doc is None:
            return False
        annotator, doc_id = self.session.annotator, doc.id

        def job(store: Store, report: Callable[[int, str], None]) -> object:
            return suggest(store, [doc_id], annotator, ["gazetteer"]).get("gazetteer", 0)

        return self._start(job, self.on_gazetteer_suggested)

    @Slot(object)
    def on_gazetteer_suggested(self, count: object) -> None:
        """Draw the gazetteer's suggestions."""
        self._say(self.tr("Gazetteer: {0} suggestions.").format(count), 10000)
        self.show_suggestions()

    def train_crf(self) -> bool:
        """Train the CRF from the annotator's entities in the background; once it is
        useful, it suggests in the open document."""
        if self._training:
            return False
        from gui.crf_process import CrfTrainingError, train_in_child

        annotator = self.session.annotator
        doc = self.session.document
        doc_id = doc.id if doc is not None else None
        what = self.tr("CRF training")

        def job(store: Store, report: Callable[[int, str], None]) -> object:
            report(0, what)
            # What the core's ``tawsim suggest --with crf`` trains on: the entities of
            # work done or in progress, every annotator's.
            docs = [
                (item.document.text, [a for a in item.annotations if isinstance(a, Entity)])
                for item in store.iter_annotated(None, None, ("entity",))
                if item.status in ("done", "in_progress") and item.annotations
            ]
            text = store.document(doc_id).text if doc_id is not None else None
            # In a child process: training holds the interpreter for long stretches.
            try:
                recommender, found = train_in_child(
                    docs, doc_id, annotator, text, keep_going=lambda: report(0, what)
                )
            except CrfTrainingError as exc:
                return exc  # said in the status bar; the next training tries again
            if doc_id is not None and recommender.useful:
                store.add_suggestions(doc_id, annotator, found, replacing=("crf",))
            return recommender

        self._training = self._start(job, self.on_crf_trained)
        if self._training:
            self._created_since_training = 0
        return self._training

    @Slot(object)
    def on_crf_trained(self, recommender: object) -> None:
        """Show the CRF's cross-validated figures; draw its suggestions."""
        from corpus.suggest.crf import CrfRecommender

        self._training = False
        if isinstance(recommender, Exception):
            self._say(str(recommender), 15000)
            return
        assert isinstance(recommender, CrfRecommender)
        self.crf = recommender
        line = self.crf_line(recommender)
        self.crf_label.setText(line)
        self.crf_label.setToolTip(
            self.tr(
                "Cross-validated by documents, exact spans. The CRF suggests once its "
                "precision reaches {0:.2f} over at least {1} entities."
            ).format(recommender.min_precision, recommender.min_entities)
        )
        self.crf_trained.emit(line)
        self.show_suggestions()

    def crf_line(self, recommender: CrfRecommender) -> str:
        """The CRF's cross-validated figures in one line (the status bar's)."""
        report = recommender.report
        if report is None:
            return self.tr("CRF: not trained")
        if not report.folds:
            return self.tr(
                "CRF: {0} entities in {1} documents, too few documents to cross-validate"
            ).format(report.entities, report.documents)
        verdict = self.tr("suggesting") if report.useful else self.tr("not suggesting yet")
        return self.tr(
            "CRF ({0}-fold, {1} entities): precision {2:.2f}, recall {3:.2f}, F1 {4:.2f}, {5}"
        ).format(
            report.folds,
            report.entities,
            report.precision,
            report.recall,
            report.f1,
            verdict,
        )

    def run_camel_ner(self) -> bool:
        """Suggest → camel-tools NER: in the background when its model is installed,
        else a message saying how to install it."""
        from corpus.suggest.camel_ner import CamelNer, CamelNerUnavailable, model_path

        try:
            model_path()
        except CamelNerUnavailable as exc:
            QMessageBox.information(self.window, self.tr("camel-tools NER"), str(exc))
            return False
        doc = self.session.document
        if doc is None:
            return False
        annotator, doc_id = self.session.annotator, doc.id
        labels = self.store.schema.entity_labels

        def job(store: Store, report: Callable[[int, str], None]) -> object:
            ner = CamelNer.load(labels=labels)
            text = store.document(doc_id).text
            found = ner.suggest(
                doc_id, annotator, text, progress=lambda n, total: report(n, "camel-ner")
            )
            return store.add_suggestions(doc_id, annotator, found, replacing=("camel-ner",))

        return self._start(job, self.on_camel_ner_succeeded)

    @Slot(object)
    def on_camel_ner_succeeded(self, count: object) -> None:
        """Draw camel's suggestions."""
        self._say(self.tr("camel-tools NER: {0} suggestions.").format(count), 10000)
        self.show_suggestions()
