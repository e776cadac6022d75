"""Embed texts once with a service encoder and keep the vectors on disk.

Training and evaluation scripts embed tens of thousands of sentences; ``embed`` stores the
rows in ``CACHE_DIR/<name>.<tier>.npz`` keyed by the exact texts, so a re-run (another
model choice, another fold) costs no model call. ``tier`` is ``fast`` (MiniLM's first
layer: the service's fast tier, ``FAST_ENCODER_LAYERS=1``) or ``full`` (all six layers)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

CACHE_DIR = Path("build/vectors")
TIERS = ("fast", "full")


def encoder(tier: str) -> Any:
    """The service's embedder for a tier (loads MiniLM offline)."""
    from service.nlp.embeddings import SentenceEmbedder

    if tier not in TIERS:
        raise ValueError(f"tier must be one of {TIERS}")
    model = SentenceEmbedder(batch_size=32)
    return model.shallow(1) if tier == "fast" else model


def embed(texts: Sequence[str], name: str, tier: str, cache_dir: Path = CACHE_DIR) -> np.ndarray:
    """L2-normalised rows for ``texts`` in order; unique texts are embedded once."""
    unique = sorted(set(texts))
    digest = hashlib.sha1("\n".join(unique).encode("utf-8")).hexdigest()[:12]
    path = cache_dir / f"{name}.{tier}.{digest}.npz"
    if path.is_file():
        vectors = np.load(path, allow_pickle=False)["vectors"]
    else:
        vectors = encoder(tier).encode(unique)
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez(path, vectors=vectors)
    index = {text: i for i, text in enumerate(unique)}
    return np.asarray(vectors[[index[t] for t in texts]], dtype=np.float32)
