"""Quote rules: reporting verbs, complementisers, quotation marks and attributions.

:func:`find_quotes` proposes :class:`corpus.model.Quote` suggestions (source ``quotes``)
from the patterns Arabic news uses to report speech:

- a reporting verb (``قال``, ``أضاف``, ``أكد``, ``أوضح`` ... with its feminine, dual and
  plural forms, ``قالت``, ``أكدوا``; a few present tenses, ``يقول``, with a speaker) or participle
  (``مضيفا``, ``مؤكدة``, ``مشيرا``), possibly behind ``و``/``ف``, then the speaker, then
  ``إن``/``أن`` (``إنه``, ``بأن``, ``إلى أن``, ``على أن``, ``من أن``): an *indirect* quote
  whose content runs from after the complementiser to the end of the sentence (or to the
  next participle cue, ``، مشيرا إلى أن``, which starts a quote of its own); *mixed* when
  that content holds a quotation of its own;
- the same cue then a colon or a quotation mark: a *direct* quote, the content being the
  quoted words (inside ``«…»``, ``“…”``, ``"…"``, or the unbalanced ``“…“`` real articles
  contain), or the rest of the sentence after a colon;
- a quotation followed by a cue (``«…»، قال الوزير``): direct, the speaker after the cue;
- an attribution: ``حسبما ذكرت X``, ``بحسب X``, ``نقلا عن X``, ``وفقا لـ X`` (the last
  ones only when X is a source, ``وكالة``, ``مصادر``, ``بيان`` ..., so that ``بحسب الخطة`` is
  none): the clause before it (or after it, when it opens the sentence) is the content.

The speaker is the words between the cue and the complementiser, without adverbs
(``أيضا``, ``بدوره``), outlets and recipients (``لـ"سبق"``, ``للصحافيين``), up to a
circumstance (``في تصريح``, ``أمس``), a relative clause or a verb of its own (``رفض الكشف``);
or a subject before the verb (``وكان المالكي قال``, ``إلا أن المصادر شددت``). A participle
takes its sentence's speaker. When none is named (``وأوضح أيضا أن``) the previous speaker is
carried, two paragraphs at most and only to a cue that agrees (``قال`` … ``وقالت`` is
another speaker); a report with no clause (``أكد الوزير أهمية …``) leaves its subject to
carry. A short quotation (three words or fewer, ``لـ"سبق"``, ``«عكاظ»``), a title
(``بعنوان "…"``) or a quoted name before the complementiser is a name, not a quote. The cue
never holds the proclitic (``قال`` of ``وقال``). Words are compared after
:func:`corpus.arabic.normalize_for_search` (hamza and alef forms, ``ة``/``ه``, ``ى``/``ي``,
diacritics folded; على and إلى kept apart from the names علي, إلي). Offsets are code points
of the text as given; the work is linear in the text.

Precision and recall on real Saudi news, hand-checked: ``benches/bench_quotes.py``.

Scores: a direct quote with a cue and a speaker scores highest, a reported one with an
explicit speaker a little lower, a carried speaker or a present tense lower, an
attribution lower still (see the ``SCORE_*`` constants).
"""

from __future__ import annotations

import bisect
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from corpus.arabic import is_word_char, normalize_for_search, word_spans
from corpus.model import Quote, Span
from corpus.suggest.model import Suggestion

SCORE_DIRECT = 0.9
SCORE_INDIRECT = 0.85
SCORE_POSTPOSED = 0.8
SCORE_COLON = 0.75
SCORE_CARRIED = 0.7
SCORE_ATTRIBUTION = 0.6
SCORE_UNCUED = 0.5
PRESENT_FACTOR = 0.9
NO_SPEAKER_FACTOR = 0.7

# A quotation of this many words or fewer is a name (an outlet, a title), not a quote.
MAX_NAME_WORDS = 3
# How many tokens may stand between a cue and its complementiser (the speaker and the
# circumstances: ``في تصريح لـ"سبق" أمس``).
MAX_GAP = 24
MAX_SPEAKER_WORDS = 18
# The previous speaker is carried to a quote without one this many paragraphs on at most.
CARRY_PARAGRAPHS = 2
# A subject opening the sentence before its verb has at most this many words.
MAX_OPENING_SUBJECT = 5


# على and إلى are kept apart from the names علي and (a folded) إلي: their keys are the
# words as written, without marks.
_PREPOSITION_KEYS = {"على": "على", "إلى": "إلى", "الى": "إلى"}
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")


def _key(word: str) -> str:
    """The key a word is compared by: :func:`normalize_for_search`, but على and إلى as such."""
    key = normalize_for_search(word)
    if key in ("علي", "الي"):
        return _PREPOSITION_KEYS.get(_MARKS.sub("", word), key)
    return key


def _keys(words: str) -> frozenset[str]:
    return frozenset(_key(w) for w in words.split())


# Past-tense reporting verbs (3rd person masculine singular): feminine, dual and plural
# forms are made by :func:`_past_forms`.
_PAST_VERBS = """
    قال أضاف أوضح أكد أشار ذكر صرح أعلن كشف شدد لفت أفاد تابع اعتبر أعرب بين أبان زعم
    حذر طالب نوه استطرد ختم أردف أبلغ أفصح اعترف أقر لاحظ علق استدرك نقل أشاد
    اختتم قدر توقع رجح نبه وصف زاد
"""
# Verbs whose last letter is weak: their forms are given.
_WEAK_FORMS = """
    نفى نفت نفيا نفتا نفوا رأى رأت رأيا رأتا رأوا دعا دعت دعوا دعيا ادعى ادعت ادعوا
    أبدى أبدت أبدوا روى روت رووا
"""
_PRESENT_FORMS = """
    يقول تقول يقولون يقولان نقول أقول يضيف تضيف يؤكد تؤكد يؤكدون يوضح توضح يرى ترى يرون
    يشير تشير يشيرون يعتبر تعتبر يعتقد تعتقد يعتقدون يتابع تتابع يلفت تلفت يكشف تكشف
    يزعم تزعم يزعمون يبين تبين يشدد تشدد
"""
# Participles (``، مضيفا أن``): their speaker is the sentence's or the previous quote's.
_PARTICIPLES = """
    مضيفا مضيفة مضيفين مضيفتا مؤكدا مؤكدة مؤكدين مشيرا مشيرة مشيرين موضحا موضحة موضحين
    لافتا لافتة لافتين مبينا مبينة مبينين معتبرا معتبرة معتبرين منوها منوهة مشددا مشددة
    مشددين قائلا قائلة قائلين محذرا محذرة محذرين كاشفا كاشفة مفيدا مفيدة معلنا معلنة
    معربا معربة نافيا نافية نافين مردفا مردفة مستطردا مستطردة متابعا متابعة مختتما مختتمة
    مطالبا مطالبة مطالبين داعيا داعية ذاكرا ذاكرة مصرحا مصرحة مستدركا مستدركة منبها منبهة
    مستشهدا معترفا معترفة مقرا مبديا زاعما زاعمة متسائلا متسائلة ناقلا
"""
# Nouns that introduce speech only before a colon or a quotation (``بقوله: "…"``).
_SPEECH_NOUNS = "بقوله بقولها قوله قولها بقولهم قولهم"


