"""Backpressure: admission to model work, the inference deadline, draining, queue_ms."""

from __future__ import annotations

import threading
import time

import pytest

from service import create_app
from service.admission import Admission
from service.errors import Overloaded, TooManyRequests
from service.extension import current_holder, start_draining

QUIET = {"log_json": False, "log_level": "WARNING", "load_mode": "eager"}
ARTICLE = {"text": "The mayor said the bridge would reopen in May."}


def busy(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:  # Python bytecode: an interrupt lands at once
        pass


@pytest.fixture()
def slow_app():
    """An app whose pipeline takes 0.4 s per call (a real pipeline, slowed in Python)."""
    app = create_app({**QUIET, "max_queue": 0, "deadline_s": 5.0})
    with app.app_context():
        pipeline = current_holder().pipeline()
    real = pipeline.run

    def slow_run(docs):
        busy(0.4)
        return real(docs)

    pipeline.run = slow_run
    yield app
    del pipeline.run


HANG = 60.0  # seconds: only a hang takes this long


def test_admission_admits_queues_then_refuses_at_once():
    admission = Admission(max_in_flight=1, max_queue=1, queue_wait_s=HANG * 10)
    admission.enter()
    got: list[float] = []
    waiter = threading.Thread(target=lambda: got.append(admission.enter()))
    waiter.start()
    deadline = time.monotonic() + 5
    while admission.waiting == 0:
        assert time.monotonic() < deadline
        time.sleep(0.005)
    # a full queue refuses without waiting (waiting would mean 10 minutes here)
    with pytest.raises(Overloaded, match="queue") as refused:
        admission.enter()
    assert refused.value.retry_after and refused.value.status == 503
    assert admission.waiting == 1  # the refused caller never joined the queue
    admission.leave()
    waiter.join(HANG)
    assert got and got[0] > 0  # the queued request got the slot, after a wait
    admission.leave()
    assert admission.running == 0 and admission.waiting == 0


def test_admission_refuses_at_once_when_the_expected_wait_is_too_long():
    admission = Admission(max_in_flight=1, max_queue=8, queue_wait_s=1.0)
    admission.record(2.0)  # recent requests took 2 s: a queued one would wait ~2 s
    admission.enter()
    # refused on the estimate, not after queueing: a timed-out wait says "no model slot"
    with pytest.raises(Overloaded, match="expected wait"):
        admission.enter()
    assert admission.waiting == 0
    admission.leave()


def test_admission_times_out_a_queued_request():
    admission = Admission(max_in_flight=1, max_queue=1, queue_wait_s=0.2)
    admission.enter()
    outcome: list[BaseException] = []

    def wait() -> None:
        try:
            admission.enter()
        except Overloaded as exc:
            outcome.append(exc)

    waiter = threading.Thread(target=wait)
    waiter.start()
    waiter.join(HANG)
    assert not waiter.is_alive() and outcome, "the queued request was neither served nor refused"
    assert "no model slot within" in str(outcome[0])
    assert admission.waiting == 0 and admission.running == 1
    admission.leave()
    assert admission.enter() < 0.01  # the timed-out waiter left no trace
    admission.leave()


def test_admission_limits_in_flight_per_client_with_429():
    admission = Admission(max_in_flight=1, max_queue=4, queue_wait_s=1.0, per_client=1)
    admission.enter("a")
    with pytest.raises(TooManyRequests) as refused:
        admission.enter("a")
    assert refused.value.status == 429 and refused.value.retry_after
    admission.leave("a")
    admission.enter("b")
    admission.leave("b")


def test_overload_is_a_503_with_retry_after(slow_app, assert_problem):
    client = slow_app.test_client()
    first = threading.Thread(target=lambda: client.post("/extract", json=ARTICLE))
    first.start()
    backpressure = slow_app.extensions["claimscope.backpressure"]
    deadline = time.monotonic() + 5
    while backpressure.admission.running == 0:
        assert time.monotonic() < deadline
        time.sleep(0.005)
    response = slow_app.test_client().post("/extract", json=ARTICLE)
    first.join(HANG)
    body = assert_problem(response, 503)
    assert body["type"].endswith("/overloaded") and body["request_id"]
    assert int(response.headers["Retry-After"]) >= 1
    metrics = slow_app.test_client().get("/metrics").get_data(as_text=True)
    assert 'claimscope_rejections_total{reason="overloaded"} 1.0' in metrics


def test_deadline_answers_503_and_the_worker_goes_on(assert_problem):
    app = create_app({**QUIET, "deadline_s": 3.0})  # the slowed run takes 30 s
    with app.app_context():
        pipeline = current_holder().pipeline()
    real = pipeline.run
    pipeline.run = lambda docs: (busy(30), real(docs))[1]
    client = app.test_client()
    try:
        response = client.post("/extract", json=ARTICLE)  # the slowed pipeline runs 30 s
    finally:
        del pipeline.run
    body = assert_problem(response, 503)
    assert body["type"].endswith("/deadline-exceeded") and body["limit"] == "deadline_s"
    assert "Retry-After" in response.headers
    after = client.post("/extract", json=ARTICLE)  # same process, next request: served
    assert after.status_code == 200 and after.get_json()["claims"]
    assert app.extensions["claimscope.backpressure"].admission.running == 0


def test_draining_turns_readyz_503_and_still_serves_what_arrived(assert_problem):
    app = create_app(QUIET)
    client = app.test_client()
    assert client.get("/readyz").status_code == 200
    start_draining(app)
    response = client.get("/readyz")
    body = assert_problem(response, 503)
    assert body["type"].endswith("/draining") and "Retry-After" in response.headers
    assert client.post("/extract", json=ARTICLE).status_code == 200  # in flight: served
    assert client.get("/livez").status_code == 200


def test_queue_ms_is_in_the_timings(client):
    body = client.post("/extract", json=ARTICLE).get_json()
    timings = body["meta"]["timings_ms"]
    assert timings["queue_ms"] >= 0 and "parse_ms" in timings
    batch = client.post("/extract/batch", json={"documents": [ARTICLE, ARTICLE]}).get_json()
    for result in batch["results"]:
        assert "queue_ms" in result["extraction"]["meta"]["timings_ms"]


def test_backpressure_settings_are_published(client):
    info = client.get("/info").get_json()
    for name in (
        "max_in_flight",
        "max_queue",
        "queue_wait_s",
        "deadline_s",
        "max_in_flight_per_client",
    ):
        assert name in info["settings"], name
    assert info["limits"]["max_json_depth"] == 32
    spec = client.get("/openapi.json").get_json()
    assert spec["x-limits"] == info["limits"]
    assert spec["x-backpressure"]["deadline_s"] == info["settings"]["deadline_s"]
