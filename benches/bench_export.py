"""Export benchmark: ``tawsim export`` against a bare SELECT-to-JSON-lines baseline.

Builds (once, cached under ``bench-out/``) a database of ``n_docs`` synthetic Arabic news
articles (``benches/corpus_gen.py``: real news words, real article lengths) with
``annotations_per_doc`` annotations each on their words (entities, quotes with cue and
speaker, stances with holder, target and evidence), all marked done by one annotator,
imported through the store's own annotated-import path.
Then, in the same run and each in its own subprocess:

- the baseline: one plain ``SELECT`` of the same rows (documents, annotations, their
  arguments), written as JSON lines;
- ``tawsim export --format jsonl`` (target: at most 2x the baseline);
- ``tawsim export --format conll`` when that exporter exists (target: at most 5x);

and prints each time, its ratio to the baseline and the peak memory (max RSS of the
subprocess, target under 300 MB), with CPU-time ratios beside for a busy machine.
``python benches/bench_export.py [N_DOCS [PER_DOC [REPEATS]]]``.
"""

from __future__ import annotations

import json
import os
import random
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench-out"
JSONL_MAX_RATIO, CONLL_MAX_RATIO, PEAK_MB = 2.0, 5.0, 300.0
QUICK = {"n_docs": 10_000}  # benches/run.py --quick

_FALLBACK_WORDS = [
    "في",
    "إطار",
    "الجهود",
    "المبذولة",
    "لتعزيز",
    "التعاون",
    "المشترك",
    "بين",
    "البلدين",
    "أكدت",
    "المصادر",
    "أن",
    "المحادثات",
    "تناولت",
    "عددا",
    "من",
    "القضايا",
    "الإقليمية",
    "والدولية",
    "ذات",
    "الاهتمام",
    "المشترك",
    "وسبل",
    "دعم",
    "الاستقرار",
    "والتنمية",
    "الاقتصادية",
    "في",
    "المنطقة",
    "خلال",
    "المرحلة",
    "المقبلة",
    "وقال",
    "الوزير",
    "إن",
    "الرياض",
    "وعمّان",
    "والقاهرة",
    "تدعم",
    "الحل",
    "السياسي.",
]
_TOPICS = ["الحرب في أوكرانيا", "أسعار النفط", "التغير المناخي", "الأمن الغذائي"]
_LABELS = ["PER", "ORG", "GPE", "LOC", "EVENT", "MISC"]
_WORD = re.compile(r"[^\s.,،؛:!؟?\"'()«»#]+")


def _records(n_docs: int, seed: int) -> tuple[Iterator[dict[str, Any]], str]:
    """Article records from ``benches/corpus_gen.py`` (real Arabic news words and lengths),
    or a small built-in generator when it is missing; with a cache key for the texts."""
    sys.path.insert(0, str(REPO / "benches"))
    try:
        import corpus_gen
    except ImportError:
        corpus_gen = None
    finally:
        sys.path.pop(0)
    if corpus_gen is not None:
        model = corpus_gen.load_model()
        return corpus_gen.generate(n_docs, seed, model), f"gen{model.fingerprint}"

    def fallback() -> Iterator[dict[str, Any]]:
        rng = random.Random(seed)
        for i in range(n_docs):
            body = " ".join(rng.choice(_FALLBACK_WORDS) for _ in range(rng.randint(80, 300)))
            yield {
                "id": f"syn-{seed}-{i:07d}",
                "title": f"خبر رقم {i}",
                "text": f"{body}\n#{i}",
                "source": "bench",
            }

    return fallback(), "builtin"


