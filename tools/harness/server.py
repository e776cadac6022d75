"""A bounded HTTP load and fault harness for claimscope under gunicorn, on loopback only.

The one gunicorn harness: used by ``tools/load/soak.py`` (``make soak``), by
``tools/perf/http_bench.py`` (``make bench``) and by ``tests/robustness``. Every request goes
to 127.0.0.1 on a free port; every loop is bounded by a request count and a duration.

- ``serve(env, workers)``: ``claimscope serve`` in a subprocess, waits until every worker is
  ready (``claimscope_workers_ready`` in /metrics), stops it with SIGTERM at the end.
- ``call``: one request on a fresh connection, timed; errors are results, not exceptions.
- ``capacity``: closed loop, ``clients`` back-to-back callers for ``seconds`` → req/s.
- ``open_loop``: a constant arrival rate for ``seconds`` (at most ``max_requests``), each
  request on its own thread from a bounded pool, so a slow answer never delays the next
  arrival.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tools.harness.stats import child_pids, proc_status_mb

REPO = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
SEED = REPO / "seeds" / "seed-article.txt"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@dataclass
class Result:
    status: int  # 0: connection error
    started: float
    seconds: float
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    error: str = ""


def call(
    port: int,
    method: str = "POST",
    path: str = "/extract",
    body: Any = None,
    raw: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 60.0,
) -> Result:
    """One request on its own connection (``Connection: close``), never raising."""
    payload = (
        raw if raw is not None else (None if body is None else json.dumps(body).encode("utf-8"))
    )
    sent = {
        "Connection": "close",
        **({"Content-Type": "application/json"} if payload is not None else {}),
        **(headers or {}),
    }
    started = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request(method, path, body=payload, headers=sent)
        response = conn.getresponse()
        data = response.read()
        return Result(
            response.status,
            started,
            time.perf_counter() - started,
            {k.lower(): v for k, v in response.getheaders()},
            data,
        )
    except (OSError, http.client.HTTPException) as exc:
        return Result(0, started, time.perf_counter() - started, error=repr(exc))
    finally:
        conn.close()


@dataclass
class Server:
    proc: subprocess.Popen[bytes]
    port: int
    workers: int
    log_path: Path
    start_s: float = 0.0  # seconds from spawn until every worker was ready
    notes: list[str] = field(default_factory=list)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def worker_pids(self) -> list[int]:
        return child_pids(self.proc.pid)

    def worker_memory(self) -> list[dict[str, float]]:
        return [{"pid": pid, **proc_status_mb(pid)} for pid in self.worker_pids()]

    def metric(self, name: str) -> float:
        text = call(self.port, "GET", "/metrics", timeout=10).body.decode()
        match = re.search(rf"^{re.escape(name)} ([0-9.e+-]+)$", text, re.M)
        return float(match.group(1)) if match else float("nan")

    def wait_ready(self, timeout_s: float = 180.0) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited {self.proc.returncode}:\n{self.log()[-3000:]}")
            if (
                call(self.port, "GET", "/readyz", timeout=5).status == 200
                and self.metric("claimscope_workers_ready") >= self.workers
            ):
                return
            time.sleep(0.5)
        raise TimeoutError(f"not ready in {timeout_s} s:\n{self.log()[-3000:]}")

    def stop(self, timeout_s: float = 60.0) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait(timeout=10)


def start(
    env: dict[str, str] | None = None,
    workers: int = 2,
    log_dir: Path | None = None,
    new_session: bool = False,
) -> Server:
    """``claimscope serve`` on a free port; ``new_session``: in a session of its own, so that
    the kernel's autogroup scheduling gives it its own CPU share (as a separate machine
    would have) instead of one share with everything else this session runs."""
    port = free_port()
    log_path = (log_dir or Path("/tmp")) / f"claimscope-gunicorn-{port}.log"
    full_env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "CLAIMSCOPE_WORKERS": str(workers),
        "CLAIMSCOPE_LOG_LEVEL": "WARNING",
        **(env or {}),
    }
    full_env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    claimscope = Path(sys.executable).with_name("claimscope")
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [str(claimscope), "serve", "--bind", f"{HOST}:{port}"],
            env=full_env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=new_session,
        )
    return Server(proc, port, workers, log_path)


@contextmanager
def serve(
    env: dict[str, str] | None = None,
    workers: int = 2,
    log_dir: Path | None = None,
    ready_timeout_s: float = 180.0,
) -> Iterator[Server]:
    started = time.monotonic()
    server = start(env, workers, log_dir)
    try:
        server.wait_ready(ready_timeout_s)
        server.start_s = time.monotonic() - started
        yield server
    finally:
        server.stop()


def seed_body() -> dict[str, Any]:
    return {"text": SEED.read_text(encoding="utf-8")}


def capacity(
    port: int, body: Any, clients: int, seconds: float, max_requests: int = 10_000
) -> tuple[float, list[Result]]:
    """Closed loop: ``clients`` callers back to back; returns (2xx per second, results)."""
    results: list[Result] = []
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def caller() -> None:
        while time.perf_counter() < stop_at:
            result = call(port, body=body)
            with lock:
                if len(results) >= max_requests:
                    return
                results.append(result)
            if not 200 <= result.status < 300:
                time.sleep(0.05)  # a refusal is instant: do not spin on it

    threads = [threading.Thread(target=caller) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 120)
    elapsed = time.perf_counter() - began
    ok = sum(1 for r in results if 200 <= r.status < 300)
    return ok / elapsed, results


def open_loop(
    port: int, body: Any, rate: float, seconds: float, max_requests: int = 5_000, pool: int = 64
) -> list[Result]:
    """Constant arrival rate; returns every result (order of arrival)."""
    count = min(max_requests, max(1, int(rate * seconds)))
    futures = []
    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=pool) as executor:
        for index in range(count):
            delay = began + index / rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            futures.append(executor.submit(call, port, "POST", "/extract", body))
    return [f.result() for f in futures]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def summary(results: list[Result]) -> dict[str, Any]:
    by_status: dict[int, int] = {}
    for result in results:
        by_status[result.status] = by_status.get(result.status, 0) + 1
    ok = [r.seconds * 1000 for r in results if 200 <= r.status < 300]
    refused = [r.seconds * 1000 for r in results if r.status in (429, 503)]
    return {
        "requests": len(results),
        "by_status": by_status,
        "ok_ms": {q: round(percentile(ok, q), 1) for q in (50, 95, 99)},
        "refused_ms": {q: round(percentile(refused, q), 1) for q in (50, 95, 99)},
    }


def cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime + stime


def busiest(pids: list[int], window_s: float = 0.3) -> int:
    """The pid that used the most CPU over ``window_s``: the worker computing now."""
    before = {pid: cpu_ticks(pid) for pid in pids}
    time.sleep(window_s)
    return max(pids, key=lambda pid: cpu_ticks(pid) - before[pid])


def in_background(target: Any, *args: Any) -> tuple[threading.Thread, list[Any]]:
    """Run ``target(*args)`` on a thread; its return value lands in the list."""
    out: list[Any] = []
    thread = threading.Thread(target=lambda: out.append(target(*args)), daemon=True)
    thread.start()
    return thread, out


def closed_loop(
    port: int, body: Any, clients: int, seconds: float, max_requests: int = 1_000
) -> list[Result]:
    """``clients`` callers back to back for ``seconds``; every result, in start order."""
    return sorted(capacity(port, body, clients, seconds, max_requests)[1], key=lambda r: r.started)
