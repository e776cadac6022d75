"""Direct quotes → claims: link each quotation to its cue and speaker.

A quote is *speech-like* when it reads as an utterance (several words, or closing
punctuation inside the marks); shorter quoted fragments are left to reported speech,
which then types its claim ``mixed``. A speech-like quote takes its cue from, in order:
the words right after it ("…,” said X / X said / X told reporters / according to X),
a dash byline ("…” -Commissioner X), the words right before it (X said: “…” / X said,
“…”), a colon introduction with no verb ("From Chairwoman Y: “…”"), or an "as X put
it" in its sentence. With none it is a floating quote and inherits the speaker of its
context (see ``engine``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from service.extract.lexicon import cues
from service.extract.model import Candidate, Context
from service.extract.quotes import Quote
from service.extract.registry import CONFIDENCE, rule, sieve, variant
from service.extract.rules.quote_words import (
    SENTENCE_END,
    closes_sentence,
    embedded_fragment,
    inside,
    line_end,
    np_at,
    np_before,
    person_like,
    speech_like,
    tok_after,
    window,
)
from service.extract.syntax import subject_of

BEFORE_WINDOW = 10
DASHES = "-—–―"
BETWEEN_OK = {
    "punct",
    "advmod",
    "npadvmod",
    "prep",
    "pobj",
    "det",
    "amod",
    "compound",
    "dative",
    "dobj",
    "nsubj",
    "poss",
    "nummod",
    "mark",
    "case",
    "appos",
    "pcomp",
    "nmod",
    "cc",
    "conj",
    "quantmod",
    "aux",
    "neg",
    "attr",
    "nsubjpass",
    "agent",
}


def direct_candidates(ctx: Context) -> Iterator[Candidate]:
    """Each speech-like quotation of the chunk with the cue the first rule of SIEVES
    ``quote_cue`` finds (the last, ``quote.floating``, always does)."""
    doc, base, text = ctx.doc, ctx.base, ctx.text
    doc_text_len = len(doc.text)  # Doc.text is rebuilt on each access
    rules = [r.fn for r in sieve("quote_cue") if r.fn is not None]
    for q in ctx.quotes:
        if not speech_like(text, q):
            continue
        # a quote longer than a parse chunk is clipped to it for the cue search
        local_end = min(q.end, base + doc_text_len) - base
        span = doc.char_span(q.start - base, local_end, alignment_mode="expand")
        if span is None or len(span) == 0 or embedded_fragment(doc, text, q, span):
            continue
        found = next(c for c in (find(ctx, q, span) for find in rules) if c is not None)
        yield found.with_(start=q.start, end=q.end, doc_index=ctx.index)


@rule(
    "quote.floating",
    "quote_cue",
    examples=['The mayor spoke first. "We will not close a single school this year."'],
)
def floating(ctx: Context, q: Quote, span: Any = None) -> Candidate:
    """A quote with no cue of its own: the speakers stage gives it its context's speaker."""
    name = "quote.floating"
    return Candidate(
        q.start,
        q.end,
        "direct",
        "quote:floating",
        CONFIDENCE[name],
        inherit=True,
        doc_index=ctx.index,
        rule=name,
    )


SAID_AFTER = variant(
    "quote.said_after",
    "quote_cue",
    of="quote.after",
    examples=['"We answered every question they asked," the spokesman said.'],
    counter_examples=['"We answered every question." The spokesman said nothing more.'],
)
ACCORDING_AFTER = variant(
    "quote.according_after",
    "quote_cue",
    of="quote.after",
    examples=['"The budget went out two weeks ago," according to the operator.'],
)
ACTED_AFTER = variant(
    "quote.acted_after",
    "quote_cue",
    of="quote.after",
    examples=['"You have had the budget since May!" the spokesman shot back.'],
)


@rule("quote.after", "quote_cue")
def after(ctx: Context, q: Quote, span: Any) -> Candidate | None:
    """The words right after a quote, within a few tokens: “…,” said X / X said /
    according to X / X shot back."""
    doc, text = ctx.doc, ctx.text
    if closes_sentence(text, q):
        return None
    first = tok_after(ctx, q, span)
    for i in window(doc, first):
        tok = doc[i]
        if tok.text in SENTENCE_END or tok.text in '“"«' or "\n" in tok.text:
            return None
        lemma = tok.lemma_.lower()
        if lemma == "accord" and i + 2 < len(doc) and doc[i + 1].lower_ == "to":
            source = np_at(doc, i + 2)
            if source is not None:
                return _cand(ctx, q, tok, source, ACCORDING_AFTER, end=i + 2)
        if tok.pos_ in {"VERB", "AUX"} and cues.is_speech_verb(lemma):
            speaker = subject_of(tok)
            if speaker is None or speaker.i < first or inside(ctx, speaker, q):
                # “…,” said X: the parser may take words of the quote for the subject
                inverted = np_at(doc, i + 1)
                if inverted is not None or (speaker is not None and inside(ctx, speaker, q)):
                    speaker = inverted
            if speaker is None and i > first:
                speaker = np_at(doc, first)
            if speaker is not None:
                return _cand(ctx, q, tok, speaker, SAID_AFTER)
        if tok.pos_ in {"VERB", "AUX"}:
            # “…,” Brandt shot back / “…!” the crowd yelled: a quote that ends open,
            # then a person acting, is that person's; “steals a handful” is held
            # accountable, X said: a fragment
            return _acted_after(ctx, q, tok, first)
    return None


