"""Fixtures shared by every test: an isolated environment, stores, the seed text, shared data."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus.store import Store

# Before any QApplication exists (pytest-qt makes one per session): no screen needed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SEED_FILE = next((REPO / "seeds").glob("*.txt"))


@pytest.fixture(autouse=True)
def isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test touches the user's real database, settings or data folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("TAWSIM_DB", raising=False)
    monkeypatch.setenv("QT_QPA_PLATFORM", os.environ.get("QT_QPA_PLATFORM", "offscreen"))


@pytest.fixture
def store() -> Iterator[Store]:
    """A fresh in-memory store with the default schema."""
    s = Store.memory()
    yield s
    s.close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "tawsim.db"


@pytest.fixture
def seed_text() -> str:
    return SEED_FILE.read_text(encoding="utf-8")


@pytest.fixture
def seeded(store: Store, seed_text: str) -> tuple[Store, int]:
    """The in-memory store holding the seed article; returns (store, document id)."""
    from corpus.importers import import_paths

    summary = import_paths(store, [REPO / "seeds"], "txt")
    assert summary.imported == 1
    return store, store.document_ids()[0]


def shared_data_dir() -> Path | None:
    """``../shared/data`` beside the checkout (or $TAWSIM_SHARED_DATA), if present."""
    configured = os.environ.get("TAWSIM_SHARED_DATA")
    candidate = Path(configured) if configured else REPO.parent / "shared" / "data"
    return candidate if candidate.is_dir() else None


@pytest.fixture
def shared_data() -> Path:
    """The real third-party corpora; the test is skipped, saying why, when absent."""
    found = shared_data_dir()
    if found is None:
        pytest.skip(
            "third-party corpora not found: ../shared/data is absent (set TAWSIM_SHARED_DATA)"
        )
    return found
