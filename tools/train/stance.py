"""Train the document-stance model on the FNC-1 train split (agree/disagree/discuss/unrelated).

    python -m tools.train.stance .data/fnc1 [--out service/classify/models/stance.json] [--folds 5]

DATA_DIR holds ``train_bodies.csv`` and ``train_stances.csv`` of FakeNewsChallenge/fnc-1:
the train files only, never the competition test files. Each body is split into sentences
(``service.classify.text.sentences``), every sentence and headline embedded once with the
full MiniLM (cached under build/vectors), and each (headline, body) pair becomes the feature
row of ``service.classify.stance.document_features``, the function the service calls on an
article's claim vectors. Model: multinomial logistic regression on standardised features,
class-balanced (scikit-learn for training only; the service scores with numpy).

Cross-validation groups pairs by body: the pairs of one body never sit on both sides.
Prints macro-F1 over all 49,972 pairs (out-of-fold), the FNC score, and macro-F1 on the
class-balanced sample of the older evaluation (200 pairs per class, seed 13) taken from the
same out-of-fold predictions."""

from __future__ import annotations

import argparse
import csv
import json
import time
from pathlib import Path

import numpy as np

from service.classify.document_stance import (
    DOC_LABELS,
    FEATURE_NAMES,
    document_features,
    passage_stats,
)
from service.classify.text import sentences
from tools.train.vectors import embed

MAX_SENTENCES = 8


def load(data_dir: Path) -> tuple[list[tuple[str, str, str]], dict[str, list[str]]]:
    with (data_dir / "train_bodies.csv").open(encoding="utf-8", newline="") as handle:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(handle)}
    with (data_dir / "train_stances.csv").open(encoding="utf-8", newline="") as handle:
        pairs = [(r["Headline"], r["Body ID"], r["Stance"]) for r in csv.DictReader(handle)]
    split = {bid: sentences(text)[:MAX_SENTENCES] or [text[:500]] for bid, text in bodies.items()}
    return [p for p in pairs if p[1] in split], split


def feature_matrix(pairs: list[tuple[str, str, str]], split: dict[str, list[str]]) -> np.ndarray:
    heads = sorted({p[0] for p in pairs})
    body_ids = sorted(split)
    flat = [s for bid in body_ids for s in split[bid]]
    vectors = embed([*heads, *flat], "fnc1-train", "fast")
    head_vec = dict(zip(heads, vectors[: len(heads)], strict=True))
    body_vec: dict[str, np.ndarray] = {}
    at = len(heads)
    for bid in body_ids:
        body_vec[bid] = vectors[at : at + len(split[bid])]
        at += len(split[bid])
    stats = {bid: passage_stats(split[bid]) for bid in body_ids}
    return np.array(
        [
            document_features(h, head_vec[h], split[bid], body_vec[bid], stats[bid])
            for h, bid, _ in pairs
        ],
        dtype=np.float32,
    )


def fit(x: np.ndarray, y: np.ndarray, c: float) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.linear_model import LogisticRegression

    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-6
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=3000)
    model.fit((x - mean) / std, y)
    w = model.coef_ / std  # (classes, features)
    b = model.intercept_ - w @ mean
    return w.astype(np.float32), b.astype(np.float32)


def macro_f1(gold: np.ndarray, pred: np.ndarray, k: int = len(DOC_LABELS)) -> tuple[float, list]:
    rows = []
    for c in range(k):
        tp = int(((pred == c) & (gold == c)).sum())
        p = tp / max(1, int((pred == c).sum()))
        r = tp / max(1, int((gold == c).sum()))
        rows.append((p, r, 2 * p * r / max(1e-9, p + r), int((gold == c).sum())))
    return float(np.mean([row[2] for row in rows])), rows


def fnc_score(gold: np.ndarray, pred: np.ndarray) -> float:
    unrelated = DOC_LABELS.index("unrelated")
    score = 0.25 * ((gold == unrelated) == (pred == unrelated)).sum()
    score += 0.75 * ((gold == pred) & (gold != unrelated)).sum()
    best = 0.25 * len(gold) + 0.75 * (gold != unrelated).sum()
    return float(score / best)


def balanced_indices(gold: np.ndarray, per_class: int = 200, seed: int = 13) -> np.ndarray:
    rng = np.random.default_rng(seed)
    picks = [
        np.sort(rng.choice(np.flatnonzero(gold == c), per_class, replace=False))
        for c in range(len(DOC_LABELS))
    ]
    return np.concatenate(picks)


def report(name: str, gold: np.ndarray, pred: np.ndarray) -> float:
    f1, rows = macro_f1(gold, pred)
    print(f"\n{name}: macro-F1 {f1:.4f}, FNC score {100 * fnc_score(gold, pred):.1f}%")
    print("| class | precision | recall | F1 | support |\n|---|---:|---:|---:|---:|")
    for label, (p, r, f, n) in zip(DOC_LABELS, rows, strict=True):
        print(f"| {label} | {p:.3f} | {r:.3f} | {f:.3f} | {n} |")
    return f1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--out", type=Path, default=Path("service/classify/models/stance.json"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    pairs, split = load(args.data_dir)
    x = feature_matrix(pairs, split)
    y = np.array([DOC_LABELS.index(p[2]) for p in pairs])
    bodies = sorted(split)
    fold_of = {bid: i % args.folds for i, bid in enumerate(bodies)}
    group = np.array([fold_of[p[1]] for p in pairs])
    results = {}
    for c in (0.1, 1.0):
        pred = np.zeros(len(y), dtype=int)
        for k in range(args.folds):
            w, b = fit(x[group != k], y[group != k], c)
            pred[group == k] = np.argmax(x[group == k] @ w.T + b, axis=1)
        results[c] = pred
        print(f"C {c}: CV macro-F1 {macro_f1(y, pred)[0]:.4f}", flush=True)
    c = max(results, key=lambda key: macro_f1(y, results[key])[0])
    full = report(
        f"FNC-1 train, {len(y)} pairs, {args.folds}-fold CV by body, C {c}", y, results[c]
    )
    sample = balanced_indices(y)
    balanced = report(
        "class-balanced sample (200 per class, seed 13)", y[sample], results[c][sample]
    )
    if not args.no_write:
        w, b = fit(x, y, c)
        write(args.out, w, b, c, full, balanced, len(y))
        print(f"wrote {args.out}")
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


def write(
    out: Path, w: np.ndarray, b: np.ndarray, c: float, full: float, balanced: float, n: int
) -> None:
    model = {
        "model": "multinomial logistic regression over document_features (full MiniLM)",
        "labels": DOC_LABELS,
        "features": FEATURE_NAMES,
        "weights": [[round(float(v), 6) for v in row] for row in w],
        "bias": [round(float(v), 6) for v in b],
        "training": {
            "data": "FNC-1 train split (train_stances.csv + train_bodies.csv)",
            "pairs": n,
            "C": c,
            "class_weight": "balanced",
            "cv": "5 folds grouped by body",
            "cv_macro_f1": round(full, 4),
            "cv_macro_f1_balanced_sample": round(balanced, 4),
            "rebuild": "python -m tools.train.stance .data/fnc1",
        },
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
