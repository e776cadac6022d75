"""Fixtures for the classify stage: the real MiniLM (loaded once per session, shared with
the app through ``shared_models``) and an embedder wrapper that counts calls."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest


class CountingEmbedder:
    """The real embedder, recording every ``encode`` call's texts."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.name, self.version, self.dim = inner.name, inner.version, inner.dim
        self.calls: list[list[str]] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        return self.inner.encode(texts)


@pytest.fixture(scope="session")
def embedder():
    from service.config import Settings
    from service.extension import shared_models

    loaded = shared_models(Settings()).embedder
    assert loaded is not None
    return loaded


@pytest.fixture()
def counting(embedder) -> CountingEmbedder:
    return CountingEmbedder(embedder)
