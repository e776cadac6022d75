"""DOC"""

from __future__ import annotations

from typing import Any

from service.extract.lexicon import cues
from service.extract.rules.complements import CONTENT_DEPS, FINITE_TAGS, own_cue
from service.extract.rules.quote_words import person_like
from service.extract.syntax import char_range

SOURCING = {"quote", "cite"}  # "Quoted by the wire, X said ...": sourcing, not a claim


NP_WORDS = {"DET", "ADJ", "NOUN", "PROPN", "NUM", "PUNCT"}


SURFACE_SOURCE_WORDS = 8  # "…, the candidate's former doctor maintains."


def surface_aside(verb: Any, finite: bool = False) -> tuple[Any, tuple[int, int]] | None:
    """ "…, council documents show." / "In the winter, harbour records show, the
    plane flew 216 hours.": a short source and a finite speech verb set off by a comma,
    recognised from the words themselves where the parse is garbled."""
    doc, sent = verb.doc, verb.sent
    if not finite and (
        not cues.is_speech_verb(verb.lemma_.lower()) or verb.tag_ not in {"VBP", "VBZ", "VBD"}
    ):
        return None
    k = verb.i - 1
    while (
        k > sent.start
        and doc[k].text != ","
        and (doc[k].pos_ in NP_WORDS or doc[k].tag_ in {"VBG", "POS"})
        and verb.i - k <= SURFACE_SOURCE_WORDS
    ):
        k -= 1
    if k <= sent.start or doc[k].text != "," or k == verb.i - 1:
        return None
    source = [t for t in doc[k + 1 : verb.i] if t.pos_ in {"NOUN", "PROPN"}]
    if not source:
        return None
    after = verb.i + 1
    last = sent.end - 1
    while last > k and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if after > last:  # "…, documents show."
        return source[-1], char_range(doc, sent.start, k)
    if doc[after].text == "," and after < last:  # "…, records show, …"
        return source[-1], char_range(doc, sent.start, last + 1)
    return None


def final_attribution_content(verb: Any) -> tuple[int, int] | None:
    """ "The talks failed, officials said." / "The talks, he said, failed." when the
    parser hangs the cue under the reported clause (parataxis) instead."""
    head = verb.head
    if verb.dep_ == "parataxis" and set_off_by_commas(verb):
        # "The difference, he told me, is ...": the parser may hang the aside on the
        # subject noun; the clause it interrupts is the one that noun belongs to.
        while head.pos_ not in {"VERB", "AUX"} and head.head.i != head.i:
            head = head.head
    if head.i == verb.i or head.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() in SOURCING:
        return None
    if verb.dep_ == "advcl" and cues.is_speech_verb(head.lemma_.lower()):
        return None  # "A say X, while B say the same": B's cue does not take A's words
    own_subject = any(c.dep_ == "nsubj" for c in verb.children)
    as_clause = any(c.dep_ in {"mark", "prep"} and c.lower_ == "as" for c in verb.children)
    if any(c.dep_ == "mark" and c.lower_ != "as" for c in verb.children):
        return None  # "..., because he sees X as Y": a reason, not an aside
    comma = comma_conj_final(verb)
    if comma is not None:
        return char_range(verb.doc, verb.sent.start, comma)
    if not (
        verb.dep_ == "parataxis"
        or (
            verb.dep_ == "advcl"
            and own_subject
            and (verb.i > head.i or as_clause or bare_aside(verb))
        )
    ):
        return None  # "..., officials said" / "as X pointed out, ..." / "..., as X noted"
    cue_tokens = {t.i for t in verb.subtree}
    # "…, one list says, while another says …": the words up to the next cue's clause
    stop = min(
        (o.left_edge.i for o in head.children if o.i > verb.i and own_cue(o)),
        default=len(verb.doc),
    )
    tokens = [t.i for t in head.subtree if t.i not in cue_tokens and t.i < stop]
    if not tokens:
        return None
    first = min(tokens)
    subject = next((c for c in verb.lefts if c.dep_ == "nsubj"), None)
    if (
        subject is not None
        and verb.left_edge.i < subject.left_edge.i
        and head.i > verb.i
        and not connective(verb.doc[verb.left_edge.i : subject.left_edge.i])
    ):
        # "To see why, Lee said, one must ...": the parser hangs the opening phrase on
        # the aside; it belongs to the clause the aside interrupts
        first = min(first, verb.left_edge.i)
    return char_range(verb.doc, first, max(tokens) + 1)


