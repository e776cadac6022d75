#!/usr/bin/env python3
"""Fit the predicate-attribution scorer (service/extract/predicate.py) on PolNeAR train.

    python bench/train_predicate.py .data/polnear [--split train] [--check dev] [--write]

Parses the compartment once (cached as a DocBin under .data/cache/, git-ignored), runs
the engine without predicate candidates, and collects every (verb, subject) candidate
whose cue and content lie outside the claims the other detectors found (and whose verb
cues no quote). A candidate is
positive when a gold claim overlaps its content and the gold source span overlaps its
subject's noun phrase. A logistic
regression over the sparse features (lemmas seen fewer than --min-count times dropped)
is fitted; --check reports precision/recall of the threshold on another compartment.
--write stores bias, weights and threshold in service/extract/predicate_weights.json:
numbers and feature names only, never PolNeAR text.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from polnear import load_split  # noqa: E402

from service.config import Settings  # noqa: E402
from service.extract import predicate  # noqa: E402
from service.extract.chunks import split_chunks  # noqa: E402
from service.extract.engine import analyse  # noqa: E402
from service.extract.offsets import clean_text  # noqa: E402
from service.extract.syntax import char_range, np_span  # noqa: E402


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
    parser = SpacyParser(settings.spacy_model)
    if cache.is_file():
        parses = list(DocBin().from_disk(cache).get_docs(parser.vocab))
    else:
        parses = list(parser.pipe(flat))
        cache.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=parses).to_disk(cache)
    it = iter(parses)
    return [
        (d, t, [(next(it), s) for s, _ in plan])
        for d, t, plan in zip(docs, texts, plans, strict=True)
    ]


def examples(data_dir: str, split: str) -> list[tuple[list[str], int]]:
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
                    rows.append((predicate.features(verb, subject), int(label)))
    return rows


def vectorise(rows: list, vocab: dict[str, int]) -> tuple:
    from scipy.sparse import csr_matrix

    data, ind, ptr, ys = [], [], [0], []
    for feats, y in rows:
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data_dir")
    ap.add_argument("--split", default="train", choices=["train"])
    ap.add_argument("--check", default=None, choices=["dev"])
    ap.add_argument("--min-count", type=int, default=8)
    ap.add_argument("--C", type=float, default=0.3)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--write", action="store_true")
    a = ap.parse_args()
    from sklearn.linear_model import LogisticRegression

    rows = examples(a.data_dir, a.split)
    counts = Counter(f for feats, _ in rows for f in set(feats))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= a.min_count))}
    x, y = vectorise(rows, vocab)
    from sklearn.model_selection import cross_val_predict

    cv = cross_val_predict(
        LogisticRegression(C=a.C, max_iter=2000), x, y, cv=5, method="predict_proba"
    )
    report(f"{a.split} (5-fold cross-validated)", list(cv[:, 1]), y, [a.threshold])
    clf = LogisticRegression(C=a.C, max_iter=2000).fit(x, y)
    thresholds = [0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7]
    report(a.split, list(clf.predict_proba(x)[:, 1]), y, thresholds)
    if a.check:
        xc, yc = vectorise(examples(a.data_dir, a.check), vocab)
        report(a.check, list(clf.predict_proba(xc)[:, 1]), yc, thresholds)
    weights = {f: round(float(clf.coef_[0][i]), 3) for f, i in vocab.items()}
    weights = {f: w for f, w in sorted(weights.items()) if abs(w) >= 0.02}
    top = sorted(weights.items(), key=lambda kv: -abs(kv[1]))[:25]
    print("top weights:", ", ".join(f"{f}:{w}" for f, w in top))
    print(f"{len(weights)} weights kept")
    if a.write:
        out = {
            "source": f"bench/train_predicate.py on PolNeAR {a.split} (C={a.C}, "
            f"min-count={a.min_count})",
            "bias": round(float(clf.intercept_[0]), 3),
            "threshold": a.threshold,
            "weights": weights,
        }
        predicate.WEIGHTS_FILE.write_text(json.dumps(out, indent=0) + "\n", encoding="utf-8")
        print(f"wrote {predicate.WEIGHTS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
