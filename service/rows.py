"""Request rows → response records, for ``claimscope bulk`` (one record per input row).

A row is one /extract request body: a JSONL line (raw bytes, read with ``service.jsonl``,
the reader ``claimscope extract --jsonl`` uses) or a dict (a Parquet row). Each row yields
one record, in input order, shaped as ``extract --jsonl`` writes it: the /extract response,
or ``{"id", "index", "problem"}`` where the row is bad. A bad row never stops the others:
a line that is not UTF-8, not JSON, empty, that fails validation or holds a lone surrogate
escape is that row's problem, and a document whose extraction raises gets a 500 problem
in its place while the rest of its batch still runs.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterable, Sequence
from typing import Any

from service.config import Settings
from service.domain import Document
from service.errors import ServiceError
from service.jsonl import parse_line

log = logging.getLogger(__name__)

Row = tuple[int, bytes | dict[str, Any]]  # (index in the input, JSONL line or parsed body)
_SURROGATE = re.compile("[\\ud800-\\udfff]")


def stable_id(index: int, raw: bytes | dict[str, Any]) -> str:
    """An id for a row without one: its index and a hash of its content, the same on every
    run over the same input."""
    content = raw if isinstance(raw, bytes) else _canonical(raw)
    return f"row-{index}-{hashlib.sha256(content).hexdigest()[:12]}"


def _canonical(body: dict[str, Any]) -> bytes:
    return json.dumps(body, sort_keys=True, ensure_ascii=False, default=str).encode(
        "utf-8", "surrogatepass"
    )


def row_body(index: int, raw: bytes | dict[str, Any]) -> Any:
    """The parsed request body of one row; InvalidJSON (400) where there is none."""
    if isinstance(raw, dict):
        return raw
    line = parse_line(index, raw)
    if line.problem is not None:
        raise line.problem
    return line.body


def run_rows(pipeline: Any, settings: Settings, rows: Sequence[Row]) -> list[dict[str, Any]]:
    """One record per row, in order; the good rows go through one ``pipeline.run``."""
    from service.api.wire import parse_request, run_each, to_wire

    parsed: list[tuple[int, Any, Document | ServiceError]] = []
    for index, raw in rows:
        body = None
        try:
            body = row_body(index, raw)  # parse_request checks lone surrogates too
            parsed.append((index, body, parse_request(body, settings)))
        except ServiceError as exc:
            parsed.append((index, body, exc))
    good = [outcome for _, _, outcome in parsed if isinstance(outcome, Document)]
    extracted = iter(run_each(pipeline, good) if good else [])
    records = []
    for index, body, outcome in parsed:
        result = outcome if isinstance(outcome, ServiceError) else next(extracted)
        if isinstance(result, ServiceError):
            caller_id = body.get("id") if isinstance(body, dict) else None
            records.append({"id": caller_id, "index": index, "problem": result.to_problem()})
        else:
            records.append(to_wire(result))
    return records


def failed(records: Iterable[dict[str, Any]]) -> int:
    return sum("problem" in record for record in records)
