"""Named entities from a transformers token-classification model (CoNLL-style PER/ORG/LOC/
MISC, or OntoNotes-style labels), named by local path or by the id of a model already in
the local HF cache. The transformers pipeline does the work: ``aggregation_strategy=
"simple"`` merges B-/I- tokens into spans, and ``stride`` windows texts longer than the
model's maximum so that no entity past the first window is lost."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from service.nlp.registry import ModelLoadError, load_hf

MAX_TOKENS = 512
# Model label (without B-/I-) → the spaCy label set used by the service. Labels that are
# already spaCy labels (GPE, NORP, DATE ...) pass through unchanged.
LABEL_MAP = {
    "PER": "PERSON",
    "PERS": "PERSON",
    "PERSON": "PERSON",
    "ORG": "ORG",
    "ORGANIZATION": "ORG",
    "LOC": "LOC",
    "LOCATION": "LOC",
    "GPE": "GPE",
    "MISC": "MISC",
}

Span = tuple[int, int, str]


def map_label(label: str) -> str:
    """'B-PER' / 'I-PER' / 'PER' → 'PERSON'; 'LOC' → 'LOC'; 'GPE' → 'GPE'."""
    bare = label.upper()
    if len(bare) > 2 and bare[1] in "-_" and bare[0] in "BIES":
        bare = bare[2:]
    return LABEL_MAP.get(bare, bare)


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) so that it neither starts nor ends with whitespace."""
    start, end = max(0, start), min(len(text), end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def load_token_classifier(model: str) -> tuple[Any, Any]:
    """(tokenizer, model) for a token classifier, loaded safely; ModelLoadError when not."""
    tokenizer, network = load_hf(model, "NER", "AutoModelForTokenClassification")
    if not getattr(tokenizer, "is_fast", False):
        raise ModelLoadError(
            f"NER model {model!r} needs a fast tokenizer (tokenizer.json) for character offsets"
        )
    return tokenizer, network


class HFEntityTagger:
    """``EntityTagger`` on a token-classification model; spans are code-point offsets."""

    def __init__(self, model: str, batch_size: int = 8) -> None:
        from transformers import pipeline

        tokenizer, network = load_token_classifier(model)
        positions = getattr(network.config, "max_position_embeddings", MAX_TOKENS)
        limit = int(min(tokenizer.model_max_length, positions or MAX_TOKENS, MAX_TOKENS))
        tokenizer.model_max_length = limit
        self._stride = max(1, limit // 8)
        self._pipe = pipeline(
            "token-classification",
            model=network,
            tokenizer=tokenizer,
            aggregation_strategy="simple",
            device="cpu",
        )
        self._batch_size = max(1, batch_size)
        self.name = Path(model).name if Path(model).is_dir() else model
        self.version = str(getattr(network.config, "_commit_hash", None) or "local")

    def tag(self, texts: Sequence[str]) -> list[list[Span]]:
        out: list[list[Span]] = [[] for _ in texts]
        todo = [i for i, text in enumerate(texts) if text.strip()]
        if not todo:
            return out
        import torch

        with torch.inference_mode():
            results = self._pipe(
                [texts[i] for i in todo], batch_size=self._batch_size, stride=self._stride
            )
        for i, groups in zip(todo, results, strict=True):
            out[i] = self._spans(texts[i], groups)
        return out

    @staticmethod
    def _spans(text: str, groups: list[dict[str, Any]]) -> list[Span]:
        spans: set[Span] = set()
        for group in groups:
            if group.get("start") is None or group.get("end") is None:
                continue
            start, end = trim_span(text, int(group["start"]), int(group["end"]))
            if end > start:
                spans.add((start, end, map_label(str(group["entity_group"]))))
        return sorted(spans)
