"""tools/quality/polnear_agreement.py: annotator claims as predictions, reporter sentences, and
self-agreement through the real scorer. Invented text only, never PolNeAR data."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.quality import polnear_agreement as agreement

REPO = Path(__file__).resolve().parents[1]
SCORER = REPO.parent / "shared" / "eval" / "score_claims.py"


TEXT = "The mayor spoke at noon.  Rain fell all day.\n  \nAda Lund said taxes would rise. "
SENTENCES = [(0, 26), (26, 45), (45, 48), (48, 80)]


def claim(start: int, end: int, speaker: str = "", sp: tuple[int, int] | None = None) -> dict:
    c = {"start": start, "end": end, "text": TEXT[start:end], "speaker": speaker}
    c["type"] = "indirect"
    if sp is not None:
        c["speaker_start"], c["speaker_end"] = sp
    return c


ADA = claim(62, 79, "Ada Lund", (48, 56))  # "taxes would rise"


def test_text_offsets_are_what_the_tests_assume() -> None:
    assert len(TEXT) == 80 and TEXT[62:79] == "taxes would rise."
    assert TEXT[48:56] == "Ada Lund"
    assert TEXT[26:45] == "Rain fell all day.\n"


def test_gold_to_prediction_keeps_the_source_span_as_mention() -> None:
    pred = agreement.to_prediction(ADA)
    assert (pred["start"], pred["end"], pred["type"]) == (62, 79, "indirect")
    assert pred["speaker"]["name"] == "Ada Lund"
    assert (pred["speaker"]["mention"]["start"], pred["speaker"]["mention"]["end"]) == (48, 56)


def test_gold_without_source_becomes_a_claim_without_speaker() -> None:
    assert agreement.to_prediction(claim(0, 24))["speaker"] is None


def test_untouched_sentences_become_reporter_claims_with_trimmed_offsets() -> None:
    preds = agreement.service_shaped([ADA], SENTENCES, TEXT)
    reporter = [p for p in preds if p["type"] == "unattributed"]
    assert [(p["start"], p["end"]) for p in reporter] == [(0, 24), (26, 44)]
    assert [TEXT[p["start"] : p["end"]] for p in reporter] == [
        "The mayor spoke at noon.",
        "Rain fell all day.",
    ]
    assert all(p["speaker"] is None for p in reporter)
    # the attribution itself is kept, and everything comes back in reading order
    assert [p["start"] for p in preds] == [0, 26, 62]
    assert preds[-1]["speaker"]["name"] == "Ada Lund"


def test_a_sentence_overlapped_by_a_claim_gets_no_reporter_claim() -> None:
    partial = claim(31, 35, "Ada Lund", (48, 56))  # "fell", inside the second sentence
    preds = agreement.service_shaped([ADA, partial], SENTENCES, TEXT)
    spans = [(p["start"], p["end"]) for p in preds if p["type"] == "unattributed"]
    assert spans == [(0, 24)]


def test_a_claim_ending_where_a_sentence_starts_does_not_block_it() -> None:
    touching = claim(4, 26, "Ada Lund", (48, 56))  # ends at the second sentence's start
    preds = agreement.service_shaped([touching], SENTENCES, TEXT)
    spans = [(p["start"], p["end"]) for p in preds if p["type"] == "unattributed"]
    assert spans == [(26, 44), (48, 79)]


def test_no_sentences_means_only_the_attributions() -> None:
    assert agreement.service_shaped([ADA], [], TEXT) == [agreement.to_prediction(ADA)]


@pytest.fixture(scope="module")
def scorer():
    if not SCORER.is_file():
        pytest.skip(f"no scorer at {SCORER}")
    return agreement.import_scorer(str(SCORER))


def test_an_annotator_scored_against_itself_agrees_fully(scorer) -> None:
    claims = [claim(0, 24, "The mayor", (0, 9)), ADA]
    gold = [{"id": "d1", "text": TEXT, "claims": claims}]
    preds = [{"id": "d1", "claims": [agreement.to_prediction(c) for c in claims]}]
    result, misses = scorer.score(gold, preds)
    assert result["speaker_accuracy_on_found"] == 1.0
    assert result["end_to_end_attribution"] == 1.0
    assert result["claim_precision"] == 1.0
    assert misses == []

    # the service shape adds reporter claims but keeps the speakers right
    shaped = [{"id": "d1", "claims": agreement.service_shaped(claims, SENTENCES, TEXT)}]
    result, _ = scorer.score(gold, shaped)
    assert result["speaker_accuracy_on_found"] == 1.0


def test_a_wrong_source_span_is_a_speaker_error(scorer) -> None:
    gold = [{"id": "d1", "text": TEXT, "claims": [ADA]}]
    other = claim(62, 79, "The mayor", (0, 9))
    preds = [{"id": "d1", "claims": [agreement.to_prediction(other)]}]
    result, _ = scorer.score(gold, preds)
    assert result["claim_recall"] == 1.0
    assert result["speaker_accuracy_on_found"] == 0.0


def test_agreement_rows_pool_both_directions(scorer) -> None:
    a = [claim(0, 24, "The mayor", (0, 9)), ADA]
    b = [ADA]  # B missed the first claim
    docs = [{"split": "dev", "id": "d1", "text": TEXT, "a": a, "b": b}]
    rows, notes = agreement.agreement_rows(docs, [SENTENCES], scorer, None)
    by = {r["row"]: r for r in rows}
    assert by["a. B vs A, attributions only"]["claim_recall"] == 0.5
    assert by["a. A vs B, attributions only"]["claim_recall"] == 1.0
    # in the service shape B's reporter sentence covers A's claim, with no speaker
    shaped = by["b. B vs A, service shape"]
    assert shaped["claim_recall"] == 1.0 and shaped["speaker_accuracy_on_found"] == 0.5
    assert notes == [] and not any(r["row"].startswith("c.") for r in rows)
