"""Reported speech over a dependency parse: cue verbs with clausal complements, object
cues ("accused X of Y", "described X as Y"), participial cues ("arguing that ..."),
sentence-final attributions ("..., officials said"), passives with agents; noun and
adjective cues, "according to X" and "in a poll" live in nonverbal.py."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from service.extract import framing
from service.extract.candidates import MIN_CONTENT_CHARS, MIN_OBJECT_WORDS, Candidate
from service.extract.direct import person_like
from service.extract.lexicon import ORG_NOUNS
from service.extract.nonverbal import according_to, adjective_cue, in_poll, noun_cue
from service.extract.quotes import OPEN_DOUBLE, STRAIGHT
from service.extract.syntax import (
    acts_as_verb,
    char_range,
    glued_subject,
    subject_of,
    trim_span,
)

__all__ = ["MIN_CONTENT_CHARS", "MIN_OBJECT_WORDS", "reported_candidates"]

CONTENT_DEPS = {"ccomp", "parataxis"}
SAY_MARKS = {"that", "as"}  # marks a cue may carry ("as X noted"); others subordinate it
XCOMP_CUES = {
    "promise",
    "pledge",
    "vow",
    "threaten",
    "urge",
    "ask",
    "demand",
    "warn",
    "refuse",
    "call",
    "tell",
    "advise",
    "insist",
    "claim",
    "deny",
    "want",
    "plan",
    "intend",
    "hope",
    "expect",
    "agree",
    "seek",
    "aim",
    "decide",
    "wish",
    "decline",
    "offer",
    "press",
    "order",
    "remind",
    "persuade",
    "convince",
    "encourage",
}
SOURCING = {"quote", "cite"}  # "Quoted by Tass, X said ...": sourcing, not a claim


def reported_candidates(doc: Any, base: int, text: str, index: int) -> Iterator[Candidate]:
    for token in doc:
        lemma = token.lemma_.lower()
        if lemma == "accord" and token.lower_ == "according":
            found = according_to(doc, token, base, text)
        elif token.lower_ == "in" and token.dep_ == "prep":
            found = in_poll(token, base, text)
        elif acts_as_verb(token) and framing.is_cue_verb(lemma):
            found = _verb_cue(token, base, text)
            if found is None and token.pos_ == "NOUN" and _verb_form(token) is not None:
                found = _mistagged_cue(token, base, text)
        elif token.pos_ == "NOUN" and _verb_form(token) is not None:
            found = _mistagged_cue(token, base, text)
            if found is None and lemma in framing.CUE_NOUNS:
                found = noun_cue(token, base, text)
        elif token.pos_ == "NOUN" and lemma in framing.CUE_NOUNS:
            found = noun_cue(token, base, text)
        elif token.pos_ == "ADJ" and lemma in framing.STANCE_ADJECTIVES:
            found = adjective_cue(token, base, text)
        else:
            continue
        if found is not None:
            yield found.with_(doc_index=index)


def _verb_cue(verb: Any, base: int, text: str) -> Candidate | None:
    lemma = verb.lemma_.lower()
    if _idiom(verb):
        return None
    aside = _inverted_aside(verb) or _inverted_final(verb)
    content: tuple[int, int] | None
    if aside is not None:
        speaker, content = aside
        pattern = "final"
    else:
        speaker = _speaker_of_cue(verb)
        content = _clausal_content(verb)
        pattern = "ccomp"
    if content is None and (framing.is_object_cue(lemma) or _sees_as(verb)):
        content, pattern = _object_content(verb), "object"
    if content is None and lemma not in framing.WEAK_CUES:
        content, pattern = _final_attribution_content(verb), "final"
    if content is None and lemma not in framing.WEAK_CUES:
        content, pattern = _fronted_content(verb), "final"
    if content is None and lemma not in framing.WEAK_CUES:
        content, pattern = _interrupted_content(verb), "final"
    if content is None and lemma not in framing.WEAK_CUES:
        content, pattern = _object_phrase(verb), "dobj"
    if content is None and lemma not in framing.WEAK_CUES:
        found = _surface_aside(verb)
        if found is not None:
            speaker, content, pattern = found[0], found[1], "final"
    if lemma in STANCE_TARGET_VERBS and (content is None or speaker is None):
        found = _stance_target(verb, speaker)
        if found is not None:
            speaker, content, pattern = found[0], found[1], "target"
    if speaker is None and pattern == "object":
        speaker = _governing_subject(verb)
    if content is None or (speaker is None and pattern != "object"):
        return None
    if lemma in framing.WEAK_CUES and (
        pattern not in {"ccomp", "object"}
        or speaker is None
        or speaker.lower_ in {"i", "we", "you"}
    ):
        return None
    confidence = {"ccomp": 0.85, "object": 0.8, "final": 0.8, "dobj": 0.65, "target": 0.6}[pattern]
    if lemma in framing.WEAK_CUES:
        confidence -= 0.15
    return _indirect(verb, base, text, content, pattern, confidence, lemma, speaker)


def _indirect(
    cue: Any,
    base: int,
    text: str,
    content: tuple[int, int],
    pattern: str,
    confidence: float,
    lemma: str,
    speaker: Any,
) -> Candidate | None:
    """The indirect claim of a cue token over doc-local ``content``, trimmed; none when
    what is left is too short to say anything."""
    start, end = trim_span(text, base + content[0], base + content[1])
    if end - start < (MIN_TARGET_CHARS if pattern == "target" else MIN_CONTENT_CHARS):
        return None
    span = (base + cue.idx, base + cue.idx + len(cue.text))
    return Candidate(
        start, end, "indirect", f"reported:{pattern}", confidence, span, lemma, subject=speaker
    )


def _idiom(verb: Any) -> bool:
    """ "That said, ..." / "That being said, ...": a transition, nobody's claim."""
    doc, i = verb.doc, verb.i
    if verb.lower_ != "said" or i + 1 >= len(doc) or doc[i + 1].text != ",":
        return False
    before = doc[i - 1] if i > 0 else None
    if before is not None and before.lower_ == "being":
        before = doc[i - 2] if i > 1 else None
    return (
        before is not None
        and before.lower_ in {"that", "this"}
        and (before.i == verb.sent.start or doc[before.i - 1].is_punct)
    )


