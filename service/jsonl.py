"""JSONL request files, line by line: bytes in, one parsed body or one problem per line.

Lines end at ``\\n`` only (``\\r\\n`` too, as JSON ignores the ``\\r``): not at the other
characters ``str.splitlines`` breaks on (U+2028, U+2029, U+0085, form feed, ...), which may
stand inside a JSON string. Each line is decoded on its own, so bytes that are not UTF-8
or text that is not JSON fail that line only; ``index`` is the line's 0-based number in
the file. Used by ``claimscope extract --jsonl``."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from service.errors import InvalidJSON, ServiceError


@dataclass(frozen=True)
class JsonLine:
    """One input line: its 0-based ``index`` and either its JSON ``body`` or a ``problem``."""

    index: int
    body: Any = None
    problem: ServiceError | None = None


def split_lines(data: bytes) -> list[bytes]:
    """``data`` cut at ``\\n`` only; a final newline ends the last line, it starts none."""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return lines


def parse_line(index: int, raw: bytes) -> JsonLine:
    """Decode and parse one line; a line that is no JSON value gets a 400 problem.
    ``service.api.wire.parse_request`` then validates the body (a lone surrogate escape
    is a 422 there, as over HTTP)."""
    number = index + 1
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return JsonLine(index, problem=InvalidJSON(f"Line {number} is not valid UTF-8."))
    if not text.strip():
        return JsonLine(index, problem=InvalidJSON(f"Line {number} is empty: send a JSON object."))
    try:
        body = json.loads(text)
    except (ValueError, RecursionError):  # JSONDecodeError, or an int over 4300 digits
        return JsonLine(index, problem=InvalidJSON(f"Line {number} is not valid JSON."))
    return JsonLine(index, body)


def parse_lines(lines: Iterable[bytes]) -> Iterator[JsonLine]:
    """``parse_line`` over lines in order, numbered from 0."""
    for index, raw in enumerate(lines):
        yield parse_line(index, raw)
