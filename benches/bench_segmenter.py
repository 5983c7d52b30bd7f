"""Proclitic segmenter: entity-start accuracy on ANERcorp (CAMeL Lab test split).

``python benches/bench_segmenter.py [FOLDS]``

The check set. ANERcorp tags whole whitespace tokens (SOURCE.md of the data: "clitics left
attached"): ``وبوتين B-PERS`` is one token whose entity, by the convention Tawsim keeps
(issue 9: the proclitic is not part of the name, the article is), starts one letter in.
So the gold start of an entity inside its first token is a judgement, made here by hand,
once, for every distinct entity-initial token of this file that begins with و/ف/ب/ك/ل
(``B-`` and orphan ``I-`` starts). :data:`INTRINSIC` lists those whose first letter is
their own (``واشنطن``, ``بكين``, ``لبنان``, ``وليامز``...); :data:`TWO_PROCLITICS` the one
token with two (``وبأفريقيا``); :data:`AMBIGUOUS` the five left out (context does not settle
``لعال``, ``وسترافورد``, ``بوصوله``; ``بالله`` is part of a name; ``في`` is tagged I-ORG by a
slip). Every other one carries its first letter as a proclitic (``وبوتين``, ``للعراق``,
``ببطولة``, ``لبن`` of ``لبن لادن``). Where ANERcorp did split a proclitic off as a token of
its own (``و`` then ``الظواهري B-PERS``: 2 cases), the two tokens are joined back into the
word a text would hold (``والظواهري``, gold start 1). The judgements hold for the file
whose sha256 SOURCE.md gives; another file is refused.

Entity starts are ``B-`` tokens and ``I-`` tokens that do not continue an entity of their
type. The segmenter runs on the first word of each start token (trailing punctuation off)
and its ``stem_start`` is compared with the gold one.

Vocabulary: k-fold by contiguous chunks of sentences (the split keeps no document
boundaries; consecutive sentences come from the same articles, so a chunk stands for a few
documents): the word under test is scored with a vocabulary built from the other folds only
(their running words with counts, their entities as Tawsim stores them, i.e. without the
gold proclitics), so it is never known merely because it is the word being tested. Four
configurations: rules only (no vocabulary), the other folds' words, + their entities,
+ Babel's CLDR seed gazetteer (the full segmenter). One more for comparison: the words of
the fold itself only, as the window builds its vocabulary from the open article (there the
word under test is always known, as it is in a real article).

Printed: accuracy over all entity starts, over the starts inside a token that begins with
a proclitic letter, per gold proclitic (و ف ب ك ل), and the false splits of entity words
that keep their first letter. And the time per word, beside a baseline measured in the same
run (``normalize_for_search`` of the same words), with the load average.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from corpus.arabic import normalize_for_search, word_spans  # noqa: E402
from corpus.clitics import Vocabulary, segment  # noqa: E402

DATA = REPO.parent / "shared" / "data" / "anercorp-camel-lab" / "ANERCorp_CamelLab_test.txt"
SHA256 = "0eac2e38f4e8e3059cb58b9691b92d7720499a595b10919326b6a512d297ffe9"
PROCLITIC_LETTERS = "وفبكل"
QUICK = {"folds": 5}  # benches/run.py --quick

_INTRINSIC_WORDS = """
    كي فرنسا باكستان ليبرمان لبنان واشنطن لاريجاني فنزويلا بن بطولة وايزنغر بيلباو بوش
    برشلونة لندن كوندوليزا كوفي كردستان فيراري فتح بغداد برلين باريس بار باجيرو ليبيا لي
    كشمير كاكبيرن كاتالونيا فيتنام فولكسفاجن فرناندو فالنسيا بيك بلعاوي بكينغهام برن
    برازيليا ويندسور وولفسبورج وودورد وليامز لويس لوثر كوردوبا كريستوف كامينين كافلنيكوف
    كارلوس فينوجرادوف فيم فيليكس فيكتوريا فنلندا فلسطين فلاديمير فاس بيليه بيتر بنك بليك
    بلير بلجيكا بلال بكين بشار بريطانيا بروكسل برودي ويمبلدون ويليام وول ووترغيت وليد وكالة
    وانغ والت وائل ليوبيسيتش ليفانتي ليغاسي ليرة ليتوانيا ليبرتي لوموند لوكسمبورغ لقاء لعرج
    لحود لتس لاغونا لاتسيو لؤي كيني كينوليس كين كيمي كويزون كوما كوكس كوريا كوبلي كوانغ
    كمال كليمينتي كلاين كلاشينكوف كلاشنيكوف كريم كريستوفر كريستوفام كرونور كركوك كتائب
    كامبوسيا كاليفورنيا كافيه كاسياس كاستل كاري كارلو كارلس كاراتي كات كابول كأس فيينا
    فينزك فيليب فيلكس فيكي فيسنت فيرهوف فيرنر فيرمونت فيرا فياريال فونتيناي فوربز فور
    فلوران فلاح فرانكو فرانس فاينانشال فالسروده فاطمة فاسكو فاروق فارس فابيو بيولي بيكنور
    بيرمان بيتيس بيت بي بوينغ بوهدان بومرداس بول بوسكو بوسطن بوزاني بوتين بوب بهاء بني
    بنسلفانيا بنديكتوس بلنسية بلحسن بلازا بل برويز برهم برند برج بحر بجاية بترا باناسونيك
    بان بالا بافل بافاريا باري بارادورن بارا باتومي باتريك بابلو برتوي بندكتوس بيركامب
    فريبيرغا لو
    """
INTRINSIC = frozenset(_INTRINSIC_WORDS.split())
TWO_PROCLITICS = {"وبأفريقيا": 2}
AMBIGUOUS = frozenset({"لعال", "وسترافورد", "بوصوله", "بالله", "في"})


@dataclass(frozen=True)
class Start:
    """One entity start: its first word as a text would hold it, and where the name begins."""

    fold: int
    word: str
    gold_start: int | None  # None: ambiguous, left out


def first_word(token: str) -> str:
    for start, end in word_spans(token):
        return token[start:end]
    return token


def gold_start_of(word: str) -> int | None:
    if not word or word[0] not in PROCLITIC_LETTERS or word in INTRINSIC:
        return 0
    if word in AMBIGUOUS:
        return None
    return TWO_PROCLITICS.get(word, 1)


def read_sentences(path: Path) -> list[list[tuple[str, str]]]:
    sentences: list[list[tuple[str, str]]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if sentences[-1]:
                sentences.append([])
            continue
        token, _, tag = line.rpartition(" ")
        sentences[-1].append((token, tag))
    return [s for s in sentences if s]


def rejoined(sentence: list[tuple[str, str]]) -> list[tuple[str, str, int]]:
    """Tokens with a lone proclitic token glued back to the entity token after it.

    Each item is (word, tag, letters glued on), the last 0 for an untouched token.
    """
    out: list[tuple[str, str, int]] = []
    i = 0
    while i < len(sentence):
        token, tag = sentence[i]
        if (
            len(token) == 1
            and token in PROCLITIC_LETTERS
            and tag == "O"
            and i + 1 < len(sentence)
            and sentence[i + 1][1] != "O"
        ):
            out.append((token + sentence[i + 1][0], sentence[i + 1][1], 1))
            i += 2
            continue
        out.append((token, tag, 0))
        i += 1
    return out


def collect(folds: int) -> tuple[list[Start], list[str], list[list[str]]]:
    """The entity starts, each fold's text, and each fold's entity surfaces (as stored)."""
    sentences = read_sentences(DATA)
    size = -(-len(sentences) // folds)
    starts: list[Start] = []
    texts = ["" for _ in range(folds)]
    entities: list[list[str]] = [[] for _ in range(folds)]
    for index, sentence in enumerate(sentences):
        fold = index // size
        tokens = rejoined(sentence)
        texts[fold] += " ".join(word for word, _, _ in tokens) + "\n"
        previous_type = None
        current: list[str] = []
        for word, tag, glued in [*tokens, ("", "O", 0)]:
            kind = tag[2:] if tag != "O" else None
            begins = kind is not None and (tag.startswith("B-") or kind != previous_type)
            if current and (begins or kind is None):
                entities[fold].append(" ".join(current))
                current = []
            if begins:
                head = first_word(word)
                gold = 1 if glued else gold_start_of(head)
                starts.append(Start(fold, head, gold))
                current = [head[gold or 0 :]]
            elif kind is not None:
                current.append(first_word(word))
            previous_type = kind
    return starts, texts, entities


def score(starts: list[Start], predict: Callable[[Start], int]) -> dict[str, tuple[int, int]]:
    """(correct, total) per group of entity starts."""
    groups: dict[str, list[int]] = {}

    def count(group: str, ok: bool) -> None:
        hit_total = groups.setdefault(group, [0, 0])
        hit_total[0] += ok
        hit_total[1] += 1

    for start in starts:
        if start.gold_start is None:
            continue
        ok = predict(start) == start.gold_start
        count("all entity starts", ok)
        if start.word[:1] in PROCLITIC_LETTERS:
            count("first letter و/ف/ب/ك/ل", ok)
            if start.gold_start == 0:
                count("  keep first letter (no split)", ok)
            else:
                count("  has proclitic", ok)
                count(f"    proclitic {start.word[0]}", ok)
    return {group: (hit, total) for group, (hit, total) in groups.items()}


def main(folds: int = 10) -> list[dict[str, object]]:
    if not DATA.exists():
        print(f"skipped: {DATA} is absent")
        return []
    digest = hashlib.sha256(DATA.read_bytes()).hexdigest()
    if digest != SHA256:
        print(f"refused: {DATA} is not the file the gold judgements were made on ({digest})")
        return []
    starts, texts, entities = collect(folds)
    judged = [s for s in starts if s.gold_start is not None]
    print(
        f"ANERcorp test split: {len(starts)} entity starts, {len(starts) - len(judged)} "
        f"ambiguous left out; {sum(1 for s in judged if s.gold_start)} with a proclitic "
        f"({Counter(s.word[0] for s in judged if s.gold_start).most_common()}); {folds} folds"
    )

    def vocabularies(with_entities: bool, with_seed: bool) -> list[Vocabulary]:
        built = []
        for fold in range(folds):
            others = [texts[f] for f in range(folds) if f != fold]
            names = [e for f in range(folds) if f != fold for e in entities[f]] * with_entities
            built.append(Vocabulary.from_texts(others, names=names, use_seed=with_seed))
        return built

    configurations: list[tuple[str, list[Vocabulary] | None]] = [
        ("rules only", None),
        ("its own fold's words", [Vocabulary.from_texts([text]) for text in texts]),
        ("other folds' words", vocabularies(False, False)),
        ("+ their entities", vocabularies(True, False)),
        ("+ CLDR gazetteer", vocabularies(True, True)),
    ]
    results = {}
    for name, vocabs in configurations:

        def predict(start: Start, vocabs: list[Vocabulary] | None = vocabs) -> int:
            return segment(start.word, None if vocabs is None else vocabs[start.fold]).stem_start

        results[name] = score(starts, predict)

    groups = list(results["rules only"])
    width = max(map(len, groups)) + 2
    print("\n" + "group".ljust(width) + "".join(f"{name:>22}" for name in results))
    for group in groups:
        cells = []
        for name in results:
            hit, total = results[name].get(group, (0, 0))
            cells.append(f"{hit:>5}/{total:<5} {100 * hit / max(total, 1):5.1f}%")
        print(group.ljust(width) + "".join(f"{cell:>22}" for cell in cells))

    full = dict(configurations)["+ CLDR gazetteer"]
    assert full is not None
    wrong = Counter(
        (s.word, s.gold_start, segment(s.word, full[s.fold]).stem_start)
        for s in judged
        if segment(s.word, full[s.fold]).stem_start != s.gold_start
    )
    print("\nerrors of the full segmenter (word, gold start, predicted), most frequent first:")
    print("  " + "  ".join(f"{w}:{g}→{p} x{n}" for (w, g, p), n in wrong.most_common(40)))

    words = [s.word for s in judged]
    timings = {"normalize_for_search (baseline)": 0.0, "segment, full vocabulary": 0.0}
    cpu = dict.fromkeys(timings, 0.0)
    for _ in range(3):  # interleaved A B A B
        for label in timings:
            wall0, cpu0 = time.perf_counter(), time.process_time()
            if label.startswith("normalize"):
                for word in words:
                    normalize_for_search(word)
            else:
                for s in judged:
                    segment(s.word, full[s.fold])
            timings[label] += time.perf_counter() - wall0
            cpu[label] += time.process_time() - cpu0
    base_wall, base_cpu = (
        timings["normalize_for_search (baseline)"],
        cpu["normalize_for_search (baseline)"],
    )
    print(f"\nload average {os.getloadavg()}; {len(words)} words x 3 rounds")
    for label in timings:
        per_word = 1e6 * timings[label] / (3 * len(words))
        print(
            f"  {label:34} {per_word:7.2f} µs/word  wall x{timings[label] / base_wall:5.1f}"
            f"  cpu x{cpu[label] / max(base_cpu, 1e-9):5.1f}"
        )
    rows: list[dict[str, object]] = []
    for name in results:
        hit, total = results[name]["all entity starts"]
        inside_hit, inside_total = results[name]["first letter و/ف/ب/ك/ل"]
        rows.append(
            {
                "bench": "segmenter",
                "configuration": name,
                "entity starts %": round(100 * hit / total, 2),
                "proclitic-letter starts %": round(100 * inside_hit / inside_total, 2),
            }
        )
    return rows


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:2]))
