"""The learned mention ranker: a logistic model per mention kind (pronoun, description) over
the features of features.py, weights in ``weights.json`` beside this module (trained by
``python -m tools.train.train_resolver``; see models/manifest.json). Each candidate entity
gets P(antecedent | features); the best one wins when it clears the kind's threshold."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from service.extract.resolution.features import DESCRIPTION_FEATURES, PRONOUN_FEATURES

WEIGHTS = Path(__file__).with_name("weights.json")
# given name -> P(male), built by ``python -m tools.train.given_names`` (see models/manifest.json)
GIVEN_NAMES = Path(__file__).with_name("given_names.json")
FEATURES = {"pronoun": PRONOUN_FEATURES, "description": DESCRIPTION_FEATURES}


@dataclass(frozen=True)
class Model:
    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, row: list[float]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, row, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def best(self, rows: list[list[float]]) -> tuple[int, float] | None:
        """Index and probability of the best row when it clears the threshold."""
        if not rows:
            return None
        scored = [(self.probability(r), k) for k, r in enumerate(rows)]
        p, k = max(scored)
        return (k, p) if p >= self.threshold else None


@dataclass(frozen=True)
class Weights:
    models: dict[str, Model]
    given_names: dict[str, float]  # given name → P(male), from the training data
    male_share: float = 0.5  # share of "he" among "he"/"she" in news: the gender prior


def parse(data: dict[str, Any]) -> Weights:
    models = {}
    for kind, names in FEATURES.items():
        entry = data[kind]
        if list(entry["features"]) != names:
            raise ValueError(f"{kind} weights were trained on other features: retrain")
        models[kind] = Model(
            tuple(entry["features"]),
            tuple(float(w) for w in entry["weights"]),
            float(entry["bias"]),
            float(entry["threshold"]),
        )
    return Weights(models, {k: float(v) for k, v in data.get("given_names", {}).items()})


@lru_cache(maxsize=1)
def load(path: str = str(WEIGHTS), names: str = str(GIVEN_NAMES)) -> Weights:
    """The models of ``path``; the names of the lexicon file ``names`` (when there is one)
    extend and override the few names ``path`` learned with them."""
    weights = parse(json.loads(Path(path).read_text(encoding="utf-8")))
    if Path(names).exists():
        lexicon = json.loads(Path(names).read_text(encoding="utf-8"))
        weights.given_names.update({k: float(v) for k, v in lexicon["given_names"].items()})
        share = float(lexicon.get("pronoun_male_share", weights.male_share))
        weights = replace(weights, male_share=share)
    return weights
