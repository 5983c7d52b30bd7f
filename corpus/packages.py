"""Assignment packages: a lead hands documents out as self-contained database files (issue 10).

``--overlap K`` (a percentage): K% of the chosen documents (rounded, picked with the seed)
go into every annotator's package, for agreement; the rest are dealt out in turn, so each
document is annotated by everyone (overlap) or by exactly one annotator.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import replace
from pathlib import Path
from typing import Any

from corpus.errors import NotFoundError, UserError
from corpus.model import Event, annotation_to_json


def assign(
    doc_ids: Sequence[int], annotators: Sequence[str], overlap: float = 0.0, seed: int = 0
) -> dict[str, list[int]]:
    """Each annotator's documents, ascending; the same inputs always give the same split."""
    if not annotators:
        raise UserError("--annotator: name at least one annotator")
    if len(set(annotators)) != len(annotators):
        raise UserError("--annotator: an annotator is named twice")
    if not 0 <= overlap <= 100:
        raise UserError(f"--overlap: {overlap} is not a percentage between 0 and 100")
    shuffled = sorted(set(doc_ids))
    random.Random(seed).shuffle(shuffled)
    shared = round(len(shuffled) * overlap / 100) if len(annotators) > 1 else 0
    packages: dict[str, list[int]] = {name: list(shuffled[:shared]) for name in annotators}
    for index, doc_id in enumerate(shuffled[shared:]):
        packages[annotators[index % len(annotators)]].append(doc_id)
    return {name: sorted(ids) for name, ids in packages.items()}


def package_path(out: Path, annotator: str, several: bool) -> Path:
    """The package file for ``annotator``: ``out`` itself, or ``{annotator}`` filled in."""
    if "{annotator}" in str(out):
        return Path(str(out).replace("{annotator}", annotator))
    if several:
        raise UserError(f"--out {out}: with several annotators, put {{annotator}} in the file name")
    return out


def pack(
    store: Any,
    doc_ids: Sequence[int],
    annotators: Sequence[str],
    out: Path,
    overlap: float = 0.0,
    seed: int = 0,
    force: bool = False,
) -> list[dict[str, Any]]:
    """Write one package per annotator; returns ``{annotator, path, documents}`` per package."""
    split = assign(doc_ids, annotators, overlap, seed)
    paths = {name: package_path(out, name, len(annotators) > 1) for name in annotators}
    for path in paths.values():
        if path.exists() and not force:
            raise UserError(f"{path}: already exists; not overwritten (--force to replace)")
    written = []
    for name, ids in split.items():
        path = paths[name]
        if path.exists():
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        store.add_annotator(name)
        kept = store.write_package(path, ids)
        written.append({"annotator": name, "path": str(path), "documents": kept})
    return written


# ---------------------------------------------------------------------------- merge


# Which of two events on one annotation is the later: time, then txn id, then content,
# so that every order of merging picks the same one.
def _event_order(ev: Event) -> tuple[str, str, str, str]:
    return (ev.at, ev.txn, ev.action, json.dumps(ev.after, sort_keys=True, ensure_ascii=False))


def _identity(ev: Event) -> tuple[str, str, str, str]:
    """What makes two log rows the same event, in whichever database they sit."""
    return (ev.at, ev.txn, ev.action, ev.key)


def _rehomed(ev: Event, doc_id: int) -> Event:
    """``ev`` moved to the main database's id for its document."""
    if ev.document_id == doc_id:
        return ev

    def move(state: dict[str, Any] | None) -> dict[str, Any] | None:
        return None if state is None or ev.action == "status" else {**state, "document_id": doc_id}

    key = ev.key
    if ev.action == "status":
        key = f"{doc_id}:{ev.key.split(':', 1)[1]}"
    return replace(ev, document_id=doc_id, key=key, before=move(ev.before), after=move(ev.after))


def _counts(summary: dict[str, Any], annotator: str) -> dict[str, int]:
    per: dict[str, dict[str, int]] = summary["annotators"]
    return per.setdefault(annotator, {"added": 0, "updated": 0, "deleted": 0, "conflicts": 0})


def _match_documents(
    store: Any, package: Any, path: Path, summary: dict[str, Any]
) -> dict[int, int]:
    """Package document id → main document id, by sha256; the others are refused."""
    main = store.document_fingerprints()
    by_sha = {sha: doc_id for doc_id, _, sha in main}
    by_id = {doc_id: sha for doc_id, _, sha in main}
    by_external = {ext: (doc_id, sha) for doc_id, ext, sha in main if ext}
    matched: dict[int, int] = {}
    for doc_id, external_id, sha in package.document_fingerprints():
        if sha in by_sha:
            matched[doc_id] = by_sha[sha]
            continue
        named = f"document {doc_id}" + (f" ({external_id})" if external_id else "")
        if external_id and external_id in by_external:
            why = f"its text differs from main document {by_external[external_id][0]}'s"
        elif doc_id in by_id:
            why = f"its text differs from main document {doc_id}'s"
        else:
            why = "its text is not in the main database"
        line = f"{path}: {named}: {why} (sha256 {sha[:12]}…); not merged"
        summary["refused"].append({"package": str(path), "document": doc_id, "reason": line})
    return matched


