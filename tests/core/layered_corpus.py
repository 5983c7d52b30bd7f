"""A small corpus with all three layers, for the export and import tests.

Arabic with diacritics, a non-BMP emoji, spans across line breaks, nested and overlapping
entities, speakers and holders both as entity references and as bare spans, a topic
target, several evidence spans, two annotators and every status an export filters on.
"""

from __future__ import annotations

from dataclasses import dataclass

from corpus.model import Ref, Span, Topic
from corpus.store import Store

TEXT_A = (
    "قال الرئيسُ محمد بن سلمان إن الحرب\nفي أوكرانيا يجب أن تنتهي. 😀\n"
    "وأضاف وزير الخارجية أن الرياض تدعم السلام.\n"
)
TEXT_B = "زار الأمين العام لمنظمة الأمم المتحدة بيروت أمس."
TEXT_C = "اجتمع مجلس الأمن في نيويورك."
TEXT_D = "أعلنت منظمة الصحة العالمية عن خطة جديدة."
TEXT_E = "نص لا كيانات فيه البتة."


def span_of(text: str, words: str, occurrence: int = 0) -> Span:
    """The span of the ``occurrence``-th appearance of ``words`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    return Span(start, start + len(words))


@dataclass
class Layered:
    """Document ids of the corpus, by role."""

    a: int  # amal, done: every layer
    b: int  # amal, done: entities only, no external id
    c: int  # amal, in progress
    d: int  # omar, done
    e: int  # amal, done without a single annotation


def build(store: Store) -> Layered:
    """Fill ``store`` with the corpus; returns the document ids."""
    a = store.add_document(
        TEXT_A,
        title="خبر أ",
        external_id="akhbar/1",
        metadata={"source": "test", "tags": ["سياسة", 2]},
    )
    b = store.add_document(TEXT_B, title="خبر ب")
    c = store.add_document(TEXT_C, title="خبر ج", external_id="akhbar/3")
    d = store.add_document(TEXT_D, title="خبر د", external_id="akhbar/4")
    e = store.add_document(TEXT_E, title="خبر هـ", external_id="akhbar/5")

    person = store.add_entity(a, "amal", *_se(span_of(TEXT_A, "محمد بن سلمان")), "PER")
    store.add_entity(a, "amal", *_se(span_of(TEXT_A, "الرئيسُ محمد")), "MISC")  # overlaps
    store.add_entity(a, "amal", *_se(span_of(TEXT_A, "بن سلمان")), "MISC")  # nested
    riyadh = store.add_entity(a, "amal", *_se(span_of(TEXT_A, "الرياض")), "GPE")
    store.add_entity(a, "amal", *_se(span_of(TEXT_A, "أوكرانيا")), "GPE")
    store.add_quote(
        a,
        "amal",
        span_of(TEXT_A, "الحرب\nفي أوكرانيا يجب أن تنتهي"),
        "indirect",
        cue=span_of(TEXT_A, "قال"),
        speaker=Ref(person.uuid),
    )
    store.add_quote(
        a,
        "amal",
        span_of(TEXT_A, "الرياض تدعم السلام"),
        "direct",
        cue=span_of(TEXT_A, "وأضاف"),
        speaker=span_of(TEXT_A, "وزير الخارجية"),
    )
    store.add_quote(a, "amal", span_of(TEXT_A, "😀"), "mixed")
    store.add_stance(
        a,
        "amal",
        Ref(person.uuid),
        Topic("الحرب في أوكرانيا"),
        "oppose",
        [span_of(TEXT_A, "يجب أن تنتهي")],
    )
    store.add_stance(
        a,
        "amal",
        span_of(TEXT_A, "وزير الخارجية"),
        Ref(riyadh.uuid),
        "support",
        [span_of(TEXT_A, "تدعم"), span_of(TEXT_A, "السلام")],
    )
    store.add_stance(a, "amal", Ref(riyadh.uuid), span_of(TEXT_A, "السلام"), "neutral")
    store.set_status(a, "amal", "done")

    store.add_entity(b, "amal", *_se(span_of(TEXT_B, "الأمم المتحدة")), "ORG")
    store.add_entity(b, "amal", *_se(span_of(TEXT_B, "بيروت")), "GPE")
    store.set_status(b, "amal", "done")

    store.add_entity(c, "amal", *_se(span_of(TEXT_C, "مجلس الأمن")), "ORG")

    store.add_entity(d, "omar", *_se(span_of(TEXT_D, "منظمة الصحة العالمية")), "ORG")
    store.set_status(d, "omar", "done")

    store.set_status(e, "amal", "done")
    return Layered(a, b, c, d, e)


def _se(span: Span) -> tuple[int, int]:
    return span.start, span.end