# Stances whose object is what they are about, however short: "opposed the tax",
# "backing Bush", "supported Trump".
STANCE_TARGET_VERBS = {
    "support",
    "back",
    "oppose",
    "endorse",
    "favor",
    "favour",
    "reject",
    "criticize",
    "criticise",
    "condemn",
    "praise",
    "applaud",
    "denounce",
    "champion",
}
MIN_TARGET_CHARS = 3
DOCUMENT_NOUNS = {"statement", "report", "study", "survey", "poll", "website"}


def _stance_target(verb: Any, speaker: Any) -> tuple[Any, tuple[int, int]] | None:
    """The target of a stance verb and who holds it: the subject and the object ("the
    council opposed an increase"), the noun a participle modifies ("a group backing
    Bush"), or the agent of a passive one and the noun it modifies ("the bill, opposed
    by House Republicans, ...")."""
    doc = verb.doc
    if verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN"}:
        holder = verb.head
        if verb.tag_ == "VBN":
            agent = subject_of(verb)
            if agent is None or agent.i < verb.i:
                return None
            first = holder.left_edge.i
            last = _before_joint(doc, first, verb.left_edge.i - 1)
            if last < first:
                return None
            return agent, char_range(doc, first, last + 1)
        if not (
            person_like(holder)
            or (holder.lemma_.lower() in ORG_NOUNS - DOCUMENT_NOUNS)
            or any(t.pos_ == "PROPN" for t in doc[holder.left_edge.i : verb.i])
        ):
            return None  # "tweets criticizing X": whoever sent them (see _governing_subject)
        speaker = holder
    if speaker is None or speaker.lower_ in {"what", "there"}:
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    if not objects or objects[0].pos_ == "PRON":
        return None  # "supported her": a target that names nothing
    last = _trailing(verb, objects[0].right_edge.i)  # "endorsed Sanders for president"
    return speaker, char_range(doc, objects[0].left_edge.i, last + 1)


NP_WORDS = {"DET", "ADJ", "NOUN", "PROPN", "NUM", "PUNCT"}
SURFACE_SOURCE_WORDS = 8  # "…, the candidate's former doctor maintains."


# finite cue forms the tagger takes for nouns at a sentence's end ("..., records show.")
MISTAGGED_CUES = {"show", "shows", "say", "says", "suggest", "suggests", "indicate"}


