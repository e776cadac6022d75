"""Request rows → response records, for the commands that read many requests at once.

One reader for ``claimscope extract --jsonl`` and ``claimscope bulk``: a row is one
/extract request body, as a JSONL line (raw bytes) or as a dict (a Parquet row). Each row
yields one record, in input order: the /extract response, or ``{"id", "index", "problem"}``
where the row is bad. A bad row never stops the others:

- JSONL is split on ``\\n`` only (U+2028, U+0085 or a form feed inside a JSON string stay
  in their line), and each line is decoded on its own, so a line that is not UTF-8, not
  JSON, empty, or that holds a lone surrogate escape is that line's problem;
- a document whose extraction raises gets a 500 problem in its place, the rest of its
  batch still runs.

No Flask request context here: problems carry no ``instance`` or ``request_id``.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from service.config import Settings
from service.domain import Document

log = logging.getLogger(__name__)

Row = tuple[int, bytes | dict[str, Any]]  # (index in the input, JSONL line or parsed body)


def split_jsonl(data: bytes) -> list[bytes]:
    """The lines of a JSONL file: split on ``\\n`` only; a final newline ends the last line
    and starts none."""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return lines


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
    """The parsed request body of one row; InvalidJSON (400) when there is none."""
    from service.errors import InvalidJSON

    if isinstance(raw, dict):
        return raw
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidJSON(f"Line {index + 1} is not valid UTF-8.") from None
    if not line.strip():
        raise InvalidJSON("Empty line: each line must be a JSON object.")
    try:
        return json.loads(line)
    except (ValueError, RecursionError):  # JSONDecodeError, or an int over 4300 digits
        raise InvalidJSON(f"Line {index + 1} is not valid JSON.") from None


def check_text(body: Any) -> None:
    """ValidationFailed (422) where a string holds a lone surrogate escape, as over HTTP."""
    from service.errors import ValidationFailed
    from service.guards import has_lone_surrogate

    if has_lone_surrogate(body):
        raise ValidationFailed(
            "A string holds an unpaired UTF-16 surrogate (a lone \\ud800-\\udfff escape), "
            "which is not Unicode text: send valid Unicode.",
            errors={"_schema": ["Unpaired surrogate escape in a string."]},
        )
    return body


def run_rows(pipeline: Any, settings: Settings, rows: Sequence[Row]) -> list[dict[str, Any]]:
    """One record per row, in order; the good rows go through one ``pipeline.run``."""
    from service.api.wire import parse_request
    from service.errors import ServiceError

    parsed: list[tuple[int, Any, Document | ServiceError]] = []
    for index, raw in rows:
        body = None
        try:
            body = row_body(index, raw)
            check_text(body)
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
    from service.errors import ServiceError

    error = ServiceError("The extraction of this document failed; it has been logged.")
    return {"id": doc.id, "index": index, "problem": error.to_problem()}


def failed(records: Iterable[dict[str, Any]]) -> int:
    return sum("problem" in record for record in records)
