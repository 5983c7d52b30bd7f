"""File → Import… and File → Export…: the dialogs gather options, the core's importers
and exporters run on a worker thread, and a report says what they did."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, QThread
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from corpus.exporters import ExportOptions, export
from corpus.model import Entity, Span
from corpus.options import FORMAT_LAYERS
from corpus.store import Store
from gui.dialogs import ExportDialog, ImportDialog, ReportBox, select_data
from gui.settings import Preferences
from gui.window import MainWindow
from tests.gui.conftest import MakeWindow

ARTICLES = [
    "قال ديمتري بيسكوف المتحدث باسم الكرملين إن العلاقات مع الصين جيدة.\n",
    "زار وزير الخارجية الأردني بكين أمس والتقى نظيره الصيني.\n",
    "أعلنت الأمم المتحدة في جنيف عن مؤتمر جديد للسلام.\n",
    "وصل الرئيس الفرنسي إلى القاهرة في زيارة رسمية.\n",
]
# (article, word, label) of the entities layla tagged.
TAGGED = [
    (0, "ديمتري بيسكوف", "PER"),
    (0, "الكرملين", "ORG"),
    (0, "الصين", "GPE"),
    (1, "بكين", "GPE"),
    (2, "الأمم المتحدة", "ORG"),
    (2, "جنيف", "GPE"),
    (3, "القاهرة", "GPE"),
]
DONE = (0, 2)  # articles layla marked done
ANNOTATOR = "layla"


@pytest.fixture(autouse=True)
def documents(tmp_path: Path, monkeypatch) -> Path:
    """The user's documents folder, made the test's own through the XDG user dirs."""
    config = tmp_path / "xdg-config"
    folder = tmp_path / "Documents of the user"
    config.mkdir()
    folder.mkdir()
    (config / "user-dirs.dirs").write_text(f'XDG_DOCUMENTS_DIR="{folder}"\n', encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    assert QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) == (
        str(folder)
    )
    return folder


@pytest.fixture
def corpus(db_path: Path, tmp_path: Path) -> Iterator[tuple[Store, list[int]]]:
    """A file database: four articles, layla's entities, a quote, two marked done;
    a second annotator, sami, on one article."""
    from corpus.importers import import_paths

    folder = tmp_path / "articles"
    folder.mkdir()
    for i, text in enumerate(ARTICLES):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    store = Store.open(db_path)
    assert import_paths(store, [folder], "txt").imported == len(ARTICLES)
    ids = store.document_ids()
    for article, word, label in TAGGED:
        start = ARTICLES[article].index(word)
        store.add_entity(ids[article], ANNOTATOR, start, start + len(word), label)
    speaker = store.annotations(ids[0], ANNOTATOR, "entity")[0]
    content_start = ARTICLES[0].index("العلاقات")
    store.add_quote(
        ids[0],
        ANNOTATOR,
        Span(content_start, len(ARTICLES[0]) - 2),
        "indirect",
        cue=Span(0, 3),
        speaker=speaker.span,
    )
    for article in DONE:
        store.set_status(ids[article], ANNOTATOR, "done")
    store.add_entity(ids[1], "sami", 0, 3, "MISC")
    yield store, ids
    store.close()


def ok_button(dialog: ImportDialog | ExportDialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def open_export_dialog(window: MainWindow) -> ExportDialog:
    window.export_action.trigger()
    dialog = window.findChild(ExportDialog)
    assert dialog is not None
    assert dialog.isVisible()
    return dialog


def open_import_dialog(window: MainWindow) -> ImportDialog:
    window.import_action.trigger()
    dialog = window.findChild(ImportDialog)
    assert dialog is not None
    assert dialog.isVisible()
    return dialog


def export_through(qtbot, window: MainWindow, dialog: ExportDialog) -> ReportBox:
    """Accept the dialog and wait for the report of the finished export."""
    with qtbot.waitSignal(
        window.statusBar().messageChanged,
        timeout=60_000,
        check_params_cb=lambda text: text.startswith("Exported"),
    ):
        ok_button(dialog).click()
    window.wait_for_tasks()
    box = window.findChild(ReportBox)
    assert box is not None
    assert box.isVisible()
    return box


def entity_rows(store: Store, doc_id: int, annotator: str) -> list[tuple[int, int, str]]:
    return sorted(
        (a.span.start, a.span.end, a.label)
        for a in store.annotations(doc_id, annotator, "entity")
        if isinstance(a, Entity)
    )


# ---------------------------------------------------------------------- export


def test_the_export_dialog_writes_the_chosen_annotator_status_and_layers_to_jsonl(
    qtbot, make_window: MakeWindow, corpus, tmp_path: Path, monkeypatch
) -> None:
    store, ids = corpus
    window = make_window(store)
    threads: list[QThread] = []
    import corpus.exporters

    original = corpus.exporters.export

    def spy(*args, **kwargs):
        threads.append(QThread.currentThread())
        return original(*args, **kwargs)

    monkeypatch.setattr(corpus.exporters, "export", spy)
    dialog = open_export_dialog(window)
    out = tmp_path / "out" / "layla.jsonl"
    select_data(dialog.format_box, "jsonl")
    dialog.out_edit.setText(str(out))
    select_data(dialog.annotator_box, ANNOTATOR)
    select_data(dialog.status_box, "done")
    dialog.layer_checks["quote"].setChecked(False)
    dialog.layer_checks["stance"].setChecked(False)
    box = export_through(qtbot, window, dialog)

    assert threads
    assert threads[0] is not QApplication.instance().thread()
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["text"] for line in lines] == [ARTICLES[i] for i in DONE]
    for line, article in zip(lines, DONE, strict=True):
        assert line["annotator"] == ANNOTATOR
        assert line["status"] == "done"
        assert "quotes" not in line
        assert "stances" not in line
        exported = sorted((e["start"], e["end"], e["label"]) for e in line["entities"])
        assert exported == entity_rows(store, ids[article], ANNOTATOR)
        assert all(e["text"] == line["text"][e["start"] : e["end"]] for e in line["entities"])
    entity_count = sum(1 for a, _, _ in TAGGED if a in DONE)
    assert box.text() == f"Exported 2 documents, {entity_count} annotations."
    assert str(out) in box.informativeText()
    assert window.statusBar().currentMessage() == box.text()
    assert window.findChild(ExportDialog) is None  # closed and deleted


def test_the_export_dialog_writes_a_brat_folder_of_every_status(
    qtbot, make_window: MakeWindow, corpus, tmp_path: Path, documents: Path
) -> None:
    store, _ids = corpus
    window = make_window(store)
    dialog = open_export_dialog(window)
    select_data(dialog.format_box, "brat")
    assert dialog.out_label.text() == "Folder:"
    assert dialog.out_edit.text() == str(documents / "tawsim-brat")
    out = tmp_path / "brat"
    dialog.out_edit.setText(str(out))
    select_data(dialog.annotator_box, ANNOTATOR)
    select_data(dialog.status_box, "any")
    export_through(qtbot, window, dialog)

    texts = sorted(p.read_text(encoding="utf-8") for p in out.glob("*.txt"))
    assert texts == sorted(ARTICLES)
    anns = sorted(out.glob("*.ann"))
    assert len(anns) == len(ARTICLES)
    written: Counter[tuple[str, str]] = Counter()
    for ann in anns:
        for row in ann.read_text(encoding="utf-8").splitlines():
            if row.startswith("T"):
                _, label_span, text = row.split("\t")
                label = label_span.split()[0]
                if label in store.schema.entity_labels:
                    written[(label, text)] += 1
    assert written == Counter((label, word) for _, word, label in TAGGED)


def test_a_split_export_from_the_dialog_is_the_cores_split_byte_for_byte(
    qtbot, make_window: MakeWindow, corpus, tmp_path: Path
) -> None:
    store, _ = corpus
    window = make_window(store)
    dialog = open_export_dialog(window)
    select_data(dialog.format_box, "jsonl")
    dialog.out_edit.setText(str(tmp_path / "gui" / "data.jsonl"))
    select_data(dialog.status_box, "any")
    select_data(dialog.tagset_box, "default")
    dialog.split_check.setChecked(True)
    for spin, value in zip(dialog.split_spins, (50, 25, 25), strict=True):
        spin.setValue(value)
    dialog.seed_spin.setValue(7)
    box = export_through(qtbot, window, dialog)

    reference = tmp_path / "core" / "data.jsonl"
    export(store, "jsonl", reference, ExportOptions(status="any", split=(50, 25, 25), seed=7))
    for part in ("train", "dev", "test"):
        made = tmp_path / "gui" / f"data.{part}.jsonl"
        assert made.read_bytes() == (tmp_path / "core" / f"data.{part}.jsonl").read_bytes()
        assert str(made) in box.detailedText()
    # Four articles for layla, one for sami: every pair lands in one part.
    total = sum(
        len((tmp_path / "gui" / f"data.{p}.jsonl").read_text().splitlines())
        for p in ("train", "dev", "test")
    )
    assert total == len(ARTICLES) + 1


def test_the_export_dialog_refuses_choices_it_cannot_export(
    qtbot, make_window: MakeWindow, corpus, tmp_path: Path
) -> None:
    store, _ = corpus
    window = make_window(store)
    dialog = open_export_dialog(window)
    out = tmp_path / "never.jsonl"
    dialog.out_edit.setText(str(out))
    dialog.split_check.setChecked(True)
    dialog.split_spins[2].setValue(5)
    ok_button(dialog).click()
    assert dialog.isVisible()
    assert "100%" in dialog.error_label.text()
    assert "95%" in dialog.error_label.text()
    dialog.split_check.setChecked(False)
    for check in dialog.layer_checks.values():
        check.setChecked(False)
    ok_button(dialog).click()
    assert dialog.isVisible()
    assert dialog.error_label.text() == "Choose at least one layer (entity, quote, stance)."
    select_data(dialog.format_box, "conll")
    dialog.out_edit.clear()
    dialog.layer_checks["entity"].setChecked(True)
    ok_button(dialog).click()
    assert dialog.error_label.text() == "Choose the file to write."
    assert window.findChildren(QThread) == []
    assert not out.exists()
    dialog.reject()


def test_the_export_format_proposes_a_file_or_a_folder_until_the_user_types_one(
    qtbot, make_window: MakeWindow, corpus, documents: Path
) -> None:
    store, _ = corpus
    window = make_window(store)
    dialog = open_export_dialog(window)
    # A first export goes to the user's documents, not next to the database.
    folder = documents
    assert dialog.format_name() == "jsonl"
    assert [dialog.format_box.itemData(i) for i in range(dialog.format_box.count())] == [
        "jsonl",
        "conll",
        "brat",
        "parquet",
    ]
    select_data(dialog.format_box, "parquet")
    assert dialog.out_label.text() == "File:"
    assert dialog.out_edit.text() == str(folder / "tawsim-export.parquet")
    qtbot.keyClicks(dialog.out_edit, "x")
    select_data(dialog.format_box, "conll")
    assert dialog.out_edit.text() == str(folder / "tawsim-export.parquet") + "x"
    annotators = [dialog.annotator_box.itemData(i) for i in range(dialog.annotator_box.count())]
    assert annotators == [None, *store.annotators()]
    dialog.reject()


def held_layers(dialog: ExportDialog) -> dict[str, tuple[bool, bool]]:
    """Each layer's checkbox as (enabled, checked)."""
    return {
        layer: (check.isEnabled(), check.isChecked())
        for layer, check in dialog.layer_checks.items()
    }


