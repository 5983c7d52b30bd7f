<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ar">
  <context>
    <name>AnnotationSession</name>
    <message>
      <location filename="../session.py" line="145" />
      <source>The annotator needs a name.</source>
      <translation>يحتاج المُوسِّم إلى اسم.</translation>
    </message>
    <message>
      <location filename="../session.py" line="302" />
      <source>Unknown label {0}.</source>
      <translation>وسم غير معروف: {0}.</translation>
    </message>
    <message>
      <location filename="../session.py" line="306" />
      <source>Select some words first.</source>
      <translation>حدِّد بعض الكلمات أولًا.</translation>
    </message>
    <message>
      <location filename="../session.py" line="316" />
      <source>Tag {0}</source>
      <translation>وسم {0}</translation>
    </message>
    <message>
      <location filename="../session.py" line="343" />
      <source>Relabel as {0}</source>
      <translation>تغيير الوسم إلى {0}</translation>
    </message>
    <message>
      <location filename="../session.py" line="352" />
      <source>Edit annotation</source>
      <translation>تعديل التوسيم</translation>
    </message>
    <message>
      <location filename="../session.py" line="366" />
      <source>Delete annotation</source>
      <translation>حذف التوسيم</translation>
    </message>
    <message>
      <location filename="../session.py" line="382" />
      <source>Add quote</source>
      <translation>إضافة اقتباس</translation>
    </message>
    <message>
      <location filename="../session.py" line="407" />
      <source>Add stance</source>
      <translation>إضافة موقف</translation>
    </message>
  </context>
  <context>
    <name>AnnotationTreeModel</name>
    <message>
      <location filename="../models.py" line="295" />
      <source>Entities</source>
      <translation>الكيانات</translation>
    </message>
    <message>
      <location filename="../models.py" line="295" />
      <source>Quotes</source>
      <translation>الاقتباسات</translation>
    </message>
    <message>
      <location filename="../models.py" line="295" />
      <source>Stances</source>
      <translation>المواقف</translation>
    </message>
    <message>
      <location filename="../models.py" line="438" />
      <source>Text</source>
      <translation>النص</translation>
    </message>
    <message>
      <location filename="../models.py" line="438" />
      <source>Label</source>
      <translation>الوسم</translation>
    </message>
    <message>
      <location filename="../models.py" line="438" />
      <source>Details</source>
      <translation>التفاصيل</translation>
    </message>
    <message>
      <location filename="../models.py" line="448" />
      <source>speaker: {0}</source>
      <translation>المتكلم: {0}</translation>
    </message>
    <message>
      <location filename="../models.py" line="454" />
      <source>cue: {0}</source>
      <translation>فعل القول: {0}</translation>
    </message>
  </context>
  <context>
    <name>AnnotatorDialog</name>
    <message>
      <location filename="../window.py" line="95" />
      <source>Annotator</source>
      <translation>المُوسِّم</translation>
    </message>
    <message>
      <location filename="../window.py" line="97" />
      <source>Your name (it is stored with every label you make):</source>
      <translation>اسمك (يُحفظ مع كل وسم تضعه):</translation>
    </message>
  </context>
  <context>
    <name>ArticleViewWidget</name>
    <message>
      <location filename="../article.py" line="354" />
      <source>{0} ({1}) — by {2}</source>
      <translation>{0} ({1}) — بواسطة {2}</translation>
    </message>
    <message>
      <location filename="../article.py" line="359" />
      <source>Cue of a quote</source>
      <translation>فعل قول لاقتباس</translation>
    </message>
    <message>
      <location filename="../article.py" line="361" />
      <source>Quote</source>
      <translation>اقتباس</translation>
    </message>
    <message>
      <location filename="../article.py" line="364" />
      <source>{0}, {1}; speaker: {2} — by {3}</source>
      <translation>{0}، {1}؛ المتكلم: {2} — بواسطة {3}</translation>
    </message>
    <message>
      <location filename="../article.py" line="373" />
      <source>Stance evidence, {0}: {1} → {2} — by {3}</source>
      <translation>دليل موقف، {0}: {1} ← {2} — بواسطة {3}</translation>
    </message>
  </context>
  <context>
    <name>CorpusPanelWidget</name>
    <message>
      <location filename="../panels.py" line="63" />
      <source>Search (Ctrl+F)</source>
      <translation>بحث (Ctrl+F)</translation>
    </message>
    <message>
      <location filename="../panels.py" line="67" />
      <source>All statuses</source>
      <translation>كل الحالات</translation>
    </message>
    <message>
      <location filename="../panels.py" line="69" />
      <source>To do</source>
      <translation>للإنجاز</translation>
    </message>
    <message>
      <location filename="../panels.py" line="70" />
      <source>In progress</source>
      <translation>قيد العمل</translation>
    </message>
    <message>
      <location filename="../panels.py" line="71" />
      <source>Done</source>
      <translation>مُنجَز</translation>
    </message>
    <message>
      <location filename="../panels.py" line="72" />
      <source>Skipped</source>
      <translation>متروك</translation>
    </message>
    <message>
      <location filename="../panels.py" line="171" />
      <source>{0} of {1} done</source>
      <translation>أُنجز {0} من {1}</translation>
    </message>
  </context>
  <context>
    <name>DocumentListModel</name>
    <message>
      <location filename="../models.py" line="78" />
      <source>to do</source>
      <translation>للإنجاز</translation>
    </message>
    <message>
      <location filename="../models.py" line="79" />
      <source>in progress</source>
      <translation>قيد العمل</translation>
    </message>
    <message>
      <location filename="../models.py" line="80" />
      <source>done</source>
      <translation>مُنجَز</translation>
    </message>
    <message>
      <location filename="../models.py" line="81" />
      <source>skipped</source>
      <translation>متروك</translation>
    </message>
    <message>
      <location filename="../models.py" line="182" />
      <source>(untitled)</source>
      <translation>(بلا عنوان)</translation>
    </message>
    <message>
      <location filename="../models.py" line="213" />
      <source>No.</source>
      <translation>رقم</translation>
    </message>
    <message>
      <location filename="../models.py" line="213" />
      <source>Title</source>
      <translation>العنوان</translation>
    </message>
    <message>
      <location filename="../models.py" line="213" />
      <source>Status</source>
      <translation>الحالة</translation>
    </message>
  </context>
  <context>
    <name>FlowBarWidget</name>
    <message>
      <location filename="../panels.py" line="348" />
      <source>Topic, then Enter</source>
      <translation>الموضوع، ثم Enter</translation>
    </message>
    <message>
      <location filename="../panels.py" line="350" />
      <source>Enter: take selection / skip</source>
      <translation>Enter: خذ التحديد / تخطَّ</translation>
    </message>
    <message>
      <location filename="../panels.py" line="351" />
      <source>Cancel (Esc)</source>
      <translation>إلغاء (Esc)</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../window.py" line="177" />
      <source>Tawsim — Arabic news annotation</source>
      <translation>توسيم — توسيم الأخبار العربية</translation>
    </message>
    <message>
      <location filename="../window.py" line="215" />
      <source>&amp;File</source>
      <translation>&amp;ملف</translation>
    </message>
    <message>
      <location filename="../window.py" line="217" />
      <source>Import documents…</source>
      <translation>استيراد مستندات…</translation>
    </message>
    <message>
      <location filename="../window.py" line="221" />
      <source>Quit</source>
      <translation>خروج</translation>
    </message>
    <message>
      <location filename="../window.py" line="223" />
      <source>&amp;Edit</source>
      <translation>&amp;تحرير</translation>
    </message>
    <message>
      <location filename="../window.py" line="225" />
      <source>Undo</source>
      <translation>تراجع</translation>
    </message>
    <message>
      <location filename="../window.py" line="229" />
      <location filename="../window.py" line="237" />
      <source>Redo</source>
      <translation>إعادة</translation>
    </message>
    <message>
      <location filename="../window.py" line="236" />
      <source>Undo the last edit of this document</source>
      <translation>التراجع عن آخر تعديل في هذا المستند</translation>
    </message>
    <message>
      <location filename="../window.py" line="242" />
      <source>&amp;Tag</source>
      <translation>&amp;توسيم</translation>
    </message>
    <message>
      <location filename="../window.py" line="249" />
      <source>Tag as {0}</source>
      <translation>وسم كـ{0}</translation>
    </message>
    <message>
      <location filename="../window.py" line="253" />
      <source>Tag the selected words as {0} ({1}); with an annotation selected, change its label</source>
      <translation>وسم الكلمات المحددة كـ{0} ({1})؛ وإن كان توسيم محددًا فغيِّر وسمه</translation>
    </message>
    <message>
      <location filename="../window.py" line="258" />
      <source>Tag exact characters as {0}</source>
      <translation>وسم الحروف المحددة بالضبط كـ{0}</translation>
    </message>
    <message>
      <location filename="../window.py" line="262" />
      <source>Tag exactly the selected characters as {0} (no snapping to words)</source>
      <translation>وسم الحروف المحددة بالضبط كـ{0} (دون التوسع إلى كلمات كاملة)</translation>
    </message>
    <message>
      <location filename="../window.py" line="269" />
      <source>Quote…</source>
      <translation>اقتباس…</translation>
    </message>
    <message>
      <location filename="../window.py" line="272" />
      <source>Start a quote: its content is the selected words</source>
      <translation>بدء اقتباس: محتواه الكلمات المحددة</translation>
    </message>
    <message>
      <location filename="../window.py" line="275" />
      <source>Quote (exact characters)</source>
      <translation>اقتباس (الحروف بالضبط)</translation>
    </message>
    <message>
      <location filename="../window.py" line="280" />
      <source>Stance…</source>
      <translation>موقف…</translation>
    </message>
    <message>
      <location filename="../window.py" line="284" />
      <source>Start a stance: the selected words, if any, are its evidence</source>
      <translation>بدء موقف: الكلمات المحددة، إن وُجدت، دليله</translation>
    </message>
    <message>
      <location filename="../window.py" line="288" />
      <source>Stance (exact characters)</source>
      <translation>موقف (الحروف بالضبط)</translation>
    </message>
    <message>
      <location filename="../window.py" line="295" />
      <source>Take selection</source>
      <translation>خذ التحديد</translation>
    </message>
    <message>
      <location filename="../window.py" line="300" />
      <source>Quote/stance: use the selected words for the part asked for (nothing selected: skip it)</source>
      <translation>اقتباس/موقف: استعمل الكلمات المحددة للجزء المطلوب (بلا تحديد: تخطَّه)</translation>
    </message>
    <message>
      <location filename="../window.py" line="305" />
      <source>Take exact selection</source>
      <translation>خذ التحديد بالضبط</translation>
    </message>
    <message>
      <location filename="../window.py" line="309" />
      <source>The same, with exactly the selected characters</source>
      <translation>مثله، بالحروف المحددة بالضبط</translation>
    </message>
    <message>
      <location filename="../window.py" line="312" />
      <source>Typed topic</source>
      <translation>موضوع مكتوب</translation>
    </message>
    <message>
      <location filename="../window.py" line="315" />
      <source>Stance target: type a topic that is not in the text</source>
      <translation>هدف الموقف: اكتب موضوعًا غير وارد في النص</translation>
    </message>
    <message>
      <location filename="../window.py" line="330" />
      <source>quote: {0}</source>
      <translation>اقتباس: {0}</translation>
    </message>
    <message>
      <location filename="../window.py" line="330" />
      <source>stance: {0}</source>
      <translation>موقف: {0}</translation>
    </message>
    <message>
      <location filename="../window.py" line="335" />
      <source>Choose {0}</source>
      <translation>اختر {0}</translation>
    </message>
    <message>
      <location filename="../window.py" line="339" />
      <source>Finish the quote or stance as {0}, or change the selected one's kind or polarity</source>
      <translation>إنهاء الاقتباس أو الموقف كـ{0}، أو تغيير نوع المحدد أو قطبيته</translation>
    </message>
    <message>
      <location filename="../window.py" line="344" />
      <source>Delete annotation</source>
      <translation>حذف التوسيم</translation>
    </message>
    <message>
      <location filename="../window.py" line="347" />
      <source>Delete the selected annotation</source>
      <translation>حذف التوسيم المحدد</translation>
    </message>
    <message>
      <location filename="../window.py" line="351" />
      <source>Cancel</source>
      <translation>إلغاء</translation>
    </message>
    <message>
      <location filename="../window.py" line="354" />
      <source>Cancel the quote/stance being built, or deselect</source>
      <translation>إلغاء الاقتباس/الموقف الجاري، أو إلغاء التحديد</translation>
    </message>
    <message>
      <location filename="../window.py" line="357" />
      <source>&amp;Document</source>
      <translation>&amp;مستند</translation>
    </message>
    <message>
      <location filename="../window.py" line="360" />
      <source>Next document</source>
      <translation>المستند التالي</translation>
    </message>
    <message>
      <location filename="../window.py" line="367" />
      <source>Previous document</source>
      <translation>المستند السابق</translation>
    </message>
    <message>
      <location filename="../window.py" line="374" />
      <source>Mark done and go to the next</source>
      <translation>عُدَّه مُنجَزًا وانتقل إلى التالي</translation>
    </message>
    <message>
      <location filename="../window.py" line="381" />
      <source>Mark skipped and go to the next</source>
      <translation>اتركه وانتقل إلى التالي</translation>
    </message>
    <message>
      <location filename="../window.py" line="388" />
      <source>Search documents</source>
      <translation>البحث في المستندات</translation>
    </message>
    <message>
      <location filename="../window.py" line="393" />
      <source>Move between article and lists</source>
      <translation>التنقل بين المقال والقوائم</translation>
    </message>
    <message>
      <location filename="../window.py" line="399" />
      <source>&amp;View</source>
      <translation>&amp;عرض</translation>
    </message>
    <message>
      <location filename="../window.py" line="402" />
      <source>Larger text</source>
      <translation>تكبير النص</translation>
    </message>
    <message>
      <location filename="../window.py" line="407" />
      <source>Smaller text</source>
      <translation>تصغير النص</translation>
    </message>
    <message>
      <location filename="../window.py" line="412" />
      <source>Normal text size</source>
      <translation>حجم النص العادي</translation>
    </message>
    <message>
      <location filename="../window.py" line="415" />
      <source>Language</source>
      <translation>اللغة</translation>
    </message>
    <message>
      <location filename="../window.py" line="418" />
      <source>System language</source>
      <translation>لغة النظام</translation>
    </message>
    <message>
      <location filename="../window.py" line="429" />
      <source>&amp;Annotator</source>
      <translation>&amp;المُوسِّم</translation>
    </message>
    <message>
      <location filename="../window.py" line="430" />
      <source>Switch annotator…</source>
      <translation>تبديل المُوسِّم…</translation>
    </message>
    <message>
      <location filename="../window.py" line="434" />
      <source>&amp;Help</source>
      <translation>&amp;مساعدة</translation>
    </message>
    <message>
      <location filename="../window.py" line="437" />
      <source>Keyboard shortcuts</source>
      <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
      <location filename="../window.py" line="442" />
      <source>Shift+arrows, Ctrl+Shift+arrows</source>
      <translation>Shift+الأسهم، Ctrl+Shift+الأسهم</translation>
    </message>
    <message>
      <location filename="../window.py" line="443" />
      <source>Select characters, words (in the article)</source>
      <translation>تحديد حروف أو كلمات (في المقال)</translation>
    </message>
    <message>
      <location filename="../window.py" line="446" />
      <source>Click a mark</source>
      <translation>النقر على علامة</translation>
    </message>
    <message>
      <location filename="../window.py" line="447" />
      <source>Select that annotation; in a quote/stance, pick that entity</source>
      <translation>تحديد ذلك التوسيم؛ وأثناء اقتباس/موقف: اختيار ذلك الكيان</translation>
    </message>
    <message>
      <location filename="../window.py" line="450" />
      <source>Hover a mark</source>
      <translation>المرور فوق علامة</translation>
    </message>
    <message>
      <location filename="../window.py" line="450" />
      <source>Show its label and annotator</source>
      <translation>إظهار وسمها ومُوسِّمها</translation>
    </message>
    <message>
      <location filename="../window.py" line="452" />
      <source>Edit the label or topic of a row in place</source>
      <translation>تعديل وسم سطر أو موضوعه في مكانه</translation>
    </message>
    <message>
      <location filename="../window.py" line="521" />
      <source>{0} — Tawsim</source>
      <translation>{0} — توسيم</translation>
    </message>
    <message>
      <location filename="../window.py" line="563" />
      <source>Annotator: {0}</source>
      <translation>المُوسِّم: {0}</translation>
    </message>
    <message>
      <location filename="../window.py" line="567" />
      <source>to do</source>
      <translation>للإنجاز</translation>
    </message>
    <message>
      <location filename="../window.py" line="568" />
      <source>in progress</source>
      <translation>قيد العمل</translation>
    </message>
    <message>
      <location filename="../window.py" line="569" />
      <source>done</source>
      <translation>مُنجَز</translation>
    </message>
    <message>
      <location filename="../window.py" line="570" />
      <source>skipped</source>
      <translation>متروك</translation>
    </message>
    <message>
      <location filename="../window.py" line="574" />
      <source>Document: {0}</source>
      <translation>المستند: {0}</translation>
    </message>
    <message>
      <location filename="../window.py" line="630" />
      <source>Edit topic</source>
      <translation>تعديل الموضوع</translation>
    </message>
    <message>
      <location filename="../window.py" line="639" />
      <source>Quote — speaker: click an entity, or select the words and press Enter (Enter alone: no speaker). A kind key finishes.</source>
      <translation>اقتباس — المتكلم: انقر كيانًا، أو حدِّد الكلمات واضغط Enter (‏Enter وحده: بلا متكلم). مفتاح النوع يُنهي.</translation>
    </message>
    <message>
      <location filename="../window.py" line="643" />
      <source>Quote — cue verb: select it and press Enter (Enter alone: none). A kind key finishes.</source>
      <translation>اقتباس — فعل القول: حدِّده واضغط Enter (‏Enter وحده: بلا فعل). مفتاح النوع يُنهي.</translation>
    </message>
    <message>
      <location filename="../window.py" line="646" />
      <source>Quote — kind: press a kind key to store it.</source>
      <translation>اقتباس — النوع: اضغط مفتاح النوع لحفظه.</translation>
    </message>
    <message>
      <location filename="../window.py" line="648" />
      <source>Stance — holder: click an entity, or select the words and press Enter.</source>
      <translation>موقف — صاحبه: انقر كيانًا، أو حدِّد الكلمات واضغط Enter.</translation>
    </message>
    <message>
      <location filename="../window.py" line="651" />
      <source>Stance — target: click an entity, select words and press Enter, or press T to type a topic.</source>
      <translation>موقف — الهدف: انقر كيانًا، أو حدِّد كلمات واضغط Enter، أو اضغط T لكتابة موضوع.</translation>
    </message>
    <message>
      <location filename="../window.py" line="655" />
      <source>Stance — polarity: press a polarity key to store it.</source>
      <translation>موقف — القطبية: اضغط مفتاح القطبية لحفظه.</translation>
    </message>
    <message>
      <location filename="../window.py" line="722" />
      <source>Select some words first.</source>
      <translation>حدِّد بعض الكلمات أولًا.</translation>
    </message>
    <message>
      <location filename="../window.py" line="735" />
      <source>That key does not fit this step.</source>
      <translation>هذا المفتاح لا يناسب هذه الخطوة.</translation>
    </message>
    <message>
      <location filename="../window.py" line="830" />
      <source>This is the last document.</source>
      <translation>هذا آخر مستند.</translation>
    </message>
    <message>
      <location filename="../window.py" line="832" />
      <source>This is the first document.</source>
      <translation>هذا أول مستند.</translation>
    </message>
    <message>
      <location filename="../window.py" line="909" />
      <source>Import documents</source>
      <translation>استيراد مستندات</translation>
    </message>
    <message>
      <location filename="../window.py" line="911" />
      <source>Documents (*.txt *.jsonl *.ndjson *.csv);;All files (*)</source>
      <translation>مستندات (*.txt *.jsonl *.ndjson *.csv);;كل الملفات (*)</translation>
    </message>
    <message>
      <location filename="../window.py" line="946" />
      <source>Working… {0} ({1})</source>
      <translation>جارٍ العمل… {0} ({1})</translation>
    </message>
    <message>
      <location filename="../window.py" line="954" />
      <source>Imported {0} documents ({1} already there).</source>
      <translation>استُورد {0} مستندًا ({1} موجود من قبل).</translation>
    </message>
    <message>
      <location filename="../window.py" line="971" />
      <source>Tawsim</source>
      <translation>توسيم</translation>
    </message>
  </context>
  <context>
    <name>ShortcutsDialog</name>
    <message>
      <location filename="../window.py" line="67" />
      <source>Keyboard shortcuts</source>
      <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
      <location filename="../window.py" line="69" />
      <source>Keys</source>
      <translation>المفاتيح</translation>
    </message>
    <message>
      <location filename="../window.py" line="69" />
      <source>Action</source>
      <translation>الإجراء</translation>
    </message>
  </context>
  <context>
    <name>StoreTask</name>
    <message>
      <location filename="../worker.py" line="63" />
      <source>Stopped.</source>
      <translation>توقف.</translation>
    </message>
  </context>
  <context>
    <name>TaggingFlow</name>
    <message>
      <location filename="../flows.py" line="89" />
      <source>Select the quoted words first, then press Q.</source>
      <translation>حدِّد الكلمات المقتبسة أولًا، ثم اضغط Q.</translation>
    </message>
    <message>
      <location filename="../flows.py" line="119" />
      <source>Select the holder (or click an entity), then Enter.</source>
      <translation>حدِّد صاحب الموقف (أو انقر كيانًا)، ثم Enter.</translation>
    </message>
    <message>
      <location filename="../flows.py" line="128" />
      <source>Select the target (or click an entity, or press T for a topic).</source>
      <translation>حدِّد الهدف (أو انقر كيانًا، أو اضغط T لموضوع).</translation>
    </message>
    <message>
      <location filename="../flows.py" line="159" />
      <source>Type the topic, then Enter.</source>
      <translation>اكتب الموضوع، ثم Enter.</translation>
    </message>
    <message>
      <location filename="../flows.py" line="192" />
      <source>Pick the holder and the target before the polarity.</source>
      <translation>اختر صاحب الموقف والهدف قبل القطبية.</translation>
    </message>
  </context>
</TS>