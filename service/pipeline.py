"""``ClaimPipeline.run``: preprocess → analyse → extract → resolve → classify → assemble.
No Flask here: the HTTP views, the CLI and the benchmarks all call this."""

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
from service.extract.chunks import split_chunks
from service.extract.engine import Analysis, analyse
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


class ClaimPipeline:
    def __init__(self, models: Models, settings: Settings) -> None:
        self.models = models
        self.settings = settings
        self._lock = threading.Lock()  # spaCy pipes are not safe to share across threads
        self._classify = ClassifyStage(models)  # labels, check-worthiness, stance

    def run(self, docs: Sequence[Document]) -> list[Extraction]:
        """Extract every document; all chunks of all documents go through one nlp.pipe."""
        with self._lock:
            return self._run(docs)

    def _run(self, docs: Sequence[Document]) -> list[Extraction]:
        started = time.perf_counter()
        cleaned = [clean_text(d.text) for d in docs]
        plan = [split_chunks(text, self.settings.chunk_chars) for text in cleaned]
        flat = [text[s:e] for text, ranges in zip(cleaned, plan, strict=True) for s, e in ranges]
        # A chunk without a single letter or digit holds no claim: skip its parse (5,000
        # quotation marks would otherwise cost seconds of parsing for nothing).
        flat = [chunk if any(ch.isalnum() for ch in chunk) else "" for chunk in flat]
        parsed = iter(self.models.parser.pipe(flat))
        parse_ms = (time.perf_counter() - started) * 1000
        results = []
        for doc, text, ranges in zip(docs, cleaned, plan, strict=True):
            t0 = time.perf_counter()
            chunks = [(next(parsed), start) for start, _ in ranges]
            t1 = time.perf_counter()
            analysis = analyse(text, chunks)
            t2 = time.perf_counter()
            timings = {
                "parse_ms": round((t1 - t0) * 1000 + parse_ms / max(1, len(docs)), 2),
                "extract_ms": round((t2 - t1) * 1000, 2),
            }
            results.append(self._assemble(doc, chunks, analysis, timings))
        return self._classify(docs, results)  # one embedding call for the whole batch

    # ---- assembly ---------------------------------------------------------------------
    def _assemble(
        self,
        doc: Document,
        chunks: list[tuple[Any, int]],
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
            "models": self.models.describe(),
            "timings_ms": timings,
            "truncated": False,
            "chunks": len(chunks),
            "characters": len(text),
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
