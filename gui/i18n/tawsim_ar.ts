<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>AcceptAllDialog</name>
    <message>
        <location filename="../assist.py" line="159"/>
        <source>Accept suggestions</source>
        <translation>قبول الاقتراحات</translation>
    </message>
    <message>
        <location filename="../assist.py" line="175"/>
        <source>Accept every open suggestion of this document</source>
        <translation>قبول كل اقتراح مفتوح في هذا المستند</translation>
    </message>
    <message>
        <location filename="../assist.py" line="176"/>
        <source>Source:</source>
        <translation>المصدر:</translation>
    </message>
    <message>
        <location filename="../assist.py" line="177"/>
        <source>Lowest score:</source>
        <translation>أدنى درجة:</translation>
    </message>
</context>
<context>
    <name>AgreementDialog</name>
    <message>
        <location filename="../curation.py" line="216"/>
        <source>Agreement report</source>
        <translation>تقرير الاتفاق</translation>
    </message>
    <message>
        <location filename="../curation.py" line="222"/>
        <source>Annotators</source>
        <translation>المُوسِّمون</translation>
    </message>
    <message>
        <location filename="../curation.py" line="223"/>
        <source>Entity F1 (exact)</source>
        <translation>F1 الكيانات (تطابق تام)</translation>
    </message>
    <message>
        <location filename="../curation.py" line="224"/>
        <source>Entity F1 (overlap)</source>
        <translation>F1 الكيانات (تداخل)</translation>
    </message>
    <message>
        <location filename="../curation.py" line="225"/>
        <source>Token kappa</source>
        <translation>كابا الكلمات</translation>
    </message>
    <message>
        <location filename="../curation.py" line="226"/>
        <source>Quote F1</source>
        <translation>F1 الاقتباسات</translation>
    </message>
    <message>
        <location filename="../curation.py" line="227"/>
        <source>Speaker agreement</source>
        <translation>الاتفاق على القائل</translation>
    </message>
    <message>
        <location filename="../curation.py" line="228"/>
        <source>Stance kappa</source>
        <translation>كابا المواقف</translation>
    </message>
    <message>
        <location filename="../curation.py" line="246"/>
        <source>All pairs (mean)</source>
        <translation>كل الأزواج (المتوسط)</translation>
    </message>
    <message>
        <location filename="../curation.py" line="264"/>
        <source>{0} documents; stance alpha (Krippendorff) {1} over {2} units</source>
        <translation>المستندات: {0}؛ ألفا كريبندورف للمواقف {1} على {2} من الوحدات</translation>
    </message>
</context>
<context>
    <name>AnnotationPanelWidget</name>
    <message>
        <location filename="../panels.py" line="386"/>
        <source>Entities ({0})</source>
        <translation>الكيانات ({0})</translation>
    </message>
    <message>
        <location filename="../panels.py" line="387"/>
        <source>Quotes ({0})</source>
        <translation>الاقتباسات ({0})</translation>
    </message>
    <message>
        <location filename="../panels.py" line="388"/>
        <source>Stances ({0})</source>
        <translation>المواقف ({0})</translation>
    </message>
</context>
<context>
    <name>AnnotationSession</name>
    <message>
        <location filename="../session.py" line="713"/>
        <source>Not changed: {0} was deleted in another window.</source>
        <translation>لم يُغيَّر شيء: {0} حُذف في نافذة أخرى.</translation>
    </message>
    <message>
        <location filename="../session.py" line="715"/>
        <source>Not changed: {0} was added in another window.</source>
        <translation>لم يُغيَّر شيء: {0} أُضيف في نافذة أخرى.</translation>
    </message>
    <message>
        <location filename="../session.py" line="717"/>
        <source>Not changed: {0} was relabelled to {1} in another window.</source>
        <translation>لم يُغيَّر شيء: {0} غُيِّر وسمه إلى {1} في نافذة أخرى.</translation>
    </message>
    <message>
        <location filename="../session.py" line="720"/>
        <source>Not changed: {0} was changed in another window.</source>
        <translation>لم يُغيَّر شيء: {0} عُدِّل في نافذة أخرى.</translation>
    </message>
    <message>
        <location filename="../session.py" line="721"/>
        <source>Not changed: another window changed this annotation meanwhile.</source>
        <translation>لم يُغيَّر شيء: عدّلت نافذة أخرى هذا الوسم في الأثناء.</translation>
    </message>
    <message>
        <location filename="../session.py" line="727"/>
        <source>this annotation</source>
        <translation>هذا الوسم</translation>
    </message>
    <message>
        <location filename="../session.py" line="736"/>
        <source>this entity</source>
        <translation>هذا الكيان</translation>
    </message>
    <message>
        <location filename="../session.py" line="737"/>
        <source>this quote</source>
        <translation>هذا الاقتباس</translation>
    </message>
    <message>
        <location filename="../session.py" line="738"/>
        <source>this stance</source>
        <translation>هذا الموقف</translation>
    </message>
    <message>
        <location filename="../session.py" line="209"/>
        <source>The annotator needs a name.</source>
        <translation>يحتاج المُوسِّم إلى اسم.</translation>
    </message>
    <message>
        <location filename="../session.py" line="545"/>
        <source>Unknown label {0}.</source>
        <translation>وسم غير معروف: {0}.</translation>
    </message>
    <message>
        <location filename="../session.py" line="549"/>
        <source>Select some words first.</source>
        <translation>حدِّد بعض الكلمات أولًا.</translation>
    </message>
    <message>
        <location filename="../session.py" line="559"/>
        <source>Tag {0}</source>
        <translation>وسم {0}</translation>
    </message>
    <message>
        <location filename="../session.py" line="556"/>
        <location filename="../session.py" line="570"/>
        <source>Relabel as {0}</source>
        <translation>تغيير الوسم إلى {0}</translation>
    </message>
    <message>
        <location filename="../session.py" line="577"/>
        <source>Edit annotation</source>
        <translation>تعديل التوسيم</translation>
    </message>
    <message>
        <location filename="../session.py" line="592"/>
        <source>Delete annotation</source>
        <translation>حذف التوسيم</translation>
    </message>
    <message>
        <location filename="../session.py" line="606"/>
        <source>Add quote</source>
        <translation>إضافة اقتباس</translation>
    </message>
    <message>
        <location filename="../session.py" line="631"/>
        <source>Add stance</source>
        <translation>إضافة موقف</translation>
    </message>
