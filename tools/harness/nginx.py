"""Debian's nginx with ``deploy/nginx.conf`` in front of claimscope replicas on loopback.

``render`` copies the shipped config into a prefix folder and writes its two includes for
this run: ``listen.conf`` (a free loopback port) and ``upstreams.conf`` (the shipped
``deploy/upstreams.conf`` server line, health-check parameters and all, once per replica
address). ``running`` starts ``nginx -p PREFIX -c nginx.conf -g 'daemon off;'`` unprivileged
in the sense that matters here: a port above 1024, pid and temporary files in PREFIX.
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.harness.server import HOST, call, free_port

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
SERVER_LINE = re.compile(r"^\s*server\s+(\S+)(.*;)\s*$", re.M)


def binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not found:
        raise RuntimeError("nginx is not installed: apt-get install nginx (.ci/run does this)")
    return found


def render(prefix: Path, upstreams: list[str], port: int) -> Path:
    """The shipped config in ``prefix``, listening on ``HOST:port``, in front of
    ``upstreams`` (host:port each) with the shipped server parameters."""
    prefix.mkdir(parents=True, exist_ok=True)
    shipped = (DEPLOY / "upstreams.conf").read_text("utf-8")
    match = SERVER_LINE.search(shipped)
    if not match:
        raise ValueError("deploy/upstreams.conf has no server line")
    params = match.group(2)
    lines = "".join(f"server {address}{params}\n" for address in upstreams)
    (prefix / "upstreams.conf").write_text(lines, "utf-8")
    (prefix / "listen.conf").write_text(f"listen {HOST}:{port};\n", "utf-8")
    conf = prefix / "nginx.conf"
    shutil.copyfile(DEPLOY / "nginx.conf", conf)
    return conf


def check(prefix: Path) -> subprocess.CompletedProcess[str]:
    """``nginx -t`` on the rendered config."""
    return subprocess.run(
        [binary(), "-t", "-p", f"{prefix}/", "-c", str(prefix / "nginx.conf"), "-e", "stderr"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


@dataclass
class Nginx:
    proc: subprocess.Popen[bytes]
    port: int
    prefix: Path
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def access(self, posts: int = 0, timeout_s: float = 30.0) -> list[dict[str, Any]]:
        """The JSON access lines so far (error-log lines are skipped), after waiting up to
        ``timeout_s`` for at least ``posts`` POST lines: nginx logs a request after its
        response has gone out, so the client may read the answer before the line exists."""
        deadline = time.monotonic() + timeout_s
        while True:
            lines = []
            for line in self.log().splitlines():
                if line.startswith("{"):
                    try:
                        lines.append(json.loads(line))
                    except ValueError:
                        continue
            done = sum(line.get("method") == "POST" for line in lines) >= posts
            if done or time.monotonic() > deadline:
                return lines
            time.sleep(0.05)

    def wait_up(self, timeout_s: float = 30.0) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"nginx exited {self.proc.returncode}:\n{self.log()[-3000:]}")
            if call(self.port, "GET", "/livez", timeout=5).status:
                return
            time.sleep(0.2)
        raise TimeoutError(f"nginx not up in {timeout_s} s:\n{self.log()[-3000:]}")

    def stop(self, timeout_s: float = 20.0) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)  # graceful: finish the requests in flight
        try:
            return self.proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait(timeout=10)


def start(upstreams: list[str], prefix: Path) -> Nginx:
    port = free_port()
    conf = render(prefix, upstreams, port)
    log_path = prefix / "nginx.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [binary(), "-p", f"{prefix}/", "-c", str(conf), "-e", "stderr", "-g", "daemon off;"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    return Nginx(proc, port, prefix, log_path)


@contextmanager
def running(upstreams: list[str], prefix: Path) -> Iterator[Nginx]:
    nginx = start(upstreams, prefix)
    try:
        nginx.wait_up()
        yield nginx
    finally:
        nginx.stop()
