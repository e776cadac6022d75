"""The committed golden snapshot (seed + invented articles in tests/data/articles) is what
the attribution engine produces: a behaviour change shows up here as a reviewed diff.

Regenerate after an intended change with
``python -m tools.quality.golden --out tests/data/golden-articles.jsonl`` and commit the
diff with the change."""

from __future__ import annotations

import json
from pathlib import Path

from tools.quality.golden import corpus, snapshot

SNAPSHOT = Path(__file__).resolve().parents[1] / "data" / "golden-articles.jsonl"


def test_invented_articles_match_the_golden_snapshot(pipeline):
    expected = {}
    for line in SNAPSHOT.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        expected[item["doc"]] = item["claims"]
    got = {item["doc"]: item["claims"] for item in snapshot(pipeline, corpus(None))}
    assert got.keys() == expected.keys()
    for doc, claims in expected.items():
        assert got[doc] == claims, f"{doc}: attribution changed; see tools/quality/golden.py"
