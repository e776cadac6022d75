"""Prometheus metrics, served at ``GET /metrics``.

Under gunicorn every worker is a process, so the metrics use prometheus_client's
multiprocess mode: ``gunicorn_conf`` sets ``PROMETHEUS_MULTIPROC_DIR`` before any worker
imports prometheus_client, each worker writes its values there, a scrape of any worker
aggregates all of them, and ``child_exit`` marks a dead worker's live gauges gone. Without
that variable (tests, the CLI) one in-process registry per app serves the same names.

Names (all prefixed ``claimscope_``):

- ``http_requests_total{method,route,status}`` and
  ``http_request_duration_seconds{method,route,status}``: every request; ``route`` is the
  URL rule (``unmatched`` for 404s), so label values stay bounded.
- ``queue_seconds{route}``: waiting for a model slot; ``compute_seconds{route}``: model work.
- ``in_flight{stage}``: requests in the app now (``http``), waiting (``queued``), computing
  (``running``); summed over live workers.
- ``rejections_total{reason}``: overloaded, client_limit, deadline, not_ready.
- ``model_load_seconds``: per live worker (pid label); ``workers_ready``: live and ready.
"""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
REJECTION_REASONS = ("overloaded", "client_limit", "deadline", "not_ready")


def multiproc_dir() -> str | None:
    """The multiprocess directory prometheus_client writes to, if gunicorn set one."""
    return os.environ.get(MULTIPROC_ENV) or None


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        labels = ["method", "route", "status"]
        self.requests = Counter("claimscope_http_requests", "HTTP requests", labels, registry=r)
        self.latency = Histogram(
            "claimscope_http_request_duration_seconds",
            "HTTP request latency",
            labels,
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.queue = Histogram(
            "claimscope_queue_seconds",
            "Time waiting for a model slot",
            ["route"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.compute = Histogram(
            "claimscope_compute_seconds",
            "Model work per request",
            ["route"],
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.in_flight = Gauge(
            "claimscope_in_flight",
            "Requests in flight by stage",
            ["stage"],
            multiprocess_mode="livesum",
            registry=r,
        )
        self.rejections = Counter(
            "claimscope_rejections", "Requests refused fast", ["reason"], registry=r
        )
        self.model_load = Gauge(
            "claimscope_model_load_seconds",
            "Model load and warm-up time",
            multiprocess_mode="liveall",
            registry=r,
        )
        self.ready = Gauge(
            "claimscope_workers_ready",
            "Workers with models loaded",
            multiprocess_mode="livesum",
            registry=r,
        )
        for stage in ("http", "queued", "running"):
            self.in_flight.labels(stage)
        for reason in REJECTION_REASONS:
            self.rejections.labels(reason)

    def exposition(self) -> tuple[bytes, str]:
        """The text exposition: aggregated over every worker in multiprocess mode."""
        if multiproc_dir():
            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)
            return generate_latest(registry), CONTENT_TYPE_LATEST
        return generate_latest(self.registry), CONTENT_TYPE_LATEST


def mark_worker_dead(pid: int) -> None:
    """gunicorn ``child_exit``: drop a dead worker's live gauges from the aggregate."""
    if multiproc_dir():
        multiprocess.mark_process_dead(pid)