def connective(span: Any) -> bool:
    """ "Instead," / "But then,": an opening that links to the sentence before and is
    no part of what is said ("Instead, Lee told the radio, her plan ...")."""
    words = [t for t in span if not t.is_punct]
    return bool(words) and all(t.dep_ in {"advmod", "cc", "intj"} for t in words)


def comma_conj_final(verb: Any) -> int | None:
    """ "X should act and not wait, he told reporters.": a cue with its own subject right
    before it that the parser joins to the sentence's verb after a comma, ending the
    sentence; the index of that comma (the content is everything before it)."""
    subject = next((c for c in verb.lefts if c.dep_ == "nsubj"), None)
    if verb.dep_ != "conj" or subject is None or subject.right_edge.i != verb.i - 1:
        return None
    comma, sent_end = subject.left_edge.i - 1, verb.sent.end
    if (
        comma <= verb.sent.start
        or verb.doc[comma].text != ","
        or any(c.dep_ in CONTENT_DEPS for c in verb.children)
        or not all(t.is_punct or t.is_space for t in verb.doc[verb.right_edge.i + 1 : sent_end])
    ):
        return None
    return comma


def inverted_aside(verb: Any) -> tuple[Any, tuple[int, int]] | None:
    """An aside with the speaker after the cue: "The plan, said Ann Lee, a planner at the
    city, would fail." The parser takes the words before it for the subject and the
    speaker for the start of a clause; the speaker is the noun phrase after the cue and
    the content the whole sentence, as for other asides."""
    doc, sent = verb.doc, verb.sent
    if (
        not cues.is_speech_verb(verb.lemma_.lower())
        or verb.lemma_.lower() in {"call", "name", "dub", "title", "label"}
        or verb.tag_ not in FINITE_TAGS  # "Her trust, called the Harbour Fund, ...": a name
        or verb.i - 1 <= sent.start
        or doc[verb.i - 1].text != ","
        or verb.i + 1 >= sent.end
        or doc[verb.i + 1].pos_ not in {"PROPN", "NOUN", "DET", "ADJ", "NUM"}
    ):
        return None
    commas = [t.i for t in doc[verb.i + 2 : sent.end] if t.text == ","]
    rest_start = next(
        (
            c + 1
            for c in commas
            if c + 1 < sent.end
            and (
                doc[c + 1].tag_ in FINITE_TAGS
                or (
                    doc[c + 1].pos_ == "ADV" and c + 2 < sent.end and doc[c + 2].tag_ in FINITE_TAGS
                )
            )
        ),
        None,
    )
    if rest_start is None:
        return None
    before_rest = [c for c in commas if c < rest_start]
    if len(before_rest) > 2:  # the speaker and at most one apposition
        return None
    name_end = before_rest[0]
    piece = range(verb.i + 1, name_end)
    if any(doc[k].pos_ in {"VERB", "AUX", "SCONJ"} or doc[k].lower_ == "that" for k in piece):
        return None  # "X, who is Y, told the paper that ...": a cue with its own clause
    heads = [doc[k] for k in piece if not verb.i < doc[k].head.i < name_end]
    speaker = heads[0] if heads else None
    if speaker is None or speaker.pos_ not in {"PROPN", "NOUN"} or not person_like(speaker):
        return None
    last = sent.end - 1
    while last > rest_start and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    return speaker, char_range(doc, sent.start, last + 1)


def inverted_final(verb: Any) -> tuple[Any, tuple[int, int]] | None:
    """ "…, said the firm's chief executive, Lena Marsh.": a sentence-final cue with
    the speaker after it; the content is everything before the comma."""
    doc, sent = verb.doc, verb.sent
    if (
        not cues.is_speech_verb(verb.lemma_.lower())
        or verb.tag_ not in FINITE_TAGS
        or verb.i - 1 <= sent.start + 2
        or doc[verb.i - 1].text != ","
        or any(c.dep_ in CORE_AFTER_DEPS and c.i > verb.i for c in verb.children)
    ):
        return None
    after = [c for c in verb.children if c.dep_ == "nsubj" and c.i > verb.i]
    speaker = after[0] if after else None
    if speaker is None or not person_like(speaker):
        return None
    if any(
        t.pos_ in {"VERB", "AUX"} and t.dep_ in {"ROOT", "conj", "ccomp"}
        for t in doc[speaker.right_edge.i + 1 : sent.end]
    ):
        return None  # more clause after the speaker: not the sentence's end
    return speaker, char_range(doc, sent.start, verb.i - 1)


