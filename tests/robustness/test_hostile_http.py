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
import urllib.error
import urllib.request

import pytest
import requests

from service.config import Settings
from tools.perf.hostile import HANG, REFUSED, SERVED, post_head, raw_exchange

pytestmark = pytest.mark.slow

LIMIT = Settings().max_body_bytes


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


@pytest.mark.parametrize(
    "name, raw, content_type, status", REFUSED, ids=[case[0] for case in REFUSED]
)
def test_hostile_body_is_a_problem(gunicorn_server, name, raw, content_type, status):
    got, payload = raw_exchange(gunicorn_server.port, post_head(len(raw), content_type), [raw])
    assert_problem(got, payload, status)


@pytest.mark.parametrize("name, text", SERVED, ids=[case[0] for case in SERVED])
def test_hostile_text_is_served_with_exact_offsets(gunicorn_server, name, text):
    raw = json.dumps({"text": text}).encode()  # ensure_ascii: lone surrogates as \\ud800
    status, payload = raw_exchange(gunicorn_server.port, post_head(len(raw)), [raw])
    assert status == 200, payload[:300]
    body = json.loads(payload)
    assert_spans_index(text, body)
    assert body["meta"]["characters"] == len(text)
