"""Cues that are not verbs: nouns ("his claim that ...", "Lee's criticism of the
plan"), stance adjectives ("X is confident that ...", "X has been critical of Y"),
"according to X" and "in a poll" ("In the latest poll, X leads ...")."""

from __future__ import annotations

from typing import Any

from service.extract.lexicon import cues
from service.extract.model import MIN_CONTENT_CHARS, Candidate, Context
from service.extract.registry import CONFIDENCE, rule
from service.extract.syntax import acts_as_verb, char_range, np_span, subject_of, trim_span


def verb_like(token: Any) -> bool:
    """A cue verb or its twin the tagger took for a noun: the verb rules read it."""
    return acts_as_verb(token) and cues.is_cue_verb(token.lemma_.lower())


COMPLEMENT_PREPS = {"about", "of", "on", "for", "against", "over", "to", "with"}


@rule(
    "cue.noun",
    "token_cue",
    examples=["Reed's claim that the company planned the move for years angered managers."],
    counter_examples=["The claim that the company planned the move angered managers."],
)
def noun_cue(ctx: Context, noun: Any) -> Candidate | None:
    """ "his claim that ...", "Lee's criticism of the plan": the owner is the source."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in cues.CUE_NOUNS or verb_like(noun):
        return None
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if not owners:
        return None
    content = _complement(noun)
    if content is None:
        return None
    return _candidate(ctx, noun, owners[0], content, "reported:noun", "cue.noun")


@rule(
    "cue.adjective",
    "token_cue",
    examples=["Holloway is confident that the bill will pass in the spring."],
    counter_examples=["It is clear that the bill will pass in the spring."],
)
def adjective_cue(ctx: Context, adj: Any) -> Candidate | None:
    """ "X is confident that ...", "X has been critical of Y": a stance adjective whose
    clause has a subject."""
    if adj.pos_ != "ADJ" or adj.lemma_.lower() not in cues.STANCE_ADJECTIVES or verb_like(adj):
        return None
    if adj.dep_ not in {"acomp", "ROOT", "conj"}:
        return None
    verb = adj.head if adj.dep_ == "acomp" else adj
    subject = subject_of(verb)
    if subject is None or subject.lower_ in {"it", "this", "that", "there"}:
        return None
    content = _complement(adj)
    if content is None:
        return None
    return _candidate(ctx, adj, subject, content, "reported:adjective", "cue.adjective")


def _complement(head: Any) -> tuple[int, int] | None:
    """A "that"-clause, or the object of about/of/on/for/against/over/to after ``head``."""
    for child in head.children:
        if (
            child.dep_ in {"acl", "ccomp", "appos"}
            and child.pos_ in {"VERB", "AUX"}
            and any(m.lower_ in {"that", "whether"} for m in child.children)
        ):
            return char_range(head.doc, child.left_edge.i, child.right_edge.i + 1)
    for child in head.children:
        if child.dep_ == "prep" and child.i > head.i and child.lower_ in COMPLEMENT_PREPS:
            objects = [p for p in child.children if p.dep_ in {"pobj", "pcomp"}]
            if objects:
                obj = objects[0]
                return char_range(head.doc, obj.left_edge.i, obj.right_edge.i + 1)
    return None


def _candidate(
    ctx: Context,
    cue_token: Any,
    subject: Any,
    content: tuple[int, int],
    pattern: str,
    name: str,
) -> Candidate | None:
    start, end = trim_span(ctx.text, *ctx.absolute(content))
    if end - start < MIN_CONTENT_CHARS:
        return None
    return Candidate(
        start,
        end,
        "indirect",
        pattern,
        CONFIDENCE[name],
        ctx.token_span(cue_token),
        cue_token.lemma_.lower(),
        subject=subject,
        rule=name,
    )


# pattern and rule of the candidates whose source is a phrase, not a cue's subject
SOURCED = {
    "according to": ("according_to", "source.according_to"),
    "in": ("in_poll", "source.in_poll"),
}


def _sourced(
    ctx: Context,
    content: tuple[int, int],
    source_span: tuple[int, int],
    source: Any,
    cue: tuple[int, int],
    cue_text: str,
) -> Candidate | None:
    """The content tokens [first, last) attributed to the source phrase (its tokens are the
    mention), trimmed; None when too short."""
    first, last = content
    if last <= first:
        return None
    start, end = trim_span(ctx.text, *ctx.absolute(char_range(ctx.doc, first, last)))
    if end - start < MIN_CONTENT_CHARS:
        return None
    pattern, name = SOURCED[cue_text]
    return Candidate(
        start,
        end,
        "indirect",
        pattern,
        CONFIDENCE[name],
        cue,
        cue_text,
        subject=source,
        mention=ctx.absolute(char_range(ctx.doc, *source_span)),
        rule=name,
    )


def according_to(ctx: Context, according: Any) -> Candidate | None:
    doc = ctx.doc
    to = next((c for c in according.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if to is not None and source is None:
        source = _misparsed_source(to)
    if to is None or source is None:
        return None
    sent = according.sent
    src_i, src_j = np_span(source)
    if source.head.dep_ == "pcomp" and source.head.head.i == to.i:
        src_i = min(src_i, source.head.i)  # "show insiders", misparsed as verb and object
    source, src_j = _name_after(source, src_j)
    comma = next((t.i for t in doc[according.i : sent.end] if t.text == "," and t.i >= src_i), None)
    if comma is not None and comma < src_j:
        src_j = comma
    if according.i == sent.start or (according.i - sent.start <= 1 and doc[sent.start].is_punct):
        first, last = (comma + 1 if comma is not None else src_j), sent.end
    else:
        first, last = sent.start, according.i
        if comma is not None and comma + 1 < sent.end and according.i - sent.start > 2:
            # "X, according to Y, did Z": keep both sides
            last = sent.end
    cue = ctx.token_span(according, to)
    return _sourced(ctx, (first, last), (src_i, src_j), source, cue, "according to")


def _misparsed_source(to: Any) -> Any:
    """ "according to show insiders": the parser reads "show" as a verb and the source as
    its object; the noun it takes is the source's head."""
    verb = next((c for c in to.children if c.dep_ == "pcomp" and c.pos_ == "VERB"), None)
    if verb is None or verb.i != to.i + 1:
        return None
    return next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)


