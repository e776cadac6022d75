"""openapi.yaml is generated from the app and documents every endpoint and its problems."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from service.openapi import spec_yaml

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def spec_text() -> str:
    return spec_yaml()


@pytest.fixture(scope="module")
def spec(spec_text) -> dict:
    return yaml.safe_load(spec_text)


def test_committed_openapi_yaml_matches_the_app(spec_text):
    committed = (REPO_ROOT / "openapi.yaml").read_text(encoding="utf-8")
    assert committed == spec_text, "openapi.yaml is stale: run `make openapi` and commit it"


def test_spec_documents_every_endpoint(spec):
    paths = spec["paths"]
    assert "post" in paths["/extract"] and "post" in paths["/extract/batch"]
    for path in ("/livez", "/readyz", "/info"):
        assert "get" in paths[path], path


@pytest.mark.parametrize("path", ["/extract", "/extract/batch"])
def test_extract_endpoints_document_problem_responses(spec, path):
    responses = spec["paths"][path]["post"]["responses"]
    for status in ("400", "413", "415", "422", "503"):
        assert status in responses, f"{path} does not document {status}"
        content = responses[status]["content"]
        assert "application/problem+json" in content, (path, status, content)
    assert "application/json" in responses["200"]["content"]


def test_readyz_documents_503_problem(spec):
    responses = spec["paths"]["/readyz"]["get"]["responses"]
    assert "application/problem+json" in responses["503"]["content"]


def test_request_schemas_reject_unknown_fields_and_require_text(spec):
    schemas = spec["components"]["schemas"]
    extract_request = next(v for k, v in schemas.items() if k.startswith("ExtractRequest"))
    assert "text" in extract_request["required"]
    problem = next(v for k, v in schemas.items() if k.startswith("Problem"))
    assert set(problem["required"]) >= {"type", "title", "status", "detail"}


def test_openapi_json_is_served(client):
    response = client.get("/openapi.json")
    assert response.status_code == 200
    assert "/extract" in response.get_json()["paths"]
