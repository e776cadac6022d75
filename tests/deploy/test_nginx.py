"""deploy/nginx.conf under Debian's nginx, on loopback: failover, health checks, limits,
request ids. The fast tests put nginx in front of small fake upstreams (a 503 replica, a
recorder); the slow ones in front of two real ``claimscope serve`` replicas, one of which
is killed with SIGKILL under a bounded load."""

from __future__ import annotations

import json
import os
import re
import signal
import threading
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tools.harness import nginx as lb
from tools.harness import server as harness
from tools.harness.procs import Tree

LIMIT = 2_000_000  # CLAIMSCOPE_MAX_BODY_BYTES, the default
ARTICLE = "“The ferry will run again in May,” the harbour master said. The council agreed."


class Fake(BaseHTTPRequestHandler):
    """An upstream that answers every request with ``status`` and records what it got."""

    status = 200
    seen: list[dict[str, str]]

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        if self.command == "POST":  # not nginx's start-up probe
            seen = {"id": self.headers.get("X-Request-ID", ""), "bytes": length}
            self.server.seen.append(seen)  # type: ignore[attr-defined]
        body = json.dumps({"status": self.server.status}).encode()  # type: ignore[attr-defined]
        self.send_response(self.server.status)  # type: ignore[attr-defined]
        if self.server.status == 503:  # type: ignore[attr-defined]
            self.send_header("Retry-After", "2")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def fake(status: int) -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer((harness.HOST, 0), Fake)
    server.status, server.seen = status, []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def address(server) -> str:
    return f"{harness.HOST}:{server.server_address[1]}"


def test_the_shipped_config_passes_nginx_t(tmp_path):
    lb.render(tmp_path, ["127.0.0.1:9", "127.0.0.1:10"], harness.free_port())
    result = lb.check(tmp_path)
    assert result.returncode == 0, result.stderr
    upstreams = (tmp_path / "upstreams.conf").read_text()
    assert upstreams.count("max_fails=") == 2 and "fail_timeout=" in upstreams


def test_a_503_or_a_refused_connection_is_retried_on_another_replica(tmp_path):
    closed_port = harness.free_port()
    with fake(503) as busy, fake(200) as ok:
        upstreams = [address(busy), f"{harness.HOST}:{closed_port}", address(ok)]
        with lb.running(upstreams, tmp_path) as nginx:
            results = [harness.call(nginx.port, body={"text": ARTICLE}) for _ in range(12)]
            log = nginx.access(posts=12)
    assert [r.status for r in results] == [200] * 12
    assert busy.seen, "nginx never tried the busy replica"
    retried = [line for line in log if "," in line["upstream_status"]]
    assert retried, log
    assert all(line["upstream_status"].endswith("200") for line in log)


def test_503_from_every_replica_reaches_the_client_with_retry_after(tmp_path):
    with (
        fake(503) as first,
        fake(503) as second,
        lb.running([address(first), address(second)], tmp_path) as nginx,
    ):
        result = harness.call(nginx.port, body={"text": ARTICLE})
    assert result.status == 503 and result.headers.get("retry-after") == "2"
    assert len(first.seen) + len(second.seen) == 2  # tried once on each, then given up


def test_no_live_replica_is_a_503_problem_not_a_502_page(tmp_path):
    with lb.running([f"{harness.HOST}:{harness.free_port()}"], tmp_path) as nginx:
        result = harness.call(nginx.port, body={"text": ARTICLE})
    assert result.status == 503, result.body
    assert result.headers["content-type"] == "application/problem+json"
    assert result.headers.get("retry-after") and json.loads(result.body)["status"] == 503


def test_body_limit_is_the_services_and_refused_as_a_problem(tmp_path):
    with fake(200) as upstream, lb.running([address(upstream)], tmp_path) as nginx:
        at_limit = harness.call(nginx.port, raw=b" " * LIMIT)
        over = harness.call(nginx.port, raw=b" " * (LIMIT + 1), headers={"X-Request-ID": "big-1"})
    assert at_limit.status == 200 and upstream.seen[-1]["bytes"] == LIMIT
    assert over.status == 413 and len(upstream.seen) == 1
    assert over.headers["content-type"] == "application/problem+json"
    problem = json.loads(over.body)
    assert problem["limit"] == "max_body_bytes" and problem["limit_value"] == LIMIT
    assert problem["request_id"] == "big-1" == over.headers["x-request-id"]


