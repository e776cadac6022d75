"""CLAIMSCOPE_API_KEYS: Bearer keys guard every non-public path."""

from __future__ import annotations

import pytest

from service import create_app
from service.config import Settings

KEYS = "alpha-key-1, beta-key-2"


@pytest.fixture(scope="module")
def keyed_client():
    settings = Settings.from_env(
        {
            "CLAIMSCOPE_API_KEYS": KEYS,
            "CLAIMSCOPE_LOAD_MODE": "eager",
            "CLAIMSCOPE_LOG_JSON": "false",
            "CLAIMSCOPE_LOG_LEVEL": "WARNING",
        }
    )
    assert settings.api_keys == ("alpha-key-1", "beta-key-2")
    return create_app({"settings": settings}).test_client()


ARTICLE = {"text": "The mayor said the library would close."}


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong-key"},
        {"Authorization": "Bearer "},
        {"Authorization": "alpha-key-1"},  # no scheme
        {"Authorization": "Basic alpha-key-1"},
        {"Authorization": "Bearer alpha-key-1x"},
        {"Authorization": "Bearer alpha-key"},  # a prefix of a real key
        {"Authorization": "Bearer alpha-key-2"},  # one character changed
        {"Authorization": "Bearer xalpha-key-1"},  # one character more, in front
        {"Authorization": "Bearer ALPHA-KEY-1"},  # keys are case-sensitive
        {"Authorization": "Bearer Beta-key-2"},
        {"Authorization": "Bearer alpha-key-1,beta-key-2"},  # the configured list itself
        {"Authorization": "Bearer alpha-key-1 beta-key-2"},
    ],
)
def test_missing_or_wrong_key_is_401_problem(keyed_client, assert_problem, headers):
    body = assert_problem(keyed_client.post("/extract", json=ARTICLE, headers=headers), 401)
    assert "Bearer" in body["detail"]


@pytest.mark.parametrize("key", ["alpha-key-1", "beta-key-2"])
def test_any_configured_key_is_accepted(keyed_client, key):
    for scheme in ("Bearer", "bearer"):
        response = keyed_client.post(
            "/extract", json=ARTICLE, headers={"Authorization": f"{scheme} {key}"}
        )
        assert response.status_code == 200, response.get_data(as_text=True)
        assert response.get_json()["claims"]


def test_key_is_checked_before_the_body(keyed_client, assert_problem):
    assert_problem(keyed_client.post("/extract", data="not json", content_type="text/plain"), 401)
    assert_problem(keyed_client.post("/extract/batch", json={"documents": [ARTICLE]}), 401)


@pytest.mark.parametrize("path", ["/livez", "/readyz", "/info", "/openapi.json"])
def test_public_paths_stay_open(keyed_client, path):
    assert keyed_client.get(path).status_code == 200


def test_no_keys_configured_means_open(client):
    assert client.post("/extract", json=ARTICLE).status_code == 200


def test_cors_preflight_passes_without_a_key():
    app = create_app(
        {
            "load_mode": "lazy",
            "log_json": False,
            "log_level": "WARNING",
            "api_keys": ("k",),
            "cors_origins": ("https://app.example",),
        }
    )
    client = app.test_client()
    preflight = client.options(
        "/extract",
        headers={
            "Origin": "https://app.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Authorization, Content-Type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "https://app.example"
    # the real request still needs the key
    assert (
        client.post(
            "/extract", json={"text": "a"}, headers={"Origin": "https://app.example"}
        ).status_code
        == 401
    )


def _origin_headers(client, origin: str):
    preflight = client.options(
        "/extract",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Content-Type",
        },
    )
    real = client.post("/extract", json={"text": "a"}, headers={"Origin": origin})
    return preflight.headers, real.headers


def test_cors_is_off_by_default(client):
    """No CLAIMSCOPE_CORS_ORIGINS: no browser origin is allowed, not even by a wildcard."""
    assert client.application.config["CLAIMSCOPE_SETTINGS"].cors_origins == ()
    for headers in _origin_headers(client, "https://app.example"):
        assert "Access-Control-Allow-Origin" not in headers
        assert "Access-Control-Allow-Credentials" not in headers


def test_cors_echoes_only_configured_origins():
    app = create_app(
        {
            "load_mode": "lazy",
            "log_json": False,
            "log_level": "WARNING",
            "cors_origins": ("https://app.example",),
        }
    )
    client = app.test_client()
    for origin in ("https://evil.example", "https://app.example.evil", "http://app.example"):
        for headers in _origin_headers(client, origin):
            assert "Access-Control-Allow-Origin" not in headers, origin
    preflight, _ = _origin_headers(client, "https://app.example")
    assert preflight["Access-Control-Allow-Origin"] == "https://app.example"
