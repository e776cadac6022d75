"""Checks that run before any view: request id, API key, and the request body.

Order: request id → API key (constant-time) → for POSTs that route: Content-Type (415) →
Content-Length over ``max_body_bytes`` (413, refused before a byte of the body is read; a
chunked body is cut off at the same limit while it is read) → empty (400) → UTF-8 (400) →
JSON (400; nesting so deep that the parser gives up is 422) → nesting over
``max_json_depth`` (422) → no lone surrogate escape in any string (422) → an object
(422). Only then does a view validate fields and limits; only after that is a model slot
requested.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import uuid
from typing import Any

from flask import Request
from werkzeug.exceptions import BadRequest

from service.config import Settings
from service.errors import (
    InvalidJSON,
    PayloadTooLarge,
    Unauthorized,
    UnsupportedMediaType,
    ValidationFailed,
)

_SURROGATE = re.compile("[\\ud800-\\udfff]")
PUBLIC_PATHS = frozenset({"/livez", "/readyz", "/info", "/metrics", "/openapi.json", "/docs", "/"})
PUBLIC_PREFIXES = ("/assets/",)  # the newsroom page's script and stylesheet
_JSON_TYPES = {
    list: "a JSON array",
    str: "a JSON string",
    int: "a JSON number",
    float: "a JSON number",
    bool: "a JSON boolean",
    type(None): "JSON null",
}


def request_id(request: Request) -> str:
    given = request.headers.get("X-Request-ID", "")
    if 0 < len(given) <= 128 and given.isprintable() and given.isascii():
        return given
    return uuid.uuid4().hex


def client_key(request: Request) -> str:
    """Who a request is from, for per-client limits: its API key (hashed) or its address."""
    header = request.headers.get("Authorization", "")
    if header[:7].lower() == "bearer " and header[7:].strip():
        return "key:" + hashlib.sha256(header[7:].strip().encode()).hexdigest()[:16]
    return "addr:" + (request.remote_addr or "")


def check_api_key(request: Request, keys: tuple[str, ...]) -> None:
    if (
        not keys
        or request.path in PUBLIC_PATHS
        or request.path.startswith(PUBLIC_PREFIXES)
        or request.method == "OPTIONS"
    ):
        return  # CORS preflights carry no credentials: OPTIONS is never behind the key
    header = request.headers.get("Authorization", "")
    token = header[7:].strip() if header[:7].lower() == "bearer " else ""
    matched = False
    for key in keys:  # compare against every key, in constant time each
        matched |= hmac.compare_digest(token.encode(), key.encode())
    if not matched:
        raise Unauthorized("Send 'Authorization: Bearer <key>' with a configured API key.")


def check_body(request: Request, settings: Settings) -> None:
    """Everything about a POST body that can be refused before a view sees it."""
    if request.mimetype != "application/json":
        raise UnsupportedMediaType(
            f"Content-Type must be application/json, not {request.mimetype or 'missing'}."
        )
    limit = settings.max_body_bytes
    if request.content_length is not None and request.content_length > limit:
        raise PayloadTooLarge(
            f"The request body is {request.content_length} bytes; the limit is {limit} "
            "(max_body_bytes). Send less or raise CLAIMSCOPE_MAX_BODY_BYTES.",
            limit="max_body_bytes",
            limit_value=limit,
        )
    # A chunked body has no Content-Length: werkzeug stops reading at MAX_CONTENT_LENGTH,
    # which the app sets one byte over the limit, so one byte too many tells.
    raw = request.get_data(cache=True)
    if len(raw) > limit:
        raise PayloadTooLarge(
            f"The request body is over {limit} bytes (max_body_bytes); send less or raise "
            "CLAIMSCOPE_MAX_BODY_BYTES.",
            limit="max_body_bytes",
            limit_value=limit,
        )
    if not raw.strip():
        raise InvalidJSON("The request body is empty: send a JSON object.")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidJSON("The request body is not valid UTF-8 JSON: send a JSON object.") from exc
    depth_error = ValidationFailed(
        f"JSON nesting is deeper than {settings.max_json_depth} levels (max_json_depth).",
        limit="max_json_depth",
        limit_value=settings.max_json_depth,
    )
    try:
        body = request.get_json()  # parsed once; the view reuses the cached value
    except RecursionError:  # json's C scanner refuses ~1,000 levels before the stack does
        raise depth_error from None
    except BadRequest as exc:
        raise InvalidJSON("The request body is not valid UTF-8 JSON: send a JSON object.") from exc
    if json_depth(body, settings.max_json_depth) > settings.max_json_depth:
        raise depth_error
    if has_lone_surrogate(body):
        raise ValidationFailed(
            "A string holds an unpaired UTF-16 surrogate (a lone \\ud800-\\udfff escape), "
            "which is not Unicode text: send valid Unicode.",
            errors={"_schema": ["Unpaired surrogate escape in a string."]},
        )
    if not isinstance(body, dict):
        raise ValidationFailed(
            f"The request body must be a JSON object, not "
            f"{_JSON_TYPES.get(type(body), 'a JSON value')}.",
            errors={"_schema": ["Expected a JSON object."]},
        )


def json_depth(value: Any, stop_above: int = 1 << 30) -> int:
    """Deepest nesting of arrays and objects in a parsed JSON value (a scalar is 0),
    without recursion; it stops counting once past ``stop_above``."""
    if not isinstance(value, dict | list):
        return 0
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        children = node.values() if isinstance(node, dict) else node
        deepest = max(deepest, depth)
        if deepest > stop_above:
            break
        stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list))
    return deepest


def has_lone_surrogate(value: Any) -> bool:
    """Whether any string (key or value) in a parsed JSON value holds a lone surrogate:
    json.loads lets a ``\\ud800`` escape through; no tokenizer or encoder downstream can."""
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
