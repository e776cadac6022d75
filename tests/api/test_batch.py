"""POST /extract/batch: order kept, ids echoed, a bad item fails alone."""

from __future__ import annotations

import json

from service.api.schemas import BatchResponseSchema

GOOD_A = "The minister said the bridge would reopen in May."
GOOD_B = "“Prices will fall,” the central bank governor told reporters on Tuesday."


def test_batch_keeps_order_echoes_ids_and_isolates_bad_items(client):
    documents = [
        {"id": "first", "text": GOOD_A},
        "not an object",
        {"id": 7},  # missing text
        {"id": "unknown-field", "text": GOOD_B, "colour": "red"},
        {"id": 42, "text": GOOD_B},
        {"id": "blank", "text": "   "},
        {"id": "bad-labels", "text": GOOD_A, "labels": ["a", "A"]},
    ]
    response = client.post("/extract/batch", json={"documents": documents})
    assert response.status_code == 200
    body = response.get_json()
    assert BatchResponseSchema().validate(body) == {}
    results = body["results"]
    assert [r["index"] for r in results] == list(range(len(documents)))
    assert [r["id"] for r in results] == [
        "first",
        None,
        "7",
        "unknown-field",
        "42",
        "blank",
        "bad-labels",
    ]
    assert [r["status"] for r in results] == [200, 422, 422, 422, 200, 422, 422]
    assert body["meta"]["documents"] == 7 and body["meta"]["failed"] == 5

    for result in results:
        if result["status"] == 200:
            assert result["problem"] is None
            assert result["extraction"]["id"] == result["id"]
            assert result["extraction"]["claims"], result
        else:
            assert result["extraction"] is None
            problem = result["problem"]
            assert problem["status"] == result["status"]
            assert problem["type"].endswith("/validation-failed")
            assert problem["title"] and problem["detail"]
    assert "text" in results[2]["problem"]["errors"]
    assert results[3]["problem"]["errors"] == {"colour": ["Unknown field."]}
    assert "_schema" in results[1]["problem"]["errors"]
    # each extraction is about its own text
    assert "bridge" in results[0]["extraction"]["claims"][0]["text"]
    assert "Prices" in results[4]["extraction"]["claims"][0]["text"]


def test_batch_item_over_max_chars_is_a_413_item(client, app):
    limit = app.config["CLAIMSCOPE_SETTINGS"].max_chars
    documents = [{"text": GOOD_A}, {"id": "huge", "text": "a" * (limit + 1)}]
    results = client.post("/extract/batch", json={"documents": documents}).get_json()["results"]
    assert results[0]["status"] == 200
    assert results[1]["status"] == 413 and "max_chars" in results[1]["problem"]["detail"]


def test_batch_results_match_single_extractions(client):
    texts = [GOOD_B, GOOD_A, GOOD_B]
    batch = client.post("/extract/batch", json={"documents": [{"text": t} for t in texts]})
    for text, result in zip(texts, batch.get_json()["results"], strict=True):
        single = client.post("/extract", json={"text": text}).get_json()
        assert result["extraction"]["claims"] == single["claims"]


def test_batch_with_only_bad_items_is_still_200(client):
    body = client.post("/extract/batch", json={"documents": [1, {"text": ""}]}).get_json()
    assert [r["status"] for r in body["results"]] == [422, 422]
    assert body["meta"]["failed"] == 2


def test_batch_envelope_is_validated(client, assert_problem):
    assert_problem(client.post("/extract/batch", json={}), 422, errors=True)
    assert_problem(client.post("/extract/batch", json={"documents": []}), 422, errors=True)
    assert_problem(client.post("/extract/batch", json={"documents": "x"}), 422, errors=True)
    body = assert_problem(
        client.post("/extract/batch", json={"documents": [{"text": "a"}], "extra": 1}),
        422,
        errors=True,
    )
    assert "extra" in body["errors"]


def test_one_items_runtime_error_is_a_500_in_its_slot_only(client, monkeypatch):
    """A document that breaks the engine fails alone; the others still come back."""
    import service.pipeline

    real = service.pipeline.analyse

    def fragile(text, chunks):
        if "sinkhole" in text:
            raise RuntimeError("engine failure on this document")
        return real(text, chunks)

    monkeypatch.setattr(service.pipeline, "analyse", fragile)
    documents = [
        {"id": "a", "text": GOOD_A},
        {"id": "boom", "text": "The surveyor said a sinkhole had opened."},
        {"id": "b", "text": GOOD_B},
    ]
    response = client.post("/extract/batch", json={"documents": documents})
    assert response.status_code == 200
    body = response.get_json()
    assert BatchResponseSchema().validate(body) == {}
    results = body["results"]
    assert [r["status"] for r in results] == [200, 500, 200]
    assert results[1]["extraction"] is None and results[1]["id"] == "boom"
    assert results[1]["problem"]["status"] == 500
    assert results[1]["problem"]["type"].endswith("/internal")
    assert "engine failure" not in results[1]["problem"]["detail"]  # no internals leak
    assert "bridge" in results[0]["extraction"]["claims"][0]["text"]
    assert "Prices" in results[2]["extraction"]["claims"][0]["text"]
    assert body["meta"]["failed"] == 1


def test_lone_surrogate_in_one_item_fails_that_item_only(client):
    good = json.dumps({"id": "ok", "text": GOOD_A})
    raw = '{"documents": [' + good + ', {"id": "lone", "text": "bad \\ud800 here"}]}'
    response = client.post("/extract/batch", data=raw, content_type="application/json")
    assert response.status_code == 200
    results = response.get_json()["results"]
    assert [r["status"] for r in results] == [200, 422]
    assert "surrogate" in results[1]["problem"]["detail"]
    assert results[1]["id"] == "lone"


def test_lone_surrogate_outside_the_items_still_fails_the_request(client, assert_problem):
    raw = '{"documents": [{"text": "a"}], "\\udc00": 1}'
    response = client.post("/extract/batch", data=raw, content_type="application/json")
    assert "surrogate" in assert_problem(response, 422)["detail"]
