-- Version 3: a document's annotations come out of the index already in display order
-- (layer, start, end), so opening a long article sorts nothing.
DROP INDEX annotations_by_document;
CREATE INDEX annotations_by_document ON annotations (document_id, annotator_id, layer, start, "end");
