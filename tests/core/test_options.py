"""The validated export/import options (corpus.options), and the CLI showing their one message."""

from __future__ import annotations

import pytest

from corpus.cli import EXIT_USAGE, main
from corpus.options import (
    FORMAT_LAYERS,
    ExportOptions,
    ImportOptions,
    OptionError,
    parse_layers,
    parse_mapping,
    parse_mappings,
    parse_split,
)


def test_split_is_three_percentages_adding_up_to_100() -> None:
    assert parse_split("80/10/10") == (80, 10, 10)
    assert parse_split("100/0/0") == (100, 0, 0)
    assert ExportOptions(split=(70, 20, 10)).split == (70, 20, 10)
    with pytest.raises(OptionError, match=r"add up to 100% \(now 95%\)"):
        parse_split("80/10/5")
    with pytest.raises(OptionError, match="is not TRAIN/DEV/TEST"):
        parse_split("80-10-10")
    with pytest.raises(OptionError, match="three percentages, none negative"):
        parse_split("80/20")
    with pytest.raises(OptionError, match="none negative"):
        ExportOptions(split=(110, -5, -5))


def test_mappings_are_src_equals_dst() -> None:
    assert parse_mapping(" PERSON = PER ") == ("PERSON", "PER")
    assert parse_mapping("A=B=C") == ("A", "B=C")
    for bad in ("PERSON", "=PER", "PERSON=", " = "):
        with pytest.raises(OptionError, match="is not SRC=DST"):
            parse_mapping(bad)
    assert parse_mappings("# comment\n\nPERSON=PER\nGPE = LOC\n") == {
        "PERSON": "PER",
        "GPE": "LOC",
    }
    with pytest.raises(OptionError, match=r"^line 3 of the label mapping is not SRC=DST$"):
        parse_mappings("A=B\n\nbroken\n")
    with pytest.raises(OptionError, match="is not SRC=DST"):
        ImportOptions(label_map={"A": " "})
    assert ImportOptions.from_text(maps=["X=Y"]).label_map == {"X": "Y"}


def test_layers_are_known_at_least_one_in_the_core_order() -> None:
    assert parse_layers("stance, entity") == ("entity", "stance")
    assert ExportOptions(layers=("quote", "entity")).layers == ("entity", "quote")
    with pytest.raises(OptionError, match="unknown layer 'quotes'"):
        parse_layers("entity,quotes")
    with pytest.raises(OptionError, match="at least one layer"):
        parse_layers(" , ")
    with pytest.raises(OptionError, match="at least one layer"):
        ExportOptions(layers=())


def test_each_format_says_which_layers_it_holds() -> None:
    assert FORMAT_LAYERS == {
        "jsonl": ("entity", "quote", "stance", "suggestions"),
        "brat": ("entity", "quote", "stance"),
        "parquet": ("entity", "quote", "stance"),
        "conll": ("entity",),
    }
    quotes = ExportOptions(layers=("quote",))
    for fmt in ("jsonl", "brat", "parquet"):
        quotes.check_format(fmt)
    ExportOptions(layers=("entity", "quote")).check_format("conll")
    with pytest.raises(OptionError, match="the conll format holds entities only"):
        quotes.check_format("conll")
    with pytest.raises(OptionError, match="export format 'xml' is not one of"):
        quotes.check_format("xml")


def test_status_tagset_seed_offsets_and_annotator_are_checked() -> None:
    with pytest.raises(OptionError, match="status 'todo' is not one of done, any"):
        ExportOptions(status="todo")
    with pytest.raises(OptionError, match="tag set 'conll' is not one of default, anercorp"):
        ExportOptions(tagset="conll")
    with pytest.raises(OptionError, match="seed '7' is not an integer"):
        ExportOptions(seed="7")  # type: ignore[arg-type]
    with pytest.raises(OptionError, match="seed True is not an integer"):
        ExportOptions(seed=True)
    with pytest.raises(OptionError, match="offsets 'bytes' is not one of auto, codepoint, utf16"):
        ImportOptions(offsets="bytes")
    with pytest.raises(OptionError, match="tag set"):
        ImportOptions(tagset="x")
    with pytest.raises(OptionError, match="annotator: give a name"):
        ExportOptions(annotator="  ")
    made = ExportOptions.from_text(layers="entity", split="50/25/25", seed=3, status="any")
    assert made == ExportOptions(layers=("entity",), split=(50, 25, 25), seed=3, status="any")


# One CLI test per rule: the core's message, exit 2, before any database is opened.
@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "--format", "jsonl", "--split", "80/10/5"], "must add up to 100% (now 95%)"),
        (["export", "--format", "jsonl", "--split", "a/b/c"], "is not TRAIN/DEV/TEST"),
        (["export", "--format", "jsonl", "--layer", "entity,quotes"], "unknown layer 'quotes'"),
        (["export", "--format", "jsonl", "--layer", ","], "choose at least one layer"),
        (["export", "--format", "conll", "--layer", "quote"], "conll format holds entities only"),
        (["import", "--map", "PERSON", "x.jsonl"], "label mapping 'PERSON' is not SRC=DST"),
        (["export", "--format", "xml"], "export format 'xml' is not one of jsonl, brat"),
        (["export", "--format", "jsonl", "--status", "todo"], "status 'todo' is not one of"),
        (["export", "--format", "jsonl", "--tagset", "x"], "tag set 'x' is not one of"),
        (["import", "--tagset", "x", "x.jsonl"], "tag set 'x' is not one of default, anercorp"),
        (["import", "--offsets", "bytes", "x.jsonl"], "offsets 'bytes' is not one of auto"),
    ],
)
def test_cli_shows_the_option_error(capsys, tmp_path, argv, message) -> None:
    db = tmp_path / "never" / "t.db"
    if argv[0] == "export":
        argv = [*argv, "--out", str(tmp_path / "out")]
    assert main(["--db", str(db), *argv]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith(f"tawsim {argv[0]}: error: ") and message in err
    assert len(err.strip().splitlines()) == 1
    assert not db.parent.exists() and not (tmp_path / "out").exists()
