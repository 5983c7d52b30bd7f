"""Arabic text processing: search normalisation, word boundaries, camel-tools seam.

camel-tools is imported lazily, only by the functions that need it, so that the
CLI and the GUI start without loading it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

TATWEEL = "\u0640"

# Harakat, tanween, shadda, sukun, dagger alef, Quranic marks: dropped for search.
_DIACRITICS = [chr(c) for c in range(0x0610, 0x061B)] + [chr(c) for c in range(0x064B, 0x0660)]
_DIACRITICS += (
    ["\u0670"] + [chr(c) for c in range(0x06D6, 0x06DD)] + [chr(c) for c in range(0x06DF, 0x06E9)]
)
_DIACRITICS += [chr(c) for c in range(0x06EA, 0x06EE)]

_FOLD = {
    "\u0622": "\u0627",  # آ → ا
    "\u0623": "\u0627",  # أ → ا
    "\u0625": "\u0627",  # إ → ا
    "\u0671": "\u0627",  # ٱ → ا
    "\u0672": "\u0627",
    "\u0673": "\u0627",
    "\u0649": "\u064a",  # ى → ي
    "\u0629": "\u0647",  # ة → ه
    "\u0624": "\u0648",  # ؤ → و
    "\u0626": "\u064a",  # ئ → ي
}
# Bidi controls and zero-width characters would split or glue tokens at random.
_INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff"]
_INVISIBLE += [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)]

_SEARCH_TABLE = str.maketrans(
    {**dict.fromkeys(_DIACRITICS), TATWEEL: None, **dict.fromkeys(_INVISIBLE), **_FOLD}
)
_SEARCH_DROP = re.compile("[" + "".join(map(re.escape, [*_DIACRITICS, TATWEEL, *_INVISIBLE])) + "]")
_FOLD_PAIRS = tuple(_FOLD.items())


def normalize_for_search(text: str) -> str:
    """Fold what readers do not distinguish when searching.

    Diacritics, tatweel and invisible controls are dropped; alef/hamza variants,
    alef maqsura and teh marbuta are folded. The result is only ever an index key:
    stored text is never rewritten. Lengths differ from the input.
    """
    # Same result as text.translate(_SEARCH_TABLE).lower(), about 5x faster on Arabic:
    # translate with a dict looks every character up, and this runs on every imported text.
    text = _SEARCH_DROP.sub("", text)
    for letter, folded in _FOLD_PAIRS:
        if letter in text:
            text = text.replace(letter, folded)
    return text.lower()


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Like :func:`normalize_for_search`, with a map from each output index to its input offset.

    The map has one extra entry, ``len(text)``, so an end offset maps too.
    """
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        folded = ch.translate(_SEARCH_TABLE).lower()
        for piece in folded:
            out.append(piece)
            origin.append(i)
    origin.append(len(text))
    return "".join(out), origin


_FTS_TOKEN = re.compile(r"[^\W_]+\*?", re.UNICODE)


def find_hits(text: str, query: str) -> list[tuple[int, int]]:
    """Where the words of ``query`` occur in ``text``, as sorted ``(start, end)`` code points.

    Both sides are normalised as for the search index (:func:`normalize_for_search`), so
    a query without harakat or hamza finds the words written with them. Each word is
    matched anywhere inside words too (Arabic glues clitics such as ال and و to words);
    a trailing ``*`` is ignored. A hit's end takes in the harakat after its last letter.

    A word with the article also finds it after the preposition ``ل``, which drops the
    article's alef (``الصين`` finds ``للصين`` and ``وللصين``); that hit covers the name as
    ANERcorp annotates it, ``لصين``, the proclitic ``ل`` left out like ``ب`` in ``بالصين``.
    """
    words = {m.group().rstrip("*") for m in _FTS_TOKEN.finditer(normalize_for_search(query))}
    words.discard("")
    if not words:
        return []
    folded, origin = normalize_with_map(text)
    hits: set[tuple[int, int]] = set()
    for word in words:
        at = folded.find(word)
        while at >= 0:
            hits.add((origin[at], origin[at + len(word)]))
            at = folded.find(word, at + len(word))
        if word.startswith("ال") and len(word) > 3:
            for match in re.finditer(
                _LAM_ARTICLE_AT_WORD_START + re.escape(word[1:]) + ")", folded
            ):
                hits.add((origin[match.start(1)], origin[match.end(1)]))
    return sorted(hits)


# ل (after an optional و/ف) at a word start, then the article without its alef: group 1 is
# the stem as stored (لصين of للصين). Matched on normalised text, so no harakat in between.
_LAM_ARTICLE_AT_WORD_START = r"(?<![^\W_])[وف]?ل("


