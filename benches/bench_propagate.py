"""Latency of propagation after one key press (issue 9: target <= 50 ms in a document).

Texts: the seed article, and a ~500 KB article made of the largest SaudiNewsNet articles
(``../shared/data/saudinewsnet-sample/large``, then the sample's others, joined by blank
lines until 500 KB; skipped when the data is absent).

The annotator has tagged ``ENTITIES`` words already (the most frequent words of six
letters or more, one mention each: dozens of mentions apiece in the large text, a heavy
case). One key press tags one more word; what is timed is what the window then runs:
``propagate(doc, annotator, text, entities)`` over all the entities, the document's word
index already built (it is built once when the document opens; its build time is
printed apart, with its CPU time).

Baseline, in the same run, interleaved with it (A B A B, ``ROUNDS`` times): the naive
scan a tool without an index does after a key press, ``str.find`` of the new entity's
surface over the whole text (no normalisation, no clitics: it finds less), and the same
for every entity's surface (what redoing propagation for all takes without an index).
Printed: median wall and CPU ms of each, the ratio to the one-surface scan, the load
average. Also timed in the same rounds: storing what propagation found
(``Store.add_suggestions`` into a database file, replacing the previous round's open
``propagate`` suggestions: WAL, ``synchronous=FULL``), which ``tawsim suggest`` and the
window do next; "propagate + store" is the key press to suggestions stored.

    python benches/bench_propagate.py [ROUNDS]      (default 30)
    python benches/run.py --only propagate [--quick]  (quick: 5 rounds)
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from corpus.model import Entity, Span  # noqa: E402
from corpus.store import Store  # noqa: E402
from corpus.suggest.propagate import WordIndex, propagate, word_index, word_runs  # noqa: E402

DATA = REPO.parent / "shared" / "data" / "saudinewsnet-sample"
TARGET_MS = 50.0
LARGE_CHARS = 500_000
ENTITIES = 40
QUICK = {"rounds": 5}


def large_text() -> str | None:
    """~500 KB of real articles, the largest first; None without the data."""
    if not DATA.is_dir():
        return None
    pieces = [p.read_text(encoding="utf-8") for p in sorted((DATA / "large").glob("*.txt"))]
    pieces.sort(key=len, reverse=True)
    for path in sorted(DATA.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                text = record.get("text") or record.get("content") or ""
                if isinstance(text, str) and text:
                    pieces.append(text)
    out: list[str] = []
    size = 0
    for piece in pieces:
        if size >= LARGE_CHARS:
            break
        out.append(piece)
        size += len(piece) + 2
    return "\n\n".join(out) if size else None


def tagged_entities(text: str, count: int) -> list[Entity]:
    """The first mention of the ``count`` most frequent long words, as entities."""
    runs = list(word_runs(text))
    frequency = Counter(text[s:e] for s, e in runs if e - s >= 6)
    first: dict[str, tuple[int, int]] = {}
    for s, e in runs:
        first.setdefault(text[s:e], (s, e))
    return [
        Entity(str(uuid.uuid4()), 1, "bench", Span(*first[word]), "GPE")
        for word, _ in frequency.most_common(count)
    ]


def timed(work: Any) -> tuple[float, float, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, result


def measure(name: str, text: str, rounds: int) -> dict[str, Any]:
    build_wall, build_cpu, _ = timed(lambda: WordIndex(text))
    word_index(text)  # what opening the document does, once
    entities = tagged_entities(text, ENTITIES + 1)
    before, pressed = entities[:-1], entities[-1]
    surface = text[pressed.span.start : pressed.span.end]

    def ours() -> int:
        return len(propagate(1, "bench", text, [*before, pressed]))

    def scan(needle: str) -> int:
        found, at = 0, text.find(needle)
        while at >= 0:
            found += 1
            at = text.find(needle, at + len(needle))
        return found

    def baseline() -> int:
        return scan(surface)

    surfaces = [text[e.span.start : e.span.end] for e in entities]

    def baseline_all() -> int:
        return sum(scan(needle) for needle in surfaces)

    folder = tempfile.TemporaryDirectory(prefix="bench_propagate_")
    store = Store.open(Path(folder.name) / "bench.db")
    doc_id = store.add_document(text, name)
    for entity in [*before, pressed]:
        store.add_entity(doc_id, "bench", entity.span.start, entity.span.end, entity.label)
    found = propagate(doc_id, "bench", text, [*before, pressed])

    def store_them() -> int:
        return store.add_suggestions(doc_id, "bench", found, replacing=["propagate"])

    ours_wall, ours_cpu, base_wall, base_cpu, all_wall = [], [], [], [], []
    store_wall, store_cpu = [], []
    suggested = scanned = scanned_all = stored = 0
    for _ in range(rounds):  # interleaved: A B A B
        w, c, suggested = timed(ours)
        ours_wall.append(w)
        ours_cpu.append(c)
        w, c, stored = timed(store_them)
        store_wall.append(w)
        store_cpu.append(c)
        w, c, scanned = timed(baseline)
        base_wall.append(w)
        base_cpu.append(c)
        w, _, scanned_all = timed(baseline_all)
        all_wall.append(w)
    store.close()
    folder.cleanup()
    ours_ms, base_ms = statistics.median(ours_wall), statistics.median(base_wall)
    total = [a + b for a, b in zip(ours_wall, store_wall, strict=True)]
    return {
        "text": name,
        "chars": len(text),
        "entities": len(before) + 1,
        "suggested": suggested,
        "index_build_ms": round(build_wall, 1),
        "index_build_cpu_ms": round(build_cpu, 1),
        "propagate_ms": round(ours_ms, 2),
        "propagate_cpu_ms": round(statistics.median(ours_cpu), 2),
        "max_ms": round(max(ours_wall), 2),
        "stored": stored,
        "store_ms": round(statistics.median(store_wall), 2),
        "store_cpu_ms": round(statistics.median(store_cpu), 2),
        "propagate_and_store_ms": round(statistics.median(total), 2),
        "propagate_and_store_max_ms": round(max(total), 2),
        "str_find_ms": round(base_ms, 2),
        "str_find_cpu_ms": round(statistics.median(base_cpu), 2),
        "str_find_hits": scanned,
        "str_find_all_ms": round(statistics.median(all_wall), 2),
        "str_find_all_hits": scanned_all,
        "ratio": round(ours_ms / base_ms, 2) if base_ms else None,
        "target_ms": TARGET_MS,
        "verdict": "ok" if ours_ms <= TARGET_MS else "MISSED",
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def main(rounds: int = 30) -> list[dict[str, Any]]:
    seed = next((REPO / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    rows = [measure("seed", seed, rounds)]
    large = large_text()
    if large is None:
        print(f"bench_propagate: {DATA} absent; only the seed is measured", file=sys.stderr)
    else:
        rows.append(measure("500KB", large, rounds))
    for row in rows:
        print(
            f"{row['text']:>6} {row['chars']:>7} chars, {row['entities']} entities: propagate "
            f"{row['propagate_ms']} ms (cpu {row['propagate_cpu_ms']}, max {row['max_ms']}), "
            f"{row['suggested']} suggestions; stored {row['stored']} in {row['store_ms']} ms "
            f"(cpu {row['store_cpu_ms']}): propagate + store {row['propagate_and_store_ms']} ms "
            f"(max {row['propagate_and_store_max_ms']}); str.find {row['str_find_ms']} ms "
            f"(cpu {row['str_find_cpu_ms']}, {row['str_find_hits']} hits of one surface), "
            f"of all {row['entities']} surfaces {row['str_find_all_ms']} ms "
            f"({row['str_find_all_hits']} hits); "
            f"ratio {row['ratio']}; index built once in {row['index_build_ms']} ms "
            f"(cpu {row['index_build_cpu_ms']}); {row['verdict']}; load {row['load']}"
        )
    return rows


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
