"""Assignment packages: `tawsim pack` writes self-contained databases (issue 10)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from corpus.errors import UserError
from corpus.packages import assign
from corpus.store import Store


def test_overlap_share_goes_to_everyone_and_the_rest_to_one_each() -> None:
    split = assign(list(range(1, 21)), ["a", "b", "c"], overlap=20, seed=3)
    shared = set(split["a"]) & set(split["b"]) & set(split["c"])
    assert len(shared) == 4
    rest = [set(ids) - shared for ids in split.values()]
    assert sum(len(r) for r in rest) == 16
    assert not (rest[0] & rest[1]) and not (rest[1] & rest[2]) and not (rest[0] & rest[2])
    assert set().union(*split.values()) == set(range(1, 21))
    assert split == assign(list(range(1, 21)), ["a", "b", "c"], overlap=20, seed=3)


def test_bad_overlap_is_refused() -> None:
    with pytest.raises(UserError, match="--overlap"):
        assign([1, 2], ["a", "b"], overlap=120)


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "corpus", *argv], capture_output=True, text=True, check=False
    )


def test_pack_writes_openable_packages_with_their_documents_and_annotations(
    tmp_path: Path,
) -> None:
    db = tmp_path / "main.tawsim"
    store = Store.open(db)
    ids = [store.add_document(f"نص رقم {n} عن الرياض", f"خبر {n}") for n in range(6)]
    ent = store.add_entity(ids[0], "lead", 0, 2, "MISC")
    store.close()
    out = tmp_path / "work-{annotator}.tawsim"
    done = _run(
        "pack",
        "--db",
        str(db),
        "--annotator",
        "ali,badr",
        "--overlap",
        "34",  # 2 of the 6 documents in both packages, the other 4 dealt 2 and 2
        "--out",
        str(out),
        "--json",
    )
    assert done.returncode == 0, done.stderr
    packages = json.loads(done.stdout)["packages"]
    assert [p["documents"] for p in packages] == [4, 4]
    seen: set[int] = set()
    for item in packages:
        with Store.open(item["path"]) as package:
            doc_ids = package.document_ids()
            seen |= set(doc_ids)
            assert package.count_documents() == 4
            assert "الرياض" in package.document(doc_ids[0]).text
            # The search index holds exactly the package's documents.
            assert {r.id for r in package.iter_document_rows("الرياض")} == set(doc_ids)
            if ids[0] in doc_ids:
                assert package.annotation(ent.uuid).label == "MISC"
            assert item["annotator"] in package.annotators()
    assert seen == set(ids)
    again = _run("pack", "--db", str(db), "--annotator", "ali,badr", "--out", str(out))
    assert again.returncode != 0
    assert "already exists" in again.stderr
    forced = _run("pack", "--db", str(db), "--annotator", "ali,badr", "--out", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
