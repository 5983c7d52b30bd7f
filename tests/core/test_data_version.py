"""Store.data_version and last_event_id: how a window notices others' commits."""

from __future__ import annotations

from pathlib import Path

from corpus.store import Store


def test_data_version_moves_on_another_connections_commit_only(db_path: Path) -> None:
    with Store.open(db_path) as mine, Store.open(db_path) as other:
        doc_id = mine.add_document("قال ديمتري بيسكوف إن العلاقات جيدة", "t")
        seen = other.last_event_id()
        version = other.data_version()
        assert other.data_version() == version  # reading changes nothing

        own = other.add_entity(doc_id, "layla", 4, 17, "PER")
        assert other.data_version() == version  # its own commit
        after_own = other.last_event_id()
        assert after_own > seen

        theirs = mine.add_entity(doc_id, "layla", 21, 29, "ORG")
        assert other.data_version() != version
        new = other.events(doc_id, after_id=after_own)
        assert [e.key for e in new] == [theirs.uuid]
        assert other.last_event_id() == new[-1].id
        assert own.uuid not in [e.key for e in new]


def test_last_event_id_of_an_empty_log_is_zero() -> None:
    with Store.memory() as store:
        assert store.last_event_id() == 0
