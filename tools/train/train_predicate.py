#!/usr/bin/env python3
"""Fit the predicate-attribution scorer (service/extract/predicate.py) on PolNeAR train.

    python -m tools.train.train_predicate .data/polnear [--split train] [--check dev] [--write]

Parses the compartment once (cached as a DocBin under .data/cache/, git-ignored; the
DocBin keeps no doc.tensor, so the tok2vec rows go to a sibling .tensor.npz), runs
the engine without predicate candidates, and collects every (verb, subject) candidate
whose cue and content lie outside the claims the other detectors found (and whose verb
cues no quote). A candidate is
positive when a gold claim overlaps its content and the gold source span overlaps its
subject's noun phrase. Two logistic regressions are fitted: one over the sparse features
alone (lemmas seen fewer than --min-count times dropped; --C, --threshold), the fallback
for docs without a usable tensor, and one over the sparse features plus the doc.tensor
rows of --parts (standardised and scaled by --alpha, so that one --dense-C regularises
them harder than the binary features; --dense-threshold). Both report 5-fold
cross-validated average precision on the training compartment; --check reports
precision/recall on another compartment. --write stores both in
service/extract/predicate_weights.json (the combined one under "dense", with the
standardisation folded into its bias and vectors, and the spaCy model, version and
tensor width): numbers and feature names only, never PolNeAR text.

Fitted with: --C 0.3 --threshold 0.30 --parts verb,subject,object,sentence --alpha 0.05
--dense-C 0.5 --dense-threshold 0.28 (the defaults). The dense threshold is chosen end to
end (tools/quality/eval_attribution.py), not by the candidate precision printed here: on PolNeAR
dev 0.32 / 0.30 / 0.28 / 0.25 give speaker accuracy 0.7955 / 0.7982 / 0.8039 / 0.8063,
end-to-end 0.7345 / 0.7381 / 0.7445 / 0.7482, claim F1 0.8815 / 0.8782 / 0.8761 /
0.8724; 0.25 would let an invented plain action ("Mayor X opened the Y bridge on
Tuesday.", 0.26) through.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from service.config import Settings
from service.extract import predicate
from service.extract.chunks import split_chunks
from service.extract.engine import analyse
from service.extract.offsets import clean_text
from service.extract.syntax import char_range, np_span
from tools.data.polnear import load_split

REPO = Path(__file__).resolve().parents[2]


def parsed(data_dir: str, split: str) -> list[tuple[dict, str, list[tuple]]]:
    """(gold doc, cleaned text, chunks) with spaCy parses cached on disk."""
    from spacy.tokens import DocBin

    from service.nlp.spacy_backend import SpacyParser

    settings = Settings()
    docs = load_split(data_dir, split)
    texts = [clean_text(d["text"]) for d in docs]
    plans = [split_chunks(t, settings.chunk_chars) for t in texts]
    flat = [t[s:e] for t, plan in zip(texts, plans, strict=True) for s, e in plan]
    cache = REPO / ".data" / "cache" / f"polnear-{split}.spacy"
    # the DocBin keeps no doc.tensor: the tok2vec rows go to a sibling .npz
    tensors = cache.with_suffix(".tensor.npz")
    parser = SpacyParser(settings.spacy_model)
    if cache.is_file() and tensors.is_file():
        parses = list(DocBin().from_disk(cache).get_docs(parser.vocab))
        with np.load(tensors) as z:
            rows, lengths = z["rows"], z["lengths"]
        bounds = np.concatenate([[0], np.cumsum(lengths)])
        for i, doc in enumerate(parses):
            assert len(doc) == lengths[i], "tensor cache out of step with the parse cache"
            doc.tensor = rows[bounds[i] : bounds[i + 1]].astype(np.float32)
    else:
        parses = list(parser.pipe(flat))
        cache.parent.mkdir(parents=True, exist_ok=True)
        if not cache.is_file():
            DocBin(docs=parses).to_disk(cache)
        np.savez(
            tensors,
            rows=np.concatenate([d.tensor for d in parses]).astype(np.float16),
            lengths=np.array([len(d) for d in parses]),
        )
    it = iter(parses)
    return [
        (d, t, [(next(it), s) for s, _ in plan])
        for d, t, plan in zip(docs, texts, plans, strict=True)
    ]


def examples(data_dir: str, split: str) -> list[tuple[list[str], np.ndarray, int]]:
    rows = []
    for gold, text, chunks in parsed(data_dir, split):
        analysis = analyse(text, chunks, predicates=False)
        covered = [(a.candidate.start, a.candidate.end) for a in analysis.claims]
        quote_cues = {
            a.candidate.cue[0]
            for a in analysis.claims
            if a.candidate.cue and a.candidate.type == "direct"
        }
        golds = [g for g in gold["claims"] if g.get("speaker_start") is not None]
        for doc, base in chunks:
            for sent in doc.sents:
                for verb, subject, (s, e) in predicate.sentence_candidates(sent):
                    cs, ce, cue = base + s, base + e, base + verb.idx
                    if cue in quote_cues or any(
                        a <= cue < b or min(b, ce) > max(a, cs) for a, b in covered
                    ):
                        continue
                    ms, me = (base + x for x in char_range(doc, *np_span(subject)))
                    label = any(
                        min(ce, g["end"]) > max(cs, g["start"])
                        and min(me, g["speaker_end"]) > max(ms, g["speaker_start"])
                        for g in golds
                    )
                    rows.append(
                        (
                            predicate.features(verb, subject),
                            predicate.dense_input(verb, subject),
                            int(label),
                        )
                    )
    return rows


def vectorise(rows: list, vocab: dict[str, int]) -> tuple:
    from scipy.sparse import csr_matrix

    data, ind, ptr, ys = [], [], [0], []
    for feats, _, y in rows:
        cols = sorted({vocab[f] for f in feats if f in vocab})
        ind.extend(cols)
        data.extend([1.0] * len(cols))
        ptr.append(len(ind))
        ys.append(y)
    return csr_matrix((data, ind, ptr), shape=(len(rows), len(vocab))), ys


def report(name: str, probs: list[float], ys: list[int], thresholds: list[float]) -> None:
    from sklearn.metrics import average_precision_score

    pos = sum(ys)
    ap = average_precision_score(ys, probs)
    print(f"{name}: {len(ys)} candidates, {pos} positive, average precision {ap:.3f}")
    for t in thresholds:
        tp = sum(1 for p, y in zip(probs, ys, strict=True) if p >= t and y)
        n = sum(1 for p in probs if p >= t)
        print(f"  t={t:.2f}  kept {n:5d}  precision {tp / max(1, n):.3f}  recall {tp / pos:.3f}")


def dense_block(rows: list, parts: tuple[str, ...]) -> np.ndarray:
    """The chosen parts' columns of each row's raw tensor input."""
    width = len(rows[0][1]) // len(predicate.DENSE_PARTS)
    cols = [
        c
        for p in parts
        for c in range(
            predicate.DENSE_PARTS.index(p) * width, (predicate.DENSE_PARTS.index(p) + 1) * width
        )
    ]
    return np.stack([r[1] for r in rows])[:, cols].astype(np.float64)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data_dir")
    ap.add_argument("--split", default="train", choices=["train"])
    ap.add_argument("--check", default=None, choices=["dev"])
    ap.add_argument("--min-count", type=int, default=8)
    ap.add_argument("--C", type=float, default=0.3)
    ap.add_argument("--threshold", type=float, default=0.3)
    ap.add_argument("--parts", default="verb,subject,object,sentence")
    ap.add_argument("--alpha", type=float, default=0.05)
    ap.add_argument("--dense-C", type=float, default=0.5)
    ap.add_argument("--dense-threshold", type=float, default=0.28)
    ap.add_argument("--write", action="store_true")
    a = ap.parse_args()
    import spacy
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    rows = examples(a.data_dir, a.split)
    check = examples(a.data_dir, a.check) if a.check else []
    counts = Counter(f for feats, _, _ in rows for f in set(feats))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= a.min_count))}
    x, y = vectorise(rows, vocab)
    xc, yc = vectorise(check, vocab) if check else (None, [])
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    thresholds = sorted({0.2, 0.25, 0.3, 0.35, 0.4, 0.5, a.threshold, a.dense_threshold})

    def fit(name: str, xt: Any, xv: Any, c: float, t: float) -> Any:
        cv = cross_val_predict(
            LogisticRegression(C=c, max_iter=3000), xt, y, cv=folds, method="predict_proba"
        )
        cv_thresholds = sorted({t, 0.25, 0.28, 0.3, 0.32, 0.34})
        report(f"{name}: {a.split} (5-fold cross-validated)", list(cv[:, 1]), y, cv_thresholds)
        clf = LogisticRegression(C=c, max_iter=3000).fit(xt, y)
        if xv is not None:
            report(f"{name}: {a.check}", list(clf.predict_proba(xv)[:, 1]), yc, thresholds)
        return clf

    def sparse_weights(coef: Any) -> dict[str, float]:
        weights = {f: round(float(coef[i]), 3) for f, i in vocab.items()}
        return {f: w for f, w in sorted(weights.items()) if abs(w) >= 0.02}

    clf = fit("sparse", x, xc, a.C, a.threshold)
    weights = sparse_weights(clf.coef_[0])
    top = sorted(weights.items(), key=lambda kv: -abs(kv[1]))[:25]
    print("top weights:", ", ".join(f"{f}:{w}" for f, w in top))
    print(f"{len(weights)} weights kept")
    out: dict[str, Any] = {
        "source": f"tools/train/train_predicate.py on PolNeAR {a.split} (C={a.C}, "
        f"min-count={a.min_count}); sparse only, the fallback without a usable doc.tensor",
        "bias": round(float(clf.intercept_[0]), 3),
        "threshold": a.threshold,
        "weights": weights,
    }
    parts = tuple(p for p in a.parts.split(",") if p)
    if parts:
        # standardised tensor columns, scaled by alpha so that one C regularises them
        # harder than the binary sparse features; the scaling is folded back below
        d = dense_block(rows, parts)
        mu, sd = d.mean(0), d.std(0) + 1e-6
        scale = a.alpha / sd
        xd = hstack([x, csr_matrix((d - mu) * scale)]).tocsr()
        xdc = None
        if check:
            xdc = hstack([xc, csr_matrix((dense_block(check, parts) - mu) * scale)]).tocsr()
        dclf = fit("sparse+tensor", xd, xdc, a.dense_C, a.dense_threshold)
        coef = dclf.coef_[0]
        dw = coef[len(vocab) :] * scale
        width = len(dw) // len(parts)
        nlp = spacy.load(Settings().spacy_model)
        out["dense"] = {
            "source": f"tools/train/train_predicate.py on PolNeAR {a.split} (C={a.dense_C}, "
            f"alpha={a.alpha}, parts={a.parts}, min-count={a.min_count})",
            "spacy_model": Settings().spacy_model,
            "spacy_version": str(nlp.meta.get("version")),
            "width": width,
            "static_vectors": int(nlp.vocab.vectors.shape[1]),
            "parts": list(parts),
            "bias": round(float(dclf.intercept_[0] - float(dw @ mu)), 4),
            "threshold": a.dense_threshold,
            "weights": sparse_weights(coef),
            "vectors": {
                p: [round(float(v), 5) for v in dw[k * width : (k + 1) * width]]
                for k, p in enumerate(parts)
            },
        }
    if a.write:
        predicate.WEIGHTS_FILE.write_text(json.dumps(out, indent=0) + "\n", encoding="utf-8")
        print(f"wrote {predicate.WEIGHTS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
