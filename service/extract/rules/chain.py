"""The ``verb_cue`` sieve: where a cue verb's content is, and who speaks, tried in the
order of ``registry.SIEVES["verb_cue"]`` while no rule has found content.

Each rule reads one ``VerbCue`` and returns a ``Found`` (chunk-local content, the family
selection reads, and the speaker mention when the rule found its own) or None. The
constructions themselves live in complements.py, objects.py and asides.py."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from service.extract.lexicon import cues
from service.extract.registry import rule
from service.extract.rules.asides import (
    final_attribution_content,
    fronted_content,
    interrupted_content,
    inverted_aside,
    inverted_final,
    surface_aside,
)
from service.extract.rules.complements import clausal_content
from service.extract.rules.cue_subjects import speaker_of_cue
from service.extract.rules.objects import (
    STANCE_TARGET_VERBS,
    object_content,
    object_phrase,
    sees_as,
    stance_target,
)

# the cue's subject, worked out only when a rule needs it (asides carry their own speaker)
SUBJECT = object()
STANCE_TARGET = "verb.stance_target"  # also tried when the content found has no speaker


@dataclass
class VerbCue:
    """A cue verb (or a speech verb's twin the tagger took for a noun) being read."""

    verb: Any
    lemma: str
    weak: bool  # a mental-state cue: only with a clause and a subject of its own

    @cached_property
    def subject(self) -> Any:
        """The speaker mention at the cue (cue_subjects.speaker_of_cue)."""
        return speaker_of_cue(self.verb)


@dataclass(frozen=True)
class Found:
    content: tuple[int, int]  # chunk-local characters
    pattern: str  # the family selection reads: ccomp, object, final, dobj, target
    speaker: Any = SUBJECT  # the mention that speaks; SUBJECT: the cue's subject


def _with_speaker(found: tuple[Any, tuple[int, int]] | None, pattern: str) -> Found | None:
    return None if found is None else Found(found[1], pattern, found[0])


def _content(content: tuple[int, int] | None, pattern: str) -> Found | None:
    return None if content is None else Found(content, pattern)


@rule(
    "verb.inverted_aside",
    "verb_cue",
    examples=["The new fares, said Ann Tolle, a ferry captain, will empty the island."],
    counter_examples=["His fund, called the Harbour Trust, will pay for the repairs."],
)
def inverted(cue: VerbCue) -> Found | None:
    """The speaker after the cue, mid-sentence: the whole sentence is said."""
    return _with_speaker(inverted_aside(cue.verb), "final")


@rule(
    "verb.inverted_final",
    "verb_cue",
    examples=["The ferry will not run on Sundays, said the operator's director, Lena Marsh."],
)
def inverted_at_end(cue: VerbCue) -> Found | None:
    """ "…, said the company's director, Lena Marsh.": everything before the comma."""
    return _with_speaker(inverted_final(cue.verb), "final")


@rule(
    "verb.complement",
    "verb_cue",
    examples=[
        "The mayor said that the bridge would reopen in June.",
        "Brooke promised to hire twelve more nurses by the spring.",
    ],
    counter_examples=["The mayor spoke at the time that the bridge opened to traffic."],
)
def complement(cue: VerbCue) -> Found | None:
    """A clausal complement (or an xcomp of a promising verb): what is said."""
    return _content(clausal_content(cue.verb), "ccomp")


@rule(
    "verb.object",
    "verb_cue",
    examples=[
        "Brandt accused the chair of stalling the vote for political gain.",
        "The union sees the closure as a betrayal of the town.",
    ],
)
def object_cue(cue: VerbCue) -> Found | None:
    """An object-taking cue ("accused X of Y", "described X as Y") or "sees X as Y":
    the verb phrase."""
    if not (cues.is_object_cue(cue.lemma) or sees_as(cue.verb)):
        return None
    return _content(object_content(cue.verb), "object")


@rule(
    "verb.final_aside",
    "verb_cue",
    examples=[
        "These bakers, Pike explained at the meeting, were losing money every winter.",
        "The new maps, Reyes said, are twenty years out of date.",
    ],
)
def final_aside(cue: VerbCue) -> Found | None:
    """A cue the parser hangs under the clause it reports ("…, officials said.")."""
    return None if cue.weak else _content(final_attribution_content(cue.verb), "final")


@rule(
    "verb.fronted",
    "verb_cue",
    examples=["Talks unlikely before spring, officials say."],
)
def fronted(cue: VerbCue) -> Found | None:
    """The words before a sentence-final "X say" the parser leaves hanging."""
    return None if cue.weak else _content(fronted_content(cue.verb), "final")


@rule(
    "verb.interrupted",
    "verb_cue",
    examples=["These workers, Reed explained at the hearing, were paid well for years."],
)
def interrupted(cue: VerbCue) -> Found | None:
    """An aside the parser makes the root, with the clause around it cut in two."""
    return None if cue.weak else _content(interrupted_content(cue.verb), "final")


@rule(
    "verb.object_phrase",
    "verb_cue",
    examples=["The senator called for a full review of the flood maps."],
    counter_examples=["The senator announced the results."],
)
def object_phrase_cue(cue: VerbCue) -> Found | None:
    """ "X cited the poll", "X called for a recount": the object phrase alone, when it
    says something (three words or a name)."""
    return None if cue.weak else _content(object_phrase(cue.verb), "dobj")


@rule(
    "verb.surface_aside",
    "verb_cue",
)
def surface(cue: VerbCue) -> Found | None:
    """A short source and a finite speech verb set off by a comma, read from the words
    where the parse is garbled."""
    return None if cue.weak else _with_speaker(surface_aside(cue.verb), "final")


@rule(
    STANCE_TARGET,
    "verb_cue",
    examples=["The union strongly opposed the closure.", "The mayor championed reform."],
    counter_examples=["The council supported her."],
)
def target(cue: VerbCue) -> Found | None:
    """A stance verb's target, however short ("opposed the tax", "a group backing
    Lee"), and who holds it."""
    if cue.lemma not in STANCE_TARGET_VERBS:
        return None
    return _with_speaker(stance_target(cue.verb, cue.subject), "target")
