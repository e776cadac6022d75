#!/usr/bin/env python3
"""Check-worthiness on the CLEF-2019 CheckThat! Task 1 training debates: MAP and F1.

    python -m tools.quality.eval_checkworthiness .data/clef2019 \
        [--threshold T] [--cache F] [--layers 1]

DATA_DIR holds the training debates as exported from telsayed/clef2019-factchecking-task1
(``data/training/*.tsv``: line number, speaker, sentence, label 0/1). Never point it at
the test debates. Every sentence is scored by ``service.classify.checkworthiness`` with the
shipped hand-set weights (nothing is fitted here); sentences are embedded once with MiniLM
(``--cache`` keeps those vectors in an .npz so a re-run skips the model).

Prints average precision per debate, MAP over debates (the CLEF measure; the issue asks
for ≥ 0.15), and precision/recall/F1 of the positive class at ``--threshold`` over all
sentences pooled."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

import numpy as np

from service.classify.cache import EmbeddingCache
from service.classify.checkworthiness import THRESHOLD, CheckWorthiness

Debate = tuple[str, list[str], np.ndarray]


def load_debates(data_dir: Path) -> list[Debate]:
    debates = []
    for path in sorted(data_dir.glob("*.tsv")):
        texts, gold = [], []
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 4:
                texts.append(parts[2])
                gold.append(int(parts[3]))
        debates.append((path.stem, texts, np.array(gold, dtype=np.int64)))
    if not debates:
        raise SystemExit(f"no .tsv debates in {data_dir}")
    return debates


def average_precision(scores: np.ndarray, gold: np.ndarray) -> float:
    order = np.argsort(-scores, kind="stable")
    hits = gold[order]
    if hits.sum() == 0:
        return 0.0
    precision = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float((precision * hits).sum() / hits.sum())


def embed(texts: list[str], cache_file: Path | None, layers: int = 0) -> dict[str, np.ndarray]:
    unique = sorted(set(texts))
    if cache_file is not None and cache_file.is_file():
        stored = np.load(cache_file, allow_pickle=False)
        if list(stored["texts"]) == unique:
            return dict(zip(unique, stored["vectors"], strict=True))
    vectors = _embedder(layers).encode(unique)
    if cache_file is not None:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        np.savez(cache_file, texts=np.array(unique), vectors=vectors)
    return dict(zip(unique, vectors, strict=True))


def _embedder(layers: int) -> Any:
    """MiniLM, or with ``layers`` its first layers: the service's fast tier, which is what
    scores check-worthiness by default (FAST_ENCODER_LAYERS)."""
    from service.nlp.embeddings import SentenceEmbedder

    model = SentenceEmbedder()
    return model.shallow(layers) if layers else model


class _NoModel:
    """The prototype sentences are embedded by the real model only when needed."""

    dim = 384

    def __init__(self) -> None:
        self._model: Any = None

    def encode(self, texts: list[str]) -> np.ndarray:
        if self._model is None:
            self._model = _embedder(0)
        return np.asarray(self._model.encode(texts))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--threshold", type=float, default=THRESHOLD)
    ap.add_argument("--cache", type=Path, default=None, help="an .npz of sentence vectors")
    ap.add_argument(
        "--layers", type=int, default=0, help="score with MiniLM's first N layers (the fast tier)"
    )
    args = ap.parse_args(argv)
    debates = load_debates(args.data_dir)
    started = time.perf_counter()
    vectors = embed([t for _, texts, _ in debates for t in texts], args.cache, args.layers)
    # the fast tier carries its margin calibration, which the scorer reads from the encoder
    prototypes = _embedder(args.layers) if args.layers else _NoModel()
    scorer = CheckWorthiness(EmbeddingCache(prototypes))
    print("| debate | sentences | positives | AP |\n|---|---:|---:|---:|")
    aps, pooled, gold_all = [], [], []
    for name, texts, gold in debates:
        scores = scorer.score(texts, np.stack([vectors[t] for t in texts]))
        aps.append(average_precision(scores, gold))
        pooled.append(scores)
        gold_all.append(gold)
        print(f"| {name} | {len(texts)} | {int(gold.sum())} | {aps[-1]:.4f} |")
    print(
        f"| **MAP (mean over {len(aps)} debates)** | {sum(len(t) for _, t, _ in debates)} "
        f"| {int(sum(g.sum() for g in gold_all))} | **{np.mean(aps):.4f}** |"
    )
    print_f1(np.concatenate(pooled), np.concatenate(gold_all), args.threshold)
    print(f"\n({time.perf_counter() - started:.1f} s)")
    return 0


def print_f1(scores: np.ndarray, gold: np.ndarray, threshold: float) -> None:
    predicted = scores >= threshold
    tp = int((predicted & (gold == 1)).sum())
    precision = tp / max(1, int(predicted.sum()))
    recall = tp / max(1, int(gold.sum()))
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    print(
        f"\nPositive class at threshold {threshold}: predicted {int(predicted.sum())}, "
        f"precision {precision:.4f}, recall {recall:.4f}, F1 {f1:.4f}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
