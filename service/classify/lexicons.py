"""Hand-written word lists for check-worthiness and stance. Lower-case, whole words.

They were written from general knowledge of news and debate language (the FNC-1 baseline's
refuting and hedging word idea, Hyland's hedges and boosters), not extracted from any data
set; the evaluation sets were only used to decide which lists help."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A word list written as one space-separated string."""
    return frozenset(text.split())


NUMBER_WORDS = words(
    "hundred hundreds thousand thousands million millions billion billions trillion "
    "trillions percent per cent percentage half third thirds quarter quarters double doubled "
    "triple tripled dozen dozens twice"
)

COMPARATIVES = words(
    "more less fewer higher lower larger smaller bigger greater worse better faster slower "
    "cheaper richer poorer increase increased increases decrease decreased decreases rise "
    "rose risen fall fell fallen drop dropped grew grown growth decline declined cut cuts "
    "raised raise lost gained record highest lowest largest smallest biggest greatest worst "
    "best most least fastest first only ever never since times than average"
)

# Verbs and nouns of events that can be verified: passed, voted, signed, spent ...
FACTUAL = words(
    "voted vote votes passed signed spent spend paid pay pays taxes tax created lost killed "
    "died won elected approved funded fund funding cost costs owe owes debt deficit budget "
    "jobs unemployment wages income rate rates crime murders deaths law bill act "
    "program report reported study studies data statistics says said according "
    "percent population country countries nation government"
)

# Opinion, feeling and politeness: little to check.
OPINION = words(
    "think believe feel hope wish love like hate great wonderful terrible beautiful "
    "amazing fantastic tremendous incredible horrible awful nice happy sad proud honored "
    "thank thanks welcome appreciate sorry please glad excited congratulations agree "
    "disagree should must want wants wanted ought fantastic maybe perhaps probably"
)

FUTURE_MODAL = words("will would could might may shall going gonna")
PAST_MARKERS = words("was were had did ago last since previously")
FIRST_PERSON = words("i me my mine i'm i've i'd i'll")
NEGATIONS = words(
    "not no never none nobody nothing neither nor without cannot can't don't doesn't didn't "
    "isn't aren't wasn't weren't won't wouldn't hasn't haven't hadn't n't"
)

# FNC-1 style: words that question or refute a report.
REFUTING = words(
    "fake fraud hoax false falsely deny denies denied denying denial debunk debunked "
    "debunks refute refuted refutes refuting untrue unfounded baseless bogus lie lies lied "
    "myth rumor rumour rumors rumours doubt doubts doubtful dismiss dismissed dismisses "
    "retract retracted misleading fabricated fabrication prank satire satirical incorrect "
    "wrong nonsense not"
)

REFUTING_STRONG = words(
    "fake hoax debunk debunked debunks untrue unfounded baseless bogus fabricated fabrication "
    "prank satire satirical refute refuted refutes denied denies deny false falsely"
)

# Attribution and uncertainty: a report is relayed, not asserted.
HEDGING = words(
    "allegedly alleged reportedly reported reports report claim claims claimed claiming "
    "according apparently purportedly purported supposedly rumored rumoured unconfirmed "
    "unverified may might could possibly possible perhaps seemingly appears appear appeared "
    "suggests suggest suggested believed thought suspected likely unclear unknown whether "
    "sources source says said told"
)

# Per-claim stance: evaluative and support/oppose vocabulary.
FAVOR = words(
    "support supports supported supporting backs backed backing endorse endorsed endorses "
    "welcome welcomed welcomes praise praised praises good great success successful "
    "benefit benefits beneficial helps helped help protect protects protected improve "
    "improves improved strong strengthen right fair effective works working worked "
    "approve approved approves defend defended defends favor favour favors favours "
    "champion champions positive progress win wins won saved save saves boost boosts "
    "boosted necessary essential vital safe legitimate applaud applauded"
)

AGAINST = words(
    "oppose opposes opposed opposing against reject rejects rejected condemn condemns "
    "condemned criticise criticize criticised criticized criticises criticizes bad "
    "terrible disaster disastrous failure failed fails fail harm harms harmed hurt hurts "
    "damage damaged damages destroy destroys destroyed destroying dangerous threat threatens "
    "wrong unfair illegal illegitimate corrupt scrap scrapped abolish abolished repeal "
    "repealed ban banned block blocked stop halt cancel cancelled canceled kill kills "
    "killing aggression aggressive invade invaded invasion attack attacks attacked blame "
    "blamed blames lies lied lie waste wasted costly weak weakens undermine undermines "
    "undermined denounce denounced denounces slam slams slammed worse worst crisis"
)

INTENSIFIERS = words("very really totally completely absolutely strongly deeply")
