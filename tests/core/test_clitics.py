"""Proclitic segmentation: character spans of the original word, splits only on evidence."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.arabic import find_hits, normalize_for_search
from corpus.clitics import (
    Segmentation,
    Vocabulary,
    _camel_analyser,
    search_keys,
    seed_gazetteer,
    segment,
    stem_span,
)

REPO = Path(__file__).resolve().parents[2]

# A small corpus of the kind the segmenter learns from: the remainders of the test words
# occur in it on their own, and so do words that look like a proclitic + a word.
NEWS = [
    "قال بوتين إن روسيا لن تتراجع، وقال وزير الخارجية إن بكين تدعم الحوار.",
    "زار الوزير الصين ثم بكين، وقال إن لبنان وفلسطين حاضرتان.",
    "قال كين إن واشنطن لم ترد. قال المتحدث إن كندا وبريطانيا وافقتا.",
    "وصل الوزير إلى الصين. قال الرئيس إن الصين شريك.",
]
ENTITIES = ["بوتين", "بكين", "الصين", "لبنان", "واشنطن", "كندا", "بريطانيا", "فلسطين"]


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return Vocabulary.from_texts(NEWS, names=ENTITIES)


def stem(word: str, vocabulary: Vocabulary | None) -> str:
    return word[segment(word, vocabulary).stem_start :]


@pytest.mark.parametrize(
    ("word", "expected_stem", "expected_key", "expected_proclitics"),
    [
        ("لبكين", "بكين", "بكين", "ل"),
        ("وبوتين", "بوتين", "بوتين", "و"),
        ("وقال", "قال", "قال", "و"),
        ("للصين", "لصين", "الصين", "ل"),
        ("وبالصين", "الصين", "الصين", "وب"),
        ("والصين", "الصين", "الصين", "و"),
        ("وبكين", "بكين", "بكين", "و"),
    ],
)
def test_issue_examples_split_with_a_vocabulary(
    vocabulary: Vocabulary,
    word: str,
    expected_stem: str,
    expected_key: str,
    expected_proclitics: str,
) -> None:
    seg = segment(word, vocabulary)
    assert word[seg.stem_start :] == expected_stem
    assert seg.key == expected_key
    assert seg.proclitics == expected_proclitics


@pytest.mark.parametrize(
    "word", ["واشنطن", "بكين", "لبنان", "فلسطين", "كندا", "بريطانيا", "وزير", "وصل"]
)
def test_names_and_words_that_begin_with_a_proclitic_letter_stay_whole(
    vocabulary: Vocabulary, word: str
) -> None:
    assert segment(word, vocabulary) == Segmentation("", 0, normalize_for_search(word))
    assert segment(word) == Segmentation("", 0, normalize_for_search(word))


def test_the_whole_word_stays_when_it_is_the_better_known_name() -> None:
    # مال (money) is a word of this corpus, yet كمال is an annotated name: the whole word wins.
    vocabulary = Vocabulary.from_texts(["قال كمال إن المال مال", "كمال"], names=["كمال"])
    assert segment("كمال", vocabulary).stem_start == 0
    # Without the name, the more frequent reading wins; a tie goes to the split.
    plain = Vocabulary.from_texts(["مال مال كمال"])
    assert segment("كمال", plain) == Segmentation("ك", 1, "مال")
    plain.add("كمال", 1)
    assert segment("كمال", plain) == Segmentation("ك", 1, "مال")
    plain.add("كمال", 1)
    assert segment("كمال", plain).stem_start == 0
    # A protected name stays whole even when its remainder is a frequent word of the corpus.
    assert segment("بكين", Vocabulary.from_texts(["كين " * 9])).stem_start == 0


def test_a_split_needs_a_known_remainder() -> None:
    vocabulary = Vocabulary.from_texts(["ولادة ولادة وليد وليد"])
    # ليد and لادة are unknown and the whole words are known: no split.
    assert segment("وليد", vocabulary).stem_start == 0
    assert segment("ولادة", vocabulary).stem_start == 0


def test_a_plain_word_seen_once_is_no_evidence_for_itself() -> None:
    # The vocabulary of the open article holds the word being segmented once: ونايفة seen once
    # is treated as unknown, so the prior for و applies (see the next test).
    article = Vocabulary.from_texts(["قال إن ونايفة حاضرة"])
    assert stem("ونايفة", article) == "نايفة"
    twice = Vocabulary.from_texts(["ونايفة ونايفة"])
    assert stem("ونايفة", twice) == "ونايفة"
    # A name seen once is evidence: the annotator said so.
    named = Vocabulary.from_texts(["ونايفة"], names=["ونايفة"])
    assert stem("ونايفة", named) == "ونايفة"


def test_without_a_vocabulary_only_the_conservative_rules_split() -> None:
    assert stem("بالصين", None) == "الصين"
    assert segment("للصين").key == "الصين"
    assert stem("وبالصين", None) == "الصين"
    assert stem("لبكين", None) == "بكين"  # a protected name after ل
    assert stem("وقال", None) == "قال"  # a reporting verb after و
    # A name the rules do not know stays whole: a missed split, never a cut into a name.
    assert stem("وبوتين", None) == "وبوتين"
    assert stem("بوتين", None) == "بوتين"
    assert stem("كتاب", None) == "كتاب"


def test_lam_before_a_stem_in_lam_follows_the_vocabulary() -> None:
    # للبنان is ل + لبنان; للصين is ل + الصين. Both stems start at the second ل.
    vocabulary = Vocabulary.from_texts(["لبنان"])
    assert segment("للبنان", vocabulary) == Segmentation("ل", 1, "لبنان")
    assert segment("للبنان") == Segmentation("ل", 1, "لبنان")  # protected name
    assert segment("للصين", Vocabulary.from_texts(["الصين"])) == Segmentation("ل", 1, "الصين")


def test_an_entity_stored_by_the_anercorp_convention_is_known_by_its_key() -> None:
    vocabulary = Vocabulary()
    vocabulary.add_entity("لِلصِّين"[1:])  # the annotated span لصين, with harakat
    assert "الصين" in vocabulary
    assert vocabulary.is_name("لصين")
    assert segment("وللصين", vocabulary) == Segmentation("ول", 2, "الصين")


def test_diacritics_and_tatweel_stay_with_the_proclitic_in_the_original_span(
    vocabulary: Vocabulary,
) -> None:
    word = "وَبِالصِّينِ"
    seg = segment(word, vocabulary)
    assert word[seg.stem_start :] == "الصِّينِ"
    assert (seg.proclitics, seg.key) == ("وب", "الصين")
    assert stem("وَبـوتين", vocabulary) == "بـوتين"  # tatweel inside the stem is the stem's
    assert stem("وـبوتين", vocabulary) == "بوتين"  # after the proclitic, the proclitic's
    assert stem("لِـبكين", vocabulary) == "بكين"


def test_stem_span_keeps_code_point_offsets_after_astral_characters(
    vocabulary: Vocabulary,
) -> None:
    text = "😀🇸🇦 قال: وبوتين لِبكين"
    start = text.index("وبوتين")
    assert start == 9  # each astral character is one code point (UTF-16 would say 12)
    assert stem_span(text, start, start + 6, vocabulary) == (start + 1, start + 6)
    lam = text.index("لِبكين")
    assert text[slice(*stem_span(text, lam, lam + 6, vocabulary))] == "بكين"
    # A span that starts on spaces: the first word inside it is cut, the end kept.
    assert stem_span(text, start - 1, len(text), vocabulary) == (start + 1, len(text))
    # Punctuation before the word goes with the proclitic.
    quoted = "قال «وبوتين»"
    assert stem_span(quoted, 4, len(quoted), vocabulary) == (6, len(quoted))
    assert stem_span(quoted, 4, 5, vocabulary) == (4, 5)
    # Nothing to cut: unchanged, and out-of-range input is clamped, never an error.
    assert stem_span(text, 0, 2, vocabulary) == (0, 2)
    assert stem_span(text, 50, 60) == (len(text), len(text))


def test_vocabulary_counts_normalised_words() -> None:
    vocabulary = Vocabulary.from_texts(["قَالَ قال، وقال"])
    assert vocabulary.count("قال") == 2
    assert vocabulary.count("وقال") == 1
    assert "قال" in vocabulary and "وقالت" not in vocabulary
    assert 3 not in vocabulary  # type: ignore[operator]
    vocabulary.add("أَحمد", 3)
    assert vocabulary.count("احمد") == 3


def test_search_keys() -> None:
    assert search_keys("بالصين") == ["الصين"]
    assert search_keys("للصين")[0] == "الصين"
    assert search_keys("وبالصين") == ["بالصين", "الصين"]
    assert search_keys("لبكين") == ["بكين"]
    assert search_keys("وَبِالصِّين") == ["بالصين", "الصين"]
    assert "لبنان" in search_keys("للبنان")
    # No keys for words that do not start with a proclitic, or whose remainder is too short.
    assert search_keys("الصين") == []
    assert search_keys("قال") == []
    assert search_keys("بها") == []
    assert search_keys("") == []
    assert all(len(search_keys(w)) <= 4 for w in ["وبالصين", "فللصين", "وكالة", "ولبنان"])


def test_find_hits_finds_clitic_joined_mentions() -> None:
    text = "😀 زار بالصين والصين ثم عاد لِلصِّين وللصين، لكن الللصين ليست كلمة."
    hits = find_hits(text, "الصين")
    assert [text[a:b] for a, b in hits] == ["الصين", "الصين", "لصِّين", "لصين"]
    lam = text.index("لِلصِّين")
    assert hits[2] == (lam + 2, lam + 8)  # the name part, harakat of the stem included
    # Folding still holds for the new form: hamza and harakat in the query.
    assert find_hits("ذهب للأردن", "الاردن") == [(5, 10)]
    # A word without the article finds nothing new.
    assert find_hits("للصين", "صين") == [(2, 5)]


def test_seed_gazetteer_has_cldr_arabic_names() -> None:
    seed = seed_gazetteer()
    assert seed[normalize_for_search("الصين")] == "GPE"
    assert seed[normalize_for_search("المملكة العربية السعودية")] == "GPE"
    assert seed[normalize_for_search("القاهرة")] == "GPE"  # a time-zone exemplar city
    assert seed[normalize_for_search("أفريقيا")] == "LOC"
    assert seed[normalize_for_search("الاتحاد الأوروبي")] == "ORG"
    assert "العالم" not in seed
    assert normalize_for_search("العربية") not in seed  # languages are not entities
    assert all(key == normalize_for_search(key) for key in seed)
    assert len(seed) > 500
    assert seed_gazetteer() is not seed_gazetteer()  # callers may edit their copy


def test_without_cameltools_data_the_analyser_is_not_loaded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CAMELTOOLS_DATA", raising=False)
    _camel_analyser.cache_clear()
    try:
        assert _camel_analyser() is None
        assert stem("وبالصين", None) == "الصين"
    finally:
        _camel_analyser.cache_clear()


def test_an_unknown_word_after_waw_is_the_conjunction_unless_it_looks_like_a_w_name() -> None:
    vocabulary = Vocabulary.from_texts(["قال الوزير إن المباحثات جرت"])
    # Neither ونايفة nor نايفة is known: a rare word after و is mostly و + a rare name.
    assert stem("ونايفة", vocabulary) == "نايفة"
    # Transliterated W-names (وا، وو، وي) and frequent root-initial words are left whole.
    assert stem("ويندسور", vocabulary) == "ويندسور"
    assert stem("وودورد", vocabulary) == "وودورد"
    assert stem("وزير", vocabulary) == "وزير"
    # The prior needs a vocabulary: rules-only mode stays conservative.
    assert stem("ونايفة", None) == "ونايفة"


def test_waw_before_a_latin_word_is_the_conjunction() -> None:
    assert segment("وDell") == Segmentation("و", 1, "dell")
    assert stem("وLenovo", Vocabulary.from_texts(["قال"])) == "Lenovo"


def test_readings_a_preposition_cannot_have() -> None:
    vocabulary = Vocabulary.from_texts(["وفي في في المدينة إلا إلا إلا"])
    # كوفي: ك + وفي would put a preposition before a conjunction; وفي counts as و + في.
    assert stem("كوفي", vocabulary) == "كوفي"
    # لوكالة: وكالة is a word of its own (كالة is none), so ل + وكالة stands.
    assert stem("لوكالة", Vocabulary.from_texts(["وكالة الأنباء"])) == "وكالة"
    # بالا: ال + one letter is no noun, even though إلا (folded الا) is frequent.
    assert stem("بالا", vocabulary) == "بالا"


def test_lam_lam_is_lam_and_the_article_even_when_only_the_joined_word_was_seen() -> None:
    vocabulary = Vocabulary.from_texts(["للمعهد"])
    assert segment("للمعهد", vocabulary) == Segmentation("ل", 1, "المعهد")


def test_a_two_letter_stem_after_a_preposition_only_when_it_is_a_name() -> None:
    vocabulary = Vocabulary.from_texts(["بن بن بن"], names=["بن لادن"])
    assert stem("لبن", vocabulary) == "بن"
    assert stem("لبن", Vocabulary.from_texts(["بن بن بن"])) == "لبن"
    assert search_keys("لبن") == []  # index keys keep three letters


# A camel-tools morphology database of five stems, in the format MorphologyDB parses: the
# analyser knows زيد, بالمر (Palmer), وليد (also as و + ليد), and the prefixes و, ل, ول.
TINY_MORPHOLOGY_DB = """\
###DEFINES###
DEFINE pos pos:noun_prop pos:verb pos:noun
DEFINE prc2 prc2:0 prc2:wa_conj prc2:fa_conj
DEFINE prc1 prc1:0 prc1:bi_prep prc1:li_prep prc1:ka_prep
###DEFAULTS###
DEFAULT pos:noun_prop prc2:0 prc1:0
###ORDER###
ORDER pos prc2 prc1
###TOKENIZATIONS###
TOKENIZATION prc2
###STEMBACKOFF###
STEMBACKOFF NONE X
###PREFIXES###
\tPref-0\tdiac: prc2:0 prc1:0
و\tPref-Wa\tdiac:wa prc2:wa_conj prc1:0
ل\tPref-Li\tdiac:li prc2:0 prc1:li_prep
ول\tPref-Li\tdiac:wali prc2:wa_conj prc1:li_prep
###SUFFIXES###
\tSuff-0\tdiac:
###STEMS###
بكين\tN\tdiac:bkyn lex:bkyn pos:noun_prop prc2:0 prc1:0
وليد\tN\tdiac:wlyd lex:wlyd pos:noun_prop prc2:0 prc1:0
ليد\tN\tdiac:lyd lex:lyd pos:noun prc2:0 prc1:0
زيد\tN\tdiac:zyd lex:zyd pos:noun_prop prc2:0 prc1:0
بالمر\tN\tdiac:bAlmr lex:bAlmr pos:noun_prop prc2:0 prc1:0
###TABLE AB###
Pref-0 N
Pref-Wa N
Pref-Li N
###TABLE BC###
N Suff-0
###TABLE AC###
Pref-0 Suff-0
Pref-Wa Suff-0
Pref-Li Suff-0
"""

ANALYSER_PROBE = """
import json, sys
from corpus.clitics import _camel_analyser, segment
words = ["لزيد", "ولزيد", "بالمر", "وليد", "وبالصين", "ونايفة"]
print(json.dumps({"loaded": _camel_analyser() is not None,
                  "stems": [w[segment(w).stem_start:] for w in words]}))
