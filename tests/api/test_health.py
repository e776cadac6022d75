"""/livez, /readyz (503 until the models are ready) and /info."""

from __future__ import annotations

import threading
import time

import pytest

import service.extension as extension
from service import create_app
from service.nlp.registry import ModelLoadError

QUIET = {"log_json": False, "log_level": "WARNING"}


def test_livez_is_200(client):
    response = client.get("/livez")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_readyz_is_200_once_models_are_loaded(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json()["status"] == "ready"


def test_lazy_app_is_not_ready_until_first_extract(assert_problem):
    lazy = create_app({"load_mode": "lazy", **QUIET})
    client = lazy.test_client()
    response = client.get("/readyz")
    body = assert_problem(response, 503)
    assert int(response.headers["Retry-After"]) > 0
    assert body["type"].endswith("/not-ready")
    assert client.get("/livez").status_code == 200  # alive while not ready
    info = client.get("/info").get_json()
    assert info["ready"] is False
    assert all(m["version"] == "not loaded" for m in info["models"])

    assert client.post("/extract", json={"text": "He said it works."}).status_code == 200
    assert client.get("/readyz").status_code == 200
    assert client.get("/info").get_json()["ready"] is True


def test_background_app_answers_503_while_loading_then_200(monkeypatch, assert_problem):
    release = threading.Event()
    real = extension.shared_models

    def slow_models(settings):
        assert release.wait(30), "test never released the loader"
        return real(settings)

    monkeypatch.setattr(extension, "shared_models", slow_models)
    app = create_app({"load_mode": "background", **QUIET})
    client = app.test_client()
    response = client.get("/readyz")
    assert_problem(response, 503)
    assert "Retry-After" in response.headers
    # /extract while loading: 503 too, not a hang or a 500
    assert_problem(client.post("/extract", json={"text": "He said so."}), 503)

    release.set()
    deadline = time.monotonic() + 60
    while client.get("/readyz").status_code != 200:
        assert time.monotonic() < deadline, "background load never turned ready"
        time.sleep(0.05)
    assert client.post("/extract", json={"text": "He said so."}).status_code == 200


def test_failed_model_load_keeps_readyz_503_with_the_reason(monkeypatch, assert_problem):
    def broken(settings):
        raise ModelLoadError("spaCy model 'nope' is not installed")

    monkeypatch.setattr(extension, "shared_models", broken)
    app = create_app({"load_mode": "eager", **QUIET})
    client = app.test_client()
    body = assert_problem(client.get("/readyz"), 503)
    assert "nope" in body["detail"]
    assert_problem(client.post("/extract", json={"text": "He said so."}), 503)
    assert client.get("/livez").status_code == 200


def test_info_lists_models_and_every_limit(client, app):
    settings = app.config["CLAIMSCOPE_SETTINGS"]
    info = client.get("/info").get_json()
    assert info["service"] == "claimscope" and info["ready"] is True
    assert info["limits"] == settings.limits()
    assert set(info["limits"]) >= {
        "max_body_bytes",
        "max_chars",
        "max_batch_documents",
        "max_labels",
        "max_label_chars",
        "max_targets",
    }
    by_role = {m["role"]: m for m in info["models"]}
    assert by_role["parser"]["name"] == settings.spacy_model
    assert by_role["parser"]["version"] == "3.8.0"
    for model in info["models"]:
        assert model["name"] and model["version"] and model["version"] != "not loaded"


def test_info_never_reveals_api_keys():
    keyed = create_app({"load_mode": "lazy", "api_keys": ("s3cret-key",), **QUIET})
    response = keyed.test_client().get("/info")
    assert response.status_code == 200  # public path
    assert "s3cret-key" not in response.get_data(as_text=True)
    assert response.get_json()["settings"]["api_keys"] == 1


@pytest.mark.parametrize("path", ["/livez", "/readyz", "/info"])
def test_health_endpoints_echo_a_request_id(client, path):
    response = client.get(path)
    assert len(response.headers["X-Request-ID"]) >= 16
