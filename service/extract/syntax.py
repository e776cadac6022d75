"""Small helpers over spaCy tokens: subjects, noun-phrase spans, clause spans."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar, cast

Token = Any  # spacy.tokens.Token (kept loose: this package has no hard spaCy types)
T = TypeVar("T")

NP_RIGHT_KEEP = {
    "compound",
    "flat",
    "nummod",
    "amod",
    "poss",
    "case",
    "prep",
    "pobj",
    "nmod",
    "cc",
    "conj",
    "det",
    "quantmod",
}
NP_PREP_KEEP = {"of", "to", "for", "at", "from", "with", "in"}
PUNCT_TRIM = " \t\n,;:.—–-"
PRONOUNS = {"he", "she", "they", "i", "we", "you", "it", "who", "him", "her", "them", "one"}
PERSONAL = {
    "he": "m",
    "him": "m",
    "she": "f",
    "her": "f",
    "they": "p",
    "them": "p",
    "i": "s",
    "we": "p",
    "you": "s",
    "who": "?",
    "it": "n",
}


def acts_as_verb(tok: Token) -> bool:
    """A verb, or a plural noun the tagger took for one's twin: "But Quill claims that
    ...", "The campaign plans to ..." parse as a root NNS with a subject of its own."""
    if tok.pos_ in {"VERB", "AUX"}:
        return True
    if glued_subject(tok) is not None:
        return True
    return (
        tok.tag_ == "NNS"
        and tok.dep_ in {"ROOT", "conj"}
        and any(c.dep_ == "nsubj" for c in tok.children)
        and any(c.dep_ in {"ccomp", "xcomp", "dobj"} and c.i > tok.i for c in tok.children)
    )


def glued_subject(tok: Token) -> Token | None:
    """ "Quill claims that ...", "The campaign projects that ..." parsed as one noun
    phrase ("Quill claims", "campaign projects"): a plural noun right after a name or
    noun it is glued to, right before the "that" of a clause it governs. That name or
    noun is the subject."""
    doc = tok.doc
    if tok.tag_ != "NNS" or tok.i == 0 or tok.i + 1 >= len(doc):
        return None
    left, mark = doc[tok.i - 1], doc[tok.i + 1]
    if mark.lower_ != "that" or mark.dep_ != "mark" or mark.head.head.i != tok.i:
        return None
    if left.pos_ not in {"PROPN", "NOUN"} or not (
        (left.dep_ == "compound" and left.head.i == tok.i) or tok.head.i == left.i
    ):
        return None
    return left


def subject_of(verb: Token) -> Token | None:
    """The verb's own subject, its agent in a passive, or (for an xcomp/conj/participle
    with none) the subject of the verb it hangs from."""
    for child in verb.children:
        if child.dep_ in {"nsubj", "csubj"}:
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    for child in verb.children:
        if child.dep_ == "nsubjpass" and child.lower_ not in {"it"}:
            return None  # "X was told that ..." : the subject is the hearer, not the speaker
    if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head.i != verb.i:
        if verb.dep_ == "advcl" and verb.tag_ == "VBN" and verb.i < verb.head.i:
            return None  # "Asked about X, Y said ...": Y was asked, Y did not ask
        return subject_of(verb.head)
    return None


def np_span(head: Token, stop_at: Iterable[int] = ()) -> tuple[int, int]:
    """Token range [i, j) of the noun phrase headed by ``head``: left modifiers and
    of/to-phrases, but no relative clauses, appositives after a comma, or trailing
    punctuation."""
    blocked = set(stop_at)
    left = head.left_edge.i
    for tok in head.lefts:
        if tok.dep_ in {"punct", "cc", "advmod"} and tok.i == left:
            left = tok.i + 1
    right = head.i
    for child in head.rights:
        if (
            child.dep_ == "appos"
            and child.i not in blocked
            and not child.left_edge.is_punct  # "Sen. Ann Lee (D-Mo.)": a party tag, not a name
            and not any(t.is_punct for t in head.doc[head.i + 1 : child.left_edge.i])
        ):
            right = max(right, child.i)  # "the agency Norvik Wire": a name apposition
            continue
        if child.i in blocked or child.dep_ not in NP_RIGHT_KEEP:
            break
        if child.dep_ == "prep" and child.lower_ not in NP_PREP_KEEP:
            break
        right = max(right, child.right_edge.i)
    doc = head.doc
    paren = next((k for k in range(head.i + 1, right + 1) if doc[k].text == "("), None)
    if paren is not None:
        right = paren - 1  # "Rep. Al Dunn (R-WI)": the party tag is no part of the name
    while right > head.i and (doc[right].is_punct or doc[right].dep_ == "cc"):
        right -= 1
    while left < head.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    return left, right + 1


def char_range(doc: Any, i: int, j: int) -> tuple[int, int]:
    return doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip leading "that"/punctuation/space and trailing punctuation/space."""
    while start < end and text[start] in PUNCT_TRIM:
        start += 1
    if text[start:end].startswith("that "):  # "That attitude, many argue, ...": a determiner
        start += len("that ")
    while end > start and text[end - 1] in PUNCT_TRIM:
        end -= 1
    return start, end


def tokens_with_pos(doc: Any, tags: frozenset[str]) -> list[Token]:
    """The doc's tokens whose coarse tag is one of ``tags``, in order. Reads the tags as one
    array, so a long article does not build a Token object for every word."""
    import numpy as np
    from spacy.attrs import POS

    wanted = [doc.vocab.strings[tag] for tag in tags]
    return [doc[int(i)] for i in np.flatnonzero(np.isin(doc.to_array(POS), wanted))]


def per_doc(doc: Any, key: str, build: Callable[[], T]) -> T:
    """``build()``, computed once per doc and kept in its ``user_data`` under ``key`` (for
    what several stages, or many calls of one, read from the same parse)."""
    slot = f"claimscope.{key}"
    if slot not in doc.user_data:
        doc.user_data[slot] = build()
    return cast(T, doc.user_data[slot])


def sentences(doc: Any) -> list[Any]:
    """``list(doc.sents)``, built once per doc (the stages that walk sentences share it)."""
    return list(per_doc(doc, "sents", lambda: tuple(doc.sents)))
