"""Hostile inputs over real HTTP, against gunicorn on 127.0.0.1: each is a 4xx problem, or a
200 whose every span indexes the text sent, and never a 5xx.

Time is not asserted here (a shared CI machine makes any bound flaky): every case must
answer within a generous timeout that only catches a hang. The 1 s budget per hostile input
is measured by ``make bench`` (``tools/perf/hostile.py``): only the first
``parse_sentence_chars`` of a sentence are parsed (``service/extract/chunks.py``), the claim
that reaches the cut is extended over the rest, and ``meta.unparsed`` says where; 5,000
quotation marks hold no letter and are not parsed at all.
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request

import pytest
import requests

from service.config import Settings

pytestmark = pytest.mark.slow

ZERO_WIDTH_BIDI_CONTROL = (
    "Zero\u200bwidth\u200c joiners\u200d, \u202eright-to-left\u202c and \u2066isolates"
    "\u2069, a bell\x07, a NUL\x00 and a form feed\x0c. “We will rebuild,” the mayor said."
)


HANG = 60.0  # seconds: a hang, not a slow answer
LIMIT = Settings().max_body_bytes


def raw_exchange(
    port: int, head: bytes, body: list[bytes], timeout: float = HANG
) -> tuple[int, bytes]:
    """Send a request byte for byte (a refusal may close before the body is sent), read the
    whole answer; returns (status, body)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(head)
        try:
            for piece in body:
                sock.sendall(piece)
        except OSError:
            pass  # refused early: the server closed while we were still sending
        data = b""
        try:
            while chunk := sock.recv(65536):
                data += chunk
        except ConnectionResetError:
            pass  # the answer, if any, is already in data
    head_part, _, payload = data.partition(b"\r\n\r\n")
    return int(head_part.split()[1]), payload


def post_head(length: int | None, content_type: str = "application/json") -> bytes:
    framing = f"Content-Length: {length}" if length is not None else "Transfer-Encoding: chunked"
    return (
        f"POST /extract HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n"
        f"Connection: close\r\n{framing}\r\n\r\n"
    ).encode()


def assert_problem(status: int, payload: bytes, expected: int) -> dict:
    assert status == expected, payload[:300]
    problem = json.loads(payload)
    assert problem["status"] == expected and problem["type"].startswith("https://")
    assert problem["request_id"]
    return problem


def utf16(text: str, index: int) -> int:
    return sum(2 if ord(c) > 0xFFFF else 1 for c in text[:index])


def assert_spans_index(text: str, body: dict) -> None:
    spans = []
    for claim in body["claims"]:
        spans += [claim] + [s for s in (claim["cue"],) if s]
        if claim["speaker"]:
            spans.append(claim["speaker"]["mention"])
    spans += body["entities"] + [m for s in body["speakers"] for m in s["mentions"]]
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"], span
        if "start_utf16" in span:
            assert span["start_utf16"] == utf16(text, span["start"])
            assert span["end_utf16"] == utf16(text, span["end"])


def test_10mb_body_is_413_before_it_is_sent(gunicorn_server):
    """Only the headers and 10 bytes go out: the 413 comes back without the server
    waiting for (or reading) the other 10 MB."""
    status, payload = raw_exchange(gunicorn_server.port, post_head(10_000_000), [b'{"text": "'])
    assert assert_problem(status, payload, 413)["limit"] == "max_body_bytes"


def test_10mb_body_sent_in_full_is_413(gunicorn_server):
    body = b'{"text": "' + b"a" * (10_000_000 - 12) + b'"}'
    status, payload = raw_exchange(gunicorn_server.port, post_head(len(body)), [body])
    assert_problem(status, payload, 413)


def _over_limit(factor: float) -> bytes:
    return b'{"text": "' + b"a" * int(LIMIT * factor) + b'"}'


