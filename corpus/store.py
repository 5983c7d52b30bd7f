"""The store: the one module that talks to SQLite.

Every write runs in its own ``BEGIN IMMEDIATE`` transaction and is committed before
the call returns (WAL, ``synchronous=FULL``): what the API acknowledged survives a
``kill -9``. No transaction stays open between calls. Every annotation change is
appended to the event log with its state before and after.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import itertools
import json
import os
import re
import sqlite3
import time
import uuid as uuidlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from corpus import rules
from corpus.arabic import fts_query, normalize_for_search
from corpus.errors import (
    BugError,
    ConflictError,
    DatabaseBusyError,
    DatabaseCorruptError,
    DatabaseIOError,
    DatabaseReadOnlyError,
    DiskFullError,
    NotFoundError,
    SchemaError,
    StoreVersionError,
    UserError,
    ValidationError,
)
from corpus.model import (
    LAYERS,
    STATUSES,
    Annotation,
    Arg,
    Change,
    Document,
    DocumentRow,
    Edit,
    Entity,
    Event,
    NewDocument,
    Quote,
    Ref,
    Span,
    Stance,
    Topic,
    annotation_from_json,
    annotation_to_json,
)
from corpus.resources import schema_dir
from corpus.schema import Schema, default_schema, parse_schema
from corpus.suggest.model import SOURCES as SUGGESTION_SOURCES
from corpus.suggest.model import STATES as SUGGESTION_STATES
from corpus.suggest.model import Suggestion

BUSY_TIMEOUT_MS = 60_000
# Pages of a new database. A news article (a few KB) does not fit a 4096-byte page's row:
# its text runs into overflow pages, the last one half empty on average. 1024-byte pages
# would take 10,000 articles to 1.31x their text, not 1.49x (benches/bench_size.py), but
# cost 8-21% more import CPU at 10,000 articles (interleaved A/B, 3 rounds) and about half
# as much again at 100,000: not worth 13% of the disk.
NEW_DATABASE_PAGE_SIZE = 4096
_BEGIN_POLL_SECONDS = 0.001
# Documents per page of an export's read (Store.iter_annotated).
_EXPORT_PAGE_DOCUMENTS = 256


@dataclass(frozen=True, slots=True)
class Batching:
    """How ``add_documents`` cuts an import into transactions: whichever limit comes first.

    Each transaction holds the write lock for about ``seconds`` at most, then the
    importer pauses ``pause_seconds`` so that a writer waiting on another connection
    (a label from the window, ``tawsim annotate``) gets the lock in between.
    """

    documents: int = 2000
    text_bytes: int = 8_000_000
    seconds: float = 0.05
    pause_seconds: float = 0.003


IMPORT_BATCHING = Batching()
# Rows fetched, and ids bound as SQL parameters, at a time: far below SQLite's limit
# of 32,766 parameters whatever the corpus size.
_ROWS_PER_CHUNK = 500
_TIMESTAMPS = ("created_at", "updated_at")


def now() -> str:
    """UTC time as ISO 8601 with microseconds."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def migrations() -> list[tuple[int, Path]]:
    """The SQL migrations in ``schema/``, as (version, path), ascending."""
    found = []
    for path in schema_dir().glob("[0-9][0-9][0-9][0-9]_*.sql"):
        found.append((int(path.name[:4]), path))
    found.sort()
    versions = [v for v, _ in found]
    if versions != list(range(1, len(versions) + 1)):
        raise BugError(f"migrations must be numbered 0001, 0002, ... without gaps: {versions}")
    return found


# The compact search index (schema/0006_search_index_detail.sql), and what Store.reindex
# keeps while it moves an older database's documents into it.
_COMPACT_INDEX = (
    "CREATE VIRTUAL TABLE documents_fts USING fts5 (title, text, content = '', "
    "detail = none, tokenize = 'unicode61 remove_diacritics 2')",
    "INSERT INTO documents_fts (documents_fts, rank) VALUES ('hashsize', 33554432)",
)
_DETAIL_NONE = re.compile(r"detail\s*=\s*'?none", re.IGNORECASE)
_OLD_INDEX = "documents_fts_full"
_REINDEX_PENDING = "search_reindex_pending"

# Migrations applied only when their query answers true (the version number is taken
# either way). 6 rebuilds the search index compactly, which only an empty one can be at
# once; `tawsim reindex` does it for a database with documents (Store.reindex).
_MIGRATION_CONDITIONS = {6: "SELECT NOT EXISTS (SELECT 1 FROM documents)"}


def _split_sql(script: str) -> list[str]:
    statements, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                statements.append(buf.strip())
            buf = ""
    if buf.strip() and not all(
        ln.strip().startswith("--") or not ln.strip() for ln in buf.splitlines()
    ):
        raise BugError(f"incomplete SQL statement at the end of a migration: {buf[:60]!r}")
    return statements


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """What one ``add_documents`` call did."""

    imported: list[int] = field(default_factory=list)
    # Listed only with keep_duplicates (an import of millions keeps none in memory).
    duplicates: list[tuple[NewDocument, int]] = field(default_factory=list)
    rejected: list[tuple[NewDocument, str]] = field(default_factory=list)
    annotations: int = 0
    duplicate_count: int = 0


@dataclass(slots=True)
class _BatchTotals:
    """Running counts of one ``add_documents`` transaction (or of the whole call)."""

    read: int = 0
    text_bytes: int = 0
    imported: int = 0
    duplicates: int = 0
    rejected: int = 0
    annotations: int = 0


PreparedDocument = tuple[NewDocument, str, str, str, str]


def prepare_document(doc: NewDocument) -> PreparedDocument:
    """What storing ``doc`` takes besides SQL: sha256, metadata JSON, search shadow.

    ``add_documents`` calls it; an importer may call it ahead, in another process,
    and hand the results over wrapped in :class:`Prepared`.
    """
    return (
        doc,
        sha256_text(doc.text),
        json.dumps(doc.metadata, ensure_ascii=False),
        normalize_for_search(doc.title),
        normalize_for_search(doc.text),
    )


class Prepared:
    """Documents already through :func:`prepare_document`, for ``add_documents``.

    Iterable once. ``close`` stops the source (say a reader process) early.
    """

    def __init__(self, records: Iterable[PreparedDocument]) -> None:
        self._records = iter(records)

    def __iter__(self) -> Iterator[PreparedDocument]:
        return self._records

    def close(self) -> None:
        close = getattr(self._records, "close", None)
        if close is not None:
            close()


# The event log's key of a suggestion's change of state: suggestion:<id>. Such events
# carry the suggestion's state, source and score, not an annotation: readers of the log
# that rebuild annotations (undo, merge) leave them out.
SUGGESTION_EVENT_PREFIX = "suggestion:"


def is_suggestion_event(key: str) -> bool:
    """Whether an event of the log records a suggestion's state, not an annotation."""
    return key.startswith(SUGGESTION_EVENT_PREFIX)


def _change_start(change: Change) -> int:
    ann = change.after or change.before
    if isinstance(ann, Entity):
        return ann.span.start
    if isinstance(ann, Quote):
        return ann.content.start
    return -1


@dataclass(frozen=True, slots=True)
class SuggestedDocument:
    """A document with one annotator's suggestions (for the suggestions export)."""

    document: Document
    annotator: str
    suggestions: list[Suggestion]


@dataclass(frozen=True, slots=True)
class AnnotatedDocument:
    """A document with one annotator's annotations and status (for exports)."""

    document: Document
    annotator: str
    status: str
    annotations: list[Annotation]


