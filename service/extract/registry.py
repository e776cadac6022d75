"""The rule registry: every attribution rule by name, its stage, its examples, and the
SIEVES table, the one place where the order of the rules lives.

A rule is a small function registered with ``@rule``::

    @rule("verb.fronted", "verb_cue",
          examples=["Talks unlikely before spring, officials say."],
          counter_examples=["Officials say talks are unlikely."])
    def fronted(cue: VerbCue) -> Found | None: ...

- ``examples`` are sentences the rule must make a claim on (its name on the claim), and
  ``counter_examples`` sentences it must not; ``tests/extract/test_rules.py`` runs both for
  every registered rule.
- A stage runs its rules in the order of ``SIEVES[stage]``: the first that finds
  something wins. Precedence is that position, never a confidence number.
- ``CONFIDENCE`` is the one place a claim's confidence comes from (how likely a claim made
  by that rule is right); the speakers stage multiplies in how sure it is of the speaker.
- A finder that recognises several close constructions in one pass over the words (the
  words after a quote: "said X", "according to X", "X shot back") names each with
  ``variant``: a registered name with its own examples and confidence, run by its
  parent's place in the sieve.

``options.explain`` puts the rule's name on each claim (``claim.rule``) and the
speaker rule's on its speaker resolution; ``python -m tools.quality.golden --counts``
counts how often each fires on a corpus."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Rule:
    name: str
    stage: str
    fn: Callable[..., Any] | None  # None for a variant: its parent's function finds it
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()
    parent: str | None = None
    doc: str = ""
    runs: str | None = None  # the stage whose sieve this rule runs (its claims carry theirs)


RULES: dict[str, Rule] = {}

# The order each stage runs its rules in: the first that finds something wins.
SIEVES: dict[str, tuple[str, ...]] = {
    # the cue of a speech-like quotation, searched around it (rules/quote_cues.py)
    "quote_cue": (
        "quote.after",  # “…,” said X / “…,” according to X / “…,” X shot back
        "quote.dash_byline",  # “…” -Commissioner X
        "quote.said_before",  # X said, “…”
        "quote.colon",  # X fired back: “…” / From Chairwoman Y: “…”
        "quote.as_put_it",  # As X put it, the plan is “…”
        "quote.governing_cue",  # X said on Monday, in reference to …, “…”
        "quote.floating",  # none: the quote inherits its context's speaker
    ),
    # what a token of a sentence cues (rules/verb_cues.py): the token's kind picks the branch
    "token_cue": (
        "source.according_to",
        "source.in_poll",
        "verb.cue",  # a cue verb: the verb_cue sieve below
        "verb.mistagged",  # a speech verb tagged as a plural noun
        "cue.noun",
        "cue.adjective",
    ),
    # the content and speaker of a cue verb (rules/chain.py): each tried while none found
    "verb_cue": (
        "verb.inverted_aside",  # The plan, said Ann Lee, a planner, would fail.
        "verb.inverted_final",  # …, said the company's chief, John Lee.
        "verb.complement",  # X said (that) Y
        "verb.object",  # X accused Y of Z / X sees Y as Z
        "verb.final_aside",  # …, officials said. / The talks, he said, failed.
        "verb.fronted",  # Talks unlikely before spring, officials say.
        "verb.interrupted",  # These workers, Lee explained, were well paid.
        "verb.object_phrase",  # X cited the poll / X called for a recount
        "verb.surface_aside",  # …, fundraising documents show.
        "verb.stance_target",  # X opposed the tax (also when the above found no speaker)
    ),
    # labels written into the text: transcripts and headlines (rules/labels.py)
    "label": ("label.transcript", "label.headline"),
    # text nobody else claimed: the learned predicate model (predicate.py)
    "predicate": ("predicate.model",),
    # the speakers stage (speakers/): who says a floating quote. A cue's own mention is
    # resolved and refined in a fixed order instead (speakers/stage.py, stage "speaker")
    "floating_speaker": (
        "speaker.split_quote",  # “…,” X said as she took the stage. “…”
        "speaker.trailing_subject",  # “…,” Ann Lee barked.
        "speaker.lead_in_subject",  # Bea shot back, “…”
        "speaker.subject_before",  # X thanked him for “…”
        "speaker.previous_sentence",  # the person acting in the sentence before
        "speaker.previous_claim",  # the speaker of the claim before
    ),
}

# How likely a claim made by each rule is right (the claim's confidence before the
# speaker's). One place; selection between overlapping claims still compares these
# numbers (see select.py), so a change here is a behaviour change to measure.
CONFIDENCE: dict[str, float] = {
    "quote.said_after": 0.95,
    "quote.according_after": 0.9,
    "quote.acted_after": 0.8,
    "quote.dash_byline": 0.85,
    "quote.said_before": 0.9,
    "quote.colon_speech": 0.85,
    "quote.colon_act": 0.75,
    "quote.colon_label": 0.75,
    "quote.as_put_it": 0.85,
    "quote.governing_cue": 0.8,
    "quote.floating": 0.6,
    "source.according_to": 0.85,
    "source.in_poll": 0.6,
    "verb.inverted_aside": 0.8,
    "verb.inverted_final": 0.8,
    "verb.complement": 0.85,
    "verb.object": 0.8,
    "verb.final_aside": 0.8,
    "verb.fronted": 0.8,
    "verb.interrupted": 0.8,
    "verb.object_phrase": 0.65,
    "verb.surface_aside": 0.8,
    "verb.stance_target": 0.6,
    "verb.mistagged_aside": 0.7,
    "verb.mistagged_that": 0.7,
    "cue.noun": 0.7,
    "cue.adjective": 0.65,
    "label.transcript": 0.97,
    "label.named_elsewhere": 0.85,
    "label.headline_paraphrase": 0.8,
    "label.headline": 0.8,
    "predicate.model": 0.6,  # a ceiling: the model's probability, at most this
}
WEAK_CUE_PENALTY = 0.15  # a mental-state cue ("believe", "think") is less often a claim


def rule(
    name: str,
    stage: str,
    examples: Sequence[str] = (),
    counter_examples: Sequence[str] = (),
    runs: str | None = None,
) -> Callable[[F], F]:
    """Register ``fn`` as the rule ``name`` of ``stage``."""

    def register(fn: F) -> F:
        doc = fn.__doc__ or ""
        _add(Rule(name, stage, fn, tuple(examples), tuple(counter_examples), None, doc, runs))
        return fn

    return register


def variant(
    name: str,
    stage: str,
    of: str,
    examples: Sequence[str] = (),
    counter_examples: Sequence[str] = (),
    doc: str = "",
) -> str:
    """Register ``name``, a construction that the rule ``of`` recognises in the same pass;
    returns the name, for the finder to put on its claims."""
    _add(Rule(name, stage, None, tuple(examples), tuple(counter_examples), of, doc))
    return name


def _add(new: Rule) -> None:
    if new.name in RULES:
        raise ValueError(f"rule {new.name!r} registered twice")
    RULES[new.name] = new


def sieve(stage: str) -> list[Rule]:
    """The rules of ``stage`` in SIEVES order (their modules must be imported)."""
    return [RULES[name] for name in SIEVES[stage]]


def names_on_claims(name: str) -> set[str]:
    """The rule names a claim made by rule ``name`` can carry: its own, its variants',
    and those of the rules of the stage it runs."""
    out = {name} | {r.name for r in RULES.values() if r.parent == name}
    runs = RULES[name].runs
    for inner in SIEVES.get(runs, ()) if runs else ():
        out |= names_on_claims(inner)
    return out
