"""Import speed and memory: ``tawsim import`` against a bare SQLite baseline, same run.

For N synthetic news articles (``corpus_gen``, cached as JSONL in ``bench-out/``):

- **baselines**: a fresh Python process reads the same JSONL, ``json.loads`` each
  line and ``executemany``-inserts (title, text) in one transaction, in one of two
  layouts, both with the tokenizer of Tawsim's index:
  ``fts5-table``, one FTS5 table that stores the texts and indexes them (the
  cheapest reading of "one table with an FTS5 index"), and ``table+fts5``, a plain
  table with an external-content FTS5 index filled by a trigger (Tawsim's layout:
  texts in a table, an FTS5 index beside it). Same journal settings as Tawsim (WAL,
  ``synchronous=FULL``); with a single commit they cost next to nothing. The ratio
  is taken against the faster of the two.
- **tawsim import**: ``python -m corpus import --db NEW.db FILE --json`` on the same
  file: checks every record, computes sha256 for duplicates, keeps the metadata,
  indexes an Arabic-normalised shadow of the text. One transaction per file.
- **re-import**: the same command again on the now full database: every record is a
  duplicate. Its memory shows that nothing accumulates per record.

Wall time and peak memory are those of each child process, start-up included;
peak memory is its own peak RSS (``os.wait4``) or, if larger, the peak of the summed
RSS of it and its children (tawsim's reader process), sampled every 50 ms.
Targets (issues 2, 11): tawsim <= 1.3x the baseline's CPU time; peak < 300 MB at any
corpus size.

    python benches/bench_import.py [N [ROUNDS]]    (default 100,000 and 2)

Fairness (issue 11): the baselines get the FTS5 tuning Tawsim's index has (the 32 MB
write buffer, detail = none) and its page size (4096 bytes); the runs go interleaved,
A B A B, and the fastest of each is kept;
CPU time (user + system, the reader process included) is printed beside wall time,
since tawsim reads on a second core; the load average is printed beside each figure,
with a warning when it exceeds the number of cores. The target is on CPU time.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = REPO / "bench-out"
sys.path.insert(0, str(HERE))

import corpus_gen  # noqa: E402

QUICK = {"n": 10_000}
TARGET_RATIO = 1.3
TARGET_PEAK_MB = 300.0


@dataclass(frozen=True)
class Measured:
    """One child process: wall and CPU seconds, peak memory, exit status, output, load."""

    seconds: float
    peak_mb: float
    status: int
    stdout: str
    stderr: str
    # User + system time of the process and of the children it waited for (the reader
    # process of an import): the same whatever the number of cores.
    cpu_seconds: float = 0.0
    load: float = 0.0  # one-minute load average when the run started


CORES = os.cpu_count() or 1


def load_note(load: float) -> str:
    """The load average beside a figure, with a warning when the machine was oversubscribed."""
    note = f"load {load:.1f}"
    return note + f" (over {CORES} cores: figure unreliable)" if load > CORES else note


def _tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants, in KiB (Linux /proc)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    tree, grew = {root}, True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grew = True
    total = 0
    for pid in tree:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


def measure(command: list[str]) -> Measured:
    """Run ``command``; its wall time and peak memory (not the bench's own).

    Peak memory is the larger of the process's own peak (``ru_maxrss``) and the
    peak of the summed RSS of it and its children (a reader process, say), sampled
    every 50 ms.
    """
    with (
        tempfile.TemporaryFile("w+", encoding="utf-8") as out,
        tempfile.TemporaryFile("w+", encoding="utf-8") as err,
    ):
        load = os.getloadavg()[0]
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out, stderr=err)
        peak_tree = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak_tree
            while not done.wait(0.05):
                peak_tree = max(peak_tree, _tree_rss_kb(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        peak_mb = max(usage.ru_maxrss, peak_tree) / 1024
        cpu = usage.ru_utime + usage.ru_stime
        return Measured(seconds, peak_mb, proc.returncode, out.read(), err.read(), cpu, load)


def remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


# The index options of Tawsim's (schema/0006_search_index_detail.sql): the same tokenizer,
# and no position lists (detail = none), which Tawsim's searches never use. A baseline
# with positions would do more work than Tawsim and flatter the ratio.
BASELINE_FTS_OPTIONS = "detail = none, tokenize = 'unicode61 remove_diacritics 2'"

# corpus.store.NEW_DATABASE_PAGE_SIZE, written out: the baseline process imports no Tawsim.
BASELINE_PAGE_SIZE = 4096

BASELINE_LAYOUTS = {
    "fts5-table": [
        f"CREATE VIRTUAL TABLE documents USING fts5 (title, text, {BASELINE_FTS_OPTIONS})",
    ],
    "table+fts5": [
        "CREATE TABLE documents (id INTEGER PRIMARY KEY, title TEXT, text TEXT)",
        "CREATE VIRTUAL TABLE documents_fts USING fts5 (title, text, content = 'documents', "
        f"content_rowid = 'id', {BASELINE_FTS_OPTIONS})",
        "CREATE TRIGGER documents_indexed AFTER INSERT ON documents BEGIN "
        "INSERT INTO documents_fts (rowid, title, text) VALUES (new.id, new.title, new.text); END",
    ],
}


# The FTS5 tuning Tawsim's index has (schema/0002_search_index_buffer.sql): a baseline
# without it spends a third of its time flushing 1 MB segments, and looks slower than it is.
BASELINE_TUNING = "INSERT INTO {fts} ({fts}, rank) VALUES ('hashsize', 33554432)"


def baseline_import(layout: str, jsonl: Path, db: Path) -> None:
    """The bare baseline (runs in its own process): executemany in one transaction."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute(f"PRAGMA page_size = {BASELINE_PAGE_SIZE}")  # Tawsim's for a new database
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    for statement in BASELINE_LAYOUTS[layout]:
        conn.execute(statement)
    conn.execute(
        BASELINE_TUNING.format(fts="documents" if layout == "fts5-table" else "documents_fts")
    )
    with jsonl.open(encoding="utf-8") as lines:
        rows = ((r["title"], r["text"]) for r in map(json.loads, lines))
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO documents (title, text) VALUES (?, ?)", rows)
        conn.execute("COMMIT")
    conn.close()


def run_baseline(layout: str, jsonl: Path, db: Path) -> Measured:
    remove_db(db)
    try:
        run = measure(
            [
                sys.executable,
                str(Path(__file__).resolve()),
                "--baseline",
                layout,
                str(jsonl),
                str(db),
            ]
        )
    finally:
        remove_db(db)
    if run.status != 0:
        raise SystemExit(f"baseline {layout} failed: {run.stderr[-2000:]}")
    return run


def tawsim_command(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "corpus", *map(str, args)]


def import_run(jsonl: Path, db: Path, n: int, expect: str) -> tuple[Measured, dict[str, Any]]:
    """``tawsim import`` of ``jsonl`` into ``db``; checks that every record was ``expect``."""
    run = measure(tawsim_command("import", "--db", db, "--json", jsonl))
    if run.status != 0:
        raise SystemExit(f"tawsim import failed ({run.status}): {run.stderr[-2000:]}")
    summary = json.loads(run.stdout)
    if summary[expect] != n or summary["rejected"]:
        raise SystemExit(f"tawsim import did not {expect} all {n} records: {run.stdout[:2000]}")
    return run, summary


def _row(
    measure: str, n: int, run: Measured, base: Measured, target: str, ok: Any
) -> dict[str, Any]:
    return {
        "bench": "import",
        "measure": measure,
        "n": n,
        "seconds": round(run.seconds, 2),
        "cpu_seconds": round(run.cpu_seconds, 2),
        "docs_per_s": round(n / run.seconds),
        "peak_mb": round(run.peak_mb, 1),
        "ratio": round(run.seconds / base.seconds, 2),
        "cpu_ratio": round(run.cpu_seconds / base.cpu_seconds, 2),
        "load": round(run.load, 1),
        "target": target,
        "ok": ok,
    }


def main(n: int = 100_000, seed: int = 7, repeats: int = 2) -> list[dict[str, Any]]:
    """Measure and print; returns the summary rows for ``benches/run.py``.

    The baselines and tawsim run interleaved (A B A B ...) ``repeats`` times, so that a
    change of load hits both; each keeps its fastest run (least disturbed).
    """
    OUT.mkdir(exist_ok=True)
    started = time.perf_counter()
    jsonl = corpus_gen.cached_jsonl(OUT, n, seed)
    prepared = time.perf_counter() - started
    size_mb = jsonl.stat().st_size / 1e6
    print(
        f"[import] corpus: {n:,} articles, {size_mb:,.0f} MB ({jsonl.name}, ready in "
        f"{prepared:.1f} s); {CORES} cores, {repeats} interleaved rounds",
        file=sys.stderr,
    )

    base_db, ours_db = OUT / "bench-baseline.db", OUT / "bench-tawsim.db"
    runs: dict[str, list[Measured]] = {layout: [] for layout in BASELINE_LAYOUTS}
    runs["tawsim"] = []
    again: Measured | None = None
    try:
        for round_number in range(repeats):
            for layout in BASELINE_LAYOUTS:
                runs[layout].append(run_baseline(layout, jsonl, base_db))
            remove_db(ours_db)
            ours, _ = import_run(jsonl, ours_db, n, "imported")
            runs["tawsim"].append(ours)
            if round_number == repeats - 1:
                again, _ = import_run(jsonl, ours_db, n, "duplicates")
            for name, measured in runs.items():
                last = measured[-1]
                print(
                    f"  round {round_number + 1} {name:<11} {last.seconds:7.2f} s wall "
                    f"{last.cpu_seconds:7.2f} s CPU  {load_note(last.load)}",
                    file=sys.stderr,
                )
    finally:
        remove_db(ours_db)
    assert again is not None

    best = {name: min(measured, key=lambda m: m.cpu_seconds) for name, measured in runs.items()}
    fastest = min(BASELINE_LAYOUTS, key=lambda layout: best[layout].cpu_seconds)
    base, ours = best[fastest], best["tawsim"]
    ratio = ours.seconds / base.seconds
    cpu_ratio = ours.cpu_seconds / base.cpu_seconds
    peak = max(ours.peak_mb, again.peak_mb)
    rows = [
        _row(f"baseline {layout}", n, best[layout], base, "", "") for layout in BASELINE_LAYOUTS
    ]
    rows += [
        _row(
            "tawsim import",
            n,
            ours,
            base,
            f"<= {TARGET_RATIO}x CPU, < {TARGET_PEAK_MB:.0f} MB",
            cpu_ratio <= TARGET_RATIO and ours.peak_mb < TARGET_PEAK_MB,
        ),
        _row(
            "tawsim re-import (all duplicates)",
            n,
            again,
            base,
            f"< {TARGET_PEAK_MB:.0f} MB",
            again.peak_mb < TARGET_PEAK_MB,
        ),
    ]
    lines = [
        f"[import] {n:,} articles ({size_mb:,.0f} MB JSONL), best of {repeats} interleaved "
        "rounds; baselines with Tawsim's FTS5 tuning (32 MB buffer, detail=none), one core"
    ]
    for layout in BASELINE_LAYOUTS:
        run = best[layout]
        lines.append(
            f"  baseline {layout:<11} {run.seconds:7.2f} s wall {run.cpu_seconds:7.2f} s CPU"
            f"  {n / run.seconds:8,.0f} docs/s  peak {run.peak_mb:6.1f} MB  {load_note(run.load)}"
        )
    lines += [
        f"  tawsim import        {ours.seconds:7.2f} s wall {ours.cpu_seconds:7.2f} s CPU  "
        f"{n / ours.seconds:8,.0f} docs/s  peak {ours.peak_mb:6.1f} MB  {load_note(ours.load)}",
        f"    = {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU of baseline {fastest} "
        f"(target <= {TARGET_RATIO}x CPU; tawsim's reader process uses a second core)",
        f"  tawsim re-import     {again.seconds:7.2f} s wall {again.cpu_seconds:7.2f} s CPU  "
        f"peak {again.peak_mb:6.1f} MB  (every record a duplicate)  {load_note(again.load)}",
        f"  peak memory {peak:.1f} MB (target < {TARGET_PEAK_MB:.0f} MB)",
    ]
    print("\n".join(lines), file=sys.stderr)
    return rows


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--baseline":
        baseline_import(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
    else:
        main(
            int(sys.argv[1]) if len(sys.argv) > 1 else 100_000,
            repeats=int(sys.argv[2]) if len(sys.argv) > 2 else 2,
        )