CORE_AFTER_DEPS = {"ccomp", "xcomp", "dobj"}


def bare_aside(verb: Any) -> bool:
    """ "Soon after the vote, the minutes suggest, Quill changed ...": subject
    and cue alone between two commas (the parser may hang the opening phrase on the cue)."""
    subject = next((c for c in verb.lefts if c.dep_ == "nsubj"), None)
    doc = verb.doc
    return (
        subject is not None
        and subject.left_edge.i > 0
        and doc[subject.left_edge.i - 1].text == ","
        and subject.right_edge.i == verb.i - 1
        and verb.i + 1 < len(doc)
        and doc[verb.i + 1].text == ","
    )


def set_off_by_commas(verb: Any) -> bool:
    doc = verb.doc
    left, right = verb.left_edge.i, verb.right_edge.i
    before = doc[left] if doc[left].text == "," else doc[left - 1] if left > 0 else None
    after = (
        doc[right] if doc[right].text == "," else doc[right + 1] if right + 1 < len(doc) else None
    )
    return before is not None and after is not None and before.text == after.text == ","


def interrupted_content(verb: Any) -> tuple[int, int] | None:
    """ "These workers, Lee explained at the hearing, were well paid": the parser makes
    the aside the root, the fronted noun its loose dependent and the rest of the clause
    a subjectless conjunct; the content is the sentence around the aside."""
    if verb.dep_ != "ROOT" or not cues.is_speech_verb(verb.lemma_.lower()):
        return None
    subject = next((c for c in verb.lefts if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    doc, sent = verb.doc, verb.sent
    comma = subject.left_edge.i - 1
    if comma <= sent.start or doc[comma].text != ",":
        return None
    fronted = [t for t in doc[sent.start : comma] if not sent.start <= t.head.i < comma]
    if (
        len(fronted) != 1
        or fronted[0].head.i != verb.i
        or fronted[0].pos_ not in {"NOUN", "PROPN"}
        or fronted[0].ent_type_ in {"DATE", "TIME"}
    ):
        return None
    rest = [
        c
        for c in verb.rights
        if c.dep_ == "conj"
        and c.pos_ in {"VERB", "AUX"}
        and doc[c.left_edge.i - 1].text == ","
        and not any(g.dep_ in {"nsubj", "nsubjpass", "expl"} for g in c.children)
    ]
    if len(rest) != 1 or any(c.dep_ == "cc" for c in verb.rights):
        return None
    return char_range(doc, sent.start, rest[0].right_edge.i + 1)


def fronted_content(verb: Any) -> tuple[int, int] | None:
    """ "Talks unlikely before spring, officials say." parsed with the speech verb as the
    root and the words before the comma hanging loose: those words, when the sentence
    ends with the subject and the verb (and its time or place)."""
    if verb.dep_ != "ROOT" or not cues.is_speech_verb(verb.lemma_.lower()):
        return None
    subject = next((c for c in verb.lefts if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    comma = subject.left_edge.i - 1
    sent = verb.sent
    if comma <= sent.start + 1 or verb.doc[comma].text != ",":
        return None
    if any(
        c.i > verb.i and c.dep_ not in {"punct", "npadvmod", "advmod", "prep"}
        for c in verb.children
    ):
        return None
    doc = verb.doc
    heads = [t for t in doc[sent.start : comma] if not sent.start <= t.head.i < comma]
    if (
        len(heads) != 1
        or heads[0].head.i != verb.i
        or heads[0].dep_ not in {"dep", "ccomp", "parataxis"}
        or doc[sent.start].pos_ in {"ADP", "SCONJ", "PUNCT"}
    ):
        return None
    return char_range(doc, sent.start, comma)