class Store:
    """A Tawsim database.

    Use :meth:`open` or :meth:`memory`; close with :meth:`close` or a ``with`` block.
    A Store belongs to the thread that opened it.
    """

    def __init__(self, conn: sqlite3.Connection, path: str, schema: Schema) -> None:
        self._conn = conn
        self.path = path
        self.schema = schema
        self._annotator_ids: dict[str, int] = {}

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        path: str | Path,
        schema: Schema | None = None,
        *,
        allow_dropped_labels: bool = False,
    ) -> Store:
        """Open (creating if needed) the database at ``path`` and bring it up to date.

        Args:
            path: the database file.
            schema: a label schema to use; None keeps the one the database records
                (or the default schema for a new database).
            allow_dropped_labels: switch to ``schema`` even if it drops labels that
                annotations use (they are then reported by ``check``).

        Raises:
            StoreVersionError: the file is not a Tawsim database, or a newer one
                (it is left untouched).
            DatabaseReadOnlyError: the file, its folder or its disk is read-only.
            DatabaseCorruptError: a SQLite database whose pages are damaged.
            StoreError: any other reason SQLite gives (busy, disk full, I/O).
            SchemaError: ``schema`` drops labels in use and ``allow_dropped_labels``
                is false.
        """
        path = Path(path)
        if path.exists() and path.is_dir():
            raise UserError(f"{path}: is a folder, not a database file")
        if path.exists() and not os.access(path, os.W_OK):
            # SQLite would open it read-only without a word and fail at the first write.
            raise DatabaseReadOnlyError(
                f"{path}: the database file is read-only{_read_only_why(path.parent)}; "
                "Tawsim needs to write to it (make it writable, or work on a copy)"
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(
                f"{path}: cannot create the database's folder: {exc.strerror or exc}"
            ) from exc
        try:
            conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error as exc:
            raise _opening_error(exc, path) or UserError(f"{path}: cannot open: {exc}") from exc
        try:
            return cls._setup(conn, str(path), schema, allow_dropped_labels)
        except sqlite3.Error as exc:
            conn.close()
            mapped = _opening_error(exc, path)
            if mapped is None:
                raise
            raise mapped from exc
        except BaseException:
            conn.close()
            raise

    @classmethod
    def memory(cls, schema: Schema | None = None) -> Store:
        """A fresh in-memory store, for tests and scratch work."""
        conn = sqlite3.connect(":memory:", isolation_level=None)
        return cls._setup(conn, ":memory:", schema, False)

    @classmethod
    def _setup(
        cls,
        conn: sqlite3.Connection,
        path: str,
        schema: Schema | None,
        allow_dropped_labels: bool,
    ) -> Store:
        known = migrations()
        latest = known[-1][0]
        try:
            # One statement, one snapshot: another process may be migrating right now.
            version, names = conn.execute(
                "SELECT (SELECT user_version FROM pragma_user_version), "
                "(SELECT group_concat(name, char(10)) FROM sqlite_master)"
            ).fetchone()
            tables = set(names.split("\n")) if names else set()
        except sqlite3.DatabaseError as exc:
            mapped = _opening_error(exc, Path(path))
            if mapped is None:
                raise
            raise mapped from exc
        if version > latest:
            raise StoreVersionError(
                f"{path}: database schema version {version} is newer than this Tawsim "
                f"understands (up to {latest}); upgrade Tawsim to open it. "
                "The database was not changed."
            )
        if version == 0 and tables:
            raise StoreVersionError(
                f"{path}: a SQLite database that is not Tawsim's (it has tables "
                f"{', '.join(sorted(tables)[:5])}); it was not changed"
            )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if version == 0 and path != ":memory:":
            # A new file: set before its first page is written (then it is fixed).
            conn.execute(f"PRAGMA page_size = {NEW_DATABASE_PAGE_SIZE}")
        if path != ":memory:":
            _switch_to_wal(conn, path)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        if version < latest:
            cls._migrate(conn, known)
        store = cls(conn, path, schema or default_schema())
        store._settle_schema(schema, allow_dropped_labels)
        return store

    @staticmethod
    def _migrate(conn: sqlite3.Connection, known: list[tuple[int, Path]]) -> None:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Read again under the write lock: another process may have migrated.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            for number, sql_path in known:
                if number <= version:
                    continue
                applies = _MIGRATION_CONDITIONS.get(number)
                if applies is None or conn.execute(applies).fetchone()[0]:
                    for statement in _split_sql(sql_path.read_text(encoding="utf-8")):
                        conn.execute(statement)
                version = number
            conn.execute(f"PRAGMA user_version = {int(version)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def _settle_schema(self, requested: Schema | None, allow_dropped: bool) -> None:
        recorded = self._meta("schema_text")
        if recorded is not None and requested is None:
            self.schema = parse_schema(recorded, f"{self.path} (recorded schema)")
            return
        if recorded is not None and requested is not None:
            if parse_schema(recorded).sha256 == requested.sha256:
                return
            dropped = self.labels_missing_from(requested)
            if dropped and not allow_dropped:
                listing = ", ".join(
                    f"{layer} {label!r} ({n})" for (layer, label), n in dropped.items()
                )
                raise SchemaError(
                    f"schema {requested.name!r} drops labels that annotations in {self.path} "
                    f"use: {listing}. Map or delete them first, or allow dropped labels."
                )
        with self._write():
            self._set_meta("schema_name", requested.name if requested else self.schema.name)
            self._set_meta("schema_sha256", self.schema.sha256)
            self._set_meta("schema_text", self.schema.text)

    def labels_missing_from(self, schema: Schema) -> dict[tuple[str, str], int]:
        """Labels in use that ``schema`` does not declare: (layer, label) → count."""
        missing: dict[tuple[str, str], int] = {}
        for layer, label, count in self._conn.execute(
            "SELECT layer, label, count(*) FROM annotations GROUP BY layer, label"
        ):
            if label not in schema.labels_of(layer):
                missing[(layer, label)] = count
        return missing

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ plumbing

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken with BEGIN IMMEDIATE so that busy_timeout applies."""
        conn = self._conn
        if self._in_transaction():
            raise BugError("nested write transaction")
        try:
            self._begin_immediate()
        except sqlite3.OperationalError as exc:
            raise _cannot_write(exc, self.path) from exc
        try:
            yield conn
        except BaseException:
            if self._in_transaction():  # SQLite may have rolled back already (disk full)
                conn.execute("ROLLBACK")
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self._in_transaction():
                conn.execute("ROLLBACK")
            raise _cannot_write(exc, self.path) from exc

    def _begin_immediate(self) -> None:
        """BEGIN IMMEDIATE, retried every millisecond while another writer holds the lock.

        SQLite's own busy handler sleeps up to 100 ms between tries, so a waiter keeps
        missing the short gaps an import leaves between its batches; polling this often
        takes the first gap. Gives up after BUSY_TIMEOUT_MS like the busy handler would.
        """
        conn = self._conn
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        conn.execute("PRAGMA busy_timeout = 0")
        try:
            while True:
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as exc:
                    if exc.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY:
                        raise
                    if time.monotonic() >= deadline:
                        raise
                time.sleep(_BEGIN_POLL_SECONDS)
        finally:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def _in_transaction(self) -> bool:
        # A call, not the attribute: type checkers would keep the attribute's value
        # narrowed across the statements that change it.
        return self._conn.in_transaction

    def _meta(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self._conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # Curation items gold refused (corpus.adjudication), per document. Kept in meta:
    # a handful of keys per document needs no table of its own (no migration).
    @staticmethod
    def _rejections_key(doc_id: int) -> str:
        return f"curation_rejected:{int(doc_id)}"

    def curation_rejections(self, doc_id: int) -> set[str]:
        """The keys of the document's curation items that gold rejected."""
        recorded = self._meta(self._rejections_key(doc_id))
        return set(json.loads(recorded)) if recorded else set()

    def add_curation_rejection(self, doc_id: int, item_key: str) -> None:
        self._change_rejections(doc_id, item_key, rejected=True)

    def forget_curation_rejection(self, doc_id: int, item_key: str) -> None:
        self._change_rejections(doc_id, item_key, rejected=False)

    def _change_rejections(self, doc_id: int, item_key: str, rejected: bool) -> None:
        with self._write():
            keys = self.curation_rejections(doc_id)
            if (item_key in keys) == rejected:
                return
            keys = keys | {item_key} if rejected else keys - {item_key}
            self._set_meta(self._rejections_key(doc_id), json.dumps(sorted(keys)))

    @property
    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def pragma(self, name: str) -> Any:
        """Read one PRAGMA (for checks and tests)."""
        if not name.replace("_", "").isalpha():
            raise BugError(f"bad pragma name {name!r}")
        return self._conn.execute(f"PRAGMA {name}").fetchone()[0]

    # ------------------------------------------------------------------ documents

    def add_documents(
        self,
        docs: Iterable[NewDocument] | Prepared,
        progress: Callable[[int], None] | None = None,
        annotator: str | None = None,
        keep_duplicates: bool = True,
        batching: Batching | None = None,
        run_id: int | None = None,
    ) -> ImportOutcome:
        """Import documents; a text already stored is a duplicate.

        Without ``batching`` all go in one transaction. With it, they go in bounded
        transactions (see :class:`Batching`) so that other writers are never locked
        out for long; a document, its search-index row, its pre-made annotations and
        status always go in the same one, so a kill leaves whole documents only.
        ``run_id`` (from :meth:`start_import_run`) gets each transaction's counts in
        that same transaction.

        ``docs`` must already be checked (``corpus.importers.base.text_problem``);
        they may come already hashed and normalised (:class:`Prepared`, as
        ``corpus.pipeline`` does in a second process). Duplicates are always
        counted (``duplicate_count``) and listed with ``keep_duplicates``.
        Their pre-made annotations go to the record's own ``annotator``, else to
        ``annotator``; a record whose annotations
        do not fit is rejected whole (its document too) and the rest go in. The
        annotations of a duplicate are added unless that annotator already has
        annotations on the stored document.
        """
        outcome = ImportOutcome()
        if not isinstance(docs, Prepared):
            docs = Prepared(prepare_document(doc) for doc in docs)
        records = iter(docs)
        totals = _BatchTotals()
        # Closed first on any error: a reader process behind ``docs`` stops at once.
        with closing(docs):
            while True:
                # The lock is taken with a record in hand: waiting for a reader (its
                # start-up, a slow file) never happens while other writers are held off.
                first = next(records, None)
                if first is None:
                    break
                batch = _BatchTotals()
                with self._write() as conn:
                    exhausted = self._add_batch(
                        conn,
                        itertools.chain([first], records),
                        outcome,
                        batch,
                        totals,
                        progress,
                        annotator,
                        keep_duplicates,
                        batching,
                    )
                    if run_id is not None:
                        self._count_in_run(conn, run_id, batch)
                totals.annotations += batch.annotations
                totals.duplicates += batch.duplicates
                if exhausted or batching is None:
                    break
                time.sleep(batching.pause_seconds)
        return replace(outcome, annotations=totals.annotations, duplicate_count=totals.duplicates)

    def _add_batch(
        self,
        conn: sqlite3.Connection,
        records: Iterator[PreparedDocument],
        outcome: ImportOutcome,
        batch: _BatchTotals,
        totals: _BatchTotals,
        progress: Callable[[int], None] | None,
        annotator: str | None,
        keep_duplicates: bool,
        batching: Batching | None,
    ) -> bool:
        """Store records in the open transaction until a ``batching`` limit; True at the end."""
        stamp = now()
        insert = (
            "INSERT OR IGNORE INTO documents "
            "(external_id, title, text, length, sha256, source, metadata, imported_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        )
        fts = "INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)"
        txn = str(uuidlib.uuid4())
        started = time.monotonic()
        for doc, digest, metadata, fts_title, fts_text in records:
            totals.read += 1
            batch.read += 1
            batch.text_bytes += len(doc.text)
            annotated = bool(doc.annotations) or doc.status is not None
            who = doc.annotator or annotator  # a record naming its own annotator wins
            if annotated:
                if who is None:
                    raise BugError("annotated documents need an annotator")
                conn.execute("SAVEPOINT record")
            cur = conn.execute(
                insert,
                (
                    doc.external_id,
                    doc.title,
                    doc.text,
                    len(doc.text),
                    digest,
                    doc.source,
                    metadata,
                    stamp,
                ),
            )
            if cur.rowcount == 1:
                doc_id = cur.lastrowid
                assert doc_id is not None
                conn.execute(fts, (doc_id, fts_title, fts_text))
                is_new = True
            else:
                stored = conn.execute(
                    "SELECT id FROM documents WHERE sha256 = ?", (digest,)
                ).fetchone()
                if stored is None:
                    # OR IGNORE also skips a row that fails a CHECK: not a duplicate.
                    if annotated:
                        conn.execute("RELEASE record")
                    outcome.rejected.append(
                        (doc, "the database refused the record (metadata not valid JSON)")
                    )
                    batch.rejected += 1
                    continue
                doc_id = stored[0]
                is_new = False
            if annotated:
                assert who is not None
                try:
                    added = self._add_premade(conn, txn, doc_id, who, doc.annotations)
                    self._add_premade_status(conn, txn, doc_id, who, doc, added)
                except (ValidationError, ConflictError) as exc:
                    conn.execute("ROLLBACK TO record")
                    conn.execute("RELEASE record")
                    outcome.rejected.append((doc, str(exc)))
                    batch.rejected += 1
                    continue
                conn.execute("RELEASE record")
                batch.annotations += added
            if is_new:
                outcome.imported.append(doc_id)
                batch.imported += 1
            else:
                batch.duplicates += 1
                if keep_duplicates:
                    outcome.duplicates.append((doc, doc_id))
            if progress is not None:
                progress(totals.read)
            if batching is not None and (
                batch.read >= batching.documents
                or batch.text_bytes >= batching.text_bytes
                or time.monotonic() - started >= batching.seconds
            ):
                return False
        return True

    def _add_premade_status(
        self,
        conn: sqlite3.Connection,
        txn: str,
        doc_id: int,
        annotator: str,
        doc: NewDocument,
        added: int,
    ) -> None:
        # A record's status goes with its annotations: never over an annotator's own work.
        if doc.status is None:
            return
        if doc.status not in STATUSES:
            raise ValidationError(f"unknown status {doc.status!r} (one of {', '.join(STATUSES)})")
        if added or (not doc.annotations and self.status(doc_id, annotator.strip()) == "todo"):
            self._set_status(conn, txn, doc_id, annotator.strip(), doc.status)

    def _add_premade(
        self,
        conn: sqlite3.Connection,
        txn: str,
        doc_id: int,
        annotator: str,
        annotations: Sequence[Annotation],
    ) -> int:
        annotator = annotator.strip()
        annotator_id = self._annotator_id(annotator)
        if conn.execute(
            "SELECT 1 FROM annotations WHERE document_id = ? AND annotator_id = ? LIMIT 1",
            (doc_id, annotator_id),
        ).fetchone():
            return 0
        # Readers make their own uuids; give fresh ones where they are taken already
        # (the same file imported into two documents, say) and keep Refs pointing right.
        renamed: dict[str, str] = {}
        for ann in annotations:
            if self._maybe_annotation(ann.uuid) is not None or not _UUID_OK(ann.uuid):
                renamed[ann.uuid] = str(uuidlib.uuid4())
        changes = [Change(None, _rehome(ann, doc_id, annotator, renamed)) for ann in annotations]
        self._apply_in(conn, txn, Edit(tuple(changes)))
        return len(changes)

    # ------------------------------------------------------------------ import runs

    def start_import_run(self, sources: Sequence[str], fmt: str, options: dict[str, Any]) -> int:
        """Record an import that is starting (state ``running``, this process's pid)."""
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO import_runs (sources, format, options, state, pid, started_at) "
                "VALUES (?, ?, ?, 'running', ?, ?)",
                (
                    json.dumps(list(sources), ensure_ascii=False),
                    fmt,
                    json.dumps(options, ensure_ascii=False, sort_keys=True),
                    os.getpid(),
                    now(),
                ),
            )
        run_id = cur.lastrowid
        assert run_id is not None
        return run_id

    @staticmethod
    def _count_in_run(conn: sqlite3.Connection, run_id: int, batch: _BatchTotals) -> None:
        conn.execute(
            "UPDATE import_runs SET imported = imported + ?, duplicates = duplicates + ?, "
            "rejected = rejected + ?, commits = commits + 1 WHERE id = ?",
            (batch.imported, batch.duplicates, batch.rejected, run_id),
        )

    def finish_import_run(self, run_id: int, rejected: int | None = None) -> None:
        """Mark a run done; earlier unfinished runs of the same command are superseded.

        ``rejected``: the run's full count of rejected records (readers reject most
        before the store sees them).
        """
        with self._write() as conn:
            row = conn.execute(
                "SELECT sources, format, options FROM import_runs WHERE id = ?", (run_id,)
            ).fetchone()
            if row is None:
                raise BugError(f"no import run {run_id}")
            conn.execute(
                "UPDATE import_runs SET state = 'done', finished_at = ?, "
                "rejected = coalesce(?, rejected) WHERE id = ?",
                (now(), rejected, run_id),
            )
            conn.execute(
                "UPDATE import_runs SET state = 'superseded', superseded_by = ? "
                "WHERE id < ? AND state IN ('running', 'interrupted') "
                "AND sources = ? AND format = ? AND options = ?",
                (run_id, run_id, *row),
            )

    def interrupt_import_run(self, run_id: int) -> None:
        """Mark a run that stopped on an error (a kill leaves it ``running``: see below)."""
        with self._write() as conn:
            conn.execute(
                "UPDATE import_runs SET state = 'interrupted', finished_at = ? "
                "WHERE id = ? AND state = 'running'",
                (now(), run_id),
            )

    def import_runs(self) -> list[dict[str, Any]]:
        """Every recorded import, oldest first; a ``running`` run whose process is gone
        (killed) is reported ``interrupted``."""
        runs = []
        for row in self._conn.execute(
            "SELECT id, sources, format, options, state, pid, imported, duplicates, rejected, "
            "commits, started_at, finished_at, superseded_by FROM import_runs ORDER BY id"
        ):
            run_id, sources, fmt, options, state, pid, *counts = row
            if state == "running" and not _process_alive(pid):
                state = "interrupted"
            imported, duplicates, rejected, commits, started, finished, superseded_by = counts
            runs.append(
                {
                    "id": run_id,
                    "sources": json.loads(sources),
                    "format": fmt,
                    "options": json.loads(options),
                    "state": state,
                    "imported": imported,
                    "duplicates": duplicates,
                    "rejected": rejected,
                    "commits": commits,
                    "started_at": started,
                    "finished_at": finished,
                    "superseded_by": superseded_by,
                }
            )
        return runs

    def add_document(self, text: str, title: str = "", **kwargs: Any) -> int:
        """Import one document; returns its id (the existing one for a duplicate)."""
        outcome = self.add_documents([NewDocument(text=text, title=title, **kwargs)])
        return outcome.imported[0] if outcome.imported else outcome.duplicates[0][1]

    def delete_document(self, doc_id: int) -> None:
        """Remove a document with its annotations and statuses (logged as events)."""
        doc = self.document(doc_id)
        anns = self.annotations(doc_id)
        with self._write() as conn:
            txn = str(uuidlib.uuid4())
            for ann in anns:
                self._log(conn, txn, "delete", ann.uuid, doc_id, ann.annotator, ann, None)
            self._unindex(conn, doc_id, doc.title, doc.text)
            conn.execute(
                "DELETE FROM annotation_args WHERE annotation_id IN "
                "(SELECT id FROM annotations WHERE document_id = ?)",
                (doc_id,),
            )
            conn.execute("DELETE FROM annotations WHERE document_id = ?", (doc_id,))
            conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
            # A later document may take the freed id: it starts with no rejections.
            conn.execute("DELETE FROM meta WHERE key = ?", (self._rejections_key(doc_id),))

    # ------------------------------------------------------------------ search index

    def _reindexing(self) -> bool:
        """Whether a :meth:`reindex` has started and not finished (two indexes)."""
        row = self._conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = ?", (_REINDEX_PENDING,)
        ).fetchone()
        return row is not None

    def _unindex(self, conn: sqlite3.Connection, doc_id: int, title: str, text: str) -> None:
        """Take a document out of the search index, in the open transaction.

        The index is contentless: a row is deleted with the very values it was given.
        A document still in the old index during a reindex is only struck off its list
        (the old index's rows of documents off the list are never read).
        """
        if self._reindexing():
            cur = conn.execute(f"DELETE FROM {_REINDEX_PENDING} WHERE document_id = ?", (doc_id,))
            if cur.rowcount:
                return
        conn.execute(
            "INSERT INTO documents_fts (documents_fts, rowid, title, text) "
            "VALUES ('delete', ?, ?, ?)",
            (doc_id, normalize_for_search(title), normalize_for_search(text)),
        )

    def search_index(self) -> dict[str, Any]:
        """The search index's form: ``detail`` ``none`` (compact, schema version 6) or
        ``full`` (an older database's, with position lists: about 3.5x larger, answers
        the same), and ``reindex_pending``, the documents a started :meth:`reindex`
        has still to move (0 when none runs)."""
        row = self._conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'documents_fts'"
        ).fetchone()
        compact = row is not None and _DETAIL_NONE.search(row[0]) is not None
        pending = 0
        if self._reindexing():
            pending = int(
                self._conn.execute(f"SELECT count(*) FROM {_REINDEX_PENDING}").fetchone()[0]
            )
        return {"detail": "none" if compact else "full", "reindex_pending": pending}

    def reindex(
        self,
        progress: Callable[[int, int], None] | None = None,
        batching: Batching | None = IMPORT_BATCHING,
    ) -> int:
        """Rebuild an older database's search index in the compact form; returns how many
        documents it moved (0: the index was compact already).

        The full index is renamed aside and a compact one created beside it, in one short
        transaction; the documents then move across in bounded transactions like an
        import's (:class:`Batching`: a few hundredths of a second each, then a pause), so
        a writer on another connection is never locked out for long. Search meanwhile asks
        each document of the index that holds it. A kill or an interruption loses the
        batch in progress at most; calling this again goes on from there. The old index
        is dropped at the end: its pages are free for the database to reuse (``VACUUM``
        gives them back to the disk). ``progress(done, total)`` after each batch.
        """
        with self._write() as conn:
            if not self._reindexing():
                if self.search_index()["detail"] == "none":
                    return 0
                conn.execute(f"ALTER TABLE documents_fts RENAME TO {_OLD_INDEX}")
                for statement in _COMPACT_INDEX:
                    conn.execute(statement)
                conn.execute(f"CREATE TABLE {_REINDEX_PENDING} (document_id INTEGER PRIMARY KEY)")
                conn.execute(f"INSERT INTO {_REINDEX_PENDING} SELECT id FROM documents")
        total = self.search_index()["reindex_pending"]
        done = 0
        if progress is not None:
            progress(done, total)
        while True:
            with self._write() as conn:
                if not self._reindexing():  # another process finished it
                    return done
                moved = self._reindex_batch(conn, batching)
                if moved == 0:
                    conn.execute(f"DROP TABLE {_OLD_INDEX}")
                    conn.execute(f"DROP TABLE {_REINDEX_PENDING}")
            done += moved
            if progress is not None:
                progress(done, max(done, total))
            if moved == 0:
                return done
            if batching is not None:
                time.sleep(batching.pause_seconds)

    @staticmethod
    def _reindex_batch(conn: sqlite3.Connection, batching: Batching | None) -> int:
        """Move documents to the compact index up to a ``batching`` limit; how many."""
        started = time.monotonic()
        moved = text_bytes = 0
        while True:
            rows = conn.execute(
                f"SELECT d.id, d.title, d.text FROM {_REINDEX_PENDING} p "
                "JOIN documents d ON d.id = p.document_id ORDER BY p.document_id LIMIT 64"
            ).fetchall()
            if not rows:
                # Listed documents that are gone (deleted by an older Tawsim) go too.
                conn.execute(f"DELETE FROM {_REINDEX_PENDING}")
                return moved
            for doc_id, title, text in rows:
                conn.execute(
                    "INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)",
                    (doc_id, normalize_for_search(title), normalize_for_search(text)),
                )
                conn.execute(f"DELETE FROM {_REINDEX_PENDING} WHERE document_id = ?", (doc_id,))
                moved += 1
                text_bytes += len(text)
                if batching is not None and (
                    moved >= batching.documents
                    or text_bytes >= batching.text_bytes
                    or time.monotonic() - started >= batching.seconds
                ):
                    return moved

    def vacuum(self) -> None:
        """Give the database's free pages back to the disk (``VACUUM``: other writers
        wait until it is done, and it needs as much free disk as the database).

        A database with pages of another size also gets a new one's when no other
        connection has it open (the page size only changes outside WAL mode, which takes the
        database to itself); otherwise it keeps its pages.
        """
        conn = self._conn
        try:
            if self.path != ":memory:" and self.pragma("page_size") != NEW_DATABASE_PAGE_SIZE:
                try:
                    mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
                except sqlite3.OperationalError:  # another connection has it open
                    mode = "wal"
                if str(mode).lower() != "wal":
                    try:
                        conn.execute(f"PRAGMA page_size = {NEW_DATABASE_PAGE_SIZE}")
                        conn.execute("VACUUM")
                    finally:
                        _switch_to_wal(conn, self.path)
                    return
            conn.execute("VACUUM")
        except sqlite3.OperationalError as exc:
            raise _cannot_write(exc, self.path) from exc

    _DOC_COLUMNS = "id, external_id, title, text, sha256, source, metadata, imported_at"

    @staticmethod
    def _document_from_row(row: Sequence[Any]) -> Document:
        return Document(
            id=row[0],
            external_id=row[1],
            title=row[2],
            text=row[3],
            sha256=row[4],
            source=row[5],
            metadata=json.loads(row[6]),
            imported_at=row[7],
        )

    def document(self, doc_id: int) -> Document:
        row = self._conn.execute(
            f"SELECT {self._DOC_COLUMNS} FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no document with id {doc_id}")
        return self._document_from_row(row)

    def find_document(self, ref: str | int) -> Document:
        """A document by id, or else by external id."""
        text = str(ref).strip()
        if text.isdigit():
            row = self._conn.execute(
                f"SELECT {self._DOC_COLUMNS} FROM documents WHERE id = ?", (int(text),)
            ).fetchone()
            if row:
                return self._document_from_row(row)
        row = self._conn.execute(
            f"SELECT {self._DOC_COLUMNS} FROM documents WHERE external_id = ? ORDER BY id LIMIT 1",
            (text,),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no document with id or external id {text!r}")
        return self._document_from_row(row)

    def iter_documents(self, ids: Iterable[int] | None = None) -> Iterator[Document]:
        """Every document (or those of ``ids``), by id, streamed."""
        if ids is None:
            cur = self._conn.execute(f"SELECT {self._DOC_COLUMNS} FROM documents ORDER BY id")
            for row in cur:
                yield self._document_from_row(row)
        else:
            for doc_id in ids:
                yield self.document(doc_id)

    def _document_filter(
        self, search: str | None, status: str | None, annotator: str | None
    ) -> tuple[str, list[Any]]:
        """The FROM and WHERE clauses (``documents d``) of a document query, with params.

        A search joins the index first: FTS5 hands out its matches in rowid order, so a
        page of a search that matches most of a million documents stops early.
        """
        source = "documents d"
        where: list[str] = []
        params: list[Any] = []
        if search:
            query = fts_query(search)
            if query is None:
                return "documents d WHERE 0", []
            if self._reindexing():
                # Half re-indexed (Store.reindex): the documents not moved yet are asked
                # of the old index, the others of the new one.
                source = (
                    "(SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? UNION "
                    f"SELECT rowid FROM {_OLD_INDEX} WHERE {_OLD_INDEX} MATCH ? AND rowid IN "
                    f"(SELECT document_id FROM {_REINDEX_PENDING})) f "
                    "JOIN documents d ON d.id = f.rowid"
                )
                params += [query, query]
            else:
                source = "documents_fts f JOIN documents d ON d.id = f.rowid"
                where.append("documents_fts MATCH ?")
                params.append(query)
        if status:
            if status not in STATUSES:
                raise UserError(f"unknown status {status!r} (one of {', '.join(STATUSES)})")
            if annotator:
                annotator_id = self._annotator_id(annotator, create=False)
                if status == "todo":
                    where.append(
                        "NOT EXISTS (SELECT 1 FROM document_status s WHERE s.document_id = d.id "
                        "AND s.annotator_id = ? AND s.status != 'todo')"
                    )
                    params.append(annotator_id)
                else:
                    # Driven from the (annotator, status) index: few documents are done
                    # or skipped, so this stays fast on a million documents.
                    where.append(
                        "d.id IN (SELECT document_id FROM document_status "
                        "WHERE annotator_id = ? AND status = ?)"
                    )
                    params += [annotator_id, status]
            elif status == "todo":
                where.append(
                    "NOT EXISTS (SELECT 1 FROM document_status s WHERE s.document_id = d.id "
                    "AND s.status != 'todo')"
                )
            else:
                where.append("d.id IN (SELECT document_id FROM document_status WHERE status = ?)")
                params.append(status)
        elif annotator:
            self._annotator_id(annotator, create=False)
        return f"{source} WHERE {' AND '.join(where) or '1'}", params

    def list_documents(
        self,
        search: str | None = None,
        status: str | None = None,
        annotator: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[DocumentRow]:
        """Documents without their text, by id, with each annotator's status.

        ``status`` filters on ``annotator``'s status when one is named, else on any
        annotator's ("todo": no annotator has moved it on). A list: give ``limit`` on a
        large corpus, or stream with :meth:`iter_document_rows`.
        """
        return list(self.iter_document_rows(search, status, annotator, limit, offset))

    def iter_document_rows(
        self,
        search: str | None = None,
        status: str | None = None,
        annotator: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[DocumentRow]:
        """:meth:`list_documents`, streamed: memory and SQL parameters bounded per chunk."""
        selection, params = self._document_filter(search, status, annotator)
        order = "f.rowid" if search and fts_query(search) else "d.id"
        rows = self._conn.execute(
            f"SELECT d.id, d.external_id, d.title, d.sha256, d.length FROM {selection} "
            f"ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, -1 if limit is None else limit, offset],
        )
        while chunk := rows.fetchmany(_ROWS_PER_CHUNK):
            statuses: dict[int, dict[str, str]] = {row[0]: {} for row in chunk}
            marks = ",".join("?" * len(chunk))
            for doc_id, name, state in self._conn.execute(
                f"SELECT s.document_id, a.name, s.status FROM document_status s "
                f"JOIN annotators a ON a.id = s.annotator_id WHERE s.document_id IN ({marks}) "
                f"ORDER BY a.name",
                [row[0] for row in chunk],
            ):
                statuses[doc_id][name] = state
            for doc_id, external_id, title, sha256, length in chunk:
                yield DocumentRow(doc_id, external_id, title, sha256, length, statuses[doc_id])

    def count_documents(
        self, search: str | None = None, status: str | None = None, annotator: str | None = None
    ) -> int:
        selection, params = self._document_filter(search, status, annotator)
        return int(self._conn.execute(f"SELECT count(*) FROM {selection}", params).fetchone()[0])

    def document_ids(self) -> list[int]:
        return [r[0] for r in self._conn.execute("SELECT id FROM documents ORDER BY id")]

    def neighbour_document(self, doc_id: int, step: int) -> int | None:
        """The id after (step=1) or before (step=-1) ``doc_id``, or None at either end."""
        if step > 0:
            row = self._conn.execute(
                "SELECT id FROM documents WHERE id > ? ORDER BY id LIMIT 1", (doc_id,)
            ).fetchone()
        else:
            row = self._conn.execute(
                "SELECT id FROM documents WHERE id < ? ORDER BY id DESC LIMIT 1", (doc_id,)
            ).fetchone()
        return row[0] if row else None

    # ------------------------------------------------------------------ annotators, status

    def _annotator_id(self, name: object, create: bool = True) -> int:
        # Imported files may name an annotator with anything JSON holds.
        if not isinstance(name, str):
            name = annotator_name(name)  # raises, saying what it is
        cached = self._annotator_ids.get(name)
        if cached is not None:
            return cached
        clean = name.strip()
        row = None
        if clean:
            row = self._conn.execute(
                "SELECT id FROM annotators WHERE name = ?", (clean,)
            ).fetchone()
        if row is None:
            # Checked only for names not stored yet: a database made before the rule
            # keeps working with the names it has.
            clean = annotator_name(name)
            if not create:
                raise NotFoundError(f"no annotator named {clean!r}")
            if not self._conn.in_transaction:
                with self._write():
                    return self._annotator_id(clean, create)
            cur = self._conn.execute(
                "INSERT INTO annotators (name, created_at) VALUES (?, ?)", (clean, now())
            )
            annotator_id = cur.lastrowid
            assert annotator_id is not None
            # Not cached: the transaction that created it may still roll back.
            return annotator_id
        self._annotator_ids[name] = row[0]
        return int(row[0])

    def add_annotator(self, name: str) -> None:
        """Register an annotator (no-op if known)."""
        self._annotator_id(name, create=True)

    def annotators(self) -> list[str]:
        return [r[0] for r in self._conn.execute("SELECT name FROM annotators ORDER BY name")]

    def status(self, doc_id: int, annotator: str) -> str:
        row = self._conn.execute(
            "SELECT s.status FROM document_status s JOIN annotators a ON a.id = s.annotator_id "
            "WHERE s.document_id = ? AND a.name = ?",
            (doc_id, annotator.strip()),
        ).fetchone()
        return row[0] if row else "todo"

    def set_status(self, doc_id: int, annotator: str, status: str) -> None:
        """Set one annotator's status of a document (logged)."""
        if status not in STATUSES:
            raise ValidationError(f"unknown status {status!r} (one of {', '.join(STATUSES)})")
        self.document(doc_id)
        with self._write() as conn:
            self._set_status(conn, str(uuidlib.uuid4()), doc_id, annotator, status)

    def set_statuses(self, doc_ids: Iterable[int], annotator: str, status: str) -> int:
        """Set one annotator's status of many documents in one transaction (each logged).

        Returns how many documents changed status. An unknown id writes nothing.
        """
        if status not in STATUSES:
            raise ValidationError(f"unknown status {status!r} (one of {', '.join(STATUSES)})")
        changed = 0
        with self._write() as conn:
            txn = str(uuidlib.uuid4())
            for doc_id in doc_ids:
                if (
                    conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
                    is None
                ):
                    raise NotFoundError(f"no document with id {doc_id}")
                if self.status(doc_id, annotator) != status:
                    self._set_status(conn, txn, doc_id, annotator, status)
                    changed += 1
        return changed

    def _set_status(
        self, conn: sqlite3.Connection, txn: str, doc_id: int, annotator: str, status: str
    ) -> None:
        annotator_id = self._annotator_id(annotator)
        before = self.status(doc_id, annotator)
        if before == status:
            return
        conn.execute(
            "INSERT INTO document_status (document_id, annotator_id, status, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (document_id, annotator_id) DO UPDATE SET "
            "status = excluded.status, updated_at = excluded.updated_at",
            (doc_id, annotator_id, status, now()),
        )
        conn.execute(
            "INSERT INTO events (at, txn, annotator, document_id, action, key, before, after) "
            "VALUES (?, ?, ?, ?, 'status', ?, ?, ?)",
            (
                now(),
                txn,
                annotator.strip(),
                doc_id,
                f"{doc_id}:{annotator.strip()}",
                json.dumps({"status": before}),
                json.dumps({"status": status}),
            ),
        )

    def status_counts(self, annotator: str | None = None) -> dict[str, int]:
        """How many (document, annotator) pairs are in each status; unseen pairs are todo.

        With ``annotator``, counts that annotator's documents only.
        """
        counts = dict.fromkeys(STATUSES, 0)
        documents = self.count_documents()
        if annotator is not None:
            annotator_id = self._annotator_id(annotator, create=False)
            rows = self._conn.execute(
                "SELECT status, count(*) FROM document_status WHERE annotator_id = ? "
                "GROUP BY status",
                (annotator_id,),
            )
            pairs = documents
        else:
            rows = self._conn.execute(
                "SELECT status, count(*) FROM document_status GROUP BY status"
            )
            pairs = documents * len(self.annotators())
        for status, n in rows:
            counts[status] = n
        counts["todo"] = pairs - sum(n for s, n in counts.items() if s != "todo")
        return counts

    # ------------------------------------------------------------------ annotations: reading

    _ANN_SELECT = (
        'SELECT a.id, a.uuid, a.document_id, n.name, a.layer, a.label, a.start, a."end", '
        "a.created_at, a.updated_at FROM annotations a JOIN annotators n ON n.id = a.annotator_id"
    )

    def _build(self, rows: list[Sequence[Any]]) -> list[Annotation]:
        args: dict[int, list[Sequence[Any]]] = {}
        ids = [r[0] for r in rows if r[4] != "entity"]
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start : chunk_start + 500]
            marks = ",".join("?" * len(chunk))
            for arg in self._conn.execute(
                f'SELECT annotation_id, role, position, ref_uuid, start, "end", topic '
                f"FROM annotation_args WHERE annotation_id IN ({marks}) "
                f"ORDER BY annotation_id, role, position",
                chunk,
            ):
                args.setdefault(arg[0], []).append(arg)
        # The annotator, labels and timestamps repeat over thousands of rows: one
        # string object per distinct value rather than per row (a long document's
        # annotations take a third less memory).
        shared: dict[str, str] = {}
        return [self._annotation_from_row(r, args.get(r[0], []), shared) for r in rows]

    @staticmethod
    def _arg(row: Sequence[Any]) -> Arg:
        _, _, _, ref, start, end, topic = row
        if ref is not None:
            return Ref(ref)
        if topic is not None:
            return Topic(topic)
        return Span(start, end)

    def _annotation_from_row(
        self, row: Sequence[Any], args: list[Sequence[Any]], shared: dict[str, str] | None = None
    ) -> Annotation:
        _, uid, doc_id, annotator, layer, label, start, end, created, updated = row
        if shared is not None:
            keep = shared.setdefault
            annotator, label = keep(annotator, annotator), keep(label, label)
            created, updated = keep(created, created), keep(updated, updated)
        if layer == "entity":
            return Entity(uid, doc_id, annotator, Span(start, end), label, created, updated)
        common: dict[str, Any] = {
            "uuid": uid,
            "document_id": doc_id,
            "annotator": annotator,
            "created_at": created,
            "updated_at": updated,
        }
        by_role: dict[str, list[Arg]] = {}
        for arg in args:
            by_role.setdefault(arg[1], []).append(self._arg(arg))
        if layer == "quote":
            cue = by_role.get("cue", [None])[0]
            speaker = by_role.get("speaker", [None])[0]
            assert cue is None or isinstance(cue, Span)
            assert not isinstance(speaker, Topic)
            return Quote(content=Span(start, end), kind=label, cue=cue, speaker=speaker, **common)
        holder = by_role["holder"][0]
        target = by_role["target"][0]
        assert isinstance(holder, Span | Ref)
        evidence = tuple(e for e in by_role.get("evidence", []) if isinstance(e, Span))
        return Stance(holder=holder, target=target, polarity=label, evidence=evidence, **common)

    def annotation(self, uid: str) -> Annotation:
        rows = self._conn.execute(f"{self._ANN_SELECT} WHERE a.uuid = ?", (uid,)).fetchall()
        if not rows:
            raise NotFoundError(f"no annotation {uid}")
        return self._build(rows)[0]

    def _maybe_annotation(self, uid: str) -> Annotation | None:
        rows = self._conn.execute(f"{self._ANN_SELECT} WHERE a.uuid = ?", (uid,)).fetchall()
        return self._build(rows)[0] if rows else None

    def annotations(
        self, doc_id: int, annotator: str | None = None, layer: str | None = None
    ) -> list[Annotation]:
        """A document's annotations, entities first, each layer by position."""
        where = ["a.document_id = ?"]
        params: list[Any] = [doc_id]
        if annotator is not None:
            # By id, not name, so that the (document, annotator, layer, start, end)
            # index yields the rows in order.
            where.append("a.annotator_id = (SELECT id FROM annotators WHERE name = ?)")
            params.append(annotator.strip())
        if layer is not None:
            if layer not in LAYERS:
                raise UserError(f"unknown layer {layer!r} (one of {', '.join(LAYERS)})")
            where.append("a.layer = ?")
            params.append(layer)
        rows = self._conn.execute(
            f"{self._ANN_SELECT} WHERE {' AND '.join(where)} "
            # 'entity' < 'quote' < 'stance': alphabetical is the display order.
            'ORDER BY a.layer, a.start, a."end", a.id',
            params,
        ).fetchall()
        return self._build(rows)

    def annotations_in_range(
        self, doc_id: int, annotator: str, start: int, end: int
    ) -> list[Annotation]:
        """One annotator's annotations of a document that touch ``[start, end)``.

        An annotation touches the range when its own span (an entity's, a quote's
        content) or any of its argument spans (cue, speaker, holder, target, evidence
        given as spans) overlaps it; references and topics do not count, so a stance
        made only of them is never in a range. Same order as :meth:`annotations`.
        Lets a viewer read the part of a long article on screen first.
        """
        if end <= start:
            return []
        params = {"doc": doc_id, "name": annotator.strip(), "start": start, "end": end}
        # Own spans through the (document, annotator, layer, start, end) index; the
        # argument spans of the document's quotes and stances by their primary key.
        rows = self._conn.execute(
            f"{self._ANN_SELECT} WHERE a.id IN ("
            "SELECT id FROM annotations WHERE document_id = :doc "
            "AND annotator_id = (SELECT id FROM annotators WHERE name = :name) "
            "AND layer IN ('entity', 'quote') AND start < :end AND \"end\" > :start "
            "UNION "
            "SELECT q.id FROM annotations q WHERE q.document_id = :doc "
            "AND q.annotator_id = (SELECT id FROM annotators WHERE name = :name) "
            "AND q.layer IN ('quote', 'stance') AND EXISTS (SELECT 1 FROM annotation_args g "
            'WHERE g.annotation_id = q.id AND g.start < :end AND g."end" > :start)) '
            'ORDER BY a.layer, a.start, a."end", a.id',
            params,
        ).fetchall()
        return self._build(rows)

    def annotations_starting_in(
        self, doc_id: int, annotator: str, start: int, end: int
    ) -> list[Annotation]:
        """One annotator's entities and quotes whose own span starts in ``[start, end)``.

        Ranges that follow one another give each entity and quote once (stances have
        no span of their own: read them by layer), so a long document's annotations
        can be read a slice at a time; each slice is one range of the index.
        """
        if end <= start:
            return []
        rows = self._conn.execute(
            f"{self._ANN_SELECT} WHERE a.document_id = ? "
            "AND a.annotator_id = (SELECT id FROM annotators WHERE name = ?) "
            "AND a.layer IN ('entity', 'quote') AND a.start >= ? AND a.start < ? "
            'ORDER BY a.layer, a.start, a."end", a.id',
            (doc_id, annotator.strip(), start, end),
        ).fetchall()
        return self._build(rows)

    def stances_after(
        self, doc_id: int, annotator: str, after: int = 0, limit: int = 500
    ) -> tuple[list[Stance], int]:
        """One annotator's stances of a document a page at a time, in the order of
        :meth:`annotations`: those stored after row ``after`` (0 for the first
        page), at most ``limit``, and the row to ask after for the next page (no
        stance is skipped or repeated, whatever is added or deleted meanwhile).
        """
        rows = self._conn.execute(
            f"{self._ANN_SELECT} WHERE a.document_id = ? "
            "AND a.annotator_id = (SELECT id FROM annotators WHERE name = ?) "
            "AND a.layer = 'stance' AND a.id > ? ORDER BY a.id LIMIT ?",
            (doc_id, annotator.strip(), after, limit),
        ).fetchall()
        found = [a for a in self._build(rows) if isinstance(a, Stance)]
        return found, rows[-1][0] if rows else after

    def iter_annotated(
        self,
        annotator: str | None = None,
        status: str | None = None,
        layers: Sequence[str] = LAYERS,
    ) -> Iterator[AnnotatedDocument]:
        """Stream (document, annotator) pairs with their annotations, by document id.

        Without ``annotator``, every annotator that has annotations or a status on a
        document yields one item. ``status="done"`` keeps only pairs marked done.
        """
        params: list[Any] = []
        annotator_filter = ""
        if annotator is not None:
            params.append(self._annotator_id(annotator, create=False))
            annotator_filter = "AND p.annotator_id = ?"
        status_filter = ""
        if status not in (None, "any"):
            if status not in STATUSES:
                raise UserError(f"unknown status {status!r}")
            status_filter = "AND coalesce(s.status, 'todo') = ?"
            params.append(status)
        pairs_sql = (
            "WITH p AS (SELECT DISTINCT document_id, annotator_id FROM annotations "
            "WHERE document_id BETWEEN ? AND ? "
            "UNION SELECT document_id, annotator_id FROM document_status "
            "WHERE document_id BETWEEN ? AND ?) "
            "SELECT p.document_id, n.name, coalesce(s.status, 'todo') FROM p "
            "JOIN annotators n ON n.id = p.annotator_id "
            "LEFT JOIN document_status s ON s.document_id = p.document_id "
            "AND s.annotator_id = p.annotator_id "
            f"WHERE 1 {annotator_filter} {status_filter} ORDER BY p.document_id, n.name"
        )
        wanted = [layer for layer in LAYERS if layer in layers]
        # Pages of a few hundred documents, each read in a short transaction of its own:
        # three queries per page instead of three per document, memory bounded by the
        # page, and no read snapshot held for a whole export (that would keep SQLite
        # from checkpointing the WAL, which grows meanwhile). Each document is read
        # whole within one page.
        last_id = 0
        while True:
            own_transaction = not self._in_transaction()
            if own_transaction:
                self._conn.execute("BEGIN")
            try:
                page = [
                    row[0]
                    for row in self._conn.execute(
                        "SELECT id FROM documents WHERE id > ? ORDER BY id LIMIT ?",
                        (last_id, _EXPORT_PAGE_DOCUMENTS),
                    )
                ]
                if not page:
                    return
                first_id, last_id = page[0], page[-1]
                chunk = self._conn.execute(
                    pairs_sql, [first_id, last_id, first_id, last_id, *params]
                ).fetchall()
                items = self._annotated_page(chunk, wanted, annotator) if chunk else []
            finally:
                if own_transaction and self._in_transaction():
                    self._conn.execute("COMMIT")
            yield from items

    def _annotated_page(
        self, chunk: list[Any], wanted: list[str], annotator: str | None
    ) -> list[AnnotatedDocument]:
        doc_ids = sorted({row[0] for row in chunk})
        marks = ",".join("?" * len(doc_ids))
        docs = {
            row[0]: self._document_from_row(row)
            for row in self._conn.execute(
                f"SELECT {self._DOC_COLUMNS} FROM documents WHERE id IN ({marks})", doc_ids
            )
        }
        where = f"a.document_id IN ({marks}) AND a.layer IN ({','.join('?' * len(wanted))})"
        args: list[Any] = [*doc_ids, *wanted]
        if annotator is not None:
            where += " AND n.name = ?"
            args.append(annotator.strip())
        rows = (
            self._conn.execute(
                f"{self._ANN_SELECT} WHERE {where} ORDER BY a.document_id, "
                "CASE a.layer WHEN 'entity' THEN 0 WHEN 'quote' THEN 1 ELSE 2 END, "
                'a.start, a."end", a.id',
                args,
            ).fetchall()
            if wanted
            else []
        )
        grouped: dict[tuple[int, str], list[Annotation]] = {}
        for ann in self._build(rows):
            grouped.setdefault((ann.document_id, ann.annotator), []).append(ann)
        return [
            AnnotatedDocument(docs[doc_id], name, st, grouped.get((doc_id, name), []))
            for doc_id, name, st in chunk
        ]

    # ------------------------------------------------------------------ annotations: writing

    def add_entity(self, doc_id: int, annotator: str, start: int, end: int, label: str) -> Entity:
        """Tag ``[start, end)`` (code points) as an entity and return it as stored.

        Tagging the same words again (same document, annotator and span) relabels the
        entity already there, or changes nothing when it has that label
        (:func:`corpus.rules.tag_entity_edit`).
        """
        new = Entity(str(uuidlib.uuid4()), doc_id, annotator.strip(), Span(start, end), label)
        with self._write() as conn:
            existing = self.entity_with_span(doc_id, new.annotator, new.span)
            edit = rules.tag_entity_edit(existing, new)
            applied = self._apply_in(conn, str(uuidlib.uuid4()), edit) if edit.changes else edit
        stored = applied.changes[0].after if applied.changes else existing
        if not isinstance(stored, Entity):
            raise BugError(f"tagging {new.span} in document {doc_id} stored no entity")
        return stored

    def entity_with_span(self, doc_id: int, annotator: str, span: Span) -> Entity | None:
        """The annotator's entity of exactly ``span`` in the document, if there is one
        (the oldest, should an older database hold twins)."""
        rows = self._conn.execute(
            f"{self._ANN_SELECT} WHERE a.document_id = ? "
            "AND a.annotator_id = (SELECT id FROM annotators WHERE name = ?) "
            "AND a.layer = 'entity' AND a.start = ? AND a.\"end\" = ? ORDER BY a.id LIMIT 1",
            (doc_id, annotator.strip(), span.start, span.end),
        ).fetchall()
        found = self._build(rows)
        return found[0] if found and isinstance(found[0], Entity) else None

    def add_quote(
        self,
        doc_id: int,
        annotator: str,
        content: Span,
        kind: str,
        cue: Span | None = None,
        speaker: Span | Ref | None = None,
    ) -> Quote:
        ann = Quote(str(uuidlib.uuid4()), doc_id, annotator.strip(), content, kind, cue, speaker)
        result = self.apply(Edit((Change(None, ann),)))
        assert isinstance(result.changes[0].after, Quote)
        return result.changes[0].after

    def add_stance(
        self,
        doc_id: int,
        annotator: str,
        holder: Span | Ref,
        target: Span | Ref | Topic,
        polarity: str,
        evidence: Sequence[Span] = (),
    ) -> Stance:
        ann = Stance(
            str(uuidlib.uuid4()),
            doc_id,
            annotator.strip(),
            holder,
            target,
            polarity,
            tuple(evidence),
        )
        result = self.apply(Edit((Change(None, ann),)))
        assert isinstance(result.changes[0].after, Stance)
        return result.changes[0].after

    def update(self, ann: Annotation) -> Edit:
        """Replace an annotation's content (same uuid); returns the applied edit."""
        before = self.annotation(ann.uuid)
        return self.apply(Edit((Change(before, ann),)))

    def relabel(self, uid: str, label: str) -> Edit:
        """Change an entity's label, a quote's kind or a stance's polarity
        (:func:`corpus.rules.relabel_edit`); an empty edit when it has that label."""
        edit = rules.relabel_edit(self.annotation(uid), label)
        return self.apply(edit) if edit.changes else edit

    def delete(self, uid: str) -> Edit:
        """Delete an annotation. Quotes and stances that point at a deleted entity keep
        its span instead of the reference (one edit: undo restores both; see
        :func:`corpus.rules.delete_edit`)."""
        target = self.annotation(uid)
        referrers = [self.annotation(user) for user in self._referrers(uid)]
        return self.apply(rules.delete_edit(target, referrers))

    def _referrers(self, uid: str) -> list[str]:
        return [
            r[0]
            for r in self._conn.execute(
                "SELECT DISTINCT a.uuid FROM annotation_args g "
                "JOIN annotations a ON a.id = g.annotation_id WHERE g.ref_uuid = ? ORDER BY a.id",
                (uid,),
            )
        ]

    def apply(self, edit: Edit) -> Edit:
        """Apply an edit atomically, checking every 'before' against the store.

        This is the one write path for annotations: adding, changing, deleting, undo
        and redo all come here. Returns the edit as stored (with timestamps).

        Raises:
            ValidationError: an 'after' state does not fit its document or schema.
            ConflictError: the store no longer holds an edit's 'before' state.
        """
        with self._write() as conn:
            return self._apply_in(conn, str(uuidlib.uuid4()), edit)

    def _apply_in(self, conn: sqlite3.Connection, txn: str, edit: Edit) -> Edit:
        stamp = now()
        applied: list[Change] = []
        created_uuids: list[str] = []
        deleted_uuids: list[str] = []
        relabelled: list[tuple[Entity, Entity]] = []
        touched_docs: set[tuple[int, str]] = set()
        for change in edit.changes:
            current = self._maybe_annotation(change.uuid)
            if not _same(current, change.before):
                raise ConflictError(
                    f"annotation {change.uuid} changed since this edit was made; not applied"
                )
            after = change.after
            if after is not None:
                created = after.created_at or (current.created_at if current else stamp)
                after = replace(after, created_at=created, updated_at=stamp)
                self._validate(after)
                self._write_annotation(conn, current, after)
                touched_docs.add((after.document_id, after.annotator))
            elif current is not None:
                referrers = self._referrers(current.uuid)
                if referrers:
                    raise ValidationError(
                        f"annotation {current.uuid} is still referenced by {', '.join(referrers)}"
                    )
                conn.execute("DELETE FROM annotations WHERE uuid = ?", (current.uuid,))
            action = "create" if current is None else "update" if after else "delete"
            owner = after or current
            if owner is None:
                continue
            self._log(
                conn, txn, action, change.uuid, owner.document_id, owner.annotator, current, after
            )
            applied.append(Change(current, after))
            if action == "create":
                created_uuids.append(change.uuid)
            elif action == "delete":
                deleted_uuids.append(change.uuid)
            elif isinstance(current, Entity) and isinstance(after, Entity):
                relabelled.append((current, after))
        self._follow_suggestions(conn, txn, created_uuids, deleted_uuids)
        self._follow_relabelled_suggestions(conn, txn, relabelled)
        for doc_id, annotator in sorted(touched_docs):
            if self.status(doc_id, annotator) == "todo":
                self._set_status(conn, txn, doc_id, annotator, "in_progress")
        return Edit(tuple(applied))

    def _log(
        self,
        conn: sqlite3.Connection,
        txn: str,
        action: str,
        key: str,
        doc_id: int,
        annotator: str,
        before: Annotation | None,
        after: Annotation | None,
    ) -> None:
        conn.execute(
            "INSERT INTO events (at, txn, annotator, document_id, action, key, before, after) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                now(),
                txn,
                annotator,
                doc_id,
                action,
                key,
                json.dumps(annotation_to_json(before), ensure_ascii=False) if before else None,
                json.dumps(annotation_to_json(after), ensure_ascii=False) if after else None,
            ),
        )

    def _validate(self, ann: Annotation) -> None:
        row = self._conn.execute(
            "SELECT length FROM documents WHERE id = ?", (ann.document_id,)
        ).fetchone()
        if row is None:
            raise ValidationError(f"no document with id {ann.document_id}")
        length = row[0]
        if not _UUID_OK(ann.uuid):
            raise ValidationError(f"{ann.uuid!r} is not a UUID")

        def span(name: str, value: Span) -> None:
            if value.end > length:
                raise ValidationError(
                    f"{ann.layer} {name} [{value.start}, {value.end}) lies outside the text of "
                    f"document {ann.document_id} ({length} characters)"
                )

        def ref(name: str, value: Ref) -> None:
            row = self._conn.execute(
                "SELECT a.document_id, a.layer, n.name FROM annotations a "
                "JOIN annotators n ON n.id = a.annotator_id WHERE a.uuid = ?",
                (value.uuid,),
            ).fetchone()
            if row is None:
                raise ValidationError(f"{ann.layer} {name}: no annotation {value.uuid}")
            if row[0] != ann.document_id:
                raise ValidationError(
                    f"{ann.layer} {name}: annotation {value.uuid} is in document {row[0]}, "
                    f"not {ann.document_id}"
                )
            if row[1] != "entity":
                raise ValidationError(
                    f"{ann.layer} {name}: {value.uuid} is a {row[1]}, not an entity"
                )
            if row[2] != ann.annotator:
                raise ValidationError(
                    f"{ann.layer} {name}: entity {value.uuid} belongs to {row[2]!r}, "
                    f"not {ann.annotator!r}"
                )

        def arg(name: str, value: Arg | None) -> None:
            if isinstance(value, Span):
                span(name, value)
            elif isinstance(value, Ref):
                ref(name, value)

        label = {Entity: "label", Quote: "kind", Stance: "polarity"}[type(ann)]
        value = getattr(ann, label)
        allowed = self.schema.labels_of(ann.layer)
        if value not in allowed:
            raise ValidationError(
                f"{ann.layer} {label} {value!r} is not in schema {self.schema.name!r} "
                f"(one of {', '.join(allowed)})"
            )
        if isinstance(ann, Entity):
            span("span", ann.span)
        elif isinstance(ann, Quote):
            span("content", ann.content)
            arg("cue", ann.cue)
            arg("speaker", ann.speaker)
        else:
            arg("holder", ann.holder)
            arg("target", ann.target)
            for ev in ann.evidence:
                span("evidence", ev)

    def _write_annotation(
        self, conn: sqlite3.Connection, current: Annotation | None, ann: Annotation
    ) -> None:
        annotator_id = self._annotator_id(ann.annotator)
        if isinstance(ann, Entity):
            label, start, end = ann.label, ann.span.start, ann.span.end
            args: list[tuple[str, int, Arg]] = []
        elif isinstance(ann, Quote):
            label, start, end = ann.kind, ann.content.start, ann.content.end
            args = [("cue", 0, ann.cue)] if ann.cue else []
            if ann.speaker:
                args.append(("speaker", 0, ann.speaker))
        else:
            label, start, end = ann.polarity, None, None
            args = [("holder", 0, ann.holder), ("target", 0, ann.target)]
            args += [("evidence", i, ev) for i, ev in enumerate(ann.evidence)]
        if current is None:
            cur = conn.execute(
                "INSERT INTO annotations (uuid, document_id, annotator_id, layer, label, start, "
                '"end", created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
                (
                    ann.uuid,
                    ann.document_id,
                    annotator_id,
                    ann.layer,
                    label,
                    start,
                    end,
                    ann.created_at,
                    ann.updated_at,
                ),
            )
            row_id = cur.lastrowid
        else:
            if (current.document_id, current.layer) != (ann.document_id, ann.layer):
                raise ValidationError("an annotation cannot move to another document or layer")
            if current.annotator != ann.annotator:
                raise ValidationError("an annotation cannot change annotator")
            row_id = conn.execute(
                'UPDATE annotations SET label = ?, start = ?, "end" = ?, updated_at = ? '
                "WHERE uuid = ? RETURNING id",
                (label, start, end, ann.updated_at, ann.uuid),
            ).fetchone()[0]
            conn.execute("DELETE FROM annotation_args WHERE annotation_id = ?", (row_id,))
        for role, position, value in args:
            conn.execute(
                "INSERT INTO annotation_args (annotation_id, role, position, ref_uuid, start, "
                '"end", topic) VALUES (?, ?, ?, ?, ?, ?, ?)',
                (
                    row_id,
                    role,
                    position,
                    value.uuid if isinstance(value, Ref) else None,
                    value.start if isinstance(value, Span) else None,
                    value.end if isinstance(value, Span) else None,
                    value.text if isinstance(value, Topic) else None,
                ),
            )

    # ------------------------------------------------------------------ event log

    def events(
        self, document_id: int | None = None, after_id: int = 0, limit: int | None = None
    ) -> list[Event]:
        """The event log, oldest first."""
        where = "id > ?"
        params: list[Any] = [after_id]
        if document_id is not None:
            where += " AND document_id = ?"
            params.append(document_id)
        rows = self._conn.execute(
            f"SELECT id, at, annotator, document_id, action, key, before, after, txn FROM events "
            f"WHERE {where} ORDER BY id LIMIT ?",
            [*params, -1 if limit is None else limit],
        )
        return [
            Event(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5],
                json.loads(r[6]) if r[6] else None,
                json.loads(r[7]) if r[7] else None,
                r[8],
            )
            for r in rows
        ]

    def data_version(self) -> int:
        """A number that changes whenever another connection (another window, a
        worker, another process) commits to this database; this connection's own
        commits leave it as it is. Cheap enough to poll several times a second."""
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def last_event_id(self) -> int:
        """The id of the newest event in the log (0 when it is empty)."""
        return int(self._conn.execute("SELECT COALESCE(MAX(id), 0) FROM events").fetchone()[0])

    def edit_of_txn(self, txn: str) -> Edit:
        """Rebuild, from the log, the annotation edit that one transaction made."""
        changes = []
        for ev in self._conn.execute(
            "SELECT before, after FROM events WHERE txn = ? AND action != 'status' "
            "AND substr(key, 1, ?) != ? ORDER BY id",
            (txn, len(SUGGESTION_EVENT_PREFIX), SUGGESTION_EVENT_PREFIX),
        ):
            before = annotation_from_json(json.loads(ev[0])) if ev[0] else None
            after = annotation_from_json(json.loads(ev[1])) if ev[1] else None
            changes.append(Change(before, after))
        return Edit(tuple(changes))

    # ------------------------------------------------------------------ suggestions

    # Columns of a suggestion row, in the order _suggestion_from_row reads them.
    # An entity proposal is all in the row's columns (its proposal is NULL).
    _SUGGESTION_COLUMNS = (
        "s.id, s.proposal, s.source, s.score, "
        's.state, s.uuid, s.document_id, s.annotator, s.label, s.start, s."end"'
    )

    @staticmethod
    def _suggestion_from_row(row: Sequence[Any]) -> Suggestion:
        suggestion_id, proposal, source, score, state, uid, doc_id, name, label, start, end = row
        ann: Annotation
        if proposal is None:
            ann = Entity(uid, doc_id, name, Span(start, end), label)
        else:
            ann = annotation_from_json(json.loads(proposal))
        if not isinstance(ann, Entity | Quote):
            raise BugError(f"suggestion {suggestion_id} proposes a {ann.layer}")
        return Suggestion(ann, source, float(score), int(suggestion_id), state)

    def add_suggestions(
        self,
        doc_id: int,
        annotator: str,
        suggestions: Iterable[Suggestion],
        *,
        replacing: Iterable[str] = (),
    ) -> int:
        """Store suggestions for ``annotator`` on one document; returns how many were stored.

        The annotator's open suggestions of the same sources (those of ``suggestions``,
        and those named in ``replacing``, so that a source that found nothing this time
        clears its old ones) are replaced. Left out: a suggestion the annotator rejected
        before (same layer, label and span, whatever its source), one whose span the
        annotator has already annotated (an entity of exactly that span, a quote of
        exactly that content), one an open suggestion of another source already makes,
        one that does not fit the document or the schema. Of twins in ``suggestions``
        the higher score is kept. Each stored proposal gets a fresh uuid: the uuid of
        the annotation that accepting it makes.
        """
        name = annotator_name(annotator)
        self.document(doc_id)  # raises NotFoundError
        given = list(suggestions)
        sources = {s.source for s in given} | set(replacing)
        unknown = sorted(sources - set(SUGGESTION_SOURCES))
        if unknown:
            raise ValidationError(
                f"unknown suggestion source {unknown[0]!r} (one of {', '.join(SUGGESTION_SOURCES)})"
            )
        best: dict[tuple[str, str, int, int], Suggestion] = {}
        for sug in given:
            if sug.document_id != doc_id or not isinstance(sug.proposal, Entity | Quote):
                continue
            if not 0.0 <= sug.score <= 1.0:
                continue
            key = (sug.layer, sug.label, sug.start, sug.end)
            kept = best.get(key)
            if kept is None or sug.score > kept.score:
                best[key] = sug
        stamp = now()
        with self._write() as conn:
            where = "document_id = ? AND annotator = ?"
            if sources:
                conn.execute(
                    f"DELETE FROM suggestions WHERE {where} AND state = 'open' "
                    f"AND source IN ({','.join('?' * len(sources))})",
                    (doc_id, name, *sorted(sources)),
                )
            # The annotator's own label in this document is better evidence than another
            # source's weaker twin: propagation replaces it ("annotate all" then takes it).
            propagated = [
                [label, start, end, sug.score]
                for (layer, label, start, end), sug in best.items()
                if sug.source == "propagate" and layer == "entity"
            ]
            if propagated:
                conn.execute(
                    "DELETE FROM suggestions WHERE id IN (SELECT s.id FROM json_each(?) AS j "
                    "CROSS JOIN suggestions AS s WHERE s.document_id = ? AND s.annotator = ? "
                    "AND s.state = 'open' AND s.layer = 'entity' AND s.source != 'propagate' "
                    "AND s.label = j.value ->> 0 AND s.start = j.value ->> 1 "
                    'AND s."end" = j.value ->> 2 AND s.score < j.value ->> 3)',
                    (json.dumps(propagated), doc_id, name),
                )
            skip = {
                (layer, label, start, end)
                for layer, label, start, end in conn.execute(
                    f'SELECT layer, label, start, "end" FROM suggestions WHERE {where} '
                    "AND state IN ('rejected', 'open')",
                    (doc_id, name),
                )
            }
            annotated = {
                (layer, start, end)
                for layer, start, end in conn.execute(
                    'SELECT layer, start, "end" FROM annotations WHERE document_id = ? '
                    "AND annotator_id = (SELECT id FROM annotators WHERE name = ?) "
                    "AND layer IN ('entity', 'quote')",
                    (doc_id, name),
                )
            }
            rows = []
            length = len(self.document(doc_id).text)
            entity_labels = set(self.schema.labels_of("entity"))
            for key, sug in sorted(best.items()):
                if key in skip or (sug.layer, sug.start, sug.end) in annotated:
                    continue
                proposal = sug.proposal
                fresh = str(uuidlib.uuid4())
                stored_json = None
                if isinstance(proposal, Entity):
                    # The checks _validate makes, without a query per proposal (a long
                    # article gets thousands at a key press); the columns hold it all.
                    if proposal.label not in entity_labels or proposal.span.end > length:
                        continue
                else:
                    proposal = replace(
                        proposal,
                        uuid=fresh,
                        document_id=doc_id,
                        annotator=name,
                        created_at="",
                        updated_at="",
                    )
                    try:
                        self._validate(proposal)
                    except ValidationError:
                        continue  # a kind the schema lacks, a span past the end
                    stored_json = json.dumps(annotation_to_json(proposal), ensure_ascii=False)
                rows.append(
                    (
                        fresh,
                        doc_id,
                        name,
                        sug.layer,
                        sug.label,
                        sug.start,
                        sug.end,
                        stored_json,
                        sug.source,
                        float(sug.score),
                        stamp,
                        stamp,
                    )
                )
            conn.executemany(
                "INSERT INTO suggestions (uuid, document_id, annotator, layer, label, "
                'start, "end", proposal, source, score, state, created_at, updated_at) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)",
                rows,
            )
        return len(rows)

    def update_suggestions(
        self,
        doc_id: int,
        annotator: str,
        suggestions: Iterable[Suggestion],
        *,
        dropping: Iterable[int] = (),
    ) -> list[Suggestion]:
        """Change part of a document's entity suggestions (what one edit touched): the
        annotator's open suggestions ``dropping`` (ids) are deleted, then the entity
        proposals of ``suggestions`` stored beside the others, no source replaced, with
        the checks of :meth:`add_suggestions` (rejected before, annotated already, made
        by an open suggestion already, twins, label and span). Unlike there, each keeps
        its proposal's uuid (a recommender's fresh one). Its cost is that of the
        suggestions given, whatever the document holds: four statements. Returns the
        stored ones, with their ids, by start.
        """
        name = annotator_name(annotator)
        length = len(self.document(doc_id).text)  # raises NotFoundError
        entity_labels = set(self.schema.labels_of("entity"))
        best: dict[tuple[str, int, int], Suggestion] = {}
        for sug in suggestions:
            proposal = sug.proposal
            if sug.source not in SUGGESTION_SOURCES:
                raise ValidationError(
                    f"unknown suggestion source {sug.source!r} "
                    f"(one of {', '.join(SUGGESTION_SOURCES)})"
                )
            if not isinstance(proposal, Entity) or proposal.document_id != doc_id:
                continue
            if not 0.0 <= sug.score <= 1.0 or proposal.label not in entity_labels:
                continue
            if proposal.span.end > length:
                continue
            key = (proposal.label, proposal.span.start, proposal.span.end)
            kept = best.get(key)
            if kept is None or sug.score > kept.score:
                best[key] = sug
        stamp = now()
        stored: list[Suggestion] = []
        # Suggestions are derived (a recommender makes them again): this commit does
        # not wait for the disk, the next edit's (synchronous=FULL) takes it along.
        self._conn.execute("PRAGMA synchronous = NORMAL")
        try:
            self._store_suggestion_update(doc_id, name, best, dropping, stamp, stored)
        finally:
            self._conn.execute("PRAGMA synchronous = FULL")
        return stored

    def _store_suggestion_update(
        self,
        doc_id: int,
        name: str,
        best: dict[tuple[str, int, int], Suggestion],
        dropping: Iterable[int],
        stamp: str,
        stored: list[Suggestion],
    ) -> None:
        with self._write() as conn:
            conn.executemany(
                "DELETE FROM suggestions WHERE id = ? AND document_id = ? AND annotator = ? "
                "AND state = 'open'",
                [(int(i), doc_id, name) for i in dropping],
            )
            # One query per table for every span (a JSON array: no parameter list grows).
            spans = json.dumps([[start, end] for _, start, end in best])
            skip = {
                (label, start, end)
                for label, start, end in conn.execute(
                    'SELECT s.label, s.start, s."end" FROM json_each(?) AS j '
                    "CROSS JOIN suggestions AS s WHERE s.document_id = ? AND s.annotator = ? "
                    "AND s.state IN ('open', 'rejected') AND s.start = j.value ->> 0 "
                    "AND s.\"end\" = j.value ->> 1 AND s.layer = 'entity'",
                    (spans, doc_id, name),
                )
            }
            annotated = {
                (start, end)
                for start, end in conn.execute(
                    'SELECT a.start, a."end" FROM json_each(?) AS j CROSS JOIN annotations AS a '
                    "WHERE a.document_id = ? "
                    "AND a.annotator_id = (SELECT id FROM annotators WHERE name = ?) "
                    "AND a.layer = 'entity' AND a.start = j.value ->> 0 "
                    'AND a."end" = j.value ->> 1',
                    (spans, doc_id, name),
                )
            }
            # The proposal's uuid is kept (recommenders make fresh ones); one already
            # stored leaves its suggestion out.
            rows = [
                (
                    sug.proposal.uuid,
                    doc_id,
                    name,
                    label,
                    start,
                    end,
                    sug.source,
                    float(sug.score),
                    stamp,
                    stamp,
                )
                for (label, start, end), sug in sorted(best.items(), key=lambda kv: kv[0][1:])
                if (label, start, end) not in skip and (start, end) not in annotated
            ]
            conn.executemany(
                "INSERT INTO suggestions (uuid, document_id, annotator, layer, label, "
                'start, "end", proposal, source, score, state, created_at, updated_at) '
                "VALUES (?, ?, ?, 'entity', ?, ?, ?, NULL, ?, ?, 'open', ?, ?) "
                "ON CONFLICT (uuid) DO NOTHING",
                rows,
            )
            ids = dict(
                conn.execute(
                    "SELECT s.uuid, s.id FROM json_each(?) AS j CROSS JOIN suggestions AS s "
                    "WHERE s.uuid = j.value AND s.document_id = ? AND s.created_at = ?",
                    (json.dumps([row[0] for row in rows]), doc_id, stamp),
                )
            )
            for uid, _, _, label, start, end, source, score, _, _ in rows:
                sid = ids.get(uid)
                if sid is not None:
                    entity = Entity(uid, doc_id, name, Span(start, end), label)
                    stored.append(Suggestion(entity, source, score, int(sid)))

    def suggestions(
        self,
        doc_id: int,
        annotator: str,
        state: str = "open",
        *,
        start: int = 0,
        end: int | None = None,
        limit: int | None = None,
    ) -> list[Suggestion]:
        """The annotator's suggestions of a document in ``state`` (or ``"all"``), by start.

        An open suggestion whose annotation exists already (accepted in a package that
        came back by ``merge``) is not listed. ``start``, ``end`` and ``limit`` read a
        part (the window reads a long document's in slices): the suggestions starting
        in ``[start, end)`` (``end`` None: to the end of the text), at most ``limit``.
        """
        states = self._suggestion_states(state)
        bounds = "AND s.start >= ? " + ("AND s.start < ? " if end is not None else "")
        rows = self._conn.execute(
            f"SELECT {self._SUGGESTION_COLUMNS} FROM suggestions s "
            "WHERE s.document_id = ? "
            "AND s.annotator = ? "
            f"AND s.state IN ({','.join('?' * len(states))}) "
            f"{bounds}"
            "AND NOT (s.state = 'open' AND EXISTS "
            "(SELECT 1 FROM annotations a WHERE a.uuid = s.uuid)) "
            'ORDER BY s.start, s."end", s.id '
            "LIMIT ?",
            (
                doc_id,
                annotator.strip(),
                *states,
                start,
                *(() if end is None else (end,)),
                -1 if limit is None else limit,
            ),
        ).fetchall()
        return [self._suggestion_from_row(row) for row in rows]

    @staticmethod
    def _suggestion_states(state: str) -> tuple[str, ...]:
        if state == "all":
            return SUGGESTION_STATES
        if state not in SUGGESTION_STATES:
            raise UserError(
                f"unknown suggestion state {state!r} (one of {', '.join(SUGGESTION_STATES)}, all)"
            )
        return (state,)

    def suggestion(self, suggestion_id: int) -> Suggestion:
        """One suggestion by id, in whatever state.

        Raises:
            NotFoundError: no suggestion has that id.
        """
        row = self._conn.execute(
            f"SELECT {self._SUGGESTION_COLUMNS} FROM suggestions s WHERE s.id = ?",
            (suggestion_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no suggestion with id {suggestion_id}")
        return self._suggestion_from_row(row)

    def _own_suggestion(self, suggestion_id: int, annotator: str) -> Suggestion:
        sug = self.suggestion(suggestion_id)
        if sug.proposal.annotator != annotator.strip():
            raise NotFoundError(
                f"suggestion {suggestion_id} is for {sug.proposal.annotator!r}, "
                f"not {annotator.strip()!r}"
            )
        return sug

    def acceptance_edit(self, suggestion_id: int, annotator: str) -> Edit:
        """The edit accepting a suggestion makes, not applied (the window wraps it in its
        undo command; :meth:`accept_suggestion` applies it).

        It creates the proposal (with the suggestion's uuid, which is how :meth:`apply`
        knows to mark the suggestion accepted and log where it came from). An entity the
        annotator already has on exactly that span is relabelled instead. A quote's
        speaker span that is exactly one of the annotator's entities becomes a reference
        to it.

        Raises:
            NotFoundError: no such suggestion for that annotator.
            ConflictError: it is not open any more.
        """
        sug = self._own_suggestion(suggestion_id, annotator)
        if sug.state != "open" or self._maybe_annotation(sug.proposal.uuid) is not None:
            raise ConflictError(f"suggestion {suggestion_id} is {sug.state} already; not accepted")
        return self._acceptance_edit(sug.proposal)

    def _acceptance_edit(self, proposal: Entity | Quote) -> Edit:
        if isinstance(proposal, Entity):
            existing = self.entity_with_span(
                proposal.document_id, proposal.annotator, proposal.span
            )
            return rules.tag_entity_edit(existing, proposal)
        if isinstance(proposal.speaker, Span):
            speaker = self.entity_with_span(
                proposal.document_id, proposal.annotator, proposal.speaker
            )
            if speaker is not None:
                proposal = replace(proposal, speaker=Ref(speaker.uuid))
        return Edit((Change(None, proposal),))

    def accept_suggestion(self, suggestion_id: int, annotator: str) -> Edit:
        """Store a suggestion as the annotator's annotation (through :meth:`apply`: same
        checks, same event log); the suggestion's id, source and score go in the log in
        the same transaction. Returns the applied edit (undoing it reopens the
        suggestion). See :meth:`acceptance_edit`."""
        with self._write() as conn:
            edit = self.acceptance_edit(suggestion_id, annotator)
            txn = str(uuidlib.uuid4())
            applied = self._apply_in(conn, txn, edit)
            sug = self.suggestion(suggestion_id)
            if sug.state == "open":  # an existing entity was relabelled, or nothing changed
                self._set_suggestion_state(conn, txn, sug, "accepted")
        return applied

    def accept_suggestions(
        self, doc_id: int, annotator: str, source: str, min_score: float = 0.0
    ) -> Edit:
        """Accept, as one edit (one undo), the annotator's open suggestions of ``source``
        scoring at least ``min_score`` in a document. Best scores first; one that
        overlaps an annotation of the annotator, or one accepted before it, in the same
        layer, is left open. Returns the applied edit (empty when none qualified)."""
        if source not in SUGGESTION_SOURCES:
            raise UserError(
                f"unknown suggestion source {source!r} (one of {', '.join(SUGGESTION_SOURCES)})"
            )
        with self._write() as conn:
            edit = self._bulk_acceptance_edit(doc_id, annotator, source, min_score)
            return self._apply_in(conn, str(uuidlib.uuid4()), edit) if edit.changes else edit

    def acceptance_edits(
        self, doc_id: int, annotator: str, source: str, min_score: float = 0.0
    ) -> Edit:
        """The edit :meth:`accept_suggestions` would apply, not applied (for the window)."""
        return self._bulk_acceptance_edit(doc_id, annotator, source, min_score)

    def _bulk_acceptance_edit(
        self, doc_id: int, annotator: str, source: str, min_score: float
    ) -> Edit:
        chosen = sorted(
            (
                s
                for s in self.suggestions(doc_id, annotator)
                if s.source == source and s.score >= min_score
            ),
            key=lambda s: (-s.score, s.start, s.end),
        )
        taken: dict[str, list[tuple[int, int]]] = {"entity": [], "quote": []}
        for ann in self.annotations(doc_id, annotator):
            if isinstance(ann, Entity):
                taken["entity"].append((ann.span.start, ann.span.end))
            elif isinstance(ann, Quote):
                taken["quote"].append((ann.content.start, ann.content.end))
        changes: list[Change] = []
        for sug in chosen:
            spans = taken[sug.layer]
            if any(start < sug.end and sug.start < end for start, end in spans):
                continue
            spans.append((sug.start, sug.end))
            changes.extend(self._acceptance_edit(sug.proposal).changes)
        changes.sort(key=lambda c: (_change_start(c), c.uuid))
        return Edit(tuple(changes))

    def reject_suggestion(self, suggestion_id: int, annotator: str) -> None:
        """Reject a suggestion: remembered, so that no source suggests the same layer,
        label and span to that annotator again (logged; rejecting twice is a no-op).

        Raises:
            NotFoundError: no such suggestion for that annotator.
            ConflictError: it was accepted (delete the annotation instead).
        """
        with self._write() as conn:
            sug = self._own_suggestion(suggestion_id, annotator)
            if sug.state == "accepted":
                raise ConflictError(
                    f"suggestion {suggestion_id} was accepted; delete its annotation instead"
                )
            if sug.state == "open":
                self._set_suggestion_state(conn, str(uuidlib.uuid4()), sug, "rejected")

    def reopen_suggestion(self, suggestion_id: int, annotator: str) -> None:
        """Undo a rejection: the suggestion is open again (logged)."""
        with self._write() as conn:
            sug = self._own_suggestion(suggestion_id, annotator)
            if sug.state == "rejected":
                self._set_suggestion_state(conn, str(uuidlib.uuid4()), sug, "open")

    def _set_suggestion_state(
        self, conn: sqlite3.Connection, txn: str, sug: Suggestion, state: str
    ) -> None:
        assert sug.id is not None
        conn.execute(
            "UPDATE suggestions SET state = ?, updated_at = ? WHERE id = ?",
            (state, now(), sug.id),
        )

        def snapshot(value: str) -> str:
            return json.dumps(
                {
                    "suggestion": sug.id,
                    "state": value,
                    "source": sug.source,
                    "score": sug.score,
                    "annotation": sug.proposal.uuid,
                    "layer": sug.layer,
                    "label": sug.label,
                    "start": sug.start,
                    "end": sug.end,
                },
                ensure_ascii=False,
            )

        # The log's actions are fixed (create/update/delete/status): a suggestion's
        # change of state is an 'update' of the key suggestion:<id>.
        conn.execute(
            "INSERT INTO events (at, txn, annotator, document_id, action, key, before, after) "
            "VALUES (?, ?, ?, ?, 'update', ?, ?, ?)",
            (
                now(),
                txn,
                sug.proposal.annotator,
                sug.document_id,
                f"{SUGGESTION_EVENT_PREFIX}{sug.id}",
                snapshot(sug.state),
                snapshot(state),
            ),
        )

    def _follow_suggestions(
        self, conn: sqlite3.Connection, txn: str, created: list[str], deleted: list[str]
    ) -> None:
        """Keep suggestions in step with an applied edit: creating a suggestion's
        annotation accepts it, deleting it (an undo) reopens it; both logged in ``txn``."""
        if not (created or deleted):
            return
        for uuids, was, becomes in ((created, "open", "accepted"), (deleted, "accepted", "open")):
            for first in range(0, len(uuids), _ROWS_PER_CHUNK):
                chunk = uuids[first : first + _ROWS_PER_CHUNK]
                rows = conn.execute(
                    f"SELECT {self._SUGGESTION_COLUMNS} FROM suggestions s "
                    f"WHERE s.uuid IN ({','.join('?' * len(chunk))}) AND s.state = ?",
                    (*chunk, was),
                ).fetchall()
                for row in rows:
                    self._set_suggestion_state(conn, txn, self._suggestion_from_row(row), becomes)

    def _follow_relabelled_suggestions(
        self, conn: sqlite3.Connection, txn: str, updates: list[tuple[Entity, Entity]]
    ) -> None:
        """Accepting a suggestion over an entity already on its span relabels that entity
        (the suggestion's uuid is not the entity's). An update to a suggestion's label and
        span accepts it; one away from an accepted suggestion's (the acceptance undone)
        reopens it. Both logged in ``txn``."""
        for before, after in updates:
            if (before.span, before.label) == (after.span, after.label):
                continue
            for entity, was, becomes in ((before, "accepted", "open"), (after, "open", "accepted")):
                rows = conn.execute(
                    f"SELECT {self._SUGGESTION_COLUMNS} FROM suggestions s "
                    "WHERE s.document_id = ? AND s.annotator = ? AND s.layer = 'entity' "
                    'AND s.label = ? AND s.start = ? AND s."end" = ? AND s.state = ? '
                    "AND s.uuid != ?",
                    (
                        entity.document_id,
                        entity.annotator,
                        entity.label,
                        entity.span.start,
                        entity.span.end,
                        was,
                        entity.uuid,
                    ),
                ).fetchall()
                for row in rows:
                    self._set_suggestion_state(conn, txn, self._suggestion_from_row(row), becomes)

    def iter_suggested(
        self, annotator: str | None = None, state: str = "open"
    ) -> Iterator[SuggestedDocument]:
        """Stream (document, annotator) pairs with their suggestions in ``state`` (or
        ``"all"``), by document id then annotator, each pair's by start (for exports)."""
        states = self._suggestion_states(state)
        marks = ",".join("?" * len(states))
        params: list[Any] = list(states)
        annotator_filter = ""
        if annotator is not None:
            params.append(annotator_name(annotator))
            annotator_filter = "AND s.annotator = ?"
        hide_merged = (
            "AND NOT (s.state = 'open' AND EXISTS "
            "(SELECT 1 FROM annotations a WHERE a.uuid = s.uuid))"
        )
        last_id = 0
        while True:
            page = [
                row[0]
                for row in self._conn.execute(
                    "SELECT DISTINCT s.document_id FROM suggestions s WHERE s.document_id > ? "
                    f"AND s.state IN ({marks}) {annotator_filter} ORDER BY s.document_id LIMIT ?",
                    [last_id, *params, _EXPORT_PAGE_DOCUMENTS],
                )
            ]
            if not page:
                return
            last_id = page[-1]
            doc_marks = ",".join("?" * len(page))
            docs = {
                row[0]: self._document_from_row(row)
                for row in self._conn.execute(
                    f"SELECT {self._DOC_COLUMNS} FROM documents WHERE id IN ({doc_marks})", page
                )
            }
            grouped: dict[tuple[int, str], list[Suggestion]] = {}
            for row in self._conn.execute(
                f"SELECT s.document_id, s.annotator, {self._SUGGESTION_COLUMNS} "
                "FROM suggestions s "
                f"WHERE s.document_id IN ({doc_marks}) AND s.state IN ({marks}) "
                f"{annotator_filter} {hide_merged} "
                'ORDER BY s.document_id, s.annotator, s.start, s."end", s.id',
                [*page, *params],
            ):
                grouped.setdefault((row[0], row[1]), []).append(self._suggestion_from_row(row[2:]))
            for (doc_id, name), found in grouped.items():
                yield SuggestedDocument(docs[doc_id], name, found)

    def labelled_surfaces(
        self, statuses: Sequence[str] = ("done", "in_progress")
    ) -> Iterator[tuple[str, str]]:
        """(text, label) of every entity whose annotator's status of its document is one
        of ``statuses`` (all annotators), streamed: what the gazetteer learns from.

        Done and in-progress work counts; todo (nothing annotated yet, or imported
        labels not looked at) and skipped documents do not.
        """
        unknown = [s for s in statuses if s not in STATUSES]
        if unknown:
            raise UserError(f"unknown status {unknown[0]!r} (one of {', '.join(STATUSES)})")
        if not statuses:
            return
        # substr counts characters on TEXT, like Python's code-point offsets (1-based).
        rows = self._conn.execute(
            'SELECT substr(d.text, a.start + 1, a."end" - a.start), a.label FROM annotations a '
            "JOIN document_status s ON s.document_id = a.document_id "
            "AND s.annotator_id = a.annotator_id "
            "JOIN documents d ON d.id = a.document_id "
            f"WHERE a.layer = 'entity' AND s.status IN ({','.join('?' * len(statuses))})",
            list(statuses),
        )
        while chunk := rows.fetchmany(_ROWS_PER_CHUNK):
            yield from ((str(surface), str(label)) for surface, label in chunk)

    # ------------------------------------------------------------------ maintenance

    def stats(self) -> dict[str, Any]:
        """Counts: documents, annotators, annotations (layer → label → n), status → n."""
        annotations: dict[str, dict[str, int]] = {layer: {} for layer in LAYERS}
        for layer, label, n in self._conn.execute(
            "SELECT layer, label, count(*) FROM annotations GROUP BY layer, label "
            "ORDER BY layer, label"
        ):
            annotations[layer][label] = n
        (documents,) = self._conn.execute("SELECT count(*) FROM documents").fetchone()
        (annotators,) = self._conn.execute("SELECT count(*) FROM annotators").fetchone()
        return {
            "documents": documents,
            "annotators": annotators,
            "annotations": annotations,
            "status": self.status_counts(),
            "schema": {"name": self.schema.name, "sha256": self.schema.sha256},
            "import_runs": self.import_runs(),
            "search_index": self.search_index(),
        }

    def check(self) -> list[str]:
        """Every fault found: SQLite integrity, offsets, references, labels. Empty: sound."""
        faults: list[str] = []
        try:
            integrity = [r[0] for r in self._conn.execute("PRAGMA integrity_check")]
        except sqlite3.DatabaseError as exc:
            # Damage bad enough stops the check itself: that is the finding.
            integrity = [f"the database is damaged (corrupt: {exc})"]
        if integrity != ["ok"]:
            # The other checks would read the damaged pages: their answers mean nothing.
            return [f"integrity: {line}" for line in integrity] + [
                "integrity: the other checks were skipped; restore the database from a backup"
            ]
        for table, rowid, parent, _ in self._conn.execute("PRAGMA foreign_key_check"):
            faults.append(f"foreign key: {table} row {rowid} points at a missing {parent} row")
        for uid, doc, layer, start, end, length in self._conn.execute(
            'SELECT a.uuid, a.document_id, a.layer, a.start, a."end", d.length FROM annotations a '
            'JOIN documents d ON d.id = a.document_id WHERE a."end" > d.length'
        ):
            faults.append(
                f"offset: {layer} {uid} [{start}, {end}) outside document {doc} ({length} chars)"
            )
        for uid, role, start, end, length in self._conn.execute(
            'SELECT a.uuid, g.role, g.start, g."end", d.length FROM annotation_args g '
            "JOIN annotations a ON a.id = g.annotation_id JOIN documents d ON d.id = a.document_id "
            'WHERE g."end" > d.length'
        ):
            faults.append(
                f"offset: {role} of {uid} [{start}, {end}) outside its document ({length})"
            )
        for uid, role, ref, ref_doc, doc, ref_layer in self._conn.execute(
            "SELECT a.uuid, g.role, g.ref_uuid, r.document_id, a.document_id, r.layer "
            "FROM annotation_args g JOIN annotations a ON a.id = g.annotation_id "
            "LEFT JOIN annotations r ON r.uuid = g.ref_uuid WHERE g.ref_uuid IS NOT NULL"
        ):
            if ref_doc is None:
                faults.append(f"reference: {role} of {uid} points at missing annotation {ref}")
            elif ref_doc != doc:
                faults.append(
                    f"reference: {role} of {uid} points into another document ({ref_doc})"
                )
            elif ref_layer != "entity":
                faults.append(f"reference: {role} of {uid} points at a {ref_layer}, not an entity")
        for (layer, label), n in self.labels_missing_from(self.schema).items():
            faults.append(
                f"label: {n} {layer} annotation(s) use {label!r}, unknown to schema "
                f"{self.schema.name!r}"
            )
        docs = self._conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        fts = self._conn.execute("SELECT count(*) FROM documents_fts").fetchone()[0]
        fts += self.search_index()["reindex_pending"]  # still in the old index
        if docs != fts:
            faults.append(f"search index: {fts} entries for {docs} documents")
        for run in self.import_runs():
            if run["state"] == "interrupted":
                faults.append(
                    f"import: run {run['id']} of {', '.join(run['sources'])} was interrupted "
                    f"after {run['imported']} document(s) (whole documents only); "
                    f"re-run the same command to complete it: {import_run_command(run)}"
                )
        return faults

    def backup(self, dest: str | Path) -> None:
        """A consistent copy through SQLite's backup API, while others may be writing."""
        dest = Path(dest)
        if dest.exists():
            raise UserError(f"{dest}: already exists; not overwritten")
        if not dest.parent.exists():
            raise UserError(f"{dest.parent}: no such folder")
        target = sqlite3.connect(str(dest))
        try:
            self._conn.backup(target)
            target.execute("PRAGMA journal_mode = WAL")
        except sqlite3.Error as exc:
            target.close()
            dest.unlink(missing_ok=True)
            raise UserError(f"{dest}: backup failed: {exc}") from exc
        target.close()

    def write_package(self, dest: str | Path, doc_ids: Iterable[int]) -> int:
        """A self-contained database at ``dest`` holding only ``doc_ids`` (issue 10, `pack`).

        A consistent copy first (same schema, migrations, annotators and label schema), then
        every other document leaves it with its annotations and statuses, unlogged: the copy's
        event log keeps the history of the documents it holds. Returns the documents kept.
        """
        keep = sorted(set(doc_ids))
        self.backup(dest)
        try:
            with closing(Store.open(dest)) as package, package._write() as conn:
                conn.execute("CREATE TEMP TABLE package_keep (id INTEGER PRIMARY KEY)")
                conn.executemany("INSERT INTO package_keep VALUES (?)", [(i,) for i in keep])
                gone = "SELECT id FROM documents WHERE id NOT IN (SELECT id FROM package_keep)"
                conn.execute(
                    "DELETE FROM annotation_args WHERE annotation_id IN "
                    f"(SELECT id FROM annotations WHERE document_id IN ({gone}))"
                )
                conn.execute(f"DELETE FROM annotations WHERE document_id IN ({gone})")
                conn.execute(f"DELETE FROM document_status WHERE document_id IN ({gone})")
                conn.execute(f"DELETE FROM documents WHERE id IN ({gone})")
                # Contentless FTS rows cannot be deleted without their text: rebuild.
                if package._reindexing():  # rebuilt whole below: the old index can go
                    conn.execute(f"DROP TABLE {_OLD_INDEX}")
                    conn.execute(f"DROP TABLE {_REINDEX_PENDING}")
                conn.execute("INSERT INTO documents_fts (documents_fts) VALUES ('delete-all')")
                rows = conn.execute("SELECT id, title, text FROM documents").fetchall()
                for doc_id, title, text in rows:
                    conn.execute(
                        "INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)",
                        (doc_id, normalize_for_search(title), normalize_for_search(text)),
                    )
                kept = int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
                conn.execute("DROP TABLE package_keep")
        except BaseException:
            Path(dest).unlink(missing_ok=True)
            raise
        return kept

    # ------------------------------------------------------------------ merging packages

    def document_fingerprints(self) -> list[tuple[int, str | None, str]]:
        """(id, external_id, sha256) of every document, by id (``merge`` matches on these)."""
        return [
            (int(r[0]), r[1], r[2])
            for r in self._conn.execute("SELECT id, external_id, sha256 FROM documents ORDER BY id")
        ]

    def status_rows(self, doc_ids: Iterable[int]) -> list[tuple[int, str, str, str]]:
        """(document id, annotator, status, updated_at) of the stored statuses of ``doc_ids``."""
        ids = sorted(set(doc_ids))
        found: list[tuple[int, str, str, str]] = []
        for start in range(0, len(ids), _ROWS_PER_CHUNK):
            chunk = ids[start : start + _ROWS_PER_CHUNK]
            found += self._conn.execute(
                "SELECT s.document_id, a.name, s.status, s.updated_at FROM document_status s "
                "JOIN annotators a ON a.id = s.annotator_id "
                f"WHERE s.document_id IN ({','.join('?' * len(chunk))}) "
                "ORDER BY s.document_id, a.name",
                chunk,
            ).fetchall()
        return found

    def absorb(
        self,
        events: Sequence[Event],
        states: Sequence[tuple[str, dict[str, Any] | None]],
        statuses: Sequence[tuple[int, str, str, str]],
        progress: Callable[[int], None] | None = None,
    ) -> list[str]:
        """Bring one package's work in, in ONE transaction (``merge``; a kill leaves all or none).

        ``events`` are appended to the log as they are (their own time and txn); each
        ``(uuid, state)`` makes the annotation exactly that state (its timestamps kept) or,
        for None, deletes it; ``statuses`` are (document, annotator, status, updated_at).
        ``progress`` is called with the number of states written so far. Returns one line
        per state that could not be written (it is skipped; the rest goes in).
        """
        skipped: list[str] = []
        with self._write() as conn:
            for ev in events:
                conn.execute(
                    "INSERT INTO events (at, txn, annotator, document_id, action, key, before, "
                    "after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        ev.at,
                        ev.txn,
                        ev.annotator,
                        ev.document_id,
                        ev.action,
                        ev.key,
                        json.dumps(ev.before, ensure_ascii=False) if ev.before else None,
                        json.dumps(ev.after, ensure_ascii=False) if ev.after else None,
                    ),
                )
            for written, (uid, state) in enumerate(states, 1):
                current = self._maybe_annotation(uid)
                try:
                    if state is None:
                        if current is None:
                            continue
                        referrers = self._referrers(uid)
                        if referrers:
                            raise ValidationError(
                                f"still referenced by {', '.join(referrers)}; kept"
                            )
                        conn.execute("DELETE FROM annotations WHERE uuid = ?", (uid,))
                    else:
                        ann = annotation_from_json(state)
                        self._validate(ann)
                        self._write_annotation(conn, current, ann)
                except (ValidationError, KeyError, TypeError, ValueError) as exc:
                    skipped.append(f"annotation {uid}: {exc}")
                if progress is not None:
                    progress(written)
            for doc_id, annotator, status, updated_at in statuses:
                conn.execute(
                    "INSERT INTO document_status (document_id, annotator_id, status, updated_at) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (document_id, annotator_id) DO UPDATE SET "
                    "status = excluded.status, updated_at = excluded.updated_at",
                    (doc_id, self._annotator_id(annotator), status, updated_at),
                )
        return skipped


def _process_alive(pid: int | None) -> bool:
    if pid is None:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: it exists
    return True


def import_run_command(run: dict[str, Any]) -> str:
    """The ``tawsim import`` command that completes ``run`` (for ``check``'s advice)."""
    import shlex

    options = run["options"]
    words = ["tawsim", "import", *run["sources"]]
    if run["format"] != "auto":
        words += ["--format", run["format"]]
    for flag in ("text_field", "id_field", "title_field", "annotator"):
        if options.get(flag):
            name = "as-annotator" if flag == "annotator" else flag.replace("_", "-")
            words += [f"--{name}", str(options[flag])]
    if options.get("tagset", "default") != "default":
        words += ["--tagset", options["tagset"]]
    for src, dst in sorted(options.get("label_map", {}).items()):
        words += ["--map", f"{src}={dst}"]
    if options.get("offsets", "auto") != "auto":
        words += ["--offsets", options["offsets"]]
    return shlex.join(words)


def _switch_to_wal(conn: sqlite3.Connection, path: str) -> None:
    """Put the database in WAL mode (a no-op once it is).

    Two processes opening a new database at once both try to switch it; the loser
    gets "database is locked" straight away (the busy timeout does not cover this
    lock), so it looks again until the other has finished, up to the busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc):
                raise  # read-only, damaged...: Store.open says which
            if time.monotonic() > deadline:
                raise _cannot_write(exc, path) from exc
            time.sleep(0.005)
            continue
        if mode.lower() != "wal":
            raise UserError(f"{path}: cannot switch the database to WAL mode ({mode})")
        return


MAX_ANNOTATOR_NAME = 200
_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
_CONTROL_OR_BREAK = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def annotator_name(name: object) -> str:
    """``name`` without surrounding spaces, if it can name an annotator.

    The one rule for the API, ``--annotator``, ``--as-annotator`` and the annotator
    fields of imported files: one line of at most 200 characters, not empty, with no
    control characters.

    Raises:
        ValidationError: saying what is wrong with the name.
    """
    if not isinstance(name, str):
        raise ValidationError(f"an annotator name must be text, not {type(name).__name__}")
    clean = name.strip()
    if not clean:
        raise ValidationError("an annotator needs a name (this one is empty)")
    if len(clean) > MAX_ANNOTATOR_NAME:
        raise ValidationError(
            f"an annotator name has at most {MAX_ANNOTATOR_NAME} characters "
            f"(this one has {len(clean)})"
        )
    found = _CONTROL_OR_BREAK.search(clean)
    if found is not None:
        char, at = found.group(), found.start()
        if char in _LINE_BREAKS:
            raise ValidationError(
                f"an annotator name must be one line (line break at character {at})"
            )
        raise ValidationError(
            f"an annotator name cannot hold control character U+{ord(char):04X} (at character {at})"
        )
    return clean


# SQLite's primary result codes (an extended code's low byte) that are not our bugs.
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN = 10, 11, 13, 14
_SQLITE_NOTADB = 26
_SQLITE_MAGIC = b"SQLite format 3\x00"


def database_error(exc: sqlite3.Error, path: str | Path) -> UserError | None:
    """The user's error that explains ``exc``, naming the database; None for our bugs.

    Busy, read-only, full, damaged and I/O failures come from outside Tawsim; a
    broken constraint, bad SQL or a closed connection is a bug and stays as it is.
    """
    if isinstance(exc, sqlite3.ProgrammingError | sqlite3.InterfaceError | sqlite3.IntegrityError):
        return None
    code = getattr(exc, "sqlite_errorcode", None)
    primary = None if code is None else code & 0xFF
    detail = str(exc)
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "database is locked" in detail:
        return DatabaseBusyError(
            f"{path}: the database is locked by another program (waited "
            f"{BUSY_TIMEOUT_MS / 1000:g} s for it); try again when that program has finished"
        )
    if primary == _SQLITE_READONLY or "readonly database" in detail:
        return DatabaseReadOnlyError(
            f"{path}: the database is read-only{_read_only_why(Path(path).parent)}; "
            "nothing was changed"
        )
    if primary == _SQLITE_FULL or "disk is full" in detail:
        return DiskFullError(
            f"{path}: the disk is full; the last change was not saved (free some space "
            "and try again)"
        )
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "malformed" in detail:
        return DatabaseCorruptError(
            f"{path}: the database is damaged (corrupt: {detail}); restore it from a "
            "backup (`tawsim check` lists what is wrong)"
        )
    if primary in (_SQLITE_IOERR, _SQLITE_CANTOPEN, _SQLITE_PERM) or "disk I/O" in detail:
        return DatabaseIOError(
            f"{path}: the system could not read or write the database ({detail})"
        )
    return None


def _cannot_write(exc: sqlite3.Error, path: str | Path) -> UserError:
    # Starting or committing a transaction fails only for reasons outside our code.
    return database_error(exc, path) or UserError(f"{path}: cannot write: {exc}")


def _read_only_why(folder: Path) -> str:
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return " (it is on a read-only disk)"
    except OSError:
        pass
    return ""


def _opening_error(exc: sqlite3.Error, path: Path) -> UserError | None:
    """What to tell the user when SQLite cannot open ``path``; None for our bugs."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = None if code is None else code & 0xFF
    if primary in (_SQLITE_NOTADB, _SQLITE_CORRUPT) or "not a database" in str(exc):
        try:
            with path.open("rb") as handle:
                magic = handle.read(len(_SQLITE_MAGIC))
        except OSError:
            magic = b""
        if magic != _SQLITE_MAGIC:
            return StoreVersionError(f"{path}: not a SQLite database ({exc}); it was not changed")
        return database_error(exc, path)
    folder = path.parent
    if primary in (_SQLITE_CANTOPEN, _SQLITE_READONLY, _SQLITE_PERM, _SQLITE_IOERR) and (
        not os.access(folder, os.W_OK | os.X_OK)
    ):
        return DatabaseReadOnlyError(
            f"{path}: its folder {folder} is read-only{_read_only_why(folder)}; SQLite needs "
            f"to create {path.name}-wal and {path.name}-shm beside the database (make the "
            "folder writable, or move the database)"
        )
    return database_error(exc, path)


def _UUID_OK(value: str) -> bool:
    try:
        uuidlib.UUID(value)
    except (ValueError, AttributeError, TypeError):
        return False
    return True


def _comparable(ann: Annotation | None) -> dict[str, Any] | None:
    if ann is None:
        return None
    data = annotation_to_json(ann)
    for key in _TIMESTAMPS:
        data.pop(key, None)
    return data


def _same(a: Annotation | None, b: Annotation | None) -> bool:
    return _comparable(a) == _comparable(b)


def _rehome(ann: Annotation, doc_id: int, annotator: str, renamed: dict[str, str]) -> Annotation:
    def move(arg: Any) -> Any:
        if isinstance(arg, Ref) and arg.uuid in renamed:
            return Ref(renamed[arg.uuid])
        return arg

    moved = replace(
        ann, document_id=doc_id, annotator=annotator, uuid=renamed.get(ann.uuid, ann.uuid)
    )
    if isinstance(moved, Quote):
        return replace(moved, speaker=move(moved.speaker))
    if isinstance(moved, Stance):
        return replace(moved, holder=move(moved.holder), target=move(moved.target))
    return moved


def _explaining_sqlite_errors(method: Callable[..., Any]) -> Callable[..., Any]:
    """``method`` with SQLite's environmental errors raised as the user's errors."""
    if inspect.isgeneratorfunction(method):

        @functools.wraps(method)
        def streamed(self: Store, *args: Any, **kwargs: Any) -> Any:
            try:
                return (yield from method(self, *args, **kwargs))
            except sqlite3.Error as exc:
                mapped = database_error(exc, self.path)
                if mapped is None:
                    raise
                raise mapped from exc

        return streamed

    @functools.wraps(method)
    def called(self: Store, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            mapped = database_error(exc, self.path)
            if mapped is None:
                raise
            raise mapped from exc

    return called


# Raw sqlite3 errors never leave the store: every public method (those added later
# too) says "locked", "read-only", "disk full", "damaged" or "I/O" with the path.
for _name, _member in list(vars(Store).items()):
    if not _name.startswith("_") and inspect.isfunction(_member):
        setattr(Store, _name, _explaining_sqlite_errors(_member))
del _name, _member
