#!/usr/bin/env python3
"""Run the claimscope pipeline over a gold set and score it with score_claims.py.

Gold sets: the hand-annotated seed article (``--seed``, the default) or a PolNeAR
compartment (``--polnear DATA_DIR --split dev``; see tools/data/polnear.py).

Steps: write ``<name>-gold.jsonl`` and ``<name>-requests.jsonl`` (``{"id", "text"}``)
into ``--out``, run ``claimscope extract --jsonl REQUESTS -o RESPONSES`` (falling back to
``python -m service.cli``), import the scorer from ``--scorer`` and print its measures.

Usage:
    python -m tools.quality.eval_attribution --seed [--misses] [--json]
    python -m tools.quality.eval_attribution --polnear .data/polnear --split dev [--limit 20]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shlex
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

from tools.data import polnear
from tools.quality.eval_calibration import print_calibration

REPO = Path(__file__).resolve().parents[2]
SHARED_EVAL = REPO.parent / "shared" / "eval"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", action="store_true", help="score the seed article (default)")
    ap.add_argument("--seed-gold", default=str(SHARED_EVAL / "seed-gold.json"))
    ap.add_argument("--seed-text", default=str(SHARED_EVAL / "seed-article.txt"))
    ap.add_argument("--polnear", metavar="DATA_DIR", help="PolNeAR data folder (train/, dev/)")
    ap.add_argument("--split", default="dev", help="PolNeAR split: dev or train")
    ap.add_argument("--limit", type=int, default=None, help="first N documents only")
    ap.add_argument("--out", default=str(REPO / ".data" / "eval"), help="folder for the JSONL")
    ap.add_argument("--scorer", default=str(SHARED_EVAL / "score_claims.py"))
    ap.add_argument("--cli", default=None, help="extract command to use instead of claimscope")
    ap.add_argument("--timeout", type=float, default=3600.0, help="seconds for the extraction")
    ap.add_argument("--misses", action="store_true", help="list misses and false positives")
    ap.add_argument("--json", action="store_true", help="print the result dict as JSON")
    a = ap.parse_args(argv)
    if a.seed and a.polnear:
        ap.error("choose --seed or --polnear, not both")
    return a


def load_seed(gold_path: str, text_path: str) -> list[dict]:
    """The seed gold as one JSONL-style document carrying its text."""
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    text = Path(text_path).read_text(encoding="utf-8")
    doc_id = Path(gold.get("document") or text_path).stem
    return [{"id": doc_id, "text": text, "claims": gold.get("claims") or gold.get("quotes", [])}]


def load_gold(a: argparse.Namespace) -> tuple[str, list[dict]]:
    if a.polnear:
        return f"polnear-{a.split}", polnear.load_split(a.polnear, a.split, a.limit)
    return "seed", load_seed(a.seed_gold, a.seed_text)[: a.limit]


def write_jsonl(rows: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def import_scorer(path: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_claims", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import scorer from {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def extract_command(override: str | None) -> list[str]:
    """The claimscope CLI of the repo's venv, else this interpreter's service.cli."""
    if override:
        return shlex.split(override)
    for exe in (REPO / ".venv" / "bin" / "claimscope", Path(sys.executable).parent / "claimscope"):
        if exe.is_file():
            return [str(exe)]
    return [sys.executable, "-m", "service.cli"]


def run_extract(cmd: list[str], requests: Path, responses: Path, timeout: float) -> float:
    """Run the extraction subprocess; return its wall time in seconds."""
    full = [*cmd, "extract", "--jsonl", str(requests), "-o", str(responses)]
    t0 = time.perf_counter()
    proc = subprocess.run(full, cwd=REPO, capture_output=True, text=True, timeout=timeout)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-2000:] + proc.stderr[-4000:])
        raise SystemExit(f"extraction failed (rc={proc.returncode}): {shlex.join(full)}")
    return elapsed


def match_predictions(golds: list[dict], preds: list[dict]) -> list[dict]:
    """Predictions aligned to gold documents by id, else by order (as the scorer does)."""
    by_id = {str(p["id"]): p for p in preds if isinstance(p, dict) and p.get("id") is not None}
    out = []
    for i, g in enumerate(golds):
        p = by_id.get(str(g["id"])) or (preds[i] if i < len(preds) else {})
        out.append(p if isinstance(p, dict) else {})
    return out


def false_positives(golds: list[dict], preds: list[dict], scorer: ModuleType) -> list[tuple]:
    """Attributed predicted claims overlapping no gold claim: (doc, text, speaker)."""
    rows = []
    for g, p in zip(golds, match_predictions(golds, preds), strict=True):
        gclaims = g.get("claims") or []
        for pc in p.get("claims") or []:
            name = scorer.speaker_of(pc)[0]
            if not name or not isinstance(pc.get("start"), int):
                continue
            if not any(scorer.overlap(pc, gc) > 0 for gc in gclaims):
                rows.append((g["id"], g["text"][pc["start"] : pc["end"]], name))
    return rows


def print_misses(misses: list[tuple], fps: list[tuple]) -> None:
    print(f"# misses ({len(misses)}): gold claim | gold speaker | predicted speaker")
    for key, text, gold_sp, pred_sp in misses:
        found = "NOT FOUND" if pred_sp is None else repr(pred_sp)
        print(f"miss [{key}] {text[:90]!r} | gold={gold_sp!r} | pred={found}")
    print(f"\n# false positives ({len(fps)}): predicted claim | predicted speaker")
    for key, text, name in fps:
        print(f"fp   [{key}] {text[:90]!r} | pred={name!r}")
    print()


def print_table(name: str, result: dict) -> None:
    width = max(len(k) for k in result)
    print(f"{'measure':<{width}}  {name}")
    print(f"{'-' * width}  {'-' * max(8, len(name))}")
    for k, v in result.items():
        print(f"{k:<{width}}  {v}")


def main(argv: list[str] | None = None) -> int:
    a = parse_args(argv)
    name, golds = load_gold(a)
    out = Path(a.out)
    paths = {k: out / f"{name}-{k}.jsonl" for k in ("gold", "requests", "responses")}
    write_jsonl(golds, paths["gold"])
    write_jsonl([{"id": g["id"], "text": g["text"]} for g in golds], paths["requests"])
    elapsed = run_extract(extract_command(a.cli), paths["requests"], paths["responses"], a.timeout)
    scorer = import_scorer(a.scorer)
    preds = scorer.load(str(paths["responses"]))
    result, misses = scorer.score(golds, preds)
    result["elapsed_s"] = round(elapsed, 2)
    result["seconds_per_doc"] = round(elapsed / max(1, len(golds)), 3)
    if a.json:
        print(json.dumps(result))
        return 0
    if a.misses:
        print_misses(misses, false_positives(golds, preds, scorer))
    print_table(name, result)
    print_calibration(golds, match_predictions(golds, preds), scorer)
    print(f"\nfiles: {', '.join(str(p) for p in paths.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
