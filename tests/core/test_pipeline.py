"""Big files are read and prepared in a reader process while the importer stores them."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

from corpus import pipeline
from corpus.errors import UserError
from corpus.importers import ImportOptions, import_paths
from corpus.importers.base import Rejection
from corpus.model import NewDocument
from corpus.store import Store


def write_records(path: Path, count: int) -> None:
    """JSONL with good records and, every 50th line, a bad one of each kind."""
    lines = []
    for i in range(count):
        if i % 50 == 7:
            lines.append('{"text": "مكسور"')  # malformed JSON
        elif i % 50 == 21:
            lines.append(json.dumps({"id": i, "text": "   "}))  # empty text
        else:
            record = {
                "id": f"n{i}",
                "title": f"عنوان {i}",
                "text": f"نص الخبر رقم {i}\r\nسطر ثان",
                "source": "test",
            }
            lines.append(json.dumps(record, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def stored(store: Store) -> list[tuple[object, ...]]:
    return [(d.external_id, d.title, d.text, d.sha256, d.metadata) for d in store.iter_documents()]


def test_reader_process_imports_exactly_what_the_importer_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "news.jsonl"
    write_records(path, 400)
    with Store.memory() as here:
        expected = import_paths(here, [path])
        expected_rows = stored(here)
        expected_search = here.count_documents(search="الخبر")

    monkeypatch.setattr(pipeline, "MIN_BYTES", 0)
    progress: list[tuple[str, int]] = []
    with Store.memory() as there:
        summary = import_paths(there, [path], progress=lambda name, n: progress.append((name, n)))
        assert stored(there) == expected_rows
        assert there.count_documents(search="الخبر") == expected_search == 384
        assert there.check() == []
    assert (summary.imported, summary.duplicates) == (expected.imported, expected.duplicates)
    assert summary.rejected == expected.rejected
    assert {r.line for r in summary.rejected} == {i + 1 for i in range(400) if i % 50 in (7, 21)}
    assert [n for _, n in progress] == [100, 200, 300]
    assert multiprocessing.active_children() == []


def test_reimport_through_the_reader_counts_duplicates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store: Store
) -> None:
    monkeypatch.setattr(pipeline, "MIN_BYTES", 0)
    path = tmp_path / "twice.jsonl"
    write_records(path, 100)
    first = import_paths(store, [path])
    again = import_paths(store, [path])
    assert (first.imported, first.duplicates) == (96, 0)
    assert (again.imported, again.duplicates, len(again.rejected)) == (0, 96, 4)
    assert store.count_documents() == 96


def test_small_files_are_read_in_process(tmp_path: Path) -> None:
    small, big = tmp_path / "small.jsonl", tmp_path / "big.jsonl"
    small.write_text('{"text": "قصير"}\n', encoding="utf-8")
    big.write_bytes(b" " * pipeline.MIN_BYTES)
    assert not pipeline.worth_a_reader([small])
    assert pipeline.worth_a_reader([big])
    assert pipeline.worth_a_reader([small, big])
    assert not pipeline.worth_a_reader([tmp_path / "missing.jsonl"])


def test_an_error_in_the_reader_is_raised_in_the_importer(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"text": "نص"}\n', encoding="utf-8")
    with pytest.raises(UserError, match="unknown import format 'nope'"):
        list(pipeline.read_prepared([path], "nope", ImportOptions()))
    assert multiprocessing.active_children() == []


def test_closing_the_stream_early_stops_the_reader(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    write_records(path, 20_000)
    stream = pipeline.read_prepared([path], "jsonl", ImportOptions())
    first = next(stream)
    assert isinstance(first, tuple)
    assert isinstance(first[0], NewDocument)
    stream.close()
    assert multiprocessing.active_children() == []


def test_reader_items_are_rejections_or_prepared_documents(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    write_records(path, 60)
    items = list(pipeline.read_prepared([path], "jsonl", ImportOptions()))
    rejections = [i for i in items if isinstance(i, Rejection)]
    prepared = [i for i in items if not isinstance(i, Rejection)]
    assert [r.line for r in rejections] == [8, 22, 58]
    assert len(prepared) == 57
    doc, digest, metadata, fts_title, fts_text = prepared[0]
    assert doc.text == "نص الخبر رقم 0\nسطر ثان"
    assert len(digest) == 64
    assert json.loads(metadata) == {"source": "test"}
    assert fts_title == "عنوان 0"
    assert fts_text == "نص الخبر رقم 0\nسطر ثان"


def test_store_counts_and_optionally_lists_duplicates(store: Store) -> None:
    docs = [NewDocument(text=f"نص {i % 20}", title=str(i)) for i in range(40)]
    listed = store.add_documents(docs)
    assert len(listed.imported) == 20
    assert listed.duplicate_count == 20
    assert [d.title for d, _ in listed.duplicates] == [str(i) for i in range(20, 40)]
    counted = store.add_documents(docs, keep_duplicates=False)
    assert counted.imported == []
    assert counted.duplicate_count == 40
    assert counted.duplicates == []


def test_folder_of_txt_files_goes_through_one_reader_in_transactions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import corpus.importers as importers

    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    for i in range(8):
        where = folder / "sub" if i % 2 else folder
        (where / f"{i:02d}.txt").write_text(f"عنوان {i}\n\nنص المقال رقم {i}", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\xd8\xa7\xff")
    with Store.memory() as here:
        expected = import_paths(here, [folder])
        expected_rows = stored(here)

    monkeypatch.setattr(pipeline, "MIN_BYTES", 0)
    monkeypatch.setattr(importers, "TXT_BATCH", 3)
    sizes: list[int] = []
    original = Store.add_documents

    def counting(self: Store, docs: object, *args: object, **kwargs: object) -> object:
        outcome = original(self, docs, *args, **kwargs)  # type: ignore[arg-type]
        sizes.append(len(outcome.imported) + outcome.duplicate_count)
        return outcome

    monkeypatch.setattr(Store, "add_documents", counting)
    with Store.memory() as there:
        summary = import_paths(there, [folder])
        assert stored(there) == expected_rows
    assert sizes == [3, 3, 2]
    assert summary.imported == expected.imported == 8
    assert summary.rejected == expected.rejected
    assert [r.reason for r in summary.rejected] == ["not valid UTF-8 at byte 2"]
    assert multiprocessing.active_children() == []
