"""Exports are atomic (a kill leaves nothing or a complete export) and splits are exact."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from corpus.cli import main
from corpus.exporters import ExportOptions, export
from corpus.exporters.common import split_plan, split_sizes
from corpus.model import NewDocument
from corpus.store import Store
from tests.conftest import REPO

WAIT_S = 120  # a generous bound for a loaded machine; the waits end on an event


def sha(i: int) -> str:
    return hashlib.sha256(f"document {i}".encode()).hexdigest()


@pytest.mark.parametrize(
    ("count", "split", "sizes"),
    [
        (20, (80, 10, 10), (16, 2, 2)),
        (3, (80, 10, 10), (1, 1, 1)),
        (7, (80, 10, 10), (5, 1, 1)),
        (1000, (80, 10, 10), (800, 100, 100)),
        (1, (80, 10, 10), (1, 0, 0)),
        (2, (80, 10, 10), (2, 0, 0)),
        (3, (80, 20, 0), (2, 1, 0)),
        (7, (34, 33, 33), (3, 2, 2)),
        (0, (80, 10, 10), (0, 0, 0)),
        (5, (0, 0, 100), (0, 0, 5)),
    ],
)
def test_split_sizes_are_the_rounded_proportions(count, split, sizes) -> None:
    assert split_sizes(count, split) == sizes


@pytest.mark.parametrize("count", [20, 3, 7, 1000])
@pytest.mark.parametrize("seed", [0, 1, 13, 2_147_483_647])
def test_split_plan_is_exact_and_independent_of_order(count, seed) -> None:
    hashes = [sha(i) for i in range(count)]
    plan = split_plan(hashes, (80, 10, 10), seed)
    assert plan == split_plan(reversed(hashes), (80, 10, 10), seed)
    assert sorted(plan) == sorted(hashes)
    counted = tuple(sum(1 for p in plan.values() if p == part) for part in ("train", "dev", "test"))
    assert counted == split_sizes(count, (80, 10, 10))
    assert all(counted)


def test_split_plan_depends_on_the_seed_and_only_on_the_texts() -> None:
    hashes = [sha(i) for i in range(20)]
    plans = {seed: split_plan(hashes, (80, 10, 10), seed) for seed in range(5)}
    assert len({tuple(sorted(p.items())) for p in plans.values()}) == 5
    # Known on any machine: the shuffled order is sha256("seed:sha256"), cut at 16/2/2.
    ordered = sorted(hashes, key=lambda h: hashlib.sha256(f"3:{h}".encode()).digest())
    assert [h for h in ordered if plans[3][h] == "dev"] == ordered[16:18]
    assert [h for h in ordered if plans[3][h] == "test"] == ordered[18:]


def corpus_db(path: Path, count: int) -> Path:
    with Store.open(path) as store:
        docs = [
            NewDocument(text=f"الخبر رقم {i}: قال الوزير إن الاقتصاد ينمو.") for i in range(count)
        ]
        ids = store.add_documents(docs).imported
        store.set_statuses(ids, "amal", "done")
    return path


def test_cli_split_of_20_documents_is_16_2_2(capsys, tmp_path) -> None:
    db = corpus_db(tmp_path / "t.db", 20)
    split = ["--split", "80/10/10", "--seed", "5"]
    for fmt, out in (("jsonl", "d.jsonl"), ("conll", "d.conll")):
        code = main(
            [
                "--db",
                str(db),
                "export",
                "--format",
                fmt,
                *split,
                "--out",
                str(tmp_path / out),
                "--json",
            ]
        )
        captured = capsys.readouterr()
        assert code == 0, captured.err
        contents = [Path(f).read_text(encoding="utf-8") for f in json.loads(captured.out)["files"]]
        counted = [c.count("\n") if fmt == "jsonl" else c.count("-DOCSTART-") for c in contents]
        assert counted == [16, 2, 2]
    code = main(
        ["--db", str(db), "export", "--format", "brat", *split, "--out", str(tmp_path / "b")]
    )
    assert code == 0
    counted = [len(list((tmp_path / "b" / p).glob("*.ann"))) for p in ("train", "dev", "test")]
    assert counted == [16, 2, 2]


def tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def files_under(folder: Path, match: Callable[[str], bool]) -> int:
    found = 0
    for entry in folder.iterdir():
        if match(entry.name):
            found += sum(len(names) for _, _, names in os.walk(entry)) if entry.is_dir() else 1
    return found


def killed_export(db: Path, ready: Callable[[int], bool], *argv: str) -> None:
    """Run ``tawsim export`` and kill -9 it once ``ready(its pid)`` holds (or it ends)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "corpus", "--db", str(db), "export", *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    deadline = time.monotonic() + WAIT_S
    try:
        while not ready(proc.pid) and proc.poll() is None:
            assert time.monotonic() < deadline, f"the export wrote nothing in {WAIT_S} s"
            time.sleep(0.005)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()


