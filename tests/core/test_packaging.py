"""The core stands alone: no Qt or torch behind the CLI, and it works installed as a wheel."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

# Heavy or GUI modules that the headless core must never load by itself.
NEVER_IN_CORE = ("PySide6", "shiboken6", "torch", "gui")


def fresh_python(code: str, cwd: Path) -> list[str]:
    """Run ``code`` in a new interpreter of this venv; it prints a JSON list of module names."""
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def loaded(modules: list[str], roots: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in roots)


def test_cli_commands_load_nothing_heavy(tmp_path: Path) -> None:
    """No Qt, torch, camel-tools, nor the pandas and numpy that sqlite-utils would pull."""
    db = tmp_path / "light.db"
    code = f"""
import contextlib, io, json, sys
import corpus, corpus.cli
steps = [
    ["stats", "--json"], ["import", {str(REPO / "seeds")!r}], ["docs", "--json"],
    ["annotate", "1", "--annotator", "a", "--layer", "entity", "--start", "0", "--end", "8",
     "--label", "ORG"],
    ["status", "1", "done", "--annotator", "a"], ["check"], ["backup", {str(tmp_path / "b.db")!r}],
]
for step in steps:
    with contextlib.redirect_stdout(io.StringIO()):
        code = corpus.cli.main([*step, "--db", {str(db)!r}])
    if code != 0:
        raise SystemExit(f"{{step}} exited {{code}}")
print(json.dumps(sorted(sys.modules)))
"""
    modules = fresh_python(code, tmp_path)
    assert "corpus.cli" in modules and "corpus.importers" in modules
    assert loaded(modules, (*NEVER_IN_CORE, "camel_tools", "pandas", "numpy")) == []


def test_no_corpus_module_imports_qt_or_torch(tmp_path: Path) -> None:
    code = """
import json, pkgutil, importlib, sys
import corpus
names = [m.name for m in pkgutil.walk_packages(corpus.__path__, "corpus.")
         if m.name != "corpus.__main__"]  # running it would start the CLI
for name in names:
    importlib.import_module(name)
print(json.dumps(sorted(sys.modules)))
"""
    modules = fresh_python(code, tmp_path)
    assert {"corpus.store", "corpus.cli", "corpus.arabic", "corpus.importers.documents"} <= set(
        modules
    )
    assert loaded(modules, NEVER_IN_CORE) == []
    assert [m for m in modules if m.startswith("camel_tools.ner")] == []


def requirement(name: str) -> str:
    """The project's own requirement string for a dependency (kept in step with pyproject)."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for spec in project["dependencies"]:
        if spec.replace("_", "-").lower().startswith(name):
            return str(spec)
    raise AssertionError(f"{name} is not a dependency in pyproject.toml")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def shipped_files(folder: Path) -> dict[str, str]:
    return {p.name: digest(p) for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.slow
def test_wheel_in_a_clean_venv_ships_schema_and_seeds(tmp_path: Path) -> None:
    """Built as a wheel and installed with only sqlite-utils beside it, the CLI works.

    Nothing may come from the checkout: the venv runs outside it, without PYTHONPATH.
    """
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    wheels = tmp_path / "wheels"

    def run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            args, capture_output=True, text=True, encoding="utf-8", timeout=300, **kwargs
        )  # type: ignore[call-overload]
        command = " ".join(map(str, args))
        assert result.returncode == 0, f"{command}:\n{result.stdout}{result.stderr}"
        return result

    run([*pip, "wheel", "--no-deps", "--quiet", "-w", str(wheels), str(REPO)])
    (wheel,) = wheels.glob("tawsim-*.whl")
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / "bin" / "python"
    target = ["--python", str(python), "install", "--quiet"]
    run([*pip, *target, "--no-deps", str(wheel)])
    run([*pip, *target, requirement("sqlite-utils")])

    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "TAWSIM_DB")}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"))
    work = tmp_path / "work"
    work.mkdir()
    tawsim = str(venv / "bin" / "tawsim")

    where = run(
        [
            str(python),
            "-c",
            "import corpus.resources as r, sys; "
            "print(r.schema_dir()); print(r.seeds_dir()); "
            "print(any(m.split('.')[0] in ('PySide6', 'torch') for m in sys.modules))",
        ],
        cwd=work,
        env=env,
    ).stdout.split()
    site = venv / "lib"
    schema_dir, seeds_dir = Path(where[0]), Path(where[1])
    assert schema_dir.is_relative_to(site)
    assert schema_dir.parts[-3:] == ("corpus", "_data", "schema")
    assert seeds_dir.is_relative_to(site)
    assert seeds_dir.parts[-3:] == ("corpus", "_data", "seeds")
    assert shipped_files(schema_dir) == shipped_files(REPO / "schema")
    assert shipped_files(seeds_dir) == shipped_files(REPO / "seeds")
    assert where[2] == "False"

    stats = json.loads(run([tawsim, "stats", "--db", "x.db", "--json"], cwd=work, env=env).stdout)
    assert stats["documents"] == 0
    assert stats["schema"]["name"] == "news"
    assert (work / "x.db").is_file()

    # The default database is created in the user's data folder and seeded.
    seeded = json.loads(run([tawsim, "docs", "--json"], cwd=work, env=env).stdout)
    assert (home / "data" / "tawsim" / "tawsim.db").is_file()
    seed_texts = {p.stem: p.read_text(encoding="utf-8") for p in (REPO / "seeds").glob("*.txt")}
    assert sorted(d["external_id"] for d in seeded) == sorted(seed_texts)
    for doc in seeded:
        text = seed_texts[doc["external_id"]]
        assert doc["sha256"] == hashlib.sha256(text.encode("utf-8")).hexdigest()

    # An annotation on the seed article, and the check, through the installed CLI.
    uid = run(
        [
            tawsim,
            "annotate",
            str(seeded[0]["id"]),
            "--annotator",
            "a",
            "--layer",
            "entity",
            "--start",
            "0",
            "--end",
            "8",
            "--label",
            "ORG",
        ],
        cwd=work,
        env=env,
    ).stdout.strip()
    assert len(uid) == 36
    assert run([tawsim, "check"], cwd=work, env=env).stdout.strip() == "ok"
