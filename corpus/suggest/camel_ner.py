"""camel-tools' BERT named-entity recogniser, when its model is installed, as suggestions.

camel-tools 1.6 ships no model: ``camel_data -i ner-arabert`` downloads one into its data
folder (``~/.camel_tools``, or ``$CAMELTOOLS_DATA``). Importing ``camel_tools.ner``
without a catalogue there makes camel-tools download one at import time (an error
offline), so :meth:`CamelNer.load` first reads the catalogue and checks the model files
itself and raises :class:`CamelNerUnavailable`, saying how to install, without ever
touching the network. torch and transformers load only then (seconds): call it, and
:meth:`CamelNer.suggest`, from a background thread; ``progress`` reports sentences done.

camel's labels map onto the schema's: PERS → PER, ORG → ORG, MISC → MISC, LOC → GPE when
the place is a territory or city of the seed gazetteer, else LOC. camel tags whole
whitespace words (ANERcorp's convention, ``لبكين`` B-LOC); a suggestion starts after
the proclitics of its first word (:func:`corpus.clitics.stem_span`), as Tawsim stores
entities.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import Any

from corpus.arabic import normalize_for_search, tokenize_with_offsets
from corpus.clitics import Vocabulary, seed_gazetteer, segment, stem_span
from corpus.errors import UserError
from corpus.model import Entity, Span
from corpus.suggest.model import Suggestion

CAMEL_LABELS = {"PERS": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
_COMPONENT = "NamedEntityRecognition"
_HOW_TO_INSTALL = (
    "install it with `camel_data -i ner-arabert` (needs the network once; it installs "
    "into ~/.camel_tools), or point CAMELTOOLS_DATA=<folder> at a camel-tools data folder "
    "that holds catalogue.json and the NER model"
)
_SENTENCE_ENDS = frozenset(".!?؟…")
_BATCH = 16
# camel-tools' own limit: longer sentences are cut into segments of this many word pieces.
_MAX_SEQ_LENGTH = 256


class CamelNerUnavailable(UserError):
    """camel-tools' NER model is not installed (or cannot be loaded); the message says how."""


def camel_data_dir() -> Path:
    """Where camel-tools looks for its data: ``$CAMELTOOLS_DATA`` or ``~/.camel_tools``."""
    configured = os.environ.get("CAMELTOOLS_DATA")
    return Path(configured).expanduser().absolute() if configured else Path.home() / ".camel_tools"


