"""CRF training in a child process, so that it never holds the window's interpreter.

Training in a thread of the window's process still stalls its event loop: importing
sklearn-crfsuite and fitting hold the interpreter lock for up to ~170 ms at a time
(measured beside a 5 ms timer on this 2-core machine). A child interpreter
(``python -m gui.crf_process``: no fork of a Qt process with threads, no re-import of
the main module) reads the training documents from its standard input, trains, tags the
open document, and writes back the recommender, which pickles, and its suggestions; a
cancelled task (the window closes) kills it.
Nothing here imports Qt: the child loads only the core.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from corpus.suggest.crf import CrfRecommender, TrainingDoc
from corpus.suggest.model import Suggestion

# How often (seconds) the waiting thread looks whether it should stop the child.
POLL_SECONDS = 0.2
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
    docs: Sequence[TrainingDoc],
    doc_id: int | None,
    annotator: str,
    text: str | None,
    keep_going: Callable[[], None] | None = None,
) -> tuple[CrfRecommender, list[Suggestion]]:
    """:func:`train_and_suggest` in a child interpreter (waits for it: call it from a
    worker thread). ``keep_going`` is called a few times a second while the child
    works; an exception from it (the task was cancelled) ends the child and is raised.

    Raises:
        CrfTrainingError: the child failed.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_ROOT), env.get("PYTHONPATH")]))
    with tempfile.TemporaryFile() as request:
        pickle.dump((list(docs), doc_id, annotator, text), request)
        request.seek(0)
        child = subprocess.Popen(
            [sys.executable, "-m", "gui.crf_process"],
            stdin=request,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        try:
            while True:
                try:
                    out, err = child.communicate(timeout=POLL_SECONDS)
                    break
                except subprocess.TimeoutExpired:
                    if keep_going is not None:
                        keep_going()
        except BaseException:
            child.kill()
            child.communicate()
            raise
    if child.returncode != 0:
        tail = err.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise CrfTrainingError("CRF training failed: " + " / ".join(tail))
    result: tuple[CrfRecommender, list[Suggestion]] = pickle.loads(out)
    return result


def main() -> None:
    """The child: a pickled request on stdin, the pickled result on stdout."""
    docs, doc_id, annotator, text = pickle.loads(sys.stdin.buffer.read())
    result = train_and_suggest(docs, doc_id, annotator, text)
    sys.stdout.buffer.write(pickle.dumps(result))


if __name__ == "__main__":
    main()
