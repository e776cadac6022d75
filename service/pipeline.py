"""``ClaimPipeline.run``: preprocess → analyse → extract → resolve → assemble → classify.
Classification runs last, over the assembled claims of the whole batch (one embedding
call). No Flask here: the HTTP views, the CLI and the benchmarks all call this."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from typing import Any, cast

from service import __version__
from service.classify.stage import ClassifyStage
from service.config import Settings
from service.domain import (
    Claim,
    ClaimType,
    Document,
    Entity,
    Extraction,
    Framing,
    SentenceInfo,
    Span,
    Speaker,
    SpeakerType,
)
from service.extract.chunks import Chunk, plan_chunks
from service.extract.engine import Analysis, Attributed, analyse
from service.extract.framing import framing_of
from service.extract.offsets import Utf16Index, clean_text
from service.nlp.registry import Models

ENTITY_LABELS = {
    "PERSON",
    "ORG",
    "GPE",
    "NORP",
    "LOC",
    "FAC",
    "EVENT",
    "LAW",
    "PRODUCT",
    "WORK_OF_ART",
    "DATE",
    "MONEY",
    "PERCENT",
    "QUANTITY",
    "CARDINAL",
}


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
            }
            results.append(self._assemble(doc, chunks, unparsed, analysis, timings))
        return self._classify(docs, results)  # one embedding call for the whole batch

    # ---- assembly ---------------------------------------------------------------------
    def _assemble(
        self,
        doc: Document,
        chunks: list[tuple[Any, int]],
        unparsed: list[Chunk],
        analysis: Analysis,
        timings: dict[str, float],
    ) -> Extraction:
        text = doc.text
        u16 = Utf16Index(text)

        def span(start: int, end: int) -> Span:
            return Span(start, end, text[start:end], u16(start), u16(end))

        speaker_ids: dict[str, str] = {}
        claims: list[Claim] = []
        claim_ids: dict[str, list[str]] = {}
        mentions: dict[str, list[Span]] = {}
        items: list[tuple[int, Any]] = [(a.candidate.start, a) for a in analysis.claims]
        items += [(s, (s, e)) for s, e in analysis.unattributed]
        items.sort(key=lambda item: item[0])
        for _, item in items:
            claim_id = f"c{len(claims) + 1}"
            if isinstance(item, tuple):
                claims.append(
                    Claim(claim_id, span(*item), "unattributed", None, None, None, None, 0.5)
                )
                continue
            cand, res = item.candidate, item.resolution
            sid = None
            mention = None
            if res is not None and res.key is not None:
                sid = speaker_ids.setdefault(res.key, f"s{len(speaker_ids) + 1}")
                mention = span(*res.mention)
                claim_ids.setdefault(res.key, []).append(claim_id)
                mentions.setdefault(res.key, [])
                if mention not in mentions[res.key]:
                    mentions[res.key].append(mention)
            confidence = cand.confidence * (res.confidence if res and res.key else 0.5)
            cue = span(*cand.cue) if cand.cue else None
            claims.append(
                Claim(
                    claim_id,
                    span(cand.start, cand.end),
                    cast(ClaimType, cand.type),
                    cue,
                    cast(Framing, framing_of(cand.cue_lemma)) if cue else None,
                    sid,
                    mention,
                    round(confidence, 3),
                    round(res.confidence, 3) if res and res.key else None,
                )
            )
        claims = [c for c in claims if c.confidence >= doc.options.min_confidence]
        speakers = self._speakers(analysis, speaker_ids, mentions, claim_ids)
        entities = self._entities(chunks, span) if doc.options.include_entities else []
        sentences = self._sentences(chunks, span) if doc.options.include_sentences else None
        meta = {
            "service_version": __version__,
            "models": self.describe(),
            "timings_ms": timings,
            "truncated": False,
            "chunks": len(chunks),
            "characters": len(text),
            "unparsed": [{"start": c.start, "end": c.end} for c in unparsed],
        }
        return Extraction(
            doc.id, text, tuple(claims), tuple(speakers), tuple(entities), sentences, (), meta
        )

    @staticmethod
    def _speakers(
        analysis: Analysis,
        speaker_ids: dict[str, str],
        mentions: dict[str, list[Span]],
        claim_ids: dict[str, list[str]],
    ) -> list[Speaker]:
        out = []
        for key, sid in speaker_ids.items():
            entity = analysis.resolver.entities[key]
            aliases = sorted(entity.aliases - {entity.name})
            out.append(
                Speaker(
                    sid,
                    entity.name,
                    cast(SpeakerType, entity.type),
                    entity.role,
                    tuple(aliases),
                    tuple(sorted(mentions.get(key, []), key=lambda s: s.start)),
                    tuple(claim_ids.get(key, [])),
                )
            )
        return out

    @staticmethod
    def _entities(chunks: list[tuple[Any, int]], span: Any) -> list[Entity]:
        out = []
        for parsed, base in chunks:
            for ent in parsed.ents:
                if ent.label_ in ENTITY_LABELS:
                    s = span(base + ent.start_char, base + ent.end_char)
                    out.append(
                        Entity(s.text, ent.label_, s.start, s.end, s.start_utf16, s.end_utf16)
                    )
        return out

    @staticmethod
    def _sentences(chunks: list[tuple[Any, int]], span: Any) -> tuple[SentenceInfo, ...]:
        out = []
        for parsed, base in chunks:
            for sent in parsed.sents:
                text = sent.text
                start = base + sent.start_char + (len(text) - len(text.lstrip()))
                end = base + sent.start_char + len(text.rstrip())
                if end > start:
                    out.append(SentenceInfo(start, end, None))
        return tuple(out)
