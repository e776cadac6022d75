"""Article topics: the caller's labels scored on the whole article (document_labels[]),
from the title, the lead and the claim vectors; options.labels_scope chooses where."""

from __future__ import annotations

from pathlib import Path

import pytest

SEED = (Path(__file__).resolve().parents[2] / "seeds" / "seed-article.txt").read_text("utf-8")
TITLE = "Russia and Ukraine agree on humanitarian corridors at talks in Belarus"

# Three caller label sets and the topic a newsroom would file the seed article under.
LABEL_SETS = [
    (
        ["sport", "war and armed conflict", "stock markets", "film and music"],
        "war and armed conflict",
    ),
    (
        ["health care", "peace talks and diplomacy", "software", "the weather"],
        "peace talks and diplomacy",
    ),
    (["Latin America", "Eastern Europe", "East Asia", "Africa"], "Eastern Europe"),
]


def _extract(client, **body):
    response = client.post("/extract", json={"text": SEED, "title": TITLE, **body})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


@pytest.mark.parametrize("labels, expected", LABEL_SETS)
def test_the_seed_s_top_document_topic_is_the_sensible_one(client, labels, expected):
    body = _extract(client, labels=labels)
    ranked = body["document_labels"]
    assert ranked[0]["label"] == expected, ranked
    assert {s["label"] for s in ranked} == set(labels)
    scores = [s["score"] for s in ranked]
    assert scores == sorted(scores, reverse=True) and all(0 <= s <= 1 for s in scores)


def test_labels_scope_chooses_claims_document_or_both(client):
    from service.classify.labels import default_labels

    labels, _ = LABEL_SETS[0]
    defaults = {label.name for label in default_labels()}
    both = _extract(client, labels=labels)
    claims_only = _extract(client, labels=labels, options={"labels_scope": "claims"})
    document_only = _extract(client, labels=labels, options={"labels_scope": "document"})
    assert both["document_labels"] and document_only["document_labels"]
    assert claims_only["document_labels"] == []
    for body, names in ((both, set(labels)), (claims_only, set(labels)), (document_only, defaults)):
        assert body["claims"]
        assert all({s["label"] for s in c["labels"]} == names for c in body["claims"])
    assert both["document_labels"] == document_only["document_labels"]


def test_no_caller_labels_no_document_labels_and_a_bad_scope_is_a_422(client):
    assert _extract(client)["document_labels"] == []
    response = client.post(
        "/extract", json={"text": SEED, "labels": ["sport"], "options": {"labels_scope": "all"}}
    )
    assert response.status_code == 422
    assert response.headers["Content-Type"].startswith("application/problem+json")
