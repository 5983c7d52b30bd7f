-- Tawsim store, version 2: a larger in-memory buffer for the search index.
--
-- FTS5 writes its pending terms to a new segment, and merges segments, each time
-- 1 MB has piled up; importing 100,000 articles then spends about a third of its
-- time flushing and merging. With 32 MB it builds far fewer, larger segments (see
-- benches/bench_import.py). The buffer only fills within one transaction, so the
-- annotator's small writes are unaffected, and an import's memory stays bounded.
INSERT INTO documents_fts (documents_fts, rank) VALUES ('hashsize', 33554432);