def _annotated_documents(
    records: Iterator[dict[str, Any]], per_doc: int, seed: int
) -> Iterator[Any]:
    """NewDocuments with ``per_doc`` annotations on real words of each text, marked done:
    entities (some nested), quotes with cue and speaker, stances with holder, a target
    (entity or topic) and evidence. Deterministic per seed."""
    import uuid as uuidlib

    from corpus.model import Entity, NewDocument, Quote, Ref, Span, Stance, Topic

    rng = random.Random(seed)
    uid = lambda: str(uuidlib.UUID(int=rng.getrandbits(128), version=4))  # noqa: E731
    n_quotes = n_stances = per_doc // 5
    n_entities = per_doc - n_quotes - n_stances
    for record in records:
        text = record["text"]
        words = [Span(m.start(), m.end()) for m in _WORD.finditer(text)]
        last = len(words) - 1

        def run(first: int, count: int, words: list[Span] = words, last: int = last) -> Span:
            first = min(first, last)
            return Span(words[first].start, words[min(first + count - 1, last)].end)

        anns: list[Any] = []
        entities: list[Entity] = []
        for j in range(n_entities):
            at = rng.randrange(len(words))
            entity = Entity(uid(), 0, "", run(at, rng.choice((1, 1, 2, 3))), _LABELS[j % 6])
            entities.append(entity)
            anns.append(entity)
        for _ in range(n_quotes):
            at = rng.randrange(len(words))
            anns.append(
                Quote(
                    uid(),
                    0,
                    "",
                    run(at + 1, rng.randint(6, 14)),
                    rng.choice(("direct", "indirect", "mixed")),
                    run(at, 1),
                    Ref(rng.choice(entities).uuid) if entities else None,
                )
            )
        for k in range(n_stances):
            if not entities:
                break
            target: Any = Topic(rng.choice(_TOPICS)) if k % 2 else Ref(rng.choice(entities).uuid)
            anns.append(
                Stance(
                    uid(),
                    0,
                    "",
                    Ref(rng.choice(entities).uuid),
                    target,
                    rng.choice(("support", "oppose", "neutral")),
                    (run(rng.randrange(len(words)), 3),),
                )
            )
        yield NewDocument(
            text=text,
            title=record["title"],
            external_id=record["id"],
            metadata={k: v for k, v in record.items() if k not in ("id", "title", "text")},
            annotations=tuple(anns),
            status="done",
        )


def ensure_db(n_docs: int, per_doc: int) -> Path:
    """The cached benchmark database, built through the store's own import path."""
    from corpus.store import Store

    OUT.mkdir(exist_ok=True)
    records, texts_key = _records(n_docs, seed=7)
    path = OUT / f"export-bench-{n_docs}x{per_doc}-{texts_key}.db"
    if path.exists():
        with Store.open(path) as store:
            if store.count_documents() == n_docs:
                return path
        path.unlink()
    partial = path.with_name(path.name + ".building")
    for leftover in OUT.glob(partial.name + "*"):
        leftover.unlink()
    started = time.perf_counter()
    docs = _annotated_documents(records, per_doc, seed=7)
    with Store.open(partial) as store:
        batch: list[Any] = []
        done = 0
        for doc in docs:
            batch.append(doc)
            if len(batch) == 2000:
                store.add_documents(batch, annotator="bench")
                done += len(batch)
                batch.clear()
                print(f"  built {done:,}/{n_docs:,} documents", file=sys.stderr, end="\r")
        if batch:
            store.add_documents(batch, annotator="bench")
    os.replace(partial, path)
    print(f"  built {n_docs:,} documents in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


def baseline(db: Path, out: Path) -> None:
    """The bare baseline: the same rows, one SELECT, dumped per document as a JSON line."""
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT d.id, d.external_id, d.title, d.text, d.metadata, s.status, a.uuid, a.layer, "
        'a.label, a.start, a."end", g.role, g.position, g.ref_uuid, g.start, g."end", g.topic '
        "FROM documents d JOIN document_status s ON s.document_id = d.id "
        "LEFT JOIN annotations a ON a.document_id = d.id AND a.annotator_id = s.annotator_id "
        "LEFT JOIN annotation_args g ON g.annotation_id = a.id "
        # By document only: the indexes give that order without a sort (ordering the
        # annotations too makes SQLite build a transient index, a handicap it need not have).
        "WHERE s.status = 'done' ORDER BY d.id"
    )
    encode = json.JSONEncoder(ensure_ascii=False).encode
    with out.open("w", encoding="utf-8") as handle:
        current: list[Any] | None = None
        for row in rows:
            if current is None or current[0] != row[0]:
                if current is not None:
                    handle.write(encode(current) + "\n")
                current = [row[0], row[1], row[2], row[3], row[4], row[5], []]
            current[6].append(row[6:])
        if current is not None:
            handle.write(encode(current) + "\n")
    conn.close()


