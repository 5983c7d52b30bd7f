"""CRF training in a child process, so that it never holds the window's interpreter.

Training in a thread of the window's process still stalls its event loop: importing
sklearn-crfsuite and fitting hold the interpreter lock for up to ~170 ms at a time
(measured beside a 5 ms timer on this 2-core machine). A child interpreter
(``python -m gui.crf_process``: no fork of a Qt process with threads, no re-import of
the main module) reads the training documents from its standard input, trains, tags the
open document, and writes back the recommender, which pickles, and its suggestions.
Nothing here imports Qt: the child loads only the core.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from corpus.suggest.crf import CrfRecommender, TrainingDoc
from corpus.suggest.model import Suggestion

# Where the ``gui`` and ``corpus`` packages are, for the child's import path.
_ROOT = Path(__file__).resolve().parent.parent


class CrfTrainingError(RuntimeError):
    """The child process failed (its last lines of error output say why)."""


def train_and_suggest(
    docs: Sequence[TrainingDoc], doc_id: int | None, annotator: str, text: str | None
) -> tuple[CrfRecommender, list[Suggestion]]:
    """Train a CRF on ``docs``; once useful, its suggestions for ``text`` (document
    ``doc_id``, for ``annotator``). What the child runs."""
    recommender = CrfRecommender()
    recommender.train(docs)
    found: list[Suggestion] = []
    if doc_id is not None and text is not None and recommender.useful:
        found = recommender.suggest(doc_id, annotator, text)
    return recommender, found


def train_in_child(
    docs: Sequence[TrainingDoc], doc_id: int | None, annotator: str, text: str | None
) -> tuple[CrfRecommender, list[Suggestion]]:
    """:func:`train_and_suggest` in a child interpreter (waits for it: call it from a
    worker thread).

    Raises:
        CrfTrainingError: the child failed.
    """
    request = pickle.dumps((list(docs), doc_id, annotator, text))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_ROOT), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-m", "gui.crf_process"],
        input=request,
        capture_output=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise CrfTrainingError("CRF training failed: " + " / ".join(tail))
    result: tuple[CrfRecommender, list[Suggestion]] = pickle.loads(done.stdout)
    return result


def main() -> None:
    """The child: a pickled request on stdin, the pickled result on stdout."""
    docs, doc_id, annotator, text = pickle.loads(sys.stdin.buffer.read())
    result = train_and_suggest(docs, doc_id, annotator, text)
    sys.stdout.buffer.write(pickle.dumps(result))


if __name__ == "__main__":
    main()
