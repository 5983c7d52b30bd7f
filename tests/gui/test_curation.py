"""The curation view in the real window: keys decide items into gold's stored layer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from corpus.agreement import store_agreement
from corpus.model import Entity, Span
from corpus.store import Store
from gui.curation import FIXED_COLUMNS, AgreementDialog, CurationDialog, annotator_color
from gui.window import MainWindow
from tests.gui.conftest import MakeWindow

TEXT = "قال محمد علي إن شركة أرامكو في الرياض تدعم الخطة"


def _span(word: str, shift: int = 0) -> Span:
    start = TEXT.index(word)
    return Span(start + shift, start + len(word))


def _team_store(path: Path | None = None) -> tuple[Store, int]:
    store = Store.open(path) if path else Store.memory()
    doc = store.add_document(TEXT, "خبر")
    for name in ("ali", "badr"):
        muhammad = _span("محمد علي")
        store.add_entity(doc, name, muhammad.start, muhammad.end, "PER")
    aramco = _span("أرامكو")
    store.add_entity(doc, "ali", aramco.start, aramco.end, "ORG")
    store.add_entity(doc, "badr", aramco.start, aramco.end, "GPE")
    riyadh, late = _span("الرياض"), _span("الرياض", 2)
    store.add_entity(doc, "ali", riyadh.start, riyadh.end, "GPE")
    store.add_entity(doc, "badr", late.start, late.end, "GPE")
    return store, doc


def _open_curation(qtbot, window: MainWindow) -> CurationDialog:
    window.on_curate_triggered()
    (dialog,) = window.findChildren(CurationDialog)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.table.setFocus()
    return dialog


def _gold(store: Store, doc: int) -> list[tuple[Span, str]]:
    return [(a.span, a.label) for a in store.annotations(doc, "gold") if isinstance(a, Entity)]


def test_disagreements_come_first_with_each_annotators_variant_in_its_colour(
    qtbot, make_window: MakeWindow
) -> None:
    store, doc = _team_store()
    dialog = _open_curation(qtbot, make_window(store, doc))
    table = dialog.table
    assert dialog.annotators == ["ali", "badr"]
    assert table.rowCount() == 3
    assert [table.item(r, 1).text() for r in range(3)] == [
        "disagreement",
        "disagreement",
        "unanimous",
    ]
    assert table.item(0, FIXED_COLUMNS).text() == "«أرامكو» ORG"
    assert table.item(0, FIXED_COLUMNS + 1).text() == "«أرامكو» GPE"
    assert table.item(1, FIXED_COLUMNS + 1).text() == "«رياض» GPE"
    assert table.item(0, FIXED_COLUMNS + 1).background().color() == annotator_color(1)
    assert [table.item(r, 2).text() for r in range(3)] == ["open"] * 3
    assert dialog.summary.text() == "3 items, 2 disagreements, 3 still open"


def test_a_accepts_the_selected_annotators_variant_and_r_rejects(
    qtbot, make_window: MakeWindow
) -> None:
    store, doc = _team_store()
    dialog = _open_curation(qtbot, make_window(store, doc))
    table = dialog.table
    table.setCurrentCell(0, FIXED_COLUMNS + 1)  # badr's Aramco: GPE
    qtbot.keyClick(table, Qt.Key.Key_A)
    assert _gold(store, doc) == [(_span("أرامكو"), "GPE")]
    assert table.item(0, 2).text() == "accepted: badr"
    assert table.currentRow() == 1  # on to the next item
    qtbot.keyClick(table, Qt.Key.Key_R)
    assert table.item(1, 2).text() == "rejected"
    assert store.curation_rejections(doc) == {dialog.items[1].key}
    assert _gold(store, doc) == [(_span("أرامكو"), "GPE")]
    # Enter accepts as well: ali's ORG replaces the GPE in gold.
    table.setCurrentCell(0, FIXED_COLUMNS)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert _gold(store, doc) == [(_span("أرامكو"), "ORG")]
    assert table.item(0, 2).text() == "accepted: ali"
    # Backspace rejects: gold loses its copy.
    table.setCurrentCell(0, FIXED_COLUMNS)
    qtbot.keyClick(table, Qt.Key.Key_Backspace)
    assert _gold(store, doc) == []
    assert table.item(0, 2).text() == "rejected"


def test_u_accepts_every_unanimous_item(qtbot, make_window: MakeWindow) -> None:
    store, doc = _team_store()
    dialog = _open_curation(qtbot, make_window(store, doc))
    qtbot.keyClick(dialog.table, Qt.Key.Key_U)
    assert _gold(store, doc) == [(_span("محمد علي"), "PER")]
    assert dialog.table.item(2, 2).text() == "accepted: ali, badr"
    assert dialog.summary.text() == "3 items, 2 disagreements, 2 still open"


def test_choosing_an_item_brings_its_span_to_the_article(qtbot, make_window: MakeWindow) -> None:
    store, doc = _team_store()
    dialog = _open_curation(qtbot, make_window(store, doc))
    with qtbot.waitSignal(dialog.span_chosen) as blocker:
        dialog.table.setCurrentCell(1, FIXED_COLUMNS)
    assert blocker.args == [_span("الرياض")]


def test_the_agreement_report_shows_the_cores_figures(
    qtbot, make_window: MakeWindow, tmp_path: Path
) -> None:
    # The report is computed on a worker's own connection: a file, not :memory:.
    store, doc = _team_store(tmp_path / "team.tawsim")
    window = make_window(store, doc)
    expected = store_agreement(store)
    window.on_agreement_triggered()
    qtbot.waitUntil(lambda: bool(window.findChildren(AgreementDialog)), timeout=30000)
    (dialog,) = window.findChildren(AgreementDialog)
    table = dialog.table
    assert table.item(0, 0).text() == "ali / badr"
    pair = expected["entities"]["pairs"][0]
    assert table.item(0, 1).text() == f"{pair['exact']['f1']:.3f}"
    assert table.item(0, 2).text() == f"{pair['overlap']['f1']:.3f}"
    assert table.item(0, 4).text() == "—"  # nobody marked a quote


def test_ctrl_shift_g_opens_the_view_and_golds_own_window_shows_what_was_accepted(
    qtbot, make_window: MakeWindow
) -> None:
    store, doc = _team_store()
    window = make_window(store, doc)
    window.session.set_annotator("gold")
    assert window.session.open_document(doc)
    qtbot.waitUntil(lambda: not window.loading)
    assert window.session.annotations() == []
    qtbot.keyClick(
        window.article,
        Qt.Key.Key_G,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: bool(window.findChildren(CurationDialog)))
    (dialog,) = window.findChildren(CurationDialog)
    dialog.accept_all_unanimous()
    qtbot.waitUntil(lambda: not window.loading)
    assert [(a.span, a.label) for a in window.session.annotations()] == [  # type: ignore[union-attr]
        (_span("محمد علي"), "PER")
    ]