"""


def test_cameltools_analyser_names_the_proclitics_when_its_database_is_installed(
    tmp_path: Path,
) -> None:
    db_dir = tmp_path / "data" / "morphology_db" / "tiny"
    db_dir.mkdir(parents=True)
    (db_dir / "morphology.db").write_text(TINY_MORPHOLOGY_DB, encoding="utf-8")
    catalogue = {
        "version": "1.6",
        "packages": {},
        "components": {
            "MorphologyDB": {
                "default": "tiny",
                "datasets": {"tiny": {"path": "morphology_db/tiny"}},
            }
        },
    }
    (tmp_path / "catalogue.json").write_text(json.dumps(catalogue), encoding="utf-8")
    # A process of its own: camel-tools reads its catalogue once, when first imported.
    env = {**os.environ, "CAMELTOOLS_DATA": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", ANALYSER_PROBE],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    result = json.loads(out.stdout.splitlines()[-1])
    assert result["loaded"] is True
    # No vocabulary: the analyser's majority decides where the rules would not split (ل + زيد,
    # و + ل + زيد) or would split wrongly (بالمر as ب + المر); وليد stays whole (one analysis
    # each way, the whole first). Words it does not know fall back to the rules.
    assert result["stems"] == ["زيد", "زيد", "بالمر", "وليد", "الصين", "ونايفة"]


def test_a_broken_cameltools_data_falls_back_to_the_rules(tmp_path: Path) -> None:
    (tmp_path / "catalogue.json").write_text("{not json", encoding="utf-8")
    env = {**os.environ, "CAMELTOOLS_DATA": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", ANALYSER_PROBE],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    result = json.loads(out.stdout.splitlines()[-1])
    assert result == {
        "loaded": False,
        "stems": ["لزيد", "ولزيد", "المر", "وليد", "الصين", "ونايفة"],
    }


_ARABIC_WORDS = st.text(
    alphabet=st.sampled_from(list("وفبكلالصينقبتـَُِّّ\u200fa😀 ،")), min_size=0, max_size=12
)


@settings(max_examples=300, deadline=None)
@given(word=_ARABIC_WORDS)
def test_any_input_gives_a_stem_inside_the_word(word: str) -> None:
    for vocabulary in (None, Vocabulary.from_texts(["الصين بكين قال صين"], names=["لصين"])):
        seg = segment(word, vocabulary)
        assert 0 <= seg.stem_start <= len(word)
        assert normalize_for_search(word[: seg.stem_start]).replace(" ", "") == seg.proclitics
        if seg.stem_start:
            stem_key = normalize_for_search(word[seg.stem_start :])
            assert seg.key in (stem_key, "ا" + stem_key)
        start, end = stem_span(word, 0, len(word), vocabulary)
        assert 0 <= start <= end == len(word)
    assert all(key and key != normalize_for_search(word) for key in search_keys(word))


def test_every_vocabulary_knows_the_seed_gazetteer_unless_told_not_to() -> None:
    assert Vocabulary().is_name("الصين")
    assert Vocabulary().is_name("السعودية")  # a word of المملكة العربية السعودية
    assert not Vocabulary(use_seed=False).is_name("الصين")
    assert "الصين" not in Vocabulary()  # membership is the corpus' own words and entities
    # أستراليا is not a protected name: only the seed tells ل + أستراليا.
    assert stem("لأستراليا", Vocabulary.from_texts(["قال"])) == "أستراليا"
    assert stem("لأستراليا", Vocabulary.from_texts(["قال"], use_seed=False)) == "لأستراليا"


@pytest.mark.parametrize("word", ["وزارته", "وصولها", "وقعت", "وفقا", "وطأة", "فريقه"])
def test_root_initial_words_with_their_suffixes_stay_whole_in_an_article(word: str) -> None:
    # Seen once in the article and their remainders unknown: the prior for و would cut them,
    # but their و/ف is a root letter.
    article = Vocabulary.from_texts([f"قال إن {word} مهمة"])
    assert stem(word, article) == word
    assert stem(word, None) == word