POLL_NOUNS = {"poll", "survey"}


def in_poll(ctx: Context, prep: Any) -> Candidate | None:
    """ "In the latest poll, X leads by five points", "X gained ground in two polls": the
    poll is the source of what the sentence says, when no cue verb there claims it."""
    source = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    src_i, src_j = np_span(source)
    doc, sent = prep.doc, prep.sent
    if not any(t.lemma_.lower() in POLL_NOUNS and t.pos_ == "NOUN" for t in doc[src_i:src_j]):
        return None
    if any(t.pos_ == "VERB" and cues.is_cue_verb(t.lemma_.lower()) for t in sent):
        return None
    if prep.i - sent.start <= 1:
        comma = next((t.i for t in doc[src_j : sent.end] if t.text == ","), None)
        if comma is None:
            return None
        first, last = comma + 1, sent.end
    else:
        first, last = sent.start, prep.i
    return _sourced(ctx, (first, last), (src_i, src_j), source, ctx.token_span(prep), "in")


def _name_after(source: Any, end: int) -> tuple[Any, int]:
    """ "according to engineer Fiona Walsh" with the role word mis-parsed (a verb, a bare
    noun): the person name right after it is the source."""
    doc = source.doc
    k = source.i + 1
    if (
        source.ent_type_
        or source.pos_ == "PROPN"
        or k >= len(doc)
        or doc[k].ent_iob_ != "B"
        or doc[k].ent_type_ != "PERSON"
    ):
        return source, end
    ent = next((e for e in doc.ents if e.start == k), None)
    if ent is None or not source.left_edge.i <= ent.root.i <= source.right_edge.i:
        return source, end
    return ent.root, max(end, ent.end)
