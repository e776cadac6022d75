"""Batch-in, batch-out interfaces of the model backends."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

import numpy as np


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


class EntityTagger(Protocol):
    name: str

    def tag(self, texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        """(start, end, label) per text, labels mapped to PERSON/ORG/GPE/NORP/...."""
        ...