@pytest.mark.parametrize("factor", [1.01, 2, 3.9])
def test_urllib_sending_a_body_over_the_limit_in_full_reads_the_413(gunicorn_server, factor):
    """urllib writes the whole body (with ``Connection: close``) before it reads: the server
    drains up to 4 x the limit, so the 413 arrives instead of a reset or a broken pipe."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{gunicorn_server.port}/extract",
        data=_over_limit(factor),
        headers={"Content-Type": "application/json"},
    )
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=HANG)
    assert info.value.code == 413
    problem = json.loads(info.value.read())
    assert problem["limit"] == "max_body_bytes" and problem["status"] == 413


def test_requests_sending_a_body_over_the_limit_reads_the_413(gunicorn_server):
    url = f"http://127.0.0.1:{gunicorn_server.port}/extract"
    with requests.Session() as session:
        headers = {"Content-Type": "application/json"}
        refused = session.post(url, data=_over_limit(2), headers=headers, timeout=HANG)
        assert refused.status_code == 413 and refused.json()["limit"] == "max_body_bytes"
        # the connection (drained, or closed and reopened) still serves the next request
        served = session.post(url, json={"text": "The mayor said yes."}, timeout=HANG)
        assert served.status_code == 200


def test_chunked_body_over_the_limit_is_413(gunicorn_server):
    chunk = b"%x\r\n%s\r\n" % (100_000, b"a" * 100_000)
    pieces = [b'a\r\n{"text": "\r\n'] + [chunk] * 30 + [b'2\r\n"}\r\n0\r\n\r\n']
    status, payload = raw_exchange(gunicorn_server.port, post_head(None), pieces)
    assert assert_problem(status, payload, 413)["limit"] == "max_body_bytes"


def test_small_chunked_body_is_served(gunicorn_server):
    raw = json.dumps({"text": "The mayor said the bridge would reopen."}).encode()
    pieces = [b"%x\r\n%s\r\n" % (len(raw), raw), b"0\r\n\r\n"]
    status, payload = raw_exchange(gunicorn_server.port, post_head(None), pieces)
    assert status == 200 and json.loads(payload)["claims"], payload[:300]


REFUSED = [
    (
        "nested 100,000 deep",
        b'{"text": "a", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        "application/json",
        422,
    ),
    ("invalid UTF-8", b'{"text": "caf\xe9 \xff"}', "application/json", 400),
    ("UTF-8-encoded lone surrogate", b'{"text": "a \xed\xa0\x80 b"}', "application/json", 400),
    ("wrong content type", b'{"text": "a"}', "text/plain", 415),
    ("empty body", b"", "application/json", 400),
    # a \\ud800 escape is valid JSON but not Unicode text: no model tokenizer takes it
    (
        "lone surrogate escapes",
        json.dumps({"text": "He said \ud800 “we will \udfff stay.”"}).encode(),
        "application/json",
        422,
    ),
]


@pytest.mark.parametrize(
    "name, raw, content_type, status", REFUSED, ids=[case[0] for case in REFUSED]
)
def test_hostile_body_is_a_problem(gunicorn_server, name, raw, content_type, status):
    got, payload = raw_exchange(gunicorn_server.port, post_head(len(raw), content_type), [raw])
    assert_problem(got, payload, status)


SERVED = [
    ("zero-width, bidi and control characters", ZERO_WIDTH_BIDI_CONTROL),
    ('"a" * 100,000', "a" * 100_000),
    ("5,000 quotation marks", '"' * 5_000),
    (
        "50 KB unterminated quote",
        "He said: “" + ("the talks will go on and on " * 1900)[:50_000],
    ),
    (
        "20,000-character sentence",
        (
            "The minister said that the plan, which " + "was debated "
            "by many members of the council for a long time and " * 300
        )[:20_000]
        + ".",
    ),
]


@pytest.mark.parametrize("name, text", SERVED, ids=[case[0] for case in SERVED])
def test_hostile_text_is_served_with_exact_offsets(gunicorn_server, name, text):
    raw = json.dumps({"text": text}).encode()  # ensure_ascii: lone surrogates as \\ud800
    status, payload = raw_exchange(gunicorn_server.port, post_head(len(raw)), [raw])
    assert status == 200, payload[:300]
    body = json.loads(payload)
    assert_spans_index(text, body)
    assert body["meta"]["characters"] == len(text)
