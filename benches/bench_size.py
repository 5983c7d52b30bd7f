"""Database size against the raw text, and where it goes (issue 11).

Imports N synthetic articles (``corpus_gen``) with ``tawsim import`` into a new database,
checkpoints it, and reports its size beside the UTF-8 bytes of the titles and texts, with
SQLite's ``dbstat`` breakdown: the documents table (the stored text), its indexes, the
search index. In the same run, the same shadows go into a scratch index with position
lists (``detail=full``, what databases before schema version 6 have, and what a phrase
search would need): the difference is what version 6 saves.

    python benches/bench_size.py [N]     (default 100,000)
"""

from __future__ import annotations

import json
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

from corpus.arabic import normalize_for_search  # noqa: E402

QUICK = {"n": 10_000}
FULL_INDEX = (
    "CREATE VIRTUAL TABLE documents_fts USING fts5 (title, text, content = '', "
    "tokenize = 'unicode61 remove_diacritics 2')"
)


def remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def breakdown(conn: sqlite3.Connection) -> dict[str, int]:
    """Bytes per table or index (the search index's shadow tables summed as one)."""
    sizes: dict[str, int] = {}
    for name, size in conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
        key = "search index (documents_fts*)" if name.startswith("documents_fts") else name
        sizes[key] = sizes.get(key, 0) + int(size)
    return sizes


def full_index_bytes(jsonl: Path, scratch: Path, page_size: int) -> int:
    """The search index of the same texts with position lists, on pages of the same size."""
    remove_db(scratch)
    conn = sqlite3.connect(scratch, isolation_level=None)
    conn.execute(f"PRAGMA page_size = {int(page_size)}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute(FULL_INDEX)
    conn.execute("INSERT INTO documents_fts (documents_fts, rank) VALUES ('hashsize', 33554432)")
    with jsonl.open(encoding="utf-8") as lines:
        rows = [
            (i, normalize_for_search(r.get("title", "")), normalize_for_search(r["text"]))
            for i, r in enumerate(map(json.loads, lines), 1)
        ]
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)", rows)
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = sum(breakdown(conn).values())
    conn.close()
    remove_db(scratch)
    return size


def main(n: int = 100_000) -> list[dict[str, Any]]:
    OUT.mkdir(exist_ok=True)
    jsonl = corpus_gen.cached_jsonl(OUT, n, 7)
    with jsonl.open(encoding="utf-8") as lines:
        raw = sum(
            len(r["text"].encode("utf-8")) + len(r.get("title", "").encode("utf-8"))
            for r in map(json.loads, lines)
        )
    db = OUT / "bench-size.db"
    remove_db(db)
    load = os.getloadavg()[0]
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "corpus", "import", "--db", str(db), str(jsonl), "--json"],
        check=True,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - started
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    parts = breakdown(conn)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    total = db.stat().st_size
    remove_db(db)
    full = full_index_bytes(jsonl, OUT / "bench-size-full.db", page_size)
    compact = parts.get("search index (documents_fts*)", 0)
    with_full = total - compact + full
    print(
        f"[size] {n:,} articles, raw text {raw / 1e6:,.1f} MB (UTF-8, titles and texts); "
        f"import {seconds:.1f} s, load {load:.1f}, page size {page_size}",
        file=sys.stderr,
    )
    print(
        f"  database {total / 1e6:,.1f} MB = {total / raw:.2f}x the raw text "
        f"(with the full index of before version 6: {with_full / 1e6:,.1f} MB = "
        f"{with_full / raw:.2f}x)",
        file=sys.stderr,
    )
    for name, size in sorted(parts.items(), key=lambda item: -item[1]):
        if size >= total / 200:
            print(f"    {name:<32} {size / 1e6:8.1f} MB  {size / raw:5.2f}x", file=sys.stderr)
    print(
        f"    search index with positions    {full / 1e6:8.1f} MB  {full / raw:5.2f}x "
        f"(detail=full: {full / max(compact, 1):.1f}x the compact one)",
        file=sys.stderr,
    )
    return [
        {
            "bench": "size",
            "measure": "database / raw text",
            "n": n,
            "raw_mb": round(raw / 1e6, 1),
            "db_mb": round(total / 1e6, 1),
            "ratio": round(total / raw, 2),
            "ratio_with_full_index": round(with_full / raw, 2),
            "search_index_mb": round(compact / 1e6, 1),
            "full_index_mb": round(full / 1e6, 1),
            "load": round(load, 1),
        }
    ]


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
