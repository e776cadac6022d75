"""Speakers resolved in reading order, so that pronouns and epithets see the speakers
before them: a candidate's subject through the resolver; a floating quote from its
context (the person acting in its sentence or the one before, else the preceding
claim's speaker); a participle that borrowed a pronoun ("X said she ..., arguing that
...") named by the sayer's own mention."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from service.extract.framing import is_speech_verb
from service.extract.model import Candidate
from service.extract.names import QUOTE_TOKENS, surname
from service.extract.rules.quote_cues import person_like
from service.extract.speakers import Resolution, SpeakerResolver
from service.extract.syntax import subject_of

NP_TAGS = {"DT", "JJ", "NN", "NNS", "NNP", "NNPS", "CD", "PRP", "POS", "NNP$", "PRP$"}
FINITE = {"VBD", "VBZ", "VBP", "VBN", "VB"}  # the tagger mixes these up after quotes
CONTENT_DEPS = {"ccomp", "xcomp", "dobj", "conj", "advcl"}


@dataclass(frozen=True)
class Attributed:
    candidate: Candidate
    resolution: Resolution | None


def resolve_in_order(
    chosen: list[Candidate], chunks: Sequence[tuple[Any, int]], resolver: SpeakerResolver, text: str
) -> list[Attributed]:
    out: list[Attributed] = []
    previous: Attributed | None = None
    quoted: Attributed | None = None  # the last quote with a speaker
    for cand in chosen:
        if cand.inherit:
            resolution = _split_quote_speaker(cand, quoted, resolver, text)
            if resolution is None:
                resolution = _context_speaker(cand, chunks, resolver, previous, text)
        elif cand.subject is not None:
            base = chunks[cand.doc_index][1]
            subject = _nearest_subject(cand.subject) if cand.mention is None else cand.subject
            resolution = resolver.resolve(subject, base, cand.mention)
            if (
                resolution.kind == "pronoun"
                and resolution.key is not None
                and cand.cue is not None
                and base + subject.head.idx != cand.cue[0]
            ):  # the cue has no subject of its own: it borrowed the pronoun
                resolution = _sayer_mention(subject, base, resolver, resolution)
            if resolution.kind == "pronoun" and subject.dep_ == "poss":
                resolution = _possessor_subject(subject, base, resolver, resolution)
            if _quoted_subject(cand, resolution, resolver):
                resolution = _borrowed(cand, chunks, resolver, previous, text) or resolution
        else:
            resolution = None
        if resolution is not None:
            resolver.record(resolution)
        attributed = Attributed(cand, resolution)
        out.append(attributed)
        if resolution is not None and resolution.key is not None:
            previous = attributed
            if cand.type == "direct":
                quoted = attributed
    return out


def _split_quote_speaker(
    cand: Candidate, quoted: Attributed | None, resolver: SpeakerResolver, text: str
) -> Resolution | None:
    """“…,” X said as she took the stage. “…”: a quote that opens a sentence in the
    paragraph of an attributed quote continues it, whatever acts in between."""
    if quoted is None or quoted.resolution is None:
        return None
    gap = text[quoted.candidate.end : cand.start]
    if "\n" in gap or len(gap) > 200 or not _opens_sentence(text, cand.start):
        return None
    r = _latest_mention(quoted.resolution, resolver, cand.start)
    return Resolution(r.mention, r.key, r.kind, r.confidence * 0.9)


def _quoted_subject(cand: Candidate, resolution: Resolution, resolver: SpeakerResolver) -> bool:
    """A cue outside quotation marks whose subject was found inside a quote: the subject
    was borrowed from the quoted words ("“…,” said Ann Lee, suggesting that …")."""
    return (
        cand.cue is not None
        and resolver.in_quote(resolution.mention[0])
        and not resolver.in_quote(cand.cue[0])
    )


def _borrowed(
    cand: Candidate,
    chunks: Sequence[tuple[Any, int]],
    resolver: SpeakerResolver,
    previous: Attributed | None,
    text: str,
) -> Resolution | None:
    """The speaker of a cue that borrowed its subject from a quote: the sayer of the
    claim just before it ("Lee said “…”, adding …"), else for a quote its context."""
    if previous is not None and previous.resolution is not None and cand.cue is not None:
        gap = text[previous.candidate.end : cand.cue[0]]
        if "\n" not in gap and len(gap) <= 300:
            r = previous.resolution
            return Resolution(r.mention, r.key, r.kind, r.confidence * 0.9)
    if cand.type == "direct":
        return _context_speaker(cand, chunks, resolver, previous, text)
    return None


def _latest_mention(r: Resolution, resolver: SpeakerResolver, start: int) -> Resolution:
    """An inherited speaker is named by the person's latest mention before the quote:
    "“…,” said Megan Ode. Ode added that … “…”" is Ode's by "Ode"; after "said Ode, who
    …" by "Ode" rather than "who"."""
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


