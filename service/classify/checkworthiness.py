"""Check-worthiness in [0, 1]: would a fact-checker want to verify this sentence?

Learned (the default): a logistic regression over the sentence's fast-tier MiniLM vector
(MiniLM's first layer, the vectors the classify stage computes for every claim anyway) and
the hand signals below, fitted on the CLEF-2019 CheckThat! Task 1 training debates by
``tools/train/checkworthiness.py`` (weights in ``models/checkworthiness.json`` beside this
module; model and threshold chosen by cross-validation over whole debates). Its logit is
shifted so that the cross-validated F1-optimal cut sits at 0.5: ``score ≥ 0.5`` means
"above the cut", and the score ranks sentences; it is not a probability (CLEF's debates
are 2.7% check-worthy, news claims far more).

Hand-set (fallback, for vectors of another encoder, e.g. the full MiniLM with
``FAST_ENCODER_LAYERS=0``, or no vectors at all):

    z = BIAS + Σ weight · signal + EMBEDDING_WEIGHT · (sim_worthy − sim_unworthy)
    score = σ(z)

Signals (see ``signals``): quantities (digits, money, percentages, number words),
comparatives and superlatives, named-entity proxies (capitalised words inside the sentence),
factual/event vocabulary, past tense, opinion and politeness words, future/modal verbs,
first-person hedges, questions, and length (short sentences are rarely claims).
``sim_worthy`` / ``sim_unworthy``: mean of the 3 highest MiniLM cosines to short prototype
sentences written for this module (below)."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from service.classify import lexicons as lex
from service.classify.cache import EmbeddingCache
from service.classify.text import (
    MONEY_OR_PERCENT,
    NUMBER,
    capitalised_names,
    count_in,
    superlatives,
    tokens,
)
from service.classify.zero_shot_embedding import sigmoid

THRESHOLD = 0.5  # positive-class cut for F1 (the learned model's CV cut is moved here)
WEIGHTS_FILE = Path(__file__).with_name("models") / "checkworthiness.json"
BIAS = -2.6
EMBEDDING_WEIGHT = 9.0
WEIGHTS = {
    "quantity": 1.1,
    "money_or_percent": 0.6,
    "comparison": 0.5,
    "entities": 0.5,
    "factual": 0.5,
    "past": 0.3,
    "length": 1.2,
    "opinion": -0.6,
    "future": -0.4,
    "first_person": -0.4,
    "question": -1.2,
    "short": -2.0,
}
TOP_K = 3

WORTHY = (
    "Unemployment rose to 9 percent last year.",
    "The bill cut taxes by $1.5 trillion for the richest one percent.",
    "Crime in the city went up by 40 percent since 2015.",
    "She voted for the war in Iraq in 2002.",
    "We lost 70,000 factories since China joined the trade organisation.",
    "The state has the highest murder rate in the country.",
    "Millions of people lost their health insurance under the plan.",
    "The company paid no federal income tax for ten years.",
    "Our exports to Mexico doubled in the last decade.",
    "The senator took money from the oil industry.",
    "The deficit is now bigger than it was under the last government.",
    "More than half of the budget goes to the military.",
)
UNWORTHY = (
    "Thank you very much, it is great to be here tonight.",
    "I think we can do much better than this.",
    "Let me ask you a question about that.",
    "We love our country and we are going to make it great.",
    "That is a very good question.",
    "Good evening and welcome to the debate.",
    "I want to thank my family for their support.",
    "Believe me, it will be beautiful.",
    "We are going to fight for you every single day.",
    "Please let him finish his answer.",
    "I have a lot of respect for him.",
    "It is time to move on to the next topic.",
)


@dataclass(frozen=True)
class Signals:
    quantity: float
    money_or_percent: float
    comparison: float
    entities: float
    factual: float
    past: float
    length: float
    opinion: float
    future: float
    first_person: float
    question: float
    short: float


def signals(text: str) -> Signals:
    words = tokens(text)
    n = len(words)
    numbers = sum(1 for w in words if NUMBER.search(w)) + count_in(words, lex.NUMBER_WORDS)
    return Signals(
        quantity=min(1.0, numbers / 2),
        money_or_percent=float(bool(MONEY_OR_PERCENT.search(text))),
        comparison=min(1.0, (count_in(words, lex.COMPARATIVES) + superlatives(text)) / 2),
        entities=min(1.0, capitalised_names(text) / 2),
        factual=min(1.0, count_in(words, lex.FACTUAL) / 2),
        past=min(1.0, float(count_in(words, lex.PAST_MARKERS))),
        length=min(1.0, math.log1p(n) / math.log1p(30)),
        opinion=min(1.0, count_in(words, lex.OPINION) / 2),
        future=min(1.0, float(count_in(words, lex.FUTURE_MODAL))),
        first_person=min(1.0, float(count_in(words, lex.FIRST_PERSON))),
        question=float(text.rstrip().endswith("?")),
        short=float(n < 6),
    )


def lexical_logits(texts: Sequence[str]) -> np.ndarray:
    out = np.full(len(texts), BIAS, dtype=np.float32)
    for i, text in enumerate(texts):
        sig = signals(text)
        out[i] += sum(weight * getattr(sig, name) for name, weight in WEIGHTS.items())
    return out


@dataclass(frozen=True)
class LearnedModel:
    """The fitted logistic regression (``models/checkworthiness.json``) for one encoder."""

    encoder: str
    vector_weights: np.ndarray
    signal_weights: np.ndarray
    bias: float

    def logits(self, texts: Sequence[str], vectors: np.ndarray) -> np.ndarray:
        sig = np.array([astuple(signals(t)) for t in texts], dtype=np.float32)
        sig = sig.reshape(len(texts), len(self.signal_weights))
        return np.asarray(vectors @ self.vector_weights + sig @ self.signal_weights + self.bias)


@lru_cache(maxsize=2)
def learned_model(path: Path = WEIGHTS_FILE) -> LearnedModel:
    """The shipped weights; the bias already moves the CV threshold to THRESHOLD (0.5)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    names = list(Signals.__dataclass_fields__)
    if data["signals"] != names:
        raise ValueError(f"{path} was trained on other signals: {data['signals']}")
    cut = float(data["threshold"])
    return LearnedModel(
        data["encoder"],
        np.array(data["vector_weights"], dtype=np.float32),
        np.array(data["signal_weights"], dtype=np.float32),
        float(data["bias"]) - math.log(cut / (1 - cut)) + math.log(THRESHOLD / (1 - THRESHOLD)),
    )