def _past_forms(verbs: str) -> frozenset[str]:
    forms = set()
    for verb in verbs.split():
        key = normalize_for_search(verb)
        # No dual in ا: طالبا, نقلا, اقرا are other words far more often.
        forms.update({key, key + "ت", key + "وا", key + "تا", key + "ن"})
    return frozenset(forms)


_VERBS = _past_forms(_PAST_VERBS) | _keys(_WEAK_FORMS)
_PRESENT = _keys(_PRESENT_FORMS)
_PARTICIPLE = _keys(_PARTICIPLES)


def _agreements() -> dict[str, str]:
    """Each cue form's agreement: ``m`` (قال), ``f`` (قالت), ``p`` (plural or dual)."""
    found: dict[str, str] = {}
    for verb in _PAST_VERBS.split():
        key = normalize_for_search(verb)
        found.update({key + "ت": "f", key + "وا": "p", key + "تا": "p"})
        found[key + "ن"] = "p"
    for verb in _PAST_VERBS.split():
        found[normalize_for_search(verb)] = "m"  # لفت is masculine, not لف + ت
    for form in _keys(_WEAK_FORMS):
        found[form] = (
            "p" if form.endswith(("وا", "يا", "تا")) else "f" if form.endswith("ت") else "m"
        )
    for form in _PRESENT:
        found[form] = "p" if form.endswith(("ون", "ان")) else "f" if form[0] == "ت" else "m"
    for form in _PARTICIPLE:
        found[form] = "p" if form.endswith(("ين", "تا")) else "f" if form.endswith("ه") else "m"
    return found


_AGREEMENT = _agreements()
_NOUN_CUES = _keys(_SPEECH_NOUNS)
_ALL_CUES = _VERBS | _PRESENT | _PARTICIPLE
# Passive or impersonal forms that look like cues and are background (``يذكر أن``).
_NOT_CUES = _keys("يذكر يشار يقال يعتبر تعتبر اقرا")

_ILA, _ALA = "إلى", "على"
# Verbs that take a preposition before a nominal object (``أكد على أهمية``, ``أعرب عن
# قلقه``): that preposition in the gap, not followed by أن, means no reported clause.
_OBJECT_PREPOSITION = {
    **dict.fromkeys(_past_forms("أكد شدد").union(_keys("مؤكدا مؤكدة مشددا مشددة")), _ALA),
    **dict.fromkeys(_past_forms("كشف أعلن أبان أفصح").union(_keys("كاشفا معلنا")), "عن"),
    **dict.fromkeys(
        _past_forms("أشار لفت نوه").union(_keys("مشيرا مشيرة لافتا لافتة منوها داعيا"))
        | _keys("دعا دعت دعوا يشير تشير"),
        _ILA,
    ),
    **dict.fromkeys(_past_forms("حذر").union(_keys("محذرا محذرة")), "من"),
}

