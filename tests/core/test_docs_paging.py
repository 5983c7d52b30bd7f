"""`tawsim docs` pages its rows, streams JSON, binds bounded SQL lists; the CLI starts light."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from corpus.cli import DOCS_PAGE, main
from corpus.model import NewDocument
from corpus.store import Store

REPO = Path(__file__).resolve().parents[2]

# More rows than SQLite binds parameters in one statement (SQLITE_MAX_VARIABLE_NUMBER).
OVER_SQLITE_PARAMETERS = 32_766 + 234


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def fill(store: Store, count: int) -> None:
    # Every other text holds the searched word; short texts keep the test fast.
    store.add_documents(
        NewDocument(text=f"خبر {'في البلد' if i % 2 else 'عن البلد'} رقم {i}", title=f"t{i}")
        for i in range(count)
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "paged.db"
    with Store.open(path) as store:
        fill(store, 120)
        store.set_statuses([2, 4], "mona", "done")
    return path


def test_table_shows_one_page_and_says_how_to_see_the_rest(capsys, db: Path) -> None:
    code, out, err = run(capsys, "docs", "--db", str(db))
    lines = out.splitlines()
    assert code == 0 and len(lines) == DOCS_PAGE
    assert [int(line.split("\t")[0]) for line in lines] == list(range(1, DOCS_PAGE + 1))
    assert lines[1].split("\t")[3] == "mona: done"
    page = f"--offset {DOCS_PAGE} --limit {DOCS_PAGE}"
    assert err == f"... 70 more; next page: {page}, all: --limit 0\n"


def test_offset_limit_and_limit_zero(capsys, db: Path) -> None:
    _, out, err = run(capsys, "docs", "--db", str(db), "--offset", "100", "--limit", "30")
    assert [int(line.split("\t")[0]) for line in out.splitlines()] == list(range(101, 121))
    assert err == ""
    _, out, err = run(capsys, "docs", "--db", str(db), "--limit", "0")
    assert len(out.splitlines()) == 120 and err == ""
    _, out, err = run(capsys, "docs", "--db", str(db), "--search", "في", "--limit", "10")
    assert [int(line.split("\t")[0]) for line in out.splitlines()] == list(range(2, 21, 2))
    assert err.startswith("... 50 more; next page: --offset 10 --limit 10")
    assert run(capsys, "docs", "--db", str(db), "--offset", "-1")[0] == 2


def test_json_array_and_json_lines_hold_every_row_by_default(capsys, db: Path) -> None:
    _, out, _ = run(capsys, "docs", "--db", str(db), "--json")
    rows = json.loads(out)
    assert [r["id"] for r in rows] == list(range(1, 121))
    assert rows[3] == {
        "id": 4,
        "external_id": None,
        "title": "t3",
        "sha256": rows[3]["sha256"],
        "length": len("خبر في البلد رقم 3"),
        "status": {"mona": "done"},
    }
    _, out, _ = run(capsys, "docs", "--db", str(db), "--jsonl", "--offset", "110")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in lines] == list(range(111, 121))
    assert lines == rows[110:]
    _, out, _ = run(capsys, "docs", "--db", str(db), "--json", "--limit", "2", "--search", "عن")
    assert [r["id"] for r in json.loads(out)] == [1, 3]
    assert json.loads(run(capsys, "docs", "--db", str(db), "--json", "--search", "xyz")[1]) == []


def test_more_rows_than_sqlite_binds_parameters() -> None:
    with Store.memory() as store:
        fill(store, OVER_SQLITE_PARAMETERS)
        last = OVER_SQLITE_PARAMETERS
        store.set_statuses([1, last], "mona", "done")
        rows = store.list_documents()
        assert len(rows) == OVER_SQLITE_PARAMETERS
        assert (rows[0].status, rows[-1].status, rows[1].status) == (
            {"mona": "done"},
            {"mona": "done"},
            {},
        )
        found = list(store.iter_document_rows(search="في"))
        assert len(found) == store.count_documents(search="في") == OVER_SQLITE_PARAMETERS // 2
        assert found[-1].id == last and found[-1].status == {"mona": "done"}


@pytest.mark.parametrize("command", [["stats"], ["docs", "--json"], ["check"]])
def test_reading_commands_import_nothing_heavy(tmp_path: Path, db: Path, command) -> None:
    """sqlite-utils, pandas, numpy, torch, camel-tools, Qt cost start-up time: none load."""
    code = (
        "import contextlib, io, json, sys\n"
        "import corpus.cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    status = corpus.cli.main({[*command, '--db', str(db)]!r})\n"
        "print(json.dumps([status, sorted(sys.modules)]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    status, modules = json.loads(result.stdout.splitlines()[-1])
    heavy = ("sqlite_utils", "pandas", "numpy", "torch", "camel_tools", "PySide6", "pyarrow")
    assert status == 0
    assert "corpus.store" in modules
    assert sorted(m for m in modules if m.split(".")[0] in heavy) == []
    if command == ["stats"]:
        assert "corpus.importers" not in modules
