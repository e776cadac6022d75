"""Request rows to records (service/rows.py, over service/jsonl.py): each row is its own
record, a bad row is that row's problem, and the JSONL split is on newlines only."""

from __future__ import annotations

import json

from service.api.wire import parse_request
from service.config import Settings
from service.jsonl import split_lines
from service.rows import row_body, run_rows, stable_id

SETTINGS = Settings(load_embedder=False)


def test_split_is_on_newlines_only():
    body = {"id": "a", "text": "One\u2028two\u0085three\x0cfour\rfive"}
    line = json.dumps(body, ensure_ascii=False).encode()
    data = line + b"\n\n" + line + b"\r\n" + line
    assert split_lines(data) == [line, b"", line + b"\r", line]
    assert split_lines(data + b"\n") == split_lines(data)
    assert split_lines(b"") == []


def test_stable_id_is_the_same_for_the_same_row_and_differs_between_rows():
    raw = b'{"text": "The minister said so."}'
    assert stable_id(3, raw) == stable_id(3, raw)
    assert stable_id(3, raw) != stable_id(4, raw)
    assert stable_id(3, raw) != stable_id(3, raw + b" ")
    assert stable_id(3, raw).startswith("row-3-")
    assert stable_id(0, {"text": "x", "id": None}) == stable_id(0, {"id": None, "text": "x"})


def test_row_problems_name_the_line():
    for raw, status, words in [
        (b"\xff\xfe{}", 400, "UTF-8"),
        (b"{oops", 400, "not valid JSON"),
        (b"   ", 400, "empty"),
        (b'{"text": "a\\ud800b"}', 422, "surrogate"),
    ]:
        try:
            parse_request(row_body(6, raw), SETTINGS)
        except Exception as exc:
            problem = exc.to_problem()  # type: ignore[attr-defined]
            assert problem["status"] == status and words in problem["detail"], problem
        else:
            raise AssertionError(f"{raw!r} was accepted")


def test_every_row_gets_one_record_in_order(pipeline):
    rows = [
        (0, json.dumps({"id": "a", "text": "“It works,” the engineer said."}).encode()),
        (1, b"\xc3\x28"),
        (2, {"id": "b", "text": "The clerk said the office would close early."}),
        (3, {"id": "c", "text": ""}),
        (4, b'{"id": "d", "text": "x\\udc00"}'),
    ]
    records = run_rows(pipeline, SETTINGS, rows)
    assert [r["id"] for r in records] == ["a", None, "b", "c", "d"]
    assert records[0]["claims"] and records[2]["claims"]
    assert [r["problem"]["status"] for r in records if "problem" in r] == [400, 422, 422]
    assert [r["index"] for r in records if "problem" in r] == [1, 3, 4]


class _FailsOn:
    """The real pipeline, except that a document whose text holds ``word`` raises."""

    def __init__(self, pipeline, word: str) -> None:
        self.pipeline, self.word = pipeline, word

    def run(self, docs):
        if any(self.word in doc.text for doc in docs):
            if len(docs) == 1:
                raise RuntimeError("boom")
            raise RuntimeError("batch boom")
        return self.pipeline.run(docs)


def test_a_document_that_raises_is_a_500_in_its_place_only(pipeline):
    texts = ["The mayor said yes.", "The poison pill said no.", "The judge said maybe."]
    rows = [(i, {"id": f"t{i}", "text": t}) for i, t in enumerate(texts)]
    records = run_rows(_FailsOn(pipeline, "poison"), SETTINGS, rows)
    assert [r["id"] for r in records] == ["t0", "t1", "t2"]
    assert records[1]["problem"]["status"] == 500 and records[1]["index"] == 1
    assert "problem" not in records[0] and "problem" not in records[2]
