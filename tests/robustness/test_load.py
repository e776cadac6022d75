"""Load on loopback against gunicorn (2 workers, defaults), asserting behaviour only.

One caller at a time is never refused; a burst far beyond what the workers can hold
(2 x (1 running + 8 queued)) is answered in full: every request a 2xx or a 429/503
problem with Retry-After, none lost or left hanging; and the service serves again once the
burst is over. How fast (capacity C, 0.8 x C all served, refusals' p99) is measured by
``make soak`` (``tools/load/soak.py``), whose last figures are in the README."""

from __future__ import annotations

import pytest

from tools.harness import server as soak_lib

pytestmark = pytest.mark.slow
HANG = 120.0  # seconds: a request this slow is hanging, not slow
BURST = 64


def test_one_caller_at_a_time_is_always_served(gunicorn_server, seed_body):
    results = [soak_lib.call(gunicorn_server.port, body=seed_body, timeout=HANG) for _ in range(6)]
    assert [r.status for r in results] == [200] * 6, [r.error for r in results]


def test_a_burst_beyond_capacity_is_answered_in_full(gunicorn_server, seed_body):
    results = soak_lib.open_loop(
        gunicorn_server.port, seed_body, rate=10_000, seconds=1.0, max_requests=BURST
    )
    print(soak_lib.summary(results))
    assert len(results) == BURST
    lost = [r for r in results if r.status == 0]
    assert not lost, [r.error for r in lost[:5]]  # no reset, no timeout: nothing lost
    others = [r for r in results if r.status not in (200, 429, 503)]
    assert not others, [(r.status, r.body[:200]) for r in others[:5]]
    refused = [r for r in results if r.status in (429, 503)]
    assert refused, "64 requests at once were all admitted: the queue bound did not hold"
    assert any(r.status == 200 for r in results)
    assert all(r.headers.get("retry-after", "").isdigit() for r in refused)
    assert all("problem+json" in r.headers.get("content-type", "") for r in refused)
    after = soak_lib.call(gunicorn_server.port, body=seed_body, timeout=HANG)
    assert after.status == 200, after.error or after.body[:200]
