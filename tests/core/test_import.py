"""Plain imports: .txt files and folders, .jsonl and .csv; bad input is reported, never fatal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.errors import UserError
from corpus.importers import ImportOptions, import_paths
from corpus.store import Store


def _write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def test_txt_folder_is_imported_recursively_with_titles(store: Store, tmp_path: Path) -> None:
    _write(tmp_path / "a" / "one.txt", "\n\n  العنوان الأول  \nنص المقال الأول")
    _write(tmp_path / "a" / "b" / "two.txt", "العنوان الثاني\nنص المقال الثاني")
    _write(tmp_path / "a" / "ignored.md", "ليس نصا")
    summary = import_paths(store, [tmp_path / "a"])
    assert (summary.imported, summary.duplicates, summary.rejected) == (2, 0, [])
    titles = sorted(r.title for r in store.list_documents())
    assert titles == ["العنوان الأول", "العنوان الثاني"]
    ext_ids = sorted(r.external_id for r in store.list_documents())
    assert ext_ids == ["one", "two"]


def test_bom_dropped_and_crlf_folded(store: Store, tmp_path: Path) -> None:
    _write(tmp_path / "x.txt", b"\xef\xbb\xbf" + "سطر أول\r\nسطر ثان\r\n".encode())
    import_paths(store, [tmp_path / "x.txt"])
    [doc] = store.iter_documents()
    assert doc.text == "سطر أول\nسطر ثان\n"


def test_invalid_utf8_names_file_and_byte(store: Store, tmp_path: Path) -> None:
    bad = _write(tmp_path / "bad.txt", "سلام".encode() + b"\xff\xfe" + "عليكم".encode())
    good = _write(tmp_path / "good.txt", "نص سليم")
    summary = import_paths(store, [bad, good])
    assert summary.imported == 1
    [rejection] = summary.rejected
    assert rejection.source == str(bad)
    assert "byte 8" in rejection.reason


def test_jsonl_bad_lines_are_rejected_with_line_numbers_and_good_ones_kept(
    store: Store, tmp_path: Path
) -> None:
    lines = [
        json.dumps({"id": "a1", "title": "أ", "text": "النص الأول"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "a3", "body_missing": "x"}),
        json.dumps({"id": "a4", "text": "   "}),
        json.dumps({"id": "a5", "text": "فيه\u0000صفر"}),
        '{"id": "a6", "text": "\\ud800 وحيد"}',
        json.dumps({"id": "a7", "text": "النص الأول"}, ensure_ascii=False),
        "",
        json.dumps(
            {"id": "a9", "text": "😀 رموز \u200f وتطويل ـــ ومُشَكَّل", "source": "x"},
            ensure_ascii=False,
        ),
        "[1, 2]",
    ]
    path = _write(tmp_path / "docs.jsonl", "\n".join(lines) + "\n")
    summary = import_paths(store, [path])
    assert summary.imported == 2
    assert summary.duplicates == 1
    reasons = {r.line: r.reason for r in summary.rejected}
    assert set(reasons) == {2, 3, 4, 5, 6, 10}
    assert "not valid JSON" in reasons[2]
    assert "missing text field" in reasons[3]
    assert reasons[4] == "empty text"
    assert "NUL" in reasons[5]
    assert "lone surrogate" in reasons[6]
    assert all(r.source == str(path) for r in summary.rejected)
    doc = store.find_document("a9")
    assert doc.text == "😀 رموز \u200f وتطويل ـــ ومُشَكَّل"
    assert doc.metadata == {"source": "x"}


def test_jsonl_invalid_utf8_line_is_rejected_alone(store: Store, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "d.jsonl",
        b'{"text": "\xd8\xa3"}\n{"text": "\xff"}\n' + '{"text": "ثالث"}\n'.encode(),
    )
    summary = import_paths(store, [path])
    assert summary.imported == 2
    [rejection] = summary.rejected
    assert rejection.line == 2 and "byte 25" in rejection.reason


def test_field_options_choose_text_id_and_title(store: Store, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "d.jsonl",
        json.dumps(
            {"key": "k1", "headline": "عنوان", "body": "متن", "text": "ليس هذا"}, ensure_ascii=False
        )
        + "\n",
    )
    options = ImportOptions(text_field="body", id_field="key", title_field="headline")
    import_paths(store, [path], options=options)
    doc = store.find_document("k1")
    assert (doc.text, doc.title) == ("متن", "عنوان")
    assert doc.metadata == {"text": "ليس هذا"}


def test_csv_rows_and_errors(store: Store, tmp_path: Path) -> None:
    content = 'id,title,text\r\n1,أول,"نص\nعلى سطرين"\r\n2,ثان\r\n3,ثالث,\r\n4,رابع,نص رابع\r\n'
    path = _write(tmp_path / "d.csv", content)
    summary = import_paths(store, [path])
    assert summary.imported == 2
    assert {r.line: r.reason for r in summary.rejected} == {
        4: "row has 2 fields, the header has 3",
        5: "empty text",
    }
    assert store.find_document("1").text == "نص\nعلى سطرين"


def test_a_failed_import_leaves_whole_documents_and_an_interrupted_run(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ten small records fit in one bounded transaction: the failure rolls it all back.
    path = _write(
        tmp_path / "d.jsonl",
        "".join(json.dumps({"text": f"نص رقم {i}"}, ensure_ascii=False) + "\n" for i in range(10)),
    )
    import corpus.store as store_module

    calls = 0
    original = store_module.normalize_for_search

    def failing(text: str) -> str:
        nonlocal calls
        calls += 1
        if calls == 12:  # title and text of the 6th record
            raise RuntimeError("disk on fire")
        return original(text)

    monkeypatch.setattr(store_module, "normalize_for_search", failing)
    with pytest.raises(RuntimeError):
        import_paths(store, [path])
    assert store.count_documents() == 0
    (fault,) = store.check()
    assert fault.startswith("import: run 1 of ") and "d.jsonl was interrupted" in fault
    assert [run["state"] for run in store.stats()["import_runs"]] == ["interrupted"]


def test_missing_path_and_unknown_format_are_user_errors(store: Store, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such file"):
        import_paths(store, [tmp_path / "nope.txt"])
    odd = _write(tmp_path / "x.xyz", "نص")
    with pytest.raises(UserError, match="cannot tell the format"):
        import_paths(store, [odd])
    with pytest.raises(UserError, match="unknown import format"):
        import_paths(store, [odd], "pdf")
