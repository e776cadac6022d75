"""Fixtures for the robustness suite: claimscope under gunicorn on 127.0.0.1.

The harness (``bench/soak_lib.py``) is shared with ``make soak``; here everything is
CI-sized: one server per session with the default settings and 2 workers, bounded loads.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import soak_lib  # noqa: E402


@pytest.fixture(scope="session")
def gunicorn_server(tmp_path_factory):
    """claimscope serve, default settings, 2 workers, every worker ready."""
    with soak_lib.serve(workers=2, log_dir=tmp_path_factory.mktemp("gunicorn")) as server:
        yield server


@pytest.fixture(scope="session")
def seed_body() -> dict:
    return soak_lib.seed_body()
