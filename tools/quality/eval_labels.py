#!/usr/bin/env python3
"""Zero-shot label quality on a hand-labelled probe: claim types and topics, per encoder.

    python -m tools.quality.eval_labels tools/quality/data/label_probe.jsonl \
        --model minilm --model minilm:1

PROBE is JSONL, one claim a line: ``{"text", "claim_types": [primary, ...], "topic"}``
(``tools/quality/data/label_probe.jsonl``: 200 invented news claims, 20 per claim type). Each
``--model`` (repeatable; ``minilm`` = the service's default MiniLM, ``minilm:K`` its first K
layers as the fast tier uses them, anything else a sentence-transformers folder) is wrapped
in ``EmbeddingZeroShot`` with an ``EmbeddingCache``
as the classify stage does, and every text is scored against the default claim-type set
(multi-label, the service default) and the topic set (single-label).

Prints per model and label set: top-1 accuracy against the primary gold label, top-1 in
the gold set (claim types), top-3 recall of the primary, macro-F1 of top-1 against the
primary, and a calibration line (raw similarity of gold and other labels before the bias;
for claim types how many labels pass 0.5, for topics the softmax confidence when right and
wrong); a per-claim-type table (recall@1, recall@3, precision@1, how often it is the top-1,
its mean calibrated score, the share of claims scoring ≥ 0.5); the load and encode times
(after one warm-up call); and the top-1 agreement of every model with the first."""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from service.classify.cache import EmbeddingCache
from service.classify.labels import CLAIM_TYPES, TOPICS, default_labels
from service.classify.zero_shot_embedding import EmbeddingZeroShot
from service.domain import LabelSpec
from service.nlp.embeddings import SentenceEmbedder


@dataclass
class Probe:
    text: str
    types: list[str]
    topic: str


@dataclass
class Scored:
    names: list[str]
    scores: np.ndarray  # (claims, labels), calibrated
    raw: np.ndarray  # (claims, labels), similarity before the bias
    gold: list[list[str]]  # per claim, primary first

    @property
    def ranked(self) -> np.ndarray:
        return np.argsort(-self.scores, axis=1, kind="stable")

    @property
    def top1(self) -> list[str]:
        return [self.names[i] for i in self.ranked[:, 0]]


def load_probe(path: Path) -> list[Probe]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [Probe(r["text"], list(r["claim_types"]), str(r["topic"])) for r in rows]


def check_gold(probes: list[Probe], types: list[str], topics: list[str]) -> None:
    unknown = {t for p in probes for t in p.types if t not in types}
    unknown |= {p.topic for p in probes if p.topic not in topics}
    if unknown:
        raise SystemExit(f"gold labels not in the label sets: {sorted(unknown)}")


def make_embedder(model: str) -> Any:
    """``minilm``; ``minilm:K`` (its first K layers, the service's fast tier with its
    calibration: service.nlp.embeddings.ShallowEmbedder); anything else a
    sentence-transformers folder."""
    if model == "minilm":
        return SentenceEmbedder(model="", bf16=None)
    if model.startswith("minilm:"):
        return SentenceEmbedder(model="", bf16=None).shallow(int(model.partition(":")[2]))
    return SentenceEmbedder(model=model, bf16=False)