def _verb_form(token: Any) -> str | None:
    """The speech verb a token the tagger calls a plural noun spells ("charges" →
    charge, "denies" → deny, "maintains" → maintain), or one of MISTAGGED_CUES."""
    low = token.lower_
    if low in MISTAGGED_CUES:
        return low.removesuffix("s")
    if token.tag_ != "NNS" or not low.endswith("s"):
        return None
    stems = [low[:-1], low[:-2]] + ([low[:-3] + "y"] if low.endswith("ies") else [])
    return next((st for st in stems if framing.is_speech_verb(st)), None)


# stems whose plural is mostly a plain noun ("in 50 states.", "2.1 points.", "his notes."):
# as a sentence-final aside only the MISTAGGED_CUES forms count
NOUNISH_STEMS = {
    "state",
    "point",
    "note",
    "report",
    "claim",
    "charge",
    "call",
    "answer",
    "comment",
    "remark",
    "question",
    "reply",
    "word",
    "tweet",
    "post",
    "detail",
    "record",
}


def _mistagged_cue(token: Any, base: int, text: str) -> Candidate | None:
    lemma = _verb_form(token) or token.lower_
    aside = token.lower_ in MISTAGGED_CUES or lemma not in NOUNISH_STEMS
    found = (_surface_aside(token, finite=True) if aside else None) or _mistagged_that(token)
    if found is None:
        return None
    speaker, content = found
    return _indirect(token, base, text, content, "final", 0.7, lemma, speaker)


def _mistagged_that(token: Any) -> tuple[Any, tuple[int, int]] | None:
    """ "Trump charges that countries ... donated millions": a name opening the sentence,
    a speech verb the tagger takes for a plural noun, then "that" and a clause."""
    doc, sent = token.doc, token.sent
    after = token.i + 1
    if (
        after >= sent.end - 1
        or doc[after].lower_ != "that"
        or token.i == sent.start
        or doc[token.i - 1].pos_ not in {"PROPN", "NOUN", "PRON"}
        or any(t.pos_ not in NP_WORDS | {"PART"} for t in doc[sent.start : token.i])
        or not any(t.pos_ in {"VERB", "AUX"} for t in doc[after + 1 : sent.end])
    ):
        return None
    last = sent.end - 1
    while last > after and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    return doc[token.i - 1], char_range(doc, after + 1, last + 1)


