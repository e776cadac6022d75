"""``load_models(settings)``: picks the embedded defaults or the configured HF models and
loads them. Models are the expensive, read-only part of a worker; loading happens once per
process (see ``service.extension``).

HF models (the NLI zero-shot classifier and the NER tagger) load only from local files,
only from ``.safetensors`` weights and never with remote code; see ``hf_load_kwargs``.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from service.config import Settings
from service.nlp.protocols import Embedder, EntityTagger, Parser, ZeroShotClassifier

log = logging.getLogger(__name__)
T = TypeVar("T")
# What a model load may raise: files missing or unreadable, bad config, missing packages.
LOAD_ERRORS = (OSError, ImportError, ValueError, KeyError, TypeError, RuntimeError)


class ModelLoadError(RuntimeError):
    """A configured model could not be loaded; the service must not turn ready."""


@dataclass
class Models:
    parser: Parser
    embedder: Embedder | None = None
    fast_embedder: Embedder | None = None  # None: the embedder does the fast tier's work too
    zero_shot: ZeroShotClassifier | None = None
    tagger: EntityTagger | None = None
    load_seconds: dict[str, float] = field(default_factory=dict)

    def describe(self) -> list[dict[str, Any]]:
        roles: list[tuple[str, Any]] = [
            ("parser", self.parser),
            ("embedder", self.embedder),
            ("fast_embedder", self.fast_embedder),
            ("zero_shot", self.zero_shot),
            ("tagger", self.tagger),
        ]
        return [
            {"role": role, "name": m.name, "version": m.version}
            for role, m in roles
            if m is not None
        ]


def hf_load_kwargs() -> dict[str, Any]:
    """The only way HF weights are loaded here: offline, safetensors, no remote code."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    return {"local_files_only": True, "use_safetensors": True, "trust_remote_code": False}


def load_hf(model: str, role: str, auto_class: str) -> tuple[Any, Any]:
    """(tokenizer, model) through ``transformers.<auto_class>``, loaded safely (offline,
    safetensors only, no remote code); any failure is a ModelLoadError naming the model."""
    require_safetensors(model, role)
    import transformers

    kwargs = hf_load_kwargs()
    try:
        tokenizer = transformers.AutoTokenizer.from_pretrained(model, **kwargs)
        network = getattr(transformers, auto_class).from_pretrained(model, **kwargs)
    except (OSError, ValueError, KeyError) as exc:
        raise ModelLoadError(
            f"{role} model {model!r} failed to load (local safetensors only, "
            f"no remote code): {type(exc).__name__}: {exc}"
        ) from exc
    network.eval()
    return tokenizer, network


def require_safetensors(model: str, role: str) -> None:
    """Refuse a local folder that has no ``.safetensors`` weights (say, only a pickled
    ``pytorch_model.bin``), before transformers gets to look at it."""
    if not model:
        raise ModelLoadError(f"{role}: no model configured")
    path = Path(model)
    if path.is_dir() and not any(path.glob("*.safetensors")):
        found = sorted(p.name for p in path.iterdir())[:10]
        raise ModelLoadError(
            f"{role} model {model!r} has no .safetensors weights; "
            f"only safetensors are loaded (found: {found})"
        )


def configure_threads(settings: Settings) -> int:
    threads = settings.effective_torch_threads()
    try:
        import torch

        torch.set_num_threads(threads)
    except ImportError:  # pragma: no cover - torch is a hard dependency
        pass
    return threads


def _timed(timings: dict[str, float], role: str, what: str, build: Callable[[], T]) -> T:
    started = time.perf_counter()
    try:
        built = build()
    except ModelLoadError:
        raise
    except LOAD_ERRORS as exc:
        raise ModelLoadError(
            f"{role} model {what!r} failed to load: {type(exc).__name__}: {exc}"
        ) from exc
    timings[role] = time.perf_counter() - started
    return built


def _nli_zero_shot(model: str) -> ZeroShotClassifier:
    from service.nlp.hf_zero_shot import NLIZeroShot

    return NLIZeroShot(model)


def _hf_tagger(model: str) -> EntityTagger:
    from service.nlp.hf_ner import HFEntityTagger

    return HFEntityTagger(model)


def _load_zero_shot(settings: Settings, timings: dict[str, float]) -> ZeroShotClassifier | None:
    """The NLI backend, when configured. The default embedding backend is no model of its
    own: the classify stage builds it over the embedder (``EmbeddingZeroShot``)."""
    if settings.zero_shot_backend == "nli":
        return _timed(
            timings, "zero_shot", settings.nli_model, lambda: _nli_zero_shot(settings.nli_model)
        )
    return None


def _fast_embedder(settings: Settings, embedder: Embedder | None) -> Embedder | None:
    """The fast tier: the embedder's first ``fast_encoder_layers`` layers (weights shared).
    None (the embedder does that work itself) when off, or when the configured embedder is
    not a BERT-style stack deeper than that, which is logged."""
    layers = settings.fast_encoder_layers
    shallow = getattr(embedder, "shallow", None)
    if not layers or shallow is None:
        return None
    try:
        fast: Embedder = shallow(layers)
    except ValueError as exc:
        log.warning(
            "fast encoder off: the embedder does all the work",
            extra={"reason": str(exc), "fast_encoder_layers": layers},
        )
        return None
    return fast


def load_models(settings: Settings) -> Models:
    from service.nlp.spacy_backend import SpacyParser

    timings: dict[str, float] = {}
    parser = _timed(
        timings, "parser", settings.spacy_model, lambda: SpacyParser(settings.spacy_model)
    )
    needs_torch = (
        settings.load_embedder
        or settings.zero_shot_backend == "nli"
        or settings.ner_backend == "hf"
    )
    if needs_torch:
        configure_threads(settings)
    embedder = None
    if settings.load_embedder:
        from service.nlp.embeddings import SentenceEmbedder

        embedder = _timed(
            timings,
            "embedder",
            settings.embedding_model or "all-MiniLM-L6-v2",
            lambda: SentenceEmbedder(
                settings.embedding_model, bf16=None if settings.bf16 else False
            ),
        )
    fast_embedder = _fast_embedder(settings, embedder)
    zero_shot = _load_zero_shot(settings, timings)
    tagger = None
    if settings.ner_backend == "hf":
        tagger = _timed(
            timings, "tagger", settings.ner_model, lambda: _hf_tagger(settings.ner_model)
        )
    log.info("models loaded", extra={"load_seconds": timings})
    return Models(
        parser=parser,
        embedder=embedder,
        fast_embedder=fast_embedder,
        zero_shot=zero_shot,
        tagger=tagger,
        load_seconds=timings,
    )


MODEL_FIELDS = (
    "spacy_model",
    "embedding_model",
    "load_embedder",
    "bf16",
    "fast_encoder_layers",
    "ner_backend",
    "ner_model",
    "zero_shot_backend",
    "nli_model",
)


@lru_cache(maxsize=4)
def _cached_models(fields: tuple[tuple[str, Any], ...], threads: int) -> Models:
    return load_models(Settings(**dict(fields), torch_threads=threads))


def shared_models(settings: Settings) -> Models:
    """The models for these settings, loaded once per process (the app and the CLI share
    them); keyed on the model settings only, so apps that differ in limits share them."""
    fields = tuple((name, getattr(settings, name)) for name in MODEL_FIELDS)
    return _cached_models(fields, settings.effective_torch_threads())
