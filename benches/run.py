"""``make bench``: every ``benches/bench_*.py`` in turn, then one summary table.

Each bench module defines ``main()`` returning its summary rows (a list of dicts,
a dict, or None). For ``--quick`` it defines ``QUICK``, the keyword arguments of a
short run (e.g. ``QUICK = {"n": 10_000}``), or ``main`` takes ``quick: bool``.
Every module runs in a process of its own, so that one bench's memory does not
show in another's figures. A bench that fails is reported; the others still run.

    python benches/run.py                  every bench at full size
    python benches/run.py --quick          smaller sizes (each module's QUICK)
    python benches/run.py --only import    benches whose name contains "import"
    python benches/run.py --peers 10000    also doccano and Label Studio on this
                                           machine (../shared/peers/run.sh N) and
                                           tawsim import of the very same documents
                                           (with --only peers: nothing else)

Exit status: 0 when every bench ran (a missed target shows as ``MISSED`` in the
table, since timings on a shared machine vary), 1 when one crashed.
"""

from __future__ import annotations

import argparse
import importlib.util
import inspect
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = REPO / "bench-out"


def discover() -> list[Path]:
    return sorted(HERE.glob("bench_*.py"))


def load(path: Path) -> ModuleType:
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def as_rows(result: Any, bench: str) -> list[dict[str, Any]]:
    """A bench's result as table rows: a list of dicts as is; a dict's nested dicts one
    row each (named by their key), its plain values one more row."""
    if result is None:
        return []
    if isinstance(result, dict):
        plain = {k: v for k, v in result.items() if not isinstance(v, dict)}
        nested = [{"measure": k, **v} for k, v in result.items() if isinstance(v, dict)]
        rows = ([plain] if plain else []) + nested
    else:
        rows = list(result)
    return [row if "bench" in row else {"bench": bench, **row} for row in rows]


def run_child(path: Path, quick: bool, result_file: Path) -> int:
    """In the child process: run one module's main() and write its rows as JSON."""
    module = load(path)
    sizes: dict[str, Any] = {}
    if quick:
        if hasattr(module, "QUICK"):
            sizes = dict(module.QUICK)
        elif "quick" in inspect.signature(module.main).parameters:
            sizes = {"quick": True}
    rows = as_rows(module.main(**sizes), path.stem.removeprefix("bench_"))
    result_file.write_text(json.dumps(rows, ensure_ascii=False, default=str), encoding="utf-8")
    return 0


def run_bench(path: Path, quick: bool) -> tuple[list[dict[str, Any]], str | None]:
    """Run one bench module in its own process; its rows, or why it failed."""
    with tempfile.TemporaryDirectory() as scratch:
        result_file = Path(scratch) / "rows.json"
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--child",
            str(path),
            "--result",
            str(result_file),
        ] + (["--quick"] if quick else [])
        status = subprocess.run(command, check=False).returncode
        if status != 0 or not result_file.exists():
            return [], f"{path.name} exited with status {status}"
        return json.loads(result_file.read_text(encoding="utf-8")), None


def peers_script() -> Path | None:
    configured = os.environ.get("TAWSIM_PEERS")
    candidate = Path(configured) if configured else REPO.parent / "shared" / "peers"
    script = candidate / "run.sh"
    return script if script.is_file() else None


def run_peers(n: int) -> list[dict[str, Any]]:
    """doccano and Label Studio through ../shared/peers, then tawsim on the same documents."""
    script = peers_script()
    if script is None:
        print(
            "[peers] ../shared/peers/run.sh not found (set TAWSIM_PEERS): skipped", file=sys.stderr
        )
        return []
    print(
        f"[peers] {script} {n} (installs the peers under /tmp/peers on first use)", file=sys.stderr
    )
    done = subprocess.run([str(script), str(n)], stdout=subprocess.PIPE, text=True, check=False)
    results = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    for result in results:
        print(f"[peers] {json.dumps(result, ensure_ascii=False)}", file=sys.stderr)
    rows: list[dict[str, Any]] = []
    for result in results:
        rows.append(
            {
                "bench": "peers",
                "measure": f"{result.get('peer')} import",
                "n": result.get("n"),
                "seconds": result.get("import_visible_s"),
                "docs_per_s": result.get("import_docs_per_s"),
                "peak_mb": result.get("peak_rss_mb_import"),
                "ratio": "",
                "target": "",
                "ok": result.get("ok"),
            }
        )

    # The same documents the peers were given: their data, cycled, with a unique last line.
    sys.path.insert(0, str(script.parent))
    import bench_import
    import common  # type: ignore[import-not-found]  # ../shared/peers/common.py

    _, articles = common.load_articles()
    OUT.mkdir(exist_ok=True)
    jsonl = OUT / f"peers-{n}.jsonl"
    with jsonl.open("w", encoding="utf-8") as out:
        for doc in common.make_docs(n, articles):
            record = {"id": doc["doc_id"], "title": doc["title"], "text": doc["text"]}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    db = OUT / "bench-peers-tawsim.db"
    bench_import.remove_db(db)
    try:
        ours, _ = bench_import.import_run(jsonl, db, n, "imported")
        annotate, export_s = annotate_and_export(db, n)
    finally:
        bench_import.remove_db(db)
    rate = n / ours.seconds
    peer_rates = [r["docs_per_s"] for r in rows if isinstance(r["docs_per_s"], int | float)]
    rows.append(
        {
            "bench": "peers",
            "measure": "tawsim import (same documents)",
            "n": n,
            "seconds": round(ours.seconds, 2),
            "docs_per_s": round(rate),
            "peak_mb": round(ours.peak_mb, 1),
            "ratio": "",
            "target": "faster than every peer",
            "ok": bool(peer_rates) and all(rate > r for r in peer_rates),
        }
    )
    print(
        f"[peers] tawsim import of the same {n:,} documents: {ours.seconds:.2f} s, "
        f"{rate:,.0f} docs/s, peak {ours.peak_mb:.1f} MB",
        file=sys.stderr,
    )
    for result in results:
        rows.append(
            {
                "bench": "peers",
                "measure": f"{result.get('peer')} annotate (per entity)",
                "n": result.get("annotate_n"),
                "ms": result.get("annotate_p50_ms"),
                "p95_ms": result.get("annotate_p95_ms"),
                "ratio": "",
                "target": "",
                "ok": "",
            }
        )
    rows.append(
        {
            "bench": "peers",
            "measure": "tawsim annotate (per entity, API)",
            "n": len(annotate),
            "ms": round(statistics.median(annotate), 2),
            "p95_ms": round(statistics.quantiles(annotate, n=20)[18], 2),
            "ratio": "",
            "target": "",
            "ok": "",
        }
    )
    peer_exports = [
        r.get("export_s") for r in results if isinstance(r.get("export_s"), int | float)
    ]
    for result in results:
        rows.append(
            {
                "bench": "peers",
                "measure": f"{result.get('peer')} export",
                "n": result.get("n"),
                "seconds": result.get("export_s"),
                "ratio": "",
                "target": "",
                "ok": "",
            }
        )
    rows.append(
        {
            "bench": "peers",
            "measure": "tawsim export jsonl (same documents)",
            "n": n,
            "seconds": round(export_s, 2),
            "ratio": "",
            "target": "faster than every peer",
            "ok": bool(peer_exports) and all(export_s < e for e in peer_exports),
        }
    )
    print(
        f"[peers] tawsim annotate median {statistics.median(annotate):.2f} ms, "
        f"export {export_s:.2f} s",
        file=sys.stderr,
    )
    return rows


