"""The extraction response: marshmallow schemas that dump the domain objects
(``service.domain``) directly, the one serialiser for the HTTP views and the CLI alike
(``ExtractResponseSchema().dump(extraction)``). The only join is a claim with its speaker
row (``ClaimView``), made in ``ExtractResponseSchema``'s pre-dump hook."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from marshmallow import Schema, fields, post_dump, pre_dump, validate

from service.domain import Claim, Extraction, Span, Speaker

CLAIM_TYPES = ["direct", "indirect", "mixed", "unattributed"]
FRAMINGS = ["neutral", "distancing", "accusatory", "endorsing"]
SPEAKER_TYPES = ["PERSON", "ORG", "GROUP", "UNKNOWN"]
RESOLUTION_METHODS = [
    "name",
    "alias",
    "pronoun",
    "description",
    "org-level",
    "document",
    "inherited",
    "unresolved",
]


class SpanSchema(Schema):
    text = fields.String(required=True)
    start = fields.Integer(required=True, metadata={"description": "Code-point offset"})
    end = fields.Integer(required=True)
    start_utf16 = fields.Integer(required=True)
    end_utf16 = fields.Integer(required=True)


class CueSchema(Schema):
    text = fields.String(required=True)
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)


class SpeakerResolutionSchema(Schema):
    method = fields.String(
        required=True,
        validate=validate.OneOf(RESOLUTION_METHODS),
        metadata={
            "description": "How the name was reached: the mention is the name (name) or a "
            "shorter form of it (alias); a pronoun, a description, staff speaking for an "
            "organisation or person (org-level) or a document or the article's writer "
            "(document) linked to a named entity; the speaker of a preceding claim "
            "(inherited); or no named referent found, so the name is the mention as "
            "written (unresolved)"
        },
    )
    antecedent = fields.Nested(
        SpanSchema,
        allow_none=True,
        required=True,
        metadata={"description": "The mention the name was read from, when not the mention"},
    )
    confidence = fields.Float(required=True)
    rule = fields.String(
        metadata={"description": "With options.explain: the speakers-stage rule that chose it"}
    )

    @post_dump
    def _rule_only_when_explained(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        if data.get("rule") is None:
            data.pop("rule", None)
        return data


class SpeakerRefSchema(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    type = fields.String(required=True, validate=validate.OneOf(SPEAKER_TYPES))
    mention = fields.Nested(SpanSchema, required=True)
    confidence = fields.Float(allow_none=True)
    resolution = fields.Nested(SpeakerResolutionSchema, allow_none=True, required=True)


class LabelScoreSchema(Schema):
    label = fields.String(required=True)
    score = fields.Float(required=True)


class StanceSchema(Schema):
    target = fields.String(required=True)
    label = fields.String(required=True)
    score = fields.Float(required=True)


@dataclass(frozen=True)
class ResolutionView:
    """A claim's SpeakerResolution, with the speakers-stage rule when explained."""

    method: str
    antecedent: Span | None
    confidence: float
    rule: str | None

    @classmethod
    def of(cls, claim: Claim) -> ResolutionView | None:
        how = claim.resolution
        if how is None:
            return None
        return cls(how.method, how.antecedent, how.confidence, claim.speaker_rule)


@dataclass(frozen=True)
class SpeakerRef:
    """What a claim says of its speaker: the speaker row's id, name and type, and the
    claim's own mention and speaker confidence."""

    id: str
    name: str
    type: str
    mention: Span
    confidence: float | None
    resolution: ResolutionView | None = None


@dataclass(frozen=True)
class ClaimView:
    """A claim joined with its speaker row; every other attribute is the claim's."""

    claim: Claim
    speaker: SpeakerRef | None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.claim, name)

    @classmethod
    def of(cls, claim: Claim, speakers: dict[str, Speaker]) -> ClaimView:
        row = speakers.get(claim.speaker_id) if claim.speaker_id is not None else None
        ref = None
        if row is not None and claim.mention is not None:
            ref = SpeakerRef(
                row.id,
                row.name,
                row.type,
                claim.mention,
                claim.speaker_confidence,
                ResolutionView.of(claim),
            )
        return cls(claim, ref)


