"""Models loaded once per worker, repeat-safe, with readiness.

``ModelHolder`` owns the pipeline of one process. ``start()`` loads it now (eager), in a
background thread (background: /readyz answers 503 until done) or on first use (lazy).
Loading is guarded by a lock, so concurrent callers load once. After the models load, a
warm-up extraction runs; only then is the holder ready. A load failure is kept, logged,
and reported by /readyz; under gunicorn the worker exits with gunicorn's boot-error code,
so the master stops instead of serving a service that can never be ready.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from functools import lru_cache
from typing import Any

from flask import Flask, current_app

from service.config import Settings
from service.domain import Document
from service.errors import NotReady
from service.nlp.registry import ModelLoadError, Models, load_models
from service.pipeline import ClaimPipeline

log = logging.getLogger(__name__)
EXTENSION_KEY = "claimscope"
WORKER_BOOT_ERROR = 3
WARMUP_TEXT = ("The committee approved the plan on Monday, officials said. "
               "“We are ready,” the chairwoman told reporters.")


@lru_cache(maxsize=4)
def _cached_models(spacy_model: str, embedding_model: str, load_embedder: bool,
                   threads: int) -> Models:
    settings = Settings(spacy_model=spacy_model, embedding_model=embedding_model,
                        load_embedder=load_embedder, torch_threads=threads)
    return load_models(settings)


def shared_models(settings: Settings) -> Models:
    """The models for these settings, loaded once per process (the app and the CLI share
    them)."""
    return _cached_models(settings.spacy_model, settings.embedding_model,
                          settings.load_embedder, settings.effective_torch_threads())


class ModelHolder:
    def __init__(self, settings: Settings, exit_on_failure: bool = False) -> None:
        self.settings = settings
        self.state = "idle"  # idle | loading | ready | failed
        self.error: str | None = None
        self.load_seconds: float | None = None
        self._pipeline: ClaimPipeline | None = None
        self._lock = threading.Lock()
        self._exit_on_failure = exit_on_failure

    def start(self) -> None:
        if self.settings.load_mode == "eager":
            self.load()
        elif self.settings.load_mode == "background":
            self.state = "loading"
            threading.Thread(target=self.load, name="claimscope-load", daemon=True).start()

    def load(self) -> None:
        with self._lock:
            if self._pipeline is not None or self.state == "failed":
                return
            self.state = "loading"
            started = time.perf_counter()
            try:
                s = self.settings
                models = shared_models(s)
                pipeline = ClaimPipeline(models, s)
                if s.warmup:
                    pipeline.run([Document(WARMUP_TEXT)])
            except (ModelLoadError, OSError, ValueError, ImportError) as exc:
                self.state, self.error = "failed", str(exc)
                log.error("model load failed; the service will not turn ready: %s", exc)
                if self._exit_on_failure:
                    os._exit(WORKER_BOOT_ERROR)
                return
            self.load_seconds = time.perf_counter() - started
            self._pipeline = pipeline
            self.state = "ready"
            log.info("models ready", extra={"load_seconds": round(self.load_seconds, 3)})

    @property
    def ready(self) -> bool:
        return self._pipeline is not None

    def pipeline(self) -> ClaimPipeline:
        if self._pipeline is None and self.settings.load_mode == "lazy" and self.state != "failed":
            self.load()
        if self._pipeline is None:
            detail = (f"Models failed to load: {self.error}" if self.state == "failed"
                      else "Models are still loading; retry shortly.")
            raise NotReady(detail, retry_after=5)
        return self._pipeline


def init_models(app: Flask, settings: Settings, exit_on_failure: bool = False) -> ModelHolder:
    holder = ModelHolder(settings, exit_on_failure=exit_on_failure)
    app.extensions[EXTENSION_KEY] = holder
    holder.start()
    return holder


def current_holder() -> ModelHolder:
    holder: Any = current_app.extensions[EXTENSION_KEY]
    return holder


def current_pipeline() -> ClaimPipeline:
    return current_holder().pipeline()
