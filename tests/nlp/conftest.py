"""Tiny random HF models built on the fly (no downloads): a BERT NLI classifier with
entailment/neutral/contradiction labels and a BERT token classifier with CoNLL labels.
They are saved as safetensors and loaded back through the service's real loaders."""

from __future__ import annotations

import string
from pathlib import Path

import pytest

NLI_LABELS = {0: "entailment", 1: "neutral", 2: "contradiction"}
NER_LABELS = {0: "O", 1: "B-PER", 2: "I-PER", 3: "B-ORG", 4: "I-ORG", 5: "B-LOC", 6: "I-LOC"}
WORDS = [
    "this",
    "example",
    "is",
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "said",
    "he",
    "she",
    "minister",
    "president",
    "government",
    "talks",
    "peace",
    "war",
    "money",
    "about",
    "economy",
    "claim",
    "prediction",
    "statistic",
    "policy",
    "denial",
    "opinion",
]
MAX_POSITIONS = 96


def write_vocab(folder: Path) -> Path:
    """A WordPiece vocab: specials, some whole words, and every ASCII letter, digit and
    punctuation mark both word-initial and as a ``##`` continuation, so any ASCII word
    splits into pieces and lengths grow with the text."""
    chars = string.ascii_lowercase + string.digits + string.punctuation
    tokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS, *chars]
    tokens += [f"##{c}" for c in string.ascii_lowercase + string.digits]
    tokens += ["京", "東"]
    tokens = list(dict.fromkeys(tokens))  # ids are line numbers: no duplicates
    path = folder / "vocab.txt"
    path.write_text("\n".join(tokens) + "\n", encoding="utf-8")
    return path


def make_tokenizer(folder: Path):
    from transformers import BertTokenizerFast

    folder.mkdir(parents=True, exist_ok=True)
    return BertTokenizerFast(vocab=str(write_vocab(folder)))


def tiny_config(id2label: dict[int, str], vocab_size: int):
    from transformers import BertConfig

    return BertConfig(
        vocab_size=vocab_size,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=37,
        max_position_embeddings=MAX_POSITIONS,
        id2label=id2label,
        label2id={v: k for k, v in id2label.items()},
    )


def build_nli(folder: Path, id2label: dict[int, str] = NLI_LABELS, seed: int = 0) -> Path:
    import torch
    from transformers import BertForSequenceClassification

    torch.manual_seed(seed)
    tokenizer = make_tokenizer(folder)
    model = BertForSequenceClassification(tiny_config(id2label, len(tokenizer)))
    with torch.no_grad():  # spread the logits so that softmaxes are not all ~uniform
        model.classifier.weight.mul_(20.0)
    model.save_pretrained(folder, safe_serialization=True)
    tokenizer.save_pretrained(folder)
    return folder


def build_ner(folder: Path, favour: str | None = None, seed: int = 0) -> Path:
    """A token classifier; with ``favour``, its head predicts that label for every token."""
    import torch
    from transformers import BertForTokenClassification

    torch.manual_seed(seed)
    tokenizer = make_tokenizer(folder)
    model = BertForTokenClassification(tiny_config(NER_LABELS, len(tokenizer)))
    if favour is not None:
        index = {v: k for k, v in NER_LABELS.items()}[favour]
        with torch.no_grad():
            model.classifier.weight.zero_()
            model.classifier.bias.zero_()
            model.classifier.bias[index] = 10.0
    model.save_pretrained(folder, safe_serialization=True)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture(scope="session", autouse=True)
def one_torch_thread():
    """Tiny models gain nothing from threads, and on a busy 2-core box OpenMP spin-waits
    turn a 50 ms call into seconds."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="session")
def tiny_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("tiny-hf")


@pytest.fixture(scope="session")
def nli_path(tiny_root: Path) -> str:
    return str(build_nli(tiny_root / "nli"))


@pytest.fixture(scope="session")
def ner_path(tiny_root: Path) -> str:
    return str(build_ner(tiny_root / "ner"))


@pytest.fixture(scope="session")
def nli(nli_path: str):
    from service.nlp.hf_zero_shot import NLIZeroShot

    return NLIZeroShot(nli_path, batch_size=32, bf16=False)


@pytest.fixture(scope="session")
def tagger(ner_path: str):
    from service.nlp.hf_ner import HFEntityTagger

    return HFEntityTagger(ner_path)


@pytest.fixture(scope="session")
def make_nli():
    """``make_nli(folder, id2label)``: build and save another tiny NLI-shaped model."""
    return build_nli


@pytest.fixture(scope="session")
def make_ner():
    """``make_ner(folder, favour)``: build and save another tiny token classifier."""
    return build_ner
