"""Undo and redo: one QUndoCommand per user action, wrapping a corpus ``Edit``."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand
from typing_extensions import override

from corpus.errors import CorpusError
from corpus.model import Edit

if TYPE_CHECKING:
    from gui.session import AnnotationSession


class EditCommand(QUndoCommand):
    """Applies an edit through the session on redo and its inverse on undo.

    The edit is not applied beforehand: ``QUndoStack.push`` calls :meth:`redo`. A
    command whose edit the store refuses (a conflict, a validation error) reports
    the error and makes itself obsolete, so the stack drops it.
    """

    def __init__(self, session: AnnotationSession, edit: Edit, text: str) -> None:
        """Wrap ``edit``, to be applied by ``session``; ``text`` names it in menus."""
        super().__init__(text)
        # Weak: the stack (owned by the session) owns this command; a strong reference
        # back would make a cycle that Python's collector tears down in an order
        # that lets the stack delete an already freed command.
        self._session = weakref.ref(session)
        self._edit = edit
        self._applied: Edit | None = None

    @property
    def edit(self) -> Edit:
        """The edit as built by the user action."""
        return self._edit

    @override
    def redo(self) -> None:
        # After the first time, apply the edit as stored: it carries the creation
        # times the store gave, so a redo brings back exactly what was undone.
        edit = self._applied if self._applied is not None else self._edit
        session = self._session()
        if session is None:
            return
        try:
            self._applied = session.apply_edit(edit)
        except CorpusError as exc:
            session.report_error(str(exc))
            self.setObsolete(True)

    @override
    def undo(self) -> None:
        session = self._session()
        if self._applied is None or session is None:
            return
        try:
            session.apply_edit(self._applied.inverted())
        except CorpusError as exc:
            session.report_error(str(exc))
            self.setObsolete(True)