# Complementisers: ``أن``/``إن`` (folded to ان) with a pronoun, or behind ب.
_PRONOUNS = ("", "ه", "ها", "هم", "هما", "هن", "نا", "ني", "ي", "ك", "كم")
_COMPLEMENTISERS = frozenset(p + "ان" + s for p in ("", "ب") for s in _PRONOUNS)
# Before these, أن is not the cue's complementiser (``بعد أن``, ``قبل أن``).
_NOT_COMPLEMENTISER_AFTER = _keys(
    "بعد قبل منذ دون بدون حتى لو رغم يجب يمكن ينبغي لابد بين إلا علما علماً بما"
)
# Verbs too often something else (بين "between", رأى "saw", a present tense in an opinion
# column): a cue only when they open a clause and the complementiser comes soon.
_AMBIGUOUS = _past_forms("بين نقل قدر ختم تابع لاحظ زاد").union(_keys("رأى رأت رأوا تبين"))
MAX_AMBIGUOUS_GAP = 6
_CLAUSE_OPENERS = _keys(
    "كما فيما بينما حيث الذي التي الذين اللذين قد وقد فقد لقد ثم عندما حين كان كانت وكان "
    "وكانت فيما إذ"
)
# Words that open a clause of their own: between a cue and a complementiser, they mean
# the أن further on belongs to another verb (``قال بعد أن ...`` aside).
_GAP_BLOCKERS = _keys(
    "قد لقد لم لن لا ليس ليست كان كانت يكون تكون إذا إذ لكن لكنه لكنها ولكن بل هو هي هم "
    "وهو وهي نحن أنا"
)
# Adverbs and set phrases between a cue and its speaker or complementiser.
_ADVERBS = _keys(
    "أيضا ايضا كذلك بدوره بدورها بدورهم جهته جهتها جانبه جانبها ناحيته ناحيتها من "
    "الصدد الإطار هذا هذه السياق الانتباه النظر"
)
# Where the speaker ends: a circumstance starts (``في`` only before a noun of the
# occasion, :data:`_CIRCUMSTANCE_NOUNS`: ``مسؤول في الوزارة`` is one speaker), a relative
# clause, a verb of the speaker's own (``رفض الكشف عن اسمه``).
_SPEAKER_STOPS = _keys(
    "خلال أثناء عبر عقب لدى عند حين بعد قبل عن حسب بحسب وفق إثر اثر ضمن تعليقا ردا "
    "الذي التي الذين اللذان اللتان والذي والتي والذين رفض رافضا طلب طالبا مفضلا "
    "بمناسبة أمام إلى على"
)
_RECIPIENTS = _keys(
    "للصحافيين للصحفيين للإعلاميين لوسائل لصحيفة للصحيفة لوكالة للوكالة لقناة للقناة لموقع "
    "لإذاعة للإذاعة للتلفزيون لتلفزيون لـ له لها لهم للمراسلين لمراسل لمراسلنا"
)
_TIMES = _keys(
    "أمس امس اليوم صباح مساء ظهر عصر ليلة الليلة فجر يوم غدا الإثنين الاثنين الثلاثاء "
    "الأربعاء الخميس الجمعة السبت الأحد مؤخرا سابقا"
)
# Pronoun objects right after the cue (قال فيه مندوبان, أكد فيها): not the speaker.
_PRONOUN_OBJECTS = _keys("فيه فيها فيهم عنه عنها خلاله خلالها عليه عليها عليهم")
_PREPOSITIONS = _keys("في من على عن إلى مع عند بعد قبل خلال حول لدى منذ حتى عبر")
_RELATIVES = _keys("الذي التي الذين اللذان اللتان والذي والتي والذين")
# Nouns of the occasion after في: في تصريح، في بيان له، في كلمته.
_CIRCUMSTANCE_NOUNS = frozenset(
    w[2:] if w.startswith("ال") else w
    for w in _keys(
        "تصريح تصريحات بيان حديث كلمة مؤتمر لقاء مقابلة رسالة تغريدة تغريدات اتصال ختام "
        "افتتاح اجتماع جلسة وقت هذا هذه ذلك تلك معرض سياق حفل ندوة محاضرة خطاب خطبة كتاب "
        "تعليق رد تقرير حوار برنامج منشور تدوينة صفحة حساب تسجيل فيديو مداخلة ورشة زيارة "
        "جولة استقبال ختامها ضوء إطار معرض ردها رده تصريحه حديثه كلمته بيانه تصريحها "
        "حديثها كلمتها بيانها الصدد إجابته جوابه معرض سؤال برقية مقال مقالة اتصالات بيانات "
        "تصريحات حفل منتدى قمة محاضرة مناسبة تقديم ظهور إطلالة"
    )
)
# Subjects of a present tense that are figures, not speakers (وتشير الأرقام إلى أن).
_FIGURES = _keys(
    "الأرقام أرقام البيانات بيانات الإحصاءات إحصاءات الإحصائيات إحصائيات المؤشرات مؤشرات "
    "التوقعات توقعات النتائج نتائج التقديرات تقديرات الدلائل دلائل المعطيات معطيات الوقائع"
)
# Verbal nouns that open the object of a report with no clause (أكد الوزير أهمية …).
_OBJECT_HEADS = _keys(
    "أهمية ضرورة حرص استمرار افتخار فرار مقتل ضم سيطرة تقدير دعم رفض التزام جاهزية سعي "
    "سعادة استعداد عزم رغبة وقوف تضامن ثقة حاجة عدم إصابة اعتقال وفاة ارتفاع انخفاض تراجع "
    "زيادة نجاح فشل بدء انطلاق قرب وصول عودة إطلاق تنفيذ إقامة توقيع موافقة تأييد تمسك "
    "إدانة استنكار ترحيب شكر تهنئة تعازي أسف قلق ارتياح اعتزاز فخر تطلع أمل مواصلة تعزيز "
    "توفير تقديم متابعة مشاركة إطلاق تسجيل حصول اكتمال انتهاء إنجاز تحقيق صدور قيام"
)
# Phrases that open a sentence before the clause an attribution reports.
_DISCOURSE_OPENERS = frozenset(
    " ".join(_key(w) for w in phrase.split())
    for phrase in (
        "وفي هذا الصدد",
        "في هذا الصدد",
        "وفي هذا السياق",
        "في هذا السياق",
        "وفي سياق متصل",
        "في سياق متصل",
        "ومن جهة أخرى",
        "من جهة أخرى",
        "ومن جهة ثانية",
        "من ناحية أخرى",
        "ومن ناحية أخرى",
        "في غضون ذلك",
        "وفي غضون ذلك",
        "إلى ذلك",
        "وإلى ذلك",
        "الى ذلك",
        "وفي الأثناء",
        "في الأثناء",
        "ميدانيا",
        "وميدانيا",
        "هذا",
        "وفي وقت سابق",
        "في وقت سابق",
    )
)
# Titles that go on with على (المشرف العام على …, القائم على …).
_OVERSEERS = _keys("المشرف مشرف العام القائم المسؤول مسؤول الوصي المفوض")
_ORDINALS = _keys("أول آخر اول اخر ختام مستهل بداية نهاية")
# Before a quotation, these make it a title, not a quote (بعنوان "…", شعار «…»).
_TITLE_WORDS = _keys(
    "بعنوان عنوان عنوانه عنوانها شعار بشعار شعارها شعاره مسمى اسم باسم وسم هاشتاق هاشتاغ "
    "وسما حملة برنامج مبادرة مهرجان مشروع كتاب كتابه رواية فيلم مسلسل"
)
# Words before a subject that stands before its verb (وكان المالكي قال …).
_SUBJECT_FIRST = (
    _keys("كان كانت وكان وكانت فكان إن أن ان وإن فإن إلا الا لكن ولكن لكنه بينما فيما حيث كما")
    | _COMPLEMENTISERS
)
# Verbal nouns: ذكر after عدم is no cue (طالبا عدم ذكر اسمه).
_NOT_A_CUE_AFTER = _keys("عدم دون بدون")
# Words that open a source in an attribution (``بحسب وكالة…``, ``وفقا لمصادر…``).
_SOURCE_NOUNS = _keys(
    "وكالة وكالات صحيفة صحف بيان بيانات مصدر مصادر تقرير تقارير وسائل موقع مواقع قناة "
    "إذاعة تلفزيون التلفزيون المتحدث متحدث مسؤول مسؤولين مسؤولون شهود ناشطين ناشطون "
    "وزارة الوزارة المرصد مراسل مراسلنا الشرطة الجيش الأمم منظمة مركز إحصاءات إحصائيات "
    "بيانات دراسة الدراسة مصدر المصدر المصادر الوكالة الصحيفة البيان التقرير"
)
# Opening quotation marks and the marks that may close them.
_CLOSERS = {"«": "»", "“": "”“", "”": "“”", '"': '"', "„": "“”", "»": "«»"}
_SENTENCE_ENDS = frozenset(".!?؟")
_CLOSING_MARKS = frozenset('»”“"')
_ATTRIBUTIONS = frozenset(("حسبما", "بحسب", "حسب", "نقلا", "وفقا", "طبقا"))
_DASHES = ("-", "\u2013", "\u2014")


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    key: str  # normalised; the proclitic و/ف cut off when the rest is a cue
    stem_start: int  # where the word starts without that proclitic
    para: int  # paragraph number
    punct: str  # the character, for a punctuation token; "" for a word


def find_quotes(doc_id: int, annotator: str, text: str) -> list[Suggestion]:
    """Quote suggestions for ``text`` (see the module docstring), in text order."""
    return _Finder(doc_id, annotator, text).run()


