"""Zero-shot labels from sentence embeddings: the ``embedding`` backend of ZeroShotClassifier.

Each label becomes a few prototype texts (its name, description and examples; see
``labels.prototypes``). All prototypes of all labels are stacked in one matrix ``P`` and a
claim's raw score for a label is

    s = 0.6 · max_p cos(claim, p) + 0.4 · mean_p cos(claim, p)      (p over the label's rows)

(the max rewards one close example, the mean keeps one lucky example from dominating).

Calibration to [0, 1], fixed constants set by hand, no fitting on any data set. A label's
bias depends on its kind, because sentence-long prototypes share more with a claim than a
one-to-three-word name: on MiniLM a fitting bare name scores about 0.2–0.3 and an unrelated
one 0.0–0.1, while a fitting description/example scores 0.3–0.6 and an unrelated one 0.0–0.2.

* centring: ``c = s − b`` with b = BIAS_NAME_ONLY (0.20) for a bare name and
  BIAS_DESCRIBED (0.30) for a label with a description or examples;
* multi-label: an independent logistic per label, ``σ(c / TEMPERATURE)``, TEMPERATURE = 0.05,
  so 0.5 is "as similar as a typical fit's lower end" and ±0.1 of cosine moves it to 0.12/0.88;
* single-label: a softmax over the labels of ``c / SOFTMAX_TEMPERATURE`` (0.05): a row sums
  to 1 and a (centred) cosine lead of 0.1 is worth a factor e² ≈ 7.4.

An encoder whose cosines sit on another scale declares ``SIMILARITY_CALIBRATION`` (a, b)
and its cosines become ``a + b · cos`` before the formula above (the shallow fast-tier
encoder, ``service.nlp.embeddings.ShallowEmbedder``).

Cost: label prototypes go through a per-worker LRU (``EmbeddingCache``), claims through one
``encode`` call, then one matrix product; 50 labels cost about what 1 label costs."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from service.classify.cache import EmbeddingCache
from service.classify.labels import as_specs, prototypes
from service.domain import LabelSpec
from service.nlp.protocols import Embedder

MAX_WEIGHT = 0.6
BIAS_NAME_ONLY = 0.20
BIAS_DESCRIBED = 0.30
TEMPERATURE = 0.05
SOFTMAX_TEMPERATURE = 0.05


def sigmoid(x: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(x, -50.0, 50.0))), dtype=np.float32)


def label_bias(label: LabelSpec) -> float:
    return BIAS_DESCRIBED if label.description or label.examples else BIAS_NAME_ONLY


def calibrate(centred: np.ndarray, multi_label: bool) -> np.ndarray:
    """Centred similarity scores (n, labels) → calibrated scores in [0, 1]."""
    if centred.size == 0:
        return centred.astype(np.float32)
    if multi_label:
        return sigmoid(centred / TEMPERATURE)
    logits = centred / SOFTMAX_TEMPERATURE
    logits = logits - logits.max(axis=1, keepdims=True)
    weights = np.exp(logits)
    return np.asarray(weights / weights.sum(axis=1, keepdims=True), dtype=np.float32)


class EmbeddingZeroShot:
    """ZeroShotClassifier over an Embedder; label embeddings cached per instance (worker)."""

    version = "1"

    def __init__(self, embedder: Embedder, cache: EmbeddingCache | None = None) -> None:
        self.embedder = embedder
        self.cache = cache if cache is not None else EmbeddingCache(embedder)
        self.name = f"embedding-zero-shot:{getattr(embedder, 'name', 'embedder')}"
        # An encoder on another cosine scale than MiniLM's maps its similarities onto it
        # (a + b · cos) so that the constants above hold; MiniLM itself: (0, 1).
        self.similarity_calibration: tuple[float, float] = getattr(
            embedder, "SIMILARITY_CALIBRATION", (0.0, 1.0)
        )

    def classify(
        self, texts: Sequence[str], labels: Sequence[LabelSpec | str], multi_label: bool = True
    ) -> np.ndarray:
        """Scores in [0, 1], shape (len(texts), len(labels))."""
        if not texts or not labels:
            return np.zeros((len(texts), len(labels)), dtype=np.float32)
        return self.classify_vectors(self.embedder.encode(texts), labels, multi_label)

    def classify_vectors(
        self, vectors: np.ndarray, labels: Sequence[LabelSpec | str], multi_label: bool = True
    ) -> np.ndarray:
        """As ``classify`` for texts already embedded (L2-normalised rows)."""
        bias = np.array([label_bias(spec) for spec in as_specs(labels)], dtype=np.float32)
        return calibrate(self.raw_scores(vectors, labels) - bias, multi_label)

    def raw_scores(self, vectors: np.ndarray, labels: Sequence[LabelSpec | str]) -> np.ndarray:
        specs = as_specs(labels)
        if len(vectors) == 0 or not specs:
            return np.zeros((len(vectors), len(specs)), dtype=np.float32)
        groups = [prototypes(spec) for spec in specs]
        matrix = self.cache.encode([text for group in groups for text in group])
        a, b = self.similarity_calibration
        sims = vectors @ matrix.T  # (n, prototypes): the one product
        if (a, b) != (0.0, 1.0):
            sims = a + b * sims
        starts = np.cumsum([0] + [len(g) for g in groups[:-1]])
        sizes = np.array([len(g) for g in groups], dtype=np.float32)
        best = np.maximum.reduceat(sims, starts, axis=1)
        mean = np.add.reduceat(sims, starts, axis=1) / sizes
        return np.asarray(MAX_WEIGHT * best + (1 - MAX_WEIGHT) * mean, dtype=np.float32)
