"""Train the speaker resolver's mention ranker (service/extract/resolution/weights.json).

Data (converted by tools.data.coref_gap / tools.data.coref_gum, see models/manifest.json):
GAP development + validation (Apache-2.0) and GUM news, interview, academic and court
documents (texts CC BY 2.5 / CC BY 4.0, annotations CC BY 4.0). Each text is parsed with the
service's spaCy model, the document entity model is built exactly as at run time, and every
pronoun or description target becomes one group of (features, is-antecedent) rows over its
candidate entities. Two logistic models (pronoun, description) are fitted by gradient descent
with an L2 penalty on 80% of the documents, measured (ranking accuracy) on the other 20%,
then refitted on all. A given-name lexicon (P(male) per given name) is counted from the
same data: names the gold links to "he" or "she". At run time the larger lexicon of
service/extract/resolution/given_names.json (``python -m tools.train.given_names``: GAP,
GUM and LitBank) extends and overrides it.

LitBank (tools.data.coref_litbank: fiction, CC BY 4.0) adds the speaker pronouns of quotations
(``"...," she said``) that GAP and GUM hold few of. Each input file is a source named by its file
stem; ``--weight STEM=W`` weighs its groups (fiction should not outvote news), ``--speech-only
STEM`` keeps only its targets flagged ``speech``.

Usage: python -m tools.train.train_resolver GAP.jsonl GUM.jsonl [LITBANK.jsonl ...]
       [--weight litbank=0.5] [--speech-only litbank] [--out weights.json]
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import spacy
from spacy.tokens import DocBin

from service.config import Settings
from service.extract.quotes import find_quotes
from service.extract.resolution import ranker
from service.extract.resolution.entities import DocumentEntities
from service.extract.resolution.features import PRONOUN_GENDER
from service.extract.resolution.resolve import (
    candidates_for,
    description_target,
    pronoun_target,
    rows_for,
)

GUM_TYPES = {"person", "organization", "place"}
SEED = 13
L2 = 0.001


def in_quote_for(text: str) -> Any:
    quotes = find_quotes(text)
    return lambda p: any(q.open_at < p < q.outer_end for q in quotes)


def given_names(records: list[dict]) -> dict[str, float]:
    """P(male) of each given name that gold links to a gendered pronoun at least twice."""
    counts: dict[str, Counter[str]] = {}
    for rec in records:
        text = rec["text"]
        for t in rec["targets"]:
            gender = PRONOUN_GENDER.get(text[t["start"] : t["end"]].lower())
            if t["kind"] != "pronoun" or gender not in {"m", "f"}:
                continue
            for s, e in t["gold"]:
                words = text[s:e].split()
                if len(words) >= 2 and words[0][:1].isupper() and words[0].isalpha():
                    counts.setdefault(words[0].lower(), Counter())[gender] += 1
    return {
        name: round(c["m"] / (c["m"] + c["f"]), 3)
        for name, c in sorted(counts.items())
        if c["m"] + c["f"] >= 2
    }


def parsed(records: list[dict], nlp: Any, cache: Path | None = None) -> list[Any]:
    """The parsed texts, from ``cache`` (a spaCy DocBin) when it holds them all."""
    if cache is not None and cache.exists():
        docs = list(DocBin().from_bytes(cache.read_bytes()).get_docs(nlp.vocab))
        if [d.text for d in docs] == [r["text"] for r in records]:
            return docs
    docs = list(nlp.pipe([r["text"] for r in records], batch_size=32))
    if cache is not None:
        bin_ = DocBin()
        for d in docs:
            bin_.add(d)
        cache.write_bytes(bin_.to_bytes())
    return docs


def groups(
    records: list[dict], nlp: Any, names: dict[str, float], cache: Path | None = None
) -> list[dict]:
    """One group per target whose candidates hold the gold antecedent."""
    out = []
    for rec, doc in zip(records, parsed(records, nlp, cache), strict=True):
        in_quote = in_quote_for(rec["text"])
        ents = DocumentEntities(rec["text"], [(doc, 0)], in_quote, names)
        for t in rec["targets"]:
            if t.get("type", "person") not in GUM_TYPES or not t["gold"]:
                continue
            span = doc.char_span(t["start"], t["end"], alignment_mode="expand")
            if span is None:
                continue
            if t["kind"] == "pronoun":
                target = pronoun_target(span.root, 0, in_quote)
            else:
                target = description_target(span.root, 0, (t["start"], t["end"]), in_quote)
            cands = candidates_for(ents, target)
            labels = [
                int(any(m.start < e and s < m.end for m in c.mentions for s, e in t["gold"]))
                for c in cands
            ]
            if not any(labels):
                continue
            rows = rows_for(t["kind"], ents, target, cands)
            out.append(
                {
                    "doc": rec["id"],
                    "kind": t["kind"],
                    "rows": rows,
                    "labels": labels,
                    "source": rec.get("source", ""),
                    "speech": target.speech,
                    "weight": rec.get("weight", 1.0) if t.get("weight") is None else t["weight"],
                }
            )
    return out


def read(path: Path, speech_only: bool) -> list[dict]:
    records = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]
    if speech_only:
        for r in records:
            r["targets"] = [t for t in r["targets"] if t.get("speech")]
    return records


def fit(gs: list[dict], n_features: int, steps: int = 30) -> tuple[np.ndarray, float]:
    """L2-penalised logistic regression by Newton's method (positives weighted to balance
    the many negative candidates of each group)."""
    x = np.array([r for g in gs for r in g["rows"]], dtype=np.float64)
    x = np.hstack([x, np.ones((len(x), 1))])
    y = np.array([lab for g in gs for lab in g["labels"]], dtype=np.float64)
    source = np.array([g.get("weight", 1.0) for g in gs for _ in g["labels"]], dtype=np.float64)
    pos = max(1.0, y.sum())
    weight = np.where(y > 0, (len(y) - pos) / pos, 1.0) * source
    weight /= weight.mean()
    penalty = np.full(n_features + 1, L2 * len(y))
    penalty[-1] = 0.0  # no penalty on the bias
    w = np.zeros(n_features + 1)
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (weight * (p - y)) + penalty * w
        hess = (x * (weight * p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def ranking_accuracy(gs: list[dict], model: ranker.Model) -> float:
    right = 0
    for g in gs:
        scores = [model.probability(r) for r in g["rows"]]
        right += g["labels"][int(np.argmax(scores))] == 1
    return right / max(1, len(gs))


def train_kind(gs: list[dict], kind: str, threshold: float) -> tuple[dict, dict]:
    names = ranker.FEATURES[kind]
    docs = sorted({g["doc"] for g in gs})
    random.Random(SEED).shuffle(docs)
    held = set(docs[: len(docs) // 5])
    train = [g for g in gs if g["doc"] not in held]
    test = [g for g in gs if g["doc"] in held]
    w, b = fit(train, len(names))
    held_model = ranker.Model(tuple(names), tuple(w), b, threshold)
    w, b = fit(gs, len(names))
    model = ranker.Model(tuple(names), tuple(float(v) for v in w), b, threshold)
    report: dict[str, Any] = {
        "groups": len(gs),
        "held_out_groups": len(test),
        "held_out_ranking_accuracy": round(ranking_accuracy(test, held_model), 4),
        "train_ranking_accuracy": round(ranking_accuracy(gs, model), 4),
    }
    for source in sorted({g["source"] for g in gs}):
        mine = [g for g in gs if g["source"] == source]
        report[f"groups_{source}"] = [len(mine), sum(g["speech"] for g in mine)]
        for name, sub in (
            (source, [g for g in test if g["source"] == source]),
            (f"{source}_speech", [g for g in test if g["source"] == source and g["speech"]]),
        ):
            if sub:
                report[f"held_out_{name}"] = [len(sub), round(ranking_accuracy(sub, held_model), 4)]
    check = [g["rows"][0] for g in gs[:: max(1, len(gs) // 20)]]
    entry = {
        "features": names,
        "weights": [round(float(v), 6) for v in w],
        "bias": round(b, 6),
        "threshold": threshold,
        "report": report,
        "check": [{"row": r, "p": model.probability(r)} for r in check],
    }
    return entry, report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="+", help="converted JSONL files (GAP, GUM, LitBank)")
    ap.add_argument("--weight", action="append", default=[], help="STEM=W: weigh a source")
    ap.add_argument("--speech-only", action="append", default=[], help="STEM: speech targets")
    ap.add_argument(
        "--speech-weight",
        action="append",
        default=[],
        help="STEM=W: weigh a source's targets flagged speech (default: the source's weight)",
    )
    ap.add_argument("--out", default=str(ranker.WEIGHTS))
    ap.add_argument("--pronoun-threshold", type=float, default=0.1)
    ap.add_argument("--description-threshold", type=float, default=0.2)
    ap.add_argument("--cache", help="a folder to keep the parsed texts in between runs")
    a = ap.parse_args(argv)
    weights = {k: float(v) for k, v in (w.split("=", 1) for w in a.weight)}
    speech_weights = {k: float(v) for k, v in (w.split("=", 1) for w in a.speech_weight)}
    nlp = spacy.load(Settings.from_env().spacy_model)
    gs: list[dict] = []
    per_source = [(Path(p).stem, read(Path(p), Path(p).stem in a.speech_only)) for p in a.inputs]
    names = given_names([r for _s, recs in per_source for r in recs])
    # the run-time lexicon: the names learned here, extended and overridden by the file's
    lexicon = dict(names)
    if ranker.GIVEN_NAMES.exists():
        data = json.loads(ranker.GIVEN_NAMES.read_text(encoding="utf-8"))
        lexicon.update({k: float(v) for k, v in data["given_names"].items()})
    for source, recs in per_source:
        for r in recs:
            r["source"], r["weight"] = source, weights.get(source, 1.0)
            for t in r["targets"]:
                t["weight"] = speech_weights.get(source, r["weight"]) if t.get("speech") else None
        cache = Path(a.cache) / f"{source}.spacy" if a.cache else None
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
        gs += groups(recs, nlp, lexicon, cache)
    # round weights as stored, so that the check rows score exactly as when loaded
    data: dict[str, Any] = {"given_names": names}
    for kind, threshold in (
        ("pronoun", a.pronoun_threshold),
        ("description", a.description_threshold),
    ):
        entry, report = train_kind([g for g in gs if g["kind"] == kind], kind, threshold)
        stored = ranker.Model(
            tuple(entry["features"]), tuple(entry["weights"]), entry["bias"], threshold
        )
        for c in entry["check"]:
            c["p"] = round(stored.probability(c["row"]), 9)
        data[kind] = entry
        print(kind, json.dumps(report))
    Path(a.out).write_text(json.dumps(data, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {a.out}: {len(names)} given names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
