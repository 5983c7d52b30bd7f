<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ar">
  <context>
    <name>AnnotationPanelWidget</name>
    <message>
      <source>Entities ({0})</source>
      <translation>الكيانات ({0})</translation>
    </message>
    <message>
      <source>Quotes ({0})</source>
      <translation>الاقتباسات ({0})</translation>
    </message>
    <message>
      <source>Stances ({0})</source>
      <translation>المواقف ({0})</translation>
    </message>
  </context>
  <context>
    <name>AnnotationSession</name>
    <message>
      <source>The annotator needs a name.</source>
      <translation>يحتاج المُوسِّم إلى اسم.</translation>
    </message>
    <message>
      <source>Unknown label {0}.</source>
      <translation>وسم غير معروف: {0}.</translation>
    </message>
    <message>
      <source>Select some words first.</source>
      <translation>حدِّد بعض الكلمات أولًا.</translation>
    </message>
    <message>
      <source>Tag {0}</source>
      <translation>وسم {0}</translation>
    </message>
    <message>
      <source>Relabel as {0}</source>
      <translation>تغيير الوسم إلى {0}</translation>
    </message>
    <message>
      <source>Edit annotation</source>
      <translation>تعديل التوسيم</translation>
    </message>
    <message>
      <source>Delete annotation</source>
      <translation>حذف التوسيم</translation>
    </message>
    <message>
      <source>Add quote</source>
      <translation>إضافة اقتباس</translation>
    </message>
    <message>
      <source>Add stance</source>
      <translation>إضافة موقف</translation>
    </message>
  </context>
  <context>
    <name>AnnotationTableModel</name>
    <message>
      <source>Text</source>
      <translation>النص</translation>
    </message>
    <message>
      <source>Label</source>
      <translation>الوسم</translation>
    </message>
    <message>
      <source>Details</source>
      <translation>التفاصيل</translation>
    </message>
    <message>
      <source>speaker: {0}</source>
      <translation>المتكلم: {0}</translation>
    </message>
    <message>
      <source>cue: {0}</source>
      <translation>فعل القول: {0}</translation>
    </message>
  </context>
  <context>
    <name>AnnotatorDialog</name>
    <message>
      <source>Annotator</source>
      <translation>المُوسِّم</translation>
    </message>
    <message>
      <source>Your name (it is stored with every label you make):</source>
      <translation>اسمك (يُحفظ مع كل وسم تضعه):</translation>
    </message>
  </context>
  <context>
    <name>ArticleViewWidget</name>
    <message>
      <source>{0} ({1}) — by {2}</source>
      <translation>{0} ({1}) — بواسطة {2}</translation>
    </message>
    <message>
      <source>Cue of a quote</source>
      <translation>فعل قول لاقتباس</translation>
    </message>
    <message>
      <source>Quote</source>
      <translation>اقتباس</translation>
    </message>
    <message>
      <source>{0}, {1}; speaker: {2} — by {3}</source>
      <translation>{0}، {1}؛ المتكلم: {2} — بواسطة {3}</translation>
    </message>
    <message>
      <source>Stance evidence, {0}: {1} → {2} — by {3}</source>
      <translation>دليل موقف، {0}: {1} ← {2} — بواسطة {3}</translation>
    </message>
  </context>
  <context>
    <name>CorpusPanelWidget</name>
    <message>
      <source>Search (Ctrl+F)</source>
      <translation>بحث (Ctrl+F)</translation>
    </message>
    <message>
      <source>All statuses</source>
      <translation>كل الحالات</translation>
    </message>
    <message>
      <source>To do</source>
      <translation>للإنجاز</translation>
    </message>
    <message>
      <source>In progress</source>
      <translation>قيد العمل</translation>
    </message>
    <message>
      <source>Done</source>
      <translation>مُنجَز</translation>
    </message>
    <message>
      <source>Skipped</source>
      <translation>متروك</translation>
    </message>
    <message>
      <source>{0} of {1} done</source>
      <translation>أُنجز {0} من {1}</translation>
    </message>
  </context>
  <context>
    <name>DocumentListModel</name>
    <message>
      <source>to do</source>
      <translation>للإنجاز</translation>
    </message>
    <message>
      <source>in progress</source>
      <translation>قيد العمل</translation>
    </message>
    <message>
      <source>done</source>
      <translation>مُنجَز</translation>
    </message>
    <message>
      <source>skipped</source>
      <translation>متروك</translation>
    </message>
    <message>
      <source>(untitled)</source>
      <translation>(بلا عنوان)</translation>
    </message>
    <message>
      <source>No.</source>
      <translation>رقم</translation>
    </message>
    <message>
      <source>Title</source>
      <translation>العنوان</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>الحالة</translation>
    </message>
  </context>
  <context>
    <name>FlowBarWidget</name>
    <message>
      <source>Topic, then Enter</source>
      <translation>الموضوع، ثم Enter</translation>
    </message>
    <message>
      <source>Enter: take selection / skip</source>
      <translation>Enter: خذ التحديد / تخطَّ</translation>
    </message>
    <message>
      <source>Cancel (Esc)</source>
      <translation>إلغاء (Esc)</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Tawsim — Arabic news annotation</source>
      <translation>توسيم — توسيم الأخبار العربية</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>&amp;ملف</translation>
    </message>
    <message>
      <source>Import documents…</source>
      <translation>استيراد مستندات…</translation>
    </message>
    <message>
      <source>Quit</source>
      <translation>خروج</translation>
    </message>
    <message>
      <source>&amp;Edit</source>
      <translation>&amp;تحرير</translation>
    </message>
    <message>
      <source>Undo</source>
      <translation>تراجع</translation>
    </message>
    <message>
      <source>Redo</source>
      <translation>إعادة</translation>
    </message>
    <message>
      <source>Undo the last edit of this document</source>
      <translation>التراجع عن آخر تعديل في هذا المستند</translation>
    </message>
    <message>
      <source>&amp;Tag</source>
      <translation>&amp;توسيم</translation>
    </message>
    <message>
      <source>Tag as {0}</source>
      <translation>وسم كـ{0}</translation>
    </message>
    <message>
      <source>Tag the selected words as {0} ({1}); with an annotation selected, change its label</source>
      <translation>وسم الكلمات المحددة كـ{0} ({1})؛ وإن كان توسيم محددًا فغيِّر وسمه</translation>
    </message>
    <message>
      <source>Tag exact characters as {0}</source>
      <translation>وسم الحروف المحددة بالضبط كـ{0}</translation>
    </message>
    <message>
      <source>Tag exactly the selected characters as {0} (no snapping to words)</source>
      <translation>وسم الحروف المحددة بالضبط كـ{0} (دون التوسع إلى كلمات كاملة)</translation>
    </message>
    <message>
      <source>Quote…</source>
      <translation>اقتباس…</translation>
    </message>
    <message>
      <source>Start a quote: its content is the selected words</source>
      <translation>بدء اقتباس: محتواه الكلمات المحددة</translation>
    </message>
    <message>
      <source>Quote (exact characters)</source>
      <translation>اقتباس (الحروف بالضبط)</translation>
    </message>
    <message>
      <source>Stance…</source>
      <translation>موقف…</translation>
    </message>
    <message>
      <source>Start a stance: the selected words, if any, are its evidence</source>
      <translation>بدء موقف: الكلمات المحددة، إن وُجدت، دليله</translation>
    </message>
    <message>
      <source>Stance (exact characters)</source>
      <translation>موقف (الحروف بالضبط)</translation>
    </message>
    <message>
      <source>Take selection</source>
      <translation>خذ التحديد</translation>
    </message>
    <message>
      <source>Quote/stance: use the selected words for the part asked for (nothing selected: skip it)</source>
      <translation>اقتباس/موقف: استعمل الكلمات المحددة للجزء المطلوب (بلا تحديد: تخطَّه)</translation>
    </message>
    <message>
      <source>Take exact selection</source>
      <translation>خذ التحديد بالضبط</translation>
    </message>
    <message>
      <source>The same, with exactly the selected characters</source>
      <translation>مثله، بالحروف المحددة بالضبط</translation>
    </message>
    <message>
      <source>Typed topic</source>
      <translation>موضوع مكتوب</translation>
    </message>
    <message>
      <source>Stance target: type a topic that is not in the text</source>
      <translation>هدف الموقف: اكتب موضوعًا غير وارد في النص</translation>
    </message>
    <message>
      <source>quote: {0}</source>
      <translation>اقتباس: {0}</translation>
    </message>
    <message>
      <source>stance: {0}</source>
      <translation>موقف: {0}</translation>
    </message>
    <message>
      <source>Choose {0}</source>
      <translation>اختر {0}</translation>
    </message>
    <message>
      <source>Finish the quote or stance as {0}, or change the selected one's kind or polarity</source>
      <translation>إنهاء الاقتباس أو الموقف كـ{0}، أو تغيير نوع المحدد أو قطبيته</translation>
    </message>
    <message>
      <source>Delete annotation</source>
      <translation>حذف التوسيم</translation>
    </message>
    <message>
      <source>Delete the selected annotation</source>
      <translation>حذف التوسيم المحدد</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>إلغاء</translation>
    </message>
    <message>
      <source>Cancel the quote/stance being built, or deselect</source>
      <translation>إلغاء الاقتباس/الموقف الجاري، أو إلغاء التحديد</translation>
    </message>
    <message>
      <source>&amp;Document</source>
      <translation>&amp;مستند</translation>
    </message>
    <message>
      <source>Next document</source>
      <translation>المستند التالي</translation>
    </message>
    <message>
      <source>Previous document</source>
      <translation>المستند السابق</translation>
    </message>
    <message>
      <source>Mark done and go to the next</source>
      <translation>عُدَّه مُنجَزًا وانتقل إلى التالي</translation>
    </message>
    <message>
      <source>Mark skipped and go to the next</source>
      <translation>اتركه وانتقل إلى التالي</translation>
    </message>
    <message>
      <source>Search documents</source>
      <translation>البحث في المستندات</translation>
    </message>
    <message>
      <source>Move between article and lists</source>
      <translation>التنقل بين المقال والقوائم</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>&amp;عرض</translation>
    </message>
    <message>
      <source>Larger text</source>
      <translation>تكبير النص</translation>
    </message>
    <message>
      <source>Smaller text</source>
      <translation>تصغير النص</translation>
    </message>
    <message>
      <source>Normal text size</source>
      <translation>حجم النص العادي</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>اللغة</translation>
    </message>
    <message>
      <source>System language</source>
      <translation>لغة النظام</translation>
    </message>
    <message>
      <source>&amp;Annotator</source>
      <translation>&amp;المُوسِّم</translation>
    </message>
    <message>
      <source>Switch annotator…</source>
      <translation>تبديل المُوسِّم…</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>&amp;مساعدة</translation>
    </message>
    <message>
      <source>Keyboard shortcuts</source>
      <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
      <source>Shift+arrows, Ctrl+Shift+arrows</source>
      <translation>Shift+الأسهم، Ctrl+Shift+الأسهم</translation>
    </message>
    <message>
      <source>Select characters, words (in the article)</source>
      <translation>تحديد حروف أو كلمات (في المقال)</translation>
    </message>
    <message>
      <source>Click a mark</source>
      <translation>النقر على علامة</translation>
    </message>
    <message>
      <source>Select that annotation; in a quote/stance, pick that entity</source>
      <translation>تحديد ذلك التوسيم؛ وأثناء اقتباس/موقف: اختيار ذلك الكيان</translation>
    </message>
    <message>
      <source>Hover a mark</source>
      <translation>المرور فوق علامة</translation>
    </message>
    <message>
      <source>Show its label and annotator</source>
      <translation>إظهار وسمها ومُوسِّمها</translation>
    </message>
    <message>
      <source>Edit the label or topic of a row in place</source>
      <translation>تعديل وسم سطر أو موضوعه في مكانه</translation>
    </message>
    <message>
      <source>{0} — Tawsim</source>
      <translation>{0} — توسيم</translation>
    </message>
    <message>
      <source>Annotator: {0}</source>
      <translation>المُوسِّم: {0}</translation>
    </message>
    <message>
      <source>to do</source>
      <translation>للإنجاز</translation>
    </message>
    <message>
      <source>in progress</source>
      <translation>قيد العمل</translation>
    </message>
    <message>
      <source>done</source>
      <translation>مُنجَز</translation>
    </message>
    <message>
      <source>skipped</source>
      <translation>متروك</translation>
    </message>
    <message>
      <source>Document: {0}</source>
      <translation>المستند: {0}</translation>
    </message>
    <message>
      <source>Edit topic</source>
      <translation>تعديل الموضوع</translation>
    </message>
    <message>
      <source>Quote — speaker: click an entity, or select the words and press Enter (Enter alone: no speaker). A kind key finishes.</source>
      <translation>اقتباس — المتكلم: انقر كيانًا، أو حدِّد الكلمات واضغط Enter (‏Enter وحده: بلا متكلم). مفتاح النوع يُنهي.</translation>
    </message>
    <message>
      <source>Quote — cue verb: select it and press Enter (Enter alone: none). A kind key finishes.</source>
      <translation>اقتباس — فعل القول: حدِّده واضغط Enter (‏Enter وحده: بلا فعل). مفتاح النوع يُنهي.</translation>
    </message>
    <message>
      <source>Quote — kind: press a kind key to store it.</source>
      <translation>اقتباس — النوع: اضغط مفتاح النوع لحفظه.</translation>
    </message>
    <message>
      <source>Stance — holder: click an entity, or select the words and press Enter.</source>
      <translation>موقف — صاحبه: انقر كيانًا، أو حدِّد الكلمات واضغط Enter.</translation>
    </message>
    <message>
      <source>Stance — target: click an entity, select words and press Enter, or press T to type a topic.</source>
      <translation>موقف — الهدف: انقر كيانًا، أو حدِّد كلمات واضغط Enter، أو اضغط T لكتابة موضوع.</translation>
    </message>
    <message>
      <source>Stance — polarity: press a polarity key to store it.</source>
      <translation>موقف — القطبية: اضغط مفتاح القطبية لحفظه.</translation>
    </message>
    <message>
      <source>Select some words first.</source>
      <translation>حدِّد بعض الكلمات أولًا.</translation>
    </message>
    <message>
      <source>That key does not fit this step.</source>
      <translation>هذا المفتاح لا يناسب هذه الخطوة.</translation>
    </message>
    <message>
      <source>This is the last document.</source>
      <translation>هذا آخر مستند.</translation>
    </message>
    <message>
      <source>This is the first document.</source>
      <translation>هذا أول مستند.</translation>
    </message>
    <message>
      <source>Import documents</source>
      <translation>استيراد مستندات</translation>
    </message>
    <message>
      <source>Documents (*.txt *.jsonl *.ndjson *.csv);;All files (*)</source>
      <translation>مستندات (*.txt *.jsonl *.ndjson *.csv);;كل الملفات (*)</translation>
    </message>
    <message>
      <source>Working… {0} ({1})</source>
      <translation>جارٍ العمل… {0} ({1})</translation>
    </message>
    <message>
      <source>Imported {0} documents ({1} already there).</source>
      <translation>استُورد {0} مستندًا ({1} موجود من قبل).</translation>
    </message>
    <message>
      <source>Tawsim</source>
      <translation>توسيم</translation>
    </message>
  </context>
  <context>
    <name>ShortcutsDialog</name>
    <message>
      <source>Keyboard shortcuts</source>
      <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
      <source>Keys</source>
      <translation>المفاتيح</translation>
    </message>
    <message>
      <source>Action</source>
      <translation>الإجراء</translation>
    </message>
  </context>
  <context>
    <name>StoreTask</name>
    <message>
      <source>Stopped.</source>
      <translation>توقف.</translation>
    </message>
  </context>
  <context>
    <name>TaggingFlow</name>
    <message>
      <source>Select the quoted words first, then press Q.</source>
      <translation>حدِّد الكلمات المقتبسة أولًا، ثم اضغط Q.</translation>
    </message>
    <message>
      <source>Select the holder (or click an entity), then Enter.</source>
      <translation>حدِّد صاحب الموقف (أو انقر كيانًا)، ثم Enter.</translation>
    </message>
    <message>
      <source>Select the target (or click an entity, or press T for a topic).</source>
      <translation>حدِّد الهدف (أو انقر كيانًا، أو اضغط T لموضوع).</translation>
    </message>
    <message>
      <source>Type the topic, then Enter.</source>
      <translation>اكتب الموضوع، ثم Enter.</translation>
    </message>
    <message>
      <source>Pick the holder and the target before the polarity.</source>
      <translation>اختر صاحب الموقف والهدف قبل القطبية.</translation>
    </message>
  </context>
</TS>