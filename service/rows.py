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
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from service.config import Settings
from service.domain import Document
from service.errors import ServiceError, ValidationFailed
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


def check_unicode(body: Any) -> None:
    """ValidationFailed (422) where a string holds a lone surrogate escape, as over HTTP."""
    if _has_lone_surrogate(body):
        raise ValidationFailed(
            "A string holds an unpaired UTF-16 surrogate (a lone \\ud800-\\udfff escape), "
            "which is not Unicode text: send valid Unicode.",
            errors={"_schema": ["Unpaired surrogate escape in a string."]},
        )


def _has_lone_surrogate(value: Any) -> bool:
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if _SURROGATE.search(node):
                return True
        elif isinstance(node, dict):
            stack.extend(node.keys())
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


def run_rows(pipeline: Any, settings: Settings, rows: Sequence[Row]) -> list[dict[str, Any]]:
    """One record per row, in order; the good rows go through one ``pipeline.run``."""
    from service.api.wire import parse_request

    parsed: list[tuple[int, Any, Document | ServiceError]] = []
    for index, raw in rows:
        body = None
        try:
            body = row_body(index, raw)
            check_unicode(body)
            parsed.append((index, body, parse_request(body, settings)))
        except ServiceError as exc:
            parsed.append((index, body, exc))
    good = [outcome for _, _, outcome in parsed if isinstance(outcome, Document)]
    extracted = iter(_extract(pipeline, good))
    records = []
    for index, body, outcome in parsed:
        if isinstance(outcome, ServiceError):
            caller_id = body.get("id") if isinstance(body, dict) else None
            records.append({"id": caller_id, "index": index, "problem": outcome.to_problem()})
        else:
            result = next(extracted)
            records.append(result if isinstance(result, dict) else _problem(outcome, index))
    return records


def _extract(pipeline: Any, docs: list[Document]) -> Iterator[dict[str, Any] | None]:
    """Wire responses of ``docs``; when the batch raises, each document alone, and None
    for one that raises by itself."""
    from service.api.wire import to_wire

    if not docs:
        return
    try:
        results = [to_wire(ex) for ex in pipeline.run(docs)]
    except Exception:
        if len(docs) == 1:
            log.exception("extraction failed for document %r", docs[0].id)
            yield None
            return
    else:
        yield from results
        return
    for doc in docs:
        yield from _extract(pipeline, [doc])


def _problem(doc: Document, index: int) -> dict[str, Any]:
    error = ServiceError("The extraction of this document failed; it has been logged.")
    return {"id": doc.id, "index": index, "problem": error.to_problem()}


def failed(records: Iterable[dict[str, Any]]) -> int:
    return sum("problem" in record for record in records)