class ClaimSchema(Schema):
    id = fields.String(required=True)
    text = fields.String(required=True, attribute="span.text")
    start = fields.Integer(required=True, attribute="span.start")
    end = fields.Integer(required=True, attribute="span.end")
    start_utf16 = fields.Integer(required=True, attribute="span.start_utf16")
    end_utf16 = fields.Integer(required=True, attribute="span.end_utf16")
    type = fields.String(required=True, validate=validate.OneOf(CLAIM_TYPES))
    cue = fields.Nested(CueSchema, allow_none=True, required=True)
    framing = fields.String(allow_none=True, required=True, validate=validate.OneOf(FRAMINGS))
    speaker = fields.Nested(SpeakerRefSchema, allow_none=True, required=True)
    confidence = fields.Float(required=True)
    labels = fields.List(fields.Nested(LabelScoreSchema), required=True)
    checkworthiness = fields.Float(allow_none=True, required=True)
    stance = fields.List(fields.Nested(StanceSchema), required=True)
    rule = fields.String(
        metadata={"description": "With options.explain: the attribution rule that made it"}
    )

    @post_dump
    def _without_empty_rule(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        if data.get("rule") is None:
            data.pop("rule", None)
        return data


class MentionSchema(Schema):
    text = fields.String(required=True)
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    start_utf16 = fields.Integer(required=True)
    end_utf16 = fields.Integer(required=True)


class SpeakerSchema(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    type = fields.String(required=True, validate=validate.OneOf(SPEAKER_TYPES))
    role = fields.String(allow_none=True, required=True)
    aliases = fields.List(fields.String(), required=True)
    mentions = fields.List(fields.Nested(MentionSchema), required=True)
    claim_ids = fields.List(fields.String(), required=True)


class EntitySchema(Schema):
    text = fields.String(required=True)
    label = fields.String(required=True)
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    start_utf16 = fields.Integer(required=True)
    end_utf16 = fields.Integer(required=True)


class SentenceSchema(Schema):
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    start_utf16 = fields.Integer(required=True)
    end_utf16 = fields.Integer(required=True)
    checkworthiness = fields.Float(allow_none=True, required=True)


class ModelInfoSchema(Schema):
    role = fields.String(required=True)
    name = fields.String(required=True)
    version = fields.String(required=True)


class RangeSchema(Schema):
    start = fields.Integer(required=True, metadata={"description": "Code-point offset"})
    end = fields.Integer(required=True)


class MetaSchema(Schema):
    service_version = fields.String(required=True)
    models = fields.List(fields.Nested(ModelInfoSchema), required=True)
    timings_ms = fields.Dict(keys=fields.String(), values=fields.Float(), required=True)
    truncated = fields.Boolean(required=True)
    chunks = fields.Integer(required=True)
    characters = fields.Integer(required=True)
    unparsed = fields.List(
        fields.Nested(RangeSchema),
        required=True,
        metadata={
            "description": "Tails of sentences longer than parse_sentence_chars, which were "
            "not parsed; a claim that reaches one is extended over it"
        },
    )


class ExtractResponseSchema(Schema):
    id = fields.String(allow_none=True, required=True)
    claims = fields.List(fields.Nested(ClaimSchema), required=True)
    speakers = fields.List(fields.Nested(SpeakerSchema), required=True)
    entities = fields.List(fields.Nested(EntitySchema), required=True)
    document_stance = fields.List(fields.Nested(StanceSchema), required=True)
    document_labels = fields.List(
        fields.Nested(LabelScoreSchema),
        required=True,
        metadata={
            "description": "The caller's labels scored on the whole article (title, lead and "
            "claims), best first, in the shape of claims[].labels; empty without caller "
            "labels or with labels_scope 'claims'"
        },
    )
    sentences = fields.List(fields.Nested(SentenceSchema), allow_none=True)
    meta = fields.Nested(MetaSchema, required=True)

    @pre_dump
    def _join_speakers(self, ex: Extraction, **_: Any) -> dict[str, Any]:
        speakers = {s.id: s for s in ex.speakers}
        body: dict[str, Any] = {
            "id": ex.id,
            "claims": [ClaimView.of(c, speakers) for c in ex.claims],
            "speakers": ex.speakers,
            "entities": ex.entities,
            "document_stance": ex.document_stance,
            "document_labels": ex.document_labels,
            "meta": ex.meta,
        }
        if ex.sentences is not None:  # absent unless options.include_sentences
            body["sentences"] = ex.sentences
        return body
