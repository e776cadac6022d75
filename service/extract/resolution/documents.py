"""Who wrote what: the article's own writer, and the author or issuer of a document the
article mentions ("a report by X", "X's poll", "X released a study"). Used by link.py to name
a first-person writer and a document speaker."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

ISSUING_VERBS = {
    "release",
    "publish",
    "issue",
    "conduct",
    "produce",
    "run",
    "launch",
    "air",
    "write",
    "file",
    "put",
    "post",
    "send",
    "commission",
}
NAME_TYPES = {"PERSON", "ORG", "GPE", "NORP", "FAC"}


def find_writer(text: str, chunks: Sequence[tuple[Any, int]]) -> tuple[Any, int] | None:
    head_end = len(text[:300].split("\n\n")[0]) + 300
    last_para = text.rstrip().rfind("\n") + 1
    for doc, base in chunks:
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            start = base + ent.start_char
            before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            after = doc[ent.end].lower_ if ent.end < len(doc) else ""
            if start < head_end and before == "by":
                return ent.root, base
            if (
                start >= last_para
                and ent.start == doc[ent.start].sent.start
                and after
                in {
                    "is",
                    "was",
                    "writes",
                }
            ):
                return ent.root, base
    return None


def author_of(tok: Any) -> Any:
    """The name that authors a document noun: its possessor ("X's report"), a name in its
    phrase ("the Bloomberg poll"), the object of "by"/"from" after it, or the subject of the
    verb that issues it ("X released a report")."""
    for child in tok.children:
        if (
            child.dep_ in {"poss", "compound"}
            and child.ent_type_ in NAME_TYPES
            and not (child.dep_ == "compound" and tok.ent_type_)  # both one name
        ):
            return child
        if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.ent_type_ in NAME_TYPES:
                return obj
    verb = tok.head
    if tok.dep_ in {"dobj", "nsubjpass"} and verb.lemma_.lower() in ISSUING_VERBS:
        for child in verb.children:
            if child.dep_ == "nsubj" and child.ent_type_ in NAME_TYPES:
                return child
            if child.dep_ == "agent":
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None and obj.ent_type_ in NAME_TYPES:
                    return obj
    return None
