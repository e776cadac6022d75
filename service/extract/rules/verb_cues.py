"""Reported speech cued by a word of the sentence: cue verbs with their content (the
``verb_cue`` sieve in chain.py), speech verbs the tagger took for nouns, and the
dispatch to noun, adjective, "according to" and poll cues (rules/nonverbal.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

from service.extract.lexicon import cues
from service.extract.model import MIN_CONTENT_CHARS, Candidate, Context
from service.extract.registry import CONFIDENCE, WEAK_CUE_PENALTY, rule, sieve, variant
from service.extract.rules.asides import NP_WORDS, surface_aside
from service.extract.rules.chain import STANCE_TARGET, SUBJECT, Found, VerbCue
from service.extract.rules.cue_subjects import governing_subject
from service.extract.rules.nonverbal import according_to, in_poll
from service.extract.rules.objects import MIN_TARGET_CHARS
from service.extract.syntax import acts_as_verb, char_range, trim_span


@rule(
    "source.according_to",
    "token_cue",
    examples=["The ferry will stop running in May, according to the harbour master."],
)
def according(ctx: Context, token: Any) -> Candidate | None:
    """ "X did Y, according to Z" / "According to Z, X did Y": Z is the source."""
    if token.lemma_.lower() != "accord" or token.lower_ != "according":
        return None
    return according_to(ctx, token)


@rule(
    "source.in_poll",
    "token_cue",
    examples=["In the latest poll, the mayor leads her rival by five points."],
    counter_examples=["The mayor said in the latest poll that she leads by five points."],
)
def poll(ctx: Context, token: Any) -> Candidate | None:
    """ "In the latest poll, X leads by five points": the poll is the source."""
    if token.lower_ != "in" or token.dep_ != "prep":
        return None
    return in_poll(ctx, token)


def reported_candidates(ctx: Context) -> Iterator[Candidate]:
    """Reported speech in one chunk: what each token cues, the first rule of SIEVES
    ``token_cue`` that finds a claim (each rule reads only the tokens of its kind)."""
    rules = [r.fn for r in sieve("token_cue") if r.fn is not None]
    for token in ctx.doc:
        found = next((c for c in (find(ctx, token) for find in rules) if c is not None), None)
        if found is not None:
            yield cast(Candidate, found).with_(doc_index=ctx.index)


def cue_verb_like(token: Any) -> bool:
    """A cue verb, or its twin the tagger took for a noun, that is not "according"."""
    return (
        not (token.lower_ == "according" and token.lemma_.lower() == "accord")
        and acts_as_verb(token)
        and cues.is_cue_verb(token.lemma_.lower())
    )


@rule(
    "verb.cue",
    "token_cue",
    examples=["The mayor said the bridge would reopen in June."],
    counter_examples=["That said, the bridge will reopen in June."],
    runs="verb_cue",
)
def verb_cue(ctx: Context, verb: Any) -> Candidate | None:
    """A cue verb's content and speaker: the rules of SIEVES ``verb_cue`` in order, each
    tried while none has found content (``verb.stance_target`` also while none has found
    a speaker)."""
    if not cue_verb_like(verb) or idiom(verb):
        return None
    lemma = verb.lemma_.lower()
    cue = VerbCue(verb, lemma, lemma in cues.WEAK_CUES)
    found, name = None, ""
    for r in sieve("verb_cue"):
        if found is not None and not (r.name == STANCE_TARGET and speaker_of(found, cue) is None):
            continue
        assert r.fn is not None
        result = r.fn(cue)
        if result is not None:
            found, name = result, r.name
    if found is None:
        return None
    speaker = speaker_of(found, cue)
    if speaker is None and found.pattern == "object":
        speaker = governing_subject(verb)
    if speaker is None and found.pattern != "object":
        return None
    if cue.weak and (
        found.pattern not in {"ccomp", "object"}
        or speaker is None
        or speaker.lower_ in {"i", "we", "you"}
    ):
        return None
    confidence = CONFIDENCE[name] - (WEAK_CUE_PENALTY if cue.weak else 0.0)
    return indirect(ctx, verb, found.content, found.pattern, confidence, lemma, speaker, name)


def speaker_of(found: Found, cue: VerbCue) -> Any:
    return cue.subject if found.speaker is SUBJECT else found.speaker


def indirect(
    ctx: Context,
    cue: Any,
    content: tuple[int, int],
    pattern: str,
    confidence: float,
    lemma: str,
    speaker: Any,
    name: str,
) -> Candidate | None:
    """The indirect claim of a cue token over doc-local ``content``, trimmed; none when
    what is left is too short to say anything."""
    start, end = trim_span(ctx.text, *ctx.absolute(content))
    if end - start < (MIN_TARGET_CHARS if pattern == "target" else MIN_CONTENT_CHARS):
        return None
    span = ctx.token_span(cue)
    return Candidate(
        start,
        end,
        "indirect",
        f"reported:{pattern}",
        confidence,
        span,
        lemma,
        subject=speaker,
        rule=name,
    )


def idiom(verb: Any) -> bool:
    """ "That said, ..." / "That being said, ...": a transition, nobody's claim."""
    doc, i = verb.doc, verb.i
    if verb.lower_ != "said" or i + 1 >= len(doc) or doc[i + 1].text != ",":
        return False
    before = doc[i - 1] if i > 0 else None
    if before is not None and before.lower_ == "being":
        before = doc[i - 2] if i > 1 else None
    return (
        before is not None
        and before.lower_ in {"that", "this"}
        and (before.i == verb.sent.start or doc[before.i - 1].is_punct)
    )


