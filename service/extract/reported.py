"""Reported speech over a dependency parse: cue verbs with clausal complements, object
cues ("accused X of Y", "described X as Y"), participial cues ("arguing that ..."),
sentence-final attributions ("..., officials said"), passives with agents, noun cues
("his claim that ...") and "according to X"."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from service.extract import framing
from service.extract.candidates import Candidate
from service.extract.syntax import (
    acts_as_verb,
    char_range,
    glued_subject,
    np_span,
    subject_of,
    trim_span,
)

CONTENT_DEPS = {"ccomp", "parataxis"}
MIN_CONTENT_CHARS = 8
MIN_OBJECT_WORDS = 3
XCOMP_CUES = {
    "promise",
    "pledge",
    "vow",
    "threaten",
    "urge",
    "ask",
    "demand",
    "warn",
    "refuse",
    "call",
    "tell",
    "advise",
    "insist",
    "claim",
    "deny",
    "want",
    "plan",
    "intend",
    "hope",
    "expect",
    "agree",
    "seek",
    "aim",
    "decide",
    "wish",
    "decline",
    "offer",
    "press",
    "order",
    "remind",
    "persuade",
    "convince",
    "encourage",
}
COMPLEMENT_PREPS = {"about", "of", "on", "for", "against", "over", "to", "with"}
SOURCING = {"quote", "cite"}  # "Quoted by Tass, X said ...": sourcing, not a claim


def reported_candidates(doc: Any, base: int, text: str, index: int) -> Iterator[Candidate]:
    for token in doc:
        lemma = token.lemma_.lower()
        if lemma == "accord" and token.lower_ == "according":
            found = _according_to(doc, token, base, text)
        elif token.lower_ == "in" and token.dep_ == "prep":
            found = _in_poll(token, base, text)
        elif acts_as_verb(token) and framing.is_cue_verb(lemma):
            found = _verb_cue(token, base, text)
        elif token.pos_ == "NOUN" and lemma in framing.CUE_NOUNS:
            found = _noun_cue(token, base, text)
        elif token.pos_ == "ADJ" and lemma in framing.STANCE_ADJECTIVES:
            found = _adjective_cue(token, base, text)
        else:
            continue
        if found is not None:
            yield found.with_(doc_index=index)


def _verb_cue(verb: Any, base: int, text: str) -> Candidate | None:
    lemma = verb.lemma_.lower()
    speaker = _speaker_of_cue(verb)
    content = _clausal_content(verb)
    pattern = "ccomp"
    if content is None and (framing.is_object_cue(lemma) or _sees_as(verb)):
        content, pattern = _object_content(verb), "object"
    if content is None and lemma not in framing.WEAK_CUES:
        content, pattern = _final_attribution_content(verb), "final"
    if content is None and lemma not in framing.WEAK_CUES:
        content, pattern = _fronted_content(verb), "final"
    if content is None and lemma not in framing.WEAK_CUES:
        content, pattern = _object_phrase(verb), "dobj"
    if speaker is None and pattern == "object":
        speaker = _governing_subject(verb)
    if content is None or (speaker is None and pattern != "object"):
        return None
    if lemma in framing.WEAK_CUES and (
        pattern not in {"ccomp", "object"}
        or speaker is None
        or speaker.lower_ in {"i", "we", "you"}
    ):
        return None
    start, end = trim_span(text, base + content[0], base + content[1])
    if end - start < MIN_CONTENT_CHARS:
        return None
    cue = (base + verb.idx, base + verb.idx + len(verb.text))
    confidence = {"ccomp": 0.85, "object": 0.8, "final": 0.8, "dobj": 0.65}[pattern]
    if lemma in framing.WEAK_CUES:
        confidence -= 0.15
    return Candidate(
        start, end, "indirect", f"reported:{pattern}", confidence, cue, lemma, subject=speaker
    )


def _speaker_of_cue(verb: Any) -> Any:
    glued = glued_subject(verb)
    if glued is not None:
        return glued
    subject = subject_of(verb)
    if subject is not None:
        return subject
    if verb.tag_ in {"VBD", "VBZ", "VBP"} and verb.dep_ in {"ROOT", "conj"}:
        return _nearest_person_left(verb)
    if verb.dep_ in {"advcl", "conj", "xcomp"}:
        head = verb.head
        # "X said he wants ..., arguing that ...": the one arguing is the sayer.
        while head.dep_ in {"ccomp", "conj", "xcomp"} and head.head.i != head.i:
            if framing.is_speech_verb(head.head.lemma_.lower()):
                return subject_of(head.head)
            head = head.head
    return None


GOVERNED_DEPS = {"acl", "pcomp", "pobj", "prep", "dobj", "xcomp", "advcl", "conj"}


def _governing_subject(verb: Any) -> Any:
    """An object cue in a participle or infinitive with no subject of its own ("X
    unleashed tweets criticizing Y", "X issued a statement calling Y Z"): the actor is
    the subject of the clause that governs it."""
    tok = verb
    for _ in range(4):
        if tok.dep_ not in GOVERNED_DEPS or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ in {"VERB", "AUX"}:
            subject = subject_of(tok)
            if subject is not None and subject.lower_ not in {"there", "what"}:
                return subject
            if subject is not None or tok.dep_ in {"ROOT", "relcl", "ccomp"}:
                return None
    return None


def _nearest_person_left(verb: Any) -> Any:
    """A finite cue the parser left without a subject ("Quoted by Tass, X, head of Y's
    delegation, described ..."): the nearest non-possessive person name to its left."""
    doc = verb.doc
    people = [
        e
        for e in doc.ents
        if e.label_ == "PERSON" and verb.sent.start <= e.start and e.end <= verb.i
    ]
    for ent in reversed(people):
        after = doc[ent.end].text if ent.end < len(doc) else ""
        if ent.text.endswith(("’s", "'s")) or after in {"’s", "'s", "’"} or ent.root.dep_ == "poss":
            continue
        return ent.root
    return None


def _clausal_content(verb: Any) -> tuple[int, int] | None:
    """Char range (doc-local) of the complement clause, cut before a nested cue's own
    participial clause ("..., arguing that ...")."""
    comps = [
        c
        for c in verb.children
        if (c.dep_ in CONTENT_DEPS and _clause_head(c)) or _that_advcl(verb, c)
    ]
    if not comps and verb.lemma_.lower() in XCOMP_CUES:
        comps = [c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i]
    if not comps:
        return None
    right = [c for c in comps if c.i > verb.i]
    chosen = right or comps
    first, last = min(c.left_edge.i for c in chosen), max(c.right_edge.i for c in chosen)
    if right:
        last = _trailing(verb, last)
    elif _closes_sentence(verb):
        # "A told B that C, but D, the source added.": the whole sentence before it
        first = verb.sent.start
    last = _cut_nested_cue(verb.doc, chosen, first, last)
    if last < first:
        return None
    return char_range(verb.doc, first, last + 1)


def _closes_sentence(verb: Any) -> bool:
    """A cue joined to the sentence's main verb that ends the sentence ("..., X added.")."""
    return verb.dep_ == "conj" and all(
        t.is_punct or t.is_space for t in verb.doc[verb.i + 1 : verb.sent.end]
    )


def _that_advcl(verb: Any, clause: Any) -> bool:
    """ "X tweeted in the early hours that Y was ...", parsed as an adverbial clause with
    "that" for an adverb: the complement all the same."""
    first = clause.left_edge
    return (
        clause.dep_ == "advcl"
        and clause.i > verb.i
        and first.lower_ == "that"
        and first.head.i == clause.i
        and first.dep_ in {"mark", "advmod"}
        and clause.pos_ in {"VERB", "AUX"}
    )


def _clause_head(tok: Any) -> bool:
    """A verb, or the adjective or noun a copular clause hangs on when it keeps its own
    subject and verb ("says the flurry of posts was “unhinged”")."""
    if tok.pos_ in {"VERB", "AUX"}:
        return True
    deps = {c.dep_ for c in tok.children}
    return bool(deps & {"nsubj", "nsubjpass"}) and bool(deps & {"aux", "auxpass", "cop"})


TRAILING_DEPS = {"prep", "npadvmod", "advmod", "conj", "dobj", "xcomp", "oprd", "advcl"}


def _trailing(verb: Any, last: int) -> int:
    """Extend content over what the cue verb still governs after it, up to the clause's
    end ("has also called for X, but on a wider scale"; "cited his endorsements from 88
    generals"; "cited the rise in rents to justify the vote"), stopping before a speech
    verb of its own ("..., adding that ...")."""
    for child in verb.rights:
        if child.i <= last or child.text == "," or child.dep_ == "cc":
            continue  # skipped, but never the end of the content
        if child.dep_ not in TRAILING_DEPS or framing.is_speech_verb(child.lemma_.lower()):
            break
        last = child.right_edge.i
    return last


def _cut_nested_cue(doc: Any, comps: list[Any], first: int, last: int) -> int:
    # Only the complement's own dependents: a participle that hangs deeper belongs to a
    # nested clause (and scanning whole subtrees is quadratic on chained "said that").
    for comp in comps:
        for tok in comp.rights:
            if tok.dep_ not in {"advcl", "conj"}:
                continue
            if tok.tag_ != "VBG" and tok.dep_ != "conj":
                continue
            if framing.is_speech_verb(tok.lemma_.lower()) and _same(
                subject_of(tok), subject_of(comp)
            ):
                edge = tok.left_edge.i - 1
                while edge > first and doc[edge].is_punct:
                    edge -= 1
                return min(last, edge)
    return last


def _same(a: Any, b: Any) -> bool:
    return a is not None and b is not None and a.i == b.i


def _object_phrase(verb: Any) -> tuple[int, int] | None:
    """ "X cited the poll", "X called for a recount": the object phrase alone."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "attr"} and c.i > verb.i]
    if not objects:
        objects = [
            p
            for c in verb.children
            if c.dep_ == "prep"
            and c.i > verb.i
            and c.lower_ in {"for", "on", "about", "to", "against", "of", "over"}
            for p in c.children
            if p.dep_ == "pobj"
        ]
    if not objects or (objects[0].pos_ == "PRON" and objects[0].right_edge.i == objects[0].i):
        return None
    first, last = objects[0].left_edge.i, objects[0].right_edge.i
    words = [t for t in verb.doc[first : last + 1] if t.is_alpha]
    if len(words) < MIN_OBJECT_WORDS and not any(t.pos_ == "PROPN" for t in words):
        return None  # "announced the results": a topic, not a claim
    if objects[0].head.i == verb.i or objects[0].head.head.i == verb.i:  # "called for X"
        last = _trailing(verb, last)
    return char_range(verb.doc, first, last + 1)


def _sees_as(verb: Any) -> bool:
    """ "X sees/views/regards Y as Z": a stance on Y."""
    return (
        verb.lemma_.lower() in {"see", "view", "regard", "consider", "treat", "deem"}
        and any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)
        and any(c.dep_ == "dobj" for c in verb.children)
    )


def _object_content(verb: Any) -> tuple[int, int] | None:
    objects = [
        c for c in verb.children if c.dep_ in {"dobj", "prep", "oprd", "ccomp"} and c.i > verb.i
    ]
    if not any(c.dep_ in {"dobj", "ccomp"} for c in objects):
        return None
    last = max(c.right_edge.i for c in objects)
    return char_range(verb.doc, verb.i, last + 1)


def _final_attribution_content(verb: Any) -> tuple[int, int] | None:
    """ "The talks failed, officials said." / "The talks, he said, failed." when the
    parser hangs the cue under the reported clause (parataxis) instead."""
    head = verb.head
    if head.i == verb.i or head.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() in SOURCING:
        return None
    own_subject = any(c.dep_ == "nsubj" for c in verb.children)
    as_clause = any(c.dep_ in {"mark", "prep"} and c.lower_ == "as" for c in verb.children)
    if not (
        verb.dep_ == "parataxis"
        or (verb.dep_ == "advcl" and own_subject and (verb.i > head.i or as_clause))
    ):
        return None  # "..., officials said" / "as X pointed out, ..." / "..., as X noted"
    cue_tokens = {t.i for t in verb.subtree}
    tokens = [t.i for t in head.subtree if t.i not in cue_tokens]
    if not tokens:
        return None
    return char_range(verb.doc, min(tokens), max(tokens) + 1)


def _fronted_content(verb: Any) -> tuple[int, int] | None:
    """ "Talks unlikely before spring, officials say." parsed with the speech verb as the
    root and the words before the comma hanging loose: those words, when the sentence
    ends with the subject and the verb (and its time or place)."""
    if verb.dep_ != "ROOT" or not framing.is_speech_verb(verb.lemma_.lower()):
        return None
    subject = next((c for c in verb.lefts if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    comma = subject.left_edge.i - 1
    sent = verb.sent
    if comma <= sent.start + 1 or verb.doc[comma].text != ",":
        return None
    if any(
        c.i > verb.i and c.dep_ not in {"punct", "npadvmod", "advmod", "prep"}
        for c in verb.children
    ):
        return None
    doc = verb.doc
    heads = [t for t in doc[sent.start : comma] if not sent.start <= t.head.i < comma]
    if (
        len(heads) != 1
        or heads[0].head.i != verb.i
        or heads[0].dep_ not in {"dep", "ccomp", "parataxis"}
        or doc[sent.start].pos_ in {"ADP", "SCONJ", "PUNCT"}
    ):
        return None
    return char_range(doc, sent.start, comma)


def _noun_cue(noun: Any, base: int, text: str) -> Candidate | None:
    """ "his claim that ...", "Clinton's criticism of the plan": the owner is the source."""
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if not owners:
        return None
    content = _complement(noun)
    if content is None:
        return None
    return _candidate(noun, owners[0], content, base, text, "reported:noun", 0.7)


def _adjective_cue(adj: Any, base: int, text: str) -> Candidate | None:
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


def _according_to(doc: Any, according: Any, base: int, text: str) -> Candidate | None:
    to = next((c for c in according.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if to is None or source is None:
        return None
    head = according.head
    if (
        head.i != according.i
        and framing.is_speech_verb(head.lemma_.lower())
        and any(c.dep_ in {"nsubj", "nsubjpass"} for c in head.children)
    ):
        return None  # "X said, according to the statement": X is the speaker
    sent = according.sent
    src_i, src_j = np_span(source)
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
    if last <= first:
        return None
    start, end = char_range(doc, first, last)
    start, end = trim_span(text, base + start, base + end)
    if end - start < MIN_CONTENT_CHARS:
        return None
    mention = tuple(base + x for x in char_range(doc, src_i, src_j))
    cue = (base + according.idx, base + to.idx + len(to.text))
    return Candidate(
        start,
        end,
        "indirect",
        "according_to",
        0.85,
        cue,
        "according to",
        subject=source,
        mention=(mention[0], mention[1]),
    )


POLL_NOUNS = {"poll", "survey"}


def _in_poll(prep: Any, base: int, text: str) -> Candidate | None:
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
    if last <= first:
        return None
    start, end = trim_span(text, base + doc[first].idx, base + char_range(doc, first, last)[1])
    if end - start < MIN_CONTENT_CHARS:
        return None
    mention = tuple(base + x for x in char_range(doc, src_i, src_j))
    cue = (base + prep.idx, base + prep.idx + len(prep.text))
    return Candidate(
        start,
        end,
        "indirect",
        "in_poll",
        0.6,
        cue,
        "in",
        subject=source,
        mention=(mention[0], mention[1]),
    )


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
