"""A realistic synthetic Arabic news corpus, for benchmarks: deterministic, streamed.

Texts are stitched from short runs of consecutive words (5 to 20, with their
punctuation, line breaks and the odd diacritic) drawn at random from real Arabic
news: the repository's seed article, plus the SaudiNewsNet sample in
``../shared/data/saudinewsnet-sample`` when it is there (it is never copied into the
repository; without it the seed article alone gives the vocabulary). Article lengths
are log-normal, fitted to the SaudiNewsNet lengths (median about 1,200 characters,
mean about 1,650, a long tail to several thousand), so that 100,000 articles weigh
what 100,000 real ones do. The same seed gives the same corpus, byte for byte.

    python benches/corpus_gen.py 100000 out.jsonl [--seed 7]     (- for stdout)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED_SAMPLE = "saudinewsnet-sample"
SOURCES = (
    "aawsat",
    "aleqtisadiya",
    "aljazirah",
    "almadina",
    "alriyadh",
    "alwatan",
    "alweeam",
    "alyaum",
    "okaz",
    "sabq",
)

# ln(length in code points) of the 300 SaudiNewsNet articles of 2015-07-23:
# mean 7.12, standard deviation 0.84. Used when the sample is absent.
LOG_MEAN, LOG_SD = 7.12, 0.84
MIN_LENGTH, MAX_LENGTH = 40, 60_000
_WORD = re.compile(r"\S+\s*")
# The SaudiNewsNet sample carries stray control characters (U+001A) that Tawsim rightly
# rejects; the generator drops them so that every generated record is importable.
_CONTROLS = dict.fromkeys(c for c in range(32) if chr(c) not in "\t\n\r")
_GENERATOR_VERSION = b"2"  # part of the cache key: bump when the output changes


def shared_data_dir() -> Path | None:
    """``../shared/data`` beside the checkout, or ``$TAWSIM_SHARED_DATA``, if present."""
    configured = os.environ.get("TAWSIM_SHARED_DATA")
    candidate = Path(configured) if configured else REPO.parent / "shared" / "data"
    return candidate if candidate.is_dir() else None


@dataclass(frozen=True)
class Model:
    """What the generator draws from: the words of real articles, in order, and lengths."""

    words: tuple[str, ...]
    title_words: tuple[str, ...]
    log_mean: float
    log_sd: float
    fingerprint: str  # changes when the source texts change (cache key)


def _texts() -> tuple[list[str], list[str], list[int], list[Path]]:
    """Real article bodies, titles, the lengths to fit, and the files read (fixed order).

    The two longest articles of SaudiNewsNet (``saudinewsnet_large_articles.jsonl``)
    lend their words but not their lengths: they were picked for being outliers.
    """
    bodies: list[str] = []
    titles: list[str] = []
    lengths: list[int] = []
    used: list[Path] = []
    for seed in sorted((REPO / "seeds").glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        first, _, rest = text.partition("\n")
        titles.append(first.strip())
        bodies.append(rest.strip())
        used.append(seed)
    shared = shared_data_dir()
    if shared is not None:
        for path in sorted((shared / SHARED_SAMPLE).glob("*.jsonl")):
            typical = "large" not in path.name
            with path.open(encoding="utf-8") as handle:
                for line in handle:
                    record = json.loads(line)
                    body = record.get("content", "").strip()
                    if body:
                        bodies.append(body)
                        if typical:
                            lengths.append(len(body))
                    if record.get("title", "").strip():
                        titles.append(record["title"].strip())
            used.append(path)
    return bodies, titles, lengths, used


def load_model() -> Model:
    """Read the source texts once and fit the length distribution to them."""
    bodies, titles, real_lengths, used = _texts()
    words = tuple(w for body in bodies for w in _WORD.findall(body.translate(_CONTROLS)))
    title_words = tuple(w.strip() for title in titles for w in title.translate(_CONTROLS).split())
    lengths = [math.log(n) for n in real_lengths]
    if len(lengths) >= 30:
        mean = sum(lengths) / len(lengths)
        sd = math.sqrt(sum((x - mean) ** 2 for x in lengths) / (len(lengths) - 1))
    else:
        mean, sd = LOG_MEAN, LOG_SD
    digest = hashlib.sha256(_GENERATOR_VERSION)
    for path in used:
        digest.update(path.name.encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return Model(words, title_words, mean, sd, digest.hexdigest()[:12])


def _article(rng: random.Random, model: Model) -> tuple[str, str]:
    words, count = model.words, len(model.words)
    target = int(min(MAX_LENGTH, max(MIN_LENGTH, rng.lognormvariate(model.log_mean, model.log_sd))))
    pieces: list[str] = []
    size = 0
    while size < target:
        start = rng.randrange(count)
        run = words[start : start + rng.randint(5, 20)]
        pieces.extend(run)
        size += sum(map(len, run))
    text = "".join(pieces)
    # End at the drawn length, on a word boundary.
    cut = text.rfind(" ", 0, target)
    text = (text[:cut] if cut > target // 2 else text[:target]).strip()
    title_count = len(model.title_words)
    first = rng.randrange(title_count)
    title = " ".join(model.title_words[first : first + rng.randint(4, 11)])
    return title, text


def generate(n: int, seed: int = 7, model: Model | None = None) -> Iterator[dict[str, str]]:
    """``n`` article records ``{id, title, text, source, date}``, deterministic per seed."""
    model = model or load_model()
    rng = random.Random(seed)
    for i in range(n):
        title, text = _article(rng, model)
        yield {
            "id": f"syn-{seed}-{i:07d}",
            "title": title,
            # A unique last line (as the peers' harness does): no two texts are duplicates.
            "text": f"{text}\n#{i}",
            "source": SOURCES[i % len(SOURCES)],
            "date": f"2015-07-{1 + i % 31:02d}",
        }


def iter_new_documents(n: int, seed: int = 7) -> Iterator[object]:
    """The same articles as ``corpus.model.NewDocument`` objects, for benchmarks of the API."""
    from corpus.model import NewDocument

    for record in generate(n, seed):
        yield NewDocument(
            text=record["text"],
            title=record["title"],
            external_id=record["id"],
            source="corpus_gen",
            metadata={"source": record["source"], "date": record["date"]},
        )


def write_jsonl(path: Path, n: int, seed: int = 7, model: Model | None = None) -> Path:
    """Write ``n`` articles to ``path`` as JSONL, streamed (atomic: a temp file renamed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", encoding="utf-8") as out:
        for record in generate(n, seed, model):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    partial.replace(path)
    return path


def cached_jsonl(folder: Path, n: int, seed: int = 7) -> Path:
    """The corpus of ``n`` articles in ``folder``, generated only if not there yet."""
    model = load_model()
    path = folder / f"corpus-{n}-seed{seed}-{model.fingerprint}.jsonl"
    if not path.exists():
        write_jsonl(path, n, seed, model)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("n", type=int)
    parser.add_argument("out", help="a .jsonl file, or - for standard output")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if args.out == "-":
        for record in generate(args.n, args.seed):
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        return 0
    write_jsonl(Path(args.out), args.n, args.seed)
    print(f"wrote {args.n} articles to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
