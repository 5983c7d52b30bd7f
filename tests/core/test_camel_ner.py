"""camel-tools NER suggestions: the install message when absent, a tiny model when present.

The "installed" model is a BERT token classifier the test builds (hidden size 32, two
layers, a 15-word vocabulary), written with a minimal camel-tools catalogue under a
temporary CAMELTOOLS_DATA. Its weights are random except for a few set by hand so that
the words' labels are known: the attention and feed-forward outputs are zeroed (each
layer passes its input on), each word's embedding points along one direction, and the
classifier reads the label from that direction.
"""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

from corpus.suggest.camel_ner import CamelNer, CamelNerUnavailable

REPO = Path(__file__).resolve().parents[2]
CAMEL_LABELS = ["B-LOC", "B-ORG", "B-PERS", "B-MISC", "I-LOC", "I-ORG", "I-PERS", "I-MISC", "O"]
SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
# Each word of the tiny vocabulary and the label the tiny model gives it.
WORD_LABELS = {
    "قال": "O",
    "في": "O",
    "اليوم": "O",
    "إن": "O",
    ".": "O",
    "فلاديمير": "B-PERS",
    "بوتين": "I-PERS",
    "وبوتين": "B-PERS",
    "الصين": "B-LOC",
    "للصين": "B-LOC",
    "الجبل": "B-LOC",
    "أرامكو": "B-ORG",
    "الولايات": "B-LOC",
    "المتحدة": "I-LOC",
}
HIDDEN = 32


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")


def write_catalogue(data_dir: Path, model: str = "ner/arabert") -> None:
    catalogue = {
        "version": "1.6",
        "packages": {},
        "components": {
            "NamedEntityRecognition": {
                "default": "arabert",
                "datasets": {"arabert": {"path": model}},
            }
        },
    }
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "catalogue.json").write_text(json.dumps(catalogue), encoding="utf-8")


@pytest.fixture(scope="module")
def tiny_camel_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import torch
    from transformers import BertConfig, BertForTokenClassification, BertTokenizer

    data_dir = tmp_path_factory.mktemp("camel_data")
    model_dir = data_dir / "data" / "ner" / "arabert"
    model_dir.mkdir(parents=True)
    words = SPECIAL + list(WORD_LABELS)
    (model_dir / "vocab.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    config = BertConfig(
        vocab_size=len(words),
        hidden_size=HIDDEN,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        num_labels=len(CAMEL_LABELS),
        id2label=dict(enumerate(CAMEL_LABELS)),
        label2id={label: i for i, label in enumerate(CAMEL_LABELS)},
    )
    torch.manual_seed(0)
    model = BertForTokenClassification(config)
    with torch.no_grad():
        model.bert.embeddings.position_embeddings.weight.zero_()
        model.bert.embeddings.token_type_embeddings.weight.zero_()
        for layer in model.bert.encoder.layer:
            for dense in (layer.attention.output.dense, layer.output.dense):
                dense.weight.zero_()
                dense.bias.zero_()
        embeddings = model.bert.embeddings.word_embeddings.weight
        embeddings.zero_()
        model.classifier.weight.zero_()
        model.classifier.bias.zero_()
        for label_id in range(len(CAMEL_LABELS)):
            model.classifier.weight[label_id, label_id] = 5.0
        for word_id, word in enumerate(words):
            label_id = CAMEL_LABELS.index(WORD_LABELS.get(word, "O"))
            embeddings[word_id, label_id] = 1.0
            embeddings[word_id, HIDDEN - 1] = -1.0
    model.save_pretrained(model_dir)
    BertTokenizer(str(model_dir / "vocab.txt"), do_lower_case=False).save_pretrained(model_dir)
    write_catalogue(data_dir)
    return data_dir


def test_installed_model_suggests_mapped_labels_at_the_words_stems(
    tiny_camel_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tiny_camel_data))
    ner = CamelNer.load(labels=["PER", "ORG", "GPE", "LOC", "MISC"])
    text = (
        "قال فلاديمير بوتين في الصين اليوم إن أرامكو في الجبل .\n"
        "وبوتين قال للصين إن الولايات المتحدة ."
    )
    progress: list[tuple[int, int]] = []
    suggestions = ner.suggest(
        5, "mona", text, progress=lambda done, total: progress.append((done, total))
    )

    found = [(text[s.start : s.end], s.label) for s in suggestions]
    assert found == [
        ("فلاديمير بوتين", "PER"),
        ("الصين", "GPE"),  # camel's LOC, a country of the seed gazetteer
        ("أرامكو", "ORG"),
        ("الجبل", "LOC"),  # camel's LOC, no territory or city
        ("بوتين", "PER"),  # of وبوتين: the proclitic stays out
        ("لصين", "GPE"),  # of للصين (ANERcorp's convention: the article's lam stays)
        ("الولايات المتحدة", "GPE"),  # a country of two words
    ]
    second_line = text.index("\n") + 1
    assert suggestions[4].start == second_line + 1
    for s in suggestions:
        assert s.source == "camel-ner" and 0.9 < s.score <= 1.0
        assert s.document_id == 5 and s.proposal.annotator == "mona"
    assert progress[-1] == (2, 2)


