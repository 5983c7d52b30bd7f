"""CLI start-up: CPU time of ``tawsim stats`` and ``tawsim docs`` against ``python -c pass``.

Each command runs in a fresh interpreter on a small database, interleaved with the
bare interpreter (A B A B, ``rounds`` times); CPU time (user + system) is the child's
own, so the figure does not depend on the number of cores. The least of each is kept,
with the load average printed beside it. Target (issue 11): ``tawsim stats`` <= 0.15 s
CPU. Which modules a command loads is checked by tests/core/test_docs_paging.py.

    python benches/bench_startup.py [ROUNDS]          (default 10)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
QUICK = {"rounds": 3}
TARGET_CPU_SECONDS = 0.15
CORES = os.cpu_count() or 1


def cpu_of(command: list[str]) -> tuple[float, float]:
    """CPU seconds (user + system) of one run of ``command``, and the load when it started."""
    load = os.getloadavg()[0]
    proc = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command} failed")
    return usage.ru_utime + usage.ru_stime, load


def main(rounds: int = 10) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "start.db"
        seed = [sys.executable, "-m", "corpus", "import", "--db", str(db), str(REPO / "seeds")]
        subprocess.run(seed, cwd=REPO, check=True, capture_output=True)
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "tawsim stats": [sys.executable, "-m", "corpus", "stats", "--db", str(db)],
            "tawsim docs": [sys.executable, "-m", "corpus", "docs", "--db", str(db)],
        }
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(rounds):
            for name, command in commands.items():
                runs[name].append(cpu_of(command))
    best = {name: min(measured) for name, measured in runs.items()}
    bare = best["python -c pass"][0]
    rows: list[dict[str, Any]] = []
    print(f"[startup] least CPU of {rounds} interleaved rounds, {CORES} cores", file=sys.stderr)
    for name, (cpu, load) in best.items():
        warn = f" (over {CORES} cores: unreliable)" if load > CORES else ""
        ok: Any = cpu <= TARGET_CPU_SECONDS if name == "tawsim stats" else ""
        print(
            f"  {name:<15} {cpu:6.3f} s CPU  {cpu / bare:5.1f}x python -c pass  "
            f"load {load:.1f}{warn}",
            file=sys.stderr,
        )
        rows.append(
            {
                "bench": "startup",
                "measure": name,
                "cpu_seconds": round(cpu, 3),
                "ratio": round(cpu / bare, 1),
                "load": round(load, 1),
                "target": f"<= {TARGET_CPU_SECONDS} s CPU" if name == "tawsim stats" else "",
                "ok": ok,
            }
        )
    return rows


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
