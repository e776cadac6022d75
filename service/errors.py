"""One error shape: RFC 9457 ``application/problem+json``.

ServiceError tree::

    ServiceError (500, internal)
    ├── BadRequest (400, bad-request)
    │   └── InvalidJSON (400, invalid-json)
    ├── Unauthorized (401, unauthorized)
    ├── NotFound (404, not-found)
    ├── MethodNotAllowed (405, method-not-allowed)
    ├── PayloadTooLarge (413, payload-too-large)
    ├── UnsupportedMediaType (415, unsupported-media-type)
    ├── ValidationFailed (422, validation-failed)  -- carries field errors
    ├── TooManyRequests (429, too-many-requests)    -- per client, carries Retry-After
    └── NotReady (503, not-ready)                  -- carries Retry-After
        ├── Overloaded (503, overloaded)           -- no model slot within the queue wait
        ├── DeadlineExceeded (503, deadline-exceeded)
        └── Draining (503, draining)               -- the worker is shutting down

Every problem has ``type`` (a stable URI), ``title``, ``status``, ``detail`` and
``instance`` (the request path) and ``request_id``; validation problems add ``errors``
(field → messages), limit problems ``limit`` and ``limit_value``; 405 carries ``Allow``.
"""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, g, has_app_context, json, request
from werkzeug.exceptions import HTTPException

PROBLEM_MIME = "application/problem+json"
TYPE_BASE = "https://claimscope.dev/problems/"


class ServiceError(Exception):
    status = 500
    slug = "internal"
    title = "Internal error"

    def __init__(
        self,
        detail: str,
        *,
        errors: dict[str, Any] | None = None,
        retry_after: int | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors
        self.retry_after = retry_after
        self.headers = headers or {}
        self.extra = extra

    def to_problem(self) -> dict[str, Any]:
        problem = problem_body(self.status, self.slug, self.title, self.detail)
        if self.errors:
            problem["errors"] = self.errors
        problem.update(self.extra)
        return problem


class BadRequest(ServiceError):
    status, slug, title = 400, "bad-request", "Bad request"


class InvalidJSON(BadRequest):
    slug, title = "invalid-json", "Body is not valid JSON"


class Unauthorized(ServiceError):
    status, slug, title = 401, "unauthorized", "Missing or invalid API key"


class NotFound(ServiceError):
    status, slug, title = 404, "not-found", "Not found"


class MethodNotAllowed(ServiceError):
    status, slug, title = 405, "method-not-allowed", "Method not allowed"


class PayloadTooLarge(ServiceError):
    status, slug, title = 413, "payload-too-large", "Payload too large"


class UnsupportedMediaType(ServiceError):
    status, slug, title = 415, "unsupported-media-type", "Unsupported media type"


class ValidationFailed(ServiceError):
    status, slug, title = 422, "validation-failed", "Request failed validation"


class TooManyRequests(ServiceError):
    status, slug, title = 429, "too-many-requests", "Too many requests"


class NotReady(ServiceError):
    status, slug, title = 503, "not-ready", "Service not ready"


class Overloaded(NotReady):
    slug, title = "overloaded", "Service overloaded"


class DeadlineExceeded(NotReady):
    slug, title = "deadline-exceeded", "Inference deadline exceeded"


class Draining(NotReady):
    slug, title = "draining", "Worker is shutting down"


PROBLEM_CLASSES: tuple[type[ServiceError], ...] = (
    ServiceError,
    BadRequest,
    InvalidJSON,
    Unauthorized,
    NotFound,
    MethodNotAllowed,
    PayloadTooLarge,
    UnsupportedMediaType,
    ValidationFailed,
    TooManyRequests,
    NotReady,
    Overloaded,
    DeadlineExceeded,
    Draining,
)


def problem_types() -> dict[str, dict[str, Any]]:
    """Every stable problem ``type`` URI with its status and title (published in OpenAPI)."""
    return {TYPE_BASE + c.slug: {"status": c.status, "title": c.title} for c in PROBLEM_CLASSES}


_BY_STATUS: dict[int, type[ServiceError]] = {
    cls.status: cls
    for cls in (
        BadRequest,
        Unauthorized,
        NotFound,
        MethodNotAllowed,
        PayloadTooLarge,
        UnsupportedMediaType,
        ValidationFailed,
        TooManyRequests,
        NotReady,
    )
}


def problem_body(status: int, slug: str, title: str, detail: str) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": TYPE_BASE + slug,
        "title": title,
        "status": status,
        "detail": detail,
    }
    try:
        body["instance"] = request.path
        if getattr(g, "request_id", None):
            body["request_id"] = g.request_id
    except RuntimeError:  # outside a request (CLI, batch item)
        pass
    return body


def problem_response(error: ServiceError) -> Response:
    response = Response(json.dumps(error.to_problem()), status=error.status, mimetype=PROBLEM_MIME)
    if error.retry_after is not None:
        response.headers["Retry-After"] = str(error.retry_after)
    response.headers.update(error.headers)
    return response


def from_http_exception(exc: HTTPException) -> ServiceError:
    """Map a werkzeug/flask-smorest HTTPException onto the ServiceError tree."""
    status = exc.code or 500
    data = getattr(exc, "data", None) or {}
    messages = data.get("messages") if isinstance(data, dict) else None
    if status == 400 and "json" in str(exc.description).lower():
        return InvalidJSON("The request body could not be parsed as JSON: send a JSON object.")
    if status == 422 and messages:
        errors = messages.get("json", messages) if isinstance(messages, dict) else messages
        return ValidationFailed(_summarise(errors), errors=errors)
    if status == 413 and has_app_context() and current_app.config.get("CLAIMSCOPE_SETTINGS"):
        limit = current_app.config["CLAIMSCOPE_SETTINGS"].max_body_bytes
        return PayloadTooLarge(
            f"The request body is over {limit} bytes (max_body_bytes); send "
            "less or raise CLAIMSCOPE_MAX_BODY_BYTES.",
            limit="max_body_bytes",
            limit_value=limit,
        )
    if status == 405:
        allowed = sorted(getattr(exc, "valid_methods", None) or [])
        return MethodNotAllowed(
            _detail_for(status, exc), headers={"Allow": ", ".join(allowed)} if allowed else None
        )
    cls = _BY_STATUS.get(status)
    if cls is None:
        error = ServiceError(str(exc.description or exc.name))
        error.status, error.title = status, exc.name
        return error
    return cls(_detail_for(status, exc))


def _detail_for(status: int, exc: HTTPException) -> str:
    if status == 404:
        return f"No route for {request.path}. See /docs for the API."
    if status == 405:
        return f"{request.method} is not allowed on {request.path}."
    if status == 413:
        return "The request body is over the configured byte limit (max_body_bytes)."
    return str(exc.description or exc.name)


def _summarise(errors: Any) -> str:
    if isinstance(errors, dict) and errors:
        parts = []
        for name, messages in list(errors.items())[:5]:
            text = messages[0] if isinstance(messages, list) and messages else messages
            if isinstance(text, dict):
                text = "invalid item(s)"
            parts.append(f"{name}: {text}")
        return "; ".join(parts)
    return "The request body failed validation."
