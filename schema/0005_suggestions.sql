-- Version 5: suggestions are a layer of their own, never gold. Each row proposes one
-- entity or quote for one annotator, with the source that found it and a score. Rejected
-- rows are kept so that no source suggests the same thing again; accepting creates the
-- annotation with the row's uuid, which is how the event log links the two.
-- An entity proposal lives in its columns (proposal NULL): a long article gets thousands.
-- IF NOT EXISTS: a database set back to an older user_version (tests do) migrates again.
CREATE TABLE IF NOT EXISTS suggestions (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    annotator    TEXT NOT NULL,
    layer        TEXT NOT NULL CHECK (layer IN ('entity', 'quote')),
    label        TEXT NOT NULL,
    start        INTEGER NOT NULL CHECK (start >= 0),
    "end"        INTEGER NOT NULL CHECK ("end" > start),
    proposal     TEXT CHECK (proposal IS NULL OR json_valid(proposal)),
    source       TEXT NOT NULL,
    score        REAL NOT NULL CHECK (score BETWEEN 0.0 AND 1.0),
    state        TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'accepted', 'rejected')),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS suggestions_by_document
    ON suggestions (document_id, annotator, state, start);
