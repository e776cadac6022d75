"""The app factory: config → api → errors → guards → models → blueprints."""

from __future__ import annotations

import hmac
import logging
import uuid
from typing import Any

from flask import Flask, Response, g, request
from flask_smorest import Api
from werkzeug.exceptions import HTTPException

from service import __version__
from service.config import Settings
from service.errors import (
    InvalidJSON,
    ServiceError,
    Unauthorized,
    UnsupportedMediaType,
    ValidationFailed,
    from_http_exception,
    problem_response,
)
from service.extension import init_models
from service.logs import configure_logging

log = logging.getLogger(__name__)
MAX_JSON_DEPTH = 32
_JSON_TYPES = {list: "a JSON array", str: "a JSON string", int: "a JSON number",
               float: "a JSON number", bool: "a JSON boolean", type(None): "JSON null"}
PUBLIC_PATHS = {"/livez", "/readyz", "/info", "/openapi.json", "/docs"}


class ProblemApi(Api):
    """flask-smorest Api whose HTTP errors come out as RFC 9457 problem+json."""

    def handle_http_exception(self, error: HTTPException) -> Response:
        return problem_response(from_http_exception(error))


def build_app(test_config: dict[str, Any] | None = None) -> Flask:
    config = dict(test_config or {})
    settings = config.pop("settings", None) or Settings.from_env(
        **{k: v for k, v in config.items() if k.islower()})
    configure_logging(settings.log_level, settings.log_json)
    app = Flask("claimscope")
    app.config.update(
        CLAIMSCOPE_SETTINGS=settings,
        MAX_CONTENT_LENGTH=settings.max_body_bytes,
        API_TITLE="claimscope",
        API_VERSION=__version__,
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="/docs",
        OPENAPI_SWAGGER_UI_URL="https://cdn.jsdelivr.net/npm/swagger-ui-dist/",
        API_SPEC_OPTIONS={"info": {"description": "Claims, speakers, cues and framing in "
                                                  "news articles. Errors are RFC 9457 "
                                                  "problem+json."}},
    )
    app.config.update({k: v for k, v in config.items() if k.isupper()})
    api = ProblemApi(app)
    app.register_error_handler(ServiceError, problem_response)
    app.register_error_handler(Exception, _internal_error)
    _install_guards(app, settings)
    if settings.cors_origins:
        from flask_cors import CORS

        CORS(app, origins=list(settings.cors_origins))
    init_models(app, settings, exit_on_failure=bool(config.get("EXIT_ON_LOAD_FAILURE")))
    from service.api import extract, health

    api.register_blueprint(health.blp)
    api.register_blueprint(extract.blp)
    return app


def _internal_error(exc: Exception) -> Response:
    if isinstance(exc, HTTPException):
        return problem_response(from_http_exception(exc))
    log.exception("unhandled error")
    return problem_response(ServiceError("An internal error occurred; it has been logged "
                                         "with the request id."))


def _install_guards(app: Flask, settings: Settings) -> None:
    @app.before_request
    def _guards() -> None:
        g.request_id = _request_id()
        # CORS preflights carry no credentials: OPTIONS is never behind the key.
        if (settings.api_keys and request.path not in PUBLIC_PATHS
                and request.method != "OPTIONS"):
            _check_api_key(settings.api_keys)
        if request.method != "POST" or request.routing_exception is not None:
            return  # 404/405 come from routing, as problems, without reading the body
        if request.mimetype != "application/json":
            raise UnsupportedMediaType(
                f"Content-Type must be application/json, not {request.mimetype or 'missing'}.")
        raw = request.get_data(cache=True)  # werkzeug enforces MAX_CONTENT_LENGTH (413)
        if not raw.strip():
            raise InvalidJSON("The request body is empty: send a JSON object.")
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidJSON("The request body is not valid UTF-8 JSON: send a JSON "
                              "object.") from exc
        if _json_depth(raw) > MAX_JSON_DEPTH:
            raise ValidationFailed(f"JSON nesting is deeper than {MAX_JSON_DEPTH} levels.")
        body = request.get_json(silent=True)
        if body is None and raw.strip() != b"null":
            raise InvalidJSON("The request body is not valid UTF-8 JSON: send a JSON object.")
        if not isinstance(body, dict):
            raise ValidationFailed(f"The request body must be a JSON object, not "
                                   f"{_JSON_TYPES.get(type(body), 'a JSON value')}.",
                                   errors={"_schema": ["Expected a JSON object."]})

    @app.after_request
    def _request_id_header(response: Response) -> Response:
        response.headers["X-Request-ID"] = getattr(g, "request_id", "")
        return response


def _request_id() -> str:
    given = request.headers.get("X-Request-ID", "")
    if 0 < len(given) <= 128 and given.isprintable() and given.isascii():
        return given
    return uuid.uuid4().hex


def _check_api_key(keys: tuple[str, ...]) -> None:
    header = request.headers.get("Authorization", "")
    token = header[7:].strip() if header[:7].lower() == "bearer " else ""
    matched = False
    for key in keys:  # compare against every key, in constant time each
        matched |= hmac.compare_digest(token.encode(), key.encode())
    if not matched:
        raise Unauthorized("Send 'Authorization: Bearer <key>' with a configured API key.")


def _json_depth(raw: bytes) -> int:
    """Deepest bracket nesting in a JSON text, ignoring brackets inside strings. Linear,
    no recursion: it guards json.loads against 100,000-deep documents."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_JSON_DEPTH:
                    return deepest
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest
