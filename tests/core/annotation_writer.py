"""A writer process for the durability and concurrency tests (run as a script).

It opens a Tawsim database, makes sure the seed article is in it, then writes
annotations in a loop, through the API (one open Store, many calls) or through the
CLI (``corpus.cli.main(["annotate", ...])`` per write: open, write, close). Around
every call it prints, flushed, one line before and one after the call returned::

    ready DOC_ID
    do create
    ok create UUID LABEL        (LABEL: entity label, quote kind or stance polarity)
    do relabel UUID LABEL
    ok relabel UUID LABEL
    do delete UUID
    ok delete UUID

An ``ok`` line is an acknowledgement: the test may kill the process at any moment
and then expects every acknowledged change in the database. At most one ``do``
without its ``ok`` is in flight when the process dies.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

from corpus.model import Entity, Quote, Ref, Span, Stance, Topic
from corpus.schema import default_schema
from corpus.store import Store

SEED_FILE = next((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
TOPICS = ("الحرب في أوكرانيا", "العلاقات مع الصين", "العقوبات الأمريكية")


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def label_of(ann: Entity | Quote | Stance) -> str:
    if isinstance(ann, Entity):
        return ann.label
    if isinstance(ann, Quote):
        return ann.kind
    return ann.polarity


class Writer:
    """Random annotation writes on one document, by one annotator."""

    def __init__(self, db: Path, annotator: str, seed: int, via: str, ops: str) -> None:
        self.db = db
        self.annotator = annotator
        self.rng = random.Random(seed)
        self.via = via
        self.ops = ops
        schema = default_schema()
        self.entity_labels = list(schema.labels_of("entity"))
        self.kinds = list(schema.labels_of("quote"))
        self.polarities = list(schema.labels_of("stance"))
        with Store.open(db) as store:
            text = SEED_FILE.read_text(encoding="utf-8")
            self.doc_id = store.add_document(text, external_id="durability-seed")
            self.length = len(store.document(self.doc_id).text)
            # A restarted writer carries on with what earlier rounds left.
            held = store.annotations(self.doc_id, annotator)
            self.live: dict[str, str] = {a.uuid: a.layer for a in held}
            # Tagging words already tagged relabels their entity: each create
            # takes new words, so that every acknowledged create is a new entity.
            self.entity_spans = {a.uuid: a.span for a in held if isinstance(a, Entity)}
        self.store = Store.open(db) if via == "api" else None

    def span(self, longest: int = 12) -> Span:
        start = self.rng.randrange(0, self.length - 1)
        return Span(start, min(self.length, start + self.rng.randint(1, longest)))

    def entity_ref(self) -> Ref | None:
        entities = [u for u, layer in self.live.items() if layer == "entity"]
        return Ref(self.rng.choice(entities)) if entities else None

    def step(self) -> None:
        roll = self.rng.random()
        if self.ops == "mixed" and self.live and roll < 0.25:
            self.relabel()
        elif self.ops == "mixed" and self.live and roll < 0.35:
            self.delete()
        elif roll < 0.55 or self.entity_ref() is None:
            self.create_entity()
        elif roll < 0.8:
            self.create_quote()
        else:
            self.create_stance()

    # --------------------------------------------------------------- creating

    def create_entity(self) -> None:
        taken = set(self.entity_spans.values())
        span = self.span()
        while span in taken:
            span = self.span()
        label = self.rng.choice(self.entity_labels)
        say("do create")
        if self.store is not None:
            uid = self.store.add_entity(
                self.doc_id, self.annotator, span.start, span.end, label
            ).uuid
        else:
            uid = self.cli(
                "--layer",
                "entity",
                "--start",
                str(span.start),
                "--end",
                str(span.end),
                "--label",
                label,
            )
        self.live[uid] = "entity"
        self.entity_spans[uid] = span
        say(f"ok create {uid} {label}")

    def create_quote(self) -> None:
        content, kind = self.span(60), self.rng.choice(self.kinds)
        cue, speaker = self.span(4), self.entity_ref()
        say("do create")
        if self.store is not None:
            uid = self.store.add_quote(
                self.doc_id, self.annotator, content, kind, cue, speaker
            ).uuid
        else:
            assert speaker is not None
            uid = self.cli(
                "--layer",
                "quote",
                "--start",
                str(content.start),
                "--end",
                str(content.end),
                "--kind",
                kind,
                "--cue",
                f"{cue.start}:{cue.end}",
                "--speaker",
                speaker.uuid,
            )
        self.live[uid] = "quote"
        say(f"ok create {uid} {kind}")

    def create_stance(self) -> None:
        holder = self.entity_ref() or self.span()
        polarity, topic, evidence = (
            self.rng.choice(self.polarities),
            self.rng.choice(TOPICS),
            self.span(40),
        )
        say("do create")
        if self.store is not None:
            uid = self.store.add_stance(
                self.doc_id, self.annotator, holder, Topic(topic), polarity, [evidence]
            ).uuid
        else:
            assert isinstance(holder, Ref)
            uid = self.cli(
                "--layer",
                "stance",
                "--holder",
                holder.uuid,
                "--topic",
                topic,
                "--polarity",
                polarity,
                "--evidence",
                f"{evidence.start}:{evidence.end}",
            )
        self.live[uid] = "stance"
        say(f"ok create {uid} {polarity}")

    def cli(self, *args: str) -> str:
        from corpus.cli import main

        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main(
                [
                    "annotate",
                    "--db",
                    str(self.db),
                    str(self.doc_id),
                    "--annotator",
                    self.annotator,
                    *args,
                ]
            )
        if code != 0:
            raise SystemExit(f"tawsim annotate failed with status {code}")
        return out.getvalue().strip()

    # --------------------------------------------------------------- changing

    def relabel(self) -> None:
        assert self.store is not None
        uid = self.rng.choice(sorted(self.live))
        choices = {"entity": self.entity_labels, "quote": self.kinds, "stance": self.polarities}
        label = self.rng.choice(choices[self.live[uid]])
        say(f"do relabel {uid} {label}")
        self.store.relabel(uid, label)
        say(f"ok relabel {uid} {label}")

    def delete(self) -> None:
        assert self.store is not None
        uid = self.rng.choice(sorted(self.live))
        say(f"do delete {uid}")
        self.store.delete(uid)
        del self.live[uid]
        self.entity_spans.pop(uid, None)
        say(f"ok delete {uid}")


class Ledger:
    """What a writer's output says it did: the acknowledged state of each annotation.

    ``state`` maps every uuid the writer acknowledged to its label, or to None once its
    deletion was acknowledged. ``in_flight`` is the call that had begun but not
    returned when the output ended: ``("create",)``, ``("relabel", uuid, label)`` or
    ``("delete", uuid)``, else None.
    """

    def __init__(self, state: dict[str, str | None] | None = None) -> None:
        self.state: dict[str, str | None] = dict(state or {})
        self.in_flight: tuple[str, ...] | None = None
        self.acknowledged = 0
        self.doc_id: int | None = None

    def feed(self, line: str) -> None:
        words = line.split()
        if not words:
            return
        if words[0] == "ready":
            self.doc_id = int(words[1])
        elif words[0] == "do":
            self.in_flight = tuple(words[1:])
        elif words[0] == "ok":
            action, uid = words[1], words[2]
            self.state[uid] = None if action == "delete" else words[3]
            self.in_flight = None
            self.acknowledged += 1
        else:
            raise ValueError(f"unexpected writer output: {line!r}")

    def live(self) -> dict[str, str]:
        return {uid: label for uid, label in self.state.items() if label is not None}


class WriterProcess:
    """This script running in a subprocess, its output read as it comes (no pipe stall)."""

    def __init__(self, db: Path, *options: str, ledger: Ledger | None = None) -> None:
        self.ledger = ledger or Ledger()
        self.lines: list[str] = []
        self._lock = threading.Lock()
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), str(db), *options],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._errors: list[str] = []
        self._err_reader = threading.Thread(target=self._read_errors, daemon=True)
        self._err_reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            with self._lock:
                self.lines.append(line)
                self.ledger.feed(line)

    def _read_errors(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self._errors.append(line)

    def acknowledged(self) -> set[str]:
        """The uuids whose creation the writer has acknowledged so far."""
        with self._lock:
            return set(self.ledger.state)

    def wait_for(self, acknowledged: int, timeout: float = 60) -> None:
        """Block until the writer is ready and has acknowledged this many changes."""
        deadline = time.monotonic() + timeout
        while self.ledger.doc_id is None or self.ledger.acknowledged < acknowledged:
            if self.proc.poll() is not None:
                self.finish()
                raise AssertionError(f"the writer exited ({self.proc.returncode}): {self.stderr}")
            if time.monotonic() > deadline:
                raise AssertionError(f"the writer did not get going in {timeout} s: {self.stderr}")
            time.sleep(0.01)

    def kill(self) -> int:
        self.proc.kill()
        return self.finish()

    def finish(self, timeout: float = 120) -> int:
        code = self.proc.wait(timeout)
        self._reader.join(timeout)
        self._err_reader.join(timeout)
        return code

    @property
    def stderr(self) -> str:
        return "".join(self._errors)


def stored_labels(store: Store, doc_id: int, annotator: str) -> dict[str, str]:
    """uuid → label of what the database holds for this annotator."""
    return {a.uuid: label_of(a) for a in store.annotations(doc_id, annotator)}


def verify(store: Store, ledger: Ledger, annotator: str) -> dict[str, str | None]:
    """Check the database against a writer's acknowledgements; returns the stored truth.

    Every acknowledged change must be stored. Only the call in flight when the
    writer died may have gone either way.
    """
    assert ledger.doc_id is not None, "the writer never said ready"
    stored = stored_labels(store, ledger.doc_id, annotator)
    flight = ledger.in_flight or ()
    uncertain = flight[1] if len(flight) > 1 else None
    for uid, label in ledger.state.items():
        if uid == uncertain:
            continue
        if label is None:
            assert uid not in stored, f"acknowledged deletion of {uid} was undone"
        else:
            assert uid in stored, f"acknowledged annotation {uid} ({label}) is lost"
            assert stored[uid] == label, f"{uid}: stored {stored[uid]!r}, acknowledged {label!r}"
    if flight[:1] == ("relabel",):
        assert stored.get(flight[1]) in (ledger.state.get(flight[1]), flight[2])
    unknown = set(stored) - set(ledger.state)
    allowed = 1 if flight[:1] == ("create",) else 0
    assert len(unknown) <= allowed, (
        f"{len(unknown)} stored annotation(s) never acknowledged nor in flight: {sorted(unknown)}"
    )
    logged = {e.key for e in store.events(ledger.doc_id) if e.action == "create"}
    assert set(stored) <= logged, f"stored without a create event: {set(stored) - logged}"
    truth: dict[str, str | None] = dict.fromkeys(ledger.state)
    truth.update(stored)
    return truth


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db", type=Path)
    parser.add_argument("--annotator", default="writer")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--via", choices=["api", "cli"], default="api")
    parser.add_argument("--ops", choices=["create", "mixed"], default="create")
    parser.add_argument("--count", type=int, default=0, help="writes to make; 0: until killed")
    parser.add_argument("--seconds", type=float, default=0, help="stop after this long")
    parser.add_argument("--pause-ms", type=float, default=0, help="pause between writes")
    parser.add_argument("--stop-file", type=Path, help="stop once this file exists")
    parser.add_argument(
        "--go-file", type=Path, help="once ready, wait for this file before the first write"
    )
    args = parser.parse_args()
    if args.via == "cli" and args.ops != "create":
        parser.error("the CLI can only create annotations")
    writer = Writer(args.db, args.annotator, args.seed, args.via, args.ops)
    say(f"ready {writer.doc_id}")
    # Writers started together begin writing together, however slowly each started.
    while args.go_file and not args.go_file.exists():
        time.sleep(0.005)
    deadline = time.monotonic() + args.seconds if args.seconds else None
    done = 0
    while (
        (not args.count or done < args.count)
        and (deadline is None or time.monotonic() < deadline)
        and not (args.stop_file and args.stop_file.exists())
    ):
        writer.step()
        done += 1
        if args.pause_ms:
            time.sleep(args.pause_ms / 1000)
    if writer.store is not None:
        writer.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
