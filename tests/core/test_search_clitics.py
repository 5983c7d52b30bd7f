"""Search finds a word behind its proclitics: الصين finds بالصين, والصين, للصين, وللصين.

The index holds the surface words; a query word is asked for in every form whose
clitic-stripped key it is (``corpus.arabic.clitic_forms``, the inverse of
``corpus.clitics.search_keys``). So nothing changes at import, and a database of any
version finds them at once.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from corpus.arabic import clitic_forms, fts_query, normalize_for_search
from corpus.cli import main
from corpus.clitics import search_keys
from corpus.store import Store, migrations
from tests.core.test_search_index import version_5_database

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "data"
SAUDI_SAMPLE = SHARED / "saudinewsnet-sample" / "saudinewsnet_2015-07-23_sample300.jsonl"

TEXTS = {
    "surface": "وصل الوفد إلى الصين أمس",
    "bi": "عقد الاجتماع بالصين الأسبوع الماضي",
    "wa": "بين الهند والصين حدود طويلة",
    "lil": "سافر الوزير للصين في زيارة رسمية",
    "walil": "وللصين علاقات قديمة مع المنطقة",
    "adjective": "تحدث باللغة الصينية بطلاقة",
    "adjective_bi": "كتب مقالا بالصينية والإنجليزية",
    "unrelated": "هطلت الأمطار على الرياض",
}


def fill(store: Store) -> dict[str, int]:
    return {name: store.add_document(text, title=name) for name, text in TEXTS.items()}


def found(store: Store, query: str, ids: dict[str, int]) -> set[str]:
    names = {doc_id: name for name, doc_id in ids.items()}
    return {names[row.id] for row in store.list_documents(search=query)}


def test_a_name_is_found_behind_every_proclitic(store: Store) -> None:
    ids = fill(store)
    assert found(store, "الصين", ids) == {"surface", "bi", "wa", "lil", "walil"}
    assert store.count_documents(search="الصين") == 5


def test_a_key_is_a_whole_word_another_word_is_not_found(store: Store) -> None:
    ids = fill(store)
    # الصينية (Chinese) is another word: not a mention of الصين, with or without ب.
    assert found(store, "الصينية", ids) == {"adjective", "adjective_bi"}
    assert "adjective" not in found(store, "الصين", ids)
    assert "adjective_bi" not in found(store, "الصين", ids)
    # ... unless the user asks for a prefix: then every form's prefix.
    assert found(store, "الصين*", ids) == {
        "surface",
        "bi",
        "wa",
        "lil",
        "walil",
        "adjective",
        "adjective_bi",
    }
    assert found(store, "الرياض", ids) == {"unrelated"}


def test_vocalised_and_hamza_forms_fold_on_both_sides(store: Store) -> None:
    vocalised = store.add_document("وصلت البعثة بالصِّينِ صباحا", title="v")
    hamza = store.add_document("رحلة جديدة لإيران وأخرى بأمريكا", title="h")
    assert {r.id for r in store.list_documents(search="الصين")} == {vocalised}
    assert {r.id for r in store.list_documents(search="الصِّين")} == {vocalised}
    assert {r.id for r in store.list_documents(search="ايران")} == {hamza}
    assert {r.id for r in store.list_documents(search="إيران")} == {hamza}
    assert {r.id for r in store.list_documents(search="امريكا")} == {hamza}
    assert {r.id for r in store.list_documents(search="أمريكا")} == {hamza}


def test_names_that_start_with_a_proclitic_letter_of_their_own(store: Store) -> None:
    lebanon = store.add_document("دعم للبنان وقرار يخص لبنان لاحقا", title="l")
    only_lil = store.add_document("قدمت المساعدات للبنان أمس", title="l2")
    beijing = store.add_document("توجه الوفد لبكين صباحا", title="b")
    assert {r.id for r in store.list_documents(search="لبنان")} == {lebanon, only_lil}
    assert {r.id for r in store.list_documents(search="بكين")} == {beijing}


def test_every_word_must_occur_each_in_any_form(store: Store) -> None:
    both = store.add_document("زيارة بالصين وروسيا الشهر المقبل", title="both")
    store.add_document("زيارة بالصين الشهر المقبل", title="one")
    assert [r.id for r in store.list_documents(search="الصين روسيا")] == [both]


def test_fts_syntax_in_a_query_is_only_words(store: Store) -> None:
    ids = fill(store)
    assert found(store, 'الصين" OR NEAR( ^ -', ids) == set()  # four words: none has them all
    assert found(store, '"الصين"', ids) == {"surface", "bi", "wa", "lil", "walil"}
    assert fts_query("  ,.؟ ") is None


def test_search_pages_and_counts_with_the_forms(store: Store) -> None:
    texts = [f"خبر رقم {i} {'بالصين' if i % 2 else 'في الهند'}" for i in range(30)]
    ids = [store.add_document(text) for text in texts]
    hits = [doc_id for i, doc_id in enumerate(ids) if i % 2]
    assert store.count_documents(search="الصين") == 15
    assert [r.id for r in store.list_documents(search="الصين", limit=5, offset=5)] == hits[5:10]


def test_cli_docs_search_lists_the_clitic_joined_mentions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "cli.db"
    with Store.open(db) as store:
        ids = fill(store)
    assert main(["docs", "--db", str(db), "--search", "الصين", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {row["title"] for row in rows} == {"surface", "bi", "wa", "lil", "walil"}
    assert main(["docs", "--db", str(db), "--search", "الصين"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert sorted(int(line.split("\t")[0]) for line in listed) == sorted(
        ids[name] for name in ("surface", "bi", "wa", "lil", "walil")
    )


def test_a_version_5_database_finds_the_forms_at_once_without_reindexing(tmp_path: Path) -> None:
    db = tmp_path / "v5.db"
    version_5_database(db, [TEXTS["bi"], TEXTS["walil"], TEXTS["unrelated"]])
    before = db.stat().st_size
    with Store.open(db) as store:
        assert store.schema_version == migrations()[-1][0] >= 5
        assert [r.id for r in store.list_documents(search="الصين")] == [1, 2]
        assert store.check() == []
        # Documents stored now are indexed the same way and found the same way.
        new = store.add_document(TEXTS["lil"], title="new")
        assert [r.id for r in store.list_documents(search="الصين")] == [1, 2, new]
    # Nothing was rewritten to get there (the new document is all that grew it).
    assert db.stat().st_size <= before + 64 * 1024


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W_]+", normalize_for_search(text)))


def _assert_inverse(words: set[str]) -> int:
    checked = 0
    for word in words:
        for key in search_keys(word):
            assert word in clitic_forms(key), (word, key)
            checked += 1
        for form in clitic_forms(word)[1:]:
            assert word in search_keys(form), (form, word)
            checked += 1
    return checked


def test_clitic_forms_are_the_inverse_of_search_keys_on_the_seed(seed_text: str) -> None:
    assert _assert_inverse(_words(seed_text) | _words(" ".join(TEXTS.values()))) > 1000


def test_clitic_forms_are_the_inverse_of_search_keys_on_saudi_news() -> None:
    if not SAUDI_SAMPLE.exists():
        pytest.skip(f"{SAUDI_SAMPLE} is absent (the shared SaudiNewsNet sample)")
    with SAUDI_SAMPLE.open(encoding="utf-8") as lines:
        words = set().union(*(_words(json.loads(line)["content"]) for line in lines))
    assert _assert_inverse(words) > 50_000


def test_short_words_get_only_the_forms_search_keys_allows() -> None:
    assert clitic_forms("في") == ["في", "وفي", "ففي"]  # two letters: after و/ف only
    assert clitic_forms("x") == ["x"]
    assert "للصين" in clitic_forms("الصين") and "وللصين" in clitic_forms("الصين")
    assert "لال" not in clitic_forms("ال")
