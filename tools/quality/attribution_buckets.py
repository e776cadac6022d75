#!/usr/bin/env python3
"""Error buckets of an attribution eval: why each gold claim is lost.

    python -m tools.quality.attribution_buckets .data/eval/polnear-dev [--show BUCKET] [--n 30]

Reads ``PREFIX-gold.jsonl`` and ``PREFIX-responses.jsonl`` as written by
tools/quality/eval_attribution.py and sorts every gold claim into one bucket:

- ``ok``: found with the right speaker (as score_claims.py judges it);
- ``not_found``: predicted claims cover less than half of it;
- ``unattributed``: its largest-overlap prediction is a reporter sentence (no speaker);
- ``spurious_speaker``: the gold claim has no source but we name one;
- ``wrong_speaker``: we name a speaker whose mention misses the gold source span,
  split by how the two spans relate (nested, pronoun, same sentence, elsewhere).

Prints the counts, the most frequent gold cues per bucket, and with ``--show`` examples.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path


def load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "his", "her", "their"}


def wrong_kind(text: str, gold: dict, mention: dict) -> str:
    g = (gold["speaker_start"], gold["speaker_end"])
    m = (mention["start"], mention["end"])
    mtext = text[m[0] : m[1]].lower()
    gtext = text[g[0] : g[1]].lower()
    if mtext in PRONOUNS:
        return "wrong:pred_pronoun"
    if gtext in PRONOUNS:
        return "wrong:gold_pronoun"
    if abs(m[0] - g[0]) < 200:
        return "wrong:near"
    return "wrong:far"


def bucket(text: str, gc: dict, pclaims: list[dict]) -> tuple[str, dict | None]:
    span = (gc["start"], gc["end"])
    ov = [(overlap(span, (p["start"], p["end"])), p) for p in pclaims]
    ov = [(o, p) for o, p in ov if o > 0]
    if sum(o for o, _ in ov) / max(1, span[1] - span[0]) < 0.5:
        return "not_found", None
    best = max(ov, key=lambda x: x[0])[1]
    sp = best.get("speaker")
    gold_sp = gc.get("speaker") or ""
    if not sp:
        return ("ok" if not gold_sp else "unattributed"), best
    if not gold_sp:
        return "spurious_speaker", best
    mention = sp.get("mention") or {}
    if gc.get("speaker_start") is not None and isinstance(mention.get("start"), int):
        if overlap((mention["start"], mention["end"]), (gc["speaker_start"], gc["speaker_end"])):
            return "ok", best
        return wrong_kind(text, gc, mention), best
    return "wrong:nospan", best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("prefix", help="e.g. .data/eval/polnear-dev")
    ap.add_argument("--show", default=None, help="print examples of this bucket")
    ap.add_argument("--n", type=int, default=30)
    a = ap.parse_args()
    golds = load(Path(f"{a.prefix}-gold.jsonl"))
    preds = {str(p["id"]): p for p in load(Path(f"{a.prefix}-responses.jsonl"))}
    counts: Counter[str] = Counter()
    cues: dict[str, Counter[str]] = defaultdict(Counter)
    shown = 0
    for g in golds:
        text = g["text"]
        pclaims = [c for c in preds.get(str(g["id"]), {}).get("claims", []) if "start" in c]
        for gc in g["claims"]:
            name, best = bucket(text, gc, pclaims)
            counts[name] += 1
            cues[name][(gc.get("cue") or "-").lower()] += 1
            if a.show and name.startswith(a.show) and shown < a.n:
                shown += 1
                sp = (best or {}).get("speaker") or {}
                mention = (sp.get("mention") or {}).get("text")
                print(
                    f"[{g['id'][:40]}] {name}\n  gold: {gc['text'][:160]!r}\n"
                    f"  source={gc.get('speaker')!r} cue={gc.get('cue')!r}\n"
                    f"  pred: {(best or {}).get('text', '')[:160]!r} -> {mention!r}"
                )
    total = sum(counts.values())
    print(f"\n{total} gold claims")
    for name, n in counts.most_common():
        top = ", ".join(f"{c}:{k}" for c, k in cues[name].most_common(12))
        print(f"{name:<20} {n:5d} {n / total:6.1%}   {top}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
