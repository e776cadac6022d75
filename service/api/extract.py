"""POST /extract and POST /extract/batch: thin views over ClaimPipeline."""

from __future__ import annotations

import time
from typing import Any

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from service.api.schemas import (
    BatchRequestSchema,
    BatchResponseSchema,
    ExtractRequestSchema,
    ExtractResponseSchema,
    ProblemSchema,
)
from service.api.wire import parse_request, to_document
from service.config import Settings
from service.domain import Document, Extraction
from service.errors import PayloadTooLarge, ServiceError
from service.extension import current_pipeline

blp = Blueprint("extract", __name__, description="Claims, speakers and cues in news articles")

ERRORS = {
    400: "Body is not JSON",
    413: "Body or text over its limit",
    415: "Content-Type is not application/json",
    422: "Request failed validation",
    503: "Not ready, overloaded, past the inference deadline, or draining (Retry-After)",
}


def _document_errors(view: Any) -> Any:
    for status, description in ERRORS.items():
        view = blp.alt_response(
            status,
            schema=ProblemSchema,
            description=description,
            content_type="application/problem+json",
        )(view)
    return view


def settings() -> Settings:
    value: Settings = current_app.config["CLAIMSCOPE_SETTINGS"]
    return value


@blp.route("/extract")
class Extract(MethodView):
    @blp.arguments(ExtractRequestSchema)
    @blp.response(200, ExtractResponseSchema)
    @_document_errors
    def post(self, data: dict[str, Any]) -> Extraction:
        """Extract claims, speakers and cues from one article."""
        document = to_document(data, settings())
        pipeline = current_pipeline()
        return pipeline.run([document])[0]


@blp.route("/extract/batch")
class ExtractBatch(MethodView):
    @blp.arguments(BatchRequestSchema)
    @blp.response(200, BatchResponseSchema)
    @_document_errors
    def post(self, data: dict[str, Any]) -> dict[str, Any]:
        """Extract several articles; results keep the request order, and a bad item gets a
        problem in its own result without failing the others."""
        items = data["documents"]
        limit = settings().max_batch_documents
        if len(items) > limit:
            raise PayloadTooLarge(
                f"The batch has {len(items)} documents; the limit is {limit} "
                "(max_batch_documents).",
                limit="max_batch_documents",
                limit_value=limit,
            )
        started = time.perf_counter()
        parsed: list[Document | ServiceError] = []
        for item in items:
            try:
                parsed.append(parse_request(item, settings()))
            except ServiceError as exc:
                parsed.append(exc)
        good = [p for p in parsed if isinstance(p, Document)]
        extracted = iter(current_pipeline().run(good) if good else [])
        results: list[dict[str, Any]] = []
        for index, (item, outcome) in enumerate(zip(items, parsed, strict=True)):
            caller_id = item.get("id") if isinstance(item, dict) else None
            caller_id = None if caller_id is None else str(caller_id)
            if isinstance(outcome, ServiceError):
                results.append(
                    {
                        "index": index,
                        "id": caller_id,
                        "status": outcome.status,
                        "extraction": None,
                        "problem": outcome.to_problem(),
                    }
                )
            else:
                results.append(
                    {
                        "index": index,
                        "id": caller_id,
                        "status": 200,
                        "extraction": next(extracted),
                        "problem": None,
                    }
                )
        elapsed = round((time.perf_counter() - started) * 1000, 2)
        return {
            "results": results,
            "meta": {
                "documents": len(items),
                "failed": len(items) - len(good),
                "timings_ms": {"total_ms": elapsed},
            },
        }
