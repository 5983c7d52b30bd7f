"""CoNLL import and export: ANERcorp round trip, BIO repair, real consumers (seqeval, spaCy)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from seqeval.metrics import f1_score
from seqeval.metrics.sequence_labeling import get_entities
from seqeval.scheme import IOB2, Entities

from corpus.cli import main
from corpus.exporters import ExportOptions, export
from corpus.exporters.common import split_plan
from corpus.importers import ImportOptions, import_paths
from corpus.importers.conll import SENTENCES_PER_DOCUMENT, decode_tags
from corpus.model import Entity
from corpus.store import Store
from corpus.tokens import flatten, tag_text, tokenization_of
from tests.conftest import SEED_FILE

ANERCORP = Path("anercorp-camel-lab") / "ANERCorp_CamelLab_test.txt"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def read_conll(path: Path) -> list[list[tuple[str, ...]]]:
    """Sentences of a CoNLL file as rows of columns; document lines left out."""
    sentences: list[list[tuple[str, ...]]] = [[]]
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        columns = tuple(line.split())
        if columns[:1] == ("-DOCSTART-",):
            continue
        if columns:
            sentences[-1].append(columns)
        elif sentences[-1]:
            sentences.append([])
    return [s for s in sentences if s]


def stored_entities(store: Store, annotator: str) -> list[tuple[int, int, int, str]]:
    found = []
    for doc_id in store.document_ids():
        for ann in store.annotations(doc_id, annotator, "entity"):
            assert isinstance(ann, Entity)
            found.append((doc_id, ann.span.start, ann.span.end, ann.label))
    return found


@pytest.fixture
def anercorp_db(shared_data: Path, db_path: Path, capsys) -> tuple[Path, dict]:
    code, out, _ = run(
        capsys,
        "import",
        "--db",
        str(db_path),
        "--format",
        "conll",
        "--as-annotator",
        "anercorp",
        "--tagset",
        "anercorp",
        "--json",
        str(shared_data / ANERCORP),
    )
    assert code == 0
    return db_path, json.loads(out)


def test_anercorp_import_counts_entities_and_repairs(anercorp_db) -> None:
    db_path, summary = anercorp_db
    # SOURCE.md: 925 sentences, 25,008 tokens, 2,285 entities when an orphan I- starts
    # one (74 orphans), PERS 907, LOC 676, ORG 459, MISC 243.
    assert summary["rejected"] == []
    assert summary["notes"] == []
    assert summary["imported"] == -(-925 // SENTENCES_PER_DOCUMENT)
    assert summary["annotations"] == 2285
    assert summary["repaired"] == 74
    with Store.open(db_path) as store:
        assert store.stats()["annotations"]["entity"] == {
            "PER": 907,
            "LOC": 676,
            "ORG": 459,
            "MISC": 243,
        }
        docs = list(store.iter_documents())
        assert sum(d.metadata["sentences"] for d in docs) == 925
        assert sum(len(d.text.split()) for d in docs) == 25008
        first = docs[0]
        assert first.text.startswith("الصالحية المفرق - غيث الطراونة -")
        labelled = {
            (first.text[a.span.start : a.span.end], a.label)
            for a in store.annotations(first.id, "anercorp")
        }
        assert {("الصالحية", "LOC"), ("غيث الطراونة", "PER"), ("عبدالله الثاني", "PER")} <= labelled


def test_anercorp_conll_round_trip_line_for_line(
    anercorp_db, shared_data: Path, tmp_path: Path, capsys
) -> None:
    db_path, _ = anercorp_db
    out = tmp_path / "aner.conll"
    code, _, err = run(
        capsys,
        "export",
        "--db",
        str(db_path),
        "--format",
        "conll",
        "--out",
        str(out),
        "--status",
        "any",
        "--tagset",
        "anercorp",
    )
    assert code == 0
    assert "folded" not in err  # PER, ORG, LOC, MISC only: nothing to fold
    original = read_conll(shared_data / ANERCORP)
    exported = read_conll(out)
    assert [len(s) for s in exported] == [len(s) for s in original]
    repaired = 0
    for sentence_in, sentence_out in zip(original, exported, strict=True):
        for (token, tag), (token_out, tag_out) in zip(sentence_in, sentence_out, strict=True):
            assert token_out == token
            if tag_out != tag:
                # Only the orphan I- tags differ: seqeval reads them as B-, and so did we.
                assert tag.startswith("I-")
                assert tag_out == "B-" + tag[2:]
                repaired += 1
        tags_in = [t for _, t in sentence_in]
        tags_out = [t for _, t in sentence_out]
        assert get_entities(tags_out) == get_entities(tags_in)
    assert repaired == 74
    # Every document starts with the CoNLL-2003 document line.
    text = out.read_text(encoding="utf-8")
    assert text.startswith("-DOCSTART- -X- O O\n\n")
    assert text.count("-DOCSTART- -X- O O\n") == 47


def test_decoding_reads_broken_bio_as_seqeval_does(shared_data: Path) -> None:
    for sentence in read_conll(shared_data / ANERCORP):
        tags = [row[1] for row in sentence]
        spans, _ = decode_tags([[t] for t in tags])
        ours = sorted((start, end - 1, kind) for start, end, kind in spans)
        theirs = sorted((start, end, kind) for kind, start, end in get_entities(tags))
        assert ours == theirs


def test_broken_bio_is_repaired_and_counted(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "broken.conll"
    path.write_text(
        "أنان I-PERS\nقال O\n\n"  # I- at a sentence start
        "في O\nالقاهرة I-LOC\nو O\n\n"  # I- after O
        "لبنان B-LOC\nالسعيد I-PERS\nحسن I-PERS\n\n"  # a type change without B-
        "نيويورك S-LOC\nمجلس B-ORG\nالأمن E-ORG\nالدولي I-ORG\n",  # IOBES; I- after E-
        encoding="utf-8",
    )
    summary = import_paths(store, [path], "conll", ImportOptions(tagset="anercorp"), "a")
    assert summary.repaired == 4
    assert summary.rejected == []
    assert summary.annotations == 7
    [doc] = list(store.iter_documents())
    assert doc.metadata["bio_repairs"] == 4
    got = [(doc.text[a.span.start : a.span.end], a.label) for a in store.annotations(doc.id)]
    assert got == [
        ("أنان", "PER"),
        ("القاهرة", "LOC"),
        ("لبنان", "LOC"),
        ("السعيد حسن", "PER"),
        ("نيويورك", "LOC"),
        ("مجلس الأمن", "ORG"),
        ("الدولي", "ORG"),
    ]


def test_lines_without_a_tag_reject_their_sentence_only(
    shared_data: Path, db_path: Path, capsys
) -> None:
    invalid = (
        shared_data
        / "doccano-fixtures"
        / "data_import"
        / "tests"
        / "data"
        / "sequence_labeling"
        / "labeling.invalid.conll"
    )
    code, out, _ = run(
        capsys,
        "import",
        "--db",
        str(db_path),
        "--format",
        "conll",
        "--as-annotator",
        "d",
        "--map",
        "PER=PER",
        "--json",
        str(invalid),
    )
    summary = json.loads(out)
    assert code == 1
    [rejection] = summary["rejected"]
    assert rejection["line"] == 1
    assert "SOCCERO SOCCERO SOCCERO" in rejection["reason"]
    with Store.open(db_path) as store:
        [doc] = list(store.iter_documents())
        assert doc.text == "Nadim Ladki\nAL-AIN , United Arab Emirates 1996-12-06"
        assert [
            (doc.text[a.span.start : a.span.end], a.label) for a in store.annotations(doc.id)
        ] == [("Nadim Ladki", "PER"), ("AL-AIN", "LOC"), ("United Arab Emirates", "LOC")]


def test_newsfane_bom_crlf_tab_separator_and_marks(shared_data: Path, store: Store) -> None:
    path = shared_data / "newsfane-gold" / "NewsFANE_Gold_2014_170K.sample.txt"
    options = ImportOptions(label_map={"Nation": "GPE", "Politician": "PER"})
    summary = import_paths(store, [path], "conll", options, "fane")
    docs = list(store.iter_documents())
    assert sum(d.metadata["sentences"] for d in docs) == 1218
    assert sum(len(d.text.split()) for d in docs) == 47195
    assert summary.repaired == 0
    # The U+200E marks stay on the tokens: stored text equals the file's tokens.
    assert docs[0].text.startswith("\u200eفرانكفورت ( \u200eد \u200eب \u200eا )")
    assert store.stats()["annotations"]["entity"] == {"GPE": 582, "PER": 311}
    # The other 37 fine-grained types are reported, not dropped silently.
    unknown = [n for n in summary.notes if "neither in the schema nor mapped" in n]
    assert len(unknown) == 37
    assert any("'Population-Center'" in n and "465 annotation(s)" in n for n in unknown)


def test_wojood_nested_tags_import_and_the_export_counts_what_bio_drops(
    shared_data: Path, store: Store, tmp_path: Path
) -> None:
    path = shared_data / "wojood-sample" / "val.txt"
    labels = (
        "NORP",
        "OCC",
        "DATE",
        "TIME",
        "CARDINAL",
        "ORDINAL",
        "PERCENT",
        "LANGUAGE",
        "QUANTITY",
        "WEBSITE",
        "UNIT",
        "LAW",
        "MONEY",
        "PRODUCT",
        "CURR",
        "FAC",
    )
    options = ImportOptions(tagset="anercorp", label_map=dict.fromkeys(labels, "MISC"))
    summary = import_paths(store, [path], "conll", options, "wojood")
    assert summary.annotations == 470
    assert summary.repaired == 0
    assert summary.notes == []
    entities = stored_entities(store, "wojood")
    by_doc: dict[int, list[tuple[int, int, str]]] = {}
    for doc_id, start, end, label in entities:
        by_doc.setdefault(doc_id, []).append((start, end, label))
    # val.txt:357 فلسطين I-ORG B-GPE: the GPE inside a newspaper's name is kept.
    texts = {d.id: d.text for d in store.iter_documents()}
    assert any(
        label == "GPE"
        and texts[d][start:end] == "فلسطين"
        and any(
            d == other and o_label == "ORG" and o_start <= start and end <= o_end
            for other, o_start, o_end, o_label in entities
        )
        for d, start, end, label in entities
    )
    nested_expected = sum(flatten(spans).dropped for spans in by_doc.values())
    # Wojood lists the outer entity's tag first: every B- after the first tag column
    # begins an inner entity, which BIO cannot hold.
    inner = sum(
        1
        for line in path.read_text(encoding="utf-8").splitlines()
        for tag in line.split()[2:]
        if tag.startswith("B-")
    )
    assert nested_expected == inner == 85
    report = export(store, "conll", tmp_path / "w.conll", ExportOptions(status="any"))
    assert report.dropped == nested_expected
    assert report.annotations == 470 - nested_expected
    assert any(f"{nested_expected} nested or overlapping" in n for n in report.notes)


def test_export_then_import_then_export_is_byte_identical(seeded, tmp_path: Path) -> None:
    store, doc_id = seeded
    text = store.document(doc_id).text
    for word, label in (
        ("الكرملين", "ORG"),
        ("ديمتري بيسكوف", "PER"),
        ("بكين", "GPE"),
        ("واشنطن", "GPE"),
        ("الحرب في أوكرانيا", "EVENT"),
    ):
        start = -1
        while (start := text.find(word, start + 1)) >= 0:
            store.add_entity(doc_id, "ali", start, start + len(word), label)
    first = tmp_path / "first.conll"
    report = export(store, "conll", first, ExportOptions(status="any"))
    assert report.dropped == 0
    assert "لبكين" in text
    assert "ل\tO\nبكين\tB-GPE\n" in first.read_text(encoding="utf-8")
    again = Store.memory()
    summary = import_paths(again, [first], "conll", ImportOptions(), "ali")
    assert summary.rejected == []
    assert summary.annotations == report.annotations
    second = tmp_path / "second.conll"
    export(again, "conll", second, ExportOptions(status="any"))
    assert second.read_bytes() == first.read_bytes()


def test_seqeval_accepts_the_exported_bio_as_strict_iob2(seeded, tmp_path: Path) -> None:
    store, doc_id = seeded
    text = store.document(doc_id).text
    # (text to find, where the entity starts in it, label): two lie inside clitic words.
    for found, skip, label in (
        ("ديمتري بيسكوف", 0, "PER"),
        ("لبكين", 1, "GPE"),
        ("وبالتالي", 0, "MISC"),
        ("مجلس الأمن الروسي", 0, "ORG"),
        ("وكالة أنباء تاس", 13, "ORG"),
    ):
        start = text.find(found)
        if start < 0:
            continue
        store.add_entity(doc_id, "ali", start + skip, start + len(found), label)
    wanted = len(store.annotations(doc_id, "ali"))
    assert wanted >= 4
    out = tmp_path / "seed.conll"
    export(store, "conll", out, ExportOptions(status="any"))
    sentences = read_conll(out)
    tags = [[row[1] for row in s] for s in sentences]
    assert all(len(row) == 2 for s in sentences for row in s)
    strict = Entities(tags, IOB2).entities
    lenient = get_entities(tags)
    assert sum(len(s) for s in strict) == len(lenient) == wanted
    assert f1_score(tags, tags, mode="strict", scheme=IOB2) == 1.0


def test_spacy_convert_reads_every_entity_the_store_holds(
    anercorp_db, seeded, tmp_path: Path
) -> None:
    # The seed article under another annotator: camel-tools tokens and clitic splits.
    db_path, _ = anercorp_db
    store, seed_id = seeded
    text = store.document(seed_id).text
    with Store.open(db_path) as disk:
        new_id = disk.add_document(text, title="seed")
        for word, label in (
            ("بيسكوف", "PER"),
            ("بكين", "GPE"),
            ("الصين", "GPE"),
            ("الكرملين", "ORG"),
        ):
            start = -1
            while (start := text.find(word, start + 1)) >= 0:
                disk.add_entity(new_id, "anercorp", start, start + len(word), label)
        expected = stored_entities(disk, "anercorp")
        docs = {d.id: d for d in disk.iter_documents()}
    out = tmp_path / "all.conll"
    with Store.open(db_path) as disk:
        report = export(disk, "conll", out, ExportOptions(status="any"))
    assert report.dropped == 0
    assert report.annotations == len(expected)
    converted = tmp_path / "spacy"
    converted.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "spacy", "convert", str(out), str(converted), "--converter", "ner"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr + done.stdout
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("xx")
    spacy_docs = list(DocBin().from_disk(converted / "all.spacy").get_docs(nlp.vocab))
    assert len(spacy_docs) == len(docs)
    found = []
    for doc, spacy_doc in zip(docs.values(), spacy_docs, strict=True):
        entities = [(s, e, label) for d, s, e, label in expected if d == doc.id]
        tagged = tag_text(doc.text, entities, tokenization_of(doc.metadata))
        assert [t.text for t in spacy_doc] == [doc.text[s:e] for s, e in tagged.tokens]
        for ent in spacy_doc.ents:
            start = tagged.tokens[ent.start][0]
            end = tagged.tokens[ent.end - 1][1]
            found.append((doc.id, start, end, ent.label_))
    assert sorted(found) == sorted(expected)
    seed_doc = spacy_docs[list(docs).index(new_id)]
    assert any(ent.text == "بكين" and seed_doc[ent.start - 1].text == "ل" for ent in seed_doc.ents)


def test_tagset_anercorp_folds_labels_and_says_so(
    seeded, tmp_path: Path, capsys, db_path: Path
) -> None:
    code, _, _ = run(capsys, "import", "--db", str(db_path), str(SEED_FILE))
    assert code == 0
    with Store.open(db_path) as store:
        doc_id = store.document_ids()[0]
        text = store.document(doc_id).text
        for word, label in (
            ("بيسكوف", "PER"),
            ("الصين", "GPE"),
            ("الحرب في أوكرانيا", "EVENT"),
            ("الكرملين", "ORG"),
        ):
            start = text.find(word)
            store.add_entity(doc_id, "ali", start, start + len(word), label)
    out = tmp_path / "a.conll"
    code, _, err = run(
        capsys,
        "export",
        "--db",
        str(db_path),
        "--format",
        "conll",
        "--out",
        str(out),
        "--tagset",
        "anercorp",
        "--status",
        "any",
    )
    assert code == 0
    assert "tag set anercorp: folded EVENT → MISC (1), GPE → LOC (1)" in err
    tags = {row[1] for s in read_conll(out) for row in s}
    assert tags == {"O", "B-PERS", "B-LOC", "B-MISC", "I-MISC", "B-ORG"}


def test_tagset_anercorp_widens_entities_to_whole_tokens_as_anercorp_does(
    tmp_path: Path, capsys, db_path: Path
) -> None:
    # Tawsim stores the name without its proclitic (بكين of لبكين); ANERcorp tags the
    # whole whitespace word. The default tag set cuts the token; anercorp widens it back.
    text = "قال بوتين لبكين إن وبوتين والصين شريكان.\nوزار ديمتري بيسكوف بالصين اليوم."
    with Store.open(db_path) as store:
        doc_id = store.add_document(text, "t")
        for word, label, token in (
            ("بوتين", "PER", " بوتين "),
            ("بكين", "GPE", "لبكين"),
            ("بوتين", "PER", "وبوتين"),
            ("الصين", "GPE", "والصين"),
            ("ديمتري بيسكوف", "PER", "ديمتري بيسكوف"),
            ("الصين", "GPE", "بالصين"),
        ):
            start = text.index(token) + token.index(word)
            store.add_entity(doc_id, "ali", start, start + len(word), label)
    rows = {}
    for tagset in ("default", "anercorp"):
        out = tmp_path / f"{tagset}.conll"
        code, _, err = run(
            capsys, "export", "--db", str(db_path), "--format", "conll", "--out", str(out),
            "--tagset", tagset, "--status", "any",
        )  # fmt: skip
        assert code == 0, err
        rows[tagset] = ([r for s in read_conll(out) for r in s], err)
    default, _ = rows["default"]
    assert ("ل", "O") in default and ("بكين", "B-GPE") in default
    anercorp, notes = rows["anercorp"]
    assert [r for r in anercorp if r[1] != "O"] == [
        ("بوتين", "B-PERS"),
        ("لبكين", "B-LOC"),
        ("وبوتين", "B-PERS"),
        ("والصين", "B-LOC"),
        ("ديمتري", "B-PERS"),
        ("بيسكوف", "I-PERS"),
        ("بالصين", "B-LOC"),
    ]
    # The tokens are the document's words, none cut.
    assert [r[0] for r in anercorp] == text.replace(".", " .").split()
    assert "4 entity(ies) widened to whole tokens" in notes


def test_split_writes_each_document_to_one_part(
    shared_data: Path, store: Store, tmp_path: Path
) -> None:
    import_paths(store, [shared_data / ANERCORP], "conll", ImportOptions(tagset="anercorp"), "a")
    options = ExportOptions(status="any", split=(80, 10, 10), seed=7)
    report = export(store, "conll", tmp_path / "aner.conll", options)
    assert report.files == [
        str(tmp_path / f"aner.{part}.conll") for part in ("train", "dev", "test")
    ]
    counts = {
        part: (tmp_path / f"aner.{part}.conll").read_text(encoding="utf-8").count("-DOCSTART-")
        for part in ("train", "dev", "test")
    }
    expected = {"train": 0, "dev": 0, "test": 0}
    plan = split_plan((doc.sha256 for doc in store.iter_documents()), (80, 10, 10), 7)
    for part in plan.values():
        expected[part] += 1
    assert counts == expected == {"train": 37, "dev": 5, "test": 5}
    assert sum(counts.values()) == 47