</context>
<context>
    <name>AnnotationTableModel</name>
    <message>
        <location filename="../models.py" line="635"/>
        <source>; </source>
        <translation>؛ </translation>
    </message>
    <message>
        <location filename="../models.py" line="619"/>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <location filename="../models.py" line="619"/>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <location filename="../models.py" line="619"/>
        <source>Details</source>
        <translation>التفاصيل</translation>
    </message>
    <message>
        <location filename="../models.py" line="632"/>
        <source>speaker: {0}</source>
        <translation>المتكلم: {0}</translation>
    </message>
    <message>
        <location filename="../models.py" line="634"/>
        <source>cue: {0}</source>
        <translation>فعل القول: {0}</translation>
    </message>
</context>
<context>
    <name>AnnotatorDialog</name>
    <message>
        <location filename="../window.py" line="122"/>
        <source>Annotator</source>
        <translation>المُوسِّم</translation>
    </message>
    <message>
        <location filename="../window.py" line="123"/>
        <source>Your name (it is stored with every label you make):</source>
        <translation>اسمك (يُحفظ مع كل وسم تضعه):</translation>
    </message>
</context>
<context>
    <name>ArticleViewWidget</name>
    <message>
        <location filename="../article.py" line="717"/>
        <source>{0} ({1}) — by {2}</source>
        <translation>{0} ({1}) — بواسطة {2}</translation>
    </message>
    <message>
        <location filename="../article.py" line="721"/>
        <source>Cue of a quote</source>
        <translation>فعل قول لاقتباس</translation>
    </message>
    <message>
        <location filename="../article.py" line="721"/>
        <source>Quote</source>
        <translation>اقتباس</translation>
    </message>
    <message>
        <location filename="../article.py" line="723"/>
        <source>{0}, {1}; speaker: {2} — by {3}</source>
        <translation>{0}، {1}؛ المتكلم: {2} — بواسطة {3}</translation>
    </message>
    <message>
        <location filename="../article.py" line="728"/>
        <source>Stance evidence, {0}: {1} → {2} — by {3}</source>
        <translation>دليل موقف، {0}: {1} ← {2} — بواسطة {3}</translation>
    </message>
