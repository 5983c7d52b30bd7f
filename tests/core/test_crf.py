"""The CRF recommender: learns from accepted entities, cross-validates, suggests stems."""

from __future__ import annotations

import pickle
import random
from dataclasses import replace

from corpus.model import Entity, Span
from corpus.suggest.crf import CrfRecommender, score_spans

PEOPLE = ["سامي", "خالد", "فهد", "ماجد", "نبيل", "وليد", "عادل", "هشام", "طارق", "جمال"]
FAMILIES = ["العتيبي", "الحربي", "الغامدي", "القحطاني", "الشمري", "الدوسري", "المطيري"]
TOWNS = ["جدة", "الرياض", "الدمام", "تبوك", "أبها", "حائل", "مكة"]
FILLER = ["المحادثات", "كانت", "مثمرة", "وأن", "الوفد", "سيعود", "قريبا", "الأسبوع", "المقبل"]


class DocBuilder:
    """Text built piece by piece, with the entities' code-point spans recorded."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[tuple[int, int, str]] = []

    def add(self, piece: str, label: str | None = None, proclitic: str = "") -> None:
        if self.parts:
            self.parts.append(" ")
            self.length += 1
        self.parts.append(proclitic + piece)
        start = self.length + len(proclitic)
        self.length += len(proclitic) + len(piece)
        if label:
            self.spans.append((start, self.length, label))

    def words(self, text: str) -> None:
        for word in text.split():
            self.add(word)

    def doc(self, doc_id: int = 1) -> tuple[str, list[Entity]]:
        text = "".join(self.parts)
        entities = [
            Entity(f"u{doc_id}-{i}", doc_id, "mona", Span(s, e), label)
            for i, (s, e, label) in enumerate(self.spans)
        ]
        return text, entities


def coined_name(rng: random.Random) -> str:
    """A name seen in no other document, as most names in the news are (e.g. سامرت)."""
    initials, letters = "سمرنجدحطزشصعغقتثخ", "سمرنجدحطزشصعغقتثخاي"
    return rng.choice(initials) + "ا" + "".join(rng.choice(letters) for _ in range(3))


def meeting_doc(rng: random.Random, people: list[str], doc_id: int) -> tuple[str, list[Entity]]:
    """A short report of meetings: two people (the second after و, named nowhere else)
    in a town, and what a third said."""
    b = DocBuilder()
    for _ in range(3):
        b.words("التقى الرئيس")
        b.add(rng.choice(people), "PER")
        b.add(coined_name(rng), "PER", proclitic="و")
        b.add("في")
        b.add(rng.choice(TOWNS), "GPE")
        b.add(".")
        b.words("وقال")
        b.add(f"{rng.choice(people)} {rng.choice(FAMILIES)}", "PER")
        b.words("إن " + " ".join(rng.sample(FILLER, 4)) + " .")
    return b.doc(doc_id)


def synthetic_corpus(n_docs: int, seed: int = 7) -> list[tuple[str, list[Entity]]]:
    rng = random.Random(seed)
    return [meeting_doc(rng, PEOPLE, i) for i in range(n_docs)]


def test_trained_crf_finds_an_unseen_name_behind_a_proclitic_as_its_stem() -> None:
    crf = CrfRecommender(use_seed=False)
    report = crf.train(synthetic_corpus(40))
    assert report.folds == 5 and report.documents == 40
    assert report.entities == 40 * 3 * 4
    assert report.precision >= 0.9 and report.recall >= 0.9
    assert report.useful and crf.useful

    b = DocBuilder()
    b.words("قال")
    b.add("زيدان", "PER")
    b.words("إن المحادثات كانت مثمرة .")
    b.words("التقى الرئيس")
    b.add("خالد", "PER")
    b.add("زيدان", "PER", proclitic="و")
    b.words("في")
    b.add("جدة", "GPE")
    b.add(".")
    text, gold = b.doc(99)
    suggestions = crf.suggest(99, "mona", text)

    found = {(s.start, s.end, s.label) for s in suggestions}
    after_waw = gold[2].span
    assert text[after_waw.start - 1 : after_waw.end] == "وزيدان"
    assert (after_waw.start, after_waw.end, "PER") in found
    assert not any(s.start == after_waw.start - 1 for s in suggestions)
    for s in suggestions:
        assert s.source == "crf" and 0.0 < s.score <= 1.0
        assert s.document_id == 99 and s.proposal.annotator == "mona"
        assert s.id is None


def test_report_figures_come_from_held_out_documents() -> None:
    # Each document's names carry a label no other document uses: a model that never saw
    # a document can find none of them, while the final model (trained on all) can.
    docs = []
    for doc_id in range(5):
        b = DocBuilder()
        for _ in range(12):
            b.words("قال الرئيس")
            b.add(PEOPLE[doc_id], f"L{doc_id}")
            b.words("إن الوفد سيعود .")
        docs.append(b.doc(doc_id))
    crf = CrfRecommender(use_seed=False, min_entities=1, min_precision=0.0)
    report = crf.train(docs)

    assert report.folds == 5
    assert report.recall == 0.0 and report.f1 == 0.0
    assert report.per_label["L3"].support == 12
    text, gold = docs[3]
    found = {(s, e, label) for s, e, label, _ in crf.predict(text)}
    assert {(g.start, g.end, g.label) for g in gold} <= found


def test_not_useful_on_tiny_data_and_then_silent() -> None:
    crf = CrfRecommender(use_seed=False)
    docs = synthetic_corpus(3)
    report = crf.train(docs)
    assert report.folds == 3
    assert report.entities == 36 < crf.min_entities
    assert not report.useful and not crf.useful
    assert crf.suggest(1, "mona", docs[0][0]) == []
    assert "not suggesting yet" in report.summary()


def test_one_document_is_not_cross_validated() -> None:
    crf = CrfRecommender(use_seed=False, min_entities=1)
    report = crf.train(synthetic_corpus(1))
    assert report.folds == 0 and not report.useful
    assert "too few documents" in report.summary()


def test_bad_entities_are_ignored_and_no_entities_trains_nothing() -> None:
    text, entities = synthetic_corpus(1)[0]
    outside = Entity("bad", 0, "mona", Span(len(text) - 2, len(text) + 5), "PER")
    overlapping = Entity("ovl", 0, "mona", Span(entities[0].start, entities[0].end + 1), "ORG")
    crf = CrfRecommender(use_seed=False)
    report = crf.train([(text, [*entities, outside, overlapping])])
    assert report.entities == len(entities)
    assert crf.predict("") == crf.predict(" \n ") == []

    empty = CrfRecommender(use_seed=False)
    report = empty.train([(text, []), ("نص قصير .", [])])
    assert report.entities == 0 and report.folds == 0
    assert empty.predict(text) == []


def test_pickled_recommender_predicts_the_same() -> None:
    crf = CrfRecommender(use_seed=False)
    docs = synthetic_corpus(12)
    crf.train(docs)
    copy = pickle.loads(pickle.dumps(crf))
    text = docs[0][0]
    assert copy.predict(text) == crf.predict(text) != []
    assert copy.report == crf.report


def test_gazetteer_names_are_features() -> None:
    # After "وصل الوفد إلى" comes a town (GPE) as often as another word (O), both coined
    # for each document: only the gazetteer tells the town from the other word.
    rng = random.Random(3)

    def trip(town: str, other: str, doc_id: int) -> tuple[str, list[Entity]]:
        b = DocBuilder()
        for _ in range(4):
            b.words("وصل الوفد إلى")
            b.add(town, "GPE")
            b.add(".")
            b.words(f"وصل الوفد إلى {other} .")
        return b.doc(doc_id)

    pairs = [(coined_name(rng), coined_name(rng)) for _ in range(21)]
    docs = [trip(town, other, i) for i, (town, other) in enumerate(pairs[:20])]
    towns = dict.fromkeys([town for town, _ in pairs], "GPE")
    unseen, gold = trip(*pairs[20], 20)
    with_names = CrfRecommender(towns, use_seed=False)
    with_names.train(docs)
    without_names = CrfRecommender(use_seed=False)
    without_names.train(docs)
    found = with_names.predict(unseen)
    assert {(s, e, label) for s, e, label, _ in found} == {(g.start, g.end, "GPE") for g in gold}
    # Without the names the CRF can only guess (coin tosses on letters): far less sure.
    guesses = without_names.predict(unseen)
    assert min(score for *_, score in found) > 0.9
    assert all(score < 0.8 for *_, score in guesses)


def test_score_spans_counts_exact_spans_only() -> None:
    gold = [[(0, 5, "PER"), (10, 14, "GPE")], [(3, 8, "ORG")]]
    predicted = [[(0, 5, "PER"), (10, 13, "GPE")], [(3, 8, "PER")]]
    total, per_label = score_spans(gold, predicted)
    assert (total.precision, total.recall) == (1 / 3, 1 / 3)
    assert per_label["PER"].precision == 0.5 and per_label["PER"].recall == 1.0
    assert per_label["GPE"].support == 1 and per_label["GPE"].f1 == 0.0
    assert per_label["ORG"].recall == 0.0


def test_two_annotators_copies_of_a_text_share_a_fold() -> None:
    # Every text twice: were the copies split across folds, each held-out copy would be
    # tagged by a model trained on its twin, and the L-labels below would be found.
    docs = []
    for doc_id in range(4):
        b = DocBuilder()
        for _ in range(12):
            b.words("قال الرئيس")
            b.add(PEOPLE[doc_id], f"L{doc_id}")
            b.words("إن الوفد سيعود .")
        docs.append(b.doc(doc_id))
    docs += [(text, [replace(e, annotator="omar") for e in entities]) for text, entities in docs]
    report = CrfRecommender(use_seed=False, min_entities=1).train(docs)
    assert report.folds == 4 and report.documents == 8
    assert report.recall == 0.0


def test_the_previous_model_suggests_while_a_new_one_trains() -> None:
    crf = CrfRecommender(use_seed=False)
    crf.train(synthetic_corpus(20))
    text = synthetic_corpus(1, seed=11)[0][0]
    before, report_before = crf.suggest(7, "mona", text), crf.report
    assert before

    seen_during: list[tuple[list[tuple[int, int, str]], bool]] = []

    def progress(done: int, total: int) -> None:
        # Called on the training thread between models: the window's view of the
        # recommender at that moment is the old model's.
        spans = [(s.start, s.end, s.label) for s in crf.suggest(7, "mona", text)]
        seen_during.append((spans, crf.report is report_before))

    report = crf.train(synthetic_corpus(3), progress=progress)
    assert len(seen_during) == report.folds + 1 == 4
    old_spans = [(s.start, s.end, s.label) for s in before]
    assert all(spans == old_spans and same for spans, same in seen_during)
    assert crf.report is report and not crf.useful and crf.suggest(7, "mona", text) == []
