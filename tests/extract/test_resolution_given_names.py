"""The given-name lexicon (service/extract/resolution/given_names.json, built from coreference
data by tools.train.given_names): a person's given name tells the resolver their gender
when the article itself does not, so "she" goes to the woman of two people. Every text and
surname is invented for this file; the given names are common ones the lexicon holds."""

from __future__ import annotations

import spacy

from service.config import Settings
from service.domain import Document
from service.extract.resolution import ranker
from service.extract.resolution.entities import DocumentEntities


def test_lexicon_is_large_and_clear_on_common_names() -> None:
    names = ranker.load().given_names
    assert len(names) >= 800
    assert names["margaret"] < 0.2 and names["david"] > 0.8


def test_given_name_gives_the_entity_its_gender() -> None:
    text = "Margaret Quorvin met David Lenthwick at the depot. Lenthwick and Quorvin spoke."
    doc = spacy.load(Settings.from_env().spacy_model)(text)
    ents = DocumentEntities(text, [(doc, 0)], None, ranker.load().given_names)
    genders = {e.name: e.clear_gender for e in ents.entities if e.type == "PERSON"}
    assert genders.get("Margaret Quorvin") == "f"
    assert genders.get("David Lenthwick") == "m"


def test_she_said_goes_to_the_woman_the_lexicon_names(pipeline) -> None:
    text = (
        "Margaret Quorvin and David Lenthwick toured the flooded depot on Monday. "
        "Lenthwick inspected the pumps while Quorvin counted the damaged buses.\n\n"
        "She said the depot would reopen in three weeks."
    )
    ex = pipeline.run([Document(text)])[0]
    speakers = {s.id: s.name for s in ex.speakers}
    claim = next(c for c in ex.claims if "reopen in three weeks" in c.span.text)
    assert speakers.get(claim.speaker_id) == "Margaret Quorvin"
