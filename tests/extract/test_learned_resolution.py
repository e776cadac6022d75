"""The learned speaker resolver (service/extract/resolution/): a pronoun or a description
as speaker is named by the person or organisation the article gives, one case per kind of
miss the resolver was built for. Every text is invented for this file."""

from __future__ import annotations

import re

import pytest
import spacy

from service.config import Settings
from service.extract.resolution.entities import DocumentEntities
from tests.extract.conftest import extract
from tests.extract.conftest import resolved_speaker as speaker_of

CASES = [
    pytest.param(
        "Marta Lindqvist chairs the harbour board. Ms. Lindqvist took the post in 2019. Her "
        "deputy, Oskar Brandt, stayed silent at the meeting on Tuesday. Mr. Brandt left "
        "early.\n\nShe said the dredging contract would be cancelled.",
        "the dredging contract would be cancelled",
        "Marta Lindqvist",
        "pronoun",
        id="gender",
    ),
    pytest.param(
        "The Harbour Workers Guild and shipping minister Oskar Brandt met on Friday. Brandt "
        "left early.\n\nThey said the strike would go ahead on Monday.",
        "the strike would go ahead on Monday",
        "Harbour Workers Guild",
        "pronoun",
        id="number",
    ),
    pytest.param(
        "Senator Ines Calder has spent the week defending her water bill. Calder met "
        "farmers in Dunmore on Monday, and Governor Rosa Pell joined her for an hour.\n\n"
        "Calder said the bill would pass. She added that farmers would be paid within a month.",
        "farmers would be paid within a month",
        "Ines Calder",
        "pronoun",
        id="salience",
    ),
    pytest.param(
        "The Dunmore Tribune has covered the port for a century. Its owners are selling it.\n\n"
        "The newspaper reported that the sale would close in March.",
        "the sale would close in March",
        "Dunmore Tribune",
        "description",
        id="description",
    ),
    pytest.param(
        "Brightwell Foods cut 300 jobs at its plant in Dunmore this year.\n\n"
        "A Brightwell Foods spokesman said the plant would stay open.",
        "the plant would stay open",
        "Brightwell Foods",
        "org-level",
        id="org-level",
    ),
    pytest.param(
        "The Federation of Harbour Pilots called a strike on Monday. FHP members voted "
        "by a wide margin.\n\nFHP said the talks had failed.",
        "the talks had failed",
        "Federation of Harbour Pilots",
        "alias",
        id="acronym",
    ),
    pytest.param(
        "The Dunmore Harbour Party held its congress on Saturday in the old port.\n\n"
        "Party officials said the vote on the new leader would be held in June.",
        "the vote on the new leader would be held in June",
        "Dunmore Harbour Party",
        "org-level",
        id="org-level-unit",
    ),
    pytest.param(
        "The Coastal Policy Institute released a report on Tuesday about harbour dredging.\n\n"
        "The report found that dredging costs had doubled since 2010.",
        "dredging costs had doubled since 2010",
        "Coastal Policy Institute",
        "document",
        id="document",
    ),
    pytest.param(
        "Tomas Riedel and Anya Sorensen, the two harbour commissioners, met the mayor on "
        "Thursday.\n\nThey said the port would need a new crane.",
        "the port would need a new crane",
        "Tomas Riedel",
        "pronoun",
        id="plural",
    ),
    pytest.param(
        "The ferry operator hired Gideon Marsh, who said the timetable would change in May.",
        "the timetable would change in May",
        "Gideon Marsh",
        "pronoun",
        id="relative-pronoun",
    ),
    pytest.param(
        "Mr. Anton Kessler is a retired ship pilot.\n\n"
        "I believe the harbour is safer than ever, he wrote.\n\n"
        "Anton Kessler is a retired pilot and writes about the sea.",
        "the harbour is safer than ever",
        "Anton Kessler",
        None,
        id="first-person",
    ),
    pytest.param(
        "Dr. Amara Osei runs the county clinic in Brellham. Governor Helga Renn visited it "
        "in spring.\n\n\u201cGovernor Renn promised us a new wing, and Renn has not "
        "delivered,\u201d she said.",
        "Renn has not delivered",
        "Amara Osei",
        "pronoun",
        id="name-inside-the-quote",
    ),
    pytest.param(
        "Council spokesman Piet Ahl took questions on Monday about the budget of Mayor Jonas "
        "Brook. He said Brook would present the plan in May.",
        "Brook would present the plan in May",
        "Piet Ahl",
        "pronoun",
        id="subject-of-the-reported-clause",
    ),
    pytest.param(
        "The gala drew the singers Ada Moll, Bea Sorn and Cai Lund, who said the hall had "
        "never sounded better.",
        "the hall had never sounded better",
        "Cai Lund",
        "pronoun",
        id="relative-pronoun-after-a-list",
    ),
    pytest.param(
        "Crowds lined the river on Saturday. Ruth Ambler, 61, of Greyford, who said the "
        "fireworks were too loud, left before midnight.",
        "the fireworks were too loud",
        "Ruth Ambler",
        "pronoun",
        id="relative-pronoun-after-a-place",
    ),
    pytest.param(
        "Judge says mill owners ignored the permit\n\n"
        "The old Ferncastle mill will stay standing for now. Its owners wanted to demolish "
        "it this month.\n\nJudge Petra Vandahl of the county court ordered the work "
        "stopped on Monday.",
        "mill owners ignored the permit",
        "Petra Vandahl",
        "description",
        id="headline-role-named-later",
    ),
    pytest.param(
        "Republican nominee Carl Hobbs spoke to farmers in the morning. In the afternoon "
        "Libertarian nominee Dale Fenn held a rally, where Fenn said taxes were too high.\n\n"
        "The Republican nominee said the rally was a stunt.",
        "the rally was a stunt",
        "Carl Hobbs",
        "description",
        id="party-of-a-role",
    ),
    pytest.param(
        "Lucia Marr sued the Brellham water board in May. Her filing argues that the board "
        "ignored its own tests.",
        "the board ignored its own tests",
        "Lucia Marr",
        "document",
        id="possessive-owner",
    ),
    pytest.param(
        "The Brellham Port Authority sent a warning to Norland Ferries on Tuesday. It says "
        "the old pier must close by June.",
        "the old pier must close by June",
        "Brellham Port Authority",
        "pronoun",
        id="it-continues-the-subject-before",
    ),
    pytest.param(
        "Tom Baxter and Helen Ward argued over the ferry budget all week. Baxter wanted a "
        "new boat; Ward wanted repairs.\n\n"
        "The two leaders said on Friday that they had reached a deal.",
        "they had reached a deal",
        "Tom Baxter and Helen Ward",
        "description",
        id="the-two-people-named-last",
    ),
    pytest.param(
        "LETTERS.\n\nThe new ferry timetable is a mess. I believe the council should "
        "scrap it before winter.\n\nMargaret Holloway.\n\nDunmore, Vt.\n\n"
        "The bridge repairs have taken far too long.\n\nPeter Quill.",
        "the council should scrap it before winter",
        "Margaret Holloway",
        "document",
        id="first-person-signed-letter",
    ),
    pytest.param(
        "Rosa Delgado chairs the county Growers Caucus. Delgado met the water board on "
        "Monday.\n\n\u201cThe board has ignored us for years,\u201d she said.",
        "The board has ignored us for years",
        "Rosa Delgado",
        "pronoun",
        id="an-organisation-word-is-no-person",
    ),
    pytest.param(
        "Victor Marwood toured the valley last week. Senator Jim Harlow met farmers in Ames "
        "on Friday. \u201cWe will win this state,\u201d Harlow said.\n\nMarwood has lost "
        "support among farmers this year. He said on Monday that farmers would be paid "
        "within a month.",
        "farmers would be paid within a month",
        "Victor Marwood",
        None,
        id="a-new-subject-since-the-last-speaker",
    ),
    pytest.param(
        "Petra Lund and Tom Baxter debated the ferry budget on Tuesday, each touting their "
        "own plan and saying the other had wasted money.",
        "the other had wasted money",
        "Tom Baxter",
        "pronoun",
        id="each-of-a-conjoined-subject",
    ),
    pytest.param(
        "Republican candidate Walt Ferrin spent Monday in Dunmore. The Democrat in the race, "
        "Ada Moll, stayed in the capital.\n\nThe Republican said the ferry fares would be "
        "cut by a third.",
        "the ferry fares would be cut by a third",
        "Walt Ferrin",
        "description",
        id="a-party-member",
    ),
    pytest.param(
        "A web video from the Dunmore Ratepayers Association attacks the ferry budget.\n\n"
        "The ad says the council wasted two million on a boat that never sailed.",
        "the council wasted two million",
        "Dunmore Ratepayers Association",
        "document",
        id="a-document-named-by-another-noun-of-its-kind",
    ),
    pytest.param(
        "A long study of the county's ferries came out on Monday. The authors of the study, "
        "which include the Brellham Transit Institute, spent two years on it.\n\n"
        "The report says the oldest boats should be retired by 2030.",
        "the oldest boats should be retired by 2030",
        "Brellham Transit Institute",
        "document",
        id="a-document-named-by-its-authors",
    ),
    pytest.param(
        "A report released by the Brellham Harbour Trust on Monday looked at the old pier.\n\n"
        "The report says the pier could collapse within five years.",
        "the pier could collapse within five years",
        "Brellham Harbour Trust",
        "document",
        id="a-document-issued-by-a-participle",
    ),
]


