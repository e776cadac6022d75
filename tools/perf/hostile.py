"""Hostile inputs over real HTTP: how long each takes against gunicorn (part of ``make bench``).

The cases are the ones ``tests/robustness/test_hostile_http.py`` checks for behaviour (a 4xx
problem, or a 200 whose spans index the text); here each is timed, ``--repeat`` times on a
fresh connection, against ``claimscope serve`` (2 workers, default settings) on 127.0.0.1.
The budget is 1 s per case (the median): only the first ``parse_sentence_chars`` of an
overlong sentence are parsed, 5,000 quotation marks are not parsed at all, and a body over
``max_body_bytes`` is refused before it is read. Prints one JSON object; exit 1 over budget.

    .venv/bin/python -m tools.perf.hostile [--repeat 3] [--budget-s 1.0] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from tools.harness import server as harness

HANG = 60.0  # seconds: a hang, not a slow answer

ZERO_WIDTH_BIDI_CONTROL = (
    "Zero\u200bwidth\u200c joiners\u200d, \u202eright-to-left\u202c and \u2066isolates"
    "\u2069, a bell\x07, a NUL\x00 and a form feed\x0c. “We will rebuild,” the mayor said."
)

# (name, raw body, Content-Type, status)
REFUSED: list[tuple[str, bytes, str, int]] = [
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

# (name, text): each is served with a 200
SERVED: list[tuple[str, str]] = [
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


def post_head(length: int | None, content_type: str = "application/json") -> bytes:
    framing = f"Content-Length: {length}" if length is not None else "Transfer-Encoding: chunked"
    return (
        f"POST /extract HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n"
        f"Connection: close\r\n{framing}\r\n\r\n"
    ).encode()


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


def cases() -> list[tuple[str, bytes, list[bytes], int]]:
    """Every case as (name, head, body pieces, expected status), the body limit's too."""
    out = [
        (name, post_head(len(raw), ctype), [raw], status) for name, raw, ctype, status in REFUSED
    ]
    for name, text in SERVED:
        raw = json.dumps({"text": text}).encode()
        out.append((name, post_head(len(raw)), [raw], 200))
    ten_mb = b'{"text": "' + b"a" * (10_000_000 - 12) + b'"}'
    head = post_head(len(ten_mb))
    out.append(("10 MB body, headers and 10 bytes sent", head, [ten_mb[:10]], 413))
    out.append(("10 MB body sent in full", head, [ten_mb], 413))
    return out


def time_cases(port: int, repeat: int) -> list[dict[str, Any]]:
    rows = []
    for name, head, body, expected in cases():
        seconds, statuses = [], set()
        for _ in range(repeat):
            started = time.perf_counter()
            status, _ = raw_exchange(port, head, body)
            seconds.append(time.perf_counter() - started)
            statuses.add(status)
        rows.append(
            {
                "case": name,
                "status": sorted(statuses),
                "expected": expected,
                "median_s": round(statistics.median(seconds), 3),
                "max_s": round(max(seconds), 3),
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--budget-s", type=float, default=1.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    with harness.serve(workers=args.workers) as server:
        harness.call(server.port, body=harness.seed_body())  # warm one worker
        rows = time_cases(server.port, max(1, args.repeat))
    over = [r["case"] for r in rows if r["median_s"] > args.budget_s]
    wrong = [r["case"] for r in rows if r["status"] != [r["expected"]]]
    report = {"budget_s": args.budget_s, "cases": rows, "over_budget": over, "wrong": wrong}
    text = json.dumps(report, indent=2, ensure_ascii=False)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    return 1 if over or wrong else 0


if __name__ == "__main__":
    sys.exit(main())
