"""Cues that are not verbs: nouns ("his claim that ...", "Clinton's criticism of the
plan"), stance adjectives ("X is confident that ...", "X has been critical of Y"),
"according to X" and "in a poll" ("In the latest poll, X leads ...")."""

from __future__ import annotations

from typing import Any

from service.extract import framing
from service.extract.candidates import MIN_CONTENT_CHARS, Candidate
from service.extract.syntax import char_range, np_span, subject_of, trim_span

COMPLEMENT_PREPS = {"about", "of", "on", "for", "against", "over", "to", "with"}


def noun_cue(noun: Any, base: int, text: str) -> Candidate | None:
    """ "his claim that ...", "Clinton's criticism of the plan": the owner is the source."""
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if not owners:
        return None
    content = _complement(noun)
    if content is None:
        return None
    return _candidate(noun, owners[0], content, base, text, "reported:noun", 0.7)


def adjective_cue(adj: Any, base: int, text: str) -> Candidate | None:
    """ "X is confident that ...", "X has been critical of Y": a stance adjective whose
    clause has a subject."""
    if adj.dep_ not in {"acomp", "ROOT", "conj"}:
        return None
    verb = adj.head if adj.dep_ == "acomp" else adj
    subject = subject_of(verb)
    if subject is None or subject.lower_ in {"it", "this", "that", "there"}:
        return None
    content = _complement(adj)
    if content is None:
        return None
    return _candidate(adj, subject, content, base, text, "reported:adjective", 0.65)


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
    cue_token: Any,
    subject: Any,
    content: tuple[int, int],
    base: int,
    text: str,
    pattern: str,
    confidence: float,
) -> Candidate | None:
    start, end = trim_span(text, base + content[0], base + content[1])
    if end - start < MIN_CONTENT_CHARS:
        return None
    cue = (base + cue_token.idx, base + cue_token.idx + len(cue_token.text))
    return Candidate(
        start, end, "indirect", pattern, confidence, cue, cue_token.lemma_.lower(), subject=subject
    )


# pattern and confidence of the candidates whose source is a phrase, not a cue's subject
SOURCED = {"according to": ("according_to", 0.85), "in": ("in_poll", 0.6)}


def _sourced(
    doc: Any,
    content: tuple[int, int],
    source_span: tuple[int, int],
    source: Any,
    cue: tuple[int, int],
    cue_text: str,
    base: int,
    text: str,
) -> Candidate | None:
    """The content tokens [first, last) attributed to the source phrase (its tokens are the
    mention), trimmed; None when too short."""
    first, last = content
    if last <= first:
        return None
    start, end = char_range(doc, first, last)
    start, end = trim_span(text, base + start, base + end)
    if end - start < MIN_CONTENT_CHARS:
        return None
    m_start, m_end = char_range(doc, *source_span)
    pattern, confidence = SOURCED[cue_text]
    return Candidate(
        start,
        end,
        "indirect",
        pattern,
        confidence,
        cue,
        cue_text,
        subject=source,
        mention=(base + m_start, base + m_end),
    )


def according_to(doc: Any, according: Any, base: int, text: str) -> Candidate | None:
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
    cue = (base + according.idx, base + to.idx + len(to.text))
    return _sourced(doc, (first, last), (src_i, src_j), source, cue, "according to", base, text)


def _misparsed_source(to: Any) -> Any:
    """ "according to show insiders": the parser reads "show" as a verb and the source as
    its object; the noun it takes is the source's head."""
    verb = next((c for c in to.children if c.dep_ == "pcomp" and c.pos_ == "VERB"), None)
    if verb is None or verb.i != to.i + 1:
        return None
    return next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)


POLL_NOUNS = {"poll", "survey"}


def in_poll(prep: Any, base: int, text: str) -> Candidate | None:
    """ "In the latest poll, X leads by five points", "X gained ground in two polls": the
    poll is the source of what the sentence says, when no cue verb there claims it."""
    source = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    src_i, src_j = np_span(source)
    doc, sent = prep.doc, prep.sent
    if not any(t.lemma_.lower() in POLL_NOUNS and t.pos_ == "NOUN" for t in doc[src_i:src_j]):
        return None
    if any(t.pos_ == "VERB" and framing.is_cue_verb(t.lemma_.lower()) for t in sent):
        return None
    if prep.i - sent.start <= 1:
        comma = next((t.i for t in doc[src_j : sent.end] if t.text == ","), None)
        if comma is None:
            return None
        first, last = comma + 1, sent.end
    else:
        first, last = sent.start, prep.i
    cue = (base + prep.idx, base + prep.idx + len(prep.text))
    return _sourced(doc, (first, last), (src_i, src_j), source, cue, "in", base, text)


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