def test_the_service_limit_matches_the_config():
    from service.config import Settings

    conf = (lb.DEPLOY / "nginx.conf").read_text()
    assert f"client_max_body_size {Settings().max_body_bytes};" in conf


def test_request_id_is_passed_through_or_made_once(tmp_path):
    with fake(200) as upstream, lb.running([address(upstream)], tmp_path) as nginx:
        harness.call(nginx.port, body={"text": ARTICLE}, headers={"X-Request-ID": "abc-123"})
        harness.call(nginx.port, body={"text": ARTICLE})
        log = nginx.access(posts=2)
    assert upstream.seen[0]["id"] == "abc-123"
    made = upstream.seen[1]["id"]
    assert re.fullmatch(r"[0-9a-f]{32}", made), made
    posts = [line["request_id"] for line in log if line["method"] == "POST"]
    assert posts == ["abc-123", made]


# ---- two real replicas ------------------------------------------------------------------


@pytest.fixture(scope="module")
def replicas(tmp_path_factory):
    """Two ``claimscope serve`` replicas with one worker (one torch thread) each, ready."""
    folder = tmp_path_factory.mktemp("replicas")
    env = {"CLAIMSCOPE_TORCH_THREADS": "1"}
    started = [harness.start(env, workers=1, log_dir=folder) for _ in range(2)]
    trees = [Tree(s.proc.pid) for s in started]
    try:
        for server, tree in zip(started, trees, strict=True):
            server.wait_ready(300)
            tree.update()
        yield started
    finally:
        for server, tree in zip(started, trees, strict=True):
            server.stop()
            tree.end()


def load(port: int, requests: int, clients: int, on_done=None) -> list[harness.Result]:
    """``requests`` calls from ``clients`` threads, each with its own X-Request-ID."""
    done = Counter()
    lock = threading.Lock()

    def one(i: int) -> harness.Result:
        result = harness.call(
            port, body={"text": ARTICLE}, headers={"X-Request-ID": f"load-{i}"}, timeout=300
        )
        with lock:
            done["n"] += 1
            if on_done:
                on_done(done["n"])
        return result

    with ThreadPoolExecutor(max_workers=clients) as pool:
        return list(pool.map(one, range(requests)))


def by_status(results: list[harness.Result]) -> dict[str, int]:
    counts = Counter(
        "200"
        if r.status == 200
        else "503"
        if r.status == 503
        else "5xx"
        if r.status >= 500
        else "other"
        if r.status
        else "connection error"
        for r in results
    )
    return dict(counts)


@pytest.mark.slow
@pytest.mark.timeout(1200)
def test_least_conn_uses_both_replicas_and_echoes_request_ids(replicas, tmp_path):
    upstreams = [f"{harness.HOST}:{s.port}" for s in replicas]
    with lb.running(upstreams, tmp_path) as nginx:
        results = load(nginx.port, 12, 4)
        log = nginx.access(posts=12)
    assert [r.status for r in results] == [200] * 12
    assert [r.headers["x-request-id"] for r in results] == [f"load-{i}" for i in range(12)]
    served = Counter(line["upstream"] for line in log)
    assert set(served) == set(upstreams), served


@pytest.mark.slow
@pytest.mark.timeout(1200)
def test_kill_9_of_a_replica_master_under_load_loses_no_request(replicas, tmp_path):
    victim, survivor = replicas
    upstreams = [f"{harness.HOST}:{s.port}" for s in replicas]
    tree = Tree(victim.proc.pid)
    tree.update()
    killed = threading.Event()

    def kill_after_some(done: int) -> None:
        if done >= 8 and not killed.is_set():
            killed.set()
            os.kill(victim.proc.pid, signal.SIGKILL)

    try:
        with lb.running(upstreams, tmp_path) as nginx:
            results = load(nginx.port, 40, 4, kill_after_some)
            log = nginx.access(posts=40)
    finally:
        tree.end(grace_s=60)  # the orphaned worker finishes what it holds, then exits
    counts = by_status(results)
    retried = [line["upstream_status"] for line in log if "," in line["upstream_status"]]
    print(f"kill -9 of replica master {victim.proc.pid} under load: {counts}; retried {retried}")
    assert killed.is_set() and victim.proc.wait(timeout=30) == -signal.SIGKILL
    assert counts == {"200": 40}, [(r.status, r.error) for r in results if r.status != 200]
    after = [line["upstream"] for line in log[-10:]]
    assert after[-1].endswith(f":{survivor.port}"), after