# finite cue forms the tagger takes for nouns at a sentence's end ("..., records show.")
MISTAGGED_CUES = {"show", "shows", "say", "says", "suggest", "suggests", "indicate"}


def verb_form(token: Any) -> str | None:
    """The speech verb a token the tagger calls a plural noun spells ("charges" →
    charge, "denies" → deny, "maintains" → maintain), or one of MISTAGGED_CUES."""
    low = token.lower_
    if low in MISTAGGED_CUES:
        return low.removesuffix("s")
    if token.tag_ != "NNS" or not low.endswith("s"):
        return None
    stems = [low[:-1], low[:-2]] + ([low[:-3] + "y"] if low.endswith("ies") else [])
    return next((st for st in stems if cues.is_speech_verb(st)), None)


# stems whose plural is mostly a plain noun ("in 50 states.", "2.1 points.", "his notes."):
# as a sentence-final aside only the MISTAGGED_CUES forms count
NOUNISH_STEMS = {
    "state",
    "point",
    "note",
    "report",
    "claim",
    "charge",
    "call",
    "answer",
    "comment",
    "remark",
    "question",
    "reply",
    "word",
    "tweet",
    "post",
    "detail",
    "record",
}


MISTAGGED_ASIDE = variant(
    "verb.mistagged_aside",
    "token_cue",
    of="verb.mistagged",
    examples=["The ferry ran late all winter, the operator's own engineer maintains."],
    doc="A finite speech verb the tagger took for a noun, ending a sentence after a comma.",
)
MISTAGGED_THAT = variant(
    "verb.mistagged_that",
    "token_cue",
    of="verb.mistagged",
    doc="A name, a speech verb tagged as a plural noun, then 'that' and a clause.",
)


@rule("verb.mistagged", "token_cue")
def mistagged_cue(ctx: Context, token: Any) -> Candidate | None:
    """A speech verb the tagger takes for a plural noun ("…, records show.", "Lee
    charges that …"): a sentence-final aside, else a "that" clause after a name."""
    if token.pos_ != "NOUN" or verb_form(token) is None:
        return None
    lemma = verb_form(token) or token.lower_
    aside = token.lower_ in MISTAGGED_CUES or lemma not in NOUNISH_STEMS
    found = surface_aside(token, finite=True) if aside else None
    name = MISTAGGED_ASIDE
    if found is None:
        found, name = mistagged_that(token), MISTAGGED_THAT
    if found is None:
        return None
    speaker, content = found
    return indirect(ctx, token, content, "final", CONFIDENCE[name], lemma, speaker, name)


def mistagged_that(token: Any) -> tuple[Any, tuple[int, int]] | None:
    """ "Brandt charges that the board ... hid the budget": a name opening the sentence,
    a speech verb the tagger takes for a plural noun, then "that" and a clause."""
    doc, sent = token.doc, token.sent
    after = token.i + 1
    if (
        after >= sent.end - 1
        or doc[after].lower_ != "that"
        or token.i == sent.start
        or doc[token.i - 1].pos_ not in {"PROPN", "NOUN", "PRON"}
        or any(t.pos_ not in NP_WORDS | {"PART"} for t in doc[sent.start : token.i])
        or not any(t.pos_ in {"VERB", "AUX"} for t in doc[after + 1 : sent.end])
    ):
        return None
    last = sent.end - 1
    while last > after and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    return doc[token.i - 1], char_range(doc, after + 1, last + 1)