def model_path(data_dir: Path | None = None) -> Path:
    """The installed NER model's folder, read from camel-tools' catalogue like camel does.

    Raises :class:`CamelNerUnavailable` when the catalogue, its NER entry or the model's
    files are missing.
    """
    data_dir = data_dir or camel_data_dir()
    catalogue = data_dir / "catalogue.json"
    if not catalogue.is_file():
        raise CamelNerUnavailable(
            f"camel-tools NER model not installed: no {catalogue}; {_HOW_TO_INSTALL}"
        )
    try:
        component = json.loads(catalogue.read_text(encoding="utf-8"))["components"][_COMPONENT]
        relative = component["datasets"][component["default"]]["path"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise CamelNerUnavailable(
            f"camel-tools NER model not installed: {catalogue} has no readable "
            f"{_COMPONENT} entry ({err!r}); {_HOW_TO_INSTALL}"
        ) from err
    path = data_dir / "data" / str(relative)
    if not (path / "config.json").is_file():
        raise CamelNerUnavailable(
            f"camel-tools NER model not installed: no model in {path}; {_HOW_TO_INSTALL}"
        )
    return path


class CamelNer:
    """A loaded camel-tools NERecognizer that makes ``camel-ner`` suggestions.

    ``labels`` are the schema's entity labels: a camel label whose mapped label is not
    among them is dropped. ``places`` maps search-normalised place names to GPE or LOC
    (the CLDR seed gazetteer by default) to tell camel's LOC apart.
    """

    def __init__(
        self,
        recognizer: Any,
        labels: Collection[str] | None = None,
        places: Mapping[str, str] | None = None,
    ) -> None:
        self._recognizer = recognizer
        self._labels = set(labels) if labels is not None else None
        self._places = dict(places) if places is not None else seed_gazetteer()

    @classmethod
    def load(
        cls,
        data_dir: Path | None = None,
        labels: Collection[str] | None = None,
        places: Mapping[str, str] | None = None,
    ) -> CamelNer:
        """Load the installed model (seconds: torch); :class:`CamelNerUnavailable` if none."""
        path = model_path(data_dir)
        try:
            from camel_tools.ner import NERecognizer  # torch loads here: seconds
            from transformers.utils import logging as transformers_logging

            # Its weight-loading progress bars would write to the user's terminal.
            transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
            recognizer = NERecognizer(str(path), use_gpu=False)
        # camel-tools raises its own errors (a catalogue download tried offline), torch
        # and transformers theirs (a damaged model): each means "not usable", said once.
        except Exception as err:
            raise CamelNerUnavailable(
                f"camel-tools NER model in {path} could not be loaded ({err!r}); {_HOW_TO_INSTALL}"
            ) from err
        return cls(recognizer, labels, places)

    def suggest(
        self,
        doc_id: int,
        annotator: str,
        text: str,
        progress: Callable[[int, int], None] | None = None,
    ) -> list[Suggestion]:
        """camel's entities in one document as ``camel-ner`` suggestions, by start.

        The score is the smallest softmax probability of the entity's word labels.
        ``progress(done, total)`` counts sentences.
        """
        sentences = _sentences(text)
        tagged = self._tag([[text[s:e] for s, e in words] for words in sentences], progress)
        vocabulary = Vocabulary.from_texts([text])
        found: list[Suggestion] = []
        for words, labels in zip(sentences, tagged, strict=True):
            for first, last, camel_label, score in _runs(labels):
                label = self._label(camel_label, text, words[first : last + 1], vocabulary)
                if label is None:
                    continue
                start, _ = stem_span(text, words[first][0], words[first][1], vocabulary)
                end = words[last][1]
                entity = Entity(str(uuid.uuid4()), doc_id, annotator, Span(start, end), label)
                found.append(Suggestion(entity, "camel-ner", score))
        return found

    def _label(
        self, camel_label: str, text: str, words: list[tuple[int, int]], vocabulary: Vocabulary
    ) -> str | None:
        """The schema's label for camel's, None when the schema has no such label.

        ``words`` are the entity's; a LOC named as a whole (الولايات المتحدة) or by its
        first word in the places is GPE there, if the schema has GPE.
        """
        label = CAMEL_LABELS.get(camel_label)
        if label == "LOC":
            first = text[words[0][0] : words[0][1]]
            rest = [normalize_for_search(text[s:e]) for s, e in words[1:]]
            whole = " ".join([segment(first, vocabulary).key, *rest])
            place = self._places.get(whole) or self._places.get(segment(first, vocabulary).key)
            if place == "GPE" and (self._labels is None or "GPE" in self._labels):
                label = "GPE"
        if label is None or (self._labels is not None and label not in self._labels):
            return None
        return label

    def _tag(
        self, sentences: list[list[str]], progress: Callable[[int, int], None] | None
    ) -> list[list[tuple[str, float]]]:
        """(label, probability) of every word, through camel's own featurisation.

        camel's ``predict`` gives labels only, and drops words its tokenizer turns into
        no word piece; this keeps the probabilities and gives such words ``O``.
        """
        import torch  # loaded with the model
        from camel_tools.ner import NERDataset

        recognizer = self._recognizer
        tokenizer = recognizer.tokenizer
        id2label = recognizer.labels_map
        kept = [[bool(tokenizer.tokenize(word)) for word in words] for words in sentences]
        labelled: list[list[tuple[str, float]]] = [[] for _ in sentences]
        model = recognizer.model
        model.eval()
        for batch_start in range(0, len(sentences), _BATCH):
            batch = sentences[batch_start : batch_start + _BATCH]
            dataset = NERDataset(
                sentences=batch,
                tokenizer=tokenizer,
                labels=list(id2label.values()),
                max_seq_length=_MAX_SEQ_LENGTH,
            )
            features = [dataset[i] for i in range(len(dataset))]
            if features:
                with torch.no_grad():
                    logits = model(
                        input_ids=torch.stack([f["input_ids"] for f in features]),
                        attention_mask=torch.stack([f["attention_mask"] for f in features]),
                        token_type_ids=torch.stack([f["token_type_ids"] for f in features]),
                    ).logits
                probabilities = torch.softmax(logits, dim=-1)
                best, best_ids = probabilities.max(dim=-1)
                for row, feature in enumerate(features):
                    first_pieces = (feature["label_ids"] != dataset.pad_token_label_id).nonzero()
                    for position in first_pieces.flatten().tolist():
                        label = str(id2label[int(best_ids[row, position])])
                        labelled[batch_start + feature["sent_id"]].append(
                            (label, float(best[row, position]))
                        )
            if progress is not None:
                progress(batch_start + len(batch), len(sentences))
        result = []
        for sentence_kept, sentence_labels in zip(kept, labelled, strict=True):
            pieces = iter(sentence_labels)
            result.append([next(pieces, ("O", 1.0)) if k else ("O", 1.0) for k in sentence_kept])
        return result


def _sentences(text: str) -> list[list[tuple[int, int]]]:
    """Word spans grouped in sentences (a line break or a sentence-final mark ends one)."""
    sentences: list[list[tuple[int, int]]] = []
    sentence: list[tuple[int, int]] = []
    previous_end = 0
    for start, end in tokenize_with_offsets(text):
        if sentence and "\n" in text[previous_end:start]:
            sentences.append(sentence)
            sentence = []
        sentence.append((start, end))
        previous_end = end
        if text[start:end] in _SENTENCE_ENDS:
            sentences.append(sentence)
            sentence = []
    if sentence:
        sentences.append(sentence)
    return sentences


def _runs(labels: list[tuple[str, float]]) -> list[tuple[int, int, str, float]]:
    """BIO runs as (first word, last word, camel type, min probability); a stray I- starts one."""
    runs: list[tuple[int, int, str, float]] = []
    for i, (tag, probability) in enumerate(labels):
        if tag == "O" or "-" not in tag:
            continue
        position, kind = tag.split("-", 1)
        if position == "I" and runs and runs[-1][1] == i - 1 and runs[-1][2] == kind:
            first, _, _, score = runs[-1]
            runs[-1] = (first, i, kind, min(score, probability))
        else:
            runs.append((i, i, kind, probability))
    return runs
