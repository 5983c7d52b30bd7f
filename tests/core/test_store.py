"""The store: documents, annotations of three layers, validation, the event log, undo."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from corpus.errors import (
    ConflictError,
    NotFoundError,
    SchemaError,
    StoreVersionError,
    ValidationError,
)
from corpus.model import Change, Edit, Entity, NewDocument, Ref, Span, Topic
from corpus.schema import parse_schema
from corpus.store import Store, migrations


def _span_of(text: str, needle: str, nth: int = 0) -> Span:
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    return Span(at, at + len(needle))


def test_entity_is_stored_with_exact_offsets(seeded: tuple[Store, int]) -> None:
    store, doc_id = seeded
    text = store.document(doc_id).text
    span = _span_of(text, "ديمتري بيسكوف")
    entity = store.add_entity(doc_id, "ali", span.start, span.end, "PER")
    stored = store.annotations(doc_id)
    assert stored == [entity]
    assert text[stored[0].span.start : stored[0].span.end] == "ديمتري بيسكوف"
    assert stored[0].annotator == "ali"
    assert stored[0].created_at and stored[0].updated_at


def test_quote_with_entity_speaker_and_cue_round_trips(seeded: tuple[Store, int]) -> None:
    store, doc_id = seeded
    text = store.document(doc_id).text
    peskov = _span_of(text, "ديمتري بيسكوف")
    speaker = store.add_entity(doc_id, "ali", peskov.start, peskov.end, "PER")
    cue = _span_of(text, "وقال")
    content = _span_of(text, "العقوبات الأمريكية والتهديدات بفرض عقوبات على الصين")
    quote = store.add_quote(doc_id, "ali", content, "indirect", cue=cue, speaker=Ref(speaker.uuid))
    [_, stored] = store.annotations(doc_id)
    assert stored == quote
    assert stored.speaker == Ref(speaker.uuid)
    assert text[stored.cue.start : stored.cue.end] == "وقال"


def test_stance_with_free_topic_and_evidence(seeded: tuple[Store, int]) -> None:
    store, doc_id = seeded
    text = store.document(doc_id).text
    china = _span_of(text, "الصين", 2)
    holder = store.add_entity(doc_id, "ali", china.start, china.end, "GPE")
    evidence = _span_of(text, "قلقها")
    stance = store.add_stance(
        doc_id, "ali", Ref(holder.uuid), Topic("الحرب في أوكرانيا"), "oppose", [evidence]
    )
    assert store.annotation(stance.uuid) == stance
    assert stance.target == Topic("الحرب في أوكرانيا")
    assert stance.evidence == (evidence,)


@pytest.mark.parametrize(
    ("start", "end", "label", "message"),
    [
        (0, 99_999, "PER", "outside the text"),
        (5, 5, "PER", "empty"),
        (-1, 3, "PER", "empty or negative"),
        (0, 3, "PERSON", "not in schema"),
    ],
)
def test_invalid_entity_is_refused_and_nothing_written(
    seeded: tuple[Store, int], start: int, end: int, label: str, message: str
) -> None:
    store, doc_id = seeded
    events_before = len(store.events())
    with pytest.raises(ValidationError, match=message):
        store.add_entity(doc_id, "ali", start, end, label)
    assert store.annotations(doc_id) == []
    assert len(store.events()) == events_before


def test_reference_to_another_documents_entity_is_refused(seeded: tuple[Store, int]) -> None:
    store, doc_id = seeded
    other = store.add_document("نص آخر عن بكين وموسكو", title="آخر")
    foreign = store.add_entity(other, "ali", 10, 14, "GPE")
    with pytest.raises(ValidationError, match="is in document"):
        store.add_quote(doc_id, "ali", Span(0, 10), "direct", speaker=Ref(foreign.uuid))
    with pytest.raises(ValidationError, match="no annotation"):
        store.add_stance(
            doc_id, "ali", Ref("00000000-0000-4000-8000-000000000000"), Topic("x"), "support"
        )
    assert store.annotations(doc_id) == []


def test_quote_kind_and_polarity_come_from_the_schema(seeded: tuple[Store, int]) -> None:
    store, doc_id = seeded
    with pytest.raises(ValidationError, match="kind 'hearsay'"):
        store.add_quote(doc_id, "ali", Span(0, 5), "hearsay")
    with pytest.raises(ValidationError, match="polarity 'love'"):
        store.add_stance(doc_id, "ali", Span(0, 5), Span(6, 9), "love")


def test_every_change_is_logged_with_before_and_after(seeded: tuple[Store, int]) -> None:
    store, doc_id = seeded
    entity = store.add_entity(doc_id, "ali", 0, 8, "ORG")
    store.relabel(entity.uuid, "GPE")
    store.delete(entity.uuid)
    events = [e for e in store.events(doc_id) if e.action != "status"]
    assert [e.action for e in events] == ["create", "update", "delete"]
    assert events[0].before is None and events[0].after["label"] == "ORG"
    assert events[1].before["label"] == "ORG" and events[1].after["label"] == "GPE"
    assert events[2].before["label"] == "GPE" and events[2].after is None
    assert all(e.annotator == "ali" for e in events)


def test_event_log_is_append_only(seeded: tuple[Store, int]) -> None:
    store, doc_id = seeded
    store.add_entity(doc_id, "ali", 0, 8, "ORG")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store._conn.execute("DELETE FROM events")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store._conn.execute("UPDATE events SET action = 'create'")


def _snapshot(store: Store, doc_id: int) -> list[dict]:
    from corpus.model import annotation_to_json

    rows = []
    for ann in store.annotations(doc_id):
        data = annotation_to_json(ann)
        data.pop("updated_at")
        rows.append(data)
    return rows


def test_deleting_a_referenced_entity_keeps_its_span_and_undo_restores_all(
    seeded: tuple[Store, int],
) -> None:
    store, doc_id = seeded
    text = store.document(doc_id).text
    peskov = _span_of(text, "بيسكوف")
    entity = store.add_entity(doc_id, "ali", peskov.start, peskov.end, "PER")
    quote = store.add_quote(doc_id, "ali", Span(0, 20), "direct", speaker=Ref(entity.uuid))
    stance = store.add_stance(doc_id, "ali", Ref(entity.uuid), Ref(entity.uuid), "neutral")
    before = _snapshot(store, doc_id)

    edit = store.delete(entity.uuid)
    assert store.annotation(quote.uuid).speaker == peskov
    assert store.annotation(stance.uuid).holder == peskov
    with pytest.raises(NotFoundError):
        store.annotation(entity.uuid)

    store.apply(edit.inverted())
    assert _snapshot(store, doc_id) == before
    store.apply(edit)
    assert len(store.annotations(doc_id)) == 2


def test_undo_of_a_stale_edit_is_a_conflict_and_changes_nothing(seeded: tuple[Store, int]) -> None:
    store, doc_id = seeded
    entity = store.add_entity(doc_id, "ali", 0, 8, "ORG")
    create = Edit((Change(None, entity),))
    store.relabel(entity.uuid, "LOC")
    with pytest.raises(ConflictError):
        store.apply(create.inverted())
    assert store.annotation(entity.uuid).label == "LOC"


def test_edit_of_txn_rebuilds_the_edit_from_the_log(seeded: tuple[Store, int]) -> None:
    store, doc_id = seeded
    entity = store.add_entity(doc_id, "ali", 0, 8, "ORG")
    store.add_quote(doc_id, "ali", Span(0, 30), "direct", speaker=Ref(entity.uuid))
    edit = store.delete(entity.uuid)
    txn = next(e for e in store.events(doc_id) if e.action == "delete").txn
    rebuilt = store.edit_of_txn(txn)
    assert [c.uuid for c in rebuilt.changes] == [c.uuid for c in edit.changes]
    store.apply(rebuilt.inverted())
    assert store.annotation(entity.uuid).label == "ORG"


def test_status_defaults_to_todo_moves_on_with_work_and_is_logged(
    seeded: tuple[Store, int],
) -> None:
    store, doc_id = seeded
    assert store.status(doc_id, "ali") == "todo"
    store.add_entity(doc_id, "ali", 0, 8, "ORG")
    assert store.status(doc_id, "ali") == "in_progress"
    store.set_status(doc_id, "ali", "done")
    assert store.status(doc_id, "ali") == "done"
    assert store.status_counts("ali") == {"todo": 0, "in_progress": 0, "done": 1, "skipped": 0}
    statuses = [(e.before, e.after) for e in store.events(doc_id) if e.action == "status"]
    assert statuses == [
        ({"status": "todo"}, {"status": "in_progress"}),
        ({"status": "in_progress"}, {"status": "done"}),
    ]
    with pytest.raises(ValidationError):
        store.set_status(doc_id, "ali", "finished")


def test_reimporting_the_same_text_is_a_duplicate(store: Store) -> None:
    docs = [
        NewDocument(text="مرحبا بالعالم", title="a"),
        NewDocument(text="مرحبا بالعالم", title="b"),
    ]
    outcome = store.add_documents(docs)
    assert len(outcome.imported) == 1
    assert [d.title for d, _ in outcome.duplicates] == ["b"]
    again = store.add_documents([NewDocument(text="مرحبا بالعالم")])
    assert again.imported == [] and again.duplicates[0][1] == outcome.imported[0]
    assert store.count_documents() == 1


@pytest.mark.parametrize(
    ("query", "stored"),
    [
        ("اسيا", "جمهوريات آسيا الوسطى"),
        ("تأثيرا", "حدد الكرملين تأثيرًا سلبيًا"),
        ("سيعلن", "الوزير سيُعلن القرار غدا"),
        ("المكتبه", "ذهب إلى المكتبة"),
        ("مكتب*", "ذهب إلى مكتبة الجامعة"),
        ("على", "سافر إلى مصر علي"),
        ("الكرمـلين", "قال الكرملين"),
    ],
)
def test_search_folds_arabic_variants(store: Store, query: str, stored: str) -> None:
    doc_id = store.add_document(stored, title="t")
    store.add_document("نص لا علاقة له بشيء", title="other")
    assert [r.id for r in store.list_documents(search=query)] == [doc_id]
    assert store.document(doc_id).text == stored  # the stored text is untouched


def test_list_documents_filters_by_status_and_annotator(store: Store) -> None:
    ids = [store.add_document(f"وثيقة رقم {i}") for i in range(5)]
    store.set_status(ids[1], "ali", "done")
    store.set_status(ids[2], "mona", "done")
    store.set_status(ids[3], "ali", "skipped")
    assert [r.id for r in store.list_documents(status="done", annotator="ali")] == [ids[1]]
    assert [r.id for r in store.list_documents(status="done")] == [ids[1], ids[2]]
    assert [r.id for r in store.list_documents(status="todo", annotator="ali")] == [
        ids[0],
        ids[2],
        ids[4],
    ]
    assert [r.id for r in store.list_documents(limit=2, offset=1)] == ids[1:3]
    assert store.list_documents(status="done")[1].status == {"mona": "done"}
    assert store.count_documents(status="skipped") == 1
    with pytest.raises(NotFoundError):
        store.list_documents(annotator="nobody")


def test_stored_text_keeps_every_character(store: Store) -> None:
    text = "\u202bقال\u202c الـــرئيس 😀 زيارة\u200d مُهِمَّة\u200f 2024"
    doc_id = store.add_document(text)
    assert store.document(doc_id).text == text
    assert store.document(doc_id).length == len(text)


def test_pragmas_for_durability(db_path: Path) -> None:
    with Store.open(db_path) as store:
        assert store.pragma("journal_mode") == "wal"
        assert store.pragma("synchronous") == 2  # FULL
        assert store.pragma("foreign_keys") == 1
        assert store.pragma("busy_timeout") >= 5000
        assert store.schema_version == migrations()[-1][0]
        assert not store._conn.in_transaction


def test_newer_database_is_refused_untouched(db_path: Path) -> None:
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreVersionError, match="newer than this Tawsim"):
        Store.open(db_path)
    assert db_path.read_bytes() == before


def test_foreign_sqlite_file_is_refused_untouched(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE other (x)")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreVersionError, match="not Tawsim's"):
        Store.open(db_path)
    assert db_path.read_bytes() == before


def test_not_a_database_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreVersionError, match="not a SQLite database"):
        Store.open(junk)


def test_schema_switch_that_drops_used_labels_is_reported(db_path: Path) -> None:
    with Store.open(db_path) as store:
        doc_id = store.add_document("منظمة الصحة العالمية")
        store.add_entity(doc_id, "ali", 0, 5, "EVENT")
    narrow = parse_schema('name = "narrow"\n[[entity]]\nlabel = "PER"\nkey = "1"\n')
    with pytest.raises(SchemaError, match="EVENT"):
        Store.open(db_path, narrow)
    with Store.open(db_path) as store:  # unchanged: still the recorded schema
        assert store.schema.name == "news"
    with Store.open(db_path, narrow, allow_dropped_labels=True) as store:
        assert store.schema.name == "narrow"
        assert any("'EVENT'" in fault for fault in store.check())
    with Store.open(db_path) as store:
        assert store.schema.name == "narrow"  # the database records its schema


def test_check_finds_out_of_range_offsets(db_path: Path) -> None:
    with Store.open(db_path) as store:
        doc_id = store.add_document("نص قصير")
        store.add_entity(doc_id, "ali", 0, 2, "PER")
        assert store.check() == []
        # Simulate damage done behind the API's back.
        store._conn.execute('UPDATE annotations SET "end" = 50')
        assert any(f.startswith("offset:") for f in store.check())


def test_backup_is_a_working_copy(db_path: Path, tmp_path: Path) -> None:
    with Store.open(db_path) as store:
        doc_id = store.add_document("نسخة احتياطية")
        entity = store.add_entity(doc_id, "ali", 0, 4, "MISC")
        store.backup(tmp_path / "copy.db")
    with Store.open(tmp_path / "copy.db") as copy:
        assert copy.annotation(entity.uuid) == entity
        assert copy.check() == []


def test_update_changes_span_and_keeps_created_at(seeded: tuple[Store, int]) -> None:
    store, doc_id = seeded
    entity = store.add_entity(doc_id, "ali", 0, 8, "ORG")
    edit = store.update(replace(entity, span=Span(1, 9)))
    after = edit.changes[0].after
    assert isinstance(after, Entity)
    assert store.annotation(entity.uuid).span == Span(1, 9)
    assert after.created_at == entity.created_at
    assert after.updated_at >= entity.updated_at


def test_stats_counts_layers_labels_and_statuses(seeded: tuple[Store, int]) -> None:
    store, doc_id = seeded
    e = store.add_entity(doc_id, "ali", 0, 8, "ORG")
    store.add_entity(doc_id, "ali", 10, 14, "ORG")
    store.add_quote(doc_id, "ali", Span(20, 40), "direct", speaker=Ref(e.uuid))
    store.add_stance(doc_id, "mona", Span(0, 3), Topic("الحرب"), "support")
    stats = store.stats()
    assert stats["documents"] == 1 and stats["annotators"] == 2
    assert stats["annotations"] == {
        "entity": {"ORG": 2},
        "quote": {"direct": 1},
        "stance": {"support": 1},
    }
    assert stats["status"] == {"todo": 0, "in_progress": 2, "done": 0, "skipped": 0}
    json.dumps(stats)


def test_an_old_database_is_migrated_in_place_keeping_its_data(db_path: Path) -> None:
    from corpus.store import _split_sql

    [(_, first)] = [m for m in migrations() if m[0] == 1]
    conn = sqlite3.connect(db_path, isolation_level=None)
    for statement in _split_sql(first.read_text(encoding="utf-8")):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO documents (title, text, length, sha256, imported_at) "
        "VALUES ('t', 'نص قديم', 7, 'abc', '2026-01-01')"
    )
    conn.close()
    with Store.open(db_path) as store:
        assert store.schema_version == migrations()[-1][0] > 1
        assert store.document(1).text == "نص قديم"
        indexes = {
            r[0] for r in store._conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        }
        assert "annotations_by_document" in indexes


def test_annotations_in_range_finds_own_and_argument_spans(store: Store) -> None:
    text = "أحمد قال إن اللقاء في بكين كان مثمرا وأضاف أن الحوار سيستمر طويلا"
    doc_id = store.add_document(text, "range")
    ahmad = store.add_entity(doc_id, "ali", 0, 4, "PER")  # أحمد, before the range
    beijing = store.add_entity(doc_id, "ali", 22, 26, "GPE")  # بكين, inside
    added = store.add_entity(doc_id, "ali", 37, 42, "MISC")  # وأضاف, where it ends
    store.add_entity(doc_id, "omar", 22, 26, "GPE")  # another annotator's
    # Content after the range, cue (كان) inside it.
    quote = store.add_quote(doc_id, "ali", Span(43, 65), "indirect", cue=Span(27, 30))
    # Only its evidence (مثمرا) lies in the range.
    evidence = store.add_stance(
        doc_id, "ali", Ref(ahmad.uuid), Topic("الحوار"), "support", [Span(31, 36)]
    )
    # A holder given as a span in the range.
    held = store.add_stance(doc_id, "ali", Span(22, 26), Ref(ahmad.uuid), "neutral")
    # References and a topic only: no span at all, so in no range.
    bare = store.add_stance(doc_id, "ali", Ref(ahmad.uuid), Topic("اللقاء"), "oppose")
    every = store.annotations(doc_id, "ali")

    found = store.annotations_in_range(doc_id, "ali", 4, 37)
    touching = {beijing.uuid, quote.uuid, evidence.uuid, held.uuid}
    # Whole annotations (arguments included), in the order of annotations().
    assert found == [a for a in every if a.uuid in touching]
    assert found[1] == quote
    assert found[1].cue == Span(27, 30)
    # End-exclusive on both sides: [0, 4) and [37, 42) only touch its borders.
    assert store.annotations_in_range(doc_id, "ali", 4, 22) == []
    assert store.annotations_in_range(doc_id, "ali", 3, 4) == [ahmad]
    assert store.annotations_in_range(doc_id, "ali", 36, 38) == [added]
    assert store.annotations_in_range(doc_id, "ali", 35, 36) == [evidence]
    assert store.annotations_in_range(doc_id, "ali", 10, 10) == []
    assert store.annotations_in_range(doc_id, "nobody", 0, len(text)) == []
    # Ranges covering the text give every annotation that has a span; those
    # spanning a border come again in the next range, unchanged.
    seen: dict[str, object] = {}
    for start in range(0, len(text), 7):
        for ann in store.annotations_in_range(doc_id, "ali", start, start + 7):
            assert seen.setdefault(ann.uuid, ann) == ann
    with_spans = [a for a in every if a.uuid != bare.uuid]
    assert len(with_spans) == 6
    assert sorted(seen) == sorted(a.uuid for a in with_spans)
    assert store.annotations_in_range(doc_id, "ali", 0, len(text)) == with_spans


def test_set_statuses_is_one_transaction_and_refuses_unknown_ids(store: Store) -> None:
    ids = [store.add_document(f"وثيقة {i}") for i in range(4)]
    store.set_status(ids[0], "ali", "done")
    assert store.set_statuses(ids, "ali", "done") == 3
    assert store.status_counts("ali")["done"] == 4
    with pytest.raises(NotFoundError):
        store.set_statuses([ids[0], 999], "ali", "skipped")
    assert store.status(ids[0], "ali") == "done"  # nothing of the failed call was kept
    assert len([e for e in store.events() if e.action == "status"]) == 4


def test_annotations_starting_in_pages_through_entities_and_quotes_once(store: Store) -> None:
    text = "أحمد قال إن اللقاء في بكين كان مثمرا وأضاف أن الحوار سيستمر طويلا"
    doc_id = store.add_document(text, "pages")
    ahmad = store.add_entity(doc_id, "ali", 0, 4, "PER")  # أحمد
    beijing = store.add_entity(doc_id, "ali", 22, 26, "GPE")  # بكين
    store.add_entity(doc_id, "omar", 22, 26, "GPE")  # another annotator's
    # Starts in the first page, ends far into the second.
    quote = store.add_quote(doc_id, "ali", Span(9, 36), "indirect", cue=Span(5, 8))
    late = store.add_quote(doc_id, "ali", Span(43, 65), "direct", cue=Span(37, 42))
    store.add_stance(doc_id, "ali", Ref(ahmad.uuid), Topic("الحوار"), "support", [Span(31, 36)])

    assert store.annotations_starting_in(doc_id, "ali", 0, 20) == [ahmad, quote]
    # Start-inclusive, end-exclusive: [22, 26) starts at 22, quote content at 43.
    assert store.annotations_starting_in(doc_id, "ali", 20, 43) == [beijing]
    assert store.annotations_starting_in(doc_id, "ali", 22, 23) == [beijing]
    assert store.annotations_starting_in(doc_id, "ali", 23, 43) == []
    assert store.annotations_starting_in(doc_id, "ali", 43, 10**9) == [late]
    assert store.annotations_starting_in(doc_id, "ali", 30, 30) == []
    # Consecutive pages: every entity and quote once, none of the stances.
    paged = [
        ann
        for start in range(0, len(text), 5)
        for ann in store.annotations_starting_in(doc_id, "ali", start, start + 5)
    ]
    expected = [a for a in store.annotations(doc_id, "ali") if a.layer != "stance"]
    assert sorted(a.uuid for a in paged) == sorted(a.uuid for a in expected)
    assert len(paged) == len(expected) == 4
