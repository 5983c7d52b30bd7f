"""Label schemas: the default one, and clear errors for broken ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.errors import SchemaError
from corpus.schema import default_schema, load_schema, parse_schema


def test_default_schema_has_the_news_labels_with_keys_and_names() -> None:
    schema = default_schema()
    assert schema.entity_labels == ("PER", "ORG", "GPE", "LOC", "EVENT", "MISC")
    assert [d.key for d in schema.entities] == ["1", "2", "3", "4", "5", "6"]
    assert all(d.name_ar and d.name_en and d.color.startswith("#") for d in schema.entities)
    assert schema.quote_kind_labels == ("direct", "indirect", "mixed")
    assert schema.polarity_labels == ("support", "oppose", "neutral")
    assert schema.entity_by_key("3").label == "GPE"
    assert len(schema.sha256) == 64


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name = [", "not valid TOML"),
        ('name = "x"', "at least one"),
        (
            'name = "x"\n[[entity]]\nlabel = "A"\n[[entity]]\nlabel = "A"\n',
            r"entity\[1\].label 'A' is declared twice",
        ),
        ('name = "x"\n[[entity]]\nlabel = "A"\ncolor = "red"\n', r"entity\[0\].color"),
        (
            'name = "x"\n[[entity]]\nlabel = "A"\nkey = "1"\n[[entity]]\nlabel = "B"\nkey = "1"\n',
            "already used",
        ),
        ('name = "x"\n[[entity]]\nlabel = "A"\nshape = 1\n', "unknown keys: shape"),
        ('name = "x"\nlables = 1\n', "unknown top-level keys: lables"),
        ('name = "x"\n[[entity]]\nlabel = "has space"\n', "label must be a name"),
    ],
)
def test_broken_schemas_name_the_file_and_key(text: str, message: str) -> None:
    with pytest.raises(SchemaError, match=message) as exc:
        parse_schema(text, "my.toml")
    assert str(exc.value).startswith("my.toml")


def test_missing_schema_file(tmp_path: Path) -> None:
    with pytest.raises(SchemaError, match="cannot read schema"):
        load_schema(tmp_path / "none.toml")


def test_defaults_for_quote_kinds_and_polarities() -> None:
    schema = parse_schema('name = "mini"\n[[entity]]\nlabel = "PER"\n')
    assert schema.quote_kind_labels == ("direct", "indirect", "mixed")
    assert schema.polarity_labels == ("support", "oppose", "neutral")
