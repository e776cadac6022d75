"""Process trees of the commands a test or benchmark starts: who descends from whom, and
cleaning up what a ``kill -9`` left behind (only processes seen under our own command)."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from pathlib import Path


def _parents() -> dict[int, int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[-1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
    return parents


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` now (children, their children, ...)."""
    children: dict[int, list[int]] = {}
    for child, parent in _parents().items():
        children.setdefault(parent, []).append(child)
    found: set[int] = set()
    stack = [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
    except OSError:
        return ""


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


class Tree:
    """Remembers every process seen below one root, so that what outlives the root (Ray's
    raylet, agents and actors after a ``kill -9`` of the driver) can be found and ended."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.seen: set[int] = set()
        self.started: dict[int, str] = {}

    def update(self) -> set[int]:
        now = descendants(self.root)
        for pid in now - self.seen:
            self.started[pid] = cmdline(pid)
        self.seen |= now
        return now

    def survivors(self) -> list[int]:
        """Processes once seen below the root that still run the same command."""
        return sorted(p for p in self.seen if alive(p) and cmdline(p) == self.started.get(p))

    def end(self, grace_s: float = 10.0) -> list[int]:
        """Wait up to ``grace_s`` for the survivors to exit, then SIGKILL the rest; returns
        the pids that had to be killed."""
        deadline = time.monotonic() + grace_s
        while self.survivors() and time.monotonic() < deadline:
            time.sleep(0.2)
        killed = self.survivors()
        for pid in killed:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        return killed