def measure(command: list[str]) -> dict[str, float]:
    """Run ``command`` in a fresh child of a fresh process: wall and CPU seconds, max RSS."""
    probe = (
        "import json, resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "code = subprocess.run(sys.argv[1:]).returncode\n"
        "s = time.perf_counter() - t\n"
        "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(json.dumps({'code': code, 'seconds': s, 'cpu': use.ru_utime + use.ru_stime,\n"
        "                  'rss_kb': use.ru_maxrss}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *command], check=True, capture_output=True, text=True
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if result["code"] != 0:
        raise SystemExit(
            f"benchmark step failed ({result['code']}): {' '.join(command)}\n{done.stderr}"
        )
    return {
        "seconds": result["seconds"],
        "cpu_seconds": result["cpu"],
        "peak_mb": result["rss_kb"] / 1024,
    }


def main(n_docs: int = 100_000, annotations_per_doc: int = 10, repeats: int = 1) -> dict[str, Any]:
    """Build or reuse the database, time baseline and exports, print and return the figures.

    With ``repeats`` > 1 the steps run in turn that many times and each keeps its fastest
    run (the machine may be busy with other work; the minimum is the least disturbed).
    """
    sys.path.insert(0, str(REPO))
    db = ensure_db(n_docs, annotations_per_doc)
    work = OUT / "export-bench-files"
    work.mkdir(exist_ok=True)
    tawsim = [sys.executable, "-m", "corpus", "--db", str(db), "export"]
    steps: dict[str, list[str]] = {
        "baseline": [
            sys.executable,
            str(Path(__file__).resolve()),
            "--baseline",
            str(db),
            str(work / "baseline.jsonl"),
        ],
        "jsonl": [*tawsim, "--format", "jsonl", "--out", str(work / "export.jsonl")],
    }
    if (REPO / "corpus" / "exporters" / "conll.py").exists():
        steps["conll"] = [*tawsim, "--format", "conll", "--out", str(work / "export.conll")]
    figures: dict[str, Any] = {"documents": n_docs, "annotations": n_docs * annotations_per_doc}
    for _ in range(max(1, repeats)):
        for name, command in steps.items():
            run = measure(command)
            best = figures.get(name)
            figures[name] = (
                run
                if best is None or run["seconds"] < best["seconds"]
                else {**best, "peak_mb": max(best["peak_mb"], run["peak_mb"])}
            )
    with (work / "export.jsonl").open("rb") as handle:
        exported = sum(1 for _ in handle)
    if exported != n_docs:
        raise SystemExit(f"the jsonl export holds {exported} lines, not {n_docs}")
    base = figures["baseline"]["seconds"]
    targets = {"jsonl": JSONL_MAX_RATIO, "conll": CONLL_MAX_RATIO}
    print(f"export benchmark: {n_docs:,} documents, {n_docs * annotations_per_doc:,} annotations")
    print(
        f"  baseline (SELECT → JSON lines) {base:8.2f} s  "
        f"(cpu {figures['baseline']['cpu_seconds']:.2f} s)  "
        f"peak {figures['baseline']['peak_mb']:6.0f} MB"
    )
    verdicts = []
    for name, limit in targets.items():
        if name not in figures:
            print(f"  {name:<6} (no exporter yet)")
            continue
        step = figures[name]
        ratio = step["seconds"] / base
        step["ratio"] = ratio
        step["cpu_ratio"] = step["cpu_seconds"] / figures["baseline"]["cpu_seconds"]
        ok = ratio <= limit and step["peak_mb"] < PEAK_MB
        verdicts.append(ok)
        print(
            f"  {name:<6} {step['seconds']:8.2f} s  ratio {ratio:5.2f}x (target ≤ {limit:g}x; "
            f"cpu {step['cpu_ratio']:.2f}x)  peak {step['peak_mb']:6.0f} MB "
            f"(target < {PEAK_MB:g})  {'ok' if ok else 'MISSED'}"
        )
    figures["ok"] = all(verdicts)
    return figures


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--baseline":
        baseline(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        args = [int(a.replace("_", "")) for a in sys.argv[1:4]]
        sys.exit(0 if main(*args)["ok"] else 1)
