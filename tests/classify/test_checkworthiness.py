"""Check-worthiness: factual, quantified claims above opinions, greetings and questions."""

from __future__ import annotations

import numpy as np
import pytest

from service.classify.cache import EmbeddingCache
from service.classify.checkworthiness import THRESHOLD, CheckWorthiness, signals

PAIRS = [
    (
        "Unemployment rose from 4.2 percent to 6.8 percent in the last two years.",
        "Thank you all so much for coming tonight.",
    ),
    (
        "The new law cut funding for public schools by $3 billion in 2019.",
        "I really believe we are going to do great things together.",
    ),
    (
        "Murders in Chicago increased by 58 percent last year, the highest in two decades.",
        "What do you think about that, Senator?",
    ),
    (
        "Germany imported 55 percent of its gas from Russia before the war.",
        "It is wonderful to see so many friendly faces here.",
    ),
    (
        "The senator voted against the defence budget three times since 2015.",
        "Well, we will see what happens.",
    ),
]


@pytest.fixture(scope="module")
def scorer(embedder) -> CheckWorthiness:
    return CheckWorthiness(EmbeddingCache(embedder))


def _scores(scorer, embedder, texts):
    return scorer.score(texts, embedder.encode(texts))


@pytest.mark.parametrize("worthy, unworthy", PAIRS)
def test_a_quantified_factual_claim_outranks_chatter(scorer, embedder, worthy, unworthy):
    high, low = _scores(scorer, embedder, [worthy, unworthy])
    assert high > low + 0.2, (high, low)
    assert high >= THRESHOLD > low


def test_scores_are_floats_in_unit_range(scorer, embedder):
    texts = [t for pair in PAIRS for t in pair] + ["", "OK."]
    scores = _scores(scorer, embedder, texts)
    assert scores.dtype == np.float32 and scores.shape == (len(texts),)
    assert np.all((scores >= 0) & (scores <= 1))


def test_lexical_signals_alone_still_order_the_pairs(scorer):
    worthy, unworthy = zip(*PAIRS, strict=True)
    high = scorer.score(list(worthy))
    low = scorer.score(list(unworthy))
    assert np.all(high > low)


def test_signals_see_numbers_comparisons_and_names():
    sig = signals("Exports to China rose 12% to $40 billion, the largest jump since 1990.")
    assert sig.quantity == 1.0 and sig.money_or_percent == 1.0
    assert sig.comparison > 0 and sig.entities > 0
    chatter = signals("Thank you, I think so.")
    assert chatter.short == 1.0 or chatter.opinion > 0
    assert signals("Is that true?").question == 1.0


@pytest.fixture(scope="module")
def fast_scorer(embedder) -> CheckWorthiness:
    return CheckWorthiness(EmbeddingCache(embedder.shallow(1)))


def test_the_fast_tier_uses_the_model_learned_on_clef_debates(fast_scorer, embedder):
    assert fast_scorer.learned is not None
    assert fast_scorer.learned.vector_weights.shape == (embedder.dim,)
    fast = embedder.shallow(1)
    worthy, unworthy = (list(side) for side in zip(*PAIRS, strict=True))
    high = fast_scorer.score(worthy, fast.encode(worthy))
    low = fast_scorer.score(unworthy, fast.encode(unworthy))
    assert np.all(high > low), (high, low)
    assert np.mean(high >= THRESHOLD) >= 0.8 and np.all(low < THRESHOLD)


def test_the_learned_model_is_not_applied_to_another_encoder(scorer):
    assert scorer.learned is None  # the full MiniLM keeps the hand-set fallback
