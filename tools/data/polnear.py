#!/usr/bin/env python3
"""Convert a PolNeAR compartment (brat standoff) into gold JSONL for score_claims.py.

Layout (github.com/networkdynamics/PolNeAR, ``data/``)::

    DATA_DIR/{train,dev}/text/<doc>.txt
    DATA_DIR/{train,dev}/attributions/<doc>_<annotator>.ann

Each .ann holds text-bound spans ``T<n>\\t<Label> <start> <end>[;<start> <end>...]\\t<text>``
with labels Source, Cue, Content (plus Discard/Discuss annotator flags, ignored) and one
event per attribution: ``E<n>\\tAttribution:T.. Content:T.. Cue:T.. Source:T..``
(trigger ``Attribution-no-source`` when there is no Source; a second content fragment
may appear as ``Content2``). Offsets are code-point offsets into the UTF-8 .txt.

Conventions of this converter:
- discontinuous spans (``s e;s e``) and Content+Content2 become one claim from the
  minimum start to the maximum end (``"discontinuous": true`` marks them); the
  direct/mixed/indirect type is judged on the annotated fragments only;
- documents annotated by several annotators use the alphabetically first .ann;
- attributions without a Source get ``speaker: ""`` and no ``speaker_start``;
- the test compartment is refused (it is reserved for a final evaluation).

Usage: python -m tools.data.polnear DATA_DIR --split dev|train [--limit N] -o gold.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

SPLITS = ("train", "dev")
RECORD = re.compile(r"^([TERAMN#*]\d*)\t")
SPAN_HEAD = re.compile(r"^(\S+) (\d+ \d+(?:;\d+ \d+)*)$")
OPEN_Q, CLOSE_Q, BOTH_Q = "“«„", "”»", '"'  # plus ‘…’ (see quoted_mask)
DIRECT_MIN = 0.9  # share of word characters inside quotes for "direct"

Span = dict  # {"label": str, "frags": list[tuple[int, int]], "text": str}


def check_split(split: str) -> None:
    """Refuse anything but train/dev; the test split must never be read."""
    if split not in SPLITS:
        raise SystemExit(f"split {split!r} refused: only {SPLITS} may be used (test is reserved)")


def parse_ann(raw: str) -> tuple[dict[str, Span], list[dict[str, str]]]:
    """Parse brat standoff into text-bound spans and event argument maps."""
    records: list[list[str]] = []
    for line in raw.split("\n"):
        if RECORD.match(line):
            records.append(line.split("\t"))
        elif records:  # span text that ran over a newline
            records[-1][-1] += "\n" + line
    spans: dict[str, Span] = {}
    events: list[dict[str, str]] = []
    for rec in records:
        rec[-1] = rec[-1].rstrip("\n")
        if rec[0].startswith("T") and len(rec) >= 2 and (m := SPAN_HEAD.match(rec[1])):
            frags = [tuple(map(int, p.split())) for p in m.group(2).split(";")]
            text = rec[2] if len(rec) > 2 else ""
            spans[rec[0]] = {"label": m.group(1), "frags": frags, "text": text}
        elif rec[0].startswith("E") and len(rec) >= 2:
            args = dict(a.split(":", 1) for a in rec[1].split() if ":" in a)
            events.append(args)
    return spans, events


def quoted_mask(text: str) -> list[bool]:
    """Mark characters inside quotes; an unclosed quote ends at the line end.

    Double quotes (curly or straight) and curly single quotes count; a ’ between two
    letters is an apostrophe, not a closing quote.
    """
    mask = [False] * len(text)
    double = single = False
    for i, ch in enumerate(text):
        if ch == "\n":
            double = single = False
        elif ch in OPEN_Q:
            double = True
        elif ch in CLOSE_Q:
            double = False
        elif ch in BOTH_Q:
            double = not double
        elif ch == "‘":
            single = True
        elif ch == "’" and not (
            0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()
        ):
            single = False
        else:
            mask[i] = double or single
    return mask


def quote_type(text: str, mask: list[bool], frags: list[tuple[int, int]]) -> str:
    """direct: (nearly) all word characters quoted; mixed: some; indirect: none."""
    total = quoted = 0
    for s, e in frags:
        for i in range(s, e):
            if text[i].isalnum():
                total += 1
                quoted += mask[i]
    if total and quoted / total >= DIRECT_MIN:
        return "direct"
    return "mixed" if quoted >= 2 else "indirect"


def frags_of(spans: dict[str, Span], ids: list[str]) -> list[tuple[int, int]]:
    return sorted(f for i in ids if i in spans for f in spans[i]["frags"])


def joined(spans: dict[str, Span], text: str, ids: list[str]) -> str:
    """Span text as written; fragments of a discontinuous span joined by a space."""
    return " ".join(text[s:e] for s, e in frags_of(spans, ids))


def build_claim(
    args: dict[str, str], spans: dict[str, Span], text: str, mask: list[bool]
) -> dict | None:
    """Turn one Attribution event into a gold claim (None without a content span)."""
    content_ids = [v for k, v in args.items() if k.startswith("Content")]
    frags = frags_of(spans, content_ids)
    if not frags:
        return None
    start, end = frags[0][0], max(e for _, e in frags)
    claim: dict = {"start": start, "end": end, "text": text[start:end]}
    src = [args["Source"]] if args.get("Source") in spans else []
    claim["speaker"] = joined(spans, text, src)
    if src:
        sfr = frags_of(spans, src)
        claim["speaker_start"], claim["speaker_end"] = sfr[0][0], max(e for _, e in sfr)
    cue = [args["Cue"]] if args.get("Cue") in spans else []
    claim["cue"] = joined(spans, text, cue)
    if cue:
        cfr = frags_of(spans, cue)
        claim["cue_start"], claim["cue_end"] = cfr[0][0], max(e for _, e in cfr)
    claim["type"] = quote_type(text, mask, frags)
    if len(frags) > 1:
        claim["discontinuous"] = True
    return claim


def doc_claims(text: str, raw_ann: str) -> list[dict]:
    spans, events = parse_ann(raw_ann)
    mask = quoted_mask(text)
    claims = [c for ev in events if (c := build_claim(ev, spans, text, mask))]
    return sorted(claims, key=lambda c: (c["start"], c["end"]))


def ann_paths(split_dir: Path, doc_id: str) -> list[Path]:
    """Every annotator's .ann for a document, in alphabetical order."""
    pat = re.compile(re.escape(doc_id) + r"_[0-9a-f]{4}\.ann$")
    return sorted(
        p for p in (split_dir / "attributions").glob(f"{doc_id}_*.ann") if pat.fullmatch(p.name)
    )


