"""Where the shipped data lives: ``schema/`` and ``seeds/``, in a checkout or a wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    packaged = _PACKAGE_DIR / "_data" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE_DIR.parent / name


def schema_dir() -> Path:
    """The folder holding the label schemas and the store's SQL migrations."""
    return _data_dir("schema")


def seeds_dir() -> Path:
    """The folder of sample articles a new database is seeded with."""
    return _data_dir("seeds")


def default_schema_path() -> Path:
    return schema_dir() / "news.toml"
