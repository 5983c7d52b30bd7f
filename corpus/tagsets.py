"""Tag sets of other corpora and how their labels meet the schema's.

``anercorp`` is ANERcorp's (CAMeL Lab split): PERS, LOC, ORG, MISC. Exporting to it
folds the schema's finer labels into those four (GPE → LOC, EVENT → MISC, anything
else → MISC) and says so; importing from it renames PERS → PER.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from corpus.errors import UserError

TAGSETS = ("default", "anercorp")

ANERCORP_LABELS = ("PERS", "ORG", "LOC", "MISC")
# schema label → ANERcorp label; a label not here becomes MISC.
ANERCORP_FROM_SCHEMA = {
    "PER": "PERS",
    "ORG": "ORG",
    "LOC": "LOC",
    "GPE": "LOC",
    "MISC": "MISC",
    "EVENT": "MISC",
}
# ANERcorp label → schema label (import).
ANERCORP_TO_SCHEMA = {"PERS": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
# The schema label each ANERcorp label stands for; any other label mapped onto it is folded.
_ANERCORP_OWN = {"PERS": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}


def check_tagset(name: str) -> None:
    if name not in TAGSETS:
        raise UserError(f"unknown tag set {name!r} (one of {', '.join(TAGSETS)})")


class ExportLabels:
    """Maps the store's entity labels onto an export's, counting what it folds.

    Args:
        tagset: ``default`` (labels as stored) or ``anercorp``.
        labels: the labels the export may meet, in the order the label list should
            follow (the schema's, then any others in use).
    """

    def __init__(self, tagset: str, labels: Iterable[str]) -> None:
        check_tagset(tagset)
        self.tagset = tagset
        self.folded: Counter[tuple[str, str]] = Counter()
        self._tags: dict[str, str] = {}
        if tagset == "anercorp":
            self.names: tuple[str, ...] = ANERCORP_LABELS
        else:
            self.names = tuple(dict.fromkeys(labels))

    @property
    def identity(self) -> bool:
        """Whether labels are written as stored."""
        return self.tagset == "default"

    def _map(self, label: str) -> str:
        if self.tagset == "default":
            return label
        return ANERCORP_FROM_SCHEMA.get(label, "MISC")

    def __call__(self, label: str) -> str:
        """The export label of a stored label."""
        return self._map(label)

    def tag(self, tag: str) -> str:
        """A BIO tag of stored labels as the export's; each folded entity is counted once."""
        mapped = self._tags.get(tag)
        if mapped is None:
            mapped = tag if tag == "O" else f"{tag[:2]}{self._map(tag[2:])}"
            self._tags[tag] = mapped
        if tag[0] == "B" and self.tagset == "anercorp":
            label = tag[2:]
            if _ANERCORP_OWN[mapped[2:]] != label:
                self.folded[(label, mapped[2:])] += 1
        return mapped

    def notes(self) -> list[str]:
        """Which labels were folded into which, with counts (empty for ``default``)."""
        if not self.folded:
            return []
        parts = ", ".join(f"{src} → {dst} ({n})" for (src, dst), n in sorted(self.folded.items()))
        return [f"tag set {self.tagset}: folded {parts}"]

    def bio_names(self) -> list[str]:
        """``O`` then ``B-``/``I-`` of every label: the class names of a token tag."""
        names = ["O"]
        for label in self.names:
            names += [f"B-{label}", f"I-{label}"]
        return names


def import_label(tagset: str, label: str) -> str:
    """The schema label of a label read from a corpus in ``tagset``."""
    check_tagset(tagset)
    if tagset == "anercorp":
        return ANERCORP_TO_SCHEMA.get(label, label)
    return label
