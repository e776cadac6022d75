"""``ClaimPipeline.run``: preprocess → analyse → extract → resolve → assemble → classify.
Classification runs last, over the assembled claims of the whole batch (one embedding
call). No Flask here: the HTTP views, the CLI and the benchmarks all call this."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from typing import Any

from service import __version__
from service.classify.stage import ClassifyStage
from service.config import Settings
from service.domain import (
    Document,
    Extraction,
)
from service.extract.assemble import assemble
from service.extract.chunks import Chunk, plan_chunks
from service.extract.engine import Analysis, Attributed, analyse
from service.extract.offsets import clean_text
from service.nlp.registry import Models


def _has_alnum(text: str, chunk: Chunk) -> bool:
    return any(ch.isalnum() for ch in text[chunk.start : chunk.end])


def _over_unparsed(analysis: Analysis, unparsed: list[Chunk], text: str) -> Analysis:
    """A claim that runs up to the cut of an overlong sentence goes on to that sentence's
    end: the unparsed tail is the rest of what it says, and nothing is dropped."""
    if not unparsed:
        return analysis
    ends = {c.start: c.start + len(text[c.start : c.end].rstrip()) for c in unparsed}

    def extended(end: int, strip: str = "") -> int:
        gap = text[end : end + 8]
        cut = end + len(gap) - len(gap.lstrip())
        if cut not in ends:
            return end
        reach = ends[cut]
        if strip:  # a reported clause ends before the full stop, as elsewhere
            reach = cut + len(text[cut:reach].rstrip(strip).rstrip())
        return max(end, reach)

    claims = [
        Attributed(
            a.candidate.with_(
                end=extended(a.candidate.end, "" if a.candidate.type == "direct" else ".!?…")
            ),
            a.resolution,
        )
        for a in analysis.claims
    ]
    unattributed = [(s, extended(e)) for s, e in analysis.unattributed]
    return Analysis(claims, unattributed, analysis.resolver)


class ClaimPipeline:
    def __init__(self, models: Models, settings: Settings) -> None:
        self.models = models
        self.settings = settings
        self._lock = threading.Lock()  # spaCy pipes are not safe to share across threads
        self._classify = ClassifyStage(models)  # labels, check-worthiness, stance

    def describe(self) -> list[dict[str, Any]]:
        """The models serving each role, in role order (the loaded models and the
        zero-shot classifier the classify stage builds over the embedder)."""
        rows = [*self.models.describe(), *self._classify.describe()]
        order = ["parser", "embedder", "fast_embedder", "zero_shot", "tagger"]
        return sorted(
            rows, key=lambda row: order.index(row["role"]) if row["role"] in order else 99
        )

    def run(self, docs: Sequence[Document]) -> list[Extraction]:
        """Extract every document; all chunks of all documents go through one nlp.pipe."""
        with self._lock:
            return self._run(docs)

    def _run(self, docs: Sequence[Document]) -> list[Extraction]:
        started = time.perf_counter()
        cleaned = [clean_text(d.text) for d in docs]
        s = self.settings
        plan = [plan_chunks(text, s.chunk_chars, s.parse_sentence_chars) for text in cleaned]
        # A chunk without a single letter or digit holds no claim, and the tail of an
        # overlong sentence is not parsed: both go to spaCy as "" (5,000 quotation marks or
        # a 50 KB run without a full stop would otherwise cost seconds for nothing).
        flat = [
            text[c.start : c.end] if c.parse and _has_alnum(text, c) else ""
            for text, chunks in zip(cleaned, plan, strict=True)
            for c in chunks
        ]
        parsed = iter(self.models.parser.pipe(flat))
        parse_ms = (time.perf_counter() - started) * 1000
        results = []
        for doc, text, ranges in zip(docs, cleaned, plan, strict=True):
            t0 = time.perf_counter()
            chunks = [(next(parsed), c.start) for c in ranges]
            t1 = time.perf_counter()
            unparsed = [c for c in ranges if not c.parse]
            analysis = _over_unparsed(analyse(text, chunks), unparsed, text)
            t2 = time.perf_counter()
            timings = {
                "parse_ms": round((t1 - t0) * 1000 + parse_ms / max(1, len(docs)), 2),
                "extract_ms": round((t2 - t1) * 1000, 2),
                "resolve_ms": round(analysis.resolver.linker.elapsed_ms, 2),
            }
            meta = {
                "service_version": __version__,
                "models": self.describe(),
                "timings_ms": timings,
                "truncated": False,
                "chunks": len(chunks),
                "characters": len(text),
                "unparsed": [{"start": c.start, "end": c.end} for c in unparsed],
            }
            results.append(assemble(doc, chunks, analysis, meta))
        return self._classify(docs, results)  # one embedding call for the whole batch
