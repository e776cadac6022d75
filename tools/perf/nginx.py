"""Throughput through nginx (deploy/nginx.conf) with 1 and 2 claimscope replicas, and a
kill -9 of one replica's gunicorn master under load.

Two replicas (``claimscope serve``, one worker with one torch thread each) start once; one
nginx has only the first behind it, another both. The closed-loop measurements alternate
between the two (``--rounds`` times), with 2 callers per replica, so that load from other
jobs on a shared machine falls on both alike. Then, through the 2-replica nginx,
``--kill-requests`` requests from ``--kill-clients`` callers (default 2: a load the surviving
replica can carry), the first replica's master killed with SIGKILL after a quarter of them:
every answer is counted by status.

On a machine shared with other sessions, Linux's autogroup scheduling gives each session
one CPU share however many processes it runs, so two replicas started from one session get
no more CPU than one; ``--own-sessions`` starts each replica in a session of its own, as
separate machines would be.

    python -m tools.perf.nginx [--seconds 30] [--rounds 2] [--kill-requests 60]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import sys
import tempfile
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from tools.harness import nginx as lb
from tools.harness import server as harness
from tools.harness.procs import Tree
from tools.harness.stats import load_average


def throughput(port: int, body: Any, clients: int, seconds: float) -> dict[str, Any]:
    load = load_average()[0]
    rate, results = harness.capacity(port, body, clients, seconds)
    statuses = Counter(r.status for r in results)
    return {
        "ok_per_s": round(rate, 3),
        "statuses": dict(statuses),
        "load": round(load, 1),
    }


def kill_under_load(
    port: int, victim: harness.Server, body: Any, requests: int, clients: int
) -> dict[str, Any]:
    tree = Tree(victim.proc.pid)
    tree.update()
    done = Counter()
    lock = threading.Lock()

    def one(i: int) -> int:
        status = harness.call(port, body=body, headers={"X-Request-ID": f"k{i}"}, timeout=300)
        with lock:
            done["n"] += 1
            if done["n"] == requests // 4:
                os.kill(victim.proc.pid, signal.SIGKILL)
        return status.status

    with ThreadPoolExecutor(max_workers=clients) as pool:
        statuses = list(pool.map(one, range(requests)))
    tree.end(grace_s=60)
    counts = Counter(statuses)
    return {
        "requests": requests,
        "200": counts[200],
        "503": counts[503],
        "other_5xx": sum(n for s, n in counts.items() if s >= 500 and s != 503),
        "connection_errors": counts[0],
        "failed": requests - counts[200],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="per measurement")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--kill-requests", type=int, default=60)
    parser.add_argument(
        "--kill-clients",
        type=int,
        default=2,
        help="callers in the kill run (what one replica carries)",
    )
    parser.add_argument(
        "--own-sessions",
        action="store_true",
        help="each replica in a session of its own: its own CPU share under autogroup "
        "scheduling, as on separate machines",
    )
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    body = harness.seed_body()
    with tempfile.TemporaryDirectory(prefix="claimscope-nginx-bench-") as tmp:
        folder = Path(tmp)
        # one worker with one torch thread each: a replica is one core's worth of service
        env = {"CLAIMSCOPE_TORCH_THREADS": "1"}
        replicas = [
            harness.start(env, workers=1, log_dir=folder, new_session=args.own_sessions)
            for _ in range(2)
        ]
        try:
            for replica in replicas:
                replica.wait_ready(300)
            report = measure(replicas, body, folder, args)
        finally:
            for replica in replicas:
                replica.stop()
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")
    return 0


def measure(
    replicas: list[harness.Server], body: Any, folder: Path, args: argparse.Namespace
) -> dict[str, Any]:
    addresses = [f"{harness.HOST}:{r.port}" for r in replicas]
    rounds: list[dict[str, Any]] = []
    with (
        lb.running(addresses[:1], folder / "one") as one,
        lb.running(addresses, folder / "two") as two,
    ):
        harness.capacity(two.port, body, 4, 5.0)  # warm both replicas
        for _ in range(args.rounds):
            rounds.append(
                {
                    "1 replica": throughput(one.port, body, 2, args.seconds),
                    "2 replicas": throughput(two.port, body, 4, args.seconds),
                }
            )
            print(json.dumps(rounds[-1]), file=sys.stderr)
        killed = kill_under_load(two.port, replicas[0], body, args.kill_requests, args.kill_clients)
    median = {name: statistics.median(r[name]["ok_per_s"] for r in rounds) for name in rounds[0]}
    paired = [r["2 replicas"]["ok_per_s"] / r["1 replica"]["ok_per_s"] for r in rounds]
    return {
        "cores": os.cpu_count(),
        "seconds_each": args.seconds,
        "rounds": rounds,
        "median_ok_per_s": median,
        "2_replicas_over_1": round(median["2 replicas"] / median["1 replica"], 2),
        "2_over_1_each_round": [round(x, 2) for x in paired],
        "2_over_1_median_of_rounds": round(statistics.median(paired), 2),
        "own_sessions": args.own_sessions,
        "kill_clients": args.kill_clients,
        "kill_9_under_load": killed,
    }


if __name__ == "__main__":
    sys.exit(main())
