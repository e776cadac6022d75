"""The fast tier: MiniLM's first layer scores what every claim carries (default labels,
check-worthiness); the full model runs only for what the caller asks (labels, targets)."""

from __future__ import annotations

import numpy as np
import pytest

from service.domain import Document, Options
from tests.classify.conftest import CountingEmbedder

TEXT = (
    "Unemployment rose to 7.2 percent in May, up from 6.8 percent a year earlier, the "
    "statistics office said. “I will never forget the night the river flooded our home,” "
    "said Ana Ruiz, a farmer. The mayor denied that the city had ignored the flood warnings."
)


@pytest.fixture(scope="module")
def fast(embedder):
    return embedder.shallow(1)


def _stack(model):
    return model._model[0].auto_model.encoder.layer


def test_shallow_encoder_shares_weights_and_leaves_the_full_model_whole(embedder, fast):
    before = embedder.encode(["The council approved the budget."])
    again = embedder.shallow(1)
    assert len(_stack(fast)) == 1 and len(_stack(again)) == 1
    assert len(_stack(embedder)) == 6
    assert (
        _stack(fast)[0].attention.self.query.weight
        is _stack(embedder)[0].attention.self.query.weight
    )
    full_emb = embedder._model[0].auto_model.embeddings.word_embeddings.weight
    assert fast._model[0].auto_model.embeddings.word_embeddings.weight is full_emb
    assert np.array_equal(embedder.encode(["The council approved the budget."]), before)
    vectors = fast.encode(["The council approved the budget.", "Prices fell."])
    assert vectors.shape == (2, embedder.dim)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert not np.allclose(vectors[0], before[0], atol=1e-2)


@pytest.mark.parametrize("layers", [0, 6, 12])
def test_a_shallow_encoder_needs_fewer_layers_than_the_model(embedder, layers):
    with pytest.raises(ValueError, match="layer"):
        embedder.shallow(layers)


def test_registry_falls_back_to_the_full_model_when_it_cannot_cut_it(embedder, caplog):
    from service.config import Settings
    from service.nlp.registry import _fast_embedder

    assert _fast_embedder(Settings(fast_encoder_layers=0), embedder) is None
    assert _fast_embedder(Settings(fast_encoder_layers=1), CountingEmbedder(embedder)) is None
    built = _fast_embedder(Settings(fast_encoder_layers=1), embedder)
    assert built is not None and len(_stack(built)) == 1
    with caplog.at_level("WARNING"):
        assert _fast_embedder(Settings(fast_encoder_layers=8), embedder) is None
    assert "fast encoder off" in caplog.text


def test_fast_encoder_layers_is_validated():
    from service.config import ConfigError, Settings

    with pytest.raises(ConfigError, match="FAST_ENCODER_LAYERS"):
        Settings.from_env({"CLAIMSCOPE_FAST_ENCODER_LAYERS": "-1"})
    assert Settings.from_env({"CLAIMSCOPE_FAST_ENCODER_LAYERS": "0"}).fast_encoder_layers == 0


def _tiered(pipeline, embedder, fast):
    from service.nlp.registry import Models
    from service.pipeline import ClaimPipeline

    full, quick = CountingEmbedder(embedder), CountingEmbedder(fast)
    quick.SIMILARITY_CALIBRATION = fast.SIMILARITY_CALIBRATION
    quick.MARGIN_CALIBRATION = fast.MARGIN_CALIBRATION
    models = Models(parser=pipeline.models.parser, embedder=full, fast_embedder=quick)
    return ClaimPipeline(models, pipeline.settings), full, quick


def test_a_default_request_never_runs_the_full_model(pipeline, embedder, fast):
    enriched, full, quick = _tiered(pipeline, embedder, fast)
    enriched.run([Document(TEXT)])  # label prototypes are cached per tier
    full.calls.clear()
    quick.calls.clear()
    [result] = enriched.run([Document(TEXT, options=Options(include_sentences=True))])
    assert full.calls == []
    assert len(quick.calls) == 1
    claims = [c.span.text for c in result.claims]
    assert set(claims) <= set(quick.calls[0])
    assert all(c.labels and c.checkworthiness is not None for c in result.claims)
    assert result.sentences and all(s.checkworthiness is not None for s in result.sentences)


def test_caller_labels_and_targets_run_the_full_model_on_the_claims(pipeline, embedder, fast):
    enriched, full, _ = _tiered(pipeline, embedder, fast)
    [plain] = enriched.run([Document(TEXT)])
    full.calls.clear()
    [labelled] = enriched.run([Document(TEXT, labels=("economy", "weather"))])
    claims = [c.span.text for c in labelled.claims]
    assert any(set(claims) <= set(call) for call in full.calls)
    assert {s.label for c in labelled.claims for s in c.labels} == {"economy", "weather"}
    # check-worthiness is the fast tier's whatever was asked: the same number both times
    assert [c.checkworthiness for c in labelled.claims] == [c.checkworthiness for c in plain.claims]
    full.calls.clear()
    [stanced] = enriched.run([Document(TEXT, targets=("the flood response",))])
    assert full.calls and all(len(c.stance) == 1 for c in stanced.claims)
    assert [s.target for s in stanced.document_stance] == ["the flood response"]


def test_default_labels_are_the_fast_tiers_scores(pipeline, embedder, fast):
    from service.classify.labels import default_labels
    from service.classify.zero_shot_embedding import EmbeddingZeroShot

    enriched, _, _ = _tiered(pipeline, embedder, fast)
    [result] = enriched.run([Document(TEXT)])
    texts = [c.span.text for c in result.claims]
    specs = default_labels()
    expected = EmbeddingZeroShot(fast).classify_vectors(fast.encode(texts), specs, True)
    for claim, row in zip(result.claims, expected, strict=True):
        got = {s.label: s.score for s in claim.labels}
        want = {spec.name: round(float(v), 4) for spec, v in zip(specs, row, strict=True)}
        assert got == pytest.approx(want, abs=2e-3)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "Unemployment rose to 7.2 percent in May, up from 6.8 percent a year ago.",
            "statistic or quantity",
        ),
        (
            "I will never forget the night the river flooded our home and we lost everything.",
            "personal experience",
        ),
        ("The ministry denied reports that it had cancelled the vaccine contract.", "denial"),
    ],
)
def test_the_calibrated_fast_tier_ranks_a_clear_claim_type_first(fast, text, label):
    from service.classify.labels import default_labels
    from service.classify.zero_shot_embedding import EmbeddingZeroShot

    specs = default_labels()
    scores = EmbeddingZeroShot(fast).classify_vectors(fast.encode([text]), specs, True)[0]
    ranked = [specs[i].name for i in np.argsort(-scores)]
    assert ranked[0] == label, ranked[:3]
    # calibrated onto MiniLM's scale: not every label of an unrelated type is "on"
    assert (scores >= 0.5).sum() <= 3
