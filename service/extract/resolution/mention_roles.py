"""What the words around a name say about its person: the role words of a mention
(titles, pre-modifiers, appositions: "Sen. Ana Lee", "Lee, a nurse at the clinic") and
whether the name sits inside another noun phrase ("Lee's aide", "the president of X")."""

from __future__ import annotations

from typing import Any

from service.extract.lexicon import TITLES
from service.extract.resolution.name_keys import SKIP_WORDS

TITLE_EXPANSIONS = {
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "gen": "general",
    "dr": "doctor",
    "prof": "professor",
    "pres": "president",
    "sec": "secretary",
    "lt": "lieutenant",
    "col": "colonel",
    "capt": "captain",
    "supt": "superintendent",
}


def nested(root: Any) -> bool:
    """Whether a name lies inside another noun phrase: a noun's modifier or possessor
    ("the Caucus president", "Lee's aide") or the object of a noun's preposition ("the
    president of the Caucus")."""
    head = root.head
    if root.dep_ in {"compound", "poss", "nmod", "amod"}:
        return head.pos_ in {"NOUN", "PROPN"}
    return root.dep_ == "pobj" and head.head.pos_ in {"NOUN", "PROPN"} and head.head is not root


def role_words(root: Any) -> set[str]:
    words: set[str] = set()
    for tok in root.lefts:
        if tok.dep_ in {"compound", "amod", "nmod"} and tok.ent_type_ != "PERSON":
            words.add(tok.lower_.rstrip("."))
    i = root.left_edge.i
    if i > 0 and root.doc[i - 1].lower_.rstrip(".") in TITLES:
        words.add(root.doc[i - 1].lower_.rstrip("."))
    for child in root.children:
        if child.dep_ == "appos" and not _role_of_name(child, root):
            words.update(t.lower_ for t in child.subtree if t.is_alpha and t.i - child.i < 8)
    if _role_of_name(root, root.head):  # "An attorney for Lee, Bo Dunn": Dunn is the attorney
        role = root.head.head.head
        words.update(t.lower_ for t in role.lefts if t.is_alpha and t.dep_ != "det")
        words.add(role.lower_)
    elif root.dep_ == "appos" and root.head.pos_ in {"NOUN", "PROPN"}:
        words.update(t.lower_ for t in root.head.lefts if t.is_alpha)
        words.add(root.head.lower_)
    words = {TITLE_EXPANSIONS.get(w, w) for w in words}
    return words - SKIP_WORDS - {"he", "she", "his", "her"}


def _role_of_name(appos: Any, anchor: Any) -> bool:
    """ "An attorney for Lee, Bo Dunn": the parser hangs the name on the name before it, but
    a person's name in apposition to another person's names the role noun above them."""
    return (
        appos.dep_ == "appos"
        and appos.ent_type_ == "PERSON"
        and anchor.ent_type_ == "PERSON"
        and anchor.dep_ == "pobj"
        and anchor.head.head.pos_ == "NOUN"
    )
