"""load_models picks and loads the configured zero-shot and NER backends; failures keep
the service from turning ready."""

from __future__ import annotations

import numpy as np
import pytest

from service import create_app
from service.config import Settings
from service.domain import LabelSpec
from service.nlp.hf_ner import HFEntityTagger
from service.nlp.hf_zero_shot import NLIZeroShot
from service.nlp.registry import ModelLoadError, load_models
from service.pipeline import ClaimPipeline

QUIET = {"log_json": False, "log_level": "WARNING"}


def test_nli_and_hf_ner_backends_load_from_settings_and_describe_themselves(nli_path, ner_path):
    settings = Settings(
        load_embedder=False,
        zero_shot_backend="nli",
        nli_model=nli_path,
        ner_backend="hf",
        ner_model=ner_path,
    )
    models = load_models(settings)
    assert isinstance(models.zero_shot, NLIZeroShot)
    assert isinstance(models.tagger, HFEntityTagger)
    scores = models.zero_shot.classify(["he said"], [LabelSpec("a"), LabelSpec("b")])
    assert scores.shape == (1, 2)
    described = {m["role"]: m for m in models.describe()}
    assert set(described) == {"parser", "zero_shot", "tagger"}
    assert described["zero_shot"]["name"] == "nli"
    assert described["tagger"]["name"] == "ner"
    assert all(m["version"] for m in described.values())
    assert {"zero_shot", "tagger"} <= set(models.load_seconds)


def test_defaults_load_no_hf_backend_and_no_zero_shot_without_the_embedder():
    models = load_models(Settings(load_embedder=False))
    assert models.zero_shot is None and models.tagger is None
    assert [m["role"] for m in models.describe()] == ["parser"]


def test_the_embedding_backend_is_the_default_zero_shot():
    models = load_models(Settings())
    assert models.zero_shot is None  # no model of its own: the classify stage builds it
    pipeline = ClaimPipeline(models, Settings())
    zero_shot = pipeline._classify.zero_shot
    assert type(zero_shot).__name__ == "EmbeddingZeroShot"
    scores = zero_shot.classify(["Prices rose 5%."], [LabelSpec("statistic")])
    assert scores.shape == (1, 1) and np.all((scores >= 0) & (scores <= 1))
    roles = [m["role"] for m in pipeline.describe()]
    assert roles == ["parser", "embedder", "fast_embedder", "zero_shot"]


@pytest.mark.parametrize(
    "changes",
    [
        {"zero_shot_backend": "nli", "nli_model": "/nonexistent/nli"},
        {"ner_backend": "hf", "ner_model": "/nonexistent/ner"},
    ],
)
def test_a_bad_hf_model_is_a_model_load_error_naming_it(changes):
    settings = Settings(load_embedder=False, **changes)
    with pytest.raises(ModelLoadError, match="/nonexistent/"):
        load_models(settings)


def _bad_nli_app():
    return create_app(
        {
            "zero_shot_backend": "nli",
            "nli_model": "/nonexistent/nli-model",
            "load_mode": "eager",
            **QUIET,
        }
    )


def _assert_not_ready_naming_the_model(app, assert_problem) -> None:
    client = app.test_client()
    body = assert_problem(client.get("/readyz"), 503)
    assert "/nonexistent/nli-model" in body["detail"]
    assert "failed to load" in body["detail"]
    assert client.get("/livez").status_code == 200


def test_a_registry_load_error_keeps_the_app_not_ready_with_the_reason(monkeypatch, assert_problem):
    import service.extension as extension

    monkeypatch.setattr(extension, "shared_models", load_models)  # no per-process cache
    _assert_not_ready_naming_the_model(_bad_nli_app(), assert_problem)


def test_app_with_a_bad_nli_model_never_turns_ready(assert_problem):
    _assert_not_ready_naming_the_model(_bad_nli_app(), assert_problem)
