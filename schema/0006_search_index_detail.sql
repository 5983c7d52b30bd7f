-- Version 6: the search index keeps which documents hold a word, not where (detail=none).
--
-- Every search Tawsim makes is words (any form, corpus.arabic.clitic_forms), AND and OR
-- and prefixes, in document order; none asks where in a document a word stands (no
-- phrase, no NEAR, no title-only column filter, no bm25 order). Without the position
-- lists the index is about 3.5x smaller (10,000 news articles: 15.6 -> 4.3 MB, the whole
-- database 1.86x -> about 1.5x the raw text) and importing costs less CPU
-- (benches/bench_size.py, benches/bench_import.py). A phrase search would need them
-- back: a new index built with detail=full (or the candidate texts checked in Python).
--
-- Only an empty index is rebuilt here (a new database): corpus.store applies this file
-- when the database has no document yet. A database with documents keeps its full index,
-- which answers every query the same, until `tawsim reindex` rebuilds it compactly.
DROP TABLE documents_fts;
CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title, text, content = '', detail = none, tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO documents_fts (documents_fts, rank) VALUES ('hashsize', 33554432);