def _acted_after(ctx: Context, q: Quote, verb: Any, first: int) -> Any:
    doc, text = ctx.doc, ctx.text
    if text[q.start : q.end].rstrip()[-1:] not in {",", "?", "!"} or verb.lemma_ == "be":
        return None
    speaker = subject_of(verb)
    if speaker is None and verb.dep_ == "acl" and first <= verb.head.i < verb.i:
        speaker = verb.head  # “…!” a man yelled, parsed as "a man [who] yelled"
    if speaker is None and verb.i == first:
        speaker = np_at(doc, verb.i + 1)  # “…,” mused co-host Ada Pell
    if speaker is None or speaker.i < first or not person_like(speaker):
        return None
    return _cand(ctx, q, verb, speaker, ACTED_AFTER)


@rule(
    "quote.dash_byline",
    "quote_cue",
    examples=[
        "The baker was blunt.\n\n"
        '"Nobody comes for a loaf of bread at forty pounds." - Dora Pike, owner of a bakery'
    ],
)
def dash(ctx: Context, q: Quote, span: Any = None) -> Candidate | None:
    """“…” -Commissioner X / “…” — X: a byline dash, possibly glued to the title."""
    text = ctx.text
    i = q.outer_end
    if text[i - 1 : i + 1] == "''":
        i += 1  # the second apostrophe of a '' closing mark
    while i < len(text) and text[i] in " \t":
        i += 1
    dash = i
    while i < len(text) and text[i] in DASHES:
        i += 1
    if i == dash or i - dash > 2:
        return None
    while i < len(text) and text[i] in " \t":
        i += 1
    byline = ctx.local_span(i, line_end(text, i))
    if byline is None or not any(t.pos_ == "PROPN" for t in byline):
        return None
    heads = [t for t in byline if t.head.i == t.i or not byline.start <= t.head.i < byline.end]
    speaker = heads[0] if heads else byline.root
    if speaker.pos_ not in {"PROPN", "NOUN"}:
        return None
    cand = _cand(ctx, q, ctx.doc[byline.start], speaker, "quote.dash_byline", cue_lemma="say")
    return cand.with_(cue=(dash, dash + 1), mention=(i, ctx.token_span(speaker)[1]))


@rule(
    "quote.said_before",
    "quote_cue",
    examples=['Reyes told reporters, "Everything is on the table."'],
)
def before(ctx: Context, q: Quote, span: Any) -> Candidate | None:
    """The words right before a quote: X said, “…” / X said: “…”."""
    doc = ctx.doc
    start = span.start
    while start > 0 and ctx.at(doc[start - 1]) >= q.open_at:
        start -= 1
    sent_start = doc[start].sent.start if start < len(doc) else 0
    for i in range(start - 1, max(sent_start, start - BEFORE_WINDOW) - 1, -1):
        tok = doc[i]
        lemma = tok.lemma_.lower()
        if tok.pos_ in {"VERB", "AUX"} and cues.is_speech_verb(lemma):
            if cues.is_object_cue(lemma) and lemma not in {"deny", "urge"}:
                return None
            speaker = subject_of(tok)
            if tok.tag_ in {"VBD", "VBZ", "VBP"} and (
                speaker is None or inside(ctx, speaker, q) or speaker.i > tok.i
            ):
                # a long sentence may hang the cue under another verb and give it a
                # subject from the quote: take the speaker written right before it
                speaker = np_before(doc, i) or speaker
            if speaker is None:
                speaker = np_at(doc, i + 1)
            if speaker is None or inside(ctx, speaker, q):
                return None
            return _cand(ctx, q, tok, speaker, "quote.said_before")
        if tok.pos_ in {"VERB", "AUX"} or tok.dep_ not in BETWEEN_OK or "\n" in tok.text:
            return None
    return None


@rule(
    "quote.governing_cue",
    "quote_cue",
    examples=[
        "Coyle said on Monday, speaking to a crowd of parents at the old school hall, "
        '"Next autumn, every class will have its own teacher."'
    ],
)
def governing_cue(ctx: Context, q: Quote, span: Any) -> Candidate | None:
    """ "X said on Monday, speaking of her bakery, a shop opened in 2009, “Next winter,
    the ovens are going ...”": too far from its cue for the word-window search, the quote
    opens a clause the parser hangs on a speech verb before it in the sentence."""
    for tok in span:
        head = tok.head
        if (
            tok.dep_ == "ccomp"
            and head.i < span.start
            and head.sent.start == span.sent.start
            and head.pos_ == "VERB"
            and cues.is_speech_verb(head.lemma_.lower())
            and not cues.is_object_cue(head.lemma_.lower())
        ):
            speaker = subject_of(head)
            if speaker is None or inside(ctx, speaker, q):
                return None
            return _cand(ctx, q, head, speaker, "quote.governing_cue")
    return None


