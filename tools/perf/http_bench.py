"""Over HTTP against gunicorn (``claimscope serve --bind 127.0.0.1:<free port>``): sequential
latency per article, throughput under a bounded pool of client threads, and the RSS of
each worker. Every request goes to 127.0.0.1; counts and durations are bounded."""

from __future__ import annotations

import http.client
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tools.harness import server as harness
from tools.harness.server import HOST, Server
from tools.harness.stats import Summary, summarise


def request(
    port: int, method: str, path: str, body: Any = None, timeout: float = 300.0
) -> tuple[int, bytes]:
    """One request on a fresh connection (gunicorn sync workers close after each)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        payload = None if body is None else json.dumps(body).encode("utf-8")
        headers = {"Content-Type": "application/json"} if payload is not None else {}
        conn.request(method, path, body=payload, headers=headers)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


@contextmanager
def serve(
    workers: int, log_dir: Path, ready_timeout: float = 240.0, **env_extra: str
) -> Iterator[Server]:
    """``claimscope serve`` on a free local port with JSON access logs (for the per-worker
    request counts); the harness waits until every worker is ready and stops it at the end."""
    log_dir.mkdir(parents=True, exist_ok=True)
    env = {"CLAIMSCOPE_LOG_JSON": "true", "CLAIMSCOPE_LOG_LEVEL": "INFO", **env_extra}
    with harness.serve(env, workers, log_dir, ready_timeout) as server:
        yield server


class Shed(RuntimeError):
    """503/429: the service refused the request (backpressure) without model work."""


def _extract(port: int, body: dict[str, Any]) -> float:
    t0 = time.perf_counter()
    status, data = request(port, "POST", "/extract", body)
    elapsed = (time.perf_counter() - t0) * 1000.0
    if status in (429, 503):
        raise Shed(f"/extract answered {status}: {data[:200]!r}")
    if status != 200:
        raise RuntimeError(f"/extract answered {status}: {data[:300]!r}")
    return elapsed


def latency(
    server: Server, bodies: dict[str, dict[str, Any]], repeats: int, budget_s: float
) -> dict[str, Summary]:
    """Sequential requests, one at a time, per body (one warm-up each)."""
    out: dict[str, Summary] = {}
    for name, body in bodies.items():
        _extract(server.port, body)
        reps = repeats if len(body["text"]) <= 6000 else max(3, repeats // 3)
        samples: list[float] = []
        deadline = time.perf_counter() + budget_s
        while len(samples) < reps:
            samples.append(_extract(server.port, body))
            if len(samples) >= min(3, reps) and time.perf_counter() > deadline:
                break
        out[name] = summarise(samples)
    return out


def access_counts(log_path: Path, offset: int) -> dict[str, dict[str, int]]:
    """Requests per worker pid and status, from the service's JSON access lines written
    after byte ``offset`` of the log (empty when the log has no such lines)."""
    counts: dict[str, dict[str, int]] = {}
    with open(log_path, "rb") as fh:
        fh.seek(offset)
        for raw in fh:
            if not raw.startswith(b"{") or b"claimscope.access" not in raw:
                continue
            try:
                line = json.loads(raw)
            except ValueError:
                continue
            per = counts.setdefault(str(line.get("process")), {})
            per[str(line.get("status"))] = per.get(str(line.get("status")), 0) + 1
    return counts


def throughput(
    server: Server, body: dict[str, Any], clients: int, requests: int, max_s: float
) -> dict[str, Any]:
    """``clients`` threads share ``requests`` successful requests (stopping at ``max_s``
    seconds); each worker is warmed up first. A 503/429 refusal is counted as shed and the
    client retries after 0.5 s, as a client honouring Retry-After would (shortened)."""
    for _ in range(2 * server.workers):
        _extract(server.port, body)
    offset = server.log_path.stat().st_size
    lock = threading.Lock()
    remaining = [requests]
    samples: list[float] = []
    errors: list[str] = []
    shed = [0]
    deadline = time.monotonic() + max_s

    def client() -> None:
        while time.monotonic() < deadline:
            with lock:
                if remaining[0] <= 0:
                    return
                remaining[0] -= 1
            while time.monotonic() < deadline:
                try:
                    ms = _extract(server.port, body)
                    with lock:
                        samples.append(ms)
                    break
                except Shed:
                    with lock:
                        shed[0] += 1
                    time.sleep(0.5)
                except (OSError, RuntimeError) as exc:
                    with lock:
                        errors.append(str(exc)[:200])
                    break

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=max_s + 60)
    elapsed = time.perf_counter() - t0
    return {
        "workers": server.workers,
        "clients": clients,
        "completed": len(samples),
        "shed": shed[0],
        "errors": len(errors),
        "first_error": errors[0] if errors else None,
        "seconds": round(elapsed, 2),
        "rps": len(samples) / elapsed if elapsed else 0.0,
        "latency": summarise(samples) if samples else None,
        "per_worker": access_counts(server.log_path, offset),
        "memory": server.worker_memory(),
    }
