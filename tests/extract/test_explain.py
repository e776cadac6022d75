"""options.explain names, for every claim, the registered rule that made it and the one
that chose its speaker; without it the response carries neither."""

from __future__ import annotations

from pathlib import Path

import service.extract.engine  # noqa: F401  (registers every rule)
from service.domain import Options
from service.extract.registry import RULES
from tests.extract.conftest import run

ARTICLES = sorted((Path(__file__).resolve().parents[1] / "data" / "articles").glob("*.txt"))


def test_explain_names_a_registered_rule_for_every_claim_and_speaker(pipeline):
    for path in ARTICLES:
        ex = run(pipeline, path.read_text(encoding="utf-8"))
        assert ex.claims, path.name
        for claim in ex.claims:
            assert claim.rule in RULES, (path.name, claim.span.text, claim.rule)
            if claim.speaker_id is None:
                assert claim.speaker_rule is None
            else:
                assert claim.speaker_rule in RULES, (path.name, claim.span.text)
                assert RULES[claim.speaker_rule].stage in {"speaker", "floating_speaker"}


def test_without_explain_no_rule_is_named(pipeline):
    text = ARTICLES[0].read_text(encoding="utf-8")
    ex = run(pipeline, text, Options(include_entities=False, classify=False))
    assert ex.claims
    assert all(c.rule is None and c.speaker_rule is None for c in ex.claims)
