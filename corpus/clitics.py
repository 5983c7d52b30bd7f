"""Arabic proclitics: which letters at the start of a word are a conjunction or a preposition.

Arabic writes ``و``/``ف`` (and, so), then ``ب``/``ك``/``ل`` (in, like, for) glued to the next
word: ``لبكين`` is ``ل`` + ``بكين``, ``وبالصين`` is ``و`` + ``ب`` + ``الصين``. ``ل`` before the
article drops the article's alef: ``للصين`` is ``ل`` + ``الصين``. The convention kept here is
ANERcorp's: the article stays in the name, so the stem of ``للصين`` is ``لصين`` (a span of the
original text) and its search key is ``الصين``.

The same letters also begin many words of their own (``واشنطن``, ``بكين``, ``لبنان``, ``فلسطين``,
``وزير``), so a split is only accepted on evidence:

* with a :class:`Vocabulary` (the corpus' words with counts, the annotated entities, the
  CLDR gazetteer, which every vocabulary knows), every reading of the word is a candidate:
  the word as written, and each way of taking proclitics off whose remainder has at least
  :data:`MIN_STEM_LETTERS` letters (two after a conjunction, or after a preposition when the
  remainder is a name: ``لبن لادن``).
  The reading whose form is the best attested wins: a name (annotated entity, gazetteer,
  the built-in :data:`PROTECTED_NAMES`) beats a plain word, then the corpus count decides;
  a tie between the whole word and a split goes to the split, a tie between two splits to
  the fewer proclitics. This is the rule "split only when the remainder is a known word and
  the whole word is not itself the better-known word": ``وبوتين`` is rare and ``بوتين`` a
  name, so it splits; ``بكين`` is a name and ``كين`` at best a word, so it stays; ``وقال``
  splits because ``قال`` is the more frequent word, while ``وزير`` stays because ``زير`` is
  not a word of the corpus. Comparing the readings with each other, rather than testing the
  remainder alone, is what keeps a name whole when the corpus happens to contain its
  remainder (``كمال`` and ``مال``). A few readings Arabic does not allow are not counted
  (:func:`_vocabulary_split`): a preposition before a conjunction (``كوفي`` is no ``ك`` +
  ``وفي``), the article + one letter (``بالا`` is no ``ب`` + ``إلا``). And a plain word
  seen once does not count for itself: the window builds its vocabulary from the open
  article, where that one occurrence is the word being segmented.
* when the vocabulary knows none of the readings, the rules below, plus one prior: a ``و``
  before an unknown Arabic word is the conjunction unless the word begins like a
  transliterated W-name (``وا``, ``وو``, ``وي``) or is one of the frequent root-initial
  stems the module lists, with its suffixes (``وزارته``, ``وصولها``). An unknown word is
  mostly a rare name, and other root-initial ``و`` words are frequent words a corpus knows.
  On 100 Saudi news articles (each its own vocabulary) about 2% of the words this prior cuts
  are root-initial words it should have left whole (``وئدت``).
* without a vocabulary, the conservative rules of :func:`_rule_split`: ``ب``/``ك``/``ل`` only
  before the article (``بالصين``, ``للصين``) or a protected name (``لبكين``); ``و``/``ف``
  before those, before a Latin word or a number (``وDell``), or before a reporting verb the
  rules know (``وقال``); never on a protected name. A wrong split is worse than a missed
  one: the annotator sees a proposal cut into a name.
* when camel-tools' morphological analyser is installed (``camel_tools.morphology`` and a
  database under ``CAMELTOOLS_DATA``), its analyses name the candidate proclitics; the
  vocabulary (or, without one, the analyser's own majority) then chooses among them. It is
  loaded lazily, once, and only when ``CAMELTOOLS_DATA`` is set; any failure to load it (no
  database, a broken catalogue, the offline catalogue download) falls back to the rules.

Measured on ANERcorp (``benches/bench_segmenter.py``, 10 folds, vocabulary from the other
folds' words and entities): 98.9% of entity starts right, 95.6% of those after a proclitic,
3.4% of entity words that begin with a proclitic letter of their own split by mistake; with
the vocabulary of the fold's own words only (as from an open article), 98.6%, 88.9%, 0.5%.

All offsets are code points of the word as given: harakat and tatweel after a proclitic
letter belong to the proclitic, so the stem starts at the next base letter.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from corpus.arabic import TATWEEL, is_word_char, normalize_for_search, word_spans

CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ك", "ل")
ARTICLE = "ال"
LAM = "ل"

# Words of normalised text (no harakat left): letters and digits.
_WORD = re.compile(r"[^\W_]+")

# A remainder shorter than this is a pronoun or particle (وهو، بها), not a stem worth proposing.
MIN_STEM_LETTERS = 3
# ... except after a conjunction, where a two-letter host (ومن، وفي، ولا) is a real word.
MIN_STEM_LETTERS_AFTER_CONJUNCTION = 2

# Names that begin with a proclitic letter of their own. The gazetteer (Babel's CLDR names) adds
# the countries and cities it knows; these are the frequent ones it lacks or spells otherwise
# (CLDR calls Britain "المملكة المتحدة"), and they hold in rules-only mode, without Babel.
PROTECTED_NAMES = frozenset(
    normalize_for_search(name)
    for name in (
        "واشنطن",
        "بكين",
        "لبنان",
        "فلسطين",
        "كندا",
        "بريطانيا",
        "فرنسا",
        "بغداد",
        "بيروت",
        "برلين",
        "باريس",
        "بروكسل",
        "لندن",
        "ليبيا",
        "كوريا",
        "كوبا",
        "فنزويلا",
        "فيتنام",
        "فنلندا",
        "باكستان",
        "بلجيكا",
        "بولندا",
        "بلغاريا",
        "البرازيل",
        "كينيا",
        "لاهاي",
        "فيينا",
        "كابول",
        "كراتشي",
        "لشبونة",
        "بنغلاديش",
        "وارسو",
        "ويلز",
        "فاس",
        "بنغازي",
        "بيت لحم",
        "كركوك",
        "البصرة",
    )
)

# Frequent stems whose و/ف is a root letter (وزير، وصول، وقف، فريق): neither the rules nor the
# prior for و cut them, with or without one of the suffixes below (وزارته، وصولها، وقعت).
_ROOT_INITIAL_STEMS_TEXT = """
    وزير وزراء وزارة وصل وصول وضع وطن وطني وطنية وقف وقفة وقع وقائع وقت وحدة وحدات وحيد
    وثيق وثيقة وثائق وجه وجهة وجود وجوب وجد ولاية ولاة وفق وفد وفاة وكيل وكلاء وكالة وسيلة
    وسائل وسط ورشة وراء وراثي وقاية وقائي وظيفة وظائف وعد وعي وصف ولد ولادة واجب وارد وافق
    واقع واضح واسع وقود وزن وسام ورقة وصية ودائع وديعة وفير واحد واحدة وليد وائل وهران وطأة
    وطيدة وقوع
    فريق فيلم فترة فكرة فرصة فرع فوز فقط فوق فقد فعل فرد فصل فتح فرض فشل فاز فندق فصيل فئة
    فوضى