def test_the_export_dialog_offers_only_the_layers_a_format_holds(
    qtbot, make_window: MakeWindow, corpus, monkeypatch
) -> None:
    store, _ = corpus
    window = make_window(store)
    dialog = open_export_dialog(window)
    every = {"entity": (True, True), "quote": (True, True), "stance": (True, True)}
    assert held_layers(dialog) == every
    dialog.layer_checks["stance"].setChecked(False)
    select_data(dialog.format_box, "conll")
    assert held_layers(dialog) == {
        "entity": (True, True),
        "quote": (False, False),
        "stance": (False, False),
    }
    assert dialog.layers() == ("entity",)
    assert "conll" in dialog.layer_checks["quote"].toolTip()
    # Back to a format that holds them: what the user had ticked comes back.
    select_data(dialog.format_box, "brat")
    assert held_layers(dialog) == {**every, "stance": (True, False)}
    dialog.reject()
    qtbot.waitUntil(lambda: window.findChild(ExportDialog) is None)

    # The widget follows the core's table, not a copy of its own.
    monkeypatch.setitem(FORMAT_LAYERS, "conll", ("entity", "stance"))
    dialog = open_export_dialog(window)
    select_data(dialog.format_box, "conll")
    assert held_layers(dialog) == {
        "entity": (True, True),
        "quote": (False, False),
        "stance": (True, True),
    }
    dialog.reject()


