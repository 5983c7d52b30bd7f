"""Plain-text imports: the title is one line of at most ~120 characters, cut between
words; the text keeps the whole first line."""

from __future__ import annotations

from pathlib import Path

from corpus.importers import import_paths
from corpus.importers.documents import TXT_TITLE_LIMIT, txt_title
from corpus.store import Store

LONG_FIRST_LINE = " ".join(
    ["حدد الكرملين تأثيرًا سلبيًا وصفه بأنه محدود على العلاقات مع الصين وسط الحرب في أوكرانيا"] * 4
)


def test_a_long_first_paragraph_gives_a_title_cut_at_a_word_boundary(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    body = f"\n\n  {LONG_FIRST_LINE}  \nوقال ديمتري بيسكوف إن العلاقات جيدة.\n"
    (folder / "long.txt").write_text(body, encoding="utf-8")
    (folder / "short.txt").write_text("عنوان قصير\nنص المقال.\n", encoding="utf-8")
    with Store.memory() as store:
        summary = import_paths(store, [folder], "auto")
        assert summary.imported == 2
        docs = {d.external_id: d for d in store.iter_documents()}
        long_doc, short_doc = docs["long"], docs["short"]
        title = long_doc.title
        assert len(title) <= TXT_TITLE_LIMIT
        assert "\n" not in title
        assert title.endswith("…")
        kept = title[:-1]
        assert len(kept) > TXT_TITLE_LIMIT // 2
        assert LONG_FIRST_LINE.startswith(kept)
        # Cut between words: the next character of the line is a space.
        assert LONG_FIRST_LINE[len(kept)] == " "
        assert LONG_FIRST_LINE in long_doc.text
        assert short_doc.title == "عنوان قصير"


def test_a_title_of_one_endless_word_is_cut_inside_it() -> None:
    word = "ب" * 500
    title = txt_title(f"{word}\nنص")
    assert title == "ب" * (TXT_TITLE_LIMIT - 1) + "…"


def test_the_title_is_the_first_non_empty_line_and_nothing_for_blank_text() -> None:
    assert txt_title("\n \n\tالعنوان هنا \nالنص") == "العنوان هنا"
    assert txt_title(" \n\n") == ""
    exactly = "ك" * TXT_TITLE_LIMIT
    assert txt_title(exactly) == exactly
