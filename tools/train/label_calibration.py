"""Fit the embedding backend's similarity → probability map for multi-label scores.

    python -m tools.train.label_calibration .data/fnc1 [--bodies 300] [--out ...]

Data: the FNC-1 train split (``train_bodies.csv``, ``train_stances.csv``; never the
competition test files), read as "does this label apply to this text?": the label is a
headline (a caller label given by name only), the text a body, and the label applies when
the pair is related (agree, disagree or discuss) and not when it is unrelated. Two text
sides, as the service scores them: a *claim* (the body's first sentence) and a *document*
(the normalised mean of the first sentence and the centroid of the first 8 sentences, as
``stage.document_vector`` mixes the lead and the claims). Only pairs of a seeded sample of
``--bodies`` bodies are used (embedding is the cost); the encoder is the full MiniLM, the
one caller labels run on.

The raw score is ``EmbeddingZeroShot.raw_scores`` minus the name-only bias; a one-feature
logistic regression per side gives p = σ(slope · centred + intercept). Cross-validation by
body (5 folds) prints the held-out reliability table (predicted probability bins against
the observed share of labels that apply) and multi-label precision and recall at 0.5."""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path

import numpy as np

from service.classify.labels import prototypes
from service.classify.zero_shot_embedding import BIAS_NAME_ONLY, MAX_WEIGHT
from service.nlp.protocols import LabelSpec
from tools.train.stance import load
from tools.train.vectors import embed

BINS = np.linspace(0, 1, 11)
OUT = Path("service/classify/models/label_calibration.json")


def raw_scores(pairs, split, sample) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
    heads = sorted({h for h, bid, _ in pairs if bid in sample})
    protos = {h: prototypes(LabelSpec(h)) for h in heads}
    bodies = sorted(sample)
    flat = [s for bid in bodies for s in split[bid]]
    proto_texts = [p for h in heads for p in protos[h]]
    vectors = embed([*proto_texts, *flat], "fnc1-calibration", "full")
    proto_vec, at = {}, 0
    for h in heads:
        proto_vec[h] = vectors[at : at + len(protos[h])]
        at += len(protos[h])
    claim_vec, doc_vec = {}, {}
    for bid in bodies:
        rows = vectors[at : at + len(split[bid])]
        at += len(split[bid])
        claim_vec[bid] = rows[0]
        mean = (rows[0] + rows.mean(axis=0)) / 2
        doc_vec[bid] = mean / np.linalg.norm(mean)
    chosen = [(h, bid, s) for h, bid, s in pairs if bid in sample]
    out = {}
    for side, vec in (("claim", claim_vec), ("document", doc_vec)):
        sims = [proto_vec[h] @ vec[bid] for h, bid, _ in chosen]
        out[side] = (
            np.array([MAX_WEIGHT * s.max() + (1 - MAX_WEIGHT) * s.mean() for s in sims])
            - BIAS_NAME_ONLY
        )
    gold = np.array([s != "unrelated" for _, _, s in chosen], dtype=int)
    groups = np.array([bodies.index(bid) % 5 for _, bid, _ in chosen])
    return out, gold, groups


def fit(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=100.0).fit(x[:, None], y)
    return float(model.coef_[0, 0]), float(model.intercept_[0])


def cross_validate(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> np.ndarray:
    p = np.zeros(len(y))
    for k in range(5):
        a, b = fit(x[groups != k], y[groups != k])
        p[groups == k] = 1 / (1 + np.exp(-(a * x[groups == k] + b)))
    return p


def reliability(p: np.ndarray, y: np.ndarray) -> dict[str, float]:
    print("| predicted | pairs | mean predicted | observed applies |\n|---|---:|---:|---:|")
    for lo, hi in itertools.pairwise(BINS):
        inside = (p >= lo) & (p < hi if hi < 1 else p <= hi)
        if inside.any():
            print(
                f"| {lo:.1f}–{hi:.1f} | {int(inside.sum())} | {p[inside].mean():.3f} "
                f"| {y[inside].mean():.3f} |"
            )
    chosen = p >= 0.5
    tp = int((chosen & (y == 1)).sum())
    precision, recall = tp / max(1, int(chosen.sum())), tp / max(1, int(y.sum()))
    print(f"\nat 0.5: precision {precision:.4f}, recall {recall:.4f} (held-out folds)\n")
    return {"precision": round(precision, 4), "recall": round(recall, 4)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--bodies", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    pairs, split = load(args.data_dir)
    rng = np.random.default_rng(args.seed)
    ids = sorted(split)
    sample = set(rng.choice(ids, size=min(args.bodies, len(ids)), replace=False).tolist())
    scores, gold, groups = raw_scores(pairs, split, sample)
    print(f"FNC-1 train: {len(gold)} pairs of {len(sample)} bodies, {gold.mean():.3f} apply\n")
    fitted = {}
    for side, x in scores.items():
        print(f"### {side}\n")
        held = reliability(cross_validate(x, gold, groups), gold)
        a, b = fit(x, gold)
        fitted[side] = {"slope": round(a, 4), "intercept": round(b, 4), "cv_at_0.5": held}
        print(f"{side}: p = σ({a:.2f} · (raw − bias) + {b:.2f})\n")
    if not args.no_write:
        data = {
            "embedding": fitted,
            "nli": None,
            "training": {
                "data": "FNC-1 train split: headline as a name-only label, related = applies",
                "pairs": len(gold),
                "bodies": len(sample),
                "seed": args.seed,
                "encoder": "all-MiniLM-L6-v2",
                "rebuild": "python -m tools.train.label_calibration .data/fnc1",
            },
        }
        args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
