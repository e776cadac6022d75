"""Confidence calibration and attribution cost, from /extract responses and their gold.

- ``precision_at``: for attributed predicted claims with confidence ≥ t, the share that
  overlap a gold claim (≥ half their span) and, of those, the share whose speaker is right
  (the scorer's rule). Confidence is useful when both rise with t.
- ``attribution_cost``: the pipeline's own timings (meta.timings_ms) summed over the
  documents: parse time, attribution (extract) time and their ratio.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

THRESHOLDS = (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9)


def _speaker_right(scorer: ModuleType, pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    name, mention = scorer.speaker_of(pred)
    if gold.get("speaker_start") is not None and isinstance(mention.get("start"), int):
        span = {"start": gold["speaker_start"], "end": gold["speaker_end"]}
        return bool(scorer.overlap(mention, span) > 0)
    return bool(scorer.same_speaker(name, gold.get("speaker") or ""))


def _judged(golds: list[dict], preds: list[dict], scorer: ModuleType) -> list[tuple]:
    rows = []
    for gold, pred in zip(golds, preds, strict=False):
        gclaims = gold.get("claims") or []
        for claim in pred.get("claims") or []:
            if not claim.get("speaker"):
                continue
            length = max(1, claim["end"] - claim["start"])
            hits = [g for g in gclaims if scorer.overlap(claim, g) / length >= 0.5]
            best = max(hits, key=lambda g: scorer.overlap(claim, g)) if hits else None
            right = best is not None and _speaker_right(scorer, claim, best)
            rows.append((claim.get("confidence") or 0.0, best is not None, right))
    return rows


def precision_at(
    golds: list[dict], preds: list[dict], scorer: ModuleType
) -> list[tuple[float, int, float, float]]:
    """(threshold, n claims kept, claim precision, speaker precision on matched)."""
    rows = _judged(golds, preds, scorer)
    table = []
    for t in THRESHOLDS:
        kept = [r for r in rows if r[0] >= t]
        matched = [r for r in kept if r[1]]
        table.append(
            (
                t,
                len(kept),
                len(matched) / len(kept) if kept else 0.0,
                sum(r[2] for r in matched) / len(matched) if matched else 0.0,
            )
        )
    return table


def attribution_cost(preds: list[dict]) -> dict[str, float]:
    parse = sum(p.get("meta", {}).get("timings_ms", {}).get("parse_ms", 0.0) for p in preds)
    extract = sum(p.get("meta", {}).get("timings_ms", {}).get("extract_ms", 0.0) for p in preds)
    return {
        "parse_ms": round(parse, 1),
        "attribution_ms": round(extract, 1),
        "attribution_over_parse": round(extract / parse, 3) if parse else 0.0,
    }


def print_calibration(golds: list[dict], preds: list[dict], scorer: ModuleType) -> None:
    print("\nconfidence ≥ t   claims   claim precision   speaker precision")
    for t, n, claim_p, speaker_p in precision_at(golds, preds, scorer):
        print(f"  {t:>4.1f}          {n:>6}   {claim_p:>15.3f}   {speaker_p:>17.3f}")
    cost = attribution_cost(preds)
    print(
        f"\nparse {cost['parse_ms']} ms, attribution {cost['attribution_ms']} ms "
        f"(attribution / parse = {cost['attribution_over_parse']})"
    )