def test_an_untagged_surname_still_counts_for_its_person():
    """The entity model adds a surname the tagger left untagged to the one person who bears
    it, so that salience sees every mention of them."""
    text = (
        "Dr. Halvard Frost runs the island clinic. For years, Frost has been dogged by "
        "charges of waste. Frost answered the critics on Monday."
    )
    nlp = spacy.load(Settings.from_env().spacy_model)
    ents = DocumentEntities(text, [(nlp(text), 0)])
    frost = [e for e in ents.entities if e.type == "PERSON" and e.name.endswith("Frost")]
    assert len(frost) == 1
    ends = sorted(m.end for m in frost[0].mentions)
    assert ends == [m.end() for m in re.finditer("Frost", text)]


@pytest.mark.parametrize(("text", "claim", "name", "method"), CASES)
def test_resolved_speaker(pipeline, text, claim, name, method):
    got_name, got_method, claim_text = speaker_of(extract(pipeline, text), claim)
    assert claim_text is not None, "claim not found"
    assert got_name is not None and name in got_name
    if method is not None:
        assert got_method == method


def test_unresolved_mention_is_kept_as_written(pipeline):
    """No named referent: the name is the mention as written and the method says so."""
    text = "A source close to the talks said the deal was off."
    name, method, _ = speaker_of(extract(pipeline, text), "the deal was off")
    assert name is not None and "source" in name
    assert method == "unresolved"
