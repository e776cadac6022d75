"""gunicorn settings for claimscope (read by ``claimscope serve`` and the Docker image).

- ``gthread`` workers, no preload (torch in the parent hangs forked workers). Model work
  stays one at a time per worker (``max_in_flight``, default 1, and the pipeline's lock),
  so torch threads are still capped at workers × threads ≤ cores. The other threads of a
  worker answer /livez, /readyz, /metrics and the fast 503/429 refusals while the model
  computes: a sync worker would leave those waiting in the kernel's accept queue.
  Threads per worker = max_in_flight + max_queue + 2; a worker holds at most 4 more
  connections than that (idle keep-alives), the rest wait in the listen queue for
  whichever worker frees up.
- Prometheus multiprocess mode: ``PROMETHEUS_MULTIPROC_DIR`` is set here, before any worker
  imports prometheus_client (a fresh folder under /dev/shm unless one is given; emptied on
  start), and ``child_exit`` marks a dead worker's live gauges gone.
- SIGTERM to a worker first marks it draining (``/readyz`` → 503, new model work → 503),
  then gunicorn's own handler stops accepting and lets in-flight requests finish within
  ``graceful_timeout``.
- Loading: the first workers load their models in the background, so /livez answers at
  once and /readyz says 503 until they are ready; a worker started later (respawned after
  a crash, or recycled by max_requests) loads before it accepts connections (``eager``),
  so it never takes requests from the ready workers only to answer 503. An explicit
  ``CLAIMSCOPE_LOAD_MODE`` wins. A load failure exits the worker with gunicorn's
  boot-error code, and the master stops with a non-zero status.
- A timeout above model load time, max_requests with jitter, heartbeat files in /dev/shm.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import sys
import tempfile
from typing import Any

from service.config import Settings

_settings = Settings.from_env()
_LOAD_MODE = os.environ.get("CLAIMSCOPE_LOAD_MODE", "")
_spawned = 0
_SHM = "/dev/shm" if os.path.isdir("/dev/shm") else None
SPARE_THREADS = 2

bind = f"{_settings.host}:{_settings.port}"
workers = _settings.workers
worker_class = "gthread"
threads = _settings.max_in_flight + _settings.max_queue + SPARE_THREADS
worker_connections = threads + 4  # up to 4 idle keep-alive connections besides
keepalive = 2
preload_app = False
timeout = _settings.timeout_s
graceful_timeout = _settings.graceful_timeout_s
max_requests = _settings.max_requests
max_requests_jitter = _settings.max_requests_jitter
worker_tmp_dir = _SHM
accesslog = None  # the app writes one JSON access line per request, with its request id
errorlog = "-"
loglevel = _settings.log_level.lower()

_OWN_METRICS_DIR = not os.environ.get("PROMETHEUS_MULTIPROC_DIR")
if _OWN_METRICS_DIR:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(
        prefix="claimscope-metrics-", dir=_SHM
    )
METRICS_DIR = os.environ["PROMETHEUS_MULTIPROC_DIR"]


def on_starting(server: Any) -> None:
    """Start with empty metrics: files of an earlier run would add to this one's counts."""
    os.makedirs(METRICS_DIR, exist_ok=True)
    for path in glob.glob(os.path.join(METRICS_DIR, "*.db")):
        os.remove(path)


def pre_fork(server: Any, worker: Any) -> None:
    """First workers: background loading; any later one: eager (see the docstring)."""
    global _spawned
    _spawned += 1
    first = _spawned <= server.num_workers
    os.environ["CLAIMSCOPE_LOAD_MODE"] = _LOAD_MODE or ("background" if first else "eager")


def post_fork(server: Any, worker: Any) -> None:
    """Cap intra-op threads per worker before any model is loaded, and hand the GIL over
    every 1 ms (not 5): a refusal or a health check waits less on the computing thread."""
    sys.setswitchinterval(0.001)
    threads_per_worker = str(_settings.effective_torch_threads())
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[var] = threads_per_worker


def post_worker_init(worker: Any) -> None:
    """Put a draining flag in front of gunicorn's SIGTERM handler."""
    gunicorn_exit = worker.handle_exit

    def drain_then_exit(signum: int, frame: Any) -> None:
        from service.extension import start_draining

        start_draining(worker.wsgi)
        gunicorn_exit(signum, frame)

    signal.signal(signal.SIGTERM, drain_then_exit)


def child_exit(server: Any, worker: Any) -> None:
    from service.metrics import mark_worker_dead

    mark_worker_dead(worker.pid)


def on_exit(server: Any) -> None:
    if _OWN_METRICS_DIR:
        shutil.rmtree(METRICS_DIR, ignore_errors=True)
