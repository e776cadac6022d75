"""The benchmark runs end to end in its quick mode and writes the report's structure.
No timing assertions: the numbers live in tools/perf/RESULTS.md (``make bench``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SECTIONS = (
    "## Machine",
    "## Summary against the targets of issue 5",
    "## Commands",
    "## Latency by article size",
    "## Cost against length",
    "## Throughput and memory",
    "## Latency against labels and targets",
    "## Peers (same run)",
    "## Optimisation probes",
)
TARGET_ROWS = (
    "ours p50 / parse p50",
    "bart-large zero-shot (random weights) / ours",
    "throughput 2 workers / 1 worker",
    "RSS per worker after warm-up",
    "peak RSS",
    "cost vs length",
)


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str, dict]:
    out = tmp_path_factory.mktemp("bench")
    cmd = [
        sys.executable,
        "-m",
        "tools.perf.run",
        "--quick",
        "--skip-http",
        "--repeats",
        "1",
        "--sizes",
        "500,1500",
        "--out",
        str(out / "RESULTS.md"),
        "--json",
        str(out / "results.json"),
    ]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    return proc.stdout, (out / "RESULTS.md").read_text(encoding="utf-8"), results


@pytest.mark.slow
def test_quick_bench_prints_the_summary_table(quick_run: tuple[str, str, dict]) -> None:
    stdout, _, _ = quick_run
    assert "| measure | value | target | verdict |" in stdout
    for row in TARGET_ROWS:
        assert row in stdout, row
    assert "| article | chars | ours in process |" in stdout
    for name in ("| seed |", "| 500 |", "| 1500 |"):
        assert name in stdout, name


@pytest.mark.slow
def test_quick_bench_writes_every_results_section(quick_run: tuple[str, str, dict]) -> None:
    _, markdown, _ = quick_run
    positions = [markdown.find(section) for section in SECTIONS]
    assert all(p >= 0 for p in positions), dict(zip(SECTIONS, positions, strict=True))
    assert positions == sorted(positions), "sections out of order"
    assert "Skipped (--skip-http)." in markdown
    assert "timing only (random weights)" in markdown
    assert "p50 / p95 (min–max, n=samples)" in markdown


@pytest.mark.slow
def test_quick_bench_records_every_measurement(quick_run: tuple[str, str, dict]) -> None:
    _, _, results = quick_run
    sizes = results["inproc"]["sizes"]
    assert set(sizes) == {"seed", "500", "1500"}
    for row in sizes.values():
        assert {"ours", "parse", "chars", "claims"} <= set(row)
        assert row["ours"]["n"] >= 1 and row["parse"]["n"] >= 1
    assert {"slope", "intercept", "r2"} <= set(results["inproc"]["fit_ours"])
    assert "labels=0" in results["inproc"]["labels"]
    assert "peak_mb" in results["memory"]["peak_long"]
    assert {"components", "disable", "batching", "serialisation"} <= set(results["probes"])
    assert {"textacy", "bart"} <= set(results["peers"])
    assert "http" not in results
