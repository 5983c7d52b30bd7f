"""Which database to open: ``--db``, else ``$TAWSIM_DB``, else the user's default one."""

from __future__ import annotations

import os
from pathlib import Path

from corpus.schema import load_schema
from corpus.store import Store


def user_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "tawsim"


def default_db_path() -> Path:
    return user_data_dir() / "tawsim.db"


def resolve_db_path(db: str | os.PathLike[str] | None) -> tuple[Path, bool]:
    """The database path, and whether it is the user's default database."""
    if db:
        return Path(db), False
    env = os.environ.get("TAWSIM_DB")
    if env:
        return Path(env), False
    return default_db_path(), True


def seed(store: Store) -> int:
    """Import the sample articles of ``seeds/``; returns how many were new."""
    from corpus.importers import import_paths
    from corpus.resources import seeds_dir

    folder = seeds_dir()
    if not folder.is_dir():
        return 0
    return import_paths(store, [folder], "txt").imported


def open_store(
    db: str | os.PathLike[str] | None = None,
    schema: str | os.PathLike[str] | None = None,
    *,
    allow_dropped_labels: bool = False,
) -> Store:
    """Open the chosen database; the default one is created and seeded on first use."""
    path, is_default = resolve_db_path(db)
    fresh = is_default and not path.exists()
    store = Store.open(
        path,
        load_schema(schema) if schema else None,
        allow_dropped_labels=allow_dropped_labels,
    )
    if fresh:
        seed(store)
    return store
