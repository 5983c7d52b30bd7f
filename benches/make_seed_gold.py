"""Writes ``benches/seed_gold.jsonl``: the seed article's gold entities and quotes.

Annotated by hand (ASSIST-GUI, issue 9) and written down here as the words each
annotation covers, in text order, so that the offsets are computed rather than typed.
Conventions (ANERcorp's, as the issue asks): a proclitic stays out of the entity
(``لبكين`` → ``بكين``, ``وبوتين`` → ``بوتين``), the article stays in (``للصين`` → ``لصين``);
adjectives (``الروسية``, ``الأمريكية``) and ``الغرب`` are not entities. A quote's content
runs from the first word after the complementiser (or the opening quotation mark) to
the last word before the sentence's full stop (or the closing mark); its cue is the
reporting verb without ``و``; its speaker is the name's entity when there is one
(not its apposition), else the words that name the speaker; a direct quote with no
reporting verb has no cue.

    python benches/make_seed_gold.py
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benches" / "seed_gold.jsonl"

# (words, label, occurrence-skip): each found after the previous one, in text order;
# a word may sit inside a longer one (a proclitic before it).
ENTITIES = [
    ("الكرملين", "ORG"),
    ("الصين", "GPE"),
    ("أوكرانيا", "GPE"),
    ("الكرملين", "ORG"),
    ("الصين", "GPE"),
    ("أوكرانيا", "GPE"),
    ("ديمتري بيسكوف", "PER"),
    ("الكرملين", "ORG"),
    ("الصين", "GPE"),
    ("بكين", "GPE"),
    ("بيسكوف", "PER"),
    ("الصين", "GPE"),
    ("واشنطن", "GPE"),
    ("بكين", "GPE"),  # لبكين
    ("مجلس الأمن الروسي", "ORG"),
    ("نيكولاي باتروشيف", "PER"),
    ("الصين", "GPE"),
    ("وكالة أنباء تاس", "ORG"),
    ("باتروشيف", "PER"),
    ("لصين", "GPE"),  # للصين
    ("فلاديمير بوتين", "PER"),
    ("شي جين بينغ", "PER"),
    ("روسيا", "GPE"),
    ("الصين", "GPE"),  # والصين
    ("سمرقند", "GPE"),
    ("أوزبكستان", "GPE"),  # بأوزبكستان
    ("منظمة شنغهاي للتعاون", "ORG"),
    ("الصين", "GPE"),
    ("أوكرانيا", "GPE"),
    ("بوتين", "PER"),
    ("الصين", "GPE"),
    ("شي", "PER"),
    ("بوتين", "PER"),  # وبوتين
    ("الولايات المتحدة", "GPE"),
    ("بكين", "GPE"),
    ("موسكو", "GPE"),  # وموسكو
    ("واشنطن", "GPE"),
    ("روسيا", "GPE"),
    ("الصين", "GPE"),  # والصين
    ("آسيا الوسطى", "LOC"),
    ("الاتحاد السوفيتي", "GPE"),
    ("آسيا الوسطى", "LOC"),
    ("بوتين", "PER"),
    ("أوكرانيا", "GPE"),
    ("الصين", "GPE"),
]

# (cue, speaker, content first words, content last words, kind), in text order.
QUOTES = [
    ("قال", "ديمتري بيسكوف", "العقوبات الأمريكية", "العلاقات مع بكين", "indirect"),
    ("أضاف", "بيسكوف", "التهديد بفرض", "بشكل عام", "indirect"),
    ("أوضح", "بيسكوف", "التجارة مع الصين", "فرضت عليها عقوبات", "indirect"),
    ("ذكرت", "وكالة أنباء تاس", "وصل سكرتير", "حول القضايا الأمنية", "indirect"),
    ("قالت", "الوكالة", "خلال زيارة", "شي جين بينغ", "indirect"),
    (None, "بوتين", "نحن نقدر", "في هذا الصدد", "direct"),
    ("قال", "الخبراء", "الرسائل السياسية", "السياسيين في واشنطن", "indirect"),
]


def _is_letter(ch: str) -> bool:
    return ch.isalpha()


def find_word(text: str, words: str, after: int) -> int:
    """The first place at or after ``after`` where ``words`` ends a word (a proclitic
    may come before it)."""
    at = text.index(words, after)
    while at + len(words) < len(text) and _is_letter(text[at + len(words)]):
        at = text.index(words, at + 1)
    return at


def build(text: str) -> dict[str, Any]:
    entities = []
    at = 0
    for words, label in ENTITIES:
        start = find_word(text, words, at)
        entities.append({"start": start, "end": start + len(words), "label": label})
        at = start + len(words)
    quotes = []
    at = 0
    for cue, speaker, first, last, kind in QUOTES:
        content_start = text.index(first, at)
        end = text.index(last, content_start) + len(last)
        cue_span = None
        if cue is not None:
            try:  # before the content ...
                c = text.rindex(cue, at, content_start)
            except ValueError:  # ... or after it (حسبما ذكرت وكالة)
                c = find_word(text, cue, end)
            cue_span = {"start": c, "end": c + len(cue)}
        # Between the cue and the content, or after a cue that follows the content;
        # else the last mention before (the previous speaker: وأوضح أيضا أن).
        if cue_span is not None and cue_span["start"] > end:
            s = text.index(speaker, cue_span["end"])
        else:
            try:
                s = text.rindex(speaker, cue_span["end"] if cue_span else at, content_start)
            except ValueError:
                s = text.rindex(speaker, 0, cue_span["start"] if cue_span else content_start)
        speaker_span = {"start": s, "end": s + len(speaker)}
        quotes.append(
            {
                "content": {"start": content_start, "end": end},
                "kind": kind,
                "cue": cue_span,
                "speaker": speaker_span,
            }
        )
        at = max(end, cue_span["end"] if cue_span else 0)
    return {"text": text, "entities": entities, "quotes": quotes}


def main() -> None:
    text = next((REPO / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    gold = build(text)
    OUT.write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
    entities: list[dict[str, Any]] = gold["entities"]
    quotes: list[dict[str, Any]] = gold["quotes"]

    def words(span: dict[str, int] | None) -> str:
        return "-" if span is None else text[span["start"] : span["end"]]

    for e in entities:
        print(e["label"], words(e))
    for q in quotes:
        content = words(q["content"])
        print(q["kind"], words(q["cue"]), "|", words(q["speaker"]), "|", content[:30], "…")
    print(f"{OUT}: {len(entities)} entities, {len(quotes)} quotes")


if __name__ == "__main__":
    main()
