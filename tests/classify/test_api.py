"""Labels, check-worthiness and stance through POST /extract and the pipeline."""

from __future__ import annotations

import pytest

from service.domain import Document, Options
from tests.classify.conftest import CountingEmbedder

TEXT = (
    "The minister said inflation had fallen to 3 percent in March, the lowest in two years. "
    "“We will not raise taxes on working families,” she told reporters on Monday. "
    "Opposition leader Tom Hale said the carbon tax was a disaster that destroyed 20,000 jobs."
)
FNC_LABELS = {"agree", "disagree", "discuss", "unrelated"}
CLAIM_STANCES = {"favor", "against", "neutral"}


def _extract(client, **body):
    response = client.post("/extract", json={"text": TEXT, **body})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_every_claim_carries_labels_checkworthiness_and_a_stance_per_target(client):
    from service.classify.labels import default_labels

    targets = ["the carbon tax", "tax rises"]
    body = _extract(client, targets=targets, options={"include_sentences": True})
    assert body["claims"]
    defaults = {label.name for label in default_labels()}
    for claim in body["claims"]:
        assert {s["label"] for s in claim["labels"]} == defaults
        scores = [s["score"] for s in claim["labels"]]
        assert scores == sorted(scores, reverse=True)
        assert isinstance(claim["checkworthiness"], float)
        assert 0.0 <= claim["checkworthiness"] <= 1.0
        assert [s["target"] for s in claim["stance"]] == targets
        assert all(s["label"] in CLAIM_STANCES for s in claim["stance"])
    assert [s["target"] for s in body["document_stance"]] == targets
    assert all(s["label"] in FNC_LABELS for s in body["document_stance"])
    assert body["sentences"] and all(
        isinstance(s["checkworthiness"], float) for s in body["sentences"]
    )
    assert "classify_ms" in body["meta"]["timings_ms"]


def test_caller_labels_are_honoured_and_ranked(client):
    labels = [
        "sport",
        "economy",
        {
            "name": "climate policy",
            "description": "Carbon taxes, emissions and energy policy.",
            "examples": ["The carbon levy will rise next year."],
        },
    ]
    body = _extract(client, labels=labels)
    for claim in body["claims"]:
        names = [s["label"] for s in claim["labels"]]
        assert sorted(names) == sorted(["sport", "economy", "climate policy"])
        scores = [s["score"] for s in claim["labels"]]
        assert scores == sorted(scores, reverse=True)
        assert names[-1] == "sport"
    carbon = next(c for c in body["claims"] if "carbon" in c["text"])
    assert carbon["labels"][0]["label"] == "climate policy"


def test_no_targets_means_no_stance_work(client):
    body = _extract(client)
    assert body["document_stance"] == []
    assert all(claim["stance"] == [] for claim in body["claims"])


@pytest.mark.parametrize(
    "labels, message",
    [
        ([""], "empty"),
        (["  "], "empty"),
        ([{"name": ""}], "empty"),
        (["economy", "Economy"], "unique"),
        (["economy", {"name": "economy", "description": "money"}], "unique"),
        (["x" * 201], "max_label_chars"),
        ([f"label {i}" for i in range(51)], "max_labels"),
        ([5], "string or an object"),
        ([{"description": "no name"}], "name"),
        ([{"name": "a", "colour": "red"}], "colour"),
        ([{"name": "a", "examples": ["e"] * 11}], "10 examples"),
        ([{"name": "a", "description": "d" * 1001}], "1000 characters"),
    ],
)
def test_bad_labels_are_422_problems_naming_the_rule(client, assert_problem, labels, message):
    response = client.post("/extract", json={"text": TEXT, "labels": labels})
    body = assert_problem(response, 422, errors=True)
    assert "labels" in body["errors"]
    assert message in str(body["errors"]["labels"]), body["errors"]


@pytest.mark.parametrize(
    "targets, message",
    [
        ([""], "empty"),
        (["NATO", " "], "empty"),
        (["NATO", "nato"], "unique"),
        (["t" * 1001], "1000 characters"),
        ([f"target {i}" for i in range(21)], "max_targets"),
    ],
)
def test_bad_targets_are_422_problems(client, assert_problem, targets, message):
    response = client.post("/extract", json={"text": TEXT, "targets": targets})
    body = assert_problem(response, 422, errors=True)
    assert message in str(body["errors"]["targets"]), body["errors"]


def test_one_embedding_call_per_batch_request(pipeline, embedder):
    """Claims and sentences of every document go through one encode call once the label,
    target and prototype embeddings are cached."""
    from service.nlp.registry import Models
    from service.pipeline import ClaimPipeline

    counting = CountingEmbedder(embedder)
    models = Models(parser=pipeline.models.parser, embedder=counting)
    enriched = ClaimPipeline(models, pipeline.settings)
    docs = [
        Document(TEXT, targets=("the carbon tax",), options=Options(include_sentences=True)),
        Document(TEXT.replace("Monday", "Tuesday"), labels=("economy",)),
    ]
    enriched.run(docs)  # warms the caches
    counting.calls.clear()
    results = enriched.run(docs)
    assert len(counting.calls) == 1
    assert all(c.labels and c.checkworthiness is not None for r in results for c in r.claims)
    assert results[1].document_stance == () and results[0].document_stance


def test_without_an_embedder_the_stage_leaves_claims_alone(pipeline):
    result = pipeline.run([Document(TEXT, targets=("the carbon tax",))])[0]
    assert result.claims and all(
        c.labels == () and c.checkworthiness is None for c in result.claims
    )


def test_classify_false_is_attribution_only_and_runs_no_embedding(pipeline, embedder):
    from service.nlp.registry import Models
    from service.pipeline import ClaimPipeline

    counting = CountingEmbedder(embedder)
    enriched = ClaimPipeline(
        Models(parser=pipeline.models.parser, embedder=counting), pipeline.settings
    )
    options = Options(classify=False, include_sentences=True)
    [plain] = enriched.run([Document(TEXT, options=options)])
    assert counting.calls == []
    full = enriched.run([Document(TEXT)])[0]
    assert [(c.span, c.mention) for c in plain.claims] == [(c.span, c.mention) for c in full.claims]
    assert all(c.labels == () and c.checkworthiness is None for c in plain.claims)
    assert plain.sentences and all(s.checkworthiness is None for s in plain.sentences)


def test_classify_false_still_gives_stance_for_targets(pipeline, embedder):
    from service.nlp.registry import Models
    from service.pipeline import ClaimPipeline

    enriched = ClaimPipeline(
        Models(parser=pipeline.models.parser, embedder=embedder), pipeline.settings
    )
    doc = Document(TEXT, targets=("the carbon tax",), options=Options(classify=False))
    [result] = enriched.run([doc])
    assert result.claims and all(len(c.stance) == 1 and c.labels == () for c in result.claims)
    assert [s.target for s in result.document_stance] == ["the carbon tax"]


def test_labels_with_classify_false_are_a_422(client, assert_problem):
    response = client.post(
        "/extract", json={"text": TEXT, "labels": ["economy"], "options": {"classify": False}}
    )
    body = assert_problem(response, 422, errors=True)
    assert "classify" in str(body["errors"]["labels"])