def annotate_and_export(db: Path, n: int, count: int = 1000) -> tuple[list[float], float]:
    """As the peers' bench does: one entity on a real word of each of ``count`` documents,
    one call each, then an export of every document (a jsonl file, through the CLI)."""
    sys.path.insert(0, str(REPO))
    from corpus.arabic import word_spans
    from corpus.store import Store

    labels = ("PER", "ORG", "GPE", "LOC", "EVENT", "MISC")
    latencies: list[float] = []
    with Store.open(db) as store:
        for i, doc_id in enumerate(store.document_ids()[:count]):
            text = store.document(doc_id).text
            start, end = next(span for span in word_spans(text) if span[1] - span[0] > 2)
            began = time.perf_counter()
            store.add_entity(doc_id, "bench", start, end, labels[i % len(labels)])
            latencies.append((time.perf_counter() - began) * 1000)
        # The peers export every document, labelled or not: so do we.
        store.set_statuses(store.document_ids(), "bench", "done")
    out = OUT / "bench-peers-export.jsonl"
    began = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "corpus",
            "--db",
            str(db),
            "export",
            "--format",
            "jsonl",
            "--status",
            "any",
            "--out",
            str(out),
        ],
        check=True,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - began
    out.unlink(missing_ok=True)
    return latencies, seconds


LEADING_COLUMNS = (
    "bench",
    "measure",
    "n",
    "seconds",
    "ms",
    "p95_ms",
    "docs_per_s",
    "ratio",
    "peak_mb",
)
TRAILING_COLUMNS = ("target", "ok")


def table(rows: list[dict[str, Any]]) -> str:
    """A plain-text table of the rows, every key a column (in order of first appearance)."""
    columns: list[str] = []
    for row in rows:
        columns += [key for key in row if key not in columns]
    first = [c for c in LEADING_COLUMNS if c in columns]
    last = [c for c in TRAILING_COLUMNS if c in columns]
    columns = first + [c for c in columns if c not in first + last] + last

    def cell(value: Any) -> str:
        if value is True:
            return "ok"
        if value is False:
            return "MISSED"
        if isinstance(value, float):
            return f"{value:,.2f}"
        if isinstance(value, int):
            return f"{value:,}"
        return "" if value is None else str(value)

    cells = [[cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="smaller sizes (each bench's QUICK)")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="run only benches whose name contains NAME (repeatable)",
    )
    parser.add_argument(
        "--peers",
        type=int,
        metavar="N",
        help="also measure doccano and Label Studio on N documents",
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return run_child(args.child, args.quick, args.result)

    benches = [p for p in discover() if not args.only or any(o in p.stem for o in args.only)]
    rows: list[dict[str, Any]] = []
    failures: list[str] = []
    started = time.perf_counter()
    for path in benches:
        print(f"== {path.name}{' (quick)' if args.quick else ''} ==", file=sys.stderr, flush=True)
        found, failure = run_bench(path, args.quick)
        rows += found
        if failure:
            failures.append(failure)
    if args.peers:
        rows += run_peers(args.peers)
    print(
        f"\nSummary ({time.perf_counter() - started:,.0f} s, {os.cpu_count()} cores, "
        f"{time.strftime('%Y-%m-%d %H:%M')}):"
    )
    print(table(rows) if rows else "(no results)")
    for failure in failures:
        print(f"FAILED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
