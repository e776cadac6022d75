"""The app factory: config → metrics → api → errors → guards → models → blueprints."""

from __future__ import annotations

import logging
import time
from typing import Any

from flask import Flask, Response, g, request
from flask_smorest import Api
from werkzeug.exceptions import HTTPException

from service import __version__
from service.admission import Backpressure
from service.api.docs import ProblemsPlugin, api_description
from service.config import Settings
from service.errors import ServiceError, from_http_exception, problem_response, problem_types
from service.extension import BACKPRESSURE_KEY, METRICS_KEY, init_models
from service.guards import check_api_key, check_body, client_key, request_id
from service.logs import configure_logging
from service.metrics import Metrics

log = logging.getLogger(__name__)
access_log = logging.getLogger("claimscope.access")


class ProblemApi(Api):
    """flask-smorest Api whose HTTP errors come out as RFC 9457 problem+json."""

    def handle_http_exception(self, error: HTTPException) -> Response:
        return problem_response(from_http_exception(error))


def build_app(test_config: dict[str, Any] | None = None) -> Flask:
    config = dict(test_config or {})
    settings = config.pop("settings", None) or Settings.from_env(
        **{k: v for k, v in config.items() if k.islower()}
    )
    configure_logging(settings.log_level, settings.log_json)
    app = Flask("claimscope")
    app.config.update(_flask_config(settings))
    app.config.update({k: v for k, v in config.items() if k.isupper()})
    metrics = Metrics()
    app.extensions[METRICS_KEY] = metrics
    app.extensions[BACKPRESSURE_KEY] = Backpressure(settings, metrics)
    api = ProblemApi(app, spec_kwargs={"extra_plugins": [ProblemsPlugin(settings)]})
    app.register_error_handler(ServiceError, problem_response)
    app.register_error_handler(Exception, _internal_error)
    _install_hooks(app, settings, metrics)
    if settings.cors_origins:
        from flask_cors import CORS

        CORS(
            app, origins=list(settings.cors_origins), expose_headers=["X-Request-ID", "Retry-After"]
        )
    init_models(app, settings, exit_on_failure=bool(config.get("EXIT_ON_LOAD_FAILURE")))
    from service.api import extract, health
    from service.web import blp as page_blp

    api.register_blueprint(health.blp)
    api.register_blueprint(extract.blp)
    app.register_blueprint(page_blp)  # the newsroom page: not part of the API (no OpenAPI)
    return app


def _flask_config(settings: Settings) -> dict[str, Any]:
    return {
        "CLAIMSCOPE_SETTINGS": settings,
        "MAX_CONTENT_LENGTH": settings.max_body_bytes + 1,  # see guards.check_body
        "API_TITLE": "claimscope",
        "API_VERSION": __version__,
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/",
        "OPENAPI_JSON_PATH": "openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": "/docs",
        "OPENAPI_SWAGGER_UI_URL": "https://cdn.jsdelivr.net/npm/swagger-ui-dist/",
        "API_SPEC_OPTIONS": {
            "info": {"description": api_description(settings)},
            "x-limits": settings.limits(),
            "x-backpressure": settings.backpressure(),
            "x-problem-types": problem_types(),
        },
    }


def _internal_error(exc: Exception) -> Response:
    if isinstance(exc, HTTPException):
        return problem_response(from_http_exception(exc))
    log.exception("unhandled error")
    return problem_response(
        ServiceError("An internal error occurred; it has been logged with the request id.")
    )


def _install_hooks(app: Flask, settings: Settings, metrics: Metrics) -> None:
    in_flight = metrics.in_flight.labels("http")
    backpressure: Backpressure = app.extensions[BACKPRESSURE_KEY]

    @app.before_request
    def _guards() -> None:
        g.started = time.perf_counter()
        g.request_id = request_id(request)
        g.client = client_key(request)
        in_flight.inc()
        g.counted = True
        check_api_key(request, settings.api_keys)
        if request.method == "POST" and request.routing_exception is None:
            backpressure.precheck()  # a full worker refuses before reading the body
            check_body(request, settings)  # 404/405 come from routing, body unread

    @app.after_request
    def _finish(response: Response) -> Response:
        response.headers["X-Request-ID"] = g.get("request_id", "")
        elapsed = time.perf_counter() - g.get("started", time.perf_counter())
        route = request.url_rule.rule if request.url_rule else "unmatched"
        status = str(response.status_code)
        metrics.requests.labels(request.method, route, status).inc()
        metrics.latency.labels(request.method, route, status).observe(elapsed)
        if route != "/metrics":
            access_log.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "route": route,
                    "status": response.status_code,
                    "duration_ms": round(elapsed * 1000, 2),
                },
            )
        return response

    @app.teardown_request
    def _done(_exc: BaseException | None) -> None:
        if g.pop("counted", False):
            in_flight.dec()