def merge_package(
    store: Any, path: Path, summary: dict[str, Any], progress: Callable[[int], None] | None = None
) -> None:
    """Merge one package file into ``store`` (one transaction), adding to ``summary``."""
    from corpus.store import Store, is_suggestion_event

    if not path.is_file():
        raise UserError(f"{path}: no such package file")
    if store.path != ":memory:" and path.resolve() == Path(store.path).resolve():
        raise UserError(f"{path}: is the main database itself")
    with closing(Store.open(path)) as package:
        matched = _match_documents(store, package, path, summary)
        theirs: list[Event] = []
        for package_id, main_id in sorted(matched.items()):
            theirs += [_rehomed(ev, main_id) for ev in package.events(document_id=package_id)]
        wanted = set(matched.values())
        their_statuses = package.status_rows(matched)
    their_statuses = [(matched[d], name, st, at) for d, name, st, at in their_statuses]

    ours: dict[str, list[Event]] = {}
    known: set[tuple[str, str, str, str]] = set()
    for doc_id in sorted(wanted):
        for ev in store.events(document_id=doc_id):
            known.add(_identity(ev))
            ours.setdefault(ev.key, []).append(ev)
    their_ids = {_identity(ev) for ev in theirs}
    new = sorted(
        (ev for ev in theirs if _identity(ev) not in known),
        key=lambda ev: (*_event_order(ev), ev.id),
    )

    new_by_key: dict[str, list[Event]] = {}
    for ev in new:
        # A suggestion's change of state travels in the log only; no annotation to merge.
        if ev.action != "status" and not is_suggestion_event(ev.key):
            new_by_key.setdefault(ev.key, []).append(ev)
    states: list[tuple[str, dict[str, Any] | None]] = []
    changes: list[tuple[str, str]] = []
    for uid, arriving in sorted(new_by_key.items()):
        history = ours.get(uid, [])
        winner = max([*history, *arriving], key=_event_order)
        final = winner.after
        try:
            current_ann = store.annotation(uid)
            current: dict[str, Any] | None = annotation_to_json(current_ann)
        except NotFoundError:
            current = None
        owner = (final or current or winner.before or {}).get("annotator") or winner.annotator
        owner = str(owner or "")
        if any(_identity(ev) not in their_ids for ev in history):
            # Changed here too since the package was made: the later event won.
            _counts(summary, owner)["conflicts"] += 1
            summary["conflicts"].append(
                {
                    "package": str(path),
                    "document": winner.document_id,
                    "annotator": owner,
                    "uuid": uid,
                    "winner": "main" if winner in history else "package",
                    "at": winner.at,
                }
            )
        if final == current:
            continue
        kind = "added" if current is None else "deleted" if final is None else "updated"
        states.append((uid, final))
        changes.append((owner, kind))

    mine = {(d, name): (st, at) for d, name, st, at in store.status_rows(wanted)}
    statuses = [
        (d, name, st, at)
        for d, name, st, at in their_statuses
        if (d, name) not in mine or (at, st) > (mine[(d, name)][1], mine[(d, name)][0])
    ]
    # New annotators are registered inside absorb's transaction: a kill leaves none behind.
    skipped = store.absorb(new, _in_write_order(states), statuses, progress)
    failed = {line.split(":", 1)[0].removeprefix("annotation ") for line in skipped}
    for (uid, _), (owner, kind) in zip(states, changes, strict=True):
        if uid not in failed:
            _counts(summary, owner)[kind] += 1
    for line in skipped:
        summary["refused"].append(
            {"package": str(path), "document": None, "reason": f"{path}: {line}"}
        )
    summary["packages"].append(str(path))


def _in_write_order(
    states: list[tuple[str, dict[str, Any] | None]],
) -> list[tuple[str, dict[str, Any] | None]]:
    """Quotes and stances leave before entities do; entities arrive before what refers to them."""

    def rank(item: tuple[str, dict[str, Any] | None]) -> int:
        uid, state = item
        if state is None:
            return 3 if uid in entities else 0
        return 1 if state.get("layer") == "entity" else 2

    entities = {uid for uid, state in states if state is None}
    return sorted(states, key=lambda item: (rank(item), item[0]))


def merge(
    store: Any, paths: Sequence[Path], progress: Callable[[int], None] | None = None
) -> dict[str, Any]:
    """Merge package files into ``store``, one transaction each; the summary of them all.

    ``annotators``: per annotator ``added``, ``updated``, ``deleted``, ``conflicts``;
    ``conflicts``: each annotation changed both here and in a package (the later event won);
    ``refused``: each document (or annotation) left out, with its one-line reason.
    """
    summary: dict[str, Any] = {"annotators": {}, "conflicts": [], "refused": [], "packages": []}
    for path in paths:
        merge_package(store, Path(path), summary, progress)
    summary["annotators"] = dict(sorted(summary["annotators"].items()))
    return summary
