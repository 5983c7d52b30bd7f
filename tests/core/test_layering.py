"""The dependency runs one way: gui/ builds on corpus/, never the reverse."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from corpus.cli import main
from tests.conftest import REPO


def python(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_the_import_contract_holds() -> None:
    """corpus never imports gui, PySide6 or shiboken6 (checked by import-linter)."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "1 kept, 0 broken" in result.stdout


def test_the_console_script_is_the_launcher() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"] == {"tawsim": "gui.launcher:main"}


def test_the_launcher_runs_headless_commands_without_qt(tmp_path: Path) -> None:
    db = tmp_path / "light.db"
    code = (
        "import contextlib, io, json, sys\n"
        "import gui.launcher\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    status = gui.launcher.main(['stats', '--json', '--db', {str(db)!r}])\n"
        "print(json.dumps([status, json.loads(out.getvalue())['documents'], sorted(sys.modules)]))"
    )
    result = python("-c", code)
    assert result.returncode == 0, result.stderr
    status, documents, modules = json.loads(result.stdout.splitlines()[-1])
    assert (status, documents) == (0, 0)
    assert "gui.launcher" in modules
    assert [m for m in modules if m.split(".")[0] in ("PySide6", "shiboken6", "torch")] == []
    assert [m for m in modules if m.startswith("gui.") and m != "gui.launcher"] == []


def test_without_a_command_the_launcher_opens_the_window(tmp_path: Path) -> None:
    # No display: the window's own one-line refusal proves the gui command ran.
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    result = python("-m", "gui.launcher", "--db", str(tmp_path / "t.db"), env=env)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("tawsim gui: error: no display")


def test_the_core_alone_has_no_gui_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "a command is needed" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["gui"])
    assert exit_.value.code == 2
    assert "invalid choice: 'gui'" in capsys.readouterr().err


def test_python_dash_m_corpus_runs_the_headless_commands(tmp_path: Path) -> None:
    result = python("-m", "corpus", "stats", "--json", "--db", str(tmp_path / "s.db"))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["documents"] == 0