def _top_mean(sims: np.ndarray, k: int = TOP_K) -> np.ndarray:
    k = min(k, sims.shape[1])
    return np.asarray(np.sort(sims, axis=1)[:, -k:].mean(axis=1), dtype=np.float32)


class CheckWorthiness:
    """``score(texts, vectors)`` → check-worthiness per text; vectors are the texts' MiniLM
    rows (the pipeline's one embedding call), or None to use the lexical signals alone."""

    def __init__(self, cache: EmbeddingCache | None) -> None:
        self.cache = cache
        # An encoder other than MiniLM maps its margin onto MiniLM's scale (scale, shift);
        # see StaticEmbedder.MARGIN_CALIBRATION. MiniLM itself: (1, 0).
        embedder = getattr(cache, "embedder", None)
        self.calibration: tuple[float, float] = getattr(embedder, "MARGIN_CALIBRATION", (1.0, 0.0))
        model = learned_model()
        self.learned = model if getattr(embedder, "name", None) == model.encoder else None

    def embedding_margin(self, vectors: np.ndarray) -> np.ndarray:
        if self.cache is None or len(vectors) == 0:
            return np.zeros(len(vectors), dtype=np.float32)
        worthy = vectors @ self.cache.encode(WORTHY).T
        unworthy = vectors @ self.cache.encode(UNWORTHY).T
        scale, shift = self.calibration
        return np.asarray(
            scale * (_top_mean(worthy) - _top_mean(unworthy)) + shift, dtype=np.float32
        )

    def score(self, texts: Sequence[str], vectors: np.ndarray | None = None) -> np.ndarray:
        if vectors is not None and self.learned is not None:
            return sigmoid(self.learned.logits(texts, vectors))
        logits = lexical_logits(texts)
        if vectors is not None:
            logits = logits + EMBEDDING_WEIGHT * self.embedding_margin(vectors)
        return sigmoid(logits)
