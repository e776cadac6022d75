"""The cue lexicon: which words introduce speech, and how the reporter frames it.

Framing classes (documented in README "Framing"):

- ``neutral``: the reporter just reports (say, tell, add, note, explain, write).
- ``distancing``: the reporter keeps a distance from the content (claim, allege,
  insist, maintain, contend, purport).
- ``accusatory``: the speaker accuses someone (accuse, blame, charge, condemn, attack).
- ``endorsing``: the reporter presents the content as established (confirm, acknowledge,
  reveal, admit, point out, show, prove).
- ``none``: no cue (floating quotes, the reporter's own statements).

Object-taking cues (accuse X of Y, describe X as Y, call X Y) keep the verb in the claim,
as their content is the whole verb phrase.
"""

from __future__ import annotations

NEUTRAL = {
    "say", "tell", "add", "note", "explain", "write", "state", "report", "announce", "reply",
    "respond", "answer", "comment", "remark", "observe", "declare", "continue", "describe",
    "call", "argue", "suggest", "predict", "estimate", "warn", "caution", "urge", "promise",
    "pledge", "vow", "stress", "emphasise", "emphasize", "underline", "tweet", "post",
    "ask", "question", "wonder", "recall", "indicate", "mention", "testify", "brief", "inform",
    "quote", "cite", "signal", "propose", "recommend", "conclude", "hope", "believe",
    "think", "expect", "fear", "worry", "feel", "forecast", "assure", "reassure",
    "threaten", "demand", "complain", "boast", "joke", "concede", "counter", "retort",
    "characterize", "characterise", "label", "dub", "term", "brand", "tout",
    "praise", "hail", "welcome", "defend", "disagree", "deny", "dismiss", "reject",
    "dispute", "refute", "rebut", "contradict", "downplay", "doubt", "reiterate",
    "repeat", "told", "speak", "notice", "assert", "affirm", "advise", "consider",
}
DISTANCING = {
    "claim", "allege", "insist", "maintain", "contend", "purport", "assert", "profess",
    "argue", "suggest", "speculate", "imply", "hint", "deny", "dispute", "boast",
}
ACCUSATORY = {
    "accuse", "blame", "charge", "condemn", "attack", "criticize", "criticise", "denounce",
    "slam", "lambast", "blast", "fault", "decry", "rebuke", "censure", "indict", "chide",
    "scold", "castigate", "assail",
}
ENDORSING = {
    "confirm", "acknowledge", "reveal", "admit", "show", "prove", "demonstrate", "establish",
    "verify", "disclose", "find", "learn", "point", "concede", "recognize", "recognise",
    "affirm", "explain", "note",
}
# Further communication, evaluation and stance verbs. Reviewed against how often each
# lemma acts as an attribution cue in PolNeAR train (bench/cue_stats.py): kept when it
# is a cue in at least about 40% of its uses there, or when its meaning is plainly one.
STANCE = {
    "vouch", "bemoan", "lament", "rail", "allude", "balk", "credit", "recount", "recite",
    "interject", "lash", "reaffirm", "deride", "voice", "decline", "order", "envision",
    "brag", "portray", "list", "reference", "liken", "articulate", "refer", "deem", "retweet",
    "refuse", "title", "echo", "proclaim", "document", "plead", "signal", "prefer", "remind",
    "applaud", "outline", "endorse", "highlight", "respond", "detail", "congratulate",
    "attribute", "shout", "invoke", "name", "convince", "email", "advocate", "oppose",
    "apologize", "apologise", "remember", "underscore", "thank", "persuade", "request",
    "press", "promote", "chant", "express", "mock", "support", "back", "favor", "favour",
    "discuss", "talk", "imply", "clarify", "concur", "guarantee", "pitch", "offer",
}
# Verbs whose content is their object phrase rather than a clause.
OBJECT_CUES = {
    "accuse", "blame", "charge", "condemn", "criticize", "criticise", "denounce", "describe",
    "call", "characterize", "characterise", "label", "dub", "term", "brand", "praise", "hail",
    "welcome", "slam", "lambast", "blast", "fault", "decry", "rebuke", "urge", "deny", "reject",
    "dismiss", "dispute", "tout", "defend", "attack", "assail", "castigate",
}
# Mental-state verbs only count as cues with a clausal complement and an explicit subject.
WEAK_CUES = {"think", "believe", "expect", "hope", "fear", "worry", "feel", "consider",
             "doubt", "wonder", "learn", "find", "agree", "notice", "want", "plan",
             "know", "see", "intend", "wish", "suspect", "guess", "imagine", "assume",
             "understand", "realize", "realise", "seek", "aim", "decide"}
SPEECH_VERBS = (NEUTRAL | DISTANCING | ACCUSATORY | ENDORSING) - WEAK_CUES
CUE_VERBS = SPEECH_VERBS | STANCE | WEAK_CUES

CUE_NOUNS = {
    "statement", "claim", "allegation", "assertion", "announcement", "remark", "comment",
    "accusation", "warning", "argument", "insistence", "admission", "denial", "testimony",
    "report", "tweet", "suggestion", "promise", "pledge", "charge", "contention", "message",
    "declaration", "assurance", "prediction", "belief", "view", "position", "words",
    "criticism", "concern", "support", "opposition", "plan", "proposal", "question", "call",
    "vow", "threat", "praise", "attack", "defense", "defence", "theory", "stance", "case",
    "complaint", "demand", "appeal", "request", "doubt", "fear", "hope", "opinion", "idea",
    "insult", "apology", "endorsement", "rejection", "critique", "objection", "response",
}
# Adjectives of stance: "X is confident that ...", "X has been critical of Y".
STANCE_ADJECTIVES = {
    "confident", "sure", "certain", "convinced", "adamant", "hopeful", "optimistic",
    "pessimistic", "skeptical", "sceptical", "worried", "concerned", "afraid", "fearful",
    "critical", "supportive", "aware", "unaware", "clear", "insistent", "doubtful", "proud",
    "angry", "furious", "upset", "unhappy", "happy", "pleased", "disappointed", "opposed",
    "eager", "reluctant", "determined", "committed", "dismissive", "wary", "coy", "frank",
    "candid", "open", "vocal", "outspoken", "passionate", "enthusiastic", "satisfied",
}

_PRIORITY = (("accusatory", ACCUSATORY), ("endorsing", ENDORSING - NEUTRAL),
             ("distancing", DISTANCING - {"argue", "suggest", "deny", "dispute"}),
             ("neutral", NEUTRAL))


def framing_of(lemma: str | None) -> str:
    """Framing class of a cue lemma ("according to" and unknown cues are neutral)."""
    if not lemma:
        return "none"
    lemma = lemma.lower()
    if lemma in {"argue", "suggest", "deny", "dispute"}:
        return "distancing"
    for name, words in _PRIORITY:
        if lemma in words:
            return name
    return "neutral"


def is_cue_verb(lemma: str) -> bool:
    return lemma.lower() in CUE_VERBS


def is_speech_verb(lemma: str) -> bool:
    """Verbs that introduce an utterance (a quote can hang from these)."""
    return lemma.lower() in SPEECH_VERBS


def is_object_cue(lemma: str) -> bool:
    return lemma.lower() in OBJECT_CUES
