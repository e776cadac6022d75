"""DOC"""

from __future__ import annotations

from typing import Any

from service.extract.lexicon import ORG_NOUNS
from service.extract.lexicon.cues import is_speech_verb
from service.extract.model import MIN_OBJECT_WORDS
from service.extract.rules.complements import before_joint, holds_speech, trailing
from service.extract.rules.quote_words import person_like
from service.extract.syntax import char_range, subject_of

# Stances whose object is what they are about, however short: "opposed the tax",
# "backing Lee", "supported Quill".
STANCE_TARGET_VERBS = {
    "support",
    "back",
    "oppose",
    "endorse",
    "favor",
    "favour",
    "reject",
    "criticize",
    "criticise",
    "condemn",
    "praise",
    "applaud",
    "denounce",
    "champion",
}


MIN_TARGET_CHARS = 3


DOCUMENT_NOUNS = {"statement", "report", "study", "survey", "poll", "website"}


def stance_target(verb: Any, speaker: Any) -> tuple[Any, tuple[int, int]] | None:
    """The target of a stance verb and who holds it: the subject and the object ("the
    council opposed an increase"), the noun a participle modifies ("a group backing
    Lee"), or the agent of a passive one and the noun it modifies ("the bill, opposed
    by House Republicans, ...")."""
    doc = verb.doc
    if verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN"}:
        holder = verb.head
        if verb.tag_ == "VBN":
            agent = subject_of(verb)
            if agent is None or agent.i < verb.i:
                return None
            first = holder.left_edge.i
            last = before_joint(doc, first, verb.left_edge.i - 1)
            if last < first:
                return None
            return agent, char_range(doc, first, last + 1)
        if not (
            person_like(holder)
            or (holder.lemma_.lower() in ORG_NOUNS - DOCUMENT_NOUNS)
            or any(t.pos_ == "PROPN" for t in doc[holder.left_edge.i : verb.i])
        ):
            return None  # "tweets criticizing X": whoever sent them (see governing_subject)
        speaker = holder
    if speaker is None or speaker.lower_ in {"what", "there"}:
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    if not objects or objects[0].pos_ == "PRON":
        return None  # "supported her": a target that names nothing
    last = trailing(verb, objects[0].right_edge.i)  # "endorsed Reyes for mayor"
    return speaker, char_range(doc, objects[0].left_edge.i, last + 1)


def object_phrase(verb: Any) -> tuple[int, int] | None:
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
    clause = next((c for c in objects[0].rights if c.dep_ == "relcl" and _speaks(c)), None)
    if clause is not None:  # "endorsed Lee, who says he is honoured": Lee; the clause is Lee's
        last = clause.left_edge.i - 1
        while last > first and verb.doc[last].is_punct:
            last -= 1
    words = [t for t in verb.doc[first : last + 1] if t.is_alpha]
    if len(words) < MIN_OBJECT_WORDS and not any(t.pos_ == "PROPN" for t in words):
        return None  # "announced the results": a topic, not a claim
    if objects[0].head.i == verb.i or objects[0].head.head.i == verb.i:  # "called for X"
        last = trailing(verb, last)
    return char_range(verb.doc, first, last + 1)


def _speaks(clause: Any) -> bool:
    """A relative clause that is its own attribution ("who says ...", "which found ...")."""
    return any(is_speech_verb(t.lemma_.lower()) for t in (clause, *clause.conjuncts))


def sees_as(verb: Any) -> bool:
    """ "X sees/views/regards Y as Z": a stance on Y."""
    return (
        verb.lemma_.lower() in {"see", "view", "regard", "consider", "treat", "deem"}
        and any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)
        and any(c.dep_ == "dobj" for c in verb.children)
    )


def object_content(verb: Any) -> tuple[int, int] | None:
    objects = [
        c
        for c in verb.children
        if c.dep_ in {"dobj", "prep", "oprd", "ccomp"}
        and c.i > verb.i
        and not (c.dep_ == "prep" and c.lower_ == "with" and holds_speech(c))
    ]
    if not any(c.dep_ in {"dobj", "ccomp"} for c in objects):
        return None
    last = max(c.right_edge.i for c in objects)
    return char_range(verb.doc, verb.i, last + 1)
