"""The tawsim command line: contract names, exit statuses, JSON shapes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from corpus.cli import main
from corpus.defaults import default_db_path
from corpus.store import Store
from tests.conftest import REPO, SEED_FILE


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_db_is_accepted_before_and_after_the_command(capsys, db_path: Path) -> None:
    assert run(capsys, "--db", str(db_path), "import", str(SEED_FILE))[0] == 0
    before = json.loads(run(capsys, "--db", str(db_path), "stats", "--json")[1])
    after = json.loads(run(capsys, "stats", "--json", "--db", str(db_path))[1])
    assert before == after
    assert before["documents"] == 1


def test_tawsim_db_environment_variable(capsys, db_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TAWSIM_DB", str(db_path))
    run(capsys, "import", str(SEED_FILE))
    assert db_path.exists()


def test_default_database_is_created_and_seeded(capsys) -> None:
    code, out, _ = run(capsys, "docs", "--json")
    assert code == 0
    [doc] = json.loads(out)
    assert doc["title"] == SEED_FILE.read_text(encoding="utf-8").splitlines()[0]
    assert default_db_path().exists()
    # Seeding happens once: the second run does not import again or duplicate.
    assert len(json.loads(run(capsys, "docs", "--json")[1])) == 1


def test_import_json_summary_and_exit_status(capsys, db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text('{"text": "نص أول"}\n{"text": ""}\n{"text": "نص أول"}\n', encoding="utf-8")
    code, out, _ = run(capsys, "import", str(path), "--db", str(db_path), "--json")
    summary = json.loads(out)
    assert code == 1
    assert summary["imported"] == 1 and summary["duplicates"] == 1
    assert summary["rejected"] == [{"source": str(path), "line": 2, "reason": "empty text"}]
    code, out, _ = run(capsys, "import", str(SEED_FILE), "--db", str(db_path), "--json")
    assert code == 0 and json.loads(out)["rejected"] == []


def test_docs_json_fields_search_and_status(capsys, db_path: Path) -> None:
    run(capsys, "--db", str(db_path), "import", str(SEED_FILE))
    _, out, _ = run(capsys, "--db", str(db_path), "docs", "--json", "--search", "اسيا")
    [doc] = json.loads(out)
    text = SEED_FILE.read_text(encoding="utf-8")
    assert set(doc) >= {"id", "external_id", "title", "sha256", "length", "status"}
    assert doc["length"] == len(text)
    assert doc["external_id"] == SEED_FILE.stem
    assert (
        run(capsys, "--db", str(db_path), "status", str(doc["id"]), "done", "--annotator", "ali")[0]
        == 0
    )
    out = run(
        capsys, "--db", str(db_path), "docs", "--json", "--status", "done", "--annotator", "ali"
    )[1]
    assert json.loads(out)[0]["status"] == {"ali": "done"}
    assert (
        json.loads(run(capsys, "--db", str(db_path), "docs", "--json", "--search", "بطاطس")[1])
        == []
    )


def test_annotate_all_three_layers_and_stats(capsys, db_path: Path) -> None:
    run(capsys, "--db", str(db_path), "import", str(SEED_FILE))
    text = SEED_FILE.read_text(encoding="utf-8")
    s = text.index("ديمتري بيسكوف")
    e = s + len("ديمتري بيسكوف")
    db = ["--db", str(db_path)]
    code, out, _ = run(
        capsys,
        *db,
        "annotate",
        SEED_FILE.stem,
        "--annotator",
        "ali",
        "--layer",
        "entity",
        "--start",
        str(s),
        "--end",
        str(e),
        "--label",
        "PER",
    )
    assert code == 0
    entity_uuid = out.strip()
    cue = text.index("وقال")
    code, out, err = run(
        capsys,
        *db,
        "annotate",
        "1",
        "--annotator",
        "ali",
        "--layer",
        "quote",
        "--start",
        str(e + 30),
        "--end",
        str(e + 80),
        "--kind",
        "indirect",
        "--cue",
        f"{cue}:{cue + 4}",
        "--speaker",
        entity_uuid,
    )
    assert code == 0, err
    code, out, err = run(
        capsys,
        *db,
        "annotate",
        "1",
        "--annotator",
        "ali",
        "--layer",
        "stance",
        "--holder",
        entity_uuid,
        "--topic",
        "الحرب في أوكرانيا",
        "--polarity",
        "neutral",
        "--evidence",
        "10:20",
    )
    assert code == 0, err
    stats = json.loads(run(capsys, *db, "stats", "--json")[1])
    assert stats["annotations"] == {
        "entity": {"PER": 1},
        "quote": {"indirect": 1},
        "stance": {"neutral": 1},
    }
    assert stats["status"]["in_progress"] == 1
    with Store.open(db_path) as store:
        [entity] = store.annotations(1, layer="entity")
        assert text[entity.span.start : entity.span.end] == "ديمتري بيسكوف"


def test_annotate_errors_are_one_line_with_status(capsys, db_path: Path) -> None:
    run(capsys, "--db", str(db_path), "import", str(SEED_FILE))
    db = ["--db", str(db_path)]
    code, _, err = run(
        capsys,
        *db,
        "annotate",
        "1",
        "--annotator",
        "ali",
        "--layer",
        "entity",
        "--start",
        "0",
        "--end",
        "999999",
        "--label",
        "PER",
    )
    assert code == 1 and err.count("\n") == 1 and "outside the text" in err
    code, _, err = run(
        capsys, *db, "annotate", "1", "--annotator", "ali", "--layer", "entity", "--start", "0"
    )
    assert code == 2 and "needs --end, --label" in err
    code, _, err = run(
        capsys,
        *db,
        "annotate",
        "77",
        "--annotator",
        "ali",
        "--layer",
        "entity",
        "--start",
        "0",
        "--end",
        "3",
        "--label",
        "PER",
    )
    assert code == 1 and "no document" in err


def test_bad_usage_exits_2_with_one_line(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["stats", "--bogus"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unrecognized arguments: --bogus" in err


def test_check_passes_then_reports_a_fault(capsys, db_path: Path) -> None:
    run(capsys, "--db", str(db_path), "import", str(SEED_FILE))
    code, out, _ = run(capsys, "--db", str(db_path), "check")
    assert (code, out.strip()) == (0, "ok")
    with Store.open(db_path) as store:
        store.add_entity(1, "ali", 0, 5, "PER")
        store._conn.execute('UPDATE annotations SET "end" = 100000')
    code, out, _ = run(capsys, "--db", str(db_path), "check")
    assert code == 1 and "offset:" in out


def test_backup_refuses_to_overwrite(capsys, db_path: Path, tmp_path: Path) -> None:
    run(capsys, "--db", str(db_path), "import", str(SEED_FILE))
    dest = tmp_path / "b.db"
    assert run(capsys, "--db", str(db_path), "backup", str(dest))[0] == 0
    code, _, err = run(capsys, "--db", str(db_path), "backup", str(dest))
    assert code == 1 and "already exists" in err
    assert json.loads(run(capsys, "--db", str(dest), "stats", "--json")[1])["documents"] == 1


def test_console_script_runs_in_a_fresh_process(db_path: Path, tmp_path: Path) -> None:
    env = {**os.environ, "TAWSIM_DB": str(db_path)}
    tawsim = Path(sys.executable).parent / "tawsim"
    done = subprocess.run(
        [str(tawsim), "import", str(REPO / "seeds"), "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["imported"] == 1
