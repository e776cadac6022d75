"""Named speaker resolution on PolNeAR dev: run the service over the dev articles and score
each pronoun or description speaker against the shared gold (score_resolution.py).

Usage:
    python -m tools.quality.eval_resolution DATA_DIR [--split dev] [--misses] [--out DIR]

DATA_DIR is the PolNeAR folder holding ``dev/text/*.txt``. The gold and its scorer live in
``../shared/eval`` beside the repository (``--gold``, ``--scorer`` to point elsewhere).
Besides the accuracies it prints the summed parse and resolution times the responses report
(``meta.timings_ms``), so that the resolver's cost is measured on the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from tools.quality.eval_attribution import SHARED_EVAL, import_scorer

REPO = Path(__file__).resolve().parents[2]


def write_requests(text_dir: Path, out: Path) -> int:
    """One ``{"id": stem, "text": ...}`` line per article, in file-name order."""
    paths = sorted(text_dir.glob("*.txt"))
    with out.open("w", encoding="utf-8") as f:
        for p in paths:
            f.write(json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8")}) + "\n")
    return len(paths)


def timings(responses: Path) -> dict[str, float]:
    """Summed ``meta.timings_ms`` over all responses."""
    total: dict[str, float] = {}
    for line in responses.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        for k, v in ((json.loads(line).get("meta") or {}).get("timings_ms") or {}).items():
            total[k] = total.get(k, 0.0) + float(v)
    return total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data_dir", help="PolNeAR folder (dev/text/*.txt)")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--gold", default=str(SHARED_EVAL / "polnear-dev-resolution.jsonl"))
    ap.add_argument("--scorer", default=str(SHARED_EVAL / "score_resolution.py"))
    ap.add_argument("--out", default=str(REPO / ".data" / "eval"))
    ap.add_argument("--responses", help="score these responses instead of running the service")
    ap.add_argument("--misses", action="store_true")
    a = ap.parse_args(argv)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    responses = Path(a.responses) if a.responses else out / f"resolution-{a.split}-out.jsonl"
    if not a.responses:
        requests = out / f"resolution-{a.split}-in.jsonl"
        write_requests(Path(a.data_dir) / a.split / "text", requests)
        # this tree's service (python -m from the repo root), not an installed claimscope
        cli = [sys.executable, "-m", "service.cli", "extract", "--jsonl", str(requests)]
        env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
        subprocess.run([*cli, "-o", str(responses)], check=True, env=env, cwd=REPO)
    args = [a.gold, str(responses)] + (["--misses"] if a.misses else [])
    rc = int(import_scorer(a.scorer).main(args))
    t = timings(responses)
    parse, resolve = t.get("parse_ms", 0.0), t.get("resolve_ms", 0.0)
    if parse:
        print(f"parse_ms {parse:.0f}  resolve_ms {resolve:.0f}  ratio {resolve / parse:.3f}")
    return rc


if __name__ == "__main__":
    raise SystemExit(main())