"""
_ROOT_INITIAL_STEMS = tuple(normalize_for_search(stem) for stem in _ROOT_INITIAL_STEMS_TEXT.split())
# Pronoun, plural, feminine and past-tense endings a root-initial stem may carry.
_STEM_SUFFIXES_TEXT = "ه ها هم هما هن ك كم ي نا ات ين ون ان ا يا ية ت تا وا تم ته تها تهم تي تنا"
_STEM_SUFFIXES = ("", *_STEM_SUFFIXES_TEXT.split(), "اته", "اتها", "اتهم")
_ROOT_INITIAL_WORDS = frozenset(
    stem + normalize_for_search(suffix) for stem in _ROOT_INITIAL_STEMS for suffix in _STEM_SUFFIXES
) | frozenset(
    # وزارة + ته = وزارته: the teh marbuta (folded to ه) is a ت before a suffix.
    stem[:-1] + "ت" + normalize_for_search(suffix)
    for stem in _ROOT_INITIAL_STEMS
    if stem.endswith("ه")
    for suffix in _STEM_SUFFIXES
    if suffix
)

# Past-tense verbs that so often follow و/ف (وقال، فأضاف) that rules-only mode may split them.
_LIKELY_HOSTS = frozenset(
    normalize_for_search(word)
    for word in (
        "قال",
        "قالت",
        "أضاف",
        "أضافت",
        "أوضح",
        "أوضحت",
        "أكد",
        "أكدت",
        "أشار",
        "أشارت",
        "ذكر",
        "ذكرت",
        "صرح",
        "أعلن",
        "أعلنت",
        "كشف",
        "شدد",
        "تابع",
        "اعتبر",
        "نفى",
        "أعرب",
        "كان",
        "كانت",
        "أن",
        "إن",
    )
)


class Vocabulary:
    """Words known to a corpus, on their search-normalised form.

    ``add`` counts running words; ``add_entity`` records a name (an annotated entity or a
    gazetteer entry), which outranks a plain word when :func:`segment` weighs two readings.
    The names of :func:`seed_gazetteer` (and their words) are names too unless ``use_seed`` is
    false: a vocabulary built from one article then still knows بريطانيا or الصين.
    """

    def __init__(self, use_seed: bool = True) -> None:
        self._counts: Counter[str] = Counter()
        self._names: set[str] = set()
        self._seed = _seed_name_words() if use_seed else frozenset()

    def add(self, word: str, count: int = 1) -> None:
        key = normalize_for_search(word)
        if key:
            self._counts[key] += count

    def add_entity(self, surface: str) -> None:
        key = " ".join(normalize_for_search(surface).split())
        if not key:
            return
        self._names.add(key)
        # Each word of a longer name is a name word too (لادن of بن لادن, حزب of حزب الله), so
        # that وحزب or للادن split; a one-letter word is a clitic or an initial, not a name.
        words = key.split()
        first_word_key = _lam_article_key(words[0])
        if len(words) > 1:
            self._names.update(word for word in words if len(word) > 1)
        # An entity stored by ANERcorp's convention (لصين from للصين) is also known by its key.
        if first_word_key is not None:
            self._names.add(first_word_key)

    def count(self, word: str) -> int:
        return self._counts.get(normalize_for_search(word), 0)

    def is_name(self, word: str) -> bool:
        return self._weight(normalize_for_search(word))[0]

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        key = normalize_for_search(word)
        return key in self._counts or key in self._names

    def __len__(self) -> int:
        return len(self._counts.keys() | self._names)

    @classmethod
    def from_texts(
        cls, texts: Iterable[str], names: Iterable[str] = (), use_seed: bool = True
    ) -> Vocabulary:
        """Count the words of ``texts``; ``names`` are added as entities."""
        vocabulary = cls(use_seed)
        counts = vocabulary._counts
        for text in texts:
            counts.update(_WORD.findall(normalize_for_search(text)))
        for name in names:
            vocabulary.add_entity(name)
        return vocabulary

    def _weight(self, key: str) -> tuple[bool, int]:
        is_name = key in self._names or key in PROTECTED_NAMES or key in self._seed
        return (is_name, self._counts.get(key, 0))


@dataclass(frozen=True)
class Segmentation:
    """One word cut into its proclitics and its stem.

    ``proclitics`` are the clitic letters (``"وب"``), ``stem_start`` the code-point offset in the
    word where the stem starts (0: nothing split), ``key`` the search-normalised stem with the
    article restored after ``لل``.
    """

    proclitics: str
    stem_start: int
    key: str


@dataclass(frozen=True)
class _Reading:
    proclitics: str
    stem_start: int
    key: str
    # The other key a لل reading may have: ل + a stem that starts with ل (للبنان = ل + لبنان).
    plain_key: str | None = None
    # A two-letter stem after a preposition (بن of لبن لادن): taken only when it is a name.
    short: bool = False


def _base_letters(word: str) -> list[tuple[str, int]]:
    """The letters of ``word`` with their offsets, harakat, tatweel and invisible marks skipped."""
    letters = []
    for at, ch in enumerate(word):
        if ch == TATWEEL or unicodedata.category(ch)[0] in "MC":
            continue
        letters.append((ch, at))
    return letters


def _lam_article_key(key: str) -> str | None:
    """``لصين`` → ``الصين``: the key of a stem whose article lost its alef after ``ل``."""
    if key.startswith(LAM) and len(key) > 2 and not key.startswith(ARTICLE):
        return ARTICLE + key[1:]
    return None


def _readings(word: str) -> list[_Reading]:
    """Every way of taking proclitics off ``word``, the unsplit reading first."""
    letters = _base_letters(word)
    whole = _Reading("", 0, normalize_for_search(word))
    if len(letters) < 2:
        return [whole]
    readings = [whole]
    conjunction_options = [0]
    if letters[0][0] in CONJUNCTIONS:
        conjunction_options.append(1)
    for after_conjunction in conjunction_options:
        if after_conjunction:
            rest = letters[1:]
            if len(rest) >= MIN_STEM_LETTERS_AFTER_CONJUNCTION:
                readings.append(
                    _Reading(letters[0][0], rest[0][1], normalize_for_search(word[rest[0][1] :]))
                )
        else:
            rest = letters
        if len(rest) < 2 or rest[0][0] not in PREPOSITIONS:
            continue
        prefix = "".join(ch for ch, _ in letters[: after_conjunction + 1])
        stem_letters = rest[1:]
        if len(stem_letters) < MIN_STEM_LETTERS - 1:
            continue
        short = len(stem_letters) < MIN_STEM_LETTERS
        stem_start = stem_letters[0][1]
        stem_key = normalize_for_search(word[stem_start:])
        if rest[0][0] == LAM and stem_letters[0][0] == LAM and not short:
            # لل: ل + the article without its alef (للصين), or ل + a stem in ل (للبنان).
            readings.append(_Reading(prefix, stem_start, ARTICLE + stem_key[1:], stem_key))
        else:
            readings.append(_Reading(prefix, stem_start, stem_key, short=short))
    return readings


def _rule_split(readings: list[_Reading], word: str, unknown_word: bool = False) -> _Reading:
    """The conservative choice when no vocabulary speaks (see the module docstring).

    ``unknown_word``: a vocabulary was given and knows neither the word nor any remainder.
    Then a و before an Arabic remainder of three letters or more is taken as the conjunction,
    unless the word begins like a transliterated W-name (وا، وو، وي: واشنطن، وودورد، ويليام).
    An Arabic word whose own first letter is و (وزير، وصل) is a frequent word that a corpus
    knows, and an unknown word is mostly a rare name, which after و is mostly و + the name:
    in ANERcorp, 135 entity starts have a proclitic و and only 15 distinct entity words that
    begin with و keep it, most of them W-names.
    """
    whole = readings[0]
    if whole.key in PROTECTED_NAMES:
        return whole
    best = whole
    for reading in readings[1:]:
        candidate = _rule_candidate(reading, whole)
        if (
            candidate is None
            and unknown_word
            and reading.proclitics == "و"
            and len(reading.key) >= MIN_STEM_LETTERS
            and word[reading.stem_start] not in _W_NAME_SECOND_LETTERS
            and whole.key not in _ROOT_INITIAL_WORDS
        ):
            candidate = reading
        if candidate is not None and candidate.stem_start > best.stem_start:
            best = candidate
    return best


# The second letter of a transliterated name in W (واشنطن، وودورد، ويليام): not a conjunction.
_W_NAME_SECOND_LETTERS = frozenset("اوي")


def _rule_candidate(reading: _Reading, whole: _Reading) -> _Reading | None:
    """``reading`` as the rules accept it, or None."""
    if reading.short:
        return None
    if reading.proclitics in CONJUNCTIONS and not _is_arabic_letter(reading.key[:1]):
        return reading  # و glued to a Latin word or a number (وDell) is always the conjunction
    if reading.plain_key is not None and reading.plain_key in PROTECTED_NAMES:
        # ل + a protected name that starts with ل (للبنان): the name is the key.
        return _Reading(reading.proclitics, reading.stem_start, reading.plain_key)
    if reading.key in PROTECTED_NAMES:  # لبكين
        return reading
    if reading.key.startswith(ARTICLE) and len(reading.key) > len(ARTICLE) + 1:
        return reading
    is_likely_host = reading.proclitics in CONJUNCTIONS and reading.key in _LIKELY_HOSTS
    return reading if is_likely_host and whole.key not in _ROOT_INITIAL_WORDS else None


def _is_article_and_one_letter(key: str) -> bool:
    """الا (إلا) after ب is no article + noun: a noun has two letters at least."""
    return key.startswith(ARTICLE) and len(key) <= len(ARTICLE) + 1


def _reads_as_conjunction_after_preposition(reading: _Reading, vocabulary: Vocabulary) -> bool:
    """ك + وفي in كوفي: a stem after a preposition that is better read as و/ف + a word."""
    if reading.proclitics[-1:] not in PREPOSITIONS or reading.key[:1] not in CONJUNCTIONS:
        return False
    return vocabulary.count(reading.key[1:]) >= vocabulary.count(reading.key)


def _is_arabic_letter(ch: str) -> bool:
    return "\u0620" <= ch <= "\u06ff"


def _vocabulary_split(readings: list[_Reading], vocabulary: Vocabulary) -> _Reading | None:
    """The best-attested reading, or None when the vocabulary knows none of them.

    Readings are weighed by more than their counts. A protected name is never split. A
    plain-word stem after a preposition that reads better as و/ف + a word is no stem: a
    preposition never precedes a conjunction, so the count of وفي in كوفي is that of و + في,
    no evidence for ك + وفي (but لوكالة is ل + وكالة: كالة is no word). ال + one letter is no
    noun (بالا is not ب + إلا). A لل reading is at least as good as the whole word unless
    that is a name: Arabic words do not begin with لل of their own, so للمعهد is ل + المعهد
    even when the corpus saw only للمعهد. A plain word seen once does not count for itself.
    """
    if readings[0].key in PROTECTED_NAMES:
        return readings[0]
    whole_weight = vocabulary._weight(readings[0].key)
    best: _Reading | None = None
    best_weight = (False, 0)
    for reading in readings:
        weight = vocabulary._weight(reading.key)
        chosen = reading
        if reading.plain_key is not None:
            plain_weight = vocabulary._weight(reading.plain_key)
            if plain_weight > weight:
                weight = plain_weight
                chosen = _Reading(reading.proclitics, reading.stem_start, reading.plain_key)
            if not whole_weight[0]:
                weight = max(weight, whole_weight)
        if not weight[0] and (
            reading.short
            or _is_article_and_one_letter(reading.key)
            or _reads_as_conjunction_after_preposition(reading, vocabulary)
        ):
            continue
        if weight == (False, 0) or (reading is readings[0] and weight == (False, 1)):
            # A plain word seen once is no evidence for itself: in a vocabulary built from the
            # text being annotated, that one occurrence is the very word being segmented.
            continue
        # A split ties with the whole word and wins (the whole word must be the *better*
        # known word to stay whole); between two splits a tie keeps the fewer proclitics.
        if best is None or weight > best_weight or (weight == best_weight and not best.proclitics):
            best, best_weight = chosen, weight
    return best


def _analyser_split(word: str, readings: list[_Reading]) -> list[_Reading] | None:
    """The readings camel-tools' analyser allows, most frequent first (None: no analyser)."""
    analyse = _camel_analyser()
    if analyse is None:
        return None
    try:
        analyses = analyse(word)
    except Exception:  # noqa: BLE001 - a third-party analyser's failure must not stop annotation
        return None
    votes: Counter[str] = Counter()
    for analysis in analyses:
        votes[_proclitics_of_analysis(analysis)] += 1
    if not votes:
        return None
    by_proclitics = {reading.proclitics: reading for reading in readings}
    allowed = [by_proclitics[p] for p, _ in votes.most_common() if p in by_proclitics]
    return allowed or None


