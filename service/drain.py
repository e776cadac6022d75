"""Read and drop a refused request body before the connection closes.

A body over ``max_body_bytes`` is refused (413) before it is read. A client that sends the
whole body before it reads the answer (Python's urllib, ``Connection: close``) would then
write into a socket the server closes with unread data, and see a reset instead of the 413.
So after a 413 has been sent, the rest of the body is read and dropped, up to ``factor``
times the limit and for at most ``seconds``; a larger or slower body is not waited for and
the connection closes as before."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

Environ = dict[str, Any]
StartResponse = Callable[..., Any]
WSGIApp = Callable[[Environ, StartResponse], Iterable[bytes]]
CHUNK = 65536


class DrainRefusedBody:
    """WSGI middleware: after a 413, drain what is left of the body within the bounds."""

    def __init__(self, app: WSGIApp, limit: int, factor: int = 4, seconds: float = 5.0) -> None:
        self.app = app
        self.bound = limit * factor
        self.seconds = seconds

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        status: list[str] = []

        def capture(value: str, headers: list[tuple[str, str]], *exc_info: Any) -> Any:
            status.append(value)
            return start_response(value, headers, *exc_info)

        result = self.app(environ, capture)
        if not status or not status[-1].startswith("413"):
            return result
        length = _content_length(environ)
        if length is not None and length > self.bound:
            return result  # too big to wait for: the connection closes on it
        return _ThenDrain(result, environ, self.bound if length is None else length, self.seconds)


class _ThenDrain:
    """The app's response; its ``close`` (called by the server once the response has been
    sent) drains the body."""

    def __init__(self, result: Iterable[bytes], environ: Environ, budget: int, seconds: float):
        self.result = result
        self.environ = environ
        self.budget = budget
        self.seconds = seconds

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.result)

    def close(self) -> None:
        try:
            close = getattr(self.result, "close", None)
            if close is not None:
                close()
        finally:
            drain(self.environ, self.budget, self.seconds)


def drain(environ: Environ, budget: int, seconds: float) -> int:
    """Read up to ``budget`` bytes of ``wsgi.input`` and drop them; return how many were read.
    Under gunicorn a timer shuts the socket's read side at ``seconds``, so a client that
    trickles its body cannot hold the thread longer than that."""
    stream = environ.get("wsgi.input")
    if stream is None:
        return 0
    sock = environ.get("gunicorn.socket")
    with _read_deadline(sock if isinstance(sock, socket.socket) else None, seconds):
        read = 0
        try:
            while read < budget:
                chunk = stream.read(min(CHUNK, budget - read))
                if not chunk:
                    break
                read += len(chunk)
        except (OSError, ValueError):
            pass  # timed out, reset, or shut: stop draining
    return read


@contextlib.contextmanager
def _read_deadline(sock: socket.socket | None, seconds: float) -> Iterator[None]:
    if sock is None:  # not gunicorn (a test client): the body is in memory
        yield
        return
    old_timeout = sock.gettimeout()
    sock.settimeout(seconds)
    timer = threading.Timer(seconds, _shut_read, (sock,))
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with contextlib.suppress(OSError):
            sock.settimeout(old_timeout)


def _shut_read(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RD)


def _content_length(environ: Environ) -> int | None:
    try:
        return int(environ.get("CONTENT_LENGTH") or "")
    except ValueError:
        return None
