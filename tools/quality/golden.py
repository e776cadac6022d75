"""Golden snapshot of the attribution engine: every claim of every response, so that a
refactor is checked to change nothing and a behaviour change is a reviewed diff.

    python -m tools.quality.golden                       # seed + tests/data/articles to stdout
    python -m tools.quality.golden --out FILE            # ... into FILE (JSON lines)
    python -m tools.quality.golden --polnear .data/polnear --out .data/golden/polnear.jsonl
    python -m tools.quality.golden --diff OLD NEW        # compare two snapshots
    python -m tools.quality.golden --diff OLD NEW --ignore rule

One line per document: ``{"doc": name, "claims": [...]}``. A claim is its span, type,
cue, framing, speaker mention, speaker name, confidences and, where the service
explains itself (``options.explain``), the rule that made it and the rule that named its
speaker. Only the attribution stage runs (no embedder, no classification, no entities),
so the snapshot is fast and independent of the classifiers.

``--counts`` prints how often each rule fired over the documents instead (see
``tools/quality/rule_counts.py``)."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[2]
ARTICLES = REPO / "tests" / "data" / "articles"
SEED = REPO / "seeds" / "seed-article.txt"
BATCH = 16


def corpus(
    polnear: Path | None, splits: Iterable[str] = ("dev", "train")
) -> Iterator[tuple[str, str]]:
    """(name, text) of the seed, the invented articles and, with ``polnear``, its splits."""
    if SEED.is_file():
        yield "seed", SEED.read_text(encoding="utf-8")
    for path in sorted(ARTICLES.glob("*.txt")):
        yield f"articles/{path.name}", path.read_text(encoding="utf-8")
    if polnear is not None:
        for split in splits:
            for path in sorted((polnear / split / "text").glob("*.txt")):
                yield f"polnear/{split}/{path.name}", path.read_text(encoding="utf-8")


def load_pipeline() -> Any:
    from service.config import Settings
    from service.nlp.registry import load_models
    from service.pipeline import ClaimPipeline

    settings = Settings(load_embedder=False)
    return ClaimPipeline(load_models(settings), settings)


def _options() -> Any:
    from service.domain import Options

    fields = {f.name for f in dataclasses.fields(Options)}
    extra = {"explain": True} if "explain" in fields else {}
    return Options(include_entities=False, classify=False, **extra)


def claim_record(claim: Any, names: dict[str, str]) -> dict[str, Any]:
    def span(s: Any) -> list[Any] | None:
        return None if s is None else [s.start, s.end, s.text]

    record = {
        "span": [claim.span.start, claim.span.end],
        "type": claim.type,
        "cue": span(claim.cue),
        "framing": claim.framing,
        "mention": span(claim.mention),
        "speaker": names.get(claim.speaker_id) if claim.speaker_id else None,
        "confidence": claim.confidence,
        "speaker_confidence": claim.speaker_confidence,
    }
    rule = getattr(claim, "rule", None)
    if rule is not None:
        record["rule"] = rule
    speaker_rule = getattr(claim, "speaker_rule", None)
    if speaker_rule is not None:
        record["speaker_rule"] = speaker_rule
    return record


def snapshot(pipeline: Any, docs: Iterable[tuple[str, str]]) -> Iterator[dict[str, Any]]:
    from service.domain import Document

    options = _options()
    batch: list[tuple[str, str]] = []

    def flush() -> Iterator[dict[str, Any]]:
        results = pipeline.run([Document(text, id=name, options=options) for name, text in batch])
        for (name, _), result in zip(batch, results, strict=True):
            names = {s.id: s.name for s in result.speakers}
            yield {"doc": name, "claims": [claim_record(c, names) for c in result.claims]}
        batch.clear()

    for item in docs:
        batch.append(item)
        if len(batch) >= BATCH:
            yield from flush()
    if batch:
        yield from flush()


def write(lines: Iterable[dict[str, Any]], out: Path | None) -> None:
    handle = out.open("w", encoding="utf-8") if out else sys.stdout
    try:
        for line in lines:
            handle.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
    finally:
        if out:
            handle.close()


def read(path: Path) -> dict[str, list[dict[str, Any]]]:
    out = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            out[item["doc"]] = item["claims"]
    return out


def diff(old: Path, new: Path, ignore: set[str]) -> list[str]:
    """Human-readable differences between two snapshots, ``ignore``d fields left out."""
    a, b = read(old), read(new)
    lines = []
    for doc in sorted(a.keys() | b.keys()):
        if doc not in a or doc not in b:
            lines.append(f"{doc}: only in {'new' if doc in b else 'old'}")
            continue
        strip = [{k: v for k, v in c.items() if k not in ignore} for c in a[doc]]
        strip_b = [{k: v for k, v in c.items() if k not in ignore} for c in b[doc]]
        if strip == strip_b:
            continue
        gone = [c for c in strip if c not in strip_b]
        came = [c for c in strip_b if c not in strip]
        for c in gone:
            lines.append(f"{doc}: - {json.dumps(c, ensure_ascii=False, sort_keys=True)}")
        for c in came:
            lines.append(f"{doc}: + {json.dumps(c, ensure_ascii=False, sort_keys=True)}")
    return lines


def counts(path: Path) -> Counter[str]:
    """How often each rule made a claim, and each speaker rule named a speaker."""
    tally: Counter[str] = Counter()
    for claims in read(path).values():
        for c in claims:
            tally[f"claim {c.get('rule', '?')}"] += 1
            if c.get("speaker_rule"):
                tally[f"speaker {c['speaker_rule']}"] += 1
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polnear", type=Path, help="PolNeAR directory (dev and train)")
    parser.add_argument("--splits", default="dev,train")
    parser.add_argument("--no-local", action="store_true", help="skip seed and invented articles")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--diff", nargs=2, type=Path, metavar=("OLD", "NEW"))
    parser.add_argument("--ignore", default="", help="comma-separated fields --diff skips")
    parser.add_argument("--counts", type=Path, metavar="SNAPSHOT", help="rule counts of a snapshot")
    args = parser.parse_args(argv)
    if args.diff:
        lines = diff(*args.diff, {f for f in args.ignore.split(",") if f})
        print("\n".join(lines) if lines else "identical")
        return 1 if lines else 0
    if args.counts:
        for name, n in counts(args.counts).most_common():
            print(f"{n:7d}  {name}")
        return 0
    docs = corpus(args.polnear, args.splits.split(","))
    if args.no_local:
        docs = (d for d in docs if d[0].startswith("polnear/"))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
    write(snapshot(load_pipeline(), docs), args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
