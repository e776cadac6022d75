"""The antecedent of a relative pronoun speaker ("Lee, who said ...", "a study, which
found ...").

The parser hangs a relative clause on a noun, not always the right one: on the first of
a list of names ("Ann Lee, Bo Dunn and Cy Oyelaran, who said"), on a place in a person's
description ("Ann Lee, 59, of Dover, who said") or on a role noun that stands beside the
name ("Ann Lee, a staffer at the agency who said"). For "who" (a person) the name right
before it wins over a noun that is no person or over the first of its list; else the
parser's noun, climbed to the person it describes."""

from __future__ import annotations

from typing import Any

SKIP = {",", "--", "—", "–"}
CLIMB = {"appos", "npadvmod", "pobj", "prep"}
NAMED = {"ORG", "GPE", "NORP", "FAC", "PERSON"}


def relative_antecedent(tok: Any) -> Any:
    """The token standing for what the relative pronoun ``tok`` refers to."""
    parsed = tok.head.head
    if tok.head.dep_ != "relcl":  # the clause parsed as no relative clause: the noun before
        before = _before(tok)
        return before if before is not None and before.pos_ in {"NOUN", "PROPN"} else parsed
    if tok.lower_ != "who":  # "Zeta9, a super PAC that ...": the name it describes
        if parsed.dep_ == "appos" and parsed.head.ent_type_ in NAMED and parsed.head.i < parsed.i:
            return parsed.head
        return parsed
    before = _before(tok)
    if before is not None and before.ent_type_ == "PERSON":
        named = _entity_root(before)
        listed = named.i in {c.i for c in parsed.conjuncts}  # "Lee, Dunn and Oyelaran, who"
        if parsed.ent_type_ != "PERSON" or listed:
            return named
    t = parsed
    for _ in range(5):
        if t.ent_type_ == "PERSON":
            return _entity_root(t)
        named = next((c for c in t.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
        if named is not None:  # "a staffer, Ann Lee, who"
            return _entity_root(named)
        if t.dep_ not in CLIMB or t.head.i == t.i:
            break
        t = t.head  # "a staffer at the agency who", "Lee, 59, of Dover, who"
    return parsed


def is_relative(tok: Any) -> bool:
    """Whether ``tok`` ("who", "which", "that") opens a relative clause: parsed as one, or
    a wh-word subject right after a noun ("the agency which reported ..." parsed as a
    clause of its own)."""
    if tok.head.dep_ == "relcl" and tok.head.head.i != tok.i:
        return True
    before = _before(tok)
    return (
        tok.tag_ in {"WDT", "WP"}
        and tok.dep_ in {"nsubj", "nsubjpass"}
        and before is not None
        and before.pos_ in {"NOUN", "PROPN"}
    )


def _before(tok: Any) -> Any:
    i = tok.i - 1
    while i >= 0 and tok.doc[i].text in SKIP:
        i -= 1
    return tok.doc[i] if i >= 0 else None


def _entity_root(tok: Any) -> Any:
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent.root
    return tok


def shared_subjects(tok: Any) -> list[Any]:
    """ "Lee and Dunn met on Friday, each saying ...": the conjoined subject that a
    distributive "each" (the subject of a participle hanging from their verb) shares out;
    empty when there is none."""
    verb = tok.head
    if tok.lower_ != "each" or verb.dep_ not in {"advcl", "conj"} or verb.head.i == verb.i:
        return []
    outer = next((c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if outer is None:
        return []
    listed = [c for c in outer.children if c.dep_ == "conj"]
    return [outer, *listed] if listed else []