def test_the_export_dialog_remembers_the_last_folder_and_format(
    qtbot, make_window: MakeWindow, corpus, tmp_path: Path, prefs: Preferences, documents: Path
) -> None:
    store, _ = corpus
    window = make_window(store)
    dialog = open_export_dialog(window)
    assert dialog.out_edit.text() == str(documents / "tawsim-export.jsonl")
    out = tmp_path / "exports" / "layla-brat"
    select_data(dialog.format_box, "brat")
    dialog.out_edit.setText(str(out))
    select_data(dialog.annotator_box, ANNOTATOR)
    select_data(dialog.status_box, "any")
    export_through(qtbot, window, dialog)
    assert len(list(out.glob("*.txt"))) == len(ARTICLES)
    qtbot.waitUntil(lambda: window.findChild(ExportDialog) is None)

    again = open_export_dialog(window)
    assert again.format_name() == "brat"
    assert again.out_edit.text() == str(tmp_path / "exports" / "tawsim-brat")
    again.reject()
    # Kept in the settings file: a new window (a new run) proposes the same.
    prefs.sync()
    reread = Preferences(prefs.path)
    assert reread.export_folder == tmp_path / "exports"
    assert reread.export_format == "brat"


# ---------------------------------------------------------------------- import


def anercorp_slice(source: Path, sentences: int) -> tuple[str, list[tuple[list[str], list[str]]]]:
    """The first ``sentences`` sentences of the ANERcorp file, as text and parsed."""
    blocks = source.read_text(encoding="utf-8").split("\n\n")[:sentences]
    parsed = []
    for block in blocks:
        rows = [line.split(" ") for line in block.splitlines() if line.strip()]
        parsed.append(([r[0] for r in rows], [r[1] for r in rows]))
    return "\n\n".join(blocks) + "\n", parsed


