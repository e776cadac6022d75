"""Soak: the long version of tests/robustness (``make soak``), on 127.0.0.1 only.

Starts ``claimscope serve`` (gunicorn, default settings) on a free port and runs, each
bounded in time and request count:

1. capacity C: one back-to-back caller per worker for ``--capacity-s`` → 2xx per second;
2. ``--steady`` × C (default 0.8) at a constant arrival rate for ``--steady-s``: every
   request must be a 2xx;
3. ``--overload`` × C (default 3) for ``--overload-s``: only 2xx or 429/503 with
   Retry-After, and the refusals within ``--refusal-p99-ms`` at p99;
4. chaos: ``kill -9`` of the busiest worker under a closed loop: only requests in flight
   at the kill may fail, the master respawns the worker, and it turns ready again.

Prints one JSON summary (also to ``--out``) and exits 1 if a criterion failed.

    .venv/bin/python -m tools.load.soak --steady-s 120 --overload-s 60 --out .data/soak.json
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

from tools.harness import server as soak_lib


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--capacity-s", type=float, default=30.0)
    parser.add_argument("--steady", type=float, default=0.8)
    parser.add_argument("--steady-s", type=float, default=120.0)
    parser.add_argument("--overload", type=float, default=3.0)
    parser.add_argument("--overload-s", type=float, default=60.0)
    parser.add_argument("--chaos-s", type=float, default=30.0)
    parser.add_argument("--refusal-p99-ms", type=float, default=50.0)
    parser.add_argument("--max-requests", type=int, default=20_000)
    parser.add_argument("--out", type=Path)
    return parser.parse_args(argv)


def measure_capacity(server: soak_lib.Server, body: Any, seconds: float) -> dict[str, Any]:
    for _ in range(2 * server.workers):
        soak_lib.call(server.port, body=body)
    rate, results = soak_lib.capacity(server.port, body, server.workers, seconds)
    return {"C_req_per_s": round(rate, 3), **soak_lib.summary(results)}


def steady(
    server: soak_lib.Server, body: Any, rate: float, seconds: float, cap: int
) -> dict[str, Any]:
    results = soak_lib.open_loop(server.port, body, rate, seconds, cap)
    stats = soak_lib.summary(results)
    stats["rate"] = round(rate, 3)
    stats["ok"] = stats["by_status"] == {200: len(results)}
    return stats


def overload(
    server: soak_lib.Server, body: Any, rate: float, seconds: float, cap: int, p99_ms: float
) -> dict[str, Any]:
    results = soak_lib.open_loop(server.port, body, rate, seconds, cap)
    stats = soak_lib.summary(results)
    refused = [r for r in results if r.status in (429, 503)]
    stats["rate"] = round(rate, 3)
    stats["ok"] = (
        all(r.status in (200, 429, 503) for r in results)
        and bool(refused)
        and all(r.headers.get("retry-after", "").isdigit() for r in refused)
        and stats["refused_ms"][99] <= p99_ms
    )
    return stats


def kill_one_worker(server: soak_lib.Server, body: Any, seconds: float) -> dict[str, Any]:
    before = server.worker_pids()
    thread, out = soak_lib.in_background(
        soak_lib.closed_loop, server.port, body, server.workers, seconds
    )
    time.sleep(seconds / 3)
    victim = soak_lib.busiest(before)
    killed_at = time.perf_counter()
    os.kill(victim, signal.SIGKILL)
    thread.join(seconds + 120)
    results = out[0] if out else []
    failed = [r for r in results if r.status != 200]
    in_flight = [r for r in results if r.started < killed_at < r.started + r.seconds]
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        pids = server.worker_pids()
        if (
            victim not in pids
            and len(pids) == server.workers
            and server.metric("claimscope_workers_ready") == server.workers
        ):
            break
        time.sleep(0.5)
    respawned = time.monotonic() < deadline
    return {
        "requests": len(results),
        "failed": len(failed),
        "in_flight_at_kill": len(in_flight),
        "killed": victim,
        "workers_after": server.worker_pids(),
        "respawned_and_ready": respawned,
        "ok": respawned and all(r in in_flight and r.status == 0 for r in failed),
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    body = soak_lib.seed_body()
    report: dict[str, Any] = {"workers": args.workers, "cpus": os.cpu_count()}
    with soak_lib.serve(workers=args.workers) as server:
        report["capacity"] = measure_capacity(server, body, args.capacity_s)
        c = report["capacity"]["C_req_per_s"]
        report["steady"] = steady(server, body, args.steady * c, args.steady_s, args.max_requests)
        report["overload"] = overload(
            server, body, args.overload * c, args.overload_s, args.max_requests, args.refusal_p99_ms
        )
        report["kill_9"] = kill_one_worker(server, body, args.chaos_s)
    report["ok"] = all(report[k]["ok"] for k in ("steady", "overload", "kill_9"))
    text = json.dumps(report, indent=2, default=str)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n")
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
