"""DOC"""

from __future__ import annotations

from typing import Any

from service.extract.lexicon import cues
from service.extract.syntax import glued_subject, subject_of


def speaker_of_cue(verb: Any) -> Any:
    glued = glued_subject(verb)
    if glued is not None:
        return glued
    subject = subject_of(verb)
    if subject is not None:
        return appos_next_to(subject, verb) or subject
    if verb.tag_ in {"VBD", "VBZ", "VBP"} and verb.dep_ in {"ROOT", "conj"}:
        return loose_subject(verb) or nearest_person_left(verb) or name_before(verb)
    if verb.dep_ == "parataxis" and verb.tag_ in {"VBZ", "VBP", "VBD"}:
        return loose_subject(verb)  # "That attitude, many argue, could ..."
    if (
        verb.dep_ == "pcomp"
        and verb.tag_ == "VBG"
        and verb.head.dep_ == "prep"
        and cues.is_speech_verb(verb.lemma_.lower())
        and any(c.dep_ == "ccomp" for c in verb.children)
    ):
        # "X took over from his brother by saying he is able ...": the one acting
        actor = verb.head.head
        # "After saying X, she was whisked off": the one saying is the subject, passive too
        if actor.pos_ in {"VERB", "AUX"}:
            passive = next((c for c in actor.children if c.dep_ == "nsubjpass"), None)
            subject = not_empty(passive or subject_of(actor))
            if subject is not None:
                return subject
    if verb.tag_ in {"VBZ", "VBP"} and verb.dep_ == "dep" and verb.head.i < verb.i:
        # "Most parents leaving the meeting on Monday say they ...", parsed with
        # "going" for the sentence's verb: its subject is the one who says
        return subject_of(verb.head)
    if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.dep_ == "acomp":
        # "Voters were more likely to say ...": the subject of the verb "likely" completes
        # (not "It's worth noting that ...": an empty subject says nothing)
        return not_empty(subject_of(verb.head.head))
    if verb.dep_ in {"advcl", "conj", "xcomp"}:
        head = verb.head
        # "X said he wants ..., arguing that ...": the one arguing is the sayer.
        while head.dep_ in {"ccomp", "conj", "xcomp"} and head.head.i != head.i:
            if cues.is_speech_verb(head.head.lemma_.lower()):
                return subject_of(head.head)
            head = head.head
    return None


GOVERNED_DEPS = {"acl", "pcomp", "pobj", "prep", "dobj", "xcomp", "advcl", "conj", "advmod"}


def governing_subject(verb: Any) -> Any:
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


def appos_next_to(subject: Any, verb: Any) -> Any:
    """ "To see the old harbour, Councillor Ann Brandt said, one must ...":
    the parser makes the name before the cue an apposition of the noun before it; an
    apposition with no comma between it and the cue is the one speaking (a true one,
    "Hugh Hill, a doctor, said", is closed by a comma)."""
    for child in subject.children:
        if (
            child.dep_ == "appos"
            and child.pos_ == "PROPN"
            and child.right_edge.i == verb.i - 1
            and child.i > subject.i
        ):
            return child
    return None


LOOSE_SUBJECT_DEPS = {"nummod", "quantmod", "npadvmod", "nmod", "dep", "amod"}


EMPTY_SUBJECTS = {"it", "there", "this", "that"}


def not_empty(subject: Any) -> Any:
    """The subject, unless it is an empty one that says nothing ("It's worth noting")."""
    return subject if subject is not None and subject.lower_ not in EMPTY_SUBJECTS else None


QUANTIFIERS = {"many", "some", "few", "most", "others", "several", "both", "all"}


def loose_subject(verb: Any) -> Any:
    """A finite cue whose subject the parser hangs on it as a modifier ("Nearly 3 in 5
    say they ...": "10" a nummod of "say"): the noun or number phrase right before it."""
    for child in verb.lefts:
        if (
            child.dep_ in LOOSE_SUBJECT_DEPS
            and child.right_edge.i == verb.i - 1
            and (child.pos_ in {"NUM", "NOUN", "PROPN"} or child.lower_ in QUANTIFIERS)
            and child.ent_type_ not in {"DATE", "TIME"}
        ):
            return child
    return None


def name_before(verb: Any) -> Any:
    """ "At a dinner with the board of the Harbour Gazette Quill said that
    ...": the parser folds the speaker into the phrase before; a name right before a cue
    with no subject is the one saying."""
    prev = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
    if prev is not None and prev.pos_ == "PROPN" and prev.dep_ in {"pobj", "compound", "appos"}:
        return prev
    return None


def nearest_person_left(verb: Any) -> Any:
    """A finite cue the parser left without a subject ("Quoted by the wire, X, head of Y's
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
