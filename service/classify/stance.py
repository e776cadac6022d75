"""Stance toward caller targets: per claim (favor | against | neutral) and per document.

Per claim the stance is the claim's relation to the *target*, not its tone. A claim is
neutral unless it is about the target: ``rel = max(cos(claim, target), 0.5 if a target
content word occurs in the claim)`` ≥ REL_CLAIM (0.30). Then, where the claim names the
target (an *anchor*: one of the target's content words, or "it"/"its" after one), each
evaluative word of ``lexicons.FAVOR`` / ``AGAINST`` within WINDOW words of the anchor
counts toward the target by where it stands:

* before the anchor ("criticised the plan", "support for the plan", "scrap the plan"): the
  word is aimed at the phrase holding the target, so it counts with its sign, flipped once
  for every role noun in between that turns the phrase against the target ("criticised the
  *opponents* of the plan" is for the plan; ``OPPONENTS``);
* after the anchor: an evaluation or an effect ("the plan is a disaster", "the plan
  protects families") counts with its sign; an attitude or action verb whose subject is
  the target ("Russia attacked Kyiv", "the union criticised the bill" toward "the union")
  is the target's own act and counts nothing, unless the verb is passive ("the plan was
  criticised by ...").

A negation in the 3 words before an evaluative word flips it. The sum ``polarity`` ≥
POLARITY_MIN (0.5) is favor, ≤ −0.5 against, else neutral. Where the claim does not name
the target (a paraphrase), ``polarity`` falls back to TEMPLATE_WEIGHT · (cos(claim, "We
strongly support T …") − cos(claim, "We strongly oppose T …")). The score is a logistic of
the margin from the cut, not a fitted probability.

Per document the stance is the FNC-1 model of ``document_stance`` over the passages it is
given (in the service, the claims and their vectors, already computed)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from service.classify import lexicons as lex
from service.classify.cache import EmbeddingCache
from service.classify.document_stance import DocumentStanceModel, default_model
from service.classify.text import content_words, tokens

REL_CLAIM = 0.30
POLARITY_MIN = 0.5
TEMPLATE_WEIGHT = 8.0
WINDOW = 8

OPPONENTS = lex.words(
    "opponents opponent critics critic enemies enemy foes foe detractors detractor "
    "opposition sceptics skeptics rivals rival adversaries"
)
# Attitude, speech and action verbs: with the target as their subject they are the
# target's own act, not an evaluation of it.
ATTITUDE = lex.words(
    "support supports supported supporting backs backed backing endorse endorsed endorses "
    "welcome welcomed welcomes praise praised praises approve approved approves defend "
    "defended defends favor favour favors favours champion champions applaud applauded "
    "oppose opposes opposed opposing reject rejects rejected condemn condemns condemned "
    "criticise criticize criticised criticized criticises criticizes blame blamed blames "
    "denounce denounced denounces slam slams slammed attack attacks attacked invade invaded "
    "ban banned block blocked scrap scrapped abolish abolished repeal repealed cancel "
    "cancelled canceled stop halt kill kills killing"
)
PASSIVE = lex.words("was were been be being is are gets got")
PRONOUNS = lex.words("it its it's")
CHAIN_BREAKS = lex.words("and but or while whereas although though because")


@dataclass(frozen=True)
class StanceResult:
    label: str
    score: float


def _logistic(x: float) -> float:
    return float(1.0 / (1.0 + np.exp(-x)))


def _sign(words: list[str], i: int) -> float:
    """+1 / −1 for a FAVOR / AGAINST word at i, flipped by a negation in the 3 words before."""
    word = words[i]
    sign = 1.0 if word in lex.FAVOR else -1.0 if word in lex.AGAINST else 0.0
    if sign and any(w in lex.NEGATIONS or w.endswith("n't") for w in words[max(0, i - 3) : i]):
        sign = -sign
    return sign


def lexical_polarity(text: str) -> float:
    """FAVOR minus AGAINST hits of the whole text (its tone), negations flipping."""
    words = tokens(text)
    return sum(_sign(words, i) for i in range(len(words)))


def anchors(words: list[str], target_words: set[str]) -> list[tuple[int, int]]:
    """Runs of words naming the target (its content words, a possessive "'s" dropped), and
    "it"/"its" after the first, as (first, last) positions."""
    hits = [i for i, w in enumerate(words) if w.removesuffix("'s") in target_words]
    if hits:
        hits += [i for i, w in enumerate(words) if w in PRONOUNS and i > hits[0]]
    runs: list[tuple[int, int]] = []
    for i in sorted(hits):
        if runs and i - runs[-1][1] <= 2:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _evaluative(word: str) -> bool:
    return word in lex.FAVOR or word in lex.AGAINST


def _before(words: list[str], first: int, last: int, floor: int) -> float:
    """Evaluative words before the target phrase, nearest first, compose: "welcomed the
    decision to scrap the plan" is against it (+1 · −1); "and"/"but" end the chain. Role
    nouns between the nearest word and the target flip it ("criticised the opponents of")."""
    found = [i for i in range(max(floor, first - WINDOW), first) if _evaluative(words[i])]
    if not found:
        return 0.0
    nearest = found[-1]
    flips = sum(1 for w in words[nearest + 1 : first] if w in OPPONENTS)
    if words[last].endswith("'s") and last + 1 < len(words) and words[last + 1] in OPPONENTS:
        flips += 1  # "attacked the plan's critics"
    total = _sign(words, nearest) * (-1.0) ** flips
    for i in reversed(found[:-1]):
        if any(w in CHAIN_BREAKS for w in words[i + 1 : nearest]):
            break
        total *= _sign(words, i)
        nearest = i
    return total


def _after(words: list[str], last: int, ceiling: int) -> float:
    """Evaluative words after the target phrase: an evaluation or effect counts ("the plan
    is a disaster", "it protects families"); the target's own act does not ("Russia
    attacked Kyiv"), unless passive ("the plan was criticised")."""
    total = 0.0
    for i in range(last + 1, min(ceiling, last + 1 + WINDOW)):
        if not _evaluative(words[i]):
            continue
        if words[i] in ATTITUDE and not (
            words[i - 1] in PASSIVE or (i >= 2 and words[i - 2] in PASSIVE)
        ):
            continue
        total += _sign(words, i)
    return total


def target_polarity(text: str, target_words: set[str]) -> float | None:
    """Summed stance of the claim's evaluative words toward the target; None when the claim
    never names the target."""
    words = tokens(text)
    runs = anchors(words, target_words)
    if not runs:
        return None
    total = 0.0
    for k, (first, last) in enumerate(runs):
        floor = runs[k - 1][1] + 1 if k else 0
        ceiling = runs[k + 1][0] if k + 1 < len(runs) else len(words)
        total += _before(words, first, last, floor) + _after(words, last, ceiling)
    return total


def templates(target: str) -> tuple[str, str]:
    return (
        f"We strongly support {target}; it is good.",
        f"We strongly oppose {target}; it is bad.",
    )


class StanceScorer:
    def __init__(
        self,
        cache: EmbeddingCache,
        document_cache: EmbeddingCache | None = None,
        model: DocumentStanceModel | None = None,
    ) -> None:
        """``cache``: the encoder of the claim vectors given to ``claim_stance``;
        ``document_cache``: the one of the passages given to ``document_stance`` (the fast
        tier in the service, which the document model was trained on); default ``cache``."""
        self.cache = cache
        self.document_cache = document_cache if document_cache is not None else cache
        self.model = model or default_model()

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
            toward = target_polarity(text, words)
            polarity = TEMPLATE_WEIGHT * float(contrast[i]) if toward is None else toward
            out.append(_decide(polarity))
        return out

    def document_stance(
        self, passages: Sequence[str], vectors: np.ndarray, target: str
    ) -> StanceResult:
        """FNC-1 stance of an article, given as passages and their vectors, toward a target."""
        if not passages:
            return StanceResult("unrelated", 1.0)
        target_vec = self.document_cache.encode([target])[0]
        result = self.model.predict(target, target_vec, passages, vectors)
        return StanceResult(result.label, result.score)


def _decide(polarity: float) -> StanceResult:
    if polarity >= POLARITY_MIN:
        label = "favor"
    elif polarity <= -POLARITY_MIN:
        label = "against"
    else:
        label = "neutral"
    margin = abs(polarity) - POLARITY_MIN if label != "neutral" else POLARITY_MIN - abs(polarity)
    return StanceResult(label, round(_logistic(2 + 4 * margin), 3))
