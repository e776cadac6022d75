"""schemathesis against the app served by gunicorn on 127.0.0.1: every check, 100
generated examples per operation (positive and negative data), 0 failures.

All phases run (examples, coverage, fuzzing; stateful has no links to follow) with a fixed
seed, so a failure reproduces. Operations that take a body get 100 fuzzed cases each plus
the coverage cases; the GETs take no input, so they have only a handful of distinct
requests (method, header and content-type probes). ``SCHEMATHESIS_HOOKS`` drops bodies
whose label names or targets differ only in case (the one rule JSON Schema cannot state),
and 413 counts as a rejection of negative data (``schemathesis.toml``)."""

from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
HERE = Path(__file__).resolve().parent
EXAMPLES = 100


def cases_per_operation(report_dir: Path) -> dict[tuple[str, str], int]:
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    for path in report_dir.glob("*.ndjson"):
        for line in path.read_text().splitlines():
            event = json.loads(line)
            finished = event.get("ScenarioFinished")
            if finished:
                recorder = finished.get("recorder", {})
                counts[(recorder.get("label", ""), finished.get("phase", ""))] += len(
                    recorder.get("cases", {})
                )
    return dict(counts)


def test_schemathesis_finds_no_failure(gunicorn_server, tmp_path):
    st = Path(sys.executable).with_name("st")
    env = {**os.environ, "SCHEMATHESIS_HOOKS": str(HERE / "st_hooks.py"), "NO_COLOR": "1"}
    command = [
        str(st),
        "--config-file",
        str(HERE / "schemathesis.toml"),
        "run",
        f"http://127.0.0.1:{gunicorn_server.port}/openapi.json",
        "--checks",
        "all",
        "--max-examples",
        str(EXAMPLES),
        "--seed",
        "20261125",
        "--request-timeout",
        "60",
        "--workers",
        "1",
        "--report",
        "ndjson,junit",
        "--report-dir",
        str(tmp_path),
    ]
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=900, check=False, cwd=tmp_path
    )
    output = done.stdout + done.stderr
    print(output[-3000:])
    assert done.returncode == 0, output[-8000:]
    assert "No issues found" in output, output[-3000:]
    counts = cases_per_operation(tmp_path)
    for operation in ("POST /extract", "POST /extract/batch"):
        assert counts.get((operation, "fuzzing"), 0) >= EXAMPLES, counts
    tested = {label for label, _ in counts}
    assert {"GET /livez", "GET /readyz", "GET /info", "GET /metrics"} <= tested, counts
