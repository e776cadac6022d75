"""Load on loopback, bounded in count and time, against gunicorn (2 workers, defaults).

First capacity C (2xx per second, closed loop, one caller per worker); then a constant
arrival rate of 0.8 × C must see only 2xx, and 3 × C only 2xx or 429/503 with
Retry-After, the refusals answered within 50 ms at p99. Longer runs: ``make soak``."""

from __future__ import annotations

import pytest

from tools.harness import server as soak_lib

pytestmark = pytest.mark.slow
CAPACITY_S, STEADY_S, OVERLOAD_S = 12.0, 15.0, 16.0


@pytest.fixture(scope="module")
def capacity(gunicorn_server, seed_body) -> float:
    for _ in range(2 * gunicorn_server.workers):  # warm both workers
        soak_lib.call(gunicorn_server.port, body=seed_body)
    rate, results = soak_lib.capacity(
        gunicorn_server.port, seed_body, clients=gunicorn_server.workers, seconds=CAPACITY_S
    )
    print(f"C = {rate:.2f} req/s ({soak_lib.summary(results)})")
    assert rate > 0
    return rate


def test_at_0_8_capacity_every_request_succeeds(gunicorn_server, seed_body, capacity):
    results = soak_lib.open_loop(gunicorn_server.port, seed_body, 0.8 * capacity, STEADY_S)
    stats = soak_lib.summary(results)
    print(f"0.8 x C = {0.8 * capacity:.2f} req/s: {stats}")
    assert stats["by_status"] == {200: len(results)}, stats


def test_at_3x_capacity_refusals_are_fast_503s_with_retry_after(
    gunicorn_server, seed_body, capacity
):
    results = soak_lib.open_loop(gunicorn_server.port, seed_body, 3 * capacity, OVERLOAD_S)
    stats = soak_lib.summary(results)
    print(f"3 x C = {3 * capacity:.2f} req/s: {stats}")
    refused = [r for r in results if r.status in (429, 503)]
    others = [r for r in results if r.status not in (200, 429, 503)]
    assert not others, [(r.status, r.error, r.body[:200]) for r in others[:5]]
    assert refused, "3 x C was not an overload"
    assert all(r.headers.get("retry-after", "").isdigit() for r in refused)
    assert all(b"problem" in r.headers.get("content-type", "").encode() for r in refused)
    assert stats["refused_ms"][99] <= 50.0, stats
