-- Tawsim store, version 1. Applied in one transaction; PRAGMA user_version records it.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    external_id TEXT,
    title       TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL,
    length      INTEGER NOT NULL CHECK (length >= 0),
    sha256      TEXT NOT NULL UNIQUE,
    source      TEXT,
    metadata    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
    imported_at TEXT NOT NULL
) STRICT;
CREATE INDEX documents_external_id ON documents (external_id);

-- Contentless: the index holds the Arabic-normalised shadow of title and text,
-- never the stored text itself (rowid = documents.id).
CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title, text, content = '', tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE annotators (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE document_status (
    document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotators (id) ON DELETE CASCADE,
    status       TEXT NOT NULL CHECK (status IN ('todo', 'in_progress', 'done', 'skipped')),
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (document_id, annotator_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX document_status_by_annotator ON document_status (annotator_id, status);

-- One row per annotation. `label` is the entity label, the quote kind or the stance
-- polarity; `start`/`end` the entity span or the quote's content span (NULL for stances).
CREATE TABLE annotations (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotators (id),
    layer        TEXT NOT NULL CHECK (layer IN ('entity', 'quote', 'stance')),
    label        TEXT NOT NULL,
    start        INTEGER,
    "end"        INTEGER,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK ((start IS NULL) = ("end" IS NULL)),
    CHECK (start IS NULL OR (0 <= start AND start < "end")),
    CHECK ((layer = 'stance') = (start IS NULL))
) STRICT;
CREATE INDEX annotations_by_document ON annotations (document_id, annotator_id, layer);

-- The arguments of quotes and stances: an entity reference, a span, or a free topic.
CREATE TABLE annotation_args (
    annotation_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
    role          TEXT NOT NULL CHECK (role IN ('cue', 'speaker', 'holder', 'target', 'evidence')),
    position      INTEGER NOT NULL DEFAULT 0,
    ref_uuid      TEXT REFERENCES annotations (uuid),
    start         INTEGER,
    "end"         INTEGER,
    topic         TEXT,
    PRIMARY KEY (annotation_id, role, position),
    CHECK ((ref_uuid IS NOT NULL) + (start IS NOT NULL) + (topic IS NOT NULL) = 1),
    CHECK ((start IS NULL) = ("end" IS NULL)),
    CHECK (start IS NULL OR (0 <= start AND start < "end"))
) STRICT, WITHOUT ROWID;
CREATE INDEX annotation_args_by_ref ON annotation_args (ref_uuid) WHERE ref_uuid IS NOT NULL;

-- Append-only log of every change: the source of undo/redo and of the audit trail.
CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    txn          TEXT NOT NULL,
    annotator    TEXT,
    document_id  INTEGER,
    action       TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'status')),
    key          TEXT NOT NULL,
    before       TEXT CHECK (before IS NULL OR json_valid(before)),
    after        TEXT CHECK (after IS NULL OR json_valid(after))
) STRICT;
CREATE INDEX events_by_document ON events (document_id, id);

CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only');
END;
CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only');
END;
