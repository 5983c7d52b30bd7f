"""Quote rules: cue, speaker and content offsets for every pattern the rules know."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from corpus.cli import main
from corpus.model import Quote, Span
from corpus.store import Store
from corpus.suggest.model import Suggestion
from corpus.suggest.quotes import (
    SCORE_ATTRIBUTION,
    SCORE_DIRECT,
    SCORE_INDIRECT,
    find_quotes,
    texts_of,
)
from tests.conftest import SEED_FILE

Row = tuple[str, str, str, str]


def _rows(text: str) -> list[Row]:
    """(kind, cue, speaker, content) of each quote found."""
    return texts_of(text, find_quotes(7, "layla", text))


def _one(text: str) -> Row:
    (row,) = _rows(text)
    return row


def _quote(s: Suggestion) -> Quote:
    assert isinstance(s.proposal, Quote)
    return s.proposal


def test_cue_speaker_and_content_offsets_of_a_reported_quote() -> None:
    text = "وقال وزير الخارجية إن المحادثات كانت مثمرة. ثم غادر."
    (s,) = find_quotes(7, "layla", text)
    q = _quote(s)
    assert (s.source, s.document_id, q.annotator, q.kind) == ("quotes", 7, "layla", "indirect")
    assert q.cue == Span(1, 4)  # قال, without the و
    assert q.speaker == Span(5, 18)  # وزير الخارجية
    assert q.content == Span(22, 42)  # after إن, to the full stop
    assert text[q.content.start : q.content.end] == "المحادثات كانت مثمرة"
    assert s.score == SCORE_INDIRECT and s.id is None and s.state == "open"


@pytest.mark.parametrize(
    ("sentence", "cue", "speaker"),
    [
        ("قال الوزير إن الوضع مستقر.", "قال", "الوزير"),
        ("وأضاف المتحدث أن الوضع مستقر.", "أضاف", "المتحدث"),
        ("فأوضح المدير أن الوضع مستقر.", "أوضح", "المدير"),
        ("وأكد الأمير أن الوضع مستقر.", "أكد", "الأمير"),
        ("وأشار التقرير إلى أن الوضع مستقر.", "أشار", "التقرير"),
        ("وذكر المصدر أن الوضع مستقر.", "ذكر", "المصدر"),
        ("وصرح المسؤول بأن الوضع مستقر.", "صرح", "المسؤول"),
        ("وأعلنت الوزارة أن الوضع مستقر.", "أعلنت", "الوزارة"),
        ("وكشف مصدر مطلع أن الوضع مستقر.", "كشف", "مصدر مطلع"),
        ("وشدد الرئيس على أن الوضع مستقر.", "شدد", "الرئيس"),
        ("ولفت المحافظ إلى أن الوضع مستقر.", "لفت", "المحافظ"),
        ("وأفاد شهود عيان أن الوضع مستقر.", "أفاد", "شهود عيان"),
        ("وتابع الناطق أن الوضع مستقر.", "تابع", "الناطق"),
        ("واعتبر المحلل أن الوضع مستقر.", "اعتبر", "المحلل"),
        ("ونفى الجيش أن يكون الوضع متوترا.", "نفى", "الجيش"),
        ("وأعرب السفير عن أمله في أن يبقى الوضع مستقرا.", "أعرب", "السفير"),
        ("وبين الخبير أن الوضع مستقر.", "بين", "الخبير"),
        ("وزعم المتحدث أن الوضع مستقر.", "زعم", "المتحدث"),
        ("ورأى الكاتب أن الوضع مستقر.", "رأى", "الكاتب"),
        ("وحذر الطبيب من أن الوضع خطير.", "حذر", "الطبيب"),
        ("ونوه المدير إلى أن الوضع مستقر.", "نوه", "المدير"),
        ("وقالت الشرطة إن الوضع مستقر.", "قالت", "الشرطة"),
        ("وقالوا إن الوضع مستقر.", "قالوا", ""),
        ("وأكدوا أن الوضع مستقر.", "أكدوا", ""),
        ("وأضافت الوكالة أن الوضع مستقر.", "أضافت", "الوكالة"),
        ("واكد الامير ان الوضع مستقر.", "اكد", "الامير"),  # no hamza written
        ("ويقول التجار إن الوضع مستقر.", "يقول", "التجار"),
    ],
)
def test_every_verb_family_with_its_forms_and_proclitics(
    sentence: str, cue: str, speaker: str
) -> None:
    kind, found_cue, found_speaker, content = _one(sentence)
    assert (found_cue, found_speaker) == (cue, speaker)
    assert kind == "indirect"
    assert content.startswith(("الوضع", "يكون", "يبقى"))
    assert content.endswith(("مستقر", "متوترا", "مستقرا", "خطير"))


@pytest.mark.parametrize(
    "participle",
    ["مضيفا", "مؤكدا", "مؤكدة", "مشيرا إلى", "مشيرة إلى", "موضحا", "لافتا إلى", "مبينا"],
)
def test_participles_start_a_quote_of_their_own_with_the_sentence_speaker(
    participle: str,
) -> None:
    text = f"وقال الوزير إن العمل مستمر، {participle} أن النتائج جيدة."
    rows = _rows(text)
    assert rows[0] == ("indirect", "قال", "الوزير", "العمل مستمر")  # ends before the comma
    assert rows[1] == ("indirect", participle.split()[0], "الوزير", "النتائج جيدة")


def test_a_participle_after_a_non_quote_takes_the_verb_subject() -> None:
    text = "وأكد المدير على أهمية التعاون، مشيرا إلى أن العمل مستمر."
    assert _rows(text) == [("indirect", "مشيرا", "المدير", "العمل مستمر")]


def test_a_verb_with_a_nominal_object_is_not_a_quote() -> None:
    assert _rows("وأكد وزير التعليم في الاجتماع على أهمية أن يبدأ العام.") == []
    assert _rows("وكشف الوزير عن خطة جديدة للتعليم.") == []
    assert _rows("وقال بعد أن وصل المطار كلاما كثيرا.") == []


def test_the_speaker_leaves_circumstances_and_outlets_out() -> None:
    text = 'وقال المتحدث باسم الوزارة في تصريح لـ"سبق" أمس إن القرار نهائي.'
    assert _one(text) == ("indirect", "قال", "المتحدث باسم الوزارة", "القرار نهائي")
    text = 'قال لـ"الاقتصادية" مختصون في شركات التأجير إن الطلب ارتفع.'
    assert _one(text) == ("indirect", "قال", "مختصون في شركات التأجير", "الطلب ارتفع")
    text = 'وذكر "القصيبي" أن حرس الحدود جاهز.'
    assert _one(text)[2] == "القصيبي"  # without its quotation marks


def test_a_colon_makes_a_direct_quote_to_the_end_of_the_sentence() -> None:
    assert _one("وقال الوزير: نحن مستعدون للحوار. وغادر.") == (
        "direct",
        "قال",
        "الوزير",
        "نحن مستعدون للحوار",
    )


@pytest.mark.parametrize(("opening", "closing"), [("«", "»"), ("“", "”"), ('"', '"'), ("“", "“")])
def test_quotation_marks_hold_a_direct_quote(opening: str, closing: str) -> None:
    text = f"وقال الوزير {opening}نحن مستعدون للحوار مع الجميع{closing} ثم غادر."
    (s,) = find_quotes(1, "a", text)
    q = _quote(s)
    assert text[q.content.start : q.content.end] == "نحن مستعدون للحوار مع الجميع"
    assert (q.kind, s.score) == ("direct", SCORE_DIRECT)
    assert q.cue is not None and text[q.cue.start : q.cue.end] == "قال"


def test_a_colon_then_quotation_marks() -> None:
    text = "وأضاف: «الجسر الجوي سيستثمر لنقل المواد الغذائية». وانتهى اللقاء."
    assert _one(text)[::3] == ("direct", "الجسر الجوي سيستثمر لنقل المواد الغذائية")


def test_a_short_quoted_outlet_name_is_not_a_quote() -> None:
    assert _rows("وقالت مصادر لـ«عكاظ» إن الاجتماع تأجل.") == [
        ("indirect", "قالت", "مصادر", "الاجتماع تأجل")
    ]
    assert _rows('نشرت "سبق" تقريرا عن "الأمن العام" أمس.') == []


def test_a_quotation_followed_by_its_cue() -> None:
    text = "«سنواصل العمل حتى تحقيق الأهداف كلها»، قال الوزير في المؤتمر."
    assert _one(text) == ("direct", "قال", "الوزير", "سنواصل العمل حتى تحقيق الأهداف كلها")


def test_an_uncued_quotation_after_a_colon() -> None:
    text = "ودفع هذا الرئيس إلى الإشارة إلى مخاوف الصين: “نحن نقدر بشدة الموقف المتوازن“."
    (s,) = find_quotes(1, "a", text)
    q = _quote(s)
    assert (q.kind, q.cue, q.speaker) == ("direct", None, None)
    assert text[q.content.start : q.content.end] == "نحن نقدر بشدة الموقف المتوازن"


def test_quotation_inside_reported_content_is_mixed() -> None:
    text = 'وأضاف أنه "في بعض الأحوال يجري تقاضي تكاليف النقل" كما هو معروف.'
    assert _one(text)[0] == "mixed"


def test_the_previous_speaker_is_carried_when_none_is_named() -> None:
    text = "وقال بيسكوف إن العلاقات جيدة. وأوضح أيضا أن التجارة تنمو."
    found = find_quotes(1, "a", text)
    assert [_quote(s).speaker for s in found] == [Span(5, 11), Span(5, 11)]
    assert found[1].score < found[0].score


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "content"),
    [
        (
            "وصل الوفد إلى الصين لإجراء مشاورات، حسبما ذكرت وكالة تاس الروسية.",
            "ذكرت",
            "وكالة تاس الروسية",
            "وصل الوفد إلى الصين لإجراء مشاورات",
        ),
        (
            "ارتفعت أسعار النفط أمس بحسب وكالة رويترز.",
            "بحسب",
            "وكالة رويترز",
            "ارتفعت أسعار النفط أمس",
        ),
        (
            "قتل ثلاثة أشخاص في الهجوم نقلا عن مصادر طبية.",
            "نقلا",
            "مصادر طبية",
            "قتل ثلاثة أشخاص في الهجوم",
        ),
        (
            "تراجع عدد الزوار هذا العام وفقا لـ بيانات الهيئة.",
            "وفقا",
            "بيانات الهيئة",
            "تراجع عدد الزوار هذا العام",
        ),
        (
            "وبحسب البيان، فإن الاجتماع سيعقد غدا.",
            "بحسب",
            "البيان",
            "الاجتماع سيعقد غدا",
        ),
    ],
)
def test_attributions(text: str, cue: str, speaker: str, content: str) -> None:
    (s,) = find_quotes(1, "a", text)
    assert texts_of(text, [s]) == [("indirect", cue, speaker, content)]
    assert s.score == SCORE_ATTRIBUTION


def test_according_to_a_plan_is_no_attribution() -> None:
    assert _rows("تسير الأعمال بحسب الخطة الموضوعة منذ العام الماضي.") == []
    assert _rows("تم توزيع المساعدات وفقا للأنظمة المعمول بها في المملكة.") == []


def test_offsets_are_code_points_past_astral_characters() -> None:
    text = "😀\U0001d54f وقال الوزير إن القرار نهائي."  # two astral characters
    (s,) = find_quotes(1, "a", text)
    q = _quote(s)
    assert q.cue == Span(4, 7)
    assert text[q.cue.start : q.cue.end] == "قال"
    assert text[q.content.start : q.content.end] == "القرار نهائي"
    assert len(text[: q.content.start].encode("utf-16-le")) // 2 == q.content.start + 2


def test_diacritics_and_tatweel_in_the_cue() -> None:
    text = "وَقَالَ الوزير إنّ القرار نهائيٌّ."
    assert _one(text)[1:3] == ("قَالَ", "الوزير")


def test_empty_and_quote_free_texts() -> None:
    assert find_quotes(1, "a", "") == []
    assert find_quotes(1, "a", " \n ") == []
    assert find_quotes(1, "a", "زار الوزير المعرض وتجول في أجنحته.") == []
    assert find_quotes(1, "a", "وقال") == []
    assert find_quotes(1, "a", "وقال الوزير إن") == []
    assert find_quotes(1, "a", "«") == []


def test_a_decimal_point_does_not_end_the_content() -> None:
    assert _one("وقال التقرير إن النمو بلغ 1.8 في المئة. وبعد")[3] == "النمو بلغ 1.8 في المئة"


def test_each_proposal_has_its_own_uuid() -> None:
    text = "وقال بيسكوف إن العلاقات جيدة. وأضاف أن التجارة تنمو."
    uuids = [_quote(s).uuid for s in find_quotes(1, "a", text)]
    assert len(set(uuids)) == 2


def test_the_seed_quotes(seed_text: str) -> None:
    found = find_quotes(1, "a", seed_text)
    rows = texts_of(seed_text, found)
    cues = [(kind, cue, speaker) for kind, cue, speaker, _ in rows]
    assert cues[:5] == [
        ("indirect", "قال", "ديمتري بيسكوف المتحدث باسم الكرملين"),
        ("indirect", "أضاف", "بيسكوف"),
        ("indirect", "أوضح", "بيسكوف"),  # وأوضح أيضا أن: the previous speaker
        ("indirect", "ذكرت", "وكالة أنباء تاس الروسية"),  # حسبما ذكرت
        ("indirect", "قالت", "الوكالة"),
    ]
    assert ("direct", "", "") in cues  # Putin's words after a colon, “…“ unbalanced
    assert all(cue != "اقرا" for _, cue, _ in cues)  # "اقرا ايضا:" is a link, not a quote


def test_cli_suggest_with_quotes_stores_them(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    assert main(["--db", str(db_path), "import", str(SEED_FILE)]) == 0
    capsys.readouterr()
    code = main(
        ["--db", str(db_path), "suggest", "--all", "--with", "quotes", "--annotator", "layla"]
    )
    out = capsys.readouterr().out
    assert code == 0
    with Store.open(db_path) as store:
        (doc_id,) = store.document_ids()
        text = store.document(doc_id).text
        stored = store.suggestions(doc_id, "layla")
    expected = find_quotes(doc_id, "layla", text)
    assert f"quotes: {len(expected)}" in out
    assert [(s.source, s.start, s.end, s.label) for s in stored] == [
        (s.source, s.start, s.end, s.label) for s in expected
    ]
    first = _quote(stored[0])
    assert first.cue is not None and text[first.cue.start : first.cue.end] == "قال"
    assert isinstance(first.speaker, Span)
    code = main(["--db", str(db_path), "suggestions", "list", "--annotator", "layla", "--json"])
    rows = json.loads(capsys.readouterr().out)
    assert {r["layer"] for r in rows} == {"quote"} and len(rows) == len(expected)


def test_precision_sample_of_real_saudi_news_runs(shared_data: Path) -> None:
    sample = shared_data / "saudinewsnet-sample" / "saudinewsnet_2015-07-23_sample300.jsonl"
    if not sample.exists():
        pytest.skip(f"{sample} is absent")
    total = 0
    with sample.open(encoding="utf-8") as f:
        for n, line in enumerate(f):
            text = json.loads(line)["content"]
            found = find_quotes(n, "a", text)
            for s in found:
                q = _quote(s)
                assert 0 <= q.content.start < q.content.end <= len(text)
                cue = text[q.cue.start : q.cue.end] if q.cue else ""
                # no proclitic: و/ف begins a cue only as a root letter (وفقا، وصف)
                assert cue[:1] not in ("و", "ف") or cue.startswith(("وفق", "وصف")), cue
                for span in (q.cue, q.speaker):
                    assert span is None or (isinstance(span, Span) and span.end <= len(text))
                assert 0 < s.score <= 1
            total += len(found)
    assert total > 300  # about two per article: the rules fire on real news


def test_a_subject_before_its_verb_is_the_speaker() -> None:
    assert _one("وكان المالكي قال خلال مقابلة تلفزيونية: «جذر الإرهاب هو التطرف».")[1:3] == (
        "قال",
        "المالكي",
    )
    assert _one("إلا أن المصادر الأمنية شددت على أن الضحايا مدنيون.")[2] == "المصادر الأمنية"
    text = "كان وزير سوري أبلغ رويترز في فبراير أن بلاده لا تتوقع الاستيراد."
    assert _one(text)[2] == "وزير سوري"  # رويترز is the recipient
    text = "المهندس محمد الشريف رأى أن التصميم لم يراع الحركة."
    assert _one(text)[1:3] == ("رأى", "المهندس محمد الشريف")


def test_a_circumstance_at_the_front_means_no_speaker_is_named() -> None:
    text = "وقال المدير إن العمل مستمر. وبين خلال حديثه أن النتائج جيدة."
    found = find_quotes(1, "a", text)
    assert [texts_of(text, [s])[0][2] for s in found] == ["المدير", "المدير"]  # carried
    assert found[1].score < found[0].score


def test_in_a_speaker_unless_an_occasion_follows() -> None:
    text = "وقالت مصادر في المقاومة الشعبية في تصريح لها إن الهجوم فشل."
    assert _one(text)[2] == "مصادر في المقاومة الشعبية"
    assert _one("وقال الرئيس في برقيته: «نهنئكم بالعيد الوطني المجيد».")[2] == "الرئيس"


def test_relatives_times_and_verbs_of_the_speaker_end_it() -> None:
    text = "وقال ستيف وارن المتحدث باسم الوزارة الذي يرافق الوزير، إن الجهود مستمرة."
    assert _one(text)[2] == "ستيف وارن المتحدث باسم الوزارة"
    assert _one("وقال قائد الشرطة يوم الخميس إن الطرق ستغلق.")[2] == "قائد الشرطة"
    text = "وصرح مسؤول تركي رفض الكشف عن هويته: «نؤكد أن المنفذ رجل في العشرين»."
    assert _one(text)[2] == "مسؤول تركي"


def test_a_verbal_noun_is_no_cue_and_the_quote_keeps_its_verb() -> None:
    text = 'وقال أحد المسعفين في موقع الانفجار، طالبا عدم ذكر اسمه "نقلنا حتى الآن 12 جثة".'
    assert _one(text) == (
        "direct",
        "قال",
        "أحد المسعفين في موقع الانفجار",
        "نقلنا حتى الآن 12 جثة",
    )


def test_titles_and_names_in_quotation_marks_are_no_quotes() -> None:
    text = (
        "وقال بحر خلال كلمة تحت عنوان «الحملة الوطنية لفرحة العيد»: «إن الاحتلال يحاول كسر الأسرى»."
    )
    assert _one(text) == ("direct", "قال", "بحر", "إن الاحتلال يحاول كسر الأسرى")
    text = (
        'نشرت الصحيفة تقريرا بعنوان "مستشفى السليل يكشف تفاصيل الواقعة"، '
        "كشفت فيه الإدارة عن التفاصيل."
    )
    assert _rows(text) == []
    text = "كما أعلنت رئيسة «اتحاد جمعيات الصحافيين الإسبان» يوم الثلاثاء أن ثلاثة صحافيين فقدوا."
    assert _one(text) == (
        "indirect",
        "أعلنت",
        "رئيسة «اتحاد جمعيات الصحافيين الإسبان»",
        "ثلاثة صحافيين فقدوا",
    )


def test_content_ends_where_another_report_starts() -> None:
    text = "وقالت السلطات إن المنفذ شاب في العشرين، حسبما أفاد مصدر رسمي أمس."
    assert _rows(text)[0][3] == "المنفذ شاب في العشرين"
    text = "وأكد المدير أن التسجيل مفتوح موضحة الوزارة أن الاختبار مجاني."
    assert [row[3] for row in _rows(text)] == ["التسجيل مفتوح", "الاختبار مجاني"]
    text = "لافتا إلى أن البرامج على موقع المعهد www.ipa.edu.sa وأفاد الدكتور أن النتائج قريبة."
    assert [row[3] for row in _rows(text)] == [
        "البرامج على موقع المعهد www.ipa.edu.sa",
        "النتائج قريبة",
    ]


def test_a_one_letter_abbreviation_does_not_end_the_sentence() -> None:
    assert _one("وقال وزير النفط د. علي النعيمي إن المملكة قوة عالمية.")[2] == (
        "وزير النفط د. علي النعيمي"
    )


def test_impersonal_and_unagreeing_cues_carry_no_speaker() -> None:
    assert _rows("ويعتقد أن الطيار تعرض لإصابات طفيفة.") == []
    text = "وقال الكربولي إن التنظيم منع المدنيين. وقالت في بيان إن الطيران وجه ضربات."
    speakers = [row[2] for row in _rows(text)]
    assert speakers == ["الكربولي", ""]  # قالت is not الكربولي
    text = "وقال مستهلكون إن الأسعار ارتفعت. وذكروا أن العروض لم تخدمهم."
    assert [row[2] for row in _rows(text)] == ["مستهلكون", "مستهلكون"]


def test_a_conditional_in_and_a_one_word_clause_are_no_report() -> None:
    assert _rows("وكشف درجات معتمد، وشهادات الدورات إن وجدت.") == []
    assert _rows("وقال إن.") == []


def test_ward_is_no_cue_behind_waw() -> None:
    text = "وأوضح المتحدث أنه عند الساعة 11 ورد بلاغ للشرطة عن الحادث."
    assert _one(text)[3] == "عند الساعة 11 ورد بلاغ للشرطة عن الحادث"


def test_a_long_unpunctuated_text_keeps_every_quote_apart() -> None:
    # 2,000 reports in one sentence: each participle starts its own quote, none overlap,
    # and each takes the speaker of the sentence's first report.
    text = "وقال الوزير إن العمل مستمر" + "، مشيرا إلى أن الأمر مستمر" * 2000
    found = find_quotes(1, "a", text)
    assert len(found) == 2001
    spans = [(s.start, s.end) for s in found]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    assert {texts_of(text, [s])[0][2] for s in found} == {"الوزير"}


def test_a_report_with_no_clause_names_the_speaker_carried_after_it() -> None:
    text = "وأكد الوزير أهمية دور الصندوق، مبينا أنه سيكون له دور أكبر. وقال: نحن مستعدون."
    assert [row[1:3] for row in _rows(text)] == [("مبينا", "الوزير"), ("قال", "الوزير")]
    text = "وشدد لوكا مودريتش لاعب الوسط على دور راموس وقال إنه لا يتوقع رحيله."
    assert _one(text)[1:3] == ("قال", "لوكا مودريتش لاعب الوسط")


def test_a_reversed_mark_opens_an_outlet_name() -> None:
    text = "وقال لـ»المدينة» مسؤول في الغرفة إن الدراسة مستمرة."
    assert _one(text)[1:3] == ("قال", "مسؤول في الغرفة")


def test_a_discourse_phrase_opening_the_sentence_stays_out_of_an_attribution() -> None:
    text = "وفي هذا الصدد ، وصل الوفد إلى الصين لإجراء مشاورات، حسبما ذكرت وكالة تاس."
    assert _one(text)[3] == "وصل الوفد إلى الصين لإجراء مشاورات"


def test_a_speaker_named_after_the_colon() -> None:
    text = (
        "وقال لـ»المدينة»: خلدون بركات رئيس لجنة التأمين، إن الآليات قيد الدراسة، "
        "بين المؤسسة والشركات."
    )
    assert _one(text) == (
        "indirect",
        "قال",
        "خلدون بركات رئيس لجنة التأمين",
        "الآليات قيد الدراسة، بين المؤسسة والشركات",
    )
    assert _one("وقال: نحن، إن شاء الله، مستعدون للحوار.")[::2] == ("direct", "")


def test_recipients_occasions_and_objects_after_a_comma_are_not_the_speaker() -> None:
    text = "وقال الحربش إن العمل مستمر. وأكد للمجلس على أنه تم تخصيص الموارد."
    assert [row[2] for row in _rows(text)] == ["الحربش", "الحربش"]
    text = "كشف وزير الإسكان في أول ظهور رسمي له أن الوزارة تعمل على خطة."
    assert _one(text)[2] == "وزير الإسكان"
    text = "أكد قائد حرس الحدود اللواء علي آل نمشة، استقرار الأوضاع. وقال: الحدود آمنة."
    assert _one(text)[1:3] == ("قال", "قائد حرس الحدود اللواء علي آل نمشة")
    text = "قتل 40 شخصا في اشتباكات عنيفة، بحسب ما أفاد الأربعاء مسؤول محلي."
    assert _one(text)[1:3] == ("أفاد", "مسؤول محلي")


def test_a_time_colon_and_figures_are_no_speech() -> None:
    assert _rows("ودعا تسيبراس خلال نقاش انتهى الساعة 04:00 النواب إلى التصويت.") == []
    assert _rows("وتشير الأرقام إلى أن التمويل ارتفع إلى 314 مليارا.") == []
    assert _one("ويشير الخبراء إلى أن التمويل ارتفع.")[2] == "الخبراء"


def test_a_participle_takes_the_subject_of_a_verb_the_rules_do_not_know() -> None:
    text = "كرر رئيس البنك المركزي ماريو دراجي قائلا يوم الخميس إن اليونان ستبقى عضوا."
    assert _one(text)[1:3] == ("قائلا", "رئيس البنك المركزي ماريو دراجي")
    text = "ورصد تقرير مؤسسة النقد كذلك ارتفاعا في الأجهزة، مبينا أنه ارتفع عدد العمليات."
    assert _one(text)[1:3] == ("مبينا", "تقرير مؤسسة النقد")
    assert _one("وفي المدينة، مشيرا إلى أن العمل مستمر.")[2] == ""  # no verb opens it


def test_a_title_with_ala_and_a_heading_before_the_verb() -> None:
    text = "وقال المشرف العام على محطات تلفزيون جدة خالد البيتي: حاولنا أن نخرج عن المعتاد."
    assert _one(text)[2] == "المشرف العام على محطات تلفزيون جدة خالد البيتي"
    text = "أدوات رقابية وفي الجهة المقابلة أكد خبراء اقتصاديون أن ما حصل استغلال واضح."
    assert _one(text)[2] == "خبراء اقتصاديون"