COLON_SPEECH = variant(
    "quote.colon_speech",
    "quote_cue",
    of="quote.colon",
    examples=['Brandt blamed the chair directly: "You have stalled this vote for a whole year."'],
)
COLON_ACT = variant(
    "quote.colon_act",
    "quote_cue",
    of="quote.colon",
    examples=['Reyes had one answer for the reporters: "Everything is on the table."'],
)
COLON_LABEL = variant(
    "quote.colon_label",
    "quote_cue",
    of="quote.colon",
    examples=['From councillor Ravi Brandt: "This delay is an insult to working people."'],
)


@rule("quote.colon", "quote_cue")
def colon(ctx: Context, q: Quote, span: Any) -> Candidate | None:
    """ "From Chairwoman Y: “…”", "X on social media: “…”", and a paragraph that ends
    "X continued:" before a quoted paragraph."""
    doc, base, text = ctx.doc, ctx.base, ctx.text
    j = q.open_at - 1
    while j >= 0 and text[j] in " \t\n":
        j -= 1
    if j < 0 or text[j] != ":" or j - base < 0:
        return None
    mark = ctx.local_span(j, j + 1)
    if mark is None:
        return None
    sent = mark[0].sent
    tokens = [t for t in doc[sent.start : mark.start] if not t.is_punct]
    verbs = [t for t in tokens if t.pos_ in {"VERB", "AUX"}]
    if verbs:
        cue = verbs[-1]
        speaker = subject_of(cue)
        speech = cues.is_speech_verb(cue.lemma_.lower())
        if speech and speaker is None and cue.i + 1 < mark.start:
            inverted = np_at(doc, cue.i + 1)  # "Said Pike: “…”"
            if inverted is not None and inverted.i < mark.start and person_like(inverted):
                speaker = inverted
        # "Brandt fired back: “…”", "Pike leaned in and smiled: “…”": any act of a
        # person-like subject that a colon hands over to a quote
        if speaker is None or inside(ctx, speaker, q) or not (speech or person_like(speaker)):
            return None
        return _cand(ctx, q, cue, speaker, COLON_SPEECH if speech else COLON_ACT)
    if not tokens or len(tokens) > 12:
        return None
    names = [t for t in tokens if t.ent_type_ in {"PERSON", "ORG"} or t.pos_ == "PROPN"]
    head = names[-1] if names else next((t for t in tokens if t.pos_ == "NOUN"), None)
    if head is None:
        return None
    return _cand(ctx, q, mark[0], head, COLON_LABEL, cue_lemma="say")


@rule(
    "quote.as_put_it",
    "quote_cue",
    examples=['As Obi put it in her report, the premiums are "simply out of reach for most".'],
)
def as_put_it(ctx: Context, q: Quote, span: Any) -> Candidate | None:
    """ "As X put it in a statement, the network is “…”": the one who put it so."""
    sent = span[0].sent
    for tok in sent:
        if tok.lemma_.lower() != "put" or inside(ctx, tok, q):
            continue
        deps = {(c.dep_, c.lower_) for c in tok.children}
        if ("dobj", "it") not in deps or not deps & {("mark", "as"), ("advmod", "as")}:
            continue
        speaker = subject_of(tok)
        if speaker is not None and not inside(ctx, speaker, q):
            return _cand(ctx, q, tok, speaker, "quote.as_put_it", cue_lemma="say")
    return None


# the detector family each rule's claims belong to (selection reads it)
PATTERNS = {
    "quote.said_after": "quote:after",
    "quote.acted_after": "quote:after",
    "quote.according_after": "quote:according",
    "quote.dash_byline": "quote:dash",
    "quote.said_before": "quote:before",
    "quote.governing_cue": "quote:before",
    "quote.colon_speech": "quote:before",
    "quote.colon_act": "quote:before",
    "quote.colon_label": "quote:colon",
    "quote.as_put_it": "quote:as_put",
}


def _cand(
    ctx: Context,
    q: Quote,
    cue: Any,
    speaker: Any,
    name: str,
    cue_lemma: str | None = None,
    end: int | None = None,
) -> Candidate:
    cue_end = ctx.doc[end - 1] if end is not None else cue
    pattern = PATTERNS[name]
    return Candidate(
        q.start,
        q.end,
        "direct",
        pattern,
        CONFIDENCE[name],
        ctx.token_span(cue, cue_end),
        cue_lemma or ("according to" if pattern == "quote:according" else cue.lemma_.lower()),
        subject=speaker,
        rule=name,
    )
