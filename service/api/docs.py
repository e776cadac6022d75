"""OpenAPI extras: the problem responses of every operation, and the configured limits.

``ProblemsPlugin`` is an apispec plugin (flask-smorest ``extra_plugins``):

- every operation documents each problem status it can return (POSTs: 400, 401, 413, 415,
  422, 429, 500, 503; GETs: 500, and 503 for /readyz), as ``application/problem+json``
  with ``Retry-After`` on 429/503, and a ``default`` problem response for the rest (404,
  405); all ten are components, listed with their stable ``type`` URIs in
  ``x-problem-types``;
- the request schemas carry the configured limits (``maxLength``, ``maxItems``, non-blank
  ``pattern``), so the published contract is the one the service enforces.
"""

from __future__ import annotations

import copy
from typing import Any

from apispec import APISpec, BasePlugin

from service.api import schemas
from service.api.schemas import ProblemSchema
from service.config import Settings

PROBLEM_MIME = "application/problem+json"
NON_BLANK = r"\S"
RETRY_AFTER = {
    "Retry-After": {"description": "Seconds to wait before retrying", "schema": {"type": "integer"}}
}
RESPONSES: dict[str, tuple[str, str]] = {
    "400": ("BadRequest", "Body is empty, not UTF-8 or not JSON"),
    "401": ("Unauthorized", "API keys are configured and the Bearer key is missing or wrong"),
    "404": ("NotFound", "No such route"),
    "405": ("MethodNotAllowed", "Method not allowed on this path (see the Allow header)"),
    "413": ("PayloadTooLarge", "Body, text or batch over its limit (`limit` names it)"),
    "415": ("UnsupportedMediaType", "Content-Type is not application/json"),
    "422": ("ValidationFailed", "Request failed validation (`errors`: field → messages)"),
    "429": ("TooManyRequests", "This client has too many requests in flight (Retry-After)"),
    "500": ("InternalError", "Unexpected error, logged with the request id"),
    "503": (
        "ServiceUnavailable",
        "Models not ready, overloaded, past the inference deadline, or draining (Retry-After)",
    ),
}
POST_STATUSES = ("400", "401", "413", "415", "422", "429", "500", "503")


class ProblemsPlugin(BasePlugin):
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def init_spec(self, spec: APISpec) -> None:
        for status, (name, description) in RESPONSES.items():
            response: dict[str, Any] = {
                "description": description,
                "content": {PROBLEM_MIME: {"schema": ProblemSchema}},
            }
            if status in ("429", "503"):
                response["headers"] = copy.deepcopy(RETRY_AFTER)
            spec.components.response(name, response)  # all ten, referenced or not
        spec.components.response(
            "Problem",
            {
                "description": "Any other problem (404, 405, …)",
                "content": {PROBLEM_MIME: {"schema": ProblemSchema}},
            },
            lazy=True,
        )

    def operation_helper(
        self, path: str | None = None, operations: dict[str, Any] | None = None, **kwargs: Any
    ) -> None:
        for method, operation in (operations or {}).items():
            responses = operation.setdefault("responses", {})
            statuses: tuple[str, ...] = POST_STATUSES if method == "post" else ("500",)
            if path == "/readyz":
                statuses = ("500", "503")
            for status in statuses:
                key = int(status) if int(status) in responses else status
                responses.setdefault(key, RESPONSES[status][0])
                if status in ("429", "503") and isinstance(responses[key], dict):
                    responses[key].setdefault("headers", copy.deepcopy(RETRY_AFTER))
            responses["default"] = "Problem"

    def schema_helper(
        self, name: str, definition: dict[str, Any], **kwargs: Any
    ) -> dict[str, Any] | None:
        props = definition.get("properties", {})
        s = self.settings
        if name == "ExtractRequest":
            props["text"].update(minLength=1, maxLength=s.max_chars, pattern=NON_BLANK)
            _limit_list(props["labels"], s.max_labels, s.max_label_chars)
            _limit_list(props["targets"], s.max_targets, getattr(schemas, "MAX_TARGET_CHARS", 0))
            props["title"].update(maxLength=s.max_title_chars)
            props["id"] = {
                "description": "Caller's document id, echoed back as a string",
                "nullable": True,
                "default": None,
                "oneOf": [{"type": "string", "maxLength": s.max_id_chars}, {"type": "integer"}],
            }
        elif name == "BatchRequest":
            props["documents"].update(maxItems=s.max_batch_documents)
        return None


def _limit_list(prop: dict[str, Any], max_items: int, max_chars: int) -> None:
    """maxItems and uniqueItems on a list of names, and on each name (a string, or the
    ``name`` of an object alternative) non-blank and at most ``max_chars`` long."""
    prop.setdefault("maxItems", max_items)
    prop.setdefault("uniqueItems", True)
    items = prop["items"] = copy.deepcopy(prop.get("items", {}))  # never edit a shared doc
    for alternative in items.get("oneOf", [items]):
        if alternative.get("type") == "object":
            alternative = alternative.get("properties", {}).get("name", {})
        if alternative.get("type") == "string":
            alternative.setdefault("pattern", NON_BLANK)
            if max_chars:
                alternative.setdefault("maxLength", max_chars)


def api_description(settings: Settings) -> str:
    limits = ", ".join(f"{k}={v}" for k, v in settings.limits().items())
    pressure = ", ".join(f"{k}={v}" for k, v in settings.backpressure().items())
    return (
        "Claims, speakers, cues and framing in news articles.\n\n"
        "**Errors** are RFC 9457 `application/problem+json` with a stable `type` URI "
        "(`x-problem-types`), `title`, `status`, `detail`, `instance` and `request_id`; "
        "every response carries `X-Request-ID` (yours, or a generated one).\n\n"
        f"**Limits** (`x-limits`, also in `GET /info`), checked before any model work: "
        f"{limits}. A body over max_body_bytes is refused from its Content-Length without "
        "being read (a chunked body is cut off at the limit): 413; text over max_chars and "
        "batches over max_batch_documents: 413; the rest: 422.\n\n"
        f"**Backpressure** per worker (`x-backpressure`): {pressure}. Over capacity: 503 "
        "with Retry-After, answered at once; past the inference deadline: 503; a client "
        "over its own in-flight limit: 429. `GET /readyz` is 503 while loading or draining."
        "\n\n**Metrics**: `GET /metrics` (Prometheus)."
    )
