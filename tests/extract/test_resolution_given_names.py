"""The given-name lexicon (service/extract/resolution/given_names.json, built from coreference
data by tools.train.given_names): a person's given name tells the resolver their gender
when the article itself does not, so "she" goes to the woman of two people. Every text and
surname is invented for this file; the given names are common ones the lexicon holds."""

from __future__ import annotations

import pytest
import spacy

from service.config import Settings
from service.domain import Document
from service.extract.resolution import ranker
from service.extract.resolution.entities import DocumentEntities


def test_lexicon_is_large_and_clear_on_common_names() -> None:
    names = ranker.load().given_names
    assert len(names) >= 800
    assert names["diana"] < 0.2 and names["gordon"] > 0.8


def test_given_name_gives_the_entity_its_gender() -> None:
    text = "Diana Quorvin met Gordon Lenthwick at the depot. Lenthwick and Quorvin spoke."
    doc = spacy.load(Settings.from_env().spacy_model)(text)
    ents = DocumentEntities(text, [(doc, 0)], None, ranker.load().given_names)
    genders = {e.name: e.clear_gender for e in ents.entities if e.type == "PERSON"}
    assert genders.get("Diana Quorvin") == "f"
    assert genders.get("Gordon Lenthwick") == "m"


CASES = [
    pytest.param(
        "Diana Quorvin and Gordon Lenthwick toured the flooded depot on Monday. Lenthwick "
        "inspected the pumps while Quorvin counted the damaged buses.\n\n"
        "He said the depot would reopen in three weeks.",
        "Gordon Lenthwick",
        id="he-skips-the-nearer-woman",
    ),
    pytest.param(
        "Gordon Lenthwick chaired the transit hearing on Monday. Diana Quorvin questioned "
        "the budget at length.\n\nHe said the depot would reopen in three weeks.",
        "Gordon Lenthwick",
        id="he-goes-back-past-a-woman",
    ),
    pytest.param(
        "Diana Quorvin chaired the transit hearing on Monday. Gordon Lenthwick questioned "
        "the budget at length.\n\nShe said the depot would reopen in three weeks.",
        "Diana Quorvin",
        id="she-goes-back-past-a-man",
    ),
]


@pytest.mark.parametrize(("text", "speaker"), CASES)
def test_pronoun_goes_to_the_person_whose_given_name_fits(pipeline, text, speaker) -> None:
    ex = pipeline.run([Document(text)])[0]
    speakers = {s.id: s.name for s in ex.speakers}
    claim = next(c for c in ex.claims if "reopen in three weeks" in c.span.text)
    assert speakers.get(claim.speaker_id) == speaker


def test_gender_fit_weighs_votes_against_the_prior() -> None:
    from service.extract.resolution.entities import Entity
    from service.extract.resolution.resolve import gender_fit

    woman, unknown = Entity(0, "PERSON", "A B"), Entity(1, "PERSON", "C D")
    woman.votes["f"] += 2
    assert gender_fit(woman, "f", 0.7) > 0.5 > gender_fit(unknown, "f", 0.7)
    assert gender_fit(unknown, "m", 0.7) == 0.7
    assert gender_fit(woman, "m", 0.7) < gender_fit(unknown, "m", 0.7)
