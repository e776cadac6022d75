"""gunicorn settings for claimscope (read by ``claimscope serve``).

Sync workers, no preload (torch in the parent hangs forked workers), torch threads capped
so that workers × threads ≤ cores, a timeout above model load time, a graceful timeout,
max_requests with jitter, and the heartbeat file in /dev/shm.
"""

from __future__ import annotations

import os

from service.config import Settings

_settings = Settings.from_env()

bind = f"{_settings.host}:{_settings.port}"
workers = _settings.workers
worker_class = "sync"
threads = 1
preload_app = False
timeout = _settings.timeout_s
graceful_timeout = _settings.graceful_timeout_s
max_requests = _settings.max_requests
max_requests_jitter = _settings.max_requests_jitter
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
accesslog = "-"
errorlog = "-"
loglevel = _settings.log_level.lower()


def post_fork(server: object, worker: object) -> None:
    """Cap intra-op threads per worker before any model is loaded."""
    threads_per_worker = str(_settings.effective_torch_threads())
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[var] = threads_per_worker
