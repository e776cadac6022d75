"""Transcript speaker labels: a line that opens with a speaker's name and a colon
("WALLACE: ...", "Sen. Jane Roe: ...") is that speaker's utterance, quoted or not."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from service.extract.model import Candidate, Context
from service.extract.registry import CONFIDENCE, rule, variant
from service.extract.syntax import per_doc

_LABEL = re.compile(
    r"^[ \t]*[“\"”]?(?P<name>(?:[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,3})"
    r"|(?:(?:[A-Z][a-z]{0,3}\. )?[A-Z][a-zA-Z'’\-]+(?: [A-Z][a-zA-Z'’\-]+){0,2}))"
    r"[ \t]*:[ \t]+(?P<content>\S.*)$",
    re.MULTILINE,
)
_NOT_NAMES = {
    "NOTE",
    "UPDATE",
    "UPDATED",
    "Updated",
    "EDITOR",
    "EDITOR'S NOTE",
    "EDITOR’S NOTE",
    "CLARIFICATION",
    "Clarification",
    "DISCLOSURE",
    "Disclosure",
    "DISCLAIMER",
    "Disclaimer",
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
    "BREAKING",
    "Breaking",
    "EXCLUSIVE",
    "Exclusive",
    "LIVE",
    "Live",
    "OPINION",
    "Opinion",
    "ANALYSIS",
    "Analysis",
    # kickers: a headline's shout, not its source
    "BOOM",
    "Boom",
    "BUSTED",
    "Busted",
    "LOOK",
    "Look",
    "WOW",
    "Wow",
    "BOMBSHELL",
    "Bombshell",
    "SHOCK",
    "Shock",
    "REVEALED",
    "Revealed",
}


# A headline "Source: what they said" ("Quill camp: Brandt's plan fails", "EXCLUSIVE –
# Ada Pell: Don't trust the ferry timetable"): a short label, maybe after a kicker in capitals.
_HEADLINE = re.compile(
    r"^[ \t]*(?:[A-Z]{3,}[ \t]*[–—-][ \t]*)?(?P<name>[A-Z][^:\n]{1,60}?)[ \t]*:[ \t]+"
    r"(?P<content>\S[^\n]*)$"
)
HEADLINE_LABEL_WORDS = 7


LABEL_NAMED_ELSEWHERE = variant(
    "label.named_elsewhere",
    "label",
    of="label.transcript",
    examples=["Marta Quill chairs the council.\n\nQuill: We will vote in March, not before."],
)
LABEL_HEADLINE_PARAPHRASE = variant(
    "label.headline_paraphrase",
    "label",
    of="label.transcript",
    doc="A headline label the article names as a person or organisation elsewhere.",
)


@rule(
    "label.transcript",
    "label",
    examples=["Debate night\n\nMODERATOR: How would you pay for more teachers in the district?"],
    counter_examples=["BREAKING: The ferry service will stop running in May."],
)
def label_candidates(ctx: Context) -> Iterator[Candidate]:
    """ "NAME: what they said" lines (transcripts, interviews) and a headline label."""
    doc, base, text, index = ctx.doc, ctx.base, ctx.text, ctx.index
    end_of_doc = base + len(doc.text)
    headline = _headline_candidate(ctx) if base == 0 else None
    if headline is not None:
        yield headline
    for match in _LABEL.finditer(text, base, end_of_doc):
        if headline is not None and match.start() == 0:
            continue
        name = match.group("name")
        content = match.group("content").rstrip().rstrip('”"')
        if _not_a_name(name) or len(content.split()) < 3:
            continue
        kind, made_by = "direct", "label.transcript"
        if not name.isupper() and not _is_person_name(
            doc, base, match.start("name"), match.end("name")
        ):
            in_headline = _is_headline(text, match.start())
            if not _named_elsewhere(doc, name, {"PERSON", "ORG"} if in_headline else {"PERSON"}):
                continue
            # "Quill: Ferry Won't Run in May": a headline paraphrase, not a quote;
            # "Pike: ..." in a body where the article names Dora Pike: her words
            kind, made_by = (
                ("indirect", LABEL_HEADLINE_PARAPHRASE)
                if in_headline
                else ("direct", LABEL_NAMED_ELSEWHERE)
            )
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
            CONFIDENCE[made_by],
            (colon, colon + 1),
            "say",
            subject=label[-1],
            mention=(match.start("name"), match.end("name")),
            doc_index=index,
            rule=made_by,
        )


@rule(
    "label.headline",
    "label",
    examples=["Harbour workers: the new ferry fares will empty the island\n\nThe vote is near."],
)
def _headline_candidate(ctx: Context) -> Candidate | None:
    """The article's first line as "Label: paraphrase", the label a short noun phrase
    with a name or a noun in it and no verb."""
    doc, base, text, index = ctx.doc, ctx.base, ctx.text, ctx.index
    first_line = text[: text.find("\n")] if "\n" in text else text
    match = _HEADLINE.match(first_line)
    if match is None:
        return None
    name = match.group("name").strip()
    content = match.group("content").rstrip().rstrip('”".')
    if (
        name in _NOT_NAMES
        or name.upper() in _NOT_NAMES
        or len(name.split()) > HEADLINE_LABEL_WORDS
        or "," in name  # "Ah, friends once more: ...": a lead-in, not a source
        or len(content.split()) < 3
    ):
        return None
    label = doc.char_span(
        match.start("name") - base, match.start("name") + len(name) - base, alignment_mode="expand"
    )
    if (
        label is None
        or any(t.pos_ in {"VERB", "AUX"} or t.is_digit for t in label)
        or not _names_a_source(label)
    ):
        return None
    start = match.start("content")
    colon = text.index(":", match.start("name") + len(name))
    return Candidate(
        start,
        start + len(content),
        "indirect",
        "transcript:headline",
        CONFIDENCE["label.headline"],
        (colon, colon + 1),
        "say",
        subject=label.root,
        mention=(match.start("name"), match.start("name") + len(name)),
        doc_index=index,
        rule="label.headline",
    )


_VERB_WORDS = {"IS", "ARE", "WAS", "WERE", "BE", "HAS", "HAVE", "HAD", "DOES", "DO", "DID"}


def _not_a_name(name: str) -> bool:
    """A kicker ("BREAKING", "BOOM") or a shouted clause ("FIX IS IN"), not a speaker."""
    name = name.strip()
    return name in _NOT_NAMES or (name.isupper() and bool(_VERB_WORDS & set(name.split())))


def _names_a_source(label: Any) -> bool:
    """A headline label that can say something: a name, body, group or role ("Quill
    camp", "Historians", "POLLWATCH"), not a shouted phrase ("FIX IS IN") or a kicker
    ("BOOM", "Bombshell")."""
    return not _not_a_name(label.text) and any(t.pos_ in {"PROPN", "NOUN"} for t in label)


def _is_person_name(doc: Any, base: int, start: int, end: int) -> bool:
    span = doc.char_span(start - base, end - base, alignment_mode="expand")
    return span is not None and any(t.ent_type_ == "PERSON" for t in span)


def _is_headline(text: str, position: int) -> bool:
    """The article's first line."""
    return not text[:position].strip()


def _named_elsewhere(doc: Any, name: str, labels: set[str]) -> bool:
    """The label is (part of) a name of one of ``labels`` the article tags elsewhere."""
    words = set(name.split())
    return any(label in labels and words <= texts for label, texts in _entity_words(doc))


def _entity_words(doc: Any) -> tuple[tuple[str, frozenset[str]], ...]:
    """(label, token texts) of each entity the tagger marks, built once per doc: a
    transcript has a label on every line, a long one thousands of entities."""
    return per_doc(
        doc,
        "entity_words",
        lambda: tuple((ent.label_, frozenset(t.text for t in ent)) for ent in doc.ents),
    )
