"""Entities of the service's response on CoNLL-2003 **train** (PER / ORG / LOC), span F1.

    python -m tools.quality.eval_entities .data/conll/dataset/eng.train [--limit 300] [--raw]

DATA is ``eng.train`` of glample/tagger's CoNLL-2003 copy (token POS chunk NER per line,
``-DOCSTART-`` between documents). Never point it at testa/testb. Each document's tokens
are joined with spaces (a newline between sentences) and sent through the service pipeline
in-process (``ClaimPipeline``, the embedded default spaCy model, no embedder:
``classify=False``), so the entities scored are the response's, after the article-level
consistency of ``service.extract.entity_types``. Labels are mapped with
``entity_types.CONLL`` (PERSON → PER, ORG → ORG, GPE/LOC/FAC → LOC; the rest is not
scored); gold MISC is not scored either. ``--raw`` scores spaCy's own mentions instead
(the tagger before the consistency step) for comparison. Prints precision, recall and F1
per type and micro-averaged over PER/ORG/LOC, exact span match; and how many names carry
more than one type in one document (0 after the consistency step)."""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from service.extract.entity_types import CONLL, name_key

TYPES = ("PER", "ORG", "LOC")
Span = tuple[int, int, str]


def read_documents(path: Path) -> list[tuple[str, set[Span]]]:
    """(text, gold spans) per document."""
    docs: list[tuple[str, set[Span]]] = []
    sentences: list[list[tuple[str, str]]] = [[]]

    def flush() -> None:
        rows = [s for s in sentences if s]
        if rows:
            docs.append(_assemble(rows))
        sentences[:] = [[]]

    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            sentences.append([])
        elif parts[0] == "-DOCSTART-":
            flush()
        else:
            sentences[-1].append((parts[0], parts[-1]))
    flush()
    return docs


def _assemble(sentences: list[list[tuple[str, str]]]) -> tuple[str, set[Span]]:
    pieces: list[str] = []
    gold: set[Span] = set()
    at = 0
    for sentence in sentences:
        current: list = []  # [start, end, type]
        for i, (token, tag) in enumerate(sentence):
            start = at + (1 if i else 0)
            end = start + len(token)
            pieces.append((" " if i else "") + token)
            at = end
            kind = tag[2:] if tag != "O" else None
            begins = tag.startswith("B-") or (current and current[2] != kind)
            if current and (kind is None or begins):
                gold.add(tuple(current))
                current = []
            if kind is not None:
                current = [current[0] if current else start, end, kind]
        if current:
            gold.add(tuple(current))
        pieces.append("\n")
        at += 1
    return "".join(pieces), {g for g in gold if g[2] in TYPES}


def predict(texts: list[str], raw: bool) -> list[set[Span]]:
    from service.config import Settings
    from service.domain import Document, Options
    from service.extension import shared_models
    from service.pipeline import ClaimPipeline

    settings = Settings(load_embedder=False)
    models = shared_models(settings)
    if raw:
        out = []
        for doc in models.parser.pipe(texts):
            out.append({(e.start_char, e.end_char, CONLL.get(e.label_, "")) for e in doc.ents})
        return [{s for s in spans if s[2] in TYPES} for spans in out]
    pipeline = ClaimPipeline(models, settings)
    options = Options(classify=False)
    results = []
    for i in range(0, len(texts), 16):
        batch = [Document(t, options=options) for t in texts[i : i + 16]]
        for ex in pipeline.run(batch):
            results.append({(e.start, e.end, CONLL.get(e.label, "")) for e in ex.entities})
    return [{s for s in spans if s[2] in TYPES} for spans in results]


def inconsistent_names(texts: list[str], predicted: list[set[Span]]) -> int:
    count = 0
    for text, spans in zip(texts, predicted, strict=True):
        types: dict[str, set[str]] = {}
        for start, end, kind in spans:
            types.setdefault(name_key(text[start:end]), set()).add(kind)
        count += sum(1 for kinds in types.values() if len(kinds) > 1)
    return count


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--limit", type=int, default=0, help="first N documents (0: all)")
    ap.add_argument("--raw", action="store_true", help="score spaCy's own mentions")
    args = ap.parse_args(argv)
    if "testa" in args.data.name or "testb" in args.data.name:
        raise SystemExit("CoNLL test files are held out: use eng.train")
    started = time.perf_counter()
    docs = read_documents(args.data)
    if args.limit:
        docs = docs[: args.limit]
    texts = [t for t, _ in docs]
    predicted = predict(texts, args.raw)
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for (_, gold), pred in zip(docs, predicted, strict=True):
        for kind in TYPES:
            g = {s for s in gold if s[2] == kind}
            p = {s for s in pred if s[2] == kind}
            tp[kind] += len(g & p)
            n_pred[kind] += len(p)
            n_gold[kind] += len(g)
    print(f"CoNLL-2003 train, {len(docs)} documents ({'spaCy raw' if args.raw else 'service'})")
    print("| type | precision | recall | F1 | gold |\n|---|---:|---:|---:|---:|")
    for kind in (*TYPES, "all"):
        t = sum(tp.values()) if kind == "all" else tp[kind]
        p = sum(n_pred.values()) if kind == "all" else n_pred[kind]
        g = sum(n_gold.values()) if kind == "all" else n_gold[kind]
        prec, rec = t / max(1, p), t / max(1, g)
        f1 = 2 * prec * rec / max(1e-9, prec + rec)
        print(f"| {kind} | {prec:.4f} | {rec:.4f} | {f1:.4f} | {g} |")
    print(f"\nnames with more than one type in a document: {inconsistent_names(texts, predicted)}")
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
