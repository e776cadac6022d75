"""/metrics, request ids, JSON logs that carry them, and one problem shape for every status."""

from __future__ import annotations

import io
import json
import logging
import re

import pytest

from service import create_app
from service.errors import PROBLEM_CLASSES, TYPE_BASE
from service.extension import current_holder
from service.logs import make_handler

ARTICLE = {"text": "The mayor said the bridge would reopen in May."}


def metric_value(text: str, name: str, **labels: str) -> float:
    wanted = ",".join(f'{k}="{v}"' for k, v in labels.items())
    pattern = rf"^{re.escape(name)}(?:\{{{re.escape(wanted)}\}})? ([0-9.e+-]+)$"
    match = re.search(pattern, text, re.M)
    return float(match.group(1)) if match else 0.0


def test_metrics_count_requests_by_route_and_status(client):
    before = client.get("/metrics").get_data(as_text=True)
    client.post("/extract", json=ARTICLE)
    client.post("/extract", json={})
    client.get("/no/such/path")
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    for labels, step in (
        (("POST", "/extract", "200"), 1),
        (("POST", "/extract", "422"), 1),
        (("GET", "unmatched", "404"), 1),
    ):
        keys = dict(zip(("method", "route", "status"), labels, strict=True))
        grown = metric_value(text, "claimscope_http_requests_total", **keys) - metric_value(
            before, "claimscope_http_requests_total", **keys
        )
        assert grown == step, labels
    for name in (
        "claimscope_http_request_duration_seconds_bucket",
        "claimscope_queue_seconds_bucket",
        "claimscope_compute_seconds_bucket",
        'claimscope_in_flight{stage="running"}',
        "claimscope_model_load_seconds",
        "claimscope_workers_ready",
        "claimscope_rejections_total",
    ):
        assert name in text, name
    assert metric_value(text, "claimscope_model_load_seconds") > 0
    assert metric_value(text, "claimscope_workers_ready") == 1


def test_metrics_and_health_stay_open_when_keys_are_set():
    keyed = create_app(
        {"load_mode": "lazy", "log_json": False, "log_level": "WARNING", "api_keys": ("k",)}
    )
    assert keyed.test_client().get("/metrics").status_code == 200


def test_request_id_is_echoed_or_generated(client):
    assert (
        client.get("/livez", headers={"X-Request-ID": "abc-123"}).headers["X-Request-ID"]
        == "abc-123"
    )
    generated = client.get("/livez").headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", generated)
    for bad in ("x" * 200, "bad\x01id"):
        replaced = client.get("/livez", headers={"X-Request-ID": bad}).headers["X-Request-ID"]
        assert replaced != bad and re.fullmatch(r"[0-9a-f]{32}", replaced)


def test_json_log_lines_carry_the_request_id(app):
    stream = io.StringIO()
    handler = make_handler(json_lines=True, stream=stream)
    logger = logging.getLogger("claimscope.access")
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.INFO)
    try:
        app.test_client().post("/extract", json=ARTICLE, headers={"X-Request-ID": "log-42"})
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    access = [line for line in lines if line.get("request_id") == "log-42"]
    assert access, lines
    assert access[0]["route"] == "/extract" and access[0]["status"] == 200
    assert access[0]["duration_ms"] >= 0 and access[0]["levelname"] == "INFO"


def test_problem_types_are_stable_and_unique():
    types = [TYPE_BASE + cls.slug for cls in PROBLEM_CLASSES]
    assert len(types) == len(set(types))
    assert {cls.status for cls in PROBLEM_CLASSES} == {
        400,
        401,
        404,
        405,
        413,
        415,
        422,
        429,
        500,
        503,
    }


@pytest.fixture()
def failing_app():
    app = create_app({"load_mode": "eager", "log_json": False, "log_level": "CRITICAL"})
    with app.app_context():
        pipeline = current_holder().pipeline()

    def broken(docs):
        raise RuntimeError("boom")

    pipeline.run = broken
    yield app
    del pipeline.run


def test_an_unexpected_error_is_a_500_problem_with_the_request_id(failing_app, assert_problem):
    response = failing_app.test_client().post(
        "/extract", json=ARTICLE, headers={"X-Request-ID": "r-500"}
    )
    body = assert_problem(response, 500)
    assert body["type"] == TYPE_BASE + "internal" and body["request_id"] == "r-500"
    assert "boom" not in body["detail"]  # no internals leak


@pytest.mark.parametrize("status", ["400", "401", "413", "415", "422", "429", "500", "503"])
def test_every_post_operation_declares_its_problems(client, status):
    spec = client.get("/openapi.json").get_json()
    for path in ("/extract", "/extract/batch"):
        response = spec["paths"][path]["post"]["responses"][status]
        if "$ref" in response:
            response = spec["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
        assert "application/problem+json" in response["content"], (path, status)
        if status in ("429", "503"):
            assert "Retry-After" in response["headers"]


def test_every_operation_has_a_problem_default_and_all_ten_are_components(client):
    spec = client.get("/openapi.json").get_json()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            assert operation["responses"]["default"]["$ref"].endswith("/Problem"), (path, method)
            assert "500" in operation["responses"], (path, method)
    declared = {s for ops in spec["paths"].values() for op in ops.values() for s in op["responses"]}
    assert {"400", "401", "413", "415", "422", "429", "500", "503"} <= declared
    assert {"NotFound", "MethodNotAllowed"} <= set(spec["components"]["responses"])
    assert len(spec["x-problem-types"]) == len(PROBLEM_CLASSES)


def test_published_request_schema_carries_the_limits(client, app):
    settings = app.config["CLAIMSCOPE_SETTINGS"]
    schemas = client.get("/openapi.json").get_json()["components"]["schemas"]
    props = schemas["ExtractRequest"]["properties"]
    assert props["text"]["maxLength"] == settings.max_chars
    assert props["labels"]["maxItems"] == settings.max_labels
    items = props["labels"]["items"]
    names = [
        alt if alt.get("type") == "string" else alt["properties"]["name"]
        for alt in items.get("oneOf", [items])
    ]
    assert all(name["maxLength"] == settings.max_label_chars for name in names)
    assert props["targets"]["maxItems"] == settings.max_targets
    assert props["title"]["maxLength"] == settings.max_title_chars
    assert (
        schemas["BatchRequest"]["properties"]["documents"]["maxItems"]
        == settings.max_batch_documents
    )


def test_405_names_the_allowed_methods(client):
    response = client.get("/extract")
    assert response.status_code == 405 and "POST" in response.headers["Allow"]


@pytest.mark.parametrize(
    "options",
    [
        {"include_entities": "yes"},
        {"include_sentences": 1},
        {"min_confidence": "0.5"},
        {"min_confidence": True},
    ],
)
def test_options_take_json_types_only(client, assert_problem, options):
    assert_problem(client.post("/extract", json={**ARTICLE, "options": options}), 422, errors=True)