class _Finder:
    def __init__(self, doc_id: int, annotator: str, text: str) -> None:
        self.doc_id, self.annotator, self.text = doc_id, annotator, text
        self.tokens = _tokens(text)
        self.found: dict[tuple[int, int], Suggestion] = {}
        # Content spans taken (they never overlap, so their starts and ends are both in
        # order): a new one overlaps one of them when the last that starts before its end
        # reaches past its start.
        self.used_starts: list[int] = []
        self.used_ends: list[int] = []
        self.last_speaker: Span | None = None
        self.last_para = 0
        self.last_cue_at = -1
        self.last_agree = ""
        self.starts = [t.start for t in self.tokens]
        # The first token of each token's sentence (a full stop or a paragraph before it).
        self.sentence_of: list[int] = []
        first = 0
        for n, tok in enumerate(self.tokens):
            if n and (
                tok.para != self.tokens[n - 1].para
                or (self.tokens[n - 1].punct in _SENTENCE_ENDS and _ends(text, self.tokens[n - 1]))
            ):
                first = n
            self.sentence_of.append(first)

    # -- driving ------------------------------------------------------------------------
    def run(self) -> list[Suggestion]:
        tokens = self.tokens
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            nxt = None
            if tok.punct in _CLOSERS:
                nxt = self._quotation_first(i)
            elif not tok.punct and tok.key in _ATTRIBUTIONS:
                nxt = self._attribution(i)
            elif not tok.punct and tok.key in _ALL_CUES and tok.key not in _NOT_CUES:
                nxt = self._cue(i)
            elif not tok.punct and tok.key in _NOUN_CUES:
                nxt = self._noun_cue(i)
            i = nxt if nxt is not None and nxt > i else i + 1
        return sorted(self.found.values(), key=lambda s: (s.start, s.end))

    def _add(
        self,
        content: tuple[int, int],
        cue: tuple[int, int] | None,
        speaker: tuple[int, int] | None,
        kind: str,
        score: float,
        carry: bool = True,
        remember: bool = True,
    ) -> bool:
        start, end = content
        at = bisect.bisect_left(self.used_starts, end)
        if end <= start or (at > 0 and self.used_ends[at - 1] > start):
            return False
        if not any(is_word_char(ch) for ch in self.text[start:end]):
            return False
        para = self._para_at(start)
        agree = _AGREEMENT.get(normalize_for_search(self.text[cue[0] : cue[1]]), "") if cue else ""
        recent = (
            self.last_speaker
            if para - self.last_para <= CARRY_PARAGRAPHS
            and (not agree or not self.last_agree or agree in (self.last_agree, "p"))
            else None  # وقال الكربولي … وقالت في بيان: not the same speaker; a verb before
            # its subject is singular (وقال مستهلكون … وأشاروا), so a plural may follow it
        )
        speaker_span = Span(*speaker) if speaker else recent if carry else None
        if speaker is None and speaker_span is None:
            score *= NO_SPEAKER_FACTOR
        elif speaker is None:
            score = min(score, SCORE_CARRIED)
        quote = Quote(
            str(uuid.uuid4()),
            self.doc_id,
            self.annotator,
            Span(start, end),
            kind,
            cue=Span(*cue) if cue else None,
            speaker=speaker_span,
        )
        self.found[(start, end)] = Suggestion(quote, "quotes", round(score, 4))
        self.used_starts.insert(at, start)
        self.used_ends.insert(at, end)
        if speaker_span is not None and remember:
            self.last_speaker, self.last_para = speaker_span, para
            self.last_agree = agree
            self.last_cue_at = cue[0] if cue else start
        return True

    def _para_at(self, offset: int) -> int:
        """The paragraph number of the token at or after ``offset``."""
        i = bisect.bisect_left(self.starts, offset)
        return self.tokens[min(i, len(self.tokens) - 1)].para

    # -- a cue verb or participle ---------------------------------------------------------
    def _cue(self, i: int) -> int | None:
        tokens, cue_tok = self.tokens, self.tokens[i]
        cue = (cue_tok.stem_start, cue_tok.end)
        participle = cue_tok.key in _PARTICIPLE
        base = SCORE_INDIRECT * (PRESENT_FACTOR if cue_tok.key in _PRESENT else 1.0)
        blocker = _OBJECT_PREPOSITION.get(cue_tok.key)
        ambiguous = cue_tok.key in _PRESENT or cue_tok.key in _AMBIGUOUS
        if i > 0 and tokens[i - 1].key in _NOT_A_CUE_AFTER:
            return None  # عدم ذكر اسمه: a verbal noun
        # A subject before the verb (وكان المالكي قال, إلا أن المصادر شددت): the words
        # after it are a recipient or a circumstance, not the speaker.
        before = None if participle else self._preverbal_subject(i)
        if ambiguous and before is None and not self._clause_start(i):
            return None

        def speaker(gap: list[int]) -> tuple[int, int] | None:
            if participle:
                return self._sentence_subject(i)
            return before if before is not None else self._speaker(gap)

        # A present tense with no speaker named is mostly impersonal (ويعتقد أن: "it is
        # believed"), and with figures for its subject no speech (وتشير الأرقام إلى أن).
        needs_speaker = cue_tok.key in _PRESENT

        def no_speech(found: tuple[int, int] | None) -> bool:
            if not needs_speaker:
                return False
            return found is None or _key(self.text[found[0] : found[1]].split()[0]) in _FIGURES

        gap: list[int] = []
        j = i + 1
        while j < len(tokens) and len(gap) <= MAX_GAP:
            tok = tokens[j]
            if tok.para != cue_tok.para or (tok.punct in _SENTENCE_ENDS and _ends(self.text, tok)):
                self._remember_subject(i, gap, before)
                return None
            if tok.punct in _CLOSERS:
                close = self._closing(j)
                if close is not None and (
                    self._words_between(j, close) <= MAX_NAME_WORDS
                    or self._is_title(j)
                    or self._complementiser_follows(close)
                ):
                    gap.extend(range(j, close + 1))  # a name: لـ"سبق", "القصيبي", a title
                    j = close + 1
                    continue
                content = self._quoted_content(j, close)
                found = speaker(gap)
                if content is None or no_speech(found):
                    return None
                if self._add(content, cue, found, "direct", SCORE_DIRECT):
                    return (close + 1) if close is not None else j + 1
                return None
            if tok.punct == ":" and not _between_digits(self.text, tok):
                found = speaker(gap)
                if no_speech(found):
                    return None
                return self._after_colon(j, cue, found)
            if tok.punct:
                if ambiguous and tok.punct in ("،", ","):
                    return None
                gap.append(j)
                j += 1
                continue
            complementiser = None
            if tok.key in _COMPLEMENTISERS and not (
                j > 0 and tokens[j - 1].key in _NOT_COMPLEMENTISER_AFTER
            ):
                complementiser = j
            elif (
                tok.key in (_ILA, _ALA, "من", "عن")
                and j + 1 < len(tokens)
                and tokens[j + 1].key in _COMPLEMENTISERS
            ):
                complementiser = j + 1
            if complementiser is not None:
                found = speaker(gap)
                if no_speech(found):
                    return None
                return self._reported(complementiser, found, cue, base)
            if tok.key == blocker:
                self._remember_subject(i, gap, before, delimited=True)
                return None  # أكد على أهمية, كشف عن خطة: an object, no clause
            if (
                (tok.key in _VERBS or tok.key in _PRESENT)
                and not participle
                and tokens[j - 1].key not in _NOT_A_CUE_AFTER
            ):
                return None  # another cue before any complementiser
            if tok.key in _PARTICIPLE and tokens[j - 1].punct in ("،", ","):
                self._remember_subject(i, gap, before, delimited=True)
                return None  # أكد الوزير أهمية …، مبينا أنه: the participle's report
            if tok.key in _GAP_BLOCKERS:
                return None  # a clause of its own: the أن further on is not the cue's
            if ambiguous and len(gap) >= MAX_AMBIGUOUS_GAP:
                return None
            gap.append(j)
            j += 1
        self._remember_subject(i, gap, before)
        return None

    def _remember_subject(
        self, i: int, gap: list[int], before: tuple[int, int] | None, delimited: bool = False
    ) -> None:
        """A report with no clause (أكد الوزير أهمية …, شدد مودريتش على الدور …): its
        subject is the speaker that a quote naming none may carry. Only when the subject
        visibly ends (at an object's head, a preposition, a circumstance)."""
        tokens, tok = self.tokens, self.tokens[i]
        if tok.key not in _VERBS or tok.key in _AMBIGUOUS:
            return
        subject = before
        if subject is None:
            if not self._clause_start(i):
                return
            words: list[int] = []
            for n, k in enumerate(gap):
                t = tokens[k]
                if words and (
                    _object_head(t.key)
                    or t.key in (_ALA, "عن", _ILA)
                    or t.punct in ("،", ",")
                    or self._circumstance(gap, n)
                ):
                    break  # … آل نمشة، استقرار الأوضاع: the object after the comma
                if t.punct in _SENTENCE_ENDS:
                    return
                words.append(k)
            else:
                if not delimited:
                    return  # where the subject ends is not known
            subject = self._speaker(words)
        if subject is None:
            return
        self.last_speaker = Span(*subject)
        self.last_para, self.last_cue_at = tok.para, tok.start
        self.last_agree = _AGREEMENT.get(tok.key, "")

    def _complementiser_follows(self, close: int) -> bool:
        """Whether a complementiser comes within a few words after the quotation closed at
        ``close`` (رئيسة «اتحاد جمعيات الصحافيين الإسبان» يوم الثلاثاء أن): then the
        quotation is a name inside the speaker."""
        tokens = self.tokens
        for k in range(close + 1, min(close + 7, len(tokens))):
            tok = tokens[k]
            if tok.para != tokens[close].para or tok.punct in _SENTENCE_ENDS or tok.punct == ":":
                return False
            if tok.punct in _CLOSERS or tok.punct in ("،", ",") or tok.key in _ALL_CUES:
                return False  # «…»، موضحة أن: the quote, then the next report
            if tok.key in _COMPLEMENTISERS:
                return True
        return False

    def _is_title(self, i: int) -> bool:
        """Whether the quotation at ``i`` is a title (بعنوان "…", شعار «…»)."""
        k = i - 1
        if k >= 0 and self.tokens[k].punct == ":":
            k -= 1
        return k >= 0 and self.tokens[k].key in _TITLE_WORDS

    def _preverbal_subject(self, i: int) -> tuple[int, int] | None:
        """The subject before the verb at ``i``, between a boundary that puts it there
        (كان، إن/أن، إلا أن، لكن، أما … فـ) and the verb (or قد before it)."""
        tokens, tok = self.tokens, self.tokens[i]
        behind_fa = tok.stem_start > tok.start and self.text[tok.start] == "ف"
        if tok.stem_start > tok.start and not behind_fa:
            return None
        k = i - 1
        if k >= 0 and tokens[k].key == "قد":
            k -= 1
        words: list[int] = []
        while k >= 0 and tokens[k].para == tok.para and len(words) <= MAX_SPEAKER_WORDS:
            prev = tokens[k]
            if prev.punct in _SENTENCE_ENDS and _ends(self.text, prev):
                k = -1  # the sentence starts with the subject: المهندس محمد الشريف رأى أن
                break
            if prev.punct and prev.punct not in _CLOSERS:
                return None
            if behind_fa and prev.key in ("اما", "واما"):
                break
            if not behind_fa and prev.key in _SUBJECT_FIRST:
                break
            words.insert(0, k)
            k -= 1
        else:
            if not (k < 0 or tokens[k].para != tok.para):
                return None
            k = -1
        if k < 0 and not behind_fa:
            # No boundary but the sentence's start: a short name, not a circumstance
            # (وعن الحملة القادمة قال مسؤول).
            if not words or len(words) > MAX_OPENING_SUBJECT:
                return None
            first = tokens[words[0]]
            if (
                first.stem_start > first.start
                or first.key[:1] in ("و", "ف")
                or any(
                    tokens[w].key in _PREPOSITIONS
                    or tokens[w].punct
                    or (tokens[w].key[:1] in ("و", "ف") and tokens[w].key[1:] in _PREPOSITIONS)
                    for w in words
                )  # أدوات رقابية وفي الجهة المقابلة أكد: a heading and a phrase, no subject
            ):
                return None
        elif k < 0:
            return None
        if any(tokens[w].key in _RELATIVES for w in words):
            return None  # … الأمين العام الذي شدد: the antecedent is not this far back
        return self._speaker(words) if words else None

    def _clause_start(self, i: int) -> bool:
        """Whether the cue at ``i`` opens a clause: the sentence's first word, behind
        و/ف, after a comma or a clause opener (كما، فيما، حيث، الذي ...)."""
        tokens, tok = self.tokens, self.tokens[i]
        if tok.stem_start > tok.start or i == 0 or tokens[i - 1].para != tok.para:
            return True
        prev = tokens[i - 1]
        if prev.punct:
            return prev.punct in _SENTENCE_ENDS or prev.punct in ("،", ",", ":", "؛", ";")
        return prev.key in _CLAUSE_OPENERS

    def _reported(
        self, comp: int, speaker: tuple[int, int] | None, cue: tuple[int, int], score: float
    ) -> int | None:
        tokens = self.tokens
        start_i = comp + 1
        while start_i < len(tokens) and tokens[start_i].punct in (":", "،", ","):
            start_i += 1
        if start_i >= len(tokens) or tokens[start_i].para != tokens[comp].para:
            return None
        end_i = self._sentence_end(start_i, stop_at_cue=True)
        if sum(1 for t in tokens[start_i : end_i + 1] if not t.punct) < 2:
            return None  # وكشف درجات … إن وجدت: one word is no reported clause
        content = (tokens[start_i].start, tokens[end_i].end)
        kind = "indirect"
        k = start_i
        while k <= end_i:
            if tokens[k].punct in _CLOSERS:
                close = self._closing(k)
                if close is None or self._words_between(k, close) > MAX_NAME_WORDS:
                    kind = "mixed"
                    break
                k = close
            k += 1
        if self._add(content, cue, speaker, kind, score):
            return end_i + 1
        return None

    def _after_colon(
        self, colon: int, cue: tuple[int, int], speaker: tuple[int, int] | None
    ) -> int | None:
        tokens = self.tokens
        j = colon + 1
        if j >= len(tokens) or tokens[j].para != tokens[colon].para:
            return None
        if speaker is None:
            # وقال لـ«المدينة»: خلدون بركات رئيس لجنة التأمين، إن …: the speaker after the
            # colon, then a reported clause.
            named = self._named_after_colon(j)
            if named is not None:
                words, comp = named
                return self._reported(comp, self._speaker(words), cue, SCORE_INDIRECT)
        if tokens[j].punct in _CLOSERS:
            close = self._closing(j)
            content = self._quoted_content(j, close)
            if content is not None and self._add(content, cue, speaker, "direct", SCORE_DIRECT):
                return (close + 1) if close is not None else j + 1
            return None
        end_i = self._sentence_end(j, stop_at_cue=True)
        while end_i > j and tokens[end_i].punct in _CLOSING_MARKS:
            end_i -= 1  # وقال: إن الملك سيزور … سبتمبر». — a mark never opened
        if self._add((tokens[j].start, tokens[end_i].end), cue, speaker, "direct", SCORE_COLON):
            return end_i + 1
        return None

    def _named_after_colon(self, j: int) -> tuple[list[int], int] | None:
        """A short name, a comma and a complementiser right after a colon: the name's
        tokens and the complementiser's index."""
        tokens = self.tokens
        for k in range(j, min(j + MAX_SPEAKER_WORDS, len(tokens) - 2)):
            tok = tokens[k]
            if tok.para != tokens[j].para or tok.punct in _SENTENCE_ENDS or tok.punct in _CLOSERS:
                return None
            if tok.key in _COMPLEMENTISERS or tok.key in _ALL_CUES:
                return None
            if tok.punct in ("،", ",") and k > j:
                comp = tokens[k + 1]
                if comp.key in _COMPLEMENTISERS and tokens[k + 2].key != "شاء":
                    return list(range(j, k)), k + 1
                return None
        return None

    def _noun_cue(self, i: int) -> int | None:
        """``بقوله: "…"`` or ``بقوله "…"``: a direct quote of the sentence's subject."""
        tokens = self.tokens
        j = i + 1
        if j < len(tokens) and tokens[j].punct == ":":
            j += 1
        if j >= len(tokens) or tokens[j].punct not in _CLOSERS:
            return None
        close = self._closing(j)
        content = self._quoted_content(j, close)
        cue = (tokens[i].stem_start, tokens[i].end)
        if content is not None and self._add(
            content, cue, self._sentence_subject(i), "direct", SCORE_COLON
        ):
            return (close + 1) if close is not None else j + 1
        return None

    # -- a quotation with its cue after it --------------------------------------------------
    def _quotation_first(self, i: int) -> int | None:
        tokens = self.tokens
        close = self._closing(i)
        if close is None or self._words_between(i, close) <= MAX_NAME_WORDS or self._is_title(i):
            return None
        j = close + 1
        while j < len(tokens) and tokens[j].punct in ("،", ",", *_DASHES):
            j += 1
        if j >= len(tokens) or tokens[j].punct or tokens[j].para != tokens[i].para:
            return self._after_a_colon_alone(i, close)
        cue_tok = tokens[j]
        if (cue_tok.key not in _VERBS and cue_tok.key not in _PRESENT) or (
            cue_tok.stem_start > cue_tok.start  # «…» وقال: the next quote's cue
        ):
            return self._after_a_colon_alone(i, close)
        content = self._quoted_content(i, close)
        if content is None or j + 1 >= len(tokens) or tokens[j + 1].key in _PRONOUN_OBJECTS:
            return None  # بعنوان "…"، كشفت فيه الإدارة
        speaker = self._speaker(list(range(j + 1, self._sentence_end(j + 1, True) + 1)))
        if speaker is None:
            return None
        cue = (cue_tok.stem_start, cue_tok.end)
        if self._add(content, cue, speaker, "direct", SCORE_POSTPOSED):
            return j + 1
        return None

    def _after_a_colon_alone(self, i: int, close: int) -> int | None:
        """A long quotation after a colon with no cue (``إلى مخاوف الصين: “نحن …“``)."""
        if i == 0 or self.tokens[i - 1].punct != ":" or self._is_title(i):
            return None
        content = self._quoted_content(i, close)
        if content is not None and self._add(
            content, None, None, "direct", SCORE_UNCUED, carry=False
        ):
            return close + 1
        return None

    # -- attributions -----------------------------------------------------------------------
    def _attribution(self, i: int) -> int | None:
        tokens, tok = self.tokens, self.tokens[i]
        j = i + 1
        cue = (tok.stem_start, tok.end)
        if tok.key == "حسبما" or (
            tok.key in ("بحسب", "حسب") and j < len(tokens) and tokens[j].key == "ما"
        ):
            j += 0 if tok.key == "حسبما" else 1
            if j >= len(tokens) or tokens[j].key not in _VERBS | _PRESENT:
                return None
            cue = (tokens[j].stem_start, tokens[j].end)
            j += 1
        elif tok.key == "نقلا":
            if j >= len(tokens) or tokens[j].key != "عن":
                return None
            j += 1
        elif tok.key in ("وفقا", "طبقا"):
            # وفقا لـ X, وفقا لما ذكرته X, وفقا للمصادر
            if j >= len(tokens):
                return None
            if tokens[j].key in ("ل", "لـ") or tokens[j].punct == "ـ":
                j += 1
            elif tokens[j].key.startswith("ل"):
                pass
            else:
                return None
        while j < len(tokens) and tokens[j].key in _TIMES:
            j += 1  # بحسب ما أفاد الأربعاء مسؤول محلي
        speaker_end = self._source_end(j)
        if speaker_end is None:
            return None
        first = tokens[j]
        if tok.key in ("بحسب", "حسب", "وفقا", "طبقا") and cue == (tok.stem_start, tok.end):
            head = first.key
            if tok.key in ("وفقا", "طبقا") and head.startswith("ل"):
                head = head[2:] if head.startswith("لل") else head[1:]
            head = head[2:] if head.startswith("ال") else head
            if head not in _SOURCE_NOUNS and "ال" + head not in _SOURCE_NOUNS:
                return None
        speaker = (tokens[j].start, tokens[speaker_end].end)
        sentence_start = self._sentence_start(i)
        words_before = 0
        for k in range(i - 1, sentence_start - 1, -1):
            words_before += not tokens[k].punct
            if words_before >= 3:
                break
        if words_before >= 3:
            last = i - 1
            while last > sentence_start and tokens[last].punct:
                last -= 1
            opens = self._past_opener(sentence_start, i)
            content = (tokens[opens].start, tokens[last].end)
            self._add(content, cue, speaker, "indirect", SCORE_ATTRIBUTION, remember=False)
            return speaker_end + 1
        # The attribution opens the sentence: ``وبحسب البيان، فإن …``; without a comma or
        # فإن after the source, where it ends is a guess.
        k = speaker_end + 1
        if k >= len(tokens) or not (tokens[k].punct in ("،", ",") or tokens[k].key == "فان"):
            return None
        if sum(1 for t in tokens[j:k] if not t.punct) > MAX_OPENING_SUBJECT:
            return None  # ووفقا لمصادر الجزيرة اعتقلت قوات الاحتلال، …: no source is that long
        while k < len(tokens) and (tokens[k].punct in ("،", ",") or tokens[k].key in ("فان",)):
            k += 1
        if k >= len(tokens) or tokens[k].para != tok.para:
            return None
        end_i = self._sentence_end(k, stop_at_cue=True)
        if self._add(
            (tokens[k].start, tokens[end_i].end),
            cue,
            speaker,
            "indirect",
            SCORE_ATTRIBUTION,
            remember=False,
        ):
            return end_i + 1
        return None

    def _past_opener(self, start: int, limit: int) -> int:
        """Past a discourse phrase and its comma opening the sentence (``وفي هذا الصدد ،``):
        the reported clause starts after it."""
        tokens = self.tokens
        for k in range(start, min(start + 6, limit)):
            if tokens[k].punct in ("،", ","):
                phrase = " ".join(t.key for t in tokens[start:k] if not t.punct)
                return k + 1 if phrase in _DISCOURSE_OPENERS and k + 1 < limit else start
        return start

    def _source_end(self, j: int) -> int | None:
        """The last token of a source phrase starting at ``j`` (to a comma or the end)."""
        tokens = self.tokens
        if j >= len(tokens) or (tokens[j].punct and tokens[j].punct not in _CLOSERS):
            return None
        last, words = None, 0
        k = j
        while k < len(tokens) and tokens[k].para == tokens[j].para and words < 8:
            tok = tokens[k]
            if tok.punct in _CLOSERS:
                close = self._closing(k)
                if close is None or self._words_between(k, close) > MAX_NAME_WORDS:
                    break
                last, k = close, close + 1
                continue
            if tok.punct or tok.key in _COMPLEMENTISERS or tok.key in ("فان",):
                break
            if last is not None and (
                tok.key in _SPEAKER_STOPS or tok.key in _TIMES or tok.key in _RECIPIENTS
            ):
                break
            last, words, k = k, words + 1, k + 1
        return last

    # -- pieces -------------------------------------------------------------------------------
    def _speaker(self, gap: list[int]) -> tuple[int, int] | None:
        """The speaker among the gap's tokens: adverbs, recipients and outlets off the
        front (a circumstance there means none is named), up to a circumstance."""
        tokens, text = self.tokens, self.text
        k = 0
        while k < len(gap):
            tok = tokens[gap[k]]
            if tok.punct in ("،", ",", "ـ") or tok.key in _ADVERBS or tok.key in _PRONOUN_OBJECTS:
                k += 1
                continue
            if (
                tok.key == "ل"
                or tok.key in _RECIPIENTS
                or tok.key in _TIMES
                or (tok.key.startswith("لل") and len(tok.key) > 4)  # وأكد للمجلس على أنه
            ):
                k += 1  # لـ"الاقتصادية" مختصون, للصحافيين, أمس
                if k < len(gap) and tokens[gap[k]].punct in _CLOSERS:
                    close = self._closing(gap[k])
                    while k < len(gap) and gap[k] != close:
                        k += 1
                    k += 1
                continue
            if self._circumstance(gap, k):
                return None  # وبين خلال حديثه أن: no speaker named
            break
        words: list[int] = []
        while k < len(gap) and len(words) < MAX_SPEAKER_WORDS:
            tok = tokens[gap[k]]
            if words and (self._circumstance(gap, k) or _tanween(text, tok)):
                break
            if tok.punct in ("(", ")", "[", *_DASHES) or tok.key in _COMPLEMENTISERS:
                break
            words.append(gap[k])
            k += 1
        return self._trimmed(words)

    def _circumstance(self, gap: list[int], k: int) -> bool:
        """Whether the gap's token ``k`` starts what is not the speaker any more."""
        tok = self.tokens[gap[k]]
        if tok.key == "في":
            if k + 1 >= len(gap):
                return True
            nxt = self.tokens[gap[k + 1]].key
            if nxt in _ORDINALS and k + 2 < len(gap):
                nxt = self.tokens[gap[k + 2]].key  # في أول ظهور رسمي له
            return _occasion(nxt)
        if tok.key == _ALA and k > 0 and self.tokens[gap[k - 1]].key in _OVERSEERS:
            return False  # المشرف العام على محطات تلفزيون جدة: part of the title
        return (
            tok.key in _SPEAKER_STOPS
            or tok.key in _RECIPIENTS
            or tok.key in _TIMES
            or tok.key == "ل"
            or tok.key in _PARTICIPLE
        )

    def _trimmed(self, words: list[int]) -> tuple[int, int] | None:
        """Punctuation off both ends; quotation marks off a quoted name (``"القصيبي"``),
        kept where they close a quotation the speaker opened (``بـ"صحة تبوك"``)."""
        tokens = self.tokens

        def mark(k: int) -> bool:
            return bool(tokens[words[k]].punct) and tokens[words[k]].punct in '«»“”"„'

        while words and tokens[words[-1]].punct and not mark(-1):
            words.pop()
        while words and tokens[words[0]].punct and not mark(0):
            words.pop(0)
        while len(words) >= 2 and mark(0) and mark(-1):
            words.pop(0)
            words.pop()
        marks = sum(1 for k in range(len(words)) if mark(k))
        if words and marks % 2 and mark(-1) and marks == 1:
            words.pop()
        if words and marks % 2 and mark(0):
            words.pop(0)
        while words and tokens[words[-1]].punct and not mark(-1):
            words.pop()
        if not words or all(tokens[w].punct for w in words):
            return None
        return tokens[words[0]].start, tokens[words[-1]].end

    def _sentence_subject(self, i: int) -> tuple[int, int] | None:
        """For a participle: the speaker of the sentence's earlier quote, else the one
        after the sentence's own reporting verb, if any."""
        tokens = self.tokens
        start = self._sentence_start(i)
        if self.last_speaker is not None and self.last_cue_at >= tokens[start].start:
            return self.last_speaker.start, self.last_speaker.end
        for k in range(max(start, i - MAX_GAP * 4), i):
            if tokens[k].key in _VERBS:
                before = self._preverbal_subject(k)
                if before is not None:
                    return before
                gap: list[int] = []
                m = k + 1
                while m < i and tokens[m].key not in _COMPLEMENTISERS and len(gap) < MAX_GAP:
                    if tokens[m].key in (_ALA, "عن", _ILA) or tokens[m].punct in (
                        "،",
                        ",",
                        ":",
                        *_CLOSERS,
                    ):
                        break
                    gap.append(m)
                    m += 1
                return self._speaker(gap)
        return self._opening_subject(start, i)

    def _opening_subject(self, start: int, i: int) -> tuple[int, int] | None:
        """For a participle in a sentence that opens with a verb the rules do not know
        (كرر رئيس البنك … دراجي قائلا، عبّر ذوو الشهيد عن …، مؤكدين): that verb's subject,
        the words after it up to a preposition, an object's head, a comma or the participle."""
        tokens = self.tokens
        while start < i and (tokens[start].key in _ADVERBS or tokens[start].punct in ("،", ",")):
            start += 1  # بدورهم، عبّر ذوو الشهيد …
        if start >= i:
            return None
        first = tokens[start]
        bare = first.key[1:] if first.key[:1] in ("و", "ف") and len(first.key) >= 3 else first.key
        if (
            first.punct
            or not bare
            or bare.startswith("ال")
            or bare in _PREPOSITIONS
            or bare in _CLAUSE_OPENERS
            or bare in _SUBJECT_FIRST
            or bare in _ADVERBS
            or first.key in _PREPOSITIONS
            or _object_head(bare)
            or _tanween(self.text, first)  # وطبعًا: an adverb, no verb
        ):
            return None
        words: list[int] = []
        for k in range(start + 1, min(i, start + 2 + MAX_OPENING_SUBJECT * 2)):
            tok = tokens[k]
            if (
                tok.punct in ("،", ",")
                or tok.key in _PREPOSITIONS
                or tok.key in _PARTICIPLE
                or tok.key in _TIMES
                or tok.key in ("كذلك", _key("أيضا"), "بشده", "بقوه")
                or (words and _tanween(self.text, tok))
            ):
                break  # ورصد تقرير مؤسسة النقد كذلك ارتفاعا: the adverb ends the subject
            if tok.punct and tok.punct not in _CLOSERS:
                return None
            if _object_head(tok.key) or tok.key.endswith(("ته", "تها", "اته", "اتها")):
                return (
                    None  # an object follows (وأنهى الفهمي تغريداته): where is the subject's end?
                )
            words.append(k)
        else:
            if i > start + 1 + MAX_OPENING_SUBJECT * 2:
                return None  # no end to the subject in sight
        if not words or sum(1 for w in words if not tokens[w].punct) > MAX_OPENING_SUBJECT * 2:
            return None
        return self._speaker(words)

    def _closing(self, i: int) -> int | None:
        """The token closing the quotation mark at ``i`` within its paragraph."""
        tokens = self.tokens
        opener = tokens[i].punct
        closers = _CLOSERS[opener]
        for k in range(i + 1, len(tokens)):
            if tokens[k].para != tokens[i].para:
                return None
            if tokens[k].punct and tokens[k].punct in closers:
                return k
            if opener == "«" and tokens[k].punct == "«" and k > i + 1:
                # «… «: the unbalanced form, closed by the same mark
                return k
        return None

    def _quoted_content(self, i: int, close: int | None) -> tuple[int, int] | None:
        """The words inside a quotation (to the paragraph's end when it is not closed)."""
        tokens = self.tokens
        if close is None:
            end_i = i
            while end_i + 1 < len(tokens) and tokens[end_i + 1].para == tokens[i].para:
                end_i += 1
            if end_i == i:
                return None
            while end_i > i and tokens[end_i].punct in _SENTENCE_ENDS | {"،", ","}:
                end_i -= 1
            return (tokens[i].end, tokens[end_i].end) if end_i > i else None
        inner = list(range(i + 1, close))
        if not inner:
            return None
        first, last = inner[0], inner[-1]
        while last > first and tokens[last].punct in ("،", ","):
            last -= 1
        return tokens[first].start, tokens[last].end

    def _words_between(self, i: int, close: int) -> int:
        return sum(1 for k in range(i + 1, close) if not self.tokens[k].punct)

    def _sentence_start(self, i: int) -> int:
        """The first word of the sentence of token ``i`` (leading punctuation off)."""
        tokens = self.tokens
        k = self.sentence_of[i]
        while k < i and tokens[k].punct:
            k += 1
        return k

    def _new_report(self, m: int) -> bool:
        """Whether token ``m`` starts another report: a participle cue whose complementiser
        follows (``موضحة الوزارة أن``), a cue behind و/ف (``وأضاف``), or, after a comma, a
        cue or an attribution (``، حسبما أفاد مصدر``)."""
        tokens, tok = self.tokens, self.tokens[m]
        if tok.punct in ("،", ",", "؛", ";"):
            if m + 1 >= len(tokens) or tokens[m + 1].para != tok.para:
                return False
            nxt = tokens[m + 1]
            if nxt.key in _AMBIGUOUS:  # ، بين مؤسسة النقد وشركات التأمين: "between"
                return any(
                    t.key in _COMPLEMENTISERS for t in tokens[m + 2 : m + 2 + MAX_AMBIGUOUS_GAP]
                )
            return nxt.key in _PARTICIPLE or nxt.key in _VERBS or nxt.key in _ATTRIBUTIONS
        if tok.punct:
            return False
        if tok.key in _PARTICIPLE:
            return any(t.key in _COMPLEMENTISERS for t in tokens[m + 1 : m + 5])
        return tok.stem_start > tok.start and (tok.key in _VERBS or tok.key in _PRESENT)

    def _sentence_end(self, j: int, stop_at_cue: bool) -> int:
        """The last token of the sentence from ``j`` (without its full stop), or the token
        before another report starts (:meth:`_new_report`) when ``stop_at_cue``."""
        tokens = self.tokens
        k = j
        while k + 1 < len(tokens) and tokens[k + 1].para == tokens[j].para:
            nxt = tokens[k + 1]
            if nxt.punct in _SENTENCE_ENDS and _ends(self.text, nxt):
                break
            if stop_at_cue and self._new_report(k + 1):
                break
            k += 1
        while k > j and tokens[k].punct in ("،", ",", ":", ";", "؛"):
            k -= 1
        return k


