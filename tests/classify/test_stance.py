"""Stance: claims toward a target (favor/against/neutral), articles toward a claim (FNC-1)."""

from __future__ import annotations

import pytest

from service.classify.cache import EmbeddingCache
from service.classify.stance import StanceScorer, lexical_polarity, target_polarity
from service.classify.text import content_words, sentences

TARGET = "the carbon tax"
CLAIMS = {
    "The carbon tax is working: emissions fell and we strongly support it.": "favor",
    "We welcome the carbon tax because it protects our children's future.": "favor",
    "We will scrap the carbon tax, it is destroying jobs and hurting families.": "against",
    "The carbon tax is a disaster that harms farmers and must be repealed.": "against",
    "The striker scored twice in the final on Sunday.": "neutral",
}

HEADLINE = "Oil giant to close its refinery in Grangemouth next year"
RELATED_BODY = (
    "The company confirmed on Monday that the Grangemouth refinery will close next year. "
    "About 400 workers will lose their jobs when the oil refinery shuts, it said. "
    "Unions called the decision a betrayal of the town."
)
HOAX_BODY = (
    "Reports that the Grangemouth oil refinery will close next year are fake. "
    "The company denied the claim on Monday and called the story a hoax. "
    "The refinery is not closing, a spokesman said."
)
UNRELATED_BODY = (
    "The singer announced a world tour with 40 dates across Europe and Asia. "
    "Tickets go on sale on Friday, her label said. Fans queued overnight in Seoul."
)


@pytest.fixture(scope="module")
def scorer(embedder) -> StanceScorer:
    return StanceScorer(EmbeddingCache(embedder))


def test_clear_claims_get_favor_against_or_neutral(scorer, embedder):
    texts = list(CLAIMS)
    results = scorer.claim_stance(texts, embedder.encode(texts), TARGET)
    assert [r.label for r in results] == list(CLAIMS.values())
    assert all(0.5 <= r.score <= 1.0 for r in results)


def test_negation_flips_a_support_word(scorer, embedder):
    texts = ["We do not support the carbon tax."]
    assert scorer.claim_stance(texts, embedder.encode(texts), TARGET)[0].label == "against"
    assert lexical_polarity("We support it") > 0 > lexical_polarity("We don't support it")


PLAN = "the housing plan"
# Tone and stance part ways: the words are harsh or warm, the relation to the target is not.
TONE_VS_STANCE = {
    "Dara Whitlow sharply criticised the opponents of the housing plan.": "favor",
    "The union angrily attacked the housing plan's critics in a furious statement.": "favor",
    "The mayor warmly praised the critics of the housing plan.": "against",
    "The council gladly welcomed the decision to scrap the housing plan.": "against",
    "The housing plan protects families from eviction, the minister said.": "favor",
    "The housing plan was condemned by every tenants' group in the city.": "against",
}


@pytest.mark.parametrize("claim, expected", list(TONE_VS_STANCE.items()))
def test_claim_stance_reads_the_relation_to_the_target_not_the_tone(
    scorer, embedder, claim, expected
):
    result = scorer.claim_stance([claim], embedder.encode([claim]), PLAN)[0]
    assert result.label == expected, (claim, result)
    tone = lexical_polarity(claim)
    if expected == "favor" and "criticised" in claim:
        assert tone < 0  # a tone reader would have said against


def test_the_target_s_own_act_is_no_stance_toward_it():
    # the target attacks: harsh tone, but nothing said for or against the target itself
    assert target_polarity("Varnholt attacked the rebel positions overnight.", {"varnholt"}) == 0
    assert target_polarity("Rebels attacked Varnholt overnight.", {"varnholt"}) < 0


def test_a_claim_that_never_names_the_target_is_not_scored_by_its_words():
    assert target_polarity("Prices soared and everyone was angry.", content_words(PLAN)) is None


@pytest.fixture(scope="module")
def fast(embedder):
    """The fast tier: document stance runs on the claims' fast vectors in the service."""
    return embedder.shallow(1)


def _document(scorer, embedder, body: str, headline: str = HEADLINE):
    fast = embedder if getattr(embedder, "layers", 0) == 1 else embedder.shallow(1)
    parts = sentences(body)
    doc_scorer = StanceScorer(scorer.cache, EmbeddingCache(fast))
    return doc_scorer.document_stance(parts, fast.encode(parts), headline)


def test_an_unrelated_article_is_unrelated_and_a_related_one_is_not(scorer, embedder):
    unrelated = _document(scorer, embedder, UNRELATED_BODY)
    related = _document(scorer, embedder, RELATED_BODY)
    assert unrelated.label == "unrelated" and unrelated.score > 0.5
    assert related.label in {"agree", "discuss"}


def test_a_debunking_article_disagrees(scorer, embedder):
    assert _document(scorer, embedder, HOAX_BODY).label == "disagree"


def test_an_article_that_only_relays_a_report_discusses(scorer, embedder):
    body = (
        "Unconfirmed reports claim the Grangemouth oil refinery could close next year. "
        "The company allegedly told staff it may shut the refinery, according to sources. "
        "It is unclear whether a decision has been made."
    )
    assert _document(scorer, embedder, body).label == "discuss"


def test_empty_article_is_unrelated(scorer):
    import numpy as np

    assert scorer.document_stance([], np.zeros((0, 384), dtype="float32"), HEADLINE).label == (
        "unrelated"
    )
