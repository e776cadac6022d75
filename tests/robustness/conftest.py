"""Fixtures for the robustness suite: claimscope under gunicorn on 127.0.0.1.

The harness (``tools/harness/server.py``) is shared with ``make soak``; here everything is
CI-sized: one server per session with the default settings and 2 workers, bounded loads.
"""

from __future__ import annotations

import pytest

from tools.harness import server as soak_lib


@pytest.fixture(scope="session")
def gunicorn_server(tmp_path_factory):
    """claimscope serve, default settings, 2 workers, every worker ready."""
    with soak_lib.serve(workers=2, log_dir=tmp_path_factory.mktemp("gunicorn")) as server:
        yield server


@pytest.fixture(scope="session")
def seed_body() -> dict:
    return soak_lib.seed_body()
