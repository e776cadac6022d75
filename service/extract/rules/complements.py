"""DOC"""

from __future__ import annotations

from typing import Any

from service.extract.lexicon import cues
from service.extract.quotes import OPEN_DOUBLE, STRAIGHT
from service.extract.syntax import char_range, subject_of

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


def clausal_content(verb: Any) -> tuple[int, int] | None:
    """Char range (doc-local) of the complement clause, cut before a nested cue's own
    participial clause ("..., arguing that ...")."""
    comps = [
        c
        for c in verb.children
        if (c.dep_ in CONTENT_DEPS and clause_head(c)) or that_advcl(verb, c)
    ]
    if not comps and verb.lemma_.lower() in XCOMP_CUES:
        comps = [c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i]
    if not comps and verb.lemma_.lower() not in INTRANSITIVE_CUES:
        comps = time_relative(verb)
    if not comps:
        return None
    right = before_coordinated_cue([c for c in comps if c.i > verb.i])
    if not right and any(c.dep_ == "mark" and c.lower_ not in SAY_MARKS for c in verb.children):
        return None  # "X is upbeat, because he sees ...", parsed with "sees" for the root
    chosen = right or comps
    first, last = min(c.left_edge.i for c in chosen), max(c.right_edge.i for c in chosen)
    if right:
        first = quote_opening(verb.doc, first, right[0].i)
        first = from_that(right[0], first)
        first = detached_subject(verb, right[0], first)
        first = lead_in_condition(verb, right[0], first)
    if right:
        last = trailing(verb, last)
    elif closes_sentence(verb):
        # "A told B that C, but D, the source added.": the whole sentence before it
        first = verb.sent.start
    # "X is honest, and": no joint to a cut-off clause
    last = before_joint(verb.doc, first, cut_nested_cue(verb.doc, chosen, first, last))
    if last < first:
        return None
    return char_range(verb.doc, first, last + 1)


SUBJECT_DEPS = {"nsubj", "nsubjpass", "expl", "csubj"}


OPENING_MARKS = {*OPEN_DOUBLE, STRAIGHT, "''"}  # as tokens: two apostrophes are one


def quote_opening(doc: Any, first: int, head: int) -> int:
    """ "said on Monday, speaking of her bakery, a shop opened in 2009, “Next winter,
    the ovens are going ...”": the parser reaches the quoted clause's subject back over
    the opening mark to a loose phrase; what is said starts at the mark."""
    for k in range(head - 1, first, -1):
        if doc[k].text in OPENING_MARKS and doc[k - 1].text == ",":
            return k
    return first


def detached_subject(verb: Any, comp: Any, first: int) -> int:
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


def from_that(comp: Any, first: int) -> int:
    """ "said on Monday, speaking to reporters, that the pier ...": what the parser hangs
    on the complement before its "that" describes the saying, not what is said."""
    for child in comp.lefts:
        if child.dep_ == "mark" and child.lower_ == "that" and child.i > first:
            return child.i
    return first


CONDITION_DEPS = {"advmod", "advcl", "xcomp", "npadvmod"}


def lead_in_condition(verb: Any, comp: Any, first: int) -> int:
    """ "says, vote or no vote in March, she's staying" / "says no matter what
    action Quill takes, “her vote ...”": a clause between the cue and its complement that
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


def before_coordinated_cue(comps: list[Any]) -> list[Any]:
    """ "A said X, and B said Y", parsed with "B said Y" as a second complement of the
    first cue: the complements before it; B's cue then makes its own claim."""
    for k, comp in enumerate(comps[1:], start=1):
        joint = comp.left_edge.i - 1
        if (
            cues.is_speech_verb(comp.lemma_.lower())
            and any(c.dep_ == "nsubj" for c in comp.children)
            and joint > 0
            and comp.doc[joint].lower_ in {",", "and", "but", "while", "whereas", ";"}
        ):
            return comps[:k]
    return comps


def closes_sentence(verb: Any) -> bool:
    """A cue joined to the sentence's main verb that ends the sentence ("..., X added.")."""
    return verb.dep_ == "conj" and all(
        t.is_punct or t.is_space for t in verb.doc[verb.i + 1 : verb.sent.end]
    )


def that_advcl(verb: Any, clause: Any) -> bool:
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


def time_relative(verb: Any) -> list[Any]:
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
                        cues.is_cue_verb(clause.lemma_.lower())
                        or not any(c.dep_ == "ccomp" for c in clause.children)
                    )
                ):
                    return [clause]
    return []


def clause_head(tok: Any) -> bool:
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


def trailing(verb: Any, last: int) -> int:
    """Extend content over what the cue verb still governs after it, up to the clause's
    end ("has also called for X, but on a wider scale"; "cited his endorsements from 88
    generals"; "cited the rise in rents to justify the vote"), stopping before a speech
    verb of its own ("..., adding that ...")."""
    for child in verb.rights:
        if child.i <= last or child.text == "," or child.dep_ == "cc":
            continue  # skipped, but never the end of the content
        if child.dep_ not in TRAILING_DEPS or cues.is_speech_verb(child.lemma_.lower()):
            break
        if child.dep_ == "prep" and child.lower_ == "with" and holds_speech(child):
            break  # "..., with nearly two in five saying ...": their own claim
        last = child.right_edge.i
    return last


def holds_speech(prep: Any) -> bool:
    return any(
        t.pos_ == "VERB" and t.tag_ == "VBG" and cues.is_speech_verb(t.lemma_.lower())
        for t in prep.subtree
    )


def cut_nested_cue(doc: Any, comps: list[Any], first: int, last: int) -> int:
    # Only the complement's own dependents: a participle that hangs deeper belongs to a
    # nested clause (and scanning whole subtrees is quadratic on chained "said that").
    for comp in comps:
        for tok in comp.rights:
            if tok.dep_ not in {"advcl", "conj"}:
                continue
            if own_cue(tok):
                return min(last, before_joint(doc, first, tok.left_edge.i - 1))
            if tok.tag_ != "VBG" and tok.dep_ != "conj":
                continue
            if tok.dep_ == "conj" and not any(c.dep_ == "ccomp" for c in tok.children):
                continue  # "is breaking the rules and ignoring the court": one clause
            if cues.is_speech_verb(tok.lemma_.lower()) and same(subject_of(tok), subject_of(comp)):
                edge = tok.left_edge.i - 1
                while edge > first and doc[edge].is_punct:
                    edge -= 1
                return min(last, edge)
    return last


def before_joint(doc: Any, first: int, last: int) -> int:
    """``last`` moved back over punctuation and conjunctions, not past ``first``."""
    while last > first and (doc[last].is_punct or doc[last].dep_ == "cc"):
        last -= 1
    return last


def own_cue(tok: Any) -> bool:
    """ "…, while B say the same": a speech verb with a subject of its own that a
    contrast or a conjunction joins on; a new attribution, not part of the content."""
    if not cues.is_speech_verb(tok.lemma_.lower()) or tok.tag_ not in FINITE_TAGS:
        return False
    if not any(c.dep_ == "nsubj" for c in tok.children):
        return False
    return any(
        c.dep_ in {"mark", "cc"} and c.lower_ in {"while", "whereas", "but", "and"}
        for c in tok.children
    ) or (tok.dep_ == "conj" and tok.doc[tok.left_edge.i - 1].lower_ in {"and", "but"})


def same(a: Any, b: Any) -> bool:
    return a is not None and b is not None and a.i == b.i


FINITE_TAGS = {"MD", "VBZ", "VBD", "VBP"}