def _surface_aside(verb: Any, finite: bool = False) -> tuple[Any, tuple[int, int]] | None:
    """ "…, fundraising documents show." / "During the stretch, F.A.A. records show, the
    plane flew 216 hours.": a short source and a finite speech verb set off by a comma,
    recognised from the words themselves where the parse is garbled."""
    doc, sent = verb.doc, verb.sent
    if not finite and (
        not framing.is_speech_verb(verb.lemma_.lower()) or verb.tag_ not in {"VBP", "VBZ", "VBD"}
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


def _speaker_of_cue(verb: Any) -> Any:
    glued = glued_subject(verb)
    if glued is not None:
        return glued
    subject = subject_of(verb)
    if subject is not None:
        return _appos_next_to(subject, verb) or subject
    if verb.tag_ in {"VBD", "VBZ", "VBP"} and verb.dep_ in {"ROOT", "conj"}:
        return _loose_subject(verb) or _nearest_person_left(verb) or _name_before(verb)
    if verb.dep_ == "parataxis" and verb.tag_ in {"VBZ", "VBP", "VBD"}:
        return _loose_subject(verb)  # "That attitude, many argue, could ..."
    if (
        verb.dep_ == "pcomp"
        and verb.tag_ == "VBG"
        and verb.head.dep_ == "prep"
        and framing.is_speech_verb(verb.lemma_.lower())
        and any(c.dep_ == "ccomp" for c in verb.children)
    ):
        # "X picked up from his daughter by saying he is ready ...": the one acting
        actor = verb.head.head
        # "After saying X, she was whisked off": the one saying is the subject, passive too
        if actor.pos_ in {"VERB", "AUX"}:
            passive = next((c for c in actor.children if c.dep_ == "nsubjpass"), None)
            subject = _not_empty(passive or subject_of(actor))
            if subject is not None:
                return subject
    if verb.tag_ in {"VBZ", "VBP"} and verb.dep_ == "dep" and verb.head.i < verb.i:
        # "Majorities of Democrats going to the polls Tuesday say they ...", parsed with
        # "going" for the sentence's verb: its subject is the one who says
        return subject_of(verb.head)
    if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.dep_ == "acomp":
        # "Voters were more likely to say ...": the subject of the verb "likely" completes
        # (not "It's worth noting that ...": an empty subject says nothing)
        return _not_empty(subject_of(verb.head.head))
    if verb.dep_ in {"advcl", "conj", "xcomp"}:
        head = verb.head
        # "X said he wants ..., arguing that ...": the one arguing is the sayer.
        while head.dep_ in {"ccomp", "conj", "xcomp"} and head.head.i != head.i:
            if framing.is_speech_verb(head.head.lemma_.lower()):
                return subject_of(head.head)
            head = head.head
    return None


GOVERNED_DEPS = {"acl", "pcomp", "pobj", "prep", "dobj", "xcomp", "advcl", "conj", "advmod"}


def _governing_subject(verb: Any) -> Any:
    """An object cue in a participle or infinitive with no subject of its own ("X
    unleashed tweets criticizing Y", "X issued a statement calling Y Z"): the actor is
    the subject of the clause that governs it."""
    tok = verb
    for _ in range(4):
        if tok.dep_ not in GOVERNED_DEPS or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ in {"VERB", "AUX"}:
            subject = subject_of(tok)
            if subject is not None and subject.lower_ not in {"there", "what"}:
                return subject
            if subject is not None or tok.dep_ in {"ROOT", "relcl", "ccomp"}:
                return None
    return None


def _appos_next_to(subject: Any, verb: Any) -> Any:
    """ "To understand the real Dred Scott, Chief Justice Roberts said, one should ...":
    the parser makes the name before the cue an apposition of the noun before it; an
    apposition with no comma between it and the cue is the one speaking (a true one,
    "Hugh Hill, a doctor, said", is closed by a comma)."""
    for child in subject.children:
        if (
            child.dep_ == "appos"
            and child.pos_ == "PROPN"
            and child.right_edge.i == verb.i - 1
            and child.i > subject.i
        ):
            return child
    return None


LOOSE_SUBJECT_DEPS = {"nummod", "quantmod", "npadvmod", "nmod", "dep", "amod"}
EMPTY_SUBJECTS = {"it", "there", "this", "that"}


def _not_empty(subject: Any) -> Any:
    """The subject, unless it is an empty one that says nothing ("It's worth noting")."""
    return subject if subject is not None and subject.lower_ not in EMPTY_SUBJECTS else None


QUANTIFIERS = {"many", "some", "few", "most", "others", "several", "both", "all"}


def _loose_subject(verb: Any) -> Any:
    """A finite cue whose subject the parser hangs on it as a modifier ("About 4 in 10
    say they ...": "10" a nummod of "say"): the noun or number phrase right before it."""
    for child in verb.lefts:
        if (
            child.dep_ in LOOSE_SUBJECT_DEPS
            and child.right_edge.i == verb.i - 1
            and (child.pos_ in {"NUM", "NOUN", "PROPN"} or child.lower_ in QUANTIFIERS)
            and child.ent_type_ not in {"DATE", "TIME"}
        ):
            return child
    return None


def _name_before(verb: Any) -> Any:
    """ "In a meeting with the editorial board of the Washington Post Trump said that
    ...": the parser folds the speaker into the phrase before; a name right before a cue
    with no subject is the one saying."""
    prev = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
    if prev is not None and prev.pos_ == "PROPN" and prev.dep_ in {"pobj", "compound", "appos"}:
        return prev
    return None


def _nearest_person_left(verb: Any) -> Any:
    """A finite cue the parser left without a subject ("Quoted by Tass, X, head of Y's
    delegation, described ..."): the nearest non-possessive person name to its left."""
    doc = verb.doc
    people = [
        e
        for e in doc.ents
        if e.label_ == "PERSON" and verb.sent.start <= e.start and e.end <= verb.i
    ]
    for ent in reversed(people):
        after = doc[ent.end].text if ent.end < len(doc) else ""
        if ent.text.endswith(("’s", "'s")) or after in {"’s", "'s", "’"} or ent.root.dep_ == "poss":
            continue
        return ent.root
    return None


def _clausal_content(verb: Any) -> tuple[int, int] | None:
    """Char range (doc-local) of the complement clause, cut before a nested cue's own
    participial clause ("..., arguing that ...")."""
    comps = [
        c
        for c in verb.children
        if (c.dep_ in CONTENT_DEPS and _clause_head(c)) or _that_advcl(verb, c)
    ]
    if not comps and verb.lemma_.lower() in XCOMP_CUES:
        comps = [c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i]
    if not comps and verb.lemma_.lower() not in INTRANSITIVE_CUES:
        comps = _time_relative(verb)
    if not comps:
        return None
    right = _before_coordinated_cue([c for c in comps if c.i > verb.i])
    if not right and any(c.dep_ == "mark" and c.lower_ not in SAY_MARKS for c in verb.children):
        return None  # "X is upbeat, because he sees ...", parsed with "sees" for the root
    chosen = right or comps
    first, last = min(c.left_edge.i for c in chosen), max(c.right_edge.i for c in chosen)
    if right:
        first = _quote_opening(verb.doc, first, right[0].i)
        first = _from_that(right[0], first)
        first = _detached_subject(verb, right[0], first)
        first = _lead_in_condition(verb, right[0], first)
    if right:
        last = _trailing(verb, last)
    elif _closes_sentence(verb):
        # "A told B that C, but D, the source added.": the whole sentence before it
        first = verb.sent.start
    # "X is honest, and": no joint to a cut-off clause
    last = _before_joint(verb.doc, first, _cut_nested_cue(verb.doc, chosen, first, last))
    if last < first:
        return None
    return char_range(verb.doc, first, last + 1)


SUBJECT_DEPS = {"nsubj", "nsubjpass", "expl", "csubj"}
OPENING_MARKS = {*OPEN_DOUBLE, STRAIGHT, "''"}  # as tokens: two apostrophes are one


def _quote_opening(doc: Any, first: int, head: int) -> int:
    """ "said on Monday, in reference to her child, a girl born in 2014, “Next summer,
    Charlotte is going ...”": the parser reaches the quoted clause's subject back over
    the opening mark to a loose phrase; what is said starts at the mark."""
    for k in range(head - 1, first, -1):
        if doc[k].text in OPENING_MARKS and doc[k - 1].text == ",":
            return k
    return first


def _detached_subject(verb: Any, comp: Any, first: int) -> int:
    """ "said the days when ... are gone": a long subject the parser hangs on the cue
    (as its object or a loose noun) while the clause it belongs to has none."""
    if any(c.dep_ in SUBJECT_DEPS for c in comp.children):
        return first
    loose = [
        c
        for c in verb.children
        if c.dep_ in {"dobj", "npadvmod"} and verb.i < c.i < comp.i and c.right_edge.i < first
    ]
    if not loose or loose[0].pos_ not in {"NOUN", "PROPN", "PRON"}:
        return first
    return min(first, loose[0].left_edge.i)


def _from_that(comp: Any, first: int) -> int:
    """ "said on Monday, speaking to reporters, that the pier ...": what the parser hangs
    on the complement before its "that" describes the saying, not what is said."""
    for child in comp.lefts:
        if child.dep_ == "mark" and child.lower_ == "that" and child.i > first:
            return child.i
    return first


CONDITION_DEPS = {"advmod", "advcl", "xcomp", "npadvmod"}


def _lead_in_condition(verb: Any, comp: Any, first: int) -> int:
    """ "says, win or lose in Tuesday's primary, he's staying" / "says no matter what
    action Obama takes, “his word ...”": a clause between the cue and its complement that
    the parser hangs on the cue is the speaker's own condition, part of what is said
    (a time or a participle of the act, "on Monday", "speaking to reporters", is not)."""
    for child in verb.rights:
        if child.i >= comp.left_edge.i or child.left_edge.i >= first:
            break
        if child.dep_ in CONDITION_DEPS and any(
            t.pos_ in {"VERB", "AUX"} and t.tag_ in {"VB", "VBP", "VBZ", "VBD", "MD"}
            for t in child.subtree
        ):
            return child.left_edge.i
    return first


def _before_coordinated_cue(comps: list[Any]) -> list[Any]:
    """ "A said X, and B said Y", parsed with "B said Y" as a second complement of the
    first cue: the complements before it; B's cue then makes its own claim."""
    for k, comp in enumerate(comps[1:], start=1):
        joint = comp.left_edge.i - 1
        if (
            framing.is_speech_verb(comp.lemma_.lower())
            and any(c.dep_ == "nsubj" for c in comp.children)
            and joint > 0
            and comp.doc[joint].lower_ in {",", "and", "but", "while", "whereas", ";"}
        ):
            return comps[:k]
    return comps


def _closes_sentence(verb: Any) -> bool:
    """A cue joined to the sentence's main verb that ends the sentence ("..., X added.")."""
    return verb.dep_ == "conj" and all(
        t.is_punct or t.is_space for t in verb.doc[verb.i + 1 : verb.sent.end]
    )


def _that_advcl(verb: Any, clause: Any) -> bool:
    """ "X tweeted in the early hours that Y was ...", parsed as an adverbial clause with
    "that" for an adverb: the complement all the same."""
    first = clause.left_edge
    return (
        clause.dep_ in {"advcl", "acl"}  # "X charges that ... donated", parsed as an acl
        and clause.i > verb.i
        and first.lower_ == "that"
        and first.head.i == clause.i
        and first.dep_ in {"mark", "advmod"}
        and clause.pos_ in {"VERB", "AUX"}
    )


TIME_NOUNS = {"time", "moment", "day", "week", "month", "year", "point", "weekend", "night"}
RELATIVE_WORDS = {"that", "which", "who", "whom", "when", "where"}
# cues that take no "that" clause: "spoke at the time that the bridge opened" is a time
INTRANSITIVE_CUES = {"speak", "talk", "comment", "respond", "reply", "testify", "appear"}


def _time_relative(verb: Any) -> list[Any]:
    """ "X reported at the time that Y had warned her", parsed with the complement as a
    relative clause of "time": a "that" clause with a subject of its own hanging on the
    time phrase right after the cue is the complement all the same."""
    for prep in verb.rights:
        times = [prep] if prep.dep_ == "npadvmod" else list(prep.children)
        for noun in times:
            if noun.dep_ not in {"pobj", "npadvmod"} or not (
                noun.lemma_.lower() in TIME_NOUNS or noun.ent_type_ in {"DATE", "TIME"}
            ):
                continue
            for clause in noun.rights:
                subject = subject_of(clause) if clause.dep_ == "relcl" else None
                if (
                    subject is not None
                    and clause.left_edge.lower_ == "that"
                    and subject.lower_ not in RELATIVE_WORDS
                    # "at the time that we met that ...": the relative clause is a time
                    and (
                        framing.is_cue_verb(clause.lemma_.lower())
                        or not any(c.dep_ == "ccomp" for c in clause.children)
                    )
                ):
                    return [clause]
    return []


def _clause_head(tok: Any) -> bool:
    """A verb, or the adjective or noun a copular clause hangs on when it keeps its own
    subject and verb ("says the flurry of posts was “unhinged”")."""
    if tok.pos_ in {"VERB", "AUX"}:
        return True
    deps = {c.dep_ for c in tok.children}
    # "said the spate of shootings demands that ...": a verb the tagger took for a noun
    # still has its subject and its own complement
    return bool(deps & {"nsubj", "nsubjpass"}) and bool(
        deps & {"aux", "auxpass", "cop", "ccomp", "dobj"}
    )


TRAILING_DEPS = {"prep", "npadvmod", "advmod", "conj", "dobj", "xcomp", "oprd", "advcl"}


def _trailing(verb: Any, last: int) -> int:
    """Extend content over what the cue verb still governs after it, up to the clause's
    end ("has also called for X, but on a wider scale"; "cited his endorsements from 88
    generals"; "cited the rise in rents to justify the vote"), stopping before a speech
    verb of its own ("..., adding that ...")."""
    for child in verb.rights:
        if child.i <= last or child.text == "," or child.dep_ == "cc":
            continue  # skipped, but never the end of the content
        if child.dep_ not in TRAILING_DEPS or framing.is_speech_verb(child.lemma_.lower()):
            break
        if child.dep_ == "prep" and child.lower_ == "with" and _holds_speech(child):
            break  # "..., with about three in 10 saying ...": their own claim
        last = child.right_edge.i
    return last


def _holds_speech(prep: Any) -> bool:
    return any(
        t.pos_ == "VERB" and t.tag_ == "VBG" and framing.is_speech_verb(t.lemma_.lower())
        for t in prep.subtree
    )


def _cut_nested_cue(doc: Any, comps: list[Any], first: int, last: int) -> int:
    # Only the complement's own dependents: a participle that hangs deeper belongs to a
    # nested clause (and scanning whole subtrees is quadratic on chained "said that").
    for comp in comps:
        for tok in comp.rights:
            if tok.dep_ not in {"advcl", "conj"}:
                continue
            if _own_cue(tok):
                return min(last, _before_joint(doc, first, tok.left_edge.i - 1))
            if tok.tag_ != "VBG" and tok.dep_ != "conj":
                continue
            if tok.dep_ == "conj" and not any(c.dep_ == "ccomp" for c in tok.children):
                continue  # "is acting unlawfully and showing disregard": one clause
            if framing.is_speech_verb(tok.lemma_.lower()) and _same(
                subject_of(tok), subject_of(comp)
            ):
                edge = tok.left_edge.i - 1
                while edge > first and doc[edge].is_punct:
                    edge -= 1
                return min(last, edge)
    return last


def _before_joint(doc: Any, first: int, last: int) -> int:
    """``last`` moved back over punctuation and conjunctions, not past ``first``."""
    while last > first and (doc[last].is_punct or doc[last].dep_ == "cc"):
        last -= 1
    return last


def _own_cue(tok: Any) -> bool:
    """ "…, while B say the same": a speech verb with a subject of its own that a
    contrast or a conjunction joins on; a new attribution, not part of the content."""
    if not framing.is_speech_verb(tok.lemma_.lower()) or tok.tag_ not in FINITE_TAGS:
        return False
    if not any(c.dep_ == "nsubj" for c in tok.children):
        return False
    return any(
        c.dep_ in {"mark", "cc"} and c.lower_ in {"while", "whereas", "but", "and"}
        for c in tok.children
    ) or (tok.dep_ == "conj" and tok.doc[tok.left_edge.i - 1].lower_ in {"and", "but"})


def _same(a: Any, b: Any) -> bool:
    return a is not None and b is not None and a.i == b.i


def _object_phrase(verb: Any) -> tuple[int, int] | None:
    """ "X cited the poll", "X called for a recount": the object phrase alone."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "attr"} and c.i > verb.i]
    if not objects:
        objects = [
            p
            for c in verb.children
            if c.dep_ == "prep"
            and c.i > verb.i
            and c.lower_ in {"for", "on", "about", "to", "against", "of", "over"}
            for p in c.children
            if p.dep_ == "pobj"
        ]
    if not objects or (objects[0].pos_ == "PRON" and objects[0].right_edge.i == objects[0].i):
        return None
    first, last = objects[0].left_edge.i, objects[0].right_edge.i
    words = [t for t in verb.doc[first : last + 1] if t.is_alpha]
    if len(words) < MIN_OBJECT_WORDS and not any(t.pos_ == "PROPN" for t in words):
        return None  # "announced the results": a topic, not a claim
    if objects[0].head.i == verb.i or objects[0].head.head.i == verb.i:  # "called for X"
        last = _trailing(verb, last)
    return char_range(verb.doc, first, last + 1)


def _sees_as(verb: Any) -> bool:
    """ "X sees/views/regards Y as Z": a stance on Y."""
    return (
        verb.lemma_.lower() in {"see", "view", "regard", "consider", "treat", "deem"}
        and any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)
        and any(c.dep_ == "dobj" for c in verb.children)
    )


def _object_content(verb: Any) -> tuple[int, int] | None:
    objects = [
        c
        for c in verb.children
        if c.dep_ in {"dobj", "prep", "oprd", "ccomp"}
        and c.i > verb.i
        and not (c.dep_ == "prep" and c.lower_ == "with" and _holds_speech(c))
    ]
    if not any(c.dep_ in {"dobj", "ccomp"} for c in objects):
        return None
    last = max(c.right_edge.i for c in objects)
    return char_range(verb.doc, verb.i, last + 1)


def _final_attribution_content(verb: Any) -> tuple[int, int] | None:
    """ "The talks failed, officials said." / "The talks, he said, failed." when the
    parser hangs the cue under the reported clause (parataxis) instead."""
    head = verb.head
    if verb.dep_ == "parataxis" and _set_off_by_commas(verb):
        # "The difference, he told me, is ...": the parser may hang the aside on the
        # subject noun; the clause it interrupts is the one that noun belongs to.
        while head.pos_ not in {"VERB", "AUX"} and head.head.i != head.i:
            head = head.head
    if head.i == verb.i or head.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() in SOURCING:
        return None
    if verb.dep_ == "advcl" and framing.is_speech_verb(head.lemma_.lower()):
        return None  # "A say X, while B say the same": B's cue does not take A's words
    own_subject = any(c.dep_ == "nsubj" for c in verb.children)
    as_clause = any(c.dep_ in {"mark", "prep"} and c.lower_ == "as" for c in verb.children)
    if any(c.dep_ == "mark" and c.lower_ != "as" for c in verb.children):
        return None  # "..., because he sees X as Y": a reason, not an aside
    comma = _comma_conj_final(verb)
    if comma is not None:
        return char_range(verb.doc, verb.sent.start, comma)
    if not (
        verb.dep_ == "parataxis"
        or (
            verb.dep_ == "advcl"
            and own_subject
            and (verb.i > head.i or as_clause or _bare_aside(verb))
        )
    ):
        return None  # "..., officials said" / "as X pointed out, ..." / "..., as X noted"
    cue_tokens = {t.i for t in verb.subtree}
    # "…, one list says, while another says …": the words up to the next cue's clause
    stop = min(
        (o.left_edge.i for o in head.children if o.i > verb.i and _own_cue(o)),
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
        and not _connective(verb.doc[verb.left_edge.i : subject.left_edge.i])
    ):
        # "To see why, Lee said, one must ...": the parser hangs the opening phrase on
        # the aside; it belongs to the clause the aside interrupts
        first = min(first, verb.left_edge.i)
    return char_range(verb.doc, first, max(tokens) + 1)


FINITE_TAGS = {"MD", "VBZ", "VBD", "VBP"}


def _connective(span: Any) -> bool:
    """ "Instead," / "But then,": an opening that links to the sentence before and is
    no part of what is said ("Instead, Trump told CNN, his policy ...")."""
    words = [t for t in span if not t.is_punct]
    return bool(words) and all(t.dep_ in {"advmod", "cc", "intj"} for t in words)


def _comma_conj_final(verb: Any) -> int | None:
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


def _inverted_aside(verb: Any) -> tuple[Any, tuple[int, int]] | None:
    """An aside with the speaker after the cue: "The plan, said Ann Lee, a planner at the
    city, would fail." The parser takes the words before it for the subject and the
    speaker for the start of a clause; the speaker is the noun phrase after the cue and
    the content the whole sentence, as for other asides."""
    doc, sent = verb.doc, verb.sent
    if (
        not framing.is_speech_verb(verb.lemma_.lower())
        or verb.lemma_.lower() in {"call", "name", "dub", "title", "label"}
        or verb.tag_ not in FINITE_TAGS  # "His group, called the Legacy Fund, ...": a name
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


def _inverted_final(verb: Any) -> tuple[Any, tuple[int, int]] | None:
    """ "…, said the company's chief executive, John Ferriola.": a sentence-final cue with
    the speaker after it; the content is everything before the comma."""
    doc, sent = verb.doc, verb.sent
    if (
        not framing.is_speech_verb(verb.lemma_.lower())
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


def _bare_aside(verb: Any) -> bool:
    """ "Soon after the argument, the evidence indicates, Roberts assigned ...": subject
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


def _set_off_by_commas(verb: Any) -> bool:
    doc = verb.doc
    left, right = verb.left_edge.i, verb.right_edge.i
    before = doc[left] if doc[left].text == "," else doc[left - 1] if left > 0 else None
    after = (
        doc[right] if doc[right].text == "," else doc[right + 1] if right + 1 < len(doc) else None
    )
    return before is not None and after is not None and before.text == after.text == ","


def _interrupted_content(verb: Any) -> tuple[int, int] | None:
    """ "These workers, Lee explained at the hearing, were well paid": the parser makes
    the aside the root, the fronted noun its loose dependent and the rest of the clause
    a subjectless conjunct; the content is the sentence around the aside."""
    if verb.dep_ != "ROOT" or not framing.is_speech_verb(verb.lemma_.lower()):
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


def _fronted_content(verb: Any) -> tuple[int, int] | None:
    """ "Talks unlikely before spring, officials say." parsed with the speech verb as the
    root and the words before the comma hanging loose: those words, when the sentence
    ends with the subject and the verb (and its time or place)."""
    if verb.dep_ != "ROOT" or not framing.is_speech_verb(verb.lemma_.lower()):
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