def _sayer_mention(
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
        return Resolution(named.mention, named.key, named.kind, resolution.confidence)
    return resolution


def _nearest_subject(subject: Any) -> Any:
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


def _possessor_subject(
    poss: Any, base: int, resolver: SpeakerResolver, resolution: Resolution
) -> Resolution:
    """ "Lee is doubling down on his support for X", "She laid out her plan for X": the
    owner of a cue noun that is the object of a verb whose subject is that same person
    is named by the subject, who acts (not "in his remarks", "with his attacks on")."""
    noun = poss.head
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ in {"on", "upon"} and verb.dep_ == "prep":
        noun, verb = verb, verb.head
    if noun.dep_ not in {"dobj", "prep"} or verb.pos_ != "VERB" or noun.i == verb.i:
        return resolution
    subject = _clause_subject(verb)
    if subject is None or subject.i >= poss.i or subject.dep_ == "poss":
        return resolution
    named = resolver.resolve(subject, base)
    owner = resolver.entities.get(resolution.key or "")
    as_written = resolver.text[named.mention[0] : named.mention[1]]
    if named.key != resolution.key and not (  # "Trump" tagged an organisation
        owner is not None
        and named.kind == "org"
        and as_written.lower() in {surname(owner.name), *(a.lower() for a in owner.aliases)}
    ):
        return resolution
    return Resolution(named.mention, resolution.key, named.kind, resolution.confidence)


def _context_speaker(
    cand: Candidate,
    chunks: Sequence[tuple[Any, int]],
    resolver: SpeakerResolver,
    previous: Attributed | None,
    text: str,
) -> Resolution | None:
    """A floating quote: the person acting in the sentence just before it, else the
    speaker of the preceding claim when it is at most two paragraphs back."""
    doc, base = chunks[cand.doc_index]
    span = doc.char_span(cand.start - base, cand.end - base, alignment_mode="expand")
    own = doc[span.start].sent if span is not None else None
    if span is not None and own is not None:
        finders = (
            # “…,” Ann Lee barked. / “…” read one sign: who acts right after the closing mark
            lambda: _trailing_subject(doc, span.end),
            # "After A spoke, Bea shot back, “…”", "X was prompted to say, “…”": who acts
            # in the clause that leads into the quote
            lambda: _lead_in_subject(doc, span.start),
            # “…” inside a sentence whose subject acts before it ("X thanked him for “…”")
            lambda: _subject_before(own, span.start),
        )
        for find in finders:
            tok = find()
            if tok is None:
                continue
            resolution = resolver.resolve(tok, base)
            if resolution.key is not None:
                return Resolution(resolution.mention, resolution.key, resolution.kind, 0.6)
    if own is not None and own.start > 0:
        prev_sent = doc[own.start - 1].sent
        gap = text[base + prev_sent.end_char : cand.start]
        subject = _acting_subject(prev_sent)
        claimed = previous is not None and previous.candidate.end >= base + prev_sent.start_char
        if subject is not None and not claimed and gap.count("\n") <= 2:
            resolution = resolver.resolve(subject, base)
            if resolution.key is not None and resolution.kind in {"name", "pronoun"}:
                return Resolution(resolution.mention, resolution.key, resolution.kind, 0.6)
    if previous is None or previous.resolution is None:
        return None
    gap = text[previous.candidate.end : cand.start]
    if gap.count("\n") > 4 or len(gap) > 1500:
        return None
    r = _latest_mention(previous.resolution, resolver, cand.start)
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
        or any(c.dep_ in CONTENT_DEPS and c.i > verb.i for c in verb.children)
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
            subject = _clause_subject(tok)
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


def _clause_subject(verb: Any) -> Any:
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
