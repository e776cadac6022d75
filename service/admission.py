"""Backpressure for one worker: admission to model work, an inference deadline, draining.

``Admission`` lets ``max_in_flight`` requests run model work at once and ``max_queue`` more
wait, FIFO, at most ``queue_wait_s`` each. A request that would not get a slot in time is
refused at once with 503 (``Overloaded``, Retry-After): the queue is full, or its expected
wait (its place in the queue × the recent model time per request, an EWMA) is over half
of ``queue_wait_s``; so under overload almost every refusal is immediate, not a timeout. A
client that already holds ``max_in_flight_per_client`` places in this worker gets 429. A
refusal costs no model work, so it is answered in milliseconds while the model is busy
(gunicorn runs ``gthread`` workers: the spare threads answer while one computes).

``Watchdog`` enforces ``deadline_s`` on model work: past it, it raises ``DeadlineInterrupt``
(a BaseException, so no ``except Exception`` in a library swallows it) inside the computing
thread with ``PyThreadState_SetAsyncExc``. The exception lands at the next Python bytecode,
the request gets 503 (deadline-exceeded) and the worker goes on with the next request. A
single C call that never returns to Python is not interrupted; gunicorn's timeout is the
backstop there.
"""

from __future__ import annotations

import ctypes
import os
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from service.errors import DeadlineExceeded, Overloaded, TooManyRequests

if TYPE_CHECKING:
    from service.config import Settings
    from service.domain import Document, Extraction
    from service.metrics import Metrics
    from service.pipeline import ClaimPipeline

RETRY_AFTER_S = 1

_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
_set_async_exc.argtypes = [ctypes.c_ulong, ctypes.c_void_p]
_set_async_exc.restype = ctypes.c_int


class DeadlineInterrupt(BaseException):
    """Raised inside a thread whose model work ran past its deadline."""


class Admission:
    def __init__(
        self, max_in_flight: int, max_queue: int, queue_wait_s: float, per_client: int = 0
    ) -> None:
        self.max_in_flight = max_in_flight
        self.max_queue = max_queue
        self.queue_wait_s = queue_wait_s
        self.per_client = per_client
        self.running = 0
        self.waiting = 0
        self.service_s = 0.0  # EWMA of model time per request
        self._clients: Counter[str] = Counter()
        self._cond = threading.Condition()

    @contextmanager
    def slot(self, client: str = "") -> Iterator[float]:
        """Hold a model slot; yields the seconds spent waiting for it."""
        waited = self.enter(client)
        try:
            yield waited
        finally:
            self.leave(client)

    def enter(self, client: str = "") -> float:
        """Wait for a model slot (or refuse); returns the seconds waited."""
        started = time.monotonic()
        with self._cond:
            if self.per_client and self._clients[client] >= self.per_client:
                raise TooManyRequests(
                    f"This client already has {self.per_client} requests in flight here "
                    "(max_in_flight_per_client); retry after the Retry-After delay.",
                    retry_after=RETRY_AFTER_S,
                    limit="max_in_flight_per_client",
                    limit_value=self.per_client,
                )
            if self.waiting == 0 and self.running < self.max_in_flight:
                return self._admit(client, started)
            self._refuse_if_full()
            self.waiting += 1
            self._clients[client] += 1
            try:
                free = self._cond.wait_for(
                    lambda: self.running < self.max_in_flight, timeout=self.queue_wait_s
                )
            finally:
                self.waiting -= 1
            if not free:
                self._forget(client)
                self._cond.notify()  # pass a wake-up on rather than lose it
                raise self._overloaded(f"no model slot within {self.queue_wait_s:g} s")
            self.running += 1
            return time.monotonic() - started

    def precheck(self) -> None:
        """Refuse now, before the body is even read, if a request would be refused anyway
        (the views still take a slot through ``enter``)."""
        with self._cond:
            if self.waiting or self.running >= self.max_in_flight:
                self._refuse_if_full()

    def _refuse_if_full(self) -> None:
        if self.waiting >= self.max_queue:
            raise self._overloaded("the queue is full")
        expected = (self.waiting + 1) * self.service_s / self.max_in_flight
        if expected > self.queue_wait_s / 2:  # half: room for the estimate to be off
            raise self._overloaded(f"the expected wait is {expected:.1f} s")

    def _admit(self, client: str, started: float) -> float:
        self.running += 1
        self._clients[client] += 1
        return time.monotonic() - started

    def _forget(self, client: str) -> None:
        self._clients[client] -= 1
        if self._clients[client] <= 0:
            del self._clients[client]

    def record(self, seconds: float, weight: float = 0.2) -> None:
        """Feed one request's model time into the expected-wait estimate."""
        with self._cond:
            self.service_s = (
                seconds
                if not self.service_s
                else ((1 - weight) * self.service_s + weight * seconds)
            )

    def leave(self, client: str = "") -> None:
        with self._cond:
            self.running -= 1
            self._forget(client)
            self._cond.notify()

    @staticmethod
    def _overloaded(why: str) -> Overloaded:
        return Overloaded(
            f"The service is at capacity ({why}); retry after the Retry-After delay.",
            retry_after=RETRY_AFTER_S,
        )


