"""Frozen domain objects passed between the pipeline stages. No JSON shape here:
``api/schemas.py`` owns the wire format. All offsets are code points into the
caller's original text; UTF-16 offsets are added at assembly time."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

ClaimType = Literal["direct", "indirect", "mixed", "unattributed"]
Framing = Literal["neutral", "distancing", "accusatory", "endorsing", "none"]
SpeakerType = Literal["PERSON", "ORG", "GROUP", "UNKNOWN"]


@dataclass(frozen=True)
class LabelSpec:
    """A caller's label: a name, an optional description and example sentences."""

    name: str
    description: str | None = None
    examples: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    start_utf16: int = 0
    end_utf16: int = 0


@dataclass(frozen=True)
class Speaker:
    id: str
    name: str
    type: SpeakerType
    role: str | None
    aliases: tuple[str, ...]
    mentions: tuple[Span, ...]
    claim_ids: tuple[str, ...]


@dataclass(frozen=True)
class LabelScore:
    label: str
    score: float


@dataclass(frozen=True)
class Stance:
    target: str
    label: str
    score: float


@dataclass(frozen=True)
class Claim:
    id: str
    span: Span
    type: ClaimType
    cue: Span | None
    framing: Framing | None
    speaker_id: str | None
    mention: Span | None
    confidence: float
    speaker_confidence: float | None = None
    labels: tuple[LabelScore, ...] = ()
    checkworthiness: float | None = None
    stance: tuple[Stance, ...] = ()


@dataclass(frozen=True)
class Entity:
    text: str
    label: str
    start: int
    end: int
    start_utf16: int = 0
    end_utf16: int = 0


@dataclass(frozen=True)
class SentenceInfo:
    start: int
    end: int
    checkworthiness: float | None = None


@dataclass(frozen=True)
class Options:
    include_sentences: bool = False
    include_entities: bool = True
    min_confidence: float = 0.0
    multi_label: bool = True
    classify: bool = True  # labels and check-worthiness; False: attribution (and stance) only


@dataclass(frozen=True)
class Document:
    text: str
    id: str | None = None
    title: str | None = None
    labels: tuple[str | LabelSpec, ...] = ()  # a name, or a name with description/examples
    targets: tuple[str, ...] = ()
    options: Options = field(default_factory=Options)


@dataclass(frozen=True)
class Extraction:
    id: str | None
    text: str
    claims: tuple[Claim, ...]
    speakers: tuple[Speaker, ...]
    entities: tuple[Entity, ...]
    sentences: tuple[SentenceInfo, ...] | None
    document_stance: tuple[Stance, ...]
    meta: dict[str, Any]
