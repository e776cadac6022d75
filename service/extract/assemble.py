"""Candidates → domain objects: the claims of one article with their spans (code points
and UTF-16), cue, framing, speaker and confidence, its speakers, entities and sentences.
The reporter's own sentences become ``unattributed`` claims."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

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
    SpeakerResolution,
    SpeakerType,
)
from service.extract.engine import Analysis
from service.extract.entity_types import Mention, consistent_entities
from service.extract.lexicon.cues import framing_of
from service.extract.offsets import Utf16Index
from service.extract.rules.reporter import REPORTER
from service.extract.speakers.names import strip_article
from service.extract.syntax import sentences

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
UNATTRIBUTED_CONFIDENCE = 0.5  # the reporter's own sentence, and a claim's unknown speaker

SpanOf = Callable[[int, int], Span]


class _Speakers:
    """Speaker ids, mentions and claim ids in order of first appearance."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}
        self.claims: dict[str, list[str]] = {}
        self.mentions: dict[str, list[Span]] = {}

    def add(self, key: str, mention: Span, claim_id: str) -> str:
        sid = self.ids.setdefault(key, f"s{len(self.ids) + 1}")
        self.claims.setdefault(key, []).append(claim_id)
        seen = self.mentions.setdefault(key, [])
        if mention not in seen:
            seen.append(mention)
        return sid


def assemble(
    doc: Document, chunks: list[tuple[Any, int]], analysis: Analysis, meta: dict[str, Any]
) -> Extraction:
    text = doc.text
    u16 = Utf16Index(text)

    def span(start: int, end: int) -> Span:
        return Span(start, end, text[start:end], u16(start), u16(end))

    people = _Speakers()
    items: list[tuple[int, Any]] = [(a.candidate.start, a) for a in analysis.claims]
    items += [(s, (s, e)) for s, e in analysis.unattributed]
    items.sort(key=lambda item: item[0])
    claims: list[Claim] = []
    for _, item in items:
        claim_id = f"c{len(claims) + 1}"
        if isinstance(item, tuple):
            rule = REPORTER if doc.options.explain else None
            reporter = (None, None, None, None, UNATTRIBUTED_CONFIDENCE)
            claims.append(Claim(claim_id, span(*item), "unattributed", *reporter, rule=rule))
        else:
            claims.append(_claim(claim_id, item, span, people, analysis, doc.options.explain))
    claims = [c for c in claims if c.confidence >= doc.options.min_confidence]
    speakers = _speakers(analysis, people)
    entities = _entities(text, chunks, span, speakers) if doc.options.include_entities else []
    sentences = _sentences(chunks, span) if doc.options.include_sentences else None
    return Extraction(
        doc.id, text, tuple(claims), tuple(speakers), tuple(entities), sentences, (), meta
    )


def _claim(
    claim_id: str, item: Any, span: SpanOf, people: _Speakers, analysis: Analysis, explain: bool
) -> Claim:
    cand, res = item.candidate, item.resolution
    resolved = res is not None and res.key is not None
    sid = mention = None
    if resolved:
        mention = span(*res.mention)
        sid = people.add(res.key, mention, claim_id)
    confidence = cand.confidence * (res.confidence if resolved else UNATTRIBUTED_CONFIDENCE)
    cue = span(*cand.cue) if cand.cue else None
    return Claim(
        claim_id,
        span(cand.start, cand.end),
        cast(ClaimType, cand.type),
        cue,
        cast(Framing, framing_of(cand.cue_lemma)) if cue else None,
        sid,
        mention,
        round(confidence, 3),
        round(res.confidence, 3) if resolved else None,
        rule=cand.rule if explain else None,
        speaker_rule=res.rule if explain and resolved else None,
        resolution=_how(analysis, item, span) if resolved else None,
    )


def _how(analysis: Analysis, item: Any, span: SpanOf) -> SpeakerResolution:
    """How the claim's speaker name was reached (see SpeakerResolution)."""
    res = item.resolution
    entity = analysis.resolver.entities[res.key]
    written = strip_article(analysis.resolver.text[res.mention[0] : res.mention[1]])
    as_written = entity.name.lower() == written.lower() and (
        res.kind in {"pronoun", "nominal", "group"} or entity.name[:1].islower()
    )
    if as_written or entity.type == "UNKNOWN":
        method = "unresolved"
    elif item.candidate.inherit:
        method = "inherited"
    elif res.method is not None:
        method = res.method
    elif res.kind == "pronoun":
        method = "pronoun"
    elif res.kind in {"nominal", "group"}:
        method = "description"
    else:
        method = "name" if " ".join(written.split()) == entity.name else "alias"
    antecedent = span(*res.antecedent) if res.antecedent is not None else None
    return SpeakerResolution(method, antecedent, round(res.confidence, 3))


def _speakers(analysis: Analysis, people: _Speakers) -> list[Speaker]:
    out = []
    for key, sid in people.ids.items():
        entity = analysis.resolver.entities[key]
        aliases = sorted(entity.aliases - {entity.name})
        out.append(
            Speaker(
                sid,
                entity.name,
                cast(SpeakerType, entity.type),
                entity.role,
                tuple(aliases),
                tuple(sorted(people.mentions.get(key, []), key=lambda s: s.start)),
                tuple(people.claims.get(key, [])),
            )
        )
    return out


def _entities(
    text: str, chunks: list[tuple[Any, int]], span: SpanOf, speakers: list[Speaker]
) -> list[Entity]:
    """The tagger's entities, one type per name across the article (entity_types)."""
    mentions = [
        Mention(base + ent.start_char, base + ent.end_char, ent.label_)
        for parsed, base in chunks
        for ent in parsed.ents
        if ent.label_ in ENTITY_LABELS
    ]
    out = []
    for m in consistent_entities(text, mentions, [(sp.name, sp.type) for sp in speakers]):
        s = span(m.start, m.end)
        out.append(Entity(s.text, m.label, s.start, s.end, s.start_utf16, s.end_utf16))
    return out


def _sentences(chunks: list[tuple[Any, int]], span: SpanOf) -> tuple[SentenceInfo, ...]:
    out = []
    for parsed, base in chunks:
        for sent in sentences(parsed):
            text = sent.text
            start = base + sent.start_char + (len(text) - len(text.lstrip()))
            end = base + sent.start_char + len(text.rstrip())
            if end > start:
                s = span(start, end)
                out.append(SentenceInfo(s.start, s.end, s.start_utf16, s.end_utf16))
    return tuple(out)
