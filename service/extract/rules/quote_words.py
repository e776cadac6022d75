"""The words around a quotation: whether it reads as an utterance, where the sentence
after it starts, which nearby words can speak (``person_like``) and the noun phrase a
speaker starts at. Read by the quote-cue rules (quote_cues.py) and the speakers stage."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from service.extract.lexicon import GROUP_NOUNS, PEOPLE_NOUNS, ROLE_FAMILIES
from service.extract.model import Context
from service.extract.quotes import Quote

AFTER_WINDOW = 8


SENTENCE_END = {".", "!", "?"}


def speech_like(text: str, q: Quote) -> bool:
    inner = text[q.start : q.end].strip()
    words = inner.split()
    if not any(ch.isalnum() for ch in inner):
        return False
    if title(words):
        return False
    if len(words) >= 4:
        return True
    return bool(words) and (inner[-1] in ".,!?…" or q.continued) and len(words) >= 1


TITLE_SMALL_WORDS = {"with", "from", "into", "over", "upon", "than", "that", "this", "onto"}


def title(words: list[str]) -> bool:
    """The name of a show, book or article ("Midday with Charlie Sykes," "The Art of
    the Deal"): every long word capitalised, no sentence inside, at most eight words."""
    bare = [w.strip(",.!?;:") for w in words]
    long = [w for w in bare if len(w) >= 4 and w.lower() not in TITLE_SMALL_WORDS]
    inner = " ".join(words)
    if (
        not 3 <= len(words) <= 8
        or len(long) < 2
        or inner.isupper()
        or any(p in inner for p in (". ", "? ", "! ", "; "))
        or words[-1][-1:] in {".", "!", "?"}
    ):
        return False  # "Absolutely not. Absolutely not," "GROWING PARTY,": speech
    return all(w[:1].isupper() for w in long)


def embedded_fragment(doc: Any, text: str, q: Quote, span: Any) -> bool:
    """A short quote that a phrase runs into ("admires him as a “strong leader,” ...",
    "called the plan “a disaster.”") is a quoted fragment of the sentence, not an
    utterance of its own, though its comma or full stop sits inside the marks."""
    inner = text[q.start : q.end]
    if q.continued:
        return False
    mid_sentence = (
        inner[:1].islower()
        and len(inner.split()) <= 25
        and inner.rstrip()[-1:] not in {".", "!", "?"}
        and text[q.outer_end : q.outer_end + 3].lstrip(" '\"”’")[:1] not in {".", "!", "?", ""}
    )
    if len(inner.split()) >= 4 and not mid_sentence:
        return False  # a long quote is an utterance unless the sentence runs on past it
    i = span.start - 1
    while i >= 0 and (doc[i].is_punct or doc[i].is_space):
        if doc[i].text in {":", ".", "!", "?", ","} or "\n" in doc[i].text:
            return False
        i -= 1
    return i >= 0 and doc[i].pos_ in {"DET", "ADP", "ADJ", "NOUN", "PROPN", "VERB", "AUX"}


def tok_after(ctx: Context, q: Quote, span: Any) -> int:
    i, doc = span.end, ctx.doc
    while i < len(doc) and ctx.at(doc[i]) < q.outer_end:
        i += 1
    return i


def closes_sentence(text: str, q: Quote) -> bool:
    """“… in May.” He added …: a full stop inside the marks and a capital after them end
    the sentence, so the words after belong to the next one."""
    if text[q.start : q.end].rstrip()[-1:] != "." or q.close_at is None:
        return False
    # the second apostrophe of a closing '' mark lies past outer_end
    rest = text[q.outer_end : q.outer_end + 40].lstrip(" \t'")
    return rest[:1].isupper()


def window(doc: Any, first: int) -> Iterator[int]:
    """AFTER_WINDOW tokens from ``first``, not counting a parenthesis and what it holds
    (“…,” Rep. Jo Lee (D-Ore.) said)."""
    counted, depth, i = 0, 0, first
    while i < len(doc) and counted < AFTER_WINDOW:
        text = doc[i].text
        if text == "(":
            depth += 1
        elif text == ")" and depth:
            depth -= 1
        elif not depth:
            counted += 1
        yield i
        i += 1


def person_like(tok: Any) -> bool:
    """Someone who can speak: a person or organisation name, a personal pronoun, or a
    noun for people ("the crowd", "a reporter", "officials")."""
    if tok.ent_type_ in {"PERSON", "ORG", "NORP"} or tok.pos_ == "PROPN":
        return True
    if tok.pos_ == "PRON":
        return tok.lower_ in {"he", "she", "they", "i", "we", "who"}
    lemma = tok.lemma_.lower()
    return lemma in ROLE_FAMILIES or lemma in PEOPLE_NOUNS or tok.lower_ in GROUP_NOUNS


def line_end(text: str, i: int) -> int:
    """End of a byline: the line, a comma or a full stop."""
    j = i
    while (
        j < len(text)
        and text[j] not in "\n,;("
        and not (
            text[j] == "."
            and (j + 1 == len(text) or text[j + 1].isspace())
            and j - i > 3
            and text[j - 2] != " "
        )
    ):
        j += 1
    return j


def np_before(doc: Any, i: int) -> Any:
    """A person-like word written right before token i, past a parenthesis: "Rep. Al
    Dunn (R-WI) said “…”" → Dunn."""
    j = i - 1
    if j >= 0 and doc[j].text == ")":
        while j >= 0 and doc[j].text != "(" and i - j < 8:
            j -= 1
        j -= 1
    if (
        j < 0
        or doc[j].pos_ not in {"PROPN", "NOUN", "PRON"}
        or doc[j].ent_type_ not in {"", "PERSON", "ORG", "NORP"}
        or not person_like(doc[j])
    ):
        return None
    return doc[j]


def np_at(doc: Any, i: int) -> Any:
    """The head of a noun phrase starting at token i (inverted subjects, bylines)."""
    while i < len(doc) and doc[i].dep_ in {"punct", "advmod"} and doc[i].text != "\n":
        i += 1
    if i >= len(doc) or doc[i].pos_ not in {"DET", "PROPN", "NOUN", "PRON", "ADJ", "NUM"}:
        return None
    head = doc[i]
    while (
        head.head.i != head.i
        and head.head.i > head.i
        and head.head.pos_ in {"PROPN", "NOUN"}
        and head.head.i - i < 12
    ):
        head = head.head
    return head


def inside(ctx: Context, tok: Any, q: Quote) -> bool:
    return q.open_at <= ctx.at(tok) < q.outer_end