</context>
<context>
    <name>Assistant</name>
    <message>
        <location filename="../assist.py" line="264"/>
        <source>S&amp;uggest</source>
        <translation>&amp;اقتراحات</translation>
    </message>
    <message>
        <location filename="../assist.py" line="266"/>
        <source>Word or stem</source>
        <translation>الكلمة أو جذعها</translation>
    </message>
    <message>
        <location filename="../assist.py" line="271"/>
        <source>Switch the selection between the whole word and the word without its proclitics (وبوتين ↔ بوتين)</source>
        <translation>التبديل بين الكلمة كاملة والكلمة دون سوابقها المتصلة (وبوتين ↔ بوتين)</translation>
    </message>
    <message>
        <location filename="../assist.py" line="278"/>
        <source>Next suggestion</source>
        <translation>الاقتراح التالي</translation>
    </message>
    <message>
        <location filename="../assist.py" line="281"/>
        <source>Select the next suggestion (dashed outline) in the article</source>
        <translation>تحديد الاقتراح التالي (الإطار المتقطع) في المقال</translation>
    </message>
    <message>
        <location filename="../assist.py" line="284"/>
        <source>Previous suggestion</source>
        <translation>الاقتراح السابق</translation>
    </message>
    <message>
        <location filename="../assist.py" line="287"/>
        <source>Select the previous suggestion</source>
        <translation>تحديد الاقتراح السابق</translation>
    </message>
    <message>
        <location filename="../assist.py" line="292"/>
        <source>Accept the suggestion under the caret (outside a quote/stance)</source>
        <translation>قبول الاقتراح عند المؤشر (خارج بناء اقتباس أو موقف)</translation>
    </message>
    <message>
        <location filename="../assist.py" line="296"/>
        <source>Reject the suggestion under the caret (no annotation selected)</source>
        <translation>رفض الاقتراح عند المؤشر (دون توسيم محدد)</translation>
    </message>
    <message>
        <location filename="../assist.py" line="299"/>
        <source>Accept this source above the threshold</source>
        <translation>قبول اقتراحات هذا المصدر فوق العتبة</translation>
    </message>
    <message>
        <location filename="../assist.py" line="304"/>
        <source>Accept every suggestion of the source of the one under the caret that scores at least the threshold</source>
        <translation>قبول كل اقتراحات مصدر الاقتراح الذي عند المؤشر التي تبلغ درجتها العتبة أو تزيد</translation>
    </message>
    <message>
        <location filename="../assist.py" line="310"/>
        <source>Accept suggestions…</source>
        <translation>قبول الاقتراحات…</translation>
    </message>
    <message>
        <location filename="../assist.py" line="314"/>
        <source>Annotate all</source>
        <translation>توسيم الكل</translation>
    </message>
    <message>
        <location filename="../assist.py" line="317"/>
        <source>Accept every propagated suggestion of this document</source>
        <translation>قبول كل الاقتراحات المنتشرة في هذا المستند</translation>
    </message>
    <message>
        <location filename="../assist.py" line="322"/>
        <source>Suggest quotes</source>
        <translation>اقتراح الاقتباسات</translation>
    </message>
    <message>
        <location filename="../assist.py" line="326"/>
        <source>Suggest names from the gazetteer</source>
        <translation>اقتراح أسماء من المعجم الجغرافي</translation>
    </message>
    <message>
        <location filename="../assist.py" line="330"/>
        <source>Suggest in new documents (gazetteer and quotes)</source>
        <translation>اقتراحات في المستندات الجديدة (المعجم الجغرافي والاقتباسات)</translation>
    </message>
    <message>
        <location filename="../assist.py" line="336"/>
        <source>Propagate over the whole corpus</source>
        <translation>النشر على المدونة كلها</translation>
    </message>
    <message>
        <location filename="../assist.py" line="339"/>
        <source>Train the CRF now</source>
        <translation>تدريب نموذج CRF الآن</translation>
    </message>
    <message>
        <location filename="../assist.py" line="342"/>
        <source>camel-tools NER on this document</source>
        <translation>تعرّف الكيانات بـ camel-tools على هذا المستند</translation>
    </message>
    <message>
        <location filename="../assist.py" line="493"/>
        <source>Select a word first.</source>
        <translation>حدّد كلمة أولًا.</translation>
    </message>
    <message>
        <location filename="../assist.py" line="499"/>
        <source>This word has no proclitic to leave out.</source>
        <translation>ليس في هذه الكلمة سابقة متصلة تُحذف.</translation>
    </message>
    <message>
        <location filename="../assist.py" line="512"/>
        <location filename="../assist.py" line="604"/>
        <source>No suggestion under the caret (F8 goes to the next one).</source>
        <translation>لا اقتراح عند المؤشر (F8 ينتقل إلى التالي).</translation>
    </message>
    <message>
        <location filename="../assist.py" line="520"/>
        <source>Accept suggestion</source>
        <translation>قبول الاقتراح</translation>
    </message>
    <message>
        <location filename="../assist.py" line="531"/>
        <source>Reject suggestion</source>
        <translation>رفض الاقتراح</translation>
    </message>
    <message>
        <location filename="../assist.py" line="542"/>
        <source>No suggestions left in this document.</source>
        <translation>لم يبقَ اقتراح في هذا المستند.</translation>
    </message>
    <message>
        <location filename="../assist.py" line="551"/>
        <source>No suggestions in this document.</source>
        <translation>لا اقتراحات في هذا المستند.</translation>
    </message>
    <message>
        <location filename="../assist.py" line="577"/>
        <source>Suggestion {0} of {1}: {2} ({3}, score {4:.2f}) — Enter accepts, Backspace rejects</source>
        <translation>الاقتراح {0} من {1}: {2} ({3}، الدرجة {4:.2f}) — Enter للقبول، Backspace للرفض</translation>
    </message>
    <message>
        <location filename="../assist.py" line="593"/>
        <source>gazetteer</source>
        <translation>معجم الأسماء</translation>
    </message>
    <message>
        <location filename="../assist.py" line="594"/>
        <source>quote rules</source>
        <translation>قواعد الاقتباس</translation>
    </message>
    <message>
        <location filename="../assist.py" line="595"/>
        <source>CRF</source>
        <translation>CRF</translation>
    </message>
    <message>
        <location filename="../assist.py" line="621"/>
        <source>No {0} suggestion scores {1:.2f} or more.</source>
        <translation>لا اقتراح من {0} درجته {1:.2f} أو أكثر.</translation>
    </message>
    <message>
        <location filename="../assist.py" line="625"/>
        <source>Accept {0} suggestions</source>
        <translation>قبول {0} اقتراحات</translation>
    </message>
    <message>
        <location filename="../assist.py" line="628"/>
        <source>{0} suggestions accepted (Ctrl+Z undoes them).</source>
        <translation>قُبل {0} اقتراحات (Ctrl+Z يتراجع عنها).</translation>
    </message>
    <message>
        <location filename="../assist.py" line="592"/>
        <location filename="../assist.py" line="894"/>
        <source>propagation</source>
        <translation>النشر</translation>
    </message>
    <message>
        <location filename="../assist.py" line="911"/>
        <source>Propagation stored {0} suggestions in the corpus.</source>
        <translation>خزّن النشر {0} اقتراحات في المدونة.</translation>
    </message>
    <message>
        <location filename="../assist.py" line="921"/>
        <source>The quote rules cannot be loaded: {0}</source>
        <translation>تعذّر تحميل قواعد الاقتباس: {0}</translation>
    </message>
    <message>
        <location filename="../assist.py" line="935"/>
        <source>{0} quote suggestions.</source>
        <translation>{0} اقتراحات اقتباس.</translation>
    </message>
    <message>
        <location filename="../assist.py" line="956"/>
        <source>Gazetteer: {0} suggestions.</source>
        <translation>المعجم الجغرافي: {0} اقتراحات.</translation>
    </message>
    <message>
        <location filename="../assist.py" line="969"/>
        <source>CRF training</source>
        <translation>تدريب CRF</translation>
    </message>
    <message>
        <location filename="../assist.py" line="1012"/>
        <source>Cross-validated by documents, exact spans. The CRF suggests once its precision reaches {0:.2f} over at least {1} entities.</source>
        <translation>تحقق متقاطع حسب المستندات، بمطابقة الامتدادات تماما. يبدأ CRF بالاقتراح حين تبلغ دقته {0:.2f} على {1} كيانا على الأقل.</translation>
    </message>
    <message>
        <location filename="../assist.py" line="1023"/>
        <source>CRF: not trained</source>
        <translation>CRF: غير مدرَّب</translation>
    </message>
    <message>
        <location filename="../assist.py" line="1026"/>
        <source>CRF: {0} entities in {1} documents, too few documents to cross-validate</source>
        <translation>CRF: {0} كيانا في {1} مستندات، المستندات أقل من أن يُتحقق منها تحققا متقاطعا</translation>
    </message>
    <message>
        <location filename="../assist.py" line="1028"/>
        <source>suggesting</source>
        <translation>يقترح</translation>
    </message>
    <message>
        <location filename="../assist.py" line="1028"/>
        <source>not suggesting yet</source>
        <translation>لا يقترح بعد</translation>
    </message>
    <message>
        <location filename="../assist.py" line="1030"/>
        <source>CRF ({0}-fold, {1} entities): precision {2:.2f}, recall {3:.2f}, F1 {4:.2f}, {5}</source>
        <translation>CRF ({0} طيات، {1} كيانا): الدقة {2:.2f}، الاستدعاء {3:.2f}، F1 {4:.2f}، {5}</translation>
    </message>
    <message>
        <location filename="../assist.py" line="596"/>
        <location filename="../assist.py" line="1048"/>
        <source>camel-tools NER</source>
        <translation>تعرّف الكيانات بـ camel-tools</translation>
    </message>
    <message>
        <location filename="../assist.py" line="1069"/>
        <source>camel-tools NER: {0} suggestions.</source>
        <translation>تعرّف الكيانات بـ camel-tools: {0} اقتراحات.</translation>
    </message>
