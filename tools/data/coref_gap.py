"""GAP (google-research-datasets/gap-coreference, Apache-2.0) → resolver training JSONL.

Each GAP row is a Wikipedia snippet, a pronoun and two names A and B, each marked as the
pronoun's antecedent or not. One output line per row:
``{"id", "text", "targets": [{"kind": "pronoun", "start", "end", "gold": [[s, e], ...]}]}``
where ``gold`` lists the spans of the names the pronoun refers to (empty: neither).
Only the development and validation files are read (the test file is held out).

Usage: python -m tools.data.coref_gap GAP_DIR OUT.jsonl
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

FILES = ("gap-development.tsv", "gap-validation.tsv")


def rows(gap_dir: Path) -> list[dict]:
    out = []
    for name in FILES:
        with (gap_dir / name).open(encoding="utf-8") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                p = int(r["Pronoun-offset"])
                gold = []
                for side in ("A", "B"):
                    if r[f"{side}-coref"].upper() == "TRUE":
                        s = int(r[f"{side}-offset"])
                        gold.append([s, s + len(r[side])])
                target = {"kind": "pronoun", "start": p, "end": p + len(r["Pronoun"]), "gold": gold}
                out.append({"id": r["ID"], "text": r["Text"], "targets": [target]})
    return out


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if len(args) != 2:
        print(__doc__)
        return 2
    with open(args[1], "w", encoding="utf-8") as f:
        for row in rows(Path(args[0])):
            f.write(json.dumps(row) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
