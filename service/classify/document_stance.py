"""Document stance toward a target (FNC-1 labels: agree | disagree | discuss | unrelated).

The article is a set of passages with their MiniLM vectors: in the service the claims'
vectors (already computed for labels and claim stance, so nothing is embedded twice), in
training the FNC-1 body sentences. ``document_features`` turns (target, passages) into a
short row of relatedness and wording features; a multinomial logistic regression fitted on
the FNC-1 train split (``tools/train/stance.py``, weights in ``models/stance.json`` beside
this module, cross-validated by body) turns the row into four probabilities. Features:

* relatedness: the best, top-3 mean and mean cosine of the target to the passages, the
  cosine to the first passage and to the passages' centroid; the share of the target's
  content words found in the article and in its best passage;
* refuting wording (hoax, denied, fake ...; ``lexicons.REFUTING``) and hedging wording
  (reportedly, allegedly, claims ...) in the 5 passages closest to the target, in the whole
  article and in the target itself; negations near the target; whether the target asks;
* products of relatedness with the refuting and hedging counts (a hoax word matters in an
  article about the target, not in an unrelated one)."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from service.classify import lexicons as lex
from service.classify.text import content_words, count_in, tokens

DOC_LABELS = ["agree", "disagree", "discuss", "unrelated"]
TOP_PASSAGES = 5
WEIGHTS_FILE = Path(__file__).with_name("models") / "stance.json"
FEATURE_NAMES = [
    "max_sim",
    "top3_sim",
    "mean_sim",
    "first_sim",
    "centroid_sim",
    "overlap",
    "top_overlap",
    "refute_strong_top",
    "refute_top",
    "refute_strong_all",
    "hedge_top",
    "hedge_all",
    "negation_top",
    "refute_target",
    "hedge_target",
    "question_target",
    "related_x_refute",
    "related_x_hedge",
    "target_refute_x_refute",
    "log_passages",
]


@dataclass(frozen=True)
class DocumentStance:
    label: str
    score: float


@dataclass(frozen=True)
class PassageStats:
    """Per-passage wording counts of an article, computed once per article."""

    refute_strong: np.ndarray
    refute: np.ndarray
    hedge: np.ndarray
    negation: np.ndarray
    words: list[set[str]]
    body_words: set[str]


def passage_stats(passages: Sequence[str]) -> PassageStats:
    toks = [tokens(p) for p in passages]

    def counts(lexicon: frozenset[str]) -> np.ndarray:
        return np.array([count_in(t, lexicon) for t in toks], dtype=np.float64)

    words = [content_words(p) for p in passages]
    return PassageStats(
        counts(lex.REFUTING_STRONG),
        counts(lex.REFUTING),
        counts(lex.HEDGING),
        counts(lex.NEGATIONS),
        words,
        set().union(*words),
    )


def document_features(
    target: str,
    target_vec: np.ndarray,
    passages: Sequence[str],
    vectors: np.ndarray,
    stats: PassageStats | None = None,
) -> list[float]:
    """The feature row (FEATURE_NAMES order) of an article's passages toward a target."""
    st = stats or passage_stats(passages)
    sims = vectors @ target_vec
    order = np.argsort(-sims)
    top = order[:TOP_PASSAGES]
    target_words = content_words(target)
    overlap = len(target_words & st.body_words) / max(1, len(target_words))
    centroid = vectors.mean(axis=0)
    centroid = centroid / max(1e-9, float(np.linalg.norm(centroid)))
    refute_top = float(st.refute[top].mean())
    hedge_top = float(st.hedge[top].mean())
    target_tokens = tokens(target)
    refute_target = float(count_in(target_tokens, lex.REFUTING))
    return [
        float(sims.max()),
        float(sims[order[:3]].mean()),
        float(sims.mean()),
        float(sims[0]),
        float(centroid @ target_vec),
        overlap,
        len(target_words & st.words[int(order[0])]) / max(1, len(target_words)),
        float(st.refute_strong[top].mean()),
        refute_top,
        float(st.refute_strong.mean()),
        hedge_top,
        float(st.hedge.mean()),
        float(st.negation[top].mean()),
        refute_target,
        float(count_in(target_tokens, lex.HEDGING)),
        float(target.rstrip().endswith("?")),
        float(sims.max()) * refute_top,
        float(sims.max()) * hedge_top,
        refute_target * refute_top,
        math.log1p(len(passages)),
    ]


class DocumentStanceModel:
    """The fitted multinomial logistic regression, scored with numpy."""

    def __init__(self, path: Path = WEIGHTS_FILE) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["features"] != FEATURE_NAMES or data["labels"] != DOC_LABELS:
            raise ValueError(f"{path} was trained on other features or labels")
        self.weights = np.array(data["weights"], dtype=np.float64)
        self.bias = np.array(data["bias"], dtype=np.float64)

    def probabilities(self, features: Sequence[float]) -> np.ndarray:
        logits = self.weights @ np.asarray(features, dtype=np.float64) + self.bias
        logits -= logits.max()
        p = np.exp(logits)
        return np.asarray(p / p.sum())

    def predict(
        self, target: str, target_vec: np.ndarray, passages: Sequence[str], vectors: np.ndarray
    ) -> DocumentStance:
        if not passages:
            return DocumentStance("unrelated", 1.0)
        p = self.probabilities(document_features(target, target_vec, passages, vectors))
        best = int(np.argmax(p))
        return DocumentStance(DOC_LABELS[best], round(float(p[best]), 3))


@lru_cache(maxsize=1)
def default_model() -> DocumentStanceModel:
    return DocumentStanceModel()
