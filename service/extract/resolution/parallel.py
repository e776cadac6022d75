"""A subject "it" or "they" that opens its sentence most often continues the subject of
the sentence before: "The city sent a letter on Monday. It says the permit was never
granted." The subject before may be a description the entity model holds no entity for
("The city", "the union's leaders"), so it is resolved as a speaker mention would be. So
does a "he" or "she" after a person's role as subject ("The mayor looked tired. Asked
about the vote, she said ...")."""

from __future__ import annotations

from typing import Any

from service.extract.lexicon import ROLE_FAMILIES
from service.extract.syntax import subject_of

SUBJECT = {"nsubj", "nsubjpass"}
PLURAL_TAGS = {"NNS", "NNPS"}


def _subject_before(tok: Any) -> Any | None:
    """The subject of the sentence before ``tok``'s, when ``tok`` is the first subject of
    its own sentence; else None."""
    if tok.dep_ not in SUBJECT:
        return None
    sent = tok.sent
    if sent.start == 0 or any(t.dep_ in SUBJECT and t.i < tok.i for t in sent):
        return None
    return subject_of(tok.doc[sent.start - 1].sent.root)


def previous_subject(tok: Any) -> Any | None:
    """The subject of the sentence before ``tok``'s, when ``tok`` is the first subject of
    its own sentence and that subject is a noun phrase naming no person; else None."""
    subject = _subject_before(tok)
    if subject is None or subject.pos_ == "PRON" or subject.ent_type_ in {"PERSON", "NORP"}:
        return None
    plural = subject.tag_ in PLURAL_TAGS
    if tok.lower_ == "it" and plural:  # "it" a singular subject, "they" a plural one or
        return None  # an organisation ("Politifact checked it. They found ...")
    if tok.lower_ != "it" and not plural and subject.ent_type_ != "ORG":
        return None
    return subject


def previous_role_subject(tok: Any) -> Any | None:
    """For a subject "he"/"she" opening its sentence: the subject of the sentence before
    when it is a definite singular role ("the president", "the senator"), else None."""
    subject = _subject_before(tok) if tok.lower_ in {"he", "she"} else None
    if (
        subject is None
        or subject.tag_ != "NN"
        or subject.lemma_.lower() not in ROLE_FAMILIES
        or not any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children)
    ):
        return None
    return subject
