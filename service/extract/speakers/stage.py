"""The speakers stage: the one place where speaker mentions become speakers.

Detectors hand over a speaker *mention* (a token, or offsets) or none. This stage reads
the claims in order, so that pronouns and epithets see the speakers before them:

- a floating quote takes its context's speaker (floating.py, SIEVES
  ``floating_speaker``);
- a cue's mention goes through the resolver (``speaker.subject``) and is then refined,
  in this order: a pronoun a participle borrowed from the sayer is named by the sayer's
  own mention (``speaker.sayer_mention``); a possessive owner by the subject that acts
  (``speaker.possessor_subject``); a subject borrowed from inside a quote by the claim
  before (``speaker.borrowed``).

Every resolution carries the name of the rule that chose it (``Resolution.rule``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from service.extract.lexicon.cues import is_speech_verb
from service.extract.model import Candidate
from service.extract.registry import rule
from service.extract.speakers.floating import (
    SPLIT_QUOTE,
    Reading,
    clause_subject,
    floating_speaker,
)
from service.extract.speakers.names import surname
from service.extract.speakers.resolver import Resolution, SpeakerResolver
from service.extract.syntax import subject_of


@dataclass(frozen=True)
class Attributed:
    candidate: Candidate
    resolution: Resolution | None


def resolve_in_order(
    chosen: list[Candidate], chunks: Sequence[tuple[Any, int]], resolver: SpeakerResolver, text: str
) -> list[Attributed]:
    out: list[Attributed] = []
    state = Reading(chunks, resolver, text)
    for cand in chosen:
        if cand.inherit:
            resolution = floating_speaker(cand, state)
        elif cand.subject is not None:
            resolution = cue_speaker(cand, state)
        else:
            resolution = None
        if resolution is not None:
            resolver.record(resolution)
        attributed = Attributed(cand, resolution)
        out.append(attributed)
        if resolution is not None and resolution.key is not None:
            state.previous = attributed
            if cand.type == "direct":
                state.quoted = attributed
    return out


@rule(
    "speaker.subject",
    "speaker",
    examples=["The harbour master said the oldest ferry needs repairs within a year."],
)
def cue_speaker(cand: Candidate, state: Reading) -> Resolution:
    """The cue's mention through the resolver, then the refinements in order."""
    resolver = state.resolver
    base = state.chunks[cand.doc_index][1]
    subject = nearest_subject(cand.subject) if cand.mention is None else cand.subject
    resolver.said = (cand.start, cand.end, cand.type != "indirect")
    try:
        resolution = replace(resolver.resolve(subject, base, cand.mention), rule="speaker.subject")
    finally:
        resolver.said = None
    if (
        resolution.kind == "pronoun"
        and resolution.key is not None
        and cand.cue is not None
        and base + subject.head.idx != cand.cue[0]
    ):  # the cue has no subject of its own: it borrowed the pronoun
        resolution = sayer_mention(subject, base, resolver, resolution)
    if resolution.kind == "pronoun" and subject.dep_ == "poss":
        resolution = possessor_subject(subject, base, resolver, resolution)
    if _quoted_subject(cand, resolution, resolver):
        resolution = borrowed(cand, state) or resolution
    return resolution


def _quoted_subject(cand: Candidate, resolution: Resolution, resolver: SpeakerResolver) -> bool:
    """A cue outside quotation marks whose subject was found inside a quote: the subject
    was borrowed from the quoted words ("“…,” said Ann Lee, suggesting that …")."""
    return (
        cand.cue is not None
        and resolver.in_quote(resolution.mention[0])
        and not resolver.in_quote(cand.cue[0])
    )


@rule(
    "speaker.borrowed",
    "speaker",
)
def borrowed(cand: Candidate, state: Reading) -> Resolution | None:
    """The speaker of a cue that borrowed its subject from a quote: the sayer of the
    claim just before it ("Lee said “…”, adding …"), else for a quote its context."""
    previous = state.previous
    if previous is not None and previous.resolution is not None and cand.cue is not None:
        gap = state.text[previous.candidate.end : cand.cue[0]]
        if "\n" not in gap and len(gap) <= 300:
            r = previous.resolution
            return Resolution(r.mention, r.key, r.kind, r.confidence * 0.9, rule="speaker.borrowed")
    if cand.type == "direct":
        return floating_speaker(cand, state, skip=SPLIT_QUOTE)
    return None


@rule(
    "speaker.sayer_mention",
    "speaker",
)
def sayer_mention(
    subject: Any, base: int, resolver: SpeakerResolver, resolution: Resolution
) -> Resolution:
    """ "X said he ..., arguing that ...", "X said she has one quality: “…”": a pronoun
    inside what X said that stands for X is named by X's own mention."""
    tok = subject.head
    for _ in range(4):
        if tok.dep_ not in {"ccomp", "advcl", "conj", "xcomp"} or tok.head.i == tok.i:
            return resolution
        tok = tok.head
        if tok.pos_ not in {"VERB", "AUX"} or not is_speech_verb(tok.lemma_.lower()):
            continue
        outer = subject_of(tok)
        if outer is None or outer.i == subject.i or outer.pos_ == "PRON":
            return resolution
        named = resolver.resolve(outer, base)
        if named.key != resolution.key:
            return resolution
        made_by = "speaker.sayer_mention"
        return Resolution(named.mention, named.key, named.kind, resolution.confidence, rule=made_by)
    return resolution


def nearest_subject(subject: Any) -> Any:
    """ "A Libertarian, he backed X", "In Berea, Ohio, after the vote, Lee said": of two
    subjects the parser gives one verb, the one next to the verb; the earlier is a fronted
    description or a place."""
    if subject.dep_ not in {"nsubj", "nsubjpass"}:
        return subject
    verb = subject.head
    later = [
        c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and subject.i < c.i < verb.i
    ]
    return later[-1] if later else subject


@rule(
    "speaker.possessor_subject",
    "speaker",
    examples=["Fenwick laid out his plan for a new vocational high school in the valley."],
)
def possessor_subject(
    poss: Any, base: int, resolver: SpeakerResolver, resolution: Resolution
) -> Resolution:
    """ "Lee keeps pressing his case for X", "She set out her plan for X": the
    owner of a cue noun that is the object of a verb whose subject is that same person
    is named by the subject, who acts (not "in his remarks", "with his attacks on")."""
    noun = poss.head
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ in {"on", "upon"} and verb.dep_ == "prep":
        noun, verb = verb, verb.head
    if noun.dep_ not in {"dobj", "prep"} or verb.pos_ != "VERB" or noun.i == verb.i:
        return resolution
    subject = clause_subject(verb)
    if subject is None or subject.i >= poss.i or subject.dep_ == "poss":
        return resolution
    named = resolver.resolve(subject, base)
    owner = resolver.entities.get(resolution.key or "")
    as_written = resolver.text[named.mention[0] : named.mention[1]]
    if named.key != resolution.key and not (  # "Quill" tagged an organisation
        owner is not None
        and named.kind == "org"
        and as_written.lower() in {surname(owner.name), *(a.lower() for a in owner.aliases)}
    ):
        return resolution
    made_by = "speaker.possessor_subject"
    return Resolution(
        named.mention, resolution.key, named.kind, resolution.confidence, rule=made_by
    )