def fts_query(query: str) -> str | None:
    """Turn a user's search words into a safe FTS5 query over the normalised index.

    Every word must occur (AND), written alone or behind proclitics: each word is asked
    for with every form :func:`clitic_forms` gives it (``الصين`` also matches ``بالصين``,
    ``والصين``, ``للصين``, ``وللصين``). A trailing ``*`` asks for a prefix match, of each
    form. Returns None when the query has no word at all.
    """
    groups = []
    for match in _FTS_TOKEN.finditer(normalize_for_search(query)):
        word = match.group()
        star = "*" if word.endswith("*") else ""
        word = word.rstrip("*")
        if word:
            forms = [f'"{form}"{star}' for form in clitic_forms(word)]
            groups.append(forms[0] if len(forms) == 1 else "(" + " OR ".join(forms) + ")")
    return " AND ".join(groups) if groups else None


# The proclitics of corpus.clitics (which imports this module, hence the copy): و/ف, then
# ب/ك/ل, ل before the article dropping its alef.
_CONJUNCTIONS = ("\u0648", "\u0641")  # و ف
_PREPOSITIONS = ("\u0628", "\u0643", "\u0644")  # ب ك ل
_LAM, _ARTICLE = "\u0644", "\u0627\u0644"  # ل, ال


def clitic_forms(word: str) -> list[str]:
    """``word`` and the words whose clitic-stripped search key it is, normalised.

    The exact inverse of :func:`corpus.clitics.search_keys` (tests check both ways): the
    index holds the surface words only, and a query word is asked for in each form that
    has it as a key. ``الصين`` → ``الصين``, ``والصين``, ``فالصين``, ``بالصين``, ``كالصين``,
    ``لالصين``, ``وبالصين`` …, ``للصين``, ``وللصين``, ``فللصين``. As in ``search_keys``, a
    key keeps at least two letters after a conjunction and three after a preposition; the
    article form (``لل`` + the name) needs a name of two letters or more after ``ال``.
    ``word`` is taken as normalised (:func:`normalize_for_search`). A key is a whole word:
    ``الصين`` is not a key of ``بالصينية``.
    """
    forms = [word]
    if len(word) >= 2:
        forms += [conj + word for conj in _CONJUNCTIONS]
    if len(word) >= 3:
        for conj in ("", *_CONJUNCTIONS):
            forms += [conj + prep + word for prep in _PREPOSITIONS]
    if word.startswith(_ARTICLE) and len(word) >= 4:
        # للصين: ل + الصين without the article's alef.
        forms += [conj + _LAM + word[1:] for conj in ("", *_CONJUNCTIONS)]
    return list(dict.fromkeys(forms))


def is_word_char(ch: str) -> bool:
    """Letters, digits and combining marks (harakat) belong to words; tatweel too."""
    if ch == TATWEEL:
        return True
    cat = unicodedata.category(ch)
    return cat[0] in "LNM"


def snap_to_word(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` to whole words, then trim surrounding spaces and punctuation.

    A selection that holds no word character is returned unchanged.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    original = (start, end)
    while start < end and not is_word_char(text[start]):
        start += 1
    while end > start and not is_word_char(text[end - 1]):
        end -= 1
    if start == end:
        return original
    while start > 0 and is_word_char(text[start - 1]):
        start -= 1
    while end < len(text) and is_word_char(text[end]):
        end += 1
    return start, end


def snap_to_graphemes(text: str, start: int, end: int) -> tuple[int, int]:
    """Never split a base letter from its combining marks (shadda, harakat)."""
    while 0 < start < len(text) and unicodedata.category(text[start])[0] == "M":
        start -= 1
    while 0 < end < len(text) and unicodedata.category(text[end])[0] == "M":
        end += 1
    return start, end


def word_spans(text: str) -> Iterator[tuple[int, int]]:
    """Maximal runs of word characters; punctuation and symbols are single-character tokens."""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if is_word_char(ch):
            j = i + 1
            while j < n and is_word_char(text[j]):
                j += 1
            yield i, j
            i = j
        elif ch.isspace() or unicodedata.category(ch) == "Cf":
            i += 1
        else:
            yield i, i + 1
            i += 1


@lru_cache(maxsize=1)
def _camel_simple_word_tokenize():  # type: ignore[no-untyped-def]
    try:
        from camel_tools.tokenizers.word import simple_word_tokenize
    except ImportError:  # camel-tools is optional at run time
        return None
    return simple_word_tokenize


def tokenize_with_offsets(text: str) -> list[tuple[int, int]]:
    """Word tokens as code-point spans, using camel-tools' word tokenizer when present.

    camel-tools returns strings, not offsets, so each token is found again in the text
    in order; where that fails (a tokenizer that changed the token), the plain
    :func:`word_spans` tokenization is used for the whole text.
    """
    tokenize = _camel_simple_word_tokenize()
    if tokenize is None:
        return list(word_spans(text))
    spans: list[tuple[int, int]] = []
    pos = 0
    for token in tokenize(text):
        at = text.find(token, pos)
        if at < 0:
            return list(word_spans(text))
        spans.append((at, at + len(token)))
        pos = at + len(token)
    return spans
