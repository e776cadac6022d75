"""GET /livez, /readyz, /info, /metrics."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from service import __version__
from service.api.schemas import HealthSchema, InfoSchema, ProblemSchema
from service.errors import Draining, NotReady
from service.extension import METRICS_KEY, current_backpressure, current_holder

blp = Blueprint("health", __name__, description="Liveness, readiness and service info")


@blp.route("/livez")
class Livez(MethodView):
    @blp.response(200, HealthSchema)
    def get(self) -> dict[str, str]:
        """The process is up (it says nothing about the models)."""
        return {"status": "ok"}


@blp.route("/readyz")
class Readyz(MethodView):
    @blp.response(200, HealthSchema)
    @blp.alt_response(
        503,
        schema=ProblemSchema,
        content_type="application/problem+json",
        description="Models loading, failed, or the worker is draining",
    )
    def get(self) -> dict[str, str]:
        """Ready once the models are loaded and a warm-up extraction has run."""
        holder = current_holder()
        if current_backpressure().draining:
            raise Draining(
                "This worker is draining: it finishes its requests, then exits.", retry_after=5
            )
        if not holder.ready:
            if holder.state == "failed":
                raise NotReady(f"Models failed to load: {holder.error}", retry_after=30)
            raise NotReady("Models are loading.", retry_after=5)
        return {"status": "ready"}


@blp.route("/info")
class Info(MethodView):
    @blp.response(200, InfoSchema)
    def get(self) -> dict[str, Any]:
        """Service version, models, limits and the non-secret settings."""
        holder = current_holder()
        s = current_app.config["CLAIMSCOPE_SETTINGS"]
        models = holder.pipeline().describe() if holder.ready else _configured(s)
        public = {k: v for k, v in vars(s).items() if k != "api_keys"}
        public["api_keys"] = len(s.api_keys)
        public["cors_origins"] = list(s.cors_origins)
        return {
            "service": "claimscope",
            "version": __version__,
            "ready": holder.ready,
            "models": models,
            "limits": s.limits(),
            "settings": public,
        }


METRICS_DOC = {
    "responses": {
        "200": {
            "description": "Prometheus text exposition, aggregated over every worker",
            "content": {"text/plain": {"schema": {"type": "string"}}},
        }
    }
}


@blp.route("/metrics")
class MetricsView(MethodView):
    @blp.doc(**METRICS_DOC)
    def get(self) -> Response:
        """Request counts and latencies by route and status, queue and compute time,
        in-flight requests, rejections and model load time (Prometheus)."""
        body, content_type = current_app.extensions[METRICS_KEY].exposition()
        return Response(body, status=200, content_type=content_type)


def _configured(s: Any) -> list[dict[str, str]]:
    models = [{"role": "parser", "name": s.spacy_model, "version": "not loaded"}]
    if s.load_embedder:
        models.append(
            {
                "role": "embedder",
                "name": s.embedding_model or "all-MiniLM-L6-v2",
                "version": "not loaded",
            }
        )
    return models
