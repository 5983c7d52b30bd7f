-- Version 4: imports commit in bounded steps, so an import can stop half-way; each run
-- is recorded so that `stats` and `check` can say which one stopped and how to finish it.
-- IF NOT EXISTS: a database set back to an older user_version (tests do) migrates again.
CREATE TABLE IF NOT EXISTS import_runs (
    id             INTEGER PRIMARY KEY,
    sources        TEXT NOT NULL CHECK (json_valid(sources)),
    format         TEXT NOT NULL,
    options        TEXT NOT NULL CHECK (json_valid(options)),
    state          TEXT NOT NULL DEFAULT 'running'
                   CHECK (state IN ('running', 'interrupted', 'done', 'superseded')),
    pid            INTEGER,
    imported       INTEGER NOT NULL DEFAULT 0,
    duplicates     INTEGER NOT NULL DEFAULT 0,
    rejected       INTEGER NOT NULL DEFAULT 0,
    commits        INTEGER NOT NULL DEFAULT 0,
    started_at     TEXT NOT NULL,
    finished_at    TEXT,
    superseded_by  INTEGER REFERENCES import_runs (id)
);
CREATE INDEX IF NOT EXISTS import_runs_by_state ON import_runs (state);
