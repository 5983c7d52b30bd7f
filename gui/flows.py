"""The quote and stance flows: a few keystrokes that gather an annotation's parts.

Quote: select the quoted words, press Q; pick the speaker (click an entity mark, or
select words and press Enter; Enter alone skips); pick the cue verb the same way;
press a kind key (D, I, M) to store it.

Stance: select the evidence (optional), press S; pick the holder; pick the target
(entity mark, words + Enter, or T and a typed topic); press a polarity key (F, A, N).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QObject, Signal

from corpus.model import Ref, Span, Topic
from gui.session import AnnotationSession


class Stage(StrEnum):
    """Which part of an annotation the flow is waiting for."""

    IDLE = "idle"
    SPEAKER = "speaker"
    CUE = "cue"
    KIND = "kind"
    HOLDER = "holder"
    TARGET = "target"
    POLARITY = "polarity"


@dataclass
class Draft:
    """The parts gathered so far (code-point spans or entity references)."""

    content: Span | None = None
    speaker: Span | Ref | None = None
    cue: Span | None = None
    evidence: tuple[Span, ...] = ()
    holder: Span | Ref | None = None
    target: Span | Ref | Topic | None = None


class TaggingFlow(QObject):
    """A small state machine over the session for building quotes and stances.

    Signals:
        stage_changed(str): the stage now awaited (a ``Stage`` value; ``idle``: none).
        refused(str): an input that does not fit the stage, with the reason.
    """

    stage_changed = Signal(str)
    refused = Signal(str)

    def __init__(self, session: AnnotationSession, parent: QObject | None = None) -> None:
        """Build annotations in ``session``."""
        super().__init__(parent)
        self._session = session
        self._stage = Stage.IDLE
        self._draft = Draft()

    @property
    def stage(self) -> Stage:
        """The part awaited now."""
        return self._stage

    @property
    def draft(self) -> Draft:
        """What has been gathered."""
        return self._draft

    @property
    def active(self) -> bool:
        """Whether a quote or stance is being built."""
        return self._stage is not Stage.IDLE

    def _go(self, stage: Stage) -> None:
        self._stage = stage
        self.stage_changed.emit(stage.value)

    def start_quote(self, content: Span | None) -> bool:
        """Begin a quote whose content is ``content`` (the current selection)."""
        if content is None:
            self.refused.emit(self.tr("Select the quoted words first, then press Q."))
            return False
        self._draft = Draft(content=content)
        self._go(Stage.SPEAKER)
        return True

    def start_stance(self, evidence: Span | None) -> None:
        """Begin a stance; the current selection, if any, is its evidence."""
        self._draft = Draft(evidence=(evidence,) if evidence is not None else ())
        self._go(Stage.HOLDER)

    def cancel(self) -> None:
        """Drop the draft."""
        if self.active:
            self._draft = Draft()
            self._go(Stage.IDLE)

    def take_span(self, span: Span | None) -> bool:
        """Enter: the selected words for the awaited part; None skips optional ones."""
        draft = self._draft
        stage = self._stage
        if stage is Stage.SPEAKER:
            draft.speaker = self._session.as_argument(span) if span else None
            self._go(Stage.CUE)
        elif stage is Stage.CUE:
            draft.cue = span
            self._go(Stage.KIND)
        elif stage is Stage.HOLDER:
            if span is None:
                self.refused.emit(self.tr("Select the holder (or click an entity), then Enter."))
                return False
            draft.holder = self._session.as_argument(span)
            self._go(Stage.TARGET)
        elif stage is Stage.TARGET:
            if span is None:
                self.refused.emit(
                    self.tr("Select the target (or click an entity, or press T for a topic).")
                )
                return False
            draft.target = self._session.as_argument(span)
            self._go(Stage.POLARITY)
        else:
            return False
        return True

    def take_entity(self, uuid: str) -> bool:
        """A click on an entity mark: use that entity for the awaited part."""
        if self._stage not in (Stage.SPEAKER, Stage.HOLDER, Stage.TARGET):
            return False
        ref = Ref(uuid)
        if self._stage is Stage.SPEAKER:
            self._draft.speaker = ref
            self._go(Stage.CUE)
        elif self._stage is Stage.HOLDER:
            self._draft.holder = ref
            self._go(Stage.TARGET)
        else:
            self._draft.target = ref
            self._go(Stage.POLARITY)
        return True

    def take_topic(self, text: str) -> bool:
        """A typed stance target that is not in the text."""
        if self._stage is not Stage.TARGET:
            return False
        if not text.strip():
            self.refused.emit(self.tr("Type the topic, then Enter."))
            return False
        self._draft.target = Topic(text.strip())
        self._go(Stage.POLARITY)
        return True

    def finish(self, label: str) -> str | None:
        """A kind key (quotes) or polarity key (stances): store the annotation.

        A kind key may come early (speaker or cue still awaited: they stay empty).
        Returns the new annotation's uuid.
        """
        draft = self._draft
        schema = self._session.store.schema
        if self._stage in (Stage.SPEAKER, Stage.CUE, Stage.KIND):
            if label not in schema.quote_kind_labels or draft.content is None:
                return None
            uid = self._session.add_quote(draft.content, label, draft.speaker, draft.cue)
        elif self._stage is Stage.POLARITY:
            if label not in schema.polarity_labels:
                return None
            assert draft.holder is not None
            assert draft.target is not None
            uid = self._session.add_stance(draft.holder, draft.target, label, draft.evidence)
        else:
            if self._stage in (Stage.HOLDER, Stage.TARGET) and label in schema.polarity_labels:
                self.refused.emit(self.tr("Pick the holder and the target before the polarity."))
            return None
        if uid is not None:
            self._draft = Draft()
            self._go(Stage.IDLE)
        return uid
