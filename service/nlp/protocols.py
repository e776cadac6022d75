"""Batch-in, batch-out interfaces of the model backends."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

import numpy as np

from service.domain import LabelSpec


class Parser(Protocol):
    name: str
    version: str

    def pipe(self, texts: Iterable[str]) -> Iterable[Any]:
        """Yield one spaCy Doc per text, in order."""
        ...


class Embedder(Protocol):
    name: str
    version: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 embeddings, one row per text, in input order."""
        ...


class ZeroShotClassifier(Protocol):
    name: str
    version: str

    def classify(
        self, texts: Sequence[str], labels: Sequence[LabelSpec], multi_label: bool = True
    ) -> np.ndarray:
        """Scores in [0, 1], shape (len(texts), len(labels)); rows sum to 1 when
        multi_label is False."""
        ...


class EntityTagger(Protocol):
    name: str
    version: str

    def tag(self, texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        """(start, end, label) code-point spans per text, labels mapped to the spaCy set
        (PERSON, ORG, GPE, NORP, LOC, MISC ...)."""
        ...
