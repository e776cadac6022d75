"""POST /extract with options.explain: claims[].rule and claims[].speaker.resolution.rule
name registered rules; without it the keys are absent."""

from __future__ import annotations

import service.extract.engine  # noqa: F401  (registers every rule)
from service.extract.registry import RULES

TEXT = (
    "The harbour council delayed its vote on Tuesday.\n\n"
    '"We are not going to rush a decision," said Marta Quill, the council\'s chair. '
    "Quill said the council would meet again in March."
)


def _post(client, explain: bool | None):
    options = {"classify": False} if explain is None else {"classify": False, "explain": explain}
    response = client.post("/extract", json={"text": TEXT, "options": options})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_explain_adds_the_rule_of_each_claim_and_speaker(client):
    claims = _post(client, True)["claims"]
    assert any(c["speaker"] for c in claims)
    for claim in claims:
        assert claim["rule"] in RULES
        if claim["speaker"]:
            assert claim["speaker"]["resolution"]["rule"] in RULES


def test_explain_is_off_by_default(client):
    for claim in _post(client, None)["claims"]:
        assert "rule" not in claim
        # speaker.resolution (how the name was reached) is always there; its rule is not
        assert not claim["speaker"] or "rule" not in claim["speaker"]["resolution"]
