"""Bulk mode without Ray: the same shards on every run, every row in exactly one shard,
whole part files only, and a folder of another job refused."""

from __future__ import annotations

import json
import os

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from service.bulk.shards import plan, read_shard
from service.bulk.store import MANIFEST, OutputMismatch, Store, committed, read_records
from service.jsonl import split_lines
from tests.bulk.docs import rows


def _write(path, lines, final_newline=True):
    path.write_bytes(("\n".join(lines) + ("\n" if final_newline else "")).encode())
    return path


@pytest.mark.parametrize("shard_rows", [1, 3, 7, 50, 64])
@pytest.mark.parametrize("final_newline", [True, False])
def test_every_row_lands_in_exactly_one_shard(tmp_path, shard_rows, final_newline):
    separator = json.dumps({"text": "A line\u2028with a separator, the clerk said."})
    lines = [*rows(50), "", separator]  # a blank line is a row too
    path = _write(tmp_path / "in.jsonl", lines, final_newline)
    job = plan(path, shard_rows)
    got = [row for shard in job.shards for row in read_shard(job.path, job.fmt, shard)]
    assert [index for index, _ in got] == list(range(len(lines)))
    assert [raw for _, raw in got] == split_lines(path.read_bytes())
    assert job.rows == len(lines) == sum(s.count for s in job.shards)
    assert all(s.count == shard_rows for s in job.shards[:-1])


def test_plan_is_the_same_on_every_run_and_follows_the_content(tmp_path):
    path = _write(tmp_path / "in.jsonl", rows(20))
    assert plan(path, 4) == plan(path, 4)
    before = plan(path, 4).digest
    _write(path, rows(21))
    assert plan(path, 4).digest != before


def test_empty_input_has_no_shards(tmp_path):
    assert plan(_write(tmp_path / "in.jsonl", [], final_newline=False), 4).shards == ()


def test_parquet_rows_are_request_bodies_without_null_columns(tmp_path):
    bodies = [{"id": f"p{i}", "text": f"Row {i}, the clerk said.", "title": None} for i in range(9)]
    bodies[4]["title"] = "A title"
    path = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist(bodies), path, row_group_size=4)  # 3 row groups
    job = plan(path, 3)
    assert job.fmt == "parquet" and job.rows == 9 and len(job.shards) == 3
    got = [row for shard in job.shards for row in read_shard(job.path, job.fmt, shard)]
    assert [index for index, _ in got] == list(range(9))
    assert got[0][1] == {"id": "p0", "text": "Row 0, the clerk said."}
    assert got[4][1]["title"] == "A title"


def _records(first, count):
    return [{"id": f"r{i}", "index": i, "claims": []} for i in range(first, first + count)]


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_committed_parts_are_the_skip_list_and_read_back_once(tmp_path, fmt):
    job = plan(_write(tmp_path / "in.jsonl", rows(10)), 4)
    store = Store(tmp_path / "out", fmt)
    assert store.open(job) == set()
    store.commit(0, _records(0, 4))
    problem = {"id": None, "index": 4, "problem": {"status": 400, "title": "x"}}
    store.commit(1, [problem, *_records(5, 3)])
    assert Store(tmp_path / "out", fmt).open(job) == {0, 1}
    got = list(read_records(tmp_path / "out"))
    assert [r["index"] for r in got] == list(range(8))
    assert got[4]["problem"]["status"] == 400 and got[0]["id"] == "r0"


def test_a_dead_jobs_temporary_file_is_removed_and_not_counted(tmp_path):
    job = plan(_write(tmp_path / "in.jsonl", rows(10)), 4)
    store = Store(tmp_path / "out")
    store.open(job)
    half_written = tmp_path / "out" / ".tmp-999-part-000002.jsonl"
    half_written.write_text('{"id": "r8", "index": 8}\n{"id": "r9", "ind')
    assert store.open(job) == set()
    assert not half_written.exists()
    assert committed(tmp_path / "out") == {}


def test_commit_replaces_a_part_whole(tmp_path):
    job = plan(_write(tmp_path / "in.jsonl", rows(4)), 4)
    store = Store(tmp_path / "out")
    store.open(job)
    store.commit(0, _records(0, 4))
    store.commit(0, _records(0, 4))  # a retried shard: the same rows, once
    assert [r["index"] for r in read_records(tmp_path / "out")] == [0, 1, 2, 3]
    assert sorted(os.listdir(tmp_path / "out")) == [MANIFEST, "part-000000.jsonl"]


@pytest.mark.parametrize("change", ["input", "shard_rows", "format"])
def test_a_folder_of_another_job_is_refused(tmp_path, change):
    path = _write(tmp_path / "in.jsonl", rows(10))
    Store(tmp_path / "out").open(plan(path, 4))
    if change == "input":
        _write(path, rows(11))
    job = plan(path, 5 if change == "shard_rows" else 4)
    with pytest.raises(OutputMismatch, match="another job"):
        Store(tmp_path / "out", "parquet" if change == "format" else "jsonl").open(job)