</context>
<context>
    <name>CorpusPanelWidget</name>
    <message>
        <location filename="../panels.py" line="76"/>
        <source>Search (Ctrl+F)</source>
        <translation>بحث (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../panels.py" line="80"/>
        <source>All statuses</source>
        <translation>كل الحالات</translation>
    </message>
    <message>
        <location filename="../panels.py" line="82"/>
        <source>To do</source>
        <translation>للإنجاز</translation>
    </message>
    <message>
        <location filename="../panels.py" line="83"/>
        <source>In progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <location filename="../panels.py" line="84"/>
        <source>Done</source>
        <translation>مُنجَز</translation>
    </message>
    <message>
        <location filename="../panels.py" line="85"/>
        <source>Skipped</source>
        <translation>متروك</translation>
    </message>
    <message>
        <location filename="../panels.py" line="177"/>
        <source>{0} of {1} done</source>
        <translation>أُنجز {0} من {1}</translation>
    </message>
</context>
<context>
    <name>CurationDialog</name>
    <message>
        <location filename="../curation.py" line="55"/>
        <source>Curation</source>
        <translation>التحكيم</translation>
    </message>
    <message>
        <location filename="../curation.py" line="67"/>
        <source>Accept into gold (A)</source>
        <translation>قبول في المرجع الذهبي (A)</translation>
    </message>
    <message>
        <location filename="../curation.py" line="68"/>
        <source>Reject (R)</source>
        <translation>رفض (R)</translation>
    </message>
    <message>
        <location filename="../curation.py" line="69"/>
        <source>Accept all unanimous (U)</source>
        <translation>قبول كل ما أُجمع عليه (U)</translation>
    </message>
    <message>
        <location filename="../curation.py" line="108"/>
        <source>Layer</source>
        <translation>الطبقة</translation>
    </message>
    <message>
        <location filename="../curation.py" line="108"/>
        <source>Agreement</source>
        <translation>الاتفاق</translation>
    </message>
    <message>
        <location filename="../curation.py" line="108"/>
        <source>Gold</source>
        <translation>المرجع الذهبي</translation>
    </message>
    <message>
        <location filename="../curation.py" line="112"/>
        <source>entity</source>
        <translation>كيان</translation>
    </message>
    <message>
        <location filename="../curation.py" line="113"/>
        <source>quote</source>
        <translation>اقتباس</translation>
    </message>
    <message>
        <location filename="../curation.py" line="114"/>
        <source>stance</source>
        <translation>موقف</translation>
    </message>
    <message>
        <location filename="../curation.py" line="117"/>
        <source>unanimous</source>
        <translation>بالإجماع</translation>
    </message>
    <message>
        <location filename="../curation.py" line="117"/>
        <source>disagreement</source>
        <translation>خلاف</translation>
    </message>
    <message>
        <location filename="../curation.py" line="139"/>
        <source>accepted: {0}</source>
        <translation>مقبول: {0}</translation>
    </message>
    <message>
        <location filename="../curation.py" line="141"/>
        <source>accepted (edited)</source>
        <translation>مقبول (معدَّل)</translation>
    </message>
    <message>
        <location filename="../curation.py" line="143"/>
        <source>rejected</source>
        <translation>مرفوض</translation>
    </message>
    <message>
        <location filename="../curation.py" line="144"/>
        <source>open</source>
        <translation>مفتوح</translation>
    </message>
    <message>
        <location filename="../curation.py" line="150"/>
        <source>{0} items, {1} disagreements, {2} still open</source>
        <translation>العناصر: {0}، الخلافات: {1}، ما زال مفتوحًا: {2}</translation>
    </message>
    <message>
        <location filename="../curation.py" line="197"/>
        <source>{0} unanimous items accepted into gold</source>
        <translation>قُبل في المرجع الذهبي ما أُجمع عليه: {0}</translation>
    </message>
</context>
<context>
    <name>DocumentListModel</name>
    <message>
        <location filename="../models.py" line="113"/>
        <source>to do</source>
        <translation>للإنجاز</translation>
    </message>
    <message>
        <location filename="../models.py" line="114"/>
        <source>in progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <location filename="../models.py" line="115"/>
        <source>done</source>
        <translation>مُنجَز</translation>
    </message>
    <message>
        <location filename="../models.py" line="116"/>
        <source>skipped</source>
        <translation>متروك</translation>
    </message>
    <message>
        <location filename="../models.py" line="291"/>
        <source>(untitled)</source>
        <translation>(بلا عنوان)</translation>
    </message>
    <message>
        <location filename="../models.py" line="318"/>
        <source>No.</source>
        <translation>رقم</translation>
    </message>
    <message>
        <location filename="../models.py" line="318"/>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <location filename="../models.py" line="318"/>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../dialogs.py" line="377"/>
        <location filename="../dialogs.py" line="473"/>
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="386"/>
        <source>every layer, with exact spans</source>
        <translation>كل الطبقات، بمقاطع دقيقة</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="387"/>
        <source>BIO tokens for a token classifier</source>
        <translation>كلمات بوسوم BIO لمصنِّف كلمات</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="388"/>
        <source>a folder of .txt and .ann files</source>
        <translation>مجلد من ملفات ‎.txt و‎.ann</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="389"/>
        <source>tables for Hugging Face datasets</source>
        <translation>جداول لمكتبة Hugging Face datasets</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="400"/>
        <source>Choose…</source>
        <translation>اختيار…</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="408"/>
        <source>All annotators</source>
        <translation>كل المُوسِّمين</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="412"/>
        <source>Only documents marked done</source>
        <translation>المستندات المُنجَزة فقط</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="413"/>
        <source>Every document, whatever its status</source>
        <translation>كل المستندات، أيًّا كانت حالتها</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="416"/>
        <source>Entities</source>
        <translation>الكيانات</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="417"/>
        <source>Quotes</source>
        <translation>الاقتباسات</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="418"/>
        <source>Stances</source>
        <translation>المواقف</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="429"/>
        <source>Split into train, dev and test</source>
        <translation>التقسيم إلى تدريب وتطوير واختبار</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="438"/>
        <source>Train</source>
        <translation>تدريب</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="438"/>
        <source>Dev</source>
        <translation>تطوير</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="438"/>
        <source>Test</source>
        <translation>اختبار</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="449"/>
        <source>Seed</source>
        <translation>البذرة</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="460"/>
        <source>Schema labels</source>
        <translation>وسوم المخطط</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="461"/>
        <source>ANERcorp (PERS, ORG, LOC, MISC)</source>
        <translation>وسوم ANERcorp:‏ PERS وORG وLOC وMISC</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="466"/>
        <source>The entity labels written by CoNLL and Parquet exports</source>
        <translation>وسوم الكيانات التي يكتبها تصدير CoNLL وParquet</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="478"/>
        <source>Format:</source>
        <translation>الصيغة:</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="480"/>
        <source>Annotator:</source>
        <translation>المُوسِّم:</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="481"/>
        <source>Documents:</source>
        <translation>المستندات:</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="482"/>
        <source>Layers:</source>
        <translation>الطبقات:</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="485"/>
        <source>Tag set:</source>
        <translation>مجموعة الوسوم:</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="530"/>
        <source>Choose the folder to write.</source>
        <translation>اختر المجلد الذي يُكتب فيه.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="532"/>
        <source>Choose the file to write.</source>
        <translation>اختر الملف الذي يُكتب.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="598"/>
        <source>The {0} format cannot hold this layer</source>
        <translation>لا تتسع صيغة {0} لهذه الطبقة</translation>
    </message>
    <message>
        <source>Tick at least one layer.</source>
        <translation type="vanished">اختر طبقة واحدة على الأقل.</translation>
    </message>
    <message>
        <source>Train, dev and test must add up to 100% (now {0}%).</source>
        <translation type="vanished">يجب أن يكون مجموع التدريب والتطوير والاختبار ‎100%‎ (الآن ‎{0}%‎).</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="578"/>
        <source>Folder:</source>
        <translation>المجلد:</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="578"/>
        <source>File:</source>
        <translation>الملف:</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="610"/>
        <source>Folder to export to</source>
        <translation>المجلد الذي يُصدَّر إليه</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="612"/>
        <source>File to export to</source>
        <translation>الملف الذي يُصدَّر إليه</translation>
    </message>
</context>
<context>
    <name>FlowBarWidget</name>
    <message>
        <location filename="../panels.py" line="644"/>
        <source>Topic, then Enter</source>
        <translation>الموضوع، ثم Enter</translation>
    </message>
    <message>
        <location filename="../panels.py" line="648"/>
        <source>Enter: take selection / skip</source>
        <translation>Enter: خذ التحديد / تخطَّ</translation>
    </message>
    <message>
        <location filename="../panels.py" line="649"/>
        <source>Cancel (Esc)</source>
        <translation>إلغاء (Esc)</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../dialogs.py" line="120"/>
        <location filename="../dialogs.py" line="191"/>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="129"/>
        <source>Add files…</source>
        <translation>إضافة ملفات…</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="131"/>
        <source>Add folder…</source>
        <translation>إضافة مجلد…</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="133"/>
        <source>Remove</source>
        <translation>إزالة</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="155"/>
        <source>Schema labels (PER, ORG, GPE, LOC, EVENT, MISC)</source>
        <translation>وسوم المخطط:‏ PER وORG وGPE وLOC وEVENT وMISC</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="156"/>
        <source>ANERcorp (PERS, ORG, LOC, MISC)</source>
        <translation>وسوم ANERcorp:‏ PERS وORG وLOC وMISC</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="161"/>
        <source>One a line, e.g.
PERSON=PER</source>
        <translation>واحد في كل سطر، مثلًا:
PERSON=PER</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="165"/>
        <source>Detect</source>
        <translation>اكتشاف تلقائي</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="166"/>
        <source>Code points</source>
        <translation>نقاط ترميز</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="167"/>
        <source>UTF-16 code units</source>
        <translation>وحدات ترميز UTF-16</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="169"/>
        <source>Label Studio and INCEpTION count offsets in UTF-16 in some versions</source>
        <translation>بعض إصدارات Label Studio وINCEpTION تعُدّ المواضع بوحدات UTF-16</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="171"/>
        <source>Labels in the files</source>
        <translation>الوسوم في الملفات</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="173"/>
        <source>Annotator:</source>
        <translation>المُوسِّم:</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="174"/>
        <source>Tag set:</source>
        <translation>مجموعة الوسوم:</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="175"/>
        <source>Label mapping (SRC=DST):</source>
        <translation>مطابقة الوسوم (المصدر=الهدف):</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="176"/>
        <source>Offsets:</source>
        <translation>المواضع:</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="179"/>
        <source>The labels are stored as this annotator&apos;s work, marked done. A label that is neither in the schema nor mapped is reported, and the rest still goes in.</source>
        <translation>تُحفظ الوسوم عملًا لهذا المُوسِّم، مُعلَّمة مُنجَزة. والوسم الذي ليس في المخطط ولا مطابقة له يُبلَّغ عنه، ويُستورد الباقي.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="196"/>
        <source>Format:</source>
        <translation>الصيغة:</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="198"/>
        <source>Files and folders:</source>
        <translation>الملفات والمجلدات:</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="212"/>
        <source>auto — by file ending (.txt, .jsonl, .csv)</source>
        <translation>auto — حسب امتداد الملف: ‎.txt و‎.jsonl و‎.csv</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="213"/>
        <source>plain text, one document a file</source>
        <translation>نص خام، مستند في كل ملف</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="214"/>
        <source>JSON lines, one document a line</source>
        <translation>أسطر JSON، مستند في كل سطر</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="215"/>
        <source>CSV, one document a row</source>
        <translation>CSV، مستند في كل صف</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="216"/>
        <source>tagged tokens, BIO (ANERcorp, Wojood…)</source>
        <translation>كلمات موسومة بـBIO، مثل ANERcorp وWojood</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="217"/>
        <source>brat standoff (.txt + .ann)</source>
        <translation>ملفات brat المنفصلة ‎.txt و‎.ann</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="218"/>
        <source>Tawsim&apos;s own JSONL export</source>
        <translation>تصدير JSONL الخاص بتوسيم</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="219"/>
        <source>doccano JSONL</source>
        <translation>JSONL من doccano</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="220"/>
        <source>Label Studio JSON export</source>
        <translation>تصدير JSON من Label Studio</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="254"/>
        <source>Add at least one file or folder.</source>
        <translation>أضف ملفًا أو مجلدًا واحدًا على الأقل.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="258"/>
        <source>Name the annotator the labels belong to.</source>
        <translation>اكتب اسم المُوسِّم الذي تعود إليه الوسوم.</translation>
    </message>
    <message>
        <source>Line {0} of the label mapping is not SRC=DST.</source>
        <translation type="vanished">السطر {0} من مطابقة الوسوم ليس على صورة المصدر=الهدف (SRC=DST).</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="332"/>
        <source>{0} files ({1});;All files (*)</source>
        <translation>ملفات {0} ({1});;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="338"/>
        <source>Files to import</source>
        <translation>الملفات المراد استيرادها</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="345"/>
        <source>Folder to import</source>
        <translation>المجلد المراد استيراده</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../window.py" line="532"/>
        <source>Curate into gold…</source>
        <translation>التحكيم في المرجع الذهبي…</translation>
    </message>
    <message>
        <location filename="../window.py" line="535"/>
        <source>Agreement report…</source>
        <translation>تقرير الاتفاق…</translation>
    </message>
    <message>
        <location filename="../window.py" line="1140"/>
        <source>Open a document to curate it.</source>
        <translation>افتح مستندًا لتحكيمه.</translation>
    </message>
    <message>
        <location filename="../window.py" line="250"/>
        <source>Tawsim — Arabic news annotation</source>
        <translation>توسيم — توسيم الأخبار العربية</translation>
    </message>
    <message>
        <location filename="../window.py" line="292"/>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <location filename="../window.py" line="294"/>
        <source>Import…</source>
        <translation>استيراد…</translation>
    </message>
    <message>
        <location filename="../window.py" line="298"/>
        <source>Import documents, or labelled data (CoNLL, brat, doccano, Label Studio)</source>
        <translation>استيراد مستندات، أو بيانات موسومة: CoNLL وbrat وdoccano وLabel Studio</translation>
    </message>
    <message>
        <location filename="../window.py" line="303"/>
        <source>Export…</source>
        <translation>تصدير…</translation>
    </message>
    <message>
        <location filename="../window.py" line="306"/>
        <source>Export training data (JSONL, CoNLL, brat, Parquet)</source>
        <translation>تصدير بيانات التدريب: JSONL وCoNLL وbrat وParquet</translation>
    </message>
    <message>
        <location filename="../window.py" line="310"/>
        <source>Quit</source>
        <translation>خروج</translation>
    </message>
    <message>
        <location filename="../window.py" line="312"/>
        <source>&amp;Edit</source>
        <translation>&amp;تحرير</translation>
    </message>
    <message>
        <location filename="../window.py" line="313"/>
        <source>Undo</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <location filename="../window.py" line="315"/>
        <location filename="../window.py" line="320"/>
        <source>Redo</source>
        <translation>إعادة</translation>
    </message>
    <message>
        <location filename="../window.py" line="319"/>
        <source>Undo the last edit of this document</source>
        <translation>التراجع عن آخر تعديل في هذا المستند</translation>
    </message>
    <message>
        <location filename="../window.py" line="325"/>
        <source>&amp;Tag</source>
        <translation>&amp;توسيم</translation>
    </message>
    <message>
        <location filename="../window.py" line="332"/>
        <source>Tag as {0}</source>
        <translation>وسم كـ{0}</translation>
    </message>
    <message>
        <location filename="../window.py" line="336"/>
        <source>Tag the selected words as {0} ({1}); with an annotation selected, change its label</source>
        <translation>وسم الكلمات المحددة كـ{0} ({1})؛ وإن كان توسيم محددًا فغيِّر وسمه</translation>
    </message>
    <message>
        <location filename="../window.py" line="341"/>
        <source>Tag exact characters as {0}</source>
        <translation>وسم الحروف المحددة بالضبط كـ{0}</translation>
    </message>
    <message>
        <location filename="../window.py" line="345"/>
        <source>Tag exactly the selected characters as {0} (no snapping to words)</source>
        <translation>وسم الحروف المحددة بالضبط كـ{0} (دون التوسع إلى كلمات كاملة)</translation>
    </message>
    <message>
        <location filename="../window.py" line="352"/>
        <source>Quote…</source>
        <translation>اقتباس…</translation>
    </message>
    <message>
        <location filename="../window.py" line="355"/>
        <source>Start a quote: its content is the selected words</source>
        <translation>بدء اقتباس: محتواه الكلمات المحددة</translation>
    </message>
    <message>
        <location filename="../window.py" line="358"/>
        <source>Quote (exact characters)</source>
        <translation>اقتباس (الحروف بالضبط)</translation>
    </message>
    <message>
        <location filename="../window.py" line="363"/>
        <source>Stance…</source>
        <translation>موقف…</translation>
    </message>
    <message>
        <location filename="../window.py" line="366"/>
        <source>Start a stance: the selected words, if any, are its evidence</source>
        <translation>بدء موقف: الكلمات المحددة، إن وُجدت، دليله</translation>
    </message>
    <message>
        <location filename="../window.py" line="369"/>
        <source>Stance (exact characters)</source>
        <translation>موقف (الحروف بالضبط)</translation>
    </message>
    <message>
        <location filename="../window.py" line="376"/>
        <source>Take selection</source>
        <translation>خذ التحديد</translation>
    </message>
    <message>
        <location filename="../window.py" line="381"/>
        <source>Quote/stance: use the selected words for the part asked for (nothing selected: skip it)</source>
        <translation>اقتباس/موقف: استعمل الكلمات المحددة للجزء المطلوب (بلا تحديد: تخطَّه)</translation>
    </message>
    <message>
        <location filename="../window.py" line="386"/>
        <source>Take exact selection</source>
        <translation>خذ التحديد بالضبط</translation>
    </message>
    <message>
        <location filename="../window.py" line="390"/>
        <source>The same, with exactly the selected characters</source>
        <translation>مثله، بالحروف المحددة بالضبط</translation>
    </message>
    <message>
        <location filename="../window.py" line="393"/>
        <source>Typed topic</source>
        <translation>موضوع مكتوب</translation>
    </message>
    <message>
        <location filename="../window.py" line="396"/>
        <source>Stance target: type a topic that is not in the text</source>
        <translation>هدف الموقف: اكتب موضوعًا غير وارد في النص</translation>
    </message>
    <message>
        <location filename="../window.py" line="413"/>
        <source>quote: {0}</source>
        <translation>اقتباس: {0}</translation>
    </message>
    <message>
        <location filename="../window.py" line="413"/>
        <source>stance: {0}</source>
        <translation>موقف: {0}</translation>
    </message>
    <message>
        <location filename="../window.py" line="419"/>
        <source>Choose {0}</source>
        <translation>اختر {0}</translation>
    </message>
    <message>
        <location filename="../window.py" line="423"/>
        <source>Finish the quote or stance as {0}, or change the selected one&apos;s kind or polarity</source>
        <translation>إنهاء الاقتباس أو الموقف كـ{0}، أو تغيير نوع المحدد أو قطبيته</translation>
    </message>
    <message>
        <location filename="../window.py" line="428"/>
        <source>Delete annotation</source>
        <translation>حذف التوسيم</translation>
    </message>
    <message>
        <location filename="../window.py" line="431"/>
        <source>Delete the selected annotation</source>
        <translation>حذف التوسيم المحدد</translation>
    </message>
    <message>
        <location filename="../window.py" line="435"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../window.py" line="438"/>
        <source>Cancel the quote/stance being built, or deselect</source>
        <translation>إلغاء الاقتباس/الموقف الجاري، أو إلغاء التحديد</translation>
    </message>
    <message>
        <location filename="../window.py" line="441"/>
        <source>&amp;Document</source>
        <translation>&amp;مستند</translation>
    </message>
    <message>
        <location filename="../window.py" line="444"/>
        <source>Next document</source>
        <translation>المستند التالي</translation>
    </message>
    <message>
        <location filename="../window.py" line="451"/>
        <source>Previous document</source>
        <translation>المستند السابق</translation>
    </message>
    <message>
        <location filename="../window.py" line="458"/>
        <source>Mark done and go to the next</source>
        <translation>عُدَّه مُنجَزًا وانتقل إلى التالي</translation>
    </message>
    <message>
        <location filename="../window.py" line="465"/>
        <source>Mark skipped and go to the next</source>
        <translation>اتركه وانتقل إلى التالي</translation>
    </message>
    <message>
        <location filename="../window.py" line="471"/>
        <source>Search documents</source>
        <translation>البحث في المستندات</translation>
    </message>
    <message>
        <location filename="../window.py" line="475"/>
        <source>Next hit</source>
        <translation>الموضع التالي</translation>
    </message>
    <message>
        <location filename="../window.py" line="478"/>
        <source>Select the next place the search words occur in the article</source>
        <translation>تحديد الموضع التالي لكلمات البحث في المقال</translation>
    </message>
    <message>
        <location filename="../window.py" line="483"/>
        <source>Previous hit</source>
        <translation>الموضع السابق</translation>
    </message>
    <message>
        <location filename="../window.py" line="486"/>
        <source>Select the previous place the search words occur</source>
        <translation>تحديد الموضع السابق لكلمات البحث</translation>
    </message>
    <message>
        <location filename="../window.py" line="507"/>
        <source>Show labels</source>
        <translation>إظهار التسميات</translation>
    </message>
    <message>
        <location filename="../window.py" line="1009"/>
        <source>The search words are not in this article.</source>
        <translation>كلمات البحث غير موجودة في هذا المقال.</translation>
    </message>
    <message>
        <location filename="../window.py" line="1011"/>
        <source>Type search words first (Ctrl+F).</source>
        <translation>اكتب كلمات البحث أولًا (Ctrl+F).</translation>
    </message>
    <message>
        <location filename="../window.py" line="1013"/>
        <source>hit {0} of {1}</source>
        <translation>الموضع {0} من {1}</translation>
    </message>
    <message>
        <location filename="../window.py" line="491"/>
        <source>Move between article and lists</source>
        <translation>التنقل بين المقال والقوائم</translation>
    </message>
    <message>
        <location filename="../window.py" line="497"/>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <location filename="../window.py" line="499"/>
        <source>Larger text</source>
        <translation>تكبير النص</translation>
    </message>
    <message>
        <location filename="../window.py" line="502"/>
        <source>Smaller text</source>
        <translation>تصغير النص</translation>
    </message>
    <message>
        <location filename="../window.py" line="505"/>
        <source>Normal text size</source>
        <translation>حجم النص العادي</translation>
    </message>
    <message>
        <location filename="../window.py" line="512"/>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <location filename="../window.py" line="515"/>
        <source>System language</source>
        <translation>لغة النظام</translation>
    </message>
    <message>
        <location filename="../window.py" line="526"/>
        <source>&amp;Annotator</source>
        <translation>&amp;المُوسِّم</translation>
    </message>
    <message>
        <location filename="../window.py" line="527"/>
        <source>Switch annotator…</source>
        <translation>تبديل المُوسِّم…</translation>
    </message>
    <message>
        <location filename="../window.py" line="539"/>
        <source>&amp;Help</source>
        <translation>&amp;مساعدة</translation>
    </message>
    <message>
        <location filename="../window.py" line="541"/>
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <location filename="../window.py" line="545"/>
        <source>Shift+arrows, Ctrl+Shift+arrows</source>
        <translation>Shift+الأسهم، Ctrl+Shift+الأسهم</translation>
    </message>
    <message>
        <location filename="../window.py" line="546"/>
        <source>Select characters, words (in the article)</source>
        <translation>تحديد حروف أو كلمات (في المقال)</translation>
    </message>
    <message>
        <location filename="../window.py" line="549"/>
        <source>Click a mark</source>
        <translation>النقر على علامة</translation>
    </message>
    <message>
        <location filename="../window.py" line="550"/>
        <source>Select that annotation; in a quote/stance, pick that entity</source>
        <translation>تحديد ذلك التوسيم؛ وأثناء اقتباس/موقف: اختيار ذلك الكيان</translation>
    </message>
    <message>
        <location filename="../window.py" line="552"/>
        <source>Hover a mark</source>
        <translation>المرور فوق علامة</translation>
    </message>
    <message>
        <location filename="../window.py" line="552"/>
        <source>Show its label and annotator</source>
        <translation>إظهار وسمها ومُوسِّمها</translation>
    </message>
    <message>
        <location filename="../window.py" line="553"/>
        <source>Edit the label or topic of a row in place</source>
        <translation>تعديل وسم سطر أو موضوعه في مكانه</translation>
    </message>
    <message>
        <location filename="../window.py" line="660"/>
        <source>{0} — Tawsim</source>
        <translation>{0} — توسيم</translation>
    </message>
    <message>
        <location filename="../window.py" line="752"/>
        <source>Annotator: {0}</source>
        <translation>المُوسِّم: {0}</translation>
    </message>
    <message>
        <location filename="../window.py" line="756"/>
        <source>to do</source>
        <translation>للإنجاز</translation>
    </message>
    <message>
        <location filename="../window.py" line="757"/>
        <source>in progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <location filename="../window.py" line="758"/>
        <source>done</source>
        <translation>مُنجَز</translation>
    </message>
    <message>
        <location filename="../window.py" line="759"/>
        <source>skipped</source>
        <translation>متروك</translation>
    </message>
    <message>
        <location filename="../window.py" line="762"/>
        <source>Document: {0}</source>
        <translation>المستند: {0}</translation>
    </message>
    <message>
        <location filename="../window.py" line="823"/>
        <source>Edit topic</source>
        <translation>تعديل الموضوع</translation>
    </message>
    <message>
        <location filename="../window.py" line="836"/>
        <source>Quote — speaker: click an entity, or select the words and press Enter (Enter alone: no speaker). A kind key finishes.</source>
        <translation>اقتباس — المتكلم: انقر كيانًا، أو حدِّد الكلمات واضغط Enter (‏Enter وحده: بلا متكلم). مفتاح النوع يُنهي.</translation>
    </message>
    <message>
        <location filename="../window.py" line="840"/>
        <source>Quote — cue verb: select it and press Enter (Enter alone: none). A kind key finishes.</source>
        <translation>اقتباس — فعل القول: حدِّده واضغط Enter (‏Enter وحده: بلا فعل). مفتاح النوع يُنهي.</translation>
    </message>
    <message>
        <location filename="../window.py" line="843"/>
        <source>Quote — kind: press a kind key to store it.</source>
        <translation>اقتباس — النوع: اضغط مفتاح النوع لحفظه.</translation>
    </message>
    <message>
        <location filename="../window.py" line="845"/>
        <source>Stance — holder: click an entity, or select the words and press Enter.</source>
        <translation>موقف — صاحبه: انقر كيانًا، أو حدِّد الكلمات واضغط Enter.</translation>
    </message>
    <message>
        <location filename="../window.py" line="848"/>
        <source>Stance — target: click an entity, select words and press Enter, or press T to type a topic.</source>
        <translation>موقف — الهدف: انقر كيانًا، أو حدِّد كلمات واضغط Enter، أو اضغط T لكتابة موضوع.</translation>
    </message>
    <message>
        <location filename="../window.py" line="851"/>
        <source>Stance — polarity: press a polarity key to store it.</source>
        <translation>موقف — القطبية: اضغط مفتاح القطبية لحفظه.</translation>
    </message>
    <message>
        <location filename="../window.py" line="919"/>
        <source>Select some words first.</source>
        <translation>حدِّد بعض الكلمات أولًا.</translation>
    </message>
    <message>
        <location filename="../window.py" line="932"/>
        <source>That key does not fit this step.</source>
        <translation>هذا المفتاح لا يناسب هذه الخطوة.</translation>
    </message>
    <message>
        <location filename="../window.py" line="1054"/>
        <source>This is the last document.</source>
        <translation>هذا آخر مستند.</translation>
    </message>
    <message>
        <location filename="../window.py" line="1056"/>
        <source>This is the first document.</source>
        <translation>هذا أول مستند.</translation>
    </message>
    <message>
        <location filename="../window.py" line="1127"/>
        <source>The language can be switched once the work in the background is done.</source>
        <translation>يمكن تبديل اللغة بعد انتهاء العمل الجاري في الخلفية.</translation>
    </message>
    <message>
        <location filename="../window.py" line="1259"/>
        <source>re-indexing the search</source>
        <translation>إعادة فهرسة البحث</translation>
    </message>
    <message>
        <location filename="../window.py" line="1270"/>
        <source>Search index rebuilt compactly ({0} documents).</source>
        <translation>أُعيد بناء فهرس البحث بصيغة مضغوطة ({0} مستندات).</translation>
    </message>
    <message>
        <location filename="../window.py" line="1292"/>
        <source>Working… {0} ({1})</source>
        <translation>جارٍ العمل… {0} ({1})</translation>
    </message>
    <message>
        <location filename="../window.py" line="1332"/>
        <source>Tawsim</source>
        <translation>توسيم</translation>
    </message>
</context>
<context>
    <name>NoNameBox</name>
    <message>
        <location filename="../window.py" line="140"/>
        <source>Annotator</source>
        <translation>المُوسِّم</translation>
    </message>
    <message>
        <location filename="../window.py" line="141"/>
        <source>Tawsim cannot save labels until you give your name.</source>
        <translation>لا يستطيع توسيم حفظ الوسوم حتى تعطي اسمك.</translation>
    </message>
    <message>
        <location filename="../window.py" line="144"/>
        <source>Every label is stored with the name of who made it, so Tawsim closes now without changing anything. Start it again to give your name; once it runs, Annotator → Switch annotator… changes the name at any time.</source>
        <translation>يُحفظ كل وسم مع اسم من وضعه، لذا يُغلق توسيم الآن دون أن يغيّر شيئًا. شغّله من جديد لتعطي اسمك؛ وبعد تشغيله يغيّر «المُوسِّم ← تبديل المُوسِّم…» الاسم في أي وقت.</translation>
    </message>
    <message>
        <location filename="../window.py" line="149"/>
        <source>Give a name</source>
        <translation>أعطِ اسمًا</translation>
    </message>
    <message>
        <location filename="../window.py" line="150"/>
        <source>Quit</source>
        <translation>خروج</translation>
    </message>
</context>
<context>
    <name>ReportBox</name>
    <message>
        <location filename="../dialogs.py" line="642"/>
        <source>… and {0} more (see the details).</source>
        <translation>… و{0} غيرها (انظر التفاصيل).</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="660"/>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="662"/>
        <source>Imported {0} documents ({1} already there).</source>
        <translation>استُورد {0} مستندًا ({1} موجود من قبل).</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="666"/>
        <source>{0} annotations for {1}.</source>
        <translation>{0} توسيمًا للمُوسِّم {1}.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="670"/>
        <source>{0} rejected.</source>
        <translation>رُفض {0}.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="676"/>
        <source>{0} broken BIO tags repaired (an I- tag that continues nothing starts an entity).</source>
        <translation>أُصلح {0} من وسوم BIO المكسورة (وسم I- لا يُكمل شيئًا يبدأ كيانًا).</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="682"/>
        <source>Rejected ({0}):</source>
        <translation>المرفوض ({0}):</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="685"/>
        <location filename="../dialogs.py" line="715"/>
        <source>Notes:</source>
        <translation>ملاحظات:</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="689"/>
        <source>The labels belong to the annotator “{0}”: choose Annotator → Switch annotator… and give that name to see them.</source>
        <translation>الوسوم للمُوسِّم «{0}»: اختر المُوسِّم ← تبديل المُوسِّم… واكتب هذا الاسم لتراها.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="693"/>
        <source>rejected: {0}</source>
        <translation>مرفوض: {0}</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="694"/>
        <location filename="../dialogs.py" line="717"/>
        <source>note: {0}</source>
        <translation>ملاحظة: {0}</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="700"/>
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="702"/>
        <source>Exported {0} documents, {1} annotations.</source>
        <translation>صُدِّر {0} مستندًا و{1} توسيمًا.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="706"/>
        <source>Written:</source>
        <translation>كُتب:</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="710"/>
        <source>{0} annotations left out (the format cannot hold them).</source>
        <translation>تُرك {0} توسيمًا (لا تتسع لها الصيغة).</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="716"/>
        <source>file: {0}</source>
        <translation>ملف: {0}</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../window.py" line="91"/>
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <location filename="../window.py" line="93"/>
        <source>Keys</source>
        <translation>المفاتيح</translation>
    </message>
    <message>
        <location filename="../window.py" line="93"/>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
</context>
<context>
    <name>StoreTask</name>
    <message>
        <location filename="../worker.py" line="87"/>
        <source>Stopped.</source>
        <translation>توقف.</translation>
    </message>
</context>
<context>
    <name>TaggingFlow</name>
    <message>
        <location filename="../flows.py" line="86"/>
        <source>Select the quoted words first, then press Q.</source>
        <translation>حدِّد الكلمات المقتبسة أولًا، ثم اضغط Q.</translation>
    </message>
    <message>
        <location filename="../flows.py" line="115"/>
        <source>Select the holder (or click an entity), then Enter.</source>
        <translation>حدِّد صاحب الموقف (أو انقر كيانًا)، ثم Enter.</translation>
    </message>
    <message>
        <location filename="../flows.py" line="122"/>
        <source>Select the target (or click an entity, or press T for a topic).</source>
        <translation>حدِّد الهدف (أو انقر كيانًا، أو اضغط T لموضوع).</translation>
    </message>
    <message>
        <location filename="../flows.py" line="152"/>
        <source>Type the topic, then Enter.</source>
        <translation>اكتب الموضوع، ثم Enter.</translation>
    </message>
    <message>
        <location filename="../flows.py" line="178"/>
        <source>Pick the holder and the target before the polarity.</source>
        <translation>اختر صاحب الموقف والهدف قبل القطبية.</translation>
    </message>
</context>
</TS>