def _ends(text: str, tok: _Token) -> bool:
    """A full stop that ends a sentence: not a decimal point (``1.8``), not inside an
    address (``www.ipa.edu.sa``), not after a one-letter abbreviation (``د. علي``)."""
    if tok.punct != ".":
        return True
    before = text[tok.start - 1] if tok.start > 0 else " "
    after = text[tok.end] if tok.end < len(text) else " "
    if before.isascii() and after.isascii() and before.isalnum() and after.isalnum():
        return False  # www.ipa.edu.sa; السعودي.وفقا still ends a sentence
    two_before = text[tok.start - 2] if tok.start > 1 else " "
    return not (before.isalpha() and not two_before.isalnum() and "\u0600" <= before <= "\u06ff")


def _noun_of(key: str, nouns: frozenset[str] | set[str], suffixes: tuple[str, ...]) -> bool:
    """Whether a word is one of ``nouns``, with or without the article and one of the
    possessive ``suffixes`` (a teh marbuta written ت before it: برقيته → برقية)."""
    bare = key[2:] if key.startswith("ال") else key
    for suffix in ("", *suffixes):
        if suffix and not bare.endswith(suffix):
            continue
        stem = bare[: len(bare) - len(suffix)]
        if stem in nouns or (suffix and stem.endswith("ت") and stem[:-1] + "ه" in nouns):
            return True
    return False


