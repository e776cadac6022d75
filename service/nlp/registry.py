"""``load_models(settings)``: picks the embedded defaults or the configured HF models and
loads them. Models are the expensive, read-only part of a worker; loading happens once per
process (see ``service.extension``)."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

from service.config import Settings
from service.nlp.protocols import Embedder, Parser

log = logging.getLogger(__name__)


class ModelLoadError(RuntimeError):
    """A configured model could not be loaded; the service must not turn ready."""


@dataclass
class Models:
    parser: Parser
    embedder: Embedder | None = None
    load_seconds: dict[str, float] = field(default_factory=dict)

    def describe(self) -> list[dict[str, Any]]:
        described = [{"role": "parser", "name": self.parser.name, "version": self.parser.version}]
        if self.embedder is not None:
            described.append(
                {"role": "embedder", "name": self.embedder.name, "version": self.embedder.version}
            )
        return described


def configure_threads(settings: Settings) -> int:
    threads = settings.effective_torch_threads()
    try:
        import torch

        torch.set_num_threads(threads)
    except ImportError:  # pragma: no cover - torch is a hard dependency
        pass
    return threads


def load_models(settings: Settings) -> Models:
    from service.nlp.spacy_backend import SpacyParser

    timings: dict[str, float] = {}
    started = time.perf_counter()
    try:
        parser = SpacyParser(settings.spacy_model)
    except (OSError, ImportError, ValueError) as exc:
        raise ModelLoadError(f"spaCy model {settings.spacy_model!r} failed to load: {exc}") from exc
    timings["parser"] = time.perf_counter() - started
    embedder = None
    if settings.load_embedder:
        configure_threads(settings)
        started = time.perf_counter()
        try:
            from service.nlp.embeddings import SentenceEmbedder

            embedder = SentenceEmbedder(settings.embedding_model)
        except (OSError, ImportError, ValueError) as exc:
            raise ModelLoadError(f"embedding model failed to load: {exc}") from exc
        timings["embedder"] = time.perf_counter() - started
    log.info("models loaded", extra={"load_seconds": timings})
    return Models(parser=parser, embedder=embedder, load_seconds=timings)
