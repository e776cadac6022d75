"""The trained resolver ships in the repo and scores as it did at training."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.extract.resolution import ranker

REPO = Path(__file__).resolve().parents[2]


def test_weights_load_and_score_as_at_training():
    data = json.loads(ranker.WEIGHTS.read_text(encoding="utf-8"))
    weights = ranker.parse(data)
    for kind, model in weights.models.items():
        assert list(model.features) == ranker.FEATURES[kind]
        checks = data[kind]["check"]
        assert len(checks) >= 10
        for check in checks:
            assert model.probability(check["row"]) == pytest.approx(check["p"], abs=1e-8)
        assert data[kind]["report"]["held_out_ranking_accuracy"] > 0.3
    assert len(weights.given_names) > 50
    assert ranker.WEIGHTS.stat().st_size < 300_000


def test_weights_trained_on_other_features_are_refused():
    data = json.loads(ranker.WEIGHTS.read_text(encoding="utf-8"))
    data["pronoun"]["features"] = data["pronoun"]["features"][::-1]
    with pytest.raises(ValueError):
        ranker.parse(data)


def test_manifest_records_data_licence_and_rebuild():
    manifest = json.loads((REPO / "models" / "manifest.json").read_text(encoding="utf-8"))
    entry = next(m for m in manifest["models"] if m["role"] == "speaker resolver")
    assert "service/extract/resolution/weights.json" in entry["source"]
    assert "tools.train.train_resolver" in entry["rebuild"]
    for data in ("GAP", "GUM", "LitBank"):
        assert data in entry["training_data"]