class Watchdog:
    """One thread per process that interrupts model work past its deadline."""

    def __init__(self, poll_s: float = 0.02) -> None:
        self._poll_s = poll_s
        self._lock = threading.Lock()
        self._armed: dict[int, float] = {}
        self._fired: set[int] = set()
        self._pid = 0

    @contextmanager
    def deadline(self, seconds: float) -> Iterator[None]:
        tid = threading.get_ident()
        with self._lock:
            self._armed[tid] = time.monotonic() + seconds
            self._ensure_thread()
        try:
            yield
        finally:
            self._disarm(tid)

    def _disarm(self, tid: int) -> None:
        while True:
            try:
                with self._lock:
                    self._armed.pop(tid, None)
                    if tid in self._fired:
                        self._fired.discard(tid)
                        _set_async_exc(tid, None)  # clear an interrupt not yet delivered
                return
            except DeadlineInterrupt:  # delivered during clean-up: the work is done anyway
                continue

    def _ensure_thread(self) -> None:
        if self._pid != os.getpid():  # first use, or first use after a fork
            self._pid = os.getpid()
            threading.Thread(target=self._watch, name="claimscope-deadline", daemon=True).start()

    def _watch(self) -> None:
        while True:
            time.sleep(self._poll_s)
            now = time.monotonic()
            with self._lock:
                for tid, due in list(self._armed.items()):
                    if now >= due and tid not in self._fired:
                        self._fired.add(tid)
                        _set_async_exc(tid, id(DeadlineInterrupt))


class Backpressure:
    """Per-worker admission + deadline around ``ClaimPipeline.run``, and the draining flag
    (/readyz reads it; requests that reach a draining worker are still served: gunicorn
    has stopped accepting connections, so whatever arrives is already in flight)."""

    def __init__(self, settings: Settings, metrics: Metrics) -> None:
        self.settings = settings
        self.metrics = metrics
        self.admission = Admission(
            settings.max_in_flight,
            settings.max_queue,
            settings.queue_wait_s,
            settings.max_in_flight_per_client,
        )
        self.watchdog = Watchdog()
        self.draining = False

    def precheck(self) -> None:
        """A fast 503 before the body is read when this worker is already full."""
        try:
            self.admission.precheck()
        except Overloaded:
            self.metrics.rejections.labels("overloaded").inc()
            raise

    def run(
        self,
        pipeline: ClaimPipeline,
        docs: Sequence[Document],
        *,
        client: str = "",
        route: str = "",
    ) -> list[Extraction]:
        queued = self.metrics.in_flight.labels("queued")
        queued.inc()
        try:
            waited = self.admission.enter(client)
        except TooManyRequests:
            self.metrics.rejections.labels("client_limit").inc()
            raise
        except Overloaded:
            self.metrics.rejections.labels("overloaded").inc()
            raise
        finally:
            queued.dec()
        try:
            results = self._compute(pipeline, docs, route)
        finally:
            self.admission.leave(client)
        self.metrics.queue.labels(route).observe(waited)
        for result in results:
            result.meta.setdefault("timings_ms", {})["queue_ms"] = round(waited * 1000, 2)
        return results

    def _compute(
        self, pipeline: ClaimPipeline, docs: Sequence[Document], route: str
    ) -> list[Extraction]:
        running = self.metrics.in_flight.labels("running")
        running.inc()
        started = time.perf_counter()
        try:
            with self.watchdog.deadline(self.settings.deadline_s):
                return pipeline.run(docs)
        except DeadlineInterrupt:
            self.metrics.rejections.labels("deadline").inc()
            raise DeadlineExceeded(
                f"Model work ran past the {self.settings.deadline_s:g} s deadline "
                "(deadline_s); send a shorter text or retry later.",
                retry_after=5,
                limit="deadline_s",
                limit_value=self.settings.deadline_s,
            ) from None
        finally:
            running.dec()
            elapsed = time.perf_counter() - started
            self.admission.record(elapsed)
            self.metrics.compute.labels(route).observe(elapsed)
