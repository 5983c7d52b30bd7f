"""Search with proclitic forms against the surface-only query it replaced, same database.

``tawsim docs --search الصين`` asks the index for every form whose clitic-stripped key the
word is (``corpus.arabic.clitic_forms``: up to 15 terms OR-ed per word). The baseline is
the query as it was before: each word alone. Both run the store's own statements (the
count, and the first page of 50 rows in rowid order) on one database of N synthetic
articles (``corpus_gen``, imported with ``tawsim import``), interleaved A B A B, each
query ``REPEATS`` times a round; the best round of each is kept. CPU time beside wall.

Also reported: how many more documents the forms find (the point of them), and the
index's share of the database (the forms cost nothing there: nothing is stored for them).

    python benches/bench_search.py [N [ROUNDS]]     (default 100,000 and 3)
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = REPO / "bench-out"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

import corpus_gen  # noqa: E402

from corpus.arabic import _FTS_TOKEN, fts_query, normalize_for_search  # noqa: E402
from corpus.store import migrations  # noqa: E402

QUICK = {"n": 10_000, "rounds": 2}
QUERIES = ("الصين", "السعودية", "في", "المملكة العربية", "وزير*", "الرياض جدة")
REPEATS = 3
PAGE = 50
CORES = os.cpu_count() or 1


def surface_query(query: str) -> str | None:
    """The query before the proclitic forms: each word alone (the baseline)."""
    terms = []
    for match in _FTS_TOKEN.finditer(normalize_for_search(query)):
        word = match.group()
        star = "*" if word.endswith("*") else ""
        word = word.rstrip("*")
        if word:
            terms.append(f'"{word}"{star}')
    return " ".join(terms) if terms else None


COUNT = (
    "SELECT count(*) FROM documents_fts f JOIN documents d ON d.id = f.rowid "
    "WHERE documents_fts MATCH ?"
)
FIRST_PAGE = (
    "SELECT d.id, d.external_id, d.title, d.sha256, d.length FROM documents_fts f "
    "JOIN documents d ON d.id = f.rowid WHERE documents_fts MATCH ? ORDER BY f.rowid LIMIT ?"
)


def timed(conn: sqlite3.Connection, match: str) -> tuple[float, float, int]:
    """Wall and CPU seconds of REPEATS (count + first page); the count."""
    wall, cpu = time.perf_counter(), time.process_time()
    count = 0
    for _ in range(REPEATS):
        count = conn.execute(COUNT, (match,)).fetchone()[0]
        conn.execute(FIRST_PAGE, (match, PAGE)).fetchall()
    return time.perf_counter() - wall, time.process_time() - cpu, count


def build(n: int) -> Path:
    jsonl = corpus_gen.cached_jsonl(OUT, n, 7)
    # Named by schema version: a database of an older version has another index.
    db = OUT / f"bench-search-{n}-v{migrations()[-1][0]}.db"
    if not db.exists():
        partial = db.with_suffix(".partial.db")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{partial}{suffix}").unlink(missing_ok=True)
        subprocess.run(
            [sys.executable, "-m", "corpus", "import", "--db", str(partial), str(jsonl), "--json"],
            check=True,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
        )
        sqlite3.connect(partial).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
        partial.rename(db)
        for suffix in ("-wal", "-shm"):
            Path(f"{partial}{suffix}").unlink(missing_ok=True)
    return db


def index_bytes(conn: sqlite3.Connection) -> tuple[int, int]:
    """Bytes of the search index's tables, and of the whole database (dbstat)."""
    try:
        rows = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
    except sqlite3.OperationalError:  # SQLite built without dbstat
        return 0, 0
    total = sum(size for _, size in rows)
    fts = sum(size for name, size in rows if name.startswith("documents_fts"))
    return fts, total


def main(n: int = 100_000, rounds: int = 3) -> list[dict[str, Any]]:
    OUT.mkdir(exist_ok=True)
    db = build(n)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    load = os.getloadavg()[0]
    best: dict[tuple[str, str], tuple[float, float, int]] = {}
    for _ in range(rounds):
        for query in QUERIES:
            for name, match in (("surface", surface_query(query)), ("forms", fts_query(query))):
                assert match is not None
                run = timed(conn, match)
                key = (query, name)
                if key not in best or run[1] < best[key][1]:
                    best[key] = run
    fts, total = index_bytes(conn)
    conn.close()
    note = f"load {load:.1f}" + (f" (over {CORES} cores: unreliable)" if load > CORES else "")
    print(
        f"[search] {n:,} articles, {REPEATS} x (count + first page of {PAGE}) per query, "
        f"best of {rounds} interleaved rounds, {note}",
        file=sys.stderr,
    )
    rows: list[dict[str, Any]] = []
    for query in QUERIES:
        s_wall, s_cpu, s_count = best[(query, "surface")]
        f_wall, f_cpu, f_count = best[(query, "forms")]
        ratio = f_cpu / s_cpu if s_cpu else float("nan")
        print(
            f"  {query:<18} surface {s_count:>7,} docs {s_cpu * 1000 / REPEATS:7.1f} ms CPU"
            f" {s_wall * 1000 / REPEATS:7.1f} ms wall"
            f" | forms {f_count:>7,} docs {f_cpu * 1000 / REPEATS:7.1f} ms CPU"
            f" {f_wall * 1000 / REPEATS:7.1f} ms wall  = {ratio:.2f}x CPU",
            file=sys.stderr,
        )
        rows.append(
            {
                "bench": "search",
                "measure": f"docs --search {query}",
                "n": n,
                "found_surface": s_count,
                "found_forms": f_count,
                "ms_cpu_surface": round(s_cpu * 1000 / REPEATS, 2),
                "ms_cpu_forms": round(f_cpu * 1000 / REPEATS, 2),
                "cpu_ratio": round(ratio, 2),
                "load": round(load, 1),
            }
        )
    if total:
        print(
            f"  search index {fts / 1e6:.1f} MB of {total / 1e6:.1f} MB (the forms store nothing)",
            file=sys.stderr,
        )
    return rows


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 100_000,
        int(sys.argv[2]) if len(sys.argv) > 2 else 3,
    )