def test_labels_outside_the_schema_are_dropped(
    tiny_camel_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tiny_camel_data))
    text = "قال فلاديمير بوتين في الصين ."
    people_only = CamelNer.load(labels=["PER"])
    assert [(s.start, s.end, s.label) for s in people_only.suggest(1, "mona", text)] == [
        (4, 18, "PER")
    ]
    # A schema without GPE keeps camel's LOC for a country.
    no_gpe = CamelNer.load(labels=["PER", "LOC"])
    assert [s.label for s in no_gpe.suggest(1, "mona", text)] == ["PER", "LOC"]


def test_no_model_says_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path / "empty"))
    with pytest.raises(CamelNerUnavailable) as no_catalogue:
        CamelNer.load()
    message = str(no_catalogue.value)
    assert "camel_data -i ner-arabert" in message and "CAMELTOOLS_DATA" in message
    assert str(tmp_path / "empty" / "catalogue.json") in message

    write_catalogue(tmp_path / "no_model")
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path / "no_model"))
    with pytest.raises(CamelNerUnavailable, match=r"no model in .*ner/arabert.*camel_data -i"):
        CamelNer.load()


def test_a_damaged_model_is_unavailable_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_catalogue(tmp_path)
    model_dir = tmp_path / "data" / "ner" / "arabert"
    model_dir.mkdir(parents=True)
    (model_dir / "config.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path))
    with pytest.raises(
        CamelNerUnavailable, match=r"could not be loaded.*camel_data -i ner-arabert"
    ):
        CamelNer.load()


def test_without_a_catalogue_camel_tools_data_is_never_imported(tmp_path: Path) -> None:
    # camel_tools.data downloads a catalogue at import when there is none: offline, that
    # fails or hangs. A fresh interpreter shows the check comes first.
    script = (
        "import sys\n"
        "from corpus.suggest.camel_ner import CamelNer, CamelNerUnavailable\n"
        "try:\n"
        "    CamelNer.load()\n"
        "except CamelNerUnavailable as err:\n"
        "    print('unavailable:', err)\n"
        "print('camel_tools.data' in sys.modules, 'torch' in sys.modules)\n"
    )
    env = {"CAMELTOOLS_DATA": str(tmp_path), "HOME": str(tmp_path), "HF_HUB_OFFLINE": "1"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    lines = result.stdout.splitlines()
    assert lines[0].startswith("unavailable: camel-tools NER model not installed")
    assert lines[-1] == "False False"


def test_an_import_that_tries_the_network_is_caught_with_the_install_message(
    tiny_camel_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What importing camel_tools.ner does offline when its data is not where it looks:
    # camel-tools tries to download its catalogue and the connection fails.
    class Offline(types.ModuleType):
        def __getattr__(self, name: str) -> object:
            raise ConnectionError(
                "HTTPSConnectionPool(host='raw.githubusercontent.com', port=443): "
                "Max retries exceeded"
            )

    monkeypatch.setenv("CAMELTOOLS_DATA", str(tiny_camel_data))
    monkeypatch.setitem(sys.modules, "camel_tools.ner", Offline("camel_tools.ner"))
    with pytest.raises(CamelNerUnavailable) as caught:
        CamelNer.load()
    message = str(caught.value)
    assert "could not be loaded (ConnectionError(" in message
    assert "camel_data -i ner-arabert" in message and "CAMELTOOLS_DATA" in message


def test_the_runner_stores_camel_ner_suggestions_in_the_schemas_labels(
    tiny_camel_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from corpus.store import Store
    from corpus.suggest import suggest

    monkeypatch.setenv("CAMELTOOLS_DATA", str(tiny_camel_data))
    with Store.memory() as store:
        text = "قال فلاديمير بوتين في الصين اليوم إن أرامكو في الجبل ."
        doc = store.add_document(text, "خبر")
        store.add_entity(doc, "ali", text.index("أرامكو"), text.index("أرامكو") + 6, "ORG")
        run = suggest(store, [doc], "ali", "camel-ner")
        assert run.notes == {} and run == {"camel-ner": 3}  # أرامكو is ali's already
        assert [
            (text[s.start : s.end], s.label, s.source) for s in store.suggestions(doc, "ali")
        ] == [
            ("فلاديمير بوتين", "PER", "camel-ner"),
            ("الصين", "GPE", "camel-ner"),
            ("الجبل", "LOC", "camel-ner"),
        ]
