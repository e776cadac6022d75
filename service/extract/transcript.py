"""Transcript speaker labels: a line that opens with a speaker's name and a colon
("WALLACE: ...", "Sen. Jane Roe: ...") is that speaker's utterance, quoted or not."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from service.extract.candidates import Candidate

_LABEL = re.compile(
    r"^[ \t]*[“\"”]?(?P<name>(?:[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,3})"
    r"|(?:(?:[A-Z][a-z]{0,3}\. )?[A-Z][a-zA-Z'’\-]+(?: [A-Z][a-zA-Z'’\-]+){0,2}))"
    r"[ \t]*:[ \t]+(?P<content>\S.*)$",
    re.MULTILINE,
)
_NOT_NAMES = {
    "NOTE",
    "UPDATE",
    "EDITOR",
    "EDITOR'S NOTE",
    "PHOTO",
    "VIDEO",
    "WATCH",
    "READ",
    "RELATED",
    "SOURCE",
    "SOURCES",
    "CORRECTION",
    "Q",
    "A",
    "Update",
    "Note",
    "Photo",
    "Video",
    "Watch",
    "Read",
    "Related",
    "Source",
    "Correction",
}


def label_candidates(doc: Any, base: int, text: str, index: int) -> Iterator[Candidate]:
    end_of_doc = base + len(doc.text)
    for match in _LABEL.finditer(text, base, end_of_doc):
        name = match.group("name")
        content = match.group("content").rstrip().rstrip('”"')
        if name.strip() in _NOT_NAMES or len(content.split()) < 3:
            continue
        kind, confidence = "direct", 0.97
        if not name.isupper() and not _is_person_name(
            doc, base, match.start("name"), match.end("name")
        ):
            if not (_is_headline(text, match.start()) and _named_elsewhere(doc, name)):
                continue
            # "Pence: Flowers Won't Be at Debate": a headline paraphrase, not a quote
            kind, confidence = "indirect", 0.8
        label = doc.char_span(
            match.start("name") - base, match.end("name") - base, alignment_mode="expand"
        )
        if label is None:
            continue
        start = match.start("content")
        end = start + len(content)
        colon = text.index(":", match.end("name"))
        yield Candidate(
            start,
            end,
            kind,
            "transcript:label",
            confidence,
            (colon, colon + 1),
            "say",
            subject=label[-1],
            mention=(match.start("name"), match.end("name")),
            doc_index=index,
        )


def _is_person_name(doc: Any, base: int, start: int, end: int) -> bool:
    span = doc.char_span(start - base, end - base, alignment_mode="expand")
    return span is not None and any(t.ent_type_ == "PERSON" for t in span)


def _is_headline(text: str, position: int) -> bool:
    """The article's first line."""
    return not text[:position].strip()


def _named_elsewhere(doc: Any, name: str) -> bool:
    """The label is (part of) a person or organisation name the article tags elsewhere."""
    words = set(name.split())
    return any(
        ent.label_ in {"PERSON", "ORG"} and words <= {t.text for t in ent} for ent in doc.ents
    )