def read_like_seqeval(
    sentences: list[tuple[list[str], list[str]]],
) -> tuple[Counter[tuple[str, str]], int]:
    """(type, words) of every entity, an I- that continues nothing starting one; and
    how many I- tags did so."""
    found: Counter[tuple[str, str]] = Counter()
    repairs = 0
    for tokens, tags in sentences:
        start, kind = None, None
        for i, tag in enumerate([*tags, "O"]):
            continues = tag.startswith("I-") and kind == tag[2:]
            if start is not None and not continues:
                found[(str(kind), " ".join(tokens[start:i]))] += 1
                start, kind = None, None
            if tag != "O" and not continues:
                repairs += tag.startswith("I-")
                start, kind = i, tag[2:]
    return found, repairs


def import_through(qtbot, window: MainWindow, dialog: ImportDialog) -> None:
    with qtbot.waitSignal(window.documents.modelReset, timeout=60_000):
        ok_button(dialog).click()
    window.wait_for_tasks()


def test_anercorp_imported_through_the_dialog_is_in_the_store_the_list_and_the_annotator(
    qtbot, make_window: MakeWindow, db_path: Path, tmp_path: Path, shared_data: Path
) -> None:
    source = shared_data / "anercorp-camel-lab" / "ANERCorp_CamelLab_test.txt"
    text, sentences = anercorp_slice(source, 45)
    sample = tmp_path / "anercorp-45.txt"
    sample.write_text(text, encoding="utf-8")
    expected, repairs = read_like_seqeval(sentences)
    assert repairs > 0  # the slice holds some of ANERcorp's orphan I- tags

    store = Store.open(db_path)
    window = make_window(store)
    dialog = open_import_dialog(window)
    dialog.add_paths([sample])
    assert not dialog.labels_group.isEnabled()
    select_data(dialog.format_box, "conll")
    assert dialog.labels_group.isEnabled()
    assert dialog.annotator_edit.text() == "conll"
    select_data(dialog.tagset_box, "anercorp")
    assert dialog.annotator_edit.text() == "anercorp"
    import_through(qtbot, window, dialog)

    # 45 sentences, 20 to a document.
    assert store.count_documents() == 3
    assert window.documents.total == 3
    ids = store.document_ids()
    stored: Counter[tuple[str, str]] = Counter()
    for doc_id in ids:
        doc_text = store.document(doc_id).text
        for ann in store.annotations(doc_id, "anercorp", "entity"):
            assert isinstance(ann, Entity)
            stored[(ann.label, doc_text[ann.span.start : ann.span.end])] += 1
        assert store.status(doc_id, "anercorp") == "done"
    rename = {"PERS": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
    assert stored == Counter({(rename[k], words): n for (k, words), n in expected.items()})
    assert store.check() == []

    box = window.findChild(ReportBox)
    assert box is not None
    assert box.isVisible()
    total = sum(expected.values())
    assert box.text() == (
        f"Imported 3 documents (0 already there). {total} annotations for anercorp."
    )
    assert f"{repairs} broken BIO tags repaired" in box.informativeText()
    assert "“anercorp”" in box.informativeText()

    # The lead switches to the anercorp annotator and sees its labels on the article.
    window.session.set_annotator("anercorp")
    assert window.session.open_document(ids[0])
    first_doc = sum(1 for _ in store.annotations(ids[0], "anercorp", "entity"))
    assert first_doc > 0
    # A long document's annotations may come in after its first screen.
    qtbot.waitUntil(lambda: window.annotation_models["entity"].rowCount() == first_doc)
    store.close()


BAD_CONLL = (
    "قال O\nبوتين B-PERS\nفي O\nموسكو B-LOC\n\n"
    "هذا O\nسطر\nناقص O\n\n"
    "صاروخ B-WEAPON\nجديد O\nفي O\nكييف B-LOC\n"
)


def test_a_bad_file_is_reported_with_its_lines_and_the_store_stays_sound(
    qtbot, make_window: MakeWindow, db_path: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.conll"
    bad.write_text(BAD_CONLL, encoding="utf-8")
    broken = tmp_path / "latin1.conll"
    broken.write_bytes("café O\n".encode("latin-1"))
    store = Store.open(db_path)
    window = make_window(store)
    dialog = open_import_dialog(window)
    dialog.add_paths([bad, broken])
    select_data(dialog.format_box, "conll")
    select_data(dialog.tagset_box, "anercorp")
    import_through(qtbot, window, dialog)

    assert store.count_documents() == 1
    (doc_id,) = store.document_ids()
    doc = store.document(doc_id)
    labels = sorted(
        (a.label, doc.text[a.span.start : a.span.end])
        for a in store.annotations(doc_id, "anercorp", "entity")
        if isinstance(a, Entity)
    )
    assert labels == [("LOC", "كييف"), ("LOC", "موسكو"), ("PER", "بوتين")]
    assert store.check() == []
    box = window.findChild(ReportBox)
    assert box is not None
    assert box.isVisible()
    assert box.text().endswith("3 rejected.")
    info = box.informativeText()
    assert "Rejected (3):" in info
    assert f"{bad}:7" in info  # the line without a tag
    assert "latin1.conll" in info
    assert "UTF-8" in info
    assert "'WEAPON'" in info
    assert "WEAPON" in box.detailedText()
    assert window.documents.total == 1
    store.close()


def test_the_import_dialog_maps_labels_and_refuses_a_bad_mapping(
    qtbot, make_window: MakeWindow, db_path: Path, tmp_path: Path
) -> None:
    sample = tmp_path / "weapons.conll"
    sample.write_text("صاروخ B-WEAPON\nجديد O\nفي O\nكييف B-LOC\n", encoding="utf-8")
    store = Store.open(db_path)
    window = make_window(store)
    dialog = open_import_dialog(window)
    ok_button(dialog).click()
    assert dialog.error_label.text() == "Add at least one file or folder."
    dialog.add_paths([sample, sample])
    assert dialog.paths() == [sample]
    select_data(dialog.format_box, "conll")
    dialog.annotator_edit.clear()
    qtbot.keyClicks(dialog.annotator_edit, "  ")
    ok_button(dialog).click()
    assert dialog.error_label.text() == "Name the annotator the labels belong to."
    qtbot.keyClicks(dialog.annotator_edit, "imported")
    select_data(dialog.tagset_box, "anercorp")
    assert dialog.annotator_edit.text().strip() == "imported"  # typed: kept
    dialog.mapping_edit.setPlainText("# weapons are things\n\nWEAPON")
    ok_button(dialog).click()
    assert dialog.error_label.text() == "Line 3 of the label mapping is not SRC=DST."
    assert dialog.isVisible()
    assert store.count_documents() == 0
    dialog.mapping_edit.setPlainText("WEAPON = MISC")
    import_through(qtbot, window, dialog)

    (doc_id,) = store.document_ids()
    assert entity_rows(store, doc_id, "imported") == [(0, 5, "MISC"), (14, 18, "LOC")]
    box = window.findChild(ReportBox)
    assert box is not None
    assert box.text() == "Imported 1 documents (0 already there). 2 annotations for imported."
    assert "rejected" not in box.text()
    store.close()


def test_plain_imports_from_the_dialog_need_no_annotator_and_say_so_in_the_status_bar(
    qtbot, make_window: MakeWindow, db_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    for i, text in enumerate(ARTICLES):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    store = Store.open(db_path)
    window = make_window(store)
    dialog = open_import_dialog(window)
    assert dialog.format_name() == "auto"
    formats = [dialog.format_box.itemData(i) for i in range(dialog.format_box.count())]
    assert formats[0] == "auto"
    assert {
        "txt",
        "jsonl",
        "csv",
        "conll",
        "brat",
        "jsonl-annotated",
        "doccano",
        "labelstudio",
    } <= set(formats)
    dialog.add_paths([folder])
    assert dialog.request().annotator is None
    import_through(qtbot, window, dialog)

    assert store.count_documents() == len(ARTICLES)
    assert window.documents.total == len(ARTICLES)
    assert window.statusBar().currentMessage() == (
        f"Imported {len(ARTICLES)} documents (0 already there)."
    )
    assert window.findChild(ReportBox) is None or not window.findChild(ReportBox).isVisible()
    store.close()


def test_import_and_export_are_in_the_file_menu_and_the_shortcuts_help(
    make_window: MakeWindow, corpus
) -> None:
    store, _ = corpus
    window = make_window(store)
    keys = {entry.keys: entry.what for entry in window.shortcuts.entries}
    assert keys["Ctrl+O"].startswith("Import documents, or labelled data")
    assert keys["Ctrl+E"].startswith("Export training data")
    file_menu = window.menuBar().actions()[0].menu()
    assert window.import_action in file_menu.actions()
    assert window.export_action in file_menu.actions()