@pytest.fixture(scope="module")
def big_db(tmp_path_factory) -> Path:
    return corpus_db(tmp_path_factory.mktemp("big") / "big.db", 1500)


def test_killed_brat_export_leaves_nothing_or_the_previous_export(big_db, tmp_path) -> None:
    out = tmp_path / "brat"
    with Store.open(big_db) as store:
        export(store, "brat", tmp_path / "reference", ExportOptions())
    complete = tree(tmp_path / "reference")

    def staged(pid: int) -> bool:
        return files_under(tmp_path, lambda n: n.startswith(f".brat.tawsim-staging-{pid}-")) >= 40

    killed_export(big_db, staged, "--format", "brat", "--out", str(out))
    assert not out.exists() or tree(out) == complete
    assert main(["--db", str(big_db), "export", "--format", "brat", "--out", str(out)]) == 0
    assert tree(out) == complete and temporaries(tmp_path) == []

    # Killed while replacing that export: the earlier one stays, complete.
    (out / "annotation.conf").write_text(
        "# Written by Tawsim: an earlier export\n", encoding="utf-8"
    )
    earlier = tree(out)
    killed_export(big_db, staged, "--format", "brat", "--out", str(out))
    # (or none at all, when the kill fell between renaming it aside and the new one in)
    assert tree(out) in (earlier, complete, {})
    assert main(["--db", str(big_db), "export", "--format", "brat", "--out", str(out)]) == 0
    assert tree(out) == complete and temporaries(tmp_path) == []


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_killed_split_export_leaves_no_part_files(big_db, tmp_path, fmt) -> None:
    out = tmp_path / f"data.{fmt}"
    names = ["", ".quotes", ".stances"] if fmt == "parquet" else [""]
    finals = [tmp_path / f"data.{p}{n}.{fmt}" for p in ("train", "dev", "test") for n in names]

    def writing(pid: int) -> bool:
        return any(
            p.name.endswith(f".tawsim-part-{pid}") and p.stat().st_size > 0
            for p in tmp_path.iterdir()
            if p.is_file()
        )

    killed_export(big_db, writing, "--format", fmt, "--split", "80/10/10", "--out", str(out))
    present = [p.exists() for p in finals]
    assert present in ([False] * len(finals), [True] * len(finals))
    assert not list(tmp_path.glob("*.part"))
    args = ["--db", str(big_db), "export", "--format", fmt, "--split", "80/10/10"]
    assert main([*args, "--out", str(out)]) == 0
    assert temporaries(tmp_path) == []
    assert all(p.exists() for p in finals)
    if fmt == "jsonl":
        lines = [p.read_text(encoding="utf-8").count("\n") for p in finals]
        assert lines == [1200, 150, 150]


def test_existing_folder_of_other_files_is_refused(capsys, tmp_path) -> None:
    db = corpus_db(tmp_path / "t.db", 2)
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    code = main(["--db", str(db), "export", "--format", "brat", "--out", str(out)])
    assert code == 1
    assert "holds other files than an earlier export" in capsys.readouterr().err
    assert tree(out) == {"notes.txt": b"mine"} and temporaries(tmp_path) == []
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["--db", str(db), "export", "--format", "brat", "--out", str(empty)]) == 0
    assert sorted(tree(empty)) == ["1.ann", "1.txt", "2.ann", "2.txt", "annotation.conf"]


def test_an_earlier_export_renamed_aside_by_a_killed_run_comes_back(tmp_path) -> None:
    from corpus.exporters.common import AtomicFolder

    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    pid = int(dead.stdout)
    aside = tmp_path / f".out.tawsim-previous-{pid}-abcdefgh"
    aside.mkdir()
    (aside / "annotation.conf").write_text("# Written by Tawsim\n", encoding="utf-8")
    staging = tmp_path / f".out.tawsim-staging-{pid}-abcdefgh"
    (staging / "train").mkdir(parents=True)
    (staging / "train" / "1.txt").write_text("half", encoding="utf-8")
    folder = AtomicFolder(tmp_path / "out", lambda _: True)
    assert tree(tmp_path / "out") == {"annotation.conf": b"# Written by Tawsim\n"}
    assert temporaries(tmp_path) == [folder.folder.name]
    folder.discard()
    assert temporaries(tmp_path) == []


def test_a_document_done_after_the_plan_still_gets_a_part(tmp_path) -> None:
    from corpus.exporters.common import part_chooser

    with Store.open(corpus_db(tmp_path / "t.db", 20)) as store:
        part_for = part_chooser(store, None, "done", (80, 10, 10), 5)
        late = store.add_document("وثيقة متأخرة")
        store.set_status(late, "amal", "done")
        sha256 = store.document(late).sha256
        assert part_for(sha256) == part_for(sha256) in ("train", "dev", "test")
