"""Stance toward caller targets, from MiniLM relatedness plus hand-written lexicons.

Per claim (favor | against | neutral):
  relatedness ``rel = max(cos(claim, target), 0.5 if a target word occurs in the claim)``;
  below REL_CLAIM (0.30) the claim is neutral. Otherwise
  ``polarity = tanh(lex / 2) + TEMPLATE_WEIGHT · (cos(claim, "We strongly support T …") −
  cos(claim, "We strongly oppose T …"))`` where ``lex`` counts FAVOR minus AGAINST words of
  the claim (a negation in the 3 words before flips a hit); polarity ≥ POLARITY_MIN (0.5) is
  favor, ≤ −0.5 against, else neutral. The score is a logistic of the margin from the cut,
  not a fitted probability. Limitation: the lexicon reads the claim's tone, not who the
  tone is aimed at ("Russia attacked Kyiv" reads as against the target "Russia").

Per document (FNC-1: agree | disagree | discuss | unrelated), given the article's sentences:
  1. relatedness = 0.7 · max over sentences of cos(target, sentence) + 0.3 · the share of
     the target's content words found in the article; under REL_DOC (0.33) → unrelated;
  2. on the TOP_SENTENCES (5) sentences most similar to the target:
     refute = strong refuting words (hoax, debunked, denied ...) + 0.5 · any refuting word
     (incl. "not"), minus HEADLINE_REFUTE_PENALTY (2) when the target itself carries a
     refuting word (a target that says "X is a hoax" is agreed with in a debunking article);
     refute ≥ REFUTE_MIN (1) → disagree;
  3. hedge = hedging/attribution words per top sentence (reportedly, allegedly, claims,
     according to ...) + 0.6 · those in the target; hedge ≥ HEDGE_MIN (0.8) → discuss;
  4. otherwise agree.
  The lexicons are hand-written; the five thresholds were chosen on the FNC-1 train split
  (a plateau: macro-F1 moves by < 0.01 for HEDGE_MIN in 0.7–1.0 and REL_DOC in 0.3–0.36)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from service.classify import lexicons as lex
from service.classify.cache import EmbeddingCache
from service.classify.text import content_words, count_in, tokens

REL_CLAIM = 0.30
POLARITY_MIN = 0.5
TEMPLATE_WEIGHT = 8.0
REL_DOC = 0.33
TOP_SENTENCES = 5
REFUTE_MIN = 1.0
HEDGE_MIN = 0.8
HEADLINE_REFUTE_PENALTY = 2.0
TARGET_HEDGE_WEIGHT = 0.6


@dataclass(frozen=True)
class StanceResult:
    label: str
    score: float


def _logistic(x: float) -> float:
    return float(1.0 / (1.0 + np.exp(-x)))


def lexical_polarity(text: str) -> float:
    """FAVOR minus AGAINST hits, each flipped by a negation in the preceding 3 words."""
    words = tokens(text)
    total = 0.0
    for i, word in enumerate(words):
        sign = 1.0 if word in lex.FAVOR else -1.0 if word in lex.AGAINST else 0.0
        if sign and any(w in lex.NEGATIONS or w.endswith("n't") for w in words[max(0, i - 3) : i]):
            sign = -sign
        total += sign
    return total


def templates(target: str) -> tuple[str, str]:
    return (
        f"We strongly support {target}; it is good.",
        f"We strongly oppose {target}; it is bad.",
    )


class StanceScorer:
    def __init__(self, cache: EmbeddingCache) -> None:
        self.cache = cache

    def claim_stance(
        self, texts: Sequence[str], vectors: np.ndarray, target: str
    ) -> list[StanceResult]:
        """Stance of each claim toward one target."""
        if not texts:
            return []
        target_vec, favor_vec, against_vec = self.cache.encode([target, *templates(target)])
        rel = vectors @ target_vec
        contrast = vectors @ favor_vec - vectors @ against_vec
        words = content_words(target)
        out = []
        for i, text in enumerate(texts):
            related = max(float(rel[i]), 0.5 if words & content_words(text) else 0.0)
            if related < REL_CLAIM:
                out.append(StanceResult("neutral", round(_logistic(8 * (REL_CLAIM - related)), 3)))
                continue
            polarity = np.tanh(lexical_polarity(text) / 2) + TEMPLATE_WEIGHT * contrast[i]
            label = (
                "favor"
                if polarity >= POLARITY_MIN
                else "against"
                if polarity <= -POLARITY_MIN
                else "neutral"
            )
            margin = (
                abs(polarity) - POLARITY_MIN
                if label != "neutral"
                else (POLARITY_MIN - abs(polarity))
            )
            out.append(StanceResult(label, round(_logistic(2 + 4 * margin), 3)))
        return out

    def document_stance(
        self, sentences: Sequence[str], vectors: np.ndarray, target: str
    ) -> StanceResult:
        """FNC-1 stance of an article (its sentences and their vectors) toward a target."""
        if not sentences:
            return StanceResult("unrelated", 1.0)
        target_vec = self.cache.encode([target])[0]
        features = document_features(target, sentences, vectors @ target_vec)
        return decide_document(features)


@dataclass(frozen=True)
class DocumentFeatures:
    relatedness: float
    refute: float
    hedge: float


def document_features(target: str, sentences: Sequence[str], sims: np.ndarray) -> DocumentFeatures:
    body_words: set[str] = set()
    for sentence in sentences:
        body_words |= content_words(sentence)
    target_words = content_words(target)
    overlap = len(target_words & body_words) / max(1, len(target_words))
    relatedness = 0.7 * float(sims.max()) + 0.3 * overlap
    top = [tokens(sentences[int(i)]) for i in np.argsort(-sims)[:TOP_SENTENCES]]
    refute = sum(count_in(w, lex.REFUTING_STRONG) + 0.5 * count_in(w, lex.REFUTING) for w in top)
    target_tokens = tokens(target)
    if count_in(target_tokens, lex.REFUTING):
        refute -= HEADLINE_REFUTE_PENALTY
    hedge = sum(count_in(w, lex.HEDGING) for w in top) / len(top)
    hedge += TARGET_HEDGE_WEIGHT * count_in(target_tokens, lex.HEDGING)
    return DocumentFeatures(relatedness, float(refute), float(hedge))


def decide_document(f: DocumentFeatures) -> StanceResult:
    """Label and a confidence: a logistic of the distance from the deciding threshold."""
    if f.relatedness < REL_DOC:
        return StanceResult("unrelated", round(_logistic(20 * (REL_DOC - f.relatedness)), 3))
    if f.refute >= REFUTE_MIN:
        return StanceResult("disagree", round(_logistic(f.refute - REFUTE_MIN + 0.5), 3))
    if f.hedge >= HEDGE_MIN:
        return StanceResult("discuss", round(_logistic(2 * (f.hedge - HEDGE_MIN) + 0.5), 3))
    margin = min(REFUTE_MIN - f.refute, 2 * (HEDGE_MIN - f.hedge))
    return StanceResult("agree", round(_logistic(margin), 3))