def macro_f1(pred: list[str], gold: list[str], names: list[str]) -> float:
    f1s = []
    for name in names:
        tp = sum(p == g == name for p, g in zip(pred, gold, strict=True))
        fp = sum(p == name != g for p, g in zip(pred, gold, strict=True))
        fn = sum(g == name != p for p, g in zip(pred, gold, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(f1s))


def summary(s: Scored, in_gold: bool) -> str:
    primary = [g[0] for g in s.gold]
    top1 = s.top1
    top3 = [{s.names[i] for i in row[:3]} for row in s.ranked]
    parts = [f"top-1 {np.mean([p == g for p, g in zip(top1, primary, strict=True)]):.3f}"]
    if in_gold:
        parts.append(
            f"top-1 in gold {np.mean([p in g for p, g in zip(top1, s.gold, strict=True)]):.3f}"
        )
    parts.append(
        f"top-3 recall {np.mean([g in t for g, t in zip(primary, top3, strict=True)]):.3f}"
    )
    parts.append(f"macro-F1 {macro_f1(top1, primary, s.names):.3f}")
    return "  ".join(parts)


def calibration(s: Scored, multi: bool) -> str:
    gold = np.array([[name in g for name in s.names] for g in s.gold])
    line = f"raw s gold {s.raw[gold].mean():.3f} / other {s.raw[~gold].mean():.3f}"
    if multi:
        above = s.scores >= 0.5
        return (
            f"{line}; labels ≥ 0.5 per claim {above.sum(axis=1).mean():.2f}, "
            f"claims with none {(~above.any(axis=1)).mean():.2f}, "
            f"gold ≥ 0.5 {above[gold].mean():.2f}, non-gold ≥ 0.5 {above[~gold].mean():.2f}"
        )
    right = np.array([p == g[0] for p, g in zip(s.top1, s.gold, strict=True)])
    conf = s.scores.max(axis=1)
    return (
        f"{line}; mean top-1 probability {conf.mean():.2f} "
        f"(right {conf[right].mean():.2f}, wrong {conf[~right].mean():.2f})"
    )


def per_label(s: Scored) -> list[str]:
    primary = np.array([g[0] for g in s.gold])
    top1 = np.array(s.top1)
    top3 = s.ranked[:, :3]
    lines = [
        f"    {'label':<24}{'n':>4}{'rec@1':>7}{'rec@3':>7}{'prec@1':>7}"
        f"{'top-1':>6}{'mean':>6}{'≥0.5':>6}"
    ]
    for j, name in enumerate(s.names):
        gold = primary == name
        picked = top1 == name
        rec1 = (gold & picked).sum() / max(1, gold.sum())
        rec3 = (top3[gold] == j).any(axis=1).mean() if gold.any() else 0.0
        prec = (gold & picked).sum() / picked.sum() if picked.any() else float("nan")
        col = s.scores[:, j]
        lines.append(
            f"    {name:<24}{gold.sum():>4}{rec1:>7.2f}{rec3:>7.2f}{prec:>7.2f}"
            f"{picked.sum():>6}{col.mean():>6.2f}{(col >= 0.5).mean():>6.2f}"
        )
    return lines


def evaluate(model: str, probes: list[Probe], sets: dict[str, tuple[LabelSpec, ...]]) -> dict:
    started = time.perf_counter()
    embedder = make_embedder(model)
    embedder.encode(["Warm-up sentence for the encoder."])  # first-call overhead, not timed
    loaded = time.perf_counter()
    vectors = embedder.encode([p.text for p in probes])
    encoded = time.perf_counter()
    zero_shot = EmbeddingZeroShot(embedder, EmbeddingCache(embedder))
    out: dict[str, Scored] = {}
    for key, specs in sets.items():
        multi = key == CLAIM_TYPES
        gold = [p.types if multi else [p.topic] for p in probes]
        scores = zero_shot.classify_vectors(vectors, specs, multi_label=multi)
        raw = zero_shot.raw_scores(vectors, specs)
        out[key] = Scored([spec.name for spec in specs], scores, raw, gold)
    labelled = time.perf_counter()
    print(f"\n== {model} ({embedder.name}, dim {embedder.dim}, bf16 {embedder.bf16})")
    print(
        f"  load {loaded - started:.2f}s  encode {len(probes)} claims "
        f"{(encoded - loaded) * 1000:.0f} ms ({(encoded - loaded) * 1000 / len(probes):.2f} "
        f"ms/claim)  label prototypes + scoring {(labelled - encoded) * 1000:.0f} ms"
    )
    for key, scored in out.items():
        mode = "multi-label" if key == CLAIM_TYPES else "single-label"
        print(f"  {key} ({mode}): {summary(scored, in_gold=key == CLAIM_TYPES)}")
        print(f"    calibration: {calibration(scored, multi=key == CLAIM_TYPES)}")
    print("\n".join(per_label(out[CLAIM_TYPES])))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("probe", type=Path)
    parser.add_argument("--model", action="append", help="minilm, minilm:K or a folder")
    args = parser.parse_args()
    models: list[str] = args.model or ["minilm"]
    probes = load_probe(args.probe)
    sets = {CLAIM_TYPES: default_labels(CLAIM_TYPES), TOPICS: default_labels(TOPICS)}
    check_gold(probes, [s.name for s in sets[CLAIM_TYPES]], [s.name for s in sets[TOPICS]])
    print(f"{len(probes)} probe claims from {args.probe}")
    results = [evaluate(model, probes, sets) for model in models]
    for model, res in zip(models[1:], results[1:], strict=True):
        pairs = {key: zip(results[0][key].top1, res[key].top1, strict=True) for key in sets}
        agree = "  ".join(f"{k} {np.mean([a == b for a, b in p]):.3f}" for k, p in pairs.items())
        print(f"\ntop-1 agreement {models[0]} vs {model}: {agree}")


if __name__ == "__main__":
    main()
