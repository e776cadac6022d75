"""Shared helpers for the attribution tests: run the pipeline on a text, read its claims
as (text, type, speaker) triples, and which rules made them (options.explain)."""

from __future__ import annotations

import pytest

from service.domain import Document, Extraction, Options

EXPLAIN = Options(include_entities=False, classify=False, explain=True)


def run(pipeline, text: str, options: Options = EXPLAIN) -> Extraction:
    return pipeline.run([Document(text, options=options)])[0]


def triples(ex: Extraction) -> list[tuple[str, str, str | None]]:
    """(claim text, type, speaker name) of every attributed claim."""
    names = {s.id: s.name for s in ex.speakers}
    return [
        (c.span.text, c.type, names.get(c.speaker_id) if c.speaker_id else None)
        for c in ex.claims
        if c.type != "unattributed"
    ]


def extract(pipeline, text: str) -> Extraction:
    """The extraction of ``text`` with the default options."""
    return pipeline.run([Document(text)])[0]


def resolved_speaker(ex: Extraction, claim_part: str) -> tuple[str | None, str | None, str | None]:
    """(speaker name, resolution method, claim text) of the claim holding ``claim_part``."""
    speakers = {s.id: s for s in ex.speakers}
    for c in ex.claims:
        if claim_part in c.span.text:
            sp = speakers.get(c.speaker_id)
            method = c.resolution.method if c.resolution else None
            return (sp.name if sp else None, method, c.span.text)
    return (None, None, None)


def rules_fired(ex: Extraction) -> set[str]:
    """The rules behind the claims (and their speakers) of an explained extraction."""
    return {c.rule for c in ex.claims if c.rule} | {
        c.speaker_rule for c in ex.claims if c.speaker_rule
    }


@pytest.fixture(scope="session")
def explained(pipeline):
    """``explained(text)``: the extraction of ``text`` with options.explain."""
    cache: dict[str, Extraction] = {}

    def get(text: str) -> Extraction:
        if text not in cache:
            cache[text] = run(pipeline, text)
        return cache[text]

    return get
