"""The cue table: which words introduce speech, and how the reporter frames it.

One row per verb lemma in ``data/cues.tsv`` (framing, kind, complement; the file says
where the rows come from), plus the cue nouns and stance adjectives.

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

from dataclasses import dataclass

from service.extract.lexicon.load import rows, words


@dataclass(frozen=True)
class Cue:
    lemma: str
    framing: str  # neutral | distancing | accusatory | endorsing
    kind: str  # speech | stance | weak | - (no cue of its own)
    takes: str  # object | clause


CUES = {row[0]: Cue(*row) for row in rows("cues.tsv")[1:]}  # row 0 is the header
WEAK_CUES = frozenset(c.lemma for c in CUES.values() if c.kind == "weak")
SPEECH_VERBS = frozenset(c.lemma for c in CUES.values() if c.kind == "speech")
CUE_VERBS = frozenset(c.lemma for c in CUES.values() if c.kind != "-")
OBJECT_CUES = frozenset(c.lemma for c in CUES.values() if c.takes == "object")
CUE_NOUNS = words("cue_nouns.txt")
STANCE_ADJECTIVES = words("stance_adjectives.txt")


def framing_of(lemma: str | None) -> str:
    """Framing class of a cue lemma ("according to" and unknown cues are neutral)."""
    if not lemma:
        return "none"
    cue = CUES.get(lemma.lower())
    return cue.framing if cue is not None else "neutral"


def is_cue_verb(lemma: str) -> bool:
    return lemma.lower() in CUE_VERBS


def is_speech_verb(lemma: str) -> bool:
    """Verbs that introduce an utterance (a quote can hang from these)."""
    return lemma.lower() in SPEECH_VERBS


def is_object_cue(lemma: str) -> bool:
    return lemma.lower() in OBJECT_CUES