def ann_path(split_dir: Path, doc_id: str) -> Path | None:
    """The alphabetically first annotator's .ann for a document."""
    hits = ann_paths(split_dir, doc_id)
    return hits[0] if hits else None


def load_split(data_dir: str | Path, split: str, limit: int | None = None) -> list[dict]:
    """Gold documents {"id", "text", "annotator", "claims"} for a train/dev compartment."""
    check_split(split)
    split_dir = Path(data_dir) / split
    if not (split_dir / "text").is_dir():
        raise FileNotFoundError(f"no {split_dir / 'text'}; DATA_DIR is the folder holding {SPLITS}")
    docs: list[dict] = []
    for txt in sorted((split_dir / "text").glob("*.txt")):
        if limit is not None and len(docs) >= limit:
            break
        ann = ann_path(split_dir, txt.stem)
        if ann is None:
            continue
        text = txt.read_text(encoding="utf-8")
        claims = doc_claims(text, ann.read_text(encoding="utf-8"))
        docs.append({"id": txt.stem, "text": text, "annotator": ann.stem[-4:], "claims": claims})
    return docs


def write_jsonl(docs: list[dict], out: str | Path) -> None:
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data_dir", help="PolNeAR data folder holding train/ and dev/")
    ap.add_argument("--split", required=True, help="train or dev (test is refused)")
    ap.add_argument("--limit", type=int, default=None, help="first N documents only")
    ap.add_argument("-o", "--out", required=True, help="gold JSONL to write")
    a = ap.parse_args(argv)
    check_split(a.split)
    docs = load_split(a.data_dir, a.split, a.limit)
    write_jsonl(docs, a.out)
    n = sum(len(d["claims"]) for d in docs)
    print(f"{len(docs)} documents, {n} claims -> {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