def _proclitics_of_analysis(analysis: dict[str, Any]) -> str:
    """The conjunction and preposition letters of one camel-tools analysis (article excluded)."""
    letters = ""
    conjunction = str(analysis.get("prc2", "0"))
    if conjunction.startswith("wa_"):
        letters += "و"
    elif conjunction.startswith("fa_"):
        letters += "ف"
    preposition = str(analysis.get("prc1", "0"))
    for tag, letter in (("bi_", "ب"), ("ka_", "ك"), ("li_", "ل"), ("la_", "ل")):
        if preposition.startswith(tag):
            letters += letter
            break
    return letters


@lru_cache(maxsize=1)
def _camel_analyser() -> Callable[[str], list[dict[str, Any]]] | None:
    """camel-tools' analyser over its built-in database, or None when it cannot be had.

    Only tried when ``CAMELTOOLS_DATA`` is set: without it, importing camel_tools.morphology
    tries to download its catalogue, which fails (slowly, without a network) here.
    """
    if not os.environ.get("CAMELTOOLS_DATA"):
        return None
    try:
        from camel_tools.morphology.analyzer import Analyzer
        from camel_tools.morphology.database import MorphologyDB

        analyser = Analyzer(MorphologyDB.builtin_db(), cache_size=100_000)
    except Exception:  # noqa: BLE001 - ImportError, camel's DownloaderError, a missing db file...
        return None
    analyse: Callable[[str], list[dict[str, Any]]] = analyser.analyze
    return analyse


