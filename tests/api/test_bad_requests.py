"""Every bad request gets the right 4xx as application/problem+json, never a 500."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

JSON = "application/json"


def post_raw(client, data, content_type=JSON, path="/extract"):
    return client.post(path, data=data, content_type=content_type)


@pytest.mark.parametrize("raw", ["{bad", '{"text": "a",}', "{'text': 'a'}", '{"text": "a"'])
def test_malformed_json_is_400_invalid_json(client, assert_problem, raw):
    body = assert_problem(post_raw(client, raw), 400)
    assert body["type"].endswith("/invalid-json")


@pytest.mark.parametrize(
    "raw, kind",
    [
        ('[{"text": "a"}]', "array"),
        ('"just text"', "string"),
        ("42", "number"),
        ("true", "boolean"),
        ("null", "null"),
    ],
)
def test_non_object_body_is_422_naming_the_json_type(client, assert_problem, raw, kind):
    body = assert_problem(post_raw(client, raw), 422, errors=True)
    assert f"not a JSON {kind}" in body["detail"] or f"not JSON {kind}" in body["detail"]


@pytest.mark.parametrize(
    "payload, field",
    [
        ({}, "text"),
        ({"title": "no text"}, "text"),
        ({"text": ""}, "text"),
        ({"text": " \n\t "}, "text"),
        ({"text": None}, "text"),
        ({"text": 5}, "text"),
        ({"text": ["a"]}, "text"),
        ({"text": "a", "labels": "x"}, "labels"),
        ({"text": "a", "labels": [5]}, "labels"),
        ({"text": "a", "targets": "x"}, "targets"),
        ({"text": "a", "id": True}, "id"),
        ({"text": "a", "id": {"x": 1}}, "id"),
        ({"text": "a", "options": "x"}, "options"),
        ({"text": "a", "options": {"min_confidence": 2}}, "options"),
        ({"text": "a", "options": {"min_confidence": -0.1}}, "options"),
        ({"text": "a", "options": {"include_entities": "maybe"}}, "options"),
    ],
)
def test_field_validation_is_422_with_field_errors(client, assert_problem, payload, field):
    body = assert_problem(client.post("/extract", json=payload), 422, errors=True)
    assert field in body["errors"], body["errors"]
    assert body["type"].endswith("/validation-failed")


def test_min_confidence_error_points_inside_options(client, assert_problem):
    body = assert_problem(
        client.post("/extract", json={"text": "a", "options": {"min_confidence": 2}}),
        422,
        errors=True,
    )
    assert "min_confidence" in body["errors"]["options"]


def test_nan_is_rejected_not_crashing(client, assert_problem):
    raw = '{"text": "a", "options": {"min_confidence": NaN}}'
    assert_problem(post_raw(client, raw), 422, errors=True)


def test_unknown_top_level_field_is_rejected(client, assert_problem):
    body = assert_problem(
        client.post("/extract", json={"text": "a", "colour": "red"}), 422, errors=True
    )
    assert body["errors"] == {"colour": ["Unknown field."]}


def test_unknown_option_is_rejected(client, assert_problem):
    body = assert_problem(
        client.post("/extract", json={"text": "a", "options": {"fast": 1}}), 422, errors=True
    )
    assert body["errors"] == {"options": {"fast": ["Unknown field."]}}


@pytest.mark.parametrize(
    "labels, message",
    [
        ([""], "empty"),
        (["  "], "empty"),
        (["war", "War "], "unique"),
        ([f"label {i}" for i in range(51)], "50"),
        (["x" * 201], "200"),
    ],
)
def test_bad_labels_are_422(client, assert_problem, labels, message):
    body = assert_problem(
        client.post("/extract", json={"text": "a", "labels": labels}), 422, errors=True
    )
    assert message in " ".join(body["errors"]["labels"])


def test_empty_target_is_422(client, assert_problem):
    body = assert_problem(
        client.post("/extract", json={"text": "a", "targets": ["NATO", " "]}), 422, errors=True
    )
    assert "targets" in body["errors"]


def test_too_many_targets_is_422(client, assert_problem):
    targets = [f"target {i}" for i in range(21)]
    body = assert_problem(
        client.post("/extract", json={"text": "a", "targets": targets}), 422, errors=True
    )
    assert "targets" in body["errors"]


def test_text_over_max_chars_is_413_naming_the_limit(client, assert_problem, app):
    limit = app.config["CLAIMSCOPE_SETTINGS"].max_chars
    body = assert_problem(client.post("/extract", json={"text": "a" * (limit + 1)}), 413)
    assert str(limit) in body["detail"] and "max_chars" in body["detail"]
    assert body["limit"] == "max_chars" and body["limit_value"] == limit


def test_batch_over_max_batch_documents_is_413(client, assert_problem, app):
    limit = app.config["CLAIMSCOPE_SETTINGS"].max_batch_documents
    documents = [{"text": "a"}] * (limit + 1)
    body = assert_problem(client.post("/extract/batch", json={"documents": documents}), 413)
    assert str(limit) in body["detail"]


def test_body_over_max_body_bytes_is_413():
    from service import create_app

    small = create_app(
        {"load_mode": "lazy", "log_json": False, "log_level": "WARNING", "max_body_bytes": 1000}
    )
    response = small.test_client().post("/extract", json={"text": "word " * 400})
    assert response.status_code == 413
    assert response.mimetype == "application/problem+json"
    body = response.get_json(force=True)
    assert "1000" in body["detail"] and body["limit"] == "max_body_bytes"
    # the guard answered before any model was needed
    assert small.extensions["claimscope"].state == "idle"


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", None],
)
def test_wrong_content_type_is_415(client, assert_problem, content_type):
    response = client.post("/extract", data='{"text": "a"}', content_type=content_type)
    body = assert_problem(response, 415)
    assert "application/json" in body["detail"]


def test_json_with_charset_parameter_is_accepted(client):
    response = post_raw(
        client,
        '{"text": "The minister said the plan works."}',
        content_type="application/json; charset=utf-8",
    )
    assert response.status_code == 200


@pytest.mark.parametrize("raw", [b"", b"   \n"])
def test_empty_body_is_400(client, assert_problem, raw):
    body = assert_problem(post_raw(client, raw), 400)
    assert "empty" in body["detail"]


@pytest.mark.parametrize(
    "raw", [b'{"text": "caf\xe9"}', b'{"text": "\xff\xfe"}', '{"text": "a"}'.encode("utf-16")]
)
def test_body_that_is_not_utf8_is_400(client, assert_problem, raw):
    body = assert_problem(post_raw(client, raw), 400)
    assert "UTF-8" in body["detail"]


@pytest.mark.parametrize("opening, closing", [("[", "]"), ('{"a":', "}")])
def test_json_nested_100000_deep_is_rejected(client, assert_problem, opening, closing):
    raw = '{"text": "a", "x": ' + opening * 100_000 + "1" + closing * 100_000 + "}"
    response = post_raw(client, raw)
    body = assert_problem(response, 422)
    assert "deeper" in body["detail"]


def test_brackets_inside_strings_do_not_count_as_nesting(client):
    text = "The mayor said the “[[[[” sign " + "[" * 200 + " was art."
    response = client.post("/extract", json={"text": text})
    assert response.status_code == 200


def test_unknown_path_is_404_problem(client, assert_problem):
    body = assert_problem(client.get("/no/such/path"), 404)
    assert body["instance"] == "/no/such/path"


def test_post_to_unknown_path_is_404_even_with_a_bad_content_type(client, assert_problem):
    assert_problem(client.post("/nope", data="x", content_type="text/plain"), 404)


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/extract"),
        ("put", "/extract"),
        ("delete", "/extract/batch"),
        ("post", "/livez"),
        ("post", "/readyz"),
    ],
)
def test_wrong_method_is_405_problem(client, assert_problem, method, path):
    response = getattr(client, method)(path)
    body = assert_problem(response, 405)
    assert method.upper() in body["detail"]


def test_problem_carries_the_request_id(client, assert_problem):
    response = client.post("/extract", json={}, headers={"X-Request-ID": "req-123"})
    body = assert_problem(response, 422, errors=True)
    assert body["request_id"] == "req-123"
    assert response.headers["X-Request-ID"] == "req-123"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
request_like = st.fixed_dictionaries(
    {},
    optional={
        "text": json_values | st.text(max_size=200),
        "labels": json_values,
        "targets": json_values,
        "id": json_values,
        "title": json_values,
        "options": json_values
        | st.fixed_dictionaries(
            {},
            optional={
                "min_confidence": json_values,
                "include_sentences": json_values,
                "include_entities": json_values,
            },
        ),
    },
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(payload=json_values | request_like)
def test_arbitrary_json_never_gives_a_500(client, payload):
    for path in ("/extract", "/extract/batch"):
        response = client.post(path, data=json.dumps(payload), content_type=JSON)
        assert response.status_code < 500, response.get_data(as_text=True)
        if response.status_code >= 400:
            assert response.mimetype == "application/problem+json"


# ---- hostile inputs (issue 6): each a 4xx problem, or a 200 whose spans index the text ---
# The same list runs over real HTTP against gunicorn in tests/robustness/test_hostile_http.py.


def _spans_index(text, body):
    for claim in body["claims"]:
        for span in [claim, claim["cue"], claim["speaker"] and claim["speaker"]["mention"]]:
            if span:
                assert text[span["start"] : span["end"]] == span["text"]
    for entity in body["entities"]:
        assert text[entity["start"] : entity["end"]] == entity["text"]


@pytest.mark.parametrize(
    "raw",
    [
        '{"text": "He said \\ud800 it works."}',  # lone high surrogate
        '{"text": "\\udfff"}',  # lone low surrogate
        '{"text": "a", "title": "x\\udbff"}',  # in another field
        '{"text": "a", "\\ud800": 1}',  # in a key
    ],
)
def test_lone_surrogate_escape_is_422_not_a_500(client, assert_problem, raw):
    body = assert_problem(post_raw(client, raw), 422, errors=True)
    assert "surrogate" in body["detail"]


def test_lone_surrogate_escape_in_a_batch_item_is_that_items_422(client):
    response = post_raw(client, '{"documents": [{"text": "a \\ud800"}]}', path="/extract/batch")
    assert response.status_code == 200
    [result] = response.get_json()["results"]
    assert result["status"] == 422 and "surrogate" in result["problem"]["detail"]


def test_paired_surrogate_escapes_are_an_astral_character(client):
    response = post_raw(client, '{"text": "\\ud83d\\ude00 The mayor said it works."}')
    assert response.status_code == 200
    assert response.get_json()["meta"]["characters"] == len("😀 The mayor said it works.")


def test_ten_megabyte_body_is_413_before_it_is_read():
    from service import create_app

    app = create_app({"load_mode": "lazy", "log_json": False, "log_level": "WARNING"})
    response = app.test_client().post("/extract", data=b"x" * 10_000_000, content_type=JSON)
    assert response.status_code == 413
    assert response.get_json(force=True)["limit"] == "max_body_bytes"
    assert app.extensions["claimscope"].state == "idle"  # no model was needed


@pytest.mark.parametrize(
    "text",
    [
        "Zero\u200bwidth\u200c, \u202eRTL\u202c, \u2066isolate\u2069, bell\x07, NUL\x00, "
        "form feed\x0c: “We will rebuild,” the mayor said.",
        "a" * 100_000,
    ],
)
def test_invisible_characters_and_long_runs_keep_exact_offsets(client, text):
    response = client.post("/extract", json={"text": text})
    assert response.status_code == 200
    _spans_index(text, response.get_json())
