#!/usr/bin/env python3
"""Inter-annotator agreement on PolNeAR under the project's scorer: the human ceiling.

Issue #3 sets a speaker-accuracy target for the attribution engine, measured by
../shared/eval/score_claims.py against PolNeAR's first annotator. This script asks how
well a second human annotator does under the very same scorer, so that the system's
figures can be read against a human ceiling rather than against 1.0.

Of the train/dev documents (the test compartment is refused), the ones annotated by
several annotators are used: annotator A is the alphabetically first .ann (the one
tools/data/polnear.py's ``load_split`` takes as gold, hence the one the system is scored
against), B the second; any further annotators are ignored. All documents are pooled.

Rows:
  a. B vs A, attributions only: B's claims as predictions (speaker name and mention span
     from B's Source span), A as gold; and the other direction, A vs B.
  b. The same in the service's shape: the annotator's attributions plus, as reporter
     claims (speaker null, type "unattributed"), every sentence of the service's own spaCy
     parse (text through clean_text first) that none of the annotator's claims overlaps;
     whitespace-only sentences are skipped. (The service itself drops more sentences:
     short ones, questions, those inside quotes; see service/extract/engine.py.)
  c. The system vs A and vs B: the responses tools/quality/eval_attribution.py wrote to
     RESPONSES/polnear-{split}-responses.jsonl, matched by id. A missing file or document
     is reported and the row skipped.

Usage:
    .venv/bin/python -m tools.quality.polnear_agreement .data/polnear [--splits dev,train]
        [--responses .data/eval] [--scorer ../shared/eval/score_claims.py] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from tools.data import polnear
from tools.quality.eval_attribution import SHARED_EVAL, import_scorer

REPO = Path(__file__).resolve().parents[2]


COLUMNS = (
    "documents",
    "gold_claims",
    "claim_recall",
    "claim_precision",
    "claim_f1",
    "speaker_accuracy_on_found",
    "named_speaker_accuracy",
    "end_to_end_attribution",
)
HEADERS = ("docs", "gold", "recall", "prec", "F1", "spk@found", "named", "e2e")


def to_prediction(claim: dict[str, Any]) -> dict[str, Any]:
    """A gold claim (tools/data/polnear.py's shape) as the service would have predicted it:
    the Source span becomes the speaker's mention; no Source, no speaker (null)."""
    pred: dict[str, Any] = {
        "start": claim["start"],
        "end": claim["end"],
        "type": claim.get("type") or "indirect",
        "speaker": None,
    }
    if claim.get("speaker"):
        mention: dict[str, Any] = {"text": claim["speaker"]}
        if claim.get("speaker_start") is not None:
            mention["start"], mention["end"] = claim["speaker_start"], claim["speaker_end"]
        pred["speaker"] = {"name": claim["speaker"], "mention": mention}
    return pred


def service_shaped(
    claims: list[dict[str, Any]], sentences: list[tuple[int, int]], text: str
) -> list[dict[str, Any]]:
    """An annotator's claims plus a reporter claim (speaker null, "unattributed") for each
    sentence span that none of the claims' content spans overlaps. Sentence spans are
    trimmed of surrounding whitespace; whitespace-only ones are dropped."""
    preds = [to_prediction(c) for c in claims]
    for s, e in sentences:
        chunk = text[s:e]
        if not chunk.strip():
            continue
        start = s + len(chunk) - len(chunk.lstrip())
        end = s + len(chunk.rstrip())
        if any(min(end, c["end"]) - max(start, c["start"]) > 0 for c in claims):
            continue
        preds.append({"start": start, "end": end, "type": "unattributed", "speaker": None})
    return sorted(preds, key=lambda p: (p["start"], p["end"]))


def double_annotated(data_dir: str | Path, splits: list[str]) -> list[dict[str, Any]]:
    """{"split", "id", "text", "annotators": (a, b), "a": claims, "b": claims} per doc
    with at least two annotators; A is the one load_split uses as gold."""
    docs = []
    for split in splits:
        polnear.check_split(split)
        split_dir = Path(data_dir) / split
        if not (split_dir / "text").is_dir():
            raise SystemExit(f"no {split_dir / 'text'}; DATA_DIR holds {polnear.SPLITS}")
        for txt in sorted((split_dir / "text").glob("*.txt")):
            anns = polnear.ann_paths(split_dir, txt.stem)
            if len(anns) < 2:
                continue
            assert anns[0] == polnear.ann_path(split_dir, txt.stem)
            text = txt.read_text(encoding="utf-8")
            a, b = (polnear.doc_claims(text, p.read_text(encoding="utf-8")) for p in anns[:2])
            docs.append(
                {
                    "split": split,
                    "id": txt.stem,
                    "text": text,
                    "annotators": (anns[0].stem[-4:], anns[1].stem[-4:]),
                    "a": a,
                    "b": b,
                }
            )
    return docs


def sentence_spans(texts: list[str]) -> list[list[tuple[int, int]]]:
    """Sentence character spans from the service's spaCy parse of each cleaned text."""
    from service.config import Settings
    from service.extract.offsets import clean_text
    from service.nlp.spacy_backend import SpacyParser

    parser = SpacyParser(Settings().spacy_model)
    cleaned = [clean_text(t) for t in texts]
    assert all(len(c) == len(t) for c, t in zip(cleaned, texts, strict=True))
    return [[(s.start_char, s.end_char) for s in doc.sents] for doc in parser.pipe(cleaned)]


def gold_docs(docs: list[dict[str, Any]], who: str) -> list[dict[str, Any]]:
    return [{"id": d["id"], "text": d["text"], "claims": d[who]} for d in docs]


def system_predictions(docs: list[dict[str, Any]], responses: Path, scorer: ModuleType) -> Any:
    """The system's responses for the docs, by id; a string saying what is missing if any."""
    by_split: dict[str, dict[str, dict]] = {}
    missing = []
    for split in sorted({d["split"] for d in docs}):
        path = responses / f"polnear-{split}-responses.jsonl"
        if not path.is_file():
            missing.append(f"no {path}")
            continue
        rows = scorer.load(str(path))
        by_split[split] = {str(r.get("id")): r for r in rows if isinstance(r, dict)}
    preds = []
    for d in docs:
        row = by_split.get(d["split"], {}).get(d["id"])
        if row is None:
            if d["split"] in by_split:
                missing.append(f"no response for {d['split']}/{d['id']}")
            continue
        preds.append({"id": d["id"], "claims": row.get("claims") or []})
    return "; ".join(missing) if missing else preds


def mean_row(name: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    row: dict[str, Any] = {"row": name, "documents": rows[0]["documents"], "gold_claims": None}
    for k in COLUMNS[2:]:
        row[k] = round(sum(r[k] for r in rows) / len(rows), 4)
    return row


def agreement_rows(
    docs: list[dict[str, Any]],
    sentences: list[list[tuple[int, int]]],
    scorer: ModuleType,
    responses: Path | None,
) -> tuple[list[dict[str, Any]], list[str]]:
    """The table's rows (each {"row", *COLUMNS}) and notes on rows skipped."""
    rows: list[dict[str, Any]] = []
    notes: list[str] = []

    def add(name: str, gold_of: str, preds: list[dict[str, Any]]) -> dict[str, Any]:
        result, _ = scorer.score(gold_docs(docs, gold_of), preds)
        rows.append({"row": name, **{k: result[k] for k in COLUMNS}})
        return rows[-1]

    def attributions(who: str) -> list[dict[str, Any]]:
        return [{"id": d["id"], "claims": [to_prediction(c) for c in d[who]]} for d in docs]

    def shaped(who: str) -> list[dict[str, Any]]:
        return [
            {"id": d["id"], "claims": service_shaped(d[who], sents, d["text"])}
            for d, sents in zip(docs, sentences, strict=True)
        ]

    pair = [add("a. B vs A, attributions only", "a", attributions("b"))]
    pair.append(add("a. A vs B, attributions only", "b", attributions("a")))
    rows.append(mean_row("a. mean of both directions", pair))
    pair = [add("b. B vs A, service shape", "a", shaped("b"))]
    pair.append(add("b. A vs B, service shape", "b", shaped("a")))
    rows.append(mean_row("b. mean of both directions", pair))
    if responses is not None:
        system = system_predictions(docs, responses, scorer)
        if isinstance(system, str):
            notes.append(f"c. system rows skipped: {system}")
        else:
            add("c. system vs A", "a", system)
            add("c. system vs B", "b", system)
    return rows, notes


def print_table(rows: list[dict[str, Any]]) -> None:
    width = max(len(r["row"]) for r in rows)
    print(f"{'':<{width}}  " + "  ".join(f"{h:>9}" for h in HEADERS))
    for r in rows:
        cells = ("-" if r[k] is None else str(r[k]) for k in COLUMNS)
        print(f"{r['row']:<{width}}  " + "  ".join(f"{c:>9}" for c in cells))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data_dir", help="PolNeAR data folder holding train/ and dev/")
    ap.add_argument("--splits", default="dev,train", help="comma-separated: dev, train")
    ap.add_argument("--responses", default=str(REPO / ".data" / "eval"), help="responses dir")
    ap.add_argument("--scorer", default=str(SHARED_EVAL / "score_claims.py"))
    ap.add_argument("--json", action="store_true", help="print the rows as JSON")
    a = ap.parse_args(argv)
    splits = [s.strip() for s in a.splits.split(",") if s.strip()]
    for split in splits:
        polnear.check_split(split)
    docs = double_annotated(a.data_dir, splits)
    if not docs:
        raise SystemExit(f"no doubly annotated documents in {splits}")
    scorer = import_scorer(a.scorer)
    sentences = sentence_spans([d["text"] for d in docs])
    rows, notes = agreement_rows(docs, sentences, scorer, Path(a.responses))
    if a.json:
        print(json.dumps({"rows": rows, "notes": notes}))
        return 0
    per_split = ", ".join(f"{s} {sum(d['split'] == s for d in docs)}" for s in splits)
    print(f"# {len(docs)} doubly annotated documents ({per_split}); A = first .ann, B = second")
    print_table(rows)
    for note in notes:
        print(note, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