def _object_head(key: str) -> bool:
    """Whether a word is a verbal noun that opens a report's object (أهمية، حرصه)."""
    return _noun_of(key, _OBJECT_HEADS, ("ه", "ها", "هم"))


def _occasion(key: str) -> bool:
    """Whether a word is a noun of the occasion (تصريح، بيانه، برقيته، كلمتها)."""
    return _noun_of(key, _CIRCUMSTANCE_NOUNS, ("ه", "ها", "هم", "هما"))


def _between_digits(text: str, tok: _Token) -> bool:
    """A colon inside a time or a ratio (04:00), not before speech."""
    return (
        tok.start > 0
        and tok.end < len(text)
        and text[tok.start - 1].isdigit()
        and (text[tok.end].isdigit())
    )


def _tanween(text: str, tok: _Token) -> bool:
    """A word with tanween fath (``مخاطباً``): an adverbial accusative, not a name."""
    word = text[tok.start : tok.end]
    return not tok.punct and ("\u064b" in word[-2:]) and tok.key not in _ADVERBS


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    para, prev_end = 0, 0
    for start, end in word_spans(text):
        if "\n" in text[prev_end:start]:
            para += 1
        prev_end = end
        word = text[start:end]
        if not is_word_char(word[0]) or word[0] == "\u0640":
            tokens.append(_Token(start, end, word, start, para, word))
            continue
        key = _key(word)
        stem_start = start
        if _behind_conjunction(key):
            key = key[1:]
            stem_start = _after_first_letter(text, start, end)
        if key.endswith("ـ"):
            key = key.rstrip("ـ")
        tokens.append(_Token(start, end, key, stem_start, para, ""))
    return tokens


def _behind_conjunction(key: str) -> bool:
    """``وقال``, ``فأضاف``, ``وبحسب``: a cue behind و/ف (``وفقا`` is a word of its own)."""
    if key[:1] not in ("و", "ف") or key in _ALL_CUES or key in _ATTRIBUTIONS:
        return False
    rest = key[1:]
    return rest in _ALL_CUES or rest in _NOUN_CUES or rest in _ATTRIBUTIONS


def _after_first_letter(text: str, start: int, end: int) -> int:
    """Past the first letter and its marks (harakat, tatweel): where the stem starts."""
    k = start + 1
    while k < end and (text[k] == "\u0640" or not text[k].isalpha()):
        k += 1
    return k


def texts_of(text: str, suggestions: Iterable[Suggestion]) -> list[tuple[str, str, str, str]]:
    """(kind, cue, speaker, content) texts of quote suggestions: for reports and tests."""
    rows = []
    for s in suggestions:
        q = s.proposal
        assert isinstance(q, Quote)
        cue = text[q.cue.start : q.cue.end] if q.cue else ""
        speaker = text[q.speaker.start : q.speaker.end] if isinstance(q.speaker, Span) else ""
        rows.append((q.kind, cue, speaker, text[q.content.start : q.content.end]))
    return rows