def segment(word: str, vocabulary: Vocabulary | None = None) -> Segmentation:
    """Cut the proclitics off one word (see the module docstring for the decision rule)."""
    if not word or (word[0] not in _PROCLITIC_LETTERS and not _starts_with_a_mark(word)):
        return Segmentation("", 0, normalize_for_search(word))
    readings = _readings(word)
    if len(readings) == 1:
        chosen = readings[0]
    else:
        allowed = _analyser_split(word, readings)
        candidates = readings if allowed is None else [readings[0], *allowed]
        chosen_by_vocabulary = (
            None if vocabulary is None else _vocabulary_split(candidates, vocabulary)
        )
        if chosen_by_vocabulary is not None:
            chosen = chosen_by_vocabulary
        elif allowed is not None:
            chosen = allowed[0]
        else:
            chosen = _rule_split(readings, word, unknown_word=vocabulary is not None)
    return Segmentation(chosen.proclitics, chosen.stem_start, chosen.key)


def stem_span(
    text: str, start: int, end: int, vocabulary: Vocabulary | None = None
) -> tuple[int, int]:
    """The span ``[start, end)`` of ``text`` without the proclitics of its first word.

    Punctuation before that word (``«وبوتين``) goes with the proclitics; a span without a
    proclitic comes back unchanged.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    for word_start, word_end in word_spans(text[start:end]):
        first = text[start + word_start : start + word_end]
        if not is_word_char(first[0]):
            continue
        cut = segment(first, vocabulary).stem_start
        return (start + word_start + cut, end) if cut else (start, end)
    return start, end


def search_keys(word: str) -> list[str]:
    """Extra search-index keys of one surface word: its forms without proclitics, by rule.

    ``بالصين`` → ``[الصين]``; ``للصين`` → ``[الصين, لصين]`` (the second so that ``لبنان`` finds
    ``للبنان``); ``وبالصين`` → ``[بالصين, الصين]``; ``لبكين`` → ``[بكين]``. No vocabulary: the
    index is built at import, and an extra key costs one index row while a missing one hides
    a mention. Only words that start with a proclitic letter get keys, and a key keeps at least
    three letters (two after a conjunction), so a word has at most four extra keys.
    """
    # Most words start with another letter: answer them before any normalisation, since the
    # index calls this for every word it imports.
    if not word or (word[0] not in _PROCLITIC_LETTERS and not _starts_with_a_mark(word)):
        return []
    return list(_search_keys(word))


_PROCLITIC_LETTERS = frozenset(CONJUNCTIONS + PREPOSITIONS)


def _starts_with_a_mark(word: str) -> bool:
    ch = word[0]
    return ch == TATWEEL or unicodedata.category(ch)[0] in "MC"


@lru_cache(maxsize=65_536)
def _search_keys(word: str) -> tuple[str, ...]:
    keys: list[str] = []
    for reading in _readings(word)[1:]:
        if reading.short:
            continue
        for key in (reading.key, reading.plain_key):
            if key is not None and key not in keys:
                keys.append(key)
    whole = normalize_for_search(word)
    return tuple(key for key in keys if key != whole)


@lru_cache(maxsize=1)
def _seed() -> dict[str, str]:
    from babel import Locale

    arabic = Locale("ar")
    seed: dict[str, str] = {}

    def put(name: str, label: str) -> None:
        # "هونغ كونغ الصينية (منطقة إدارية خاصة)": the name is the part before the parenthesis.
        key = " ".join(normalize_for_search(name.split("(")[0]).split())
        if len(key) >= 2:
            seed.setdefault(key, label)

    # Cities first so that a country named like its capital (الكويت، جيبوتي) stays GPE either way.
    for zone, names in arabic.time_zones.items():
        city = names.get("city")
        if city and not zone.startswith("Etc/"):
            put(city, "GPE")
    for code, name in arabic.territories.items():
        if code in _TERRITORIES_NOT_NAMES:
            continue
        if code in _TERRITORY_ORGS:
            seed[" ".join(normalize_for_search(name).split())] = "ORG"
        elif code.isdigit() or code in _TERRITORY_REGIONS:
            put(name, "LOC")
        else:
            seed[" ".join(normalize_for_search(name.split("(")[0]).split())] = "GPE"
    return seed


# CLDR "territories" that are not places a news text names: the world, unknown, the eurozone.
_TERRITORIES_NOT_NAMES = frozenset({"001", "ZZ", "EZ", "QO"})
# ... and those that are organisations (الاتحاد الأوروبي، الأمم المتحدة).
_TERRITORY_ORGS = frozenset({"EU", "UN"})
# Places without a government of their own: Antarctica, ocean islands.
_TERRITORY_REGIONS = frozenset({"AQ", "BV", "HM", "CP", "DG", "IC", "EA", "TA", "AC"})


@lru_cache(maxsize=1)
def _seed_name_words() -> frozenset[str]:
    """The seed's names and the words of its longer names (السعوديه of المملكه العربيه ...)."""
    try:
        names = _seed()
    except ImportError:  # babel is a dependency; a broken install still segments, by rule
        return frozenset()
    words = {word for name in names for word in name.split() if len(word) > 1}
    return frozenset(names.keys() | words)


def seed_gazetteer() -> dict[str, str]:
    """Normalised name → label from Babel's CLDR Arabic data, built once per process.

    Countries and territories are GPE; the numbered CLDR regions (أفريقيا، غرب آسيا) and
    uninhabited places are LOC; the EU and the UN are ORG; the ~420 time-zone exemplar cities
    (الرياض is not one, جدة neither: CLDR lists one city per time zone) are GPE. Language and
    currency names are left out: their Arabic forms are adjectives and common nouns
    (العربية، دينار) that would flood the suggestions.
    """
    return dict(_seed())
