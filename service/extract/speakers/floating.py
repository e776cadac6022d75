"""Speakers of floating quotes: a quote with no cue of its own takes the speaker its
context gives it, by the first rule of ``registry.SIEVES["floating_speaker"]`` that finds
one (the split quote of the last attributed quote; who acts around it; who acts in the
sentence before; the speaker of the claim before)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from service.extract.lexicon.cues import is_speech_verb
from service.extract.model import Candidate
from service.extract.registry import rule, sieve
from service.extract.rules.quote_words import person_like
from service.extract.speakers.names import QUOTE_TOKENS
from service.extract.speakers.resolver import Resolution, SpeakerResolver

if TYPE_CHECKING:
    from service.extract.speakers.stage import Attributed

NP_TAGS = {"DT", "JJ", "NN", "NNS", "NNP", "NNPS", "CD", "PRP", "POS", "NNP$", "PRP$"}
FINITE = {"VBD", "VBZ", "VBP", "VBN", "VB"}  # the tagger mixes these up after quotes
# what a verb right after a quote governs when it starts a sentence of its own
# (“…” Ann Lee said the …): not the quote's cue
GOVERNED_AFTER = {"ccomp", "xcomp", "dobj", "conj", "advcl"}
CONTEXT = 0.6  # confidence of a speaker read from the words around the quote
SPLIT_QUOTE = "speaker.split_quote"


@dataclass
class Reading:
    """What the speakers stage knows while it reads an article in order."""

    chunks: Any  # Sequence[tuple[Doc, int]]
    resolver: SpeakerResolver
    text: str
    previous: Attributed | None = None  # the last claim with a speaker
    quoted: Attributed | None = None  # the last quote with a speaker


def floating_speaker(cand: Candidate, state: Reading, skip: str = "") -> Resolution | None:
    """The first rule of SIEVES ``floating_speaker`` (but ``skip``) that names one."""
    for r in sieve("floating_speaker"):
        if r.name == skip or r.fn is None:
            continue
        found = r.fn(cand, state)
        if found is not None:
            return replace(found, rule=r.name)
    return None


def _quote_tokens(cand: Candidate, state: Reading) -> tuple[Any, int, Any, Any]:
    """(doc, base, the quote's token span or None, its sentence or None)."""
    doc, base = state.chunks[cand.doc_index]
    span = doc.char_span(cand.start - base, cand.end - base, alignment_mode="expand")
    own = doc[span.start].sent if span is not None else None
    return doc, base, span, own


def _from_token(tok: Any, base: int, state: Reading) -> Resolution | None:
    if tok is None:
        return None
    resolution = state.resolver.resolve(tok, base)
    if resolution.key is None:
        return None
    return Resolution(resolution.mention, resolution.key, resolution.kind, CONTEXT)


@rule(
    SPLIT_QUOTE,
    "floating_speaker",
    examples=['"We close at ten," Brun said as she locked the door. "Not at midnight."'],
)
def split_quote(cand: Candidate, state: Reading) -> Resolution | None:
    """“…,” X said as she took the stage. “…”: a quote that opens a sentence in the
    paragraph of an attributed quote continues it, whatever acts in between."""
    quoted, resolver, text = state.quoted, state.resolver, state.text
    if quoted is None or quoted.resolution is None:
        return None
    gap = text[quoted.candidate.end : cand.start]
    if "\n" in gap or len(gap) > 200 or not _opens_sentence(text, cand.start):
        return None
    r = latest_mention(quoted.resolution, resolver, cand.start)
    return Resolution(r.mention, r.key, r.kind, r.confidence * 0.9)


def latest_mention(r: Resolution, resolver: SpeakerResolver, start: int) -> Resolution:
    """An inherited speaker is named by the person's latest mention before the quote:
    "“…,” said Nina Falk. Falk added that … “…”" is Falk's by "Falk"; after "said Falk, who
    …" by "Falk" rather than "who"."""
    if r.key is None or r.kind not in {"name", "pronoun"}:
        return r
    after = r.mention[1]
    if resolver.text[r.mention[0] : r.mention[1]].lower() in {"who", "that"}:
        after = max(0, r.mention[0] - 60)
    span = resolver.latest_name(r.key, after, start)
    if span is None:
        return r
    return Resolution(span, r.key, "name", r.confidence)


def _opens_sentence(text: str, start: int) -> bool:
    """The quote's opening mark follows a sentence end (or starts the text)."""
    i = start - 1
    while i >= 0 and text[i] in "\"“„«'‘ \t":
        i -= 1
    return i < 0 or text[i] in ".!?”\"'’"


@rule(
    "speaker.trailing_subject",
    "floating_speaker",
    examples=[
        'The council met.\n\n"We answered every question they asked." The spokesman insisted.'
    ],
)
def trailing(cand: Candidate, state: Reading) -> Resolution | None:
    """“…,” Ann Lee barked. / “…” read one sign: who acts right after the closing mark."""
    doc, base, span, own = _quote_tokens(cand, state)
    if span is None or own is None:
        return None
    return _from_token(_trailing_subject(doc, span.end), base, state)


@rule(
    "speaker.lead_in_subject",
    "floating_speaker",
    examples=['After the chair spoke, Bea Lott shot back, "You have stalled for a year."'],
)
def lead_in(cand: Candidate, state: Reading) -> Resolution | None:
    """ "After A spoke, Bea shot back, “…”", "X was prompted to say, “…”": who acts in
    the clause that leads into the quote."""
    doc, base, span, own = _quote_tokens(cand, state)
    if span is None or own is None:
        return None
    return _from_token(_lead_in_subject(doc, span.start), base, state)


@rule(
    "speaker.subject_before",
    "floating_speaker",
    examples=['Coyle thanked the workers for "sixty years of honest bicycles and good work."'],
)
def subject_before(cand: Candidate, state: Reading) -> Resolution | None:
    """“…” inside a sentence whose subject acts before it ("X thanked him for “…”")."""
    _, base, span, own = _quote_tokens(cand, state)
    if span is None or own is None:
        return None
    return _from_token(_subject_before(own, span.start), base, state)


@rule(
    "speaker.previous_sentence",
    "floating_speaker",
    examples=['Marta Quill thanked the crowd and sat down. "We will not rush this decision."'],
)
def previous_sentence(cand: Candidate, state: Reading) -> Resolution | None:
    """The person acting in the sentence just before the quote, when no claim took it."""
    doc, base, _, own = _quote_tokens(cand, state)
    if own is None or own.start == 0:
        return None
    prev_sent = doc[own.start - 1].sent
    gap = state.text[base + prev_sent.end_char : cand.start]
    subject = _acting_subject(prev_sent)
    previous = state.previous
    claimed = previous is not None and previous.candidate.end >= base + prev_sent.start_char
    if subject is None or claimed or gap.count("\n") > 2:
        return None
    resolution = state.resolver.resolve(subject, base)
    if resolution.key is None or resolution.kind not in {"name", "pronoun"}:
        return None
    return Resolution(resolution.mention, resolution.key, resolution.kind, CONTEXT)


@rule(
    "speaker.previous_claim",
    "floating_speaker",
    examples=[
        'Reed said the company had planned the move for years.\n\n"We all knew what that meant."'
    ],
)
def previous_claim(cand: Candidate, state: Reading) -> Resolution | None:
    """The speaker of the claim before, when it is at most a few paragraphs back."""
    previous = state.previous
    if previous is None or previous.resolution is None:
        return None
    gap = state.text[previous.candidate.end : cand.start]
    if gap.count("\n") > 4 or len(gap) > 1500:
        return None
    r = latest_mention(previous.resolution, state.resolver, cand.start)
    return Resolution(r.mention, r.key, r.kind, r.confidence * 0.8)


def _subject_before(sent: Any, start: int) -> Any:
    """The sentence's acting subject when it stands before the quote's first token."""
    subject = _acting_subject(sent, lambda t: t.pos_ == "NOUN" or person_like(t))
    if subject is not None and sent.start <= subject.i < start - 1:
        return subject
    return None


def _trailing_subject(doc: Any, end: int) -> Any:
    """ "“…,” Ann Lee barked", "“…” read one sign": the subject of the clause that opens
    right after a quote's closing mark, on the same line, whatever its verb (the verb
    governs the quote it follows). None when a new sentence or paragraph starts there."""
    k = end
    while k < len(doc) and doc[k].is_punct and doc[k].text not in ".!?":
        k += 1
    if k >= len(doc) or (k == end and not doc[end - 1].is_punct):
        return None
    if any("\n" in doc[i].text_with_ws for i in range(end - 1, k)):
        return None
    first = doc[k]
    if first.is_space or first.tag_ not in NP_TAGS | FINITE:
        return None
    subject, verb = None, first
    if first.tag_ in FINITE:  # inverted: "read one sign", "blared the front page"
        subject = next(
            (c for c in first.children if c.dep_ in {"nsubj", "dobj", "attr"} and c.i > k), None
        )
    else:  # "Ann Lee barked", "the group shouted"
        m = k
        while m < min(len(doc), k + 6) and doc[m].tag_ in NP_TAGS:
            m += 1
        if m < len(doc) and m > k and doc[m].tag_ in FINITE and doc[m].pos_ == "VERB":
            subject, verb = doc[m - 1], doc[m]
    if subject is None:
        return None
    if doc[end - 1].text[-1:] in {".", "!", "?"} and (
        subject.pos_ == "PRON"
        or not is_speech_verb(verb.lemma_.lower())
        or any(c.dep_ in GOVERNED_AFTER and c.i > verb.i for c in verb.children)
    ):
        return None  # “… fair.” He left. / “…” Ann Lee said the …: a sentence of its own
    if not (subject.pos_ in {"NOUN", "PROPN", "NUM"} or person_like(subject)):
        return None
    return subject


def _lead_in_subject(doc: Any, start: int) -> Any:
    """The subject of the verb nearest before a quote's opening mark, when a comma or
    colon leads into the quote from a clause on the same line ("Bea shot back, “…”",
    "As Al Lee put it, “…”", "X was prompted to say, “…”")."""
    k = start - 1
    while k >= 0 and doc[k].text in QUOTE_TOKENS:
        k -= 1
    if k < 0 or doc[k].text not in {",", ":"}:
        return None
    skip: int | None = None
    for i in range(k - 1, max(-1, k - 40), -1):
        tok = doc[i]
        if "\n" in tok.text_with_ws or tok.text in {".", "!", "?", ";"} or tok.text in QUOTE_TOKENS:
            return None
        if skip is not None and skip <= i:
            continue
        clause = _modifier_clause(tok) if tok.pos_ == "VERB" else None
        if clause is not None:  # "of people whose rights were restored, “…”": skip it
            skip = clause.left_edge.i
            continue
        if tok.pos_ == "VERB":
            subject = clause_subject(tok)
            if (
                subject is None
                or subject.i >= start
                or not (subject.pos_ in {"NOUN", "PROPN"} or person_like(subject))
            ):
                return None
            if any("\n" in t.text_with_ws for t in doc[subject.i : k]):
                return None
            return subject
    return None


def _modifier_clause(verb: Any) -> Any:
    """The relative or participle clause a verb belongs to, if any."""
    for _ in range(4):
        if verb.dep_ in {"relcl", "acl"}:
            return verb
        if verb.dep_ not in {"conj", "xcomp", "advcl", "ccomp"} or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def clause_subject(verb: Any) -> Any:
    """The verb's subject (a passive one included: "X was prompted to say"), else that of
    the verb an xcomp, conj or participle hangs from."""
    for _ in range(3):
        for child in verb.children:
            if child.dep_ == "agent":  # "X was asked by Y, “…”": Y asks
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                return child
        if verb.dep_ not in {"xcomp", "conj", "advcl"} or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _acting_subject(sent: Any, accept: Any = None) -> Any:
    root = sent.root
    for child in root.children:
        if child.dep_ != "nsubj":
            continue
        if child.ent_type_ == "PERSON" or child.pos_ in {"PROPN", "PRON"}:
            return child
        if accept is not None and accept(child):
            return child
    return None
