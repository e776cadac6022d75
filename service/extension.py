"""Models loaded once per worker, repeat-safe, with readiness.

``ModelHolder`` owns the pipeline of one process. ``start()`` loads it now (eager), in a
background thread (background: /readyz answers 503 until done) or on first use (lazy).
Loading is guarded by a lock, so concurrent callers load once. After the models load, a
warm-up extraction runs; only then is the holder ready. A load failure is kept, logged,
and reported by /readyz; under gunicorn the worker exits with gunicorn's boot-error code,
so the master stops instead of serving a service that can never be ready.

``current_pipeline()`` is what the views call: its ``run`` goes through the worker's
backpressure (``service.admission``: a model slot, the deadline, draining), and adds the
wait to each result's ``meta.timings_ms.queue_ms``.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Sequence
from typing import Any

from flask import Flask, current_app, g, request

from service.admission import Backpressure
from service.config import Settings
from service.domain import Document, Extraction
from service.errors import NotReady
from service.metrics import Metrics
from service.nlp.registry import ModelLoadError, shared_models
from service.pipeline import ClaimPipeline

log = logging.getLogger(__name__)
EXTENSION_KEY = "claimscope"
METRICS_KEY = "claimscope.metrics"
BACKPRESSURE_KEY = "claimscope.backpressure"
WORKER_BOOT_ERROR = 3
WARMUP_TEXT = (
    "The committee approved the plan on Monday, officials said. "
    "“We are ready,” the chairwoman told reporters."
)
WARMUP_TARGET = "the plan"


class ModelHolder:
    def __init__(
        self, settings: Settings, exit_on_failure: bool = False, metrics: Metrics | None = None
    ) -> None:
        self.settings = settings
        self.metrics = metrics
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
                if s.warmup:  # a target, so that the full embedder warms up beside the fast tier
                    pipeline.run([Document(WARMUP_TEXT, targets=(WARMUP_TARGET,))])
            except Exception as exc:  # any failure, warm-up included, means never ready
                self.state, self.error = "failed", str(exc) or type(exc).__name__
                log.error(
                    "model load failed; the service will not turn ready: %s",
                    exc,
                    exc_info=not isinstance(exc, ModelLoadError),
                )
                if self._exit_on_failure:
                    os._exit(WORKER_BOOT_ERROR)
                return
            self.load_seconds = time.perf_counter() - started
            self._pipeline = pipeline
            self.state = "ready"
            if self.metrics is not None:
                self.metrics.model_load.set(self.load_seconds)
                self.metrics.ready.set(1)
            log.info("models ready", extra={"load_seconds": round(self.load_seconds, 3)})

    @property
    def ready(self) -> bool:
        return self._pipeline is not None

    def pipeline(self) -> ClaimPipeline:
        if self._pipeline is None and self.settings.load_mode == "lazy" and self.state != "failed":
            self.load()
        if self._pipeline is None:
            detail = (
                f"Models failed to load: {self.error}"
                if self.state == "failed"
                else "Models are still loading; retry shortly."
            )
            raise NotReady(detail, retry_after=5)
        return self._pipeline


def init_models(app: Flask, settings: Settings, exit_on_failure: bool = False) -> ModelHolder:
    holder = ModelHolder(
        settings, exit_on_failure=exit_on_failure, metrics=app.extensions.get(METRICS_KEY)
    )
    app.extensions[EXTENSION_KEY] = holder
    holder.start()
    return holder


def current_holder() -> ModelHolder:
    holder: Any = current_app.extensions[EXTENSION_KEY]
    return holder


def current_backpressure() -> Backpressure:
    value: Backpressure = current_app.extensions[BACKPRESSURE_KEY]
    return value


class GuardedPipeline:
    """A worker's pipeline as the views see it: ``run`` holds a model slot under the
    deadline; everything else is the pipeline's own."""

    def __init__(
        self, pipeline: ClaimPipeline, backpressure: Backpressure, client: str, route: str
    ) -> None:
        self._pipeline = pipeline
        self._backpressure = backpressure
        self._client = client
        self._route = route

    def run(self, docs: Sequence[Document]) -> list[Extraction]:
        return self._backpressure.run(self._pipeline, docs, client=self._client, route=self._route)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pipeline, name)


def current_pipeline() -> GuardedPipeline:
    backpressure = current_backpressure()
    try:
        pipeline = current_holder().pipeline()
    except NotReady:
        backpressure.metrics.rejections.labels("not_ready").inc()
        raise
    route = request.url_rule.rule if request.url_rule else request.path
    return GuardedPipeline(pipeline, backpressure, g.get("client", ""), route)


def start_draining(app: Flask) -> None:
    """SIGTERM (gunicorn_conf): /readyz turns 503 while the requests in flight finish."""
    backpressure: Backpressure = app.extensions[BACKPRESSURE_KEY]
    backpressure.draining = True
    backpressure.metrics.ready.set(0)
    log.warning("draining: in-flight requests finish, then the worker exits")
