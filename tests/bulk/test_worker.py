"""The Ray Data actor class on its own (no Ray): Parquet shards in, keyed records out, and
Parquet parts that read back as the same records."""

from __future__ import annotations

import json

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from service.bulk.shards import plan
from service.bulk.store import Store, read_records
from service.bulk.worker import ShardWorker
from service.config import Settings
from tests.bulk.docs import article

pytestmark = pytest.mark.slow  # loads the models once more


def test_parquet_shards_through_the_worker_and_back(tmp_path):
    bodies = [{"id": f"q{i}", "text": article(i), "targets": None} for i in range(6)]
    bodies[2]["id"] = None  # no id: a stable row id
    bodies[4]["targets"] = ["the ferry timetable"]
    bodies[5]["text"] = ""  # fails validation: a problem in its place
    path = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist(bodies), path, row_group_size=4)
    job = plan(path, 3)
    worker = ShardWorker(job.path, job.fmt, 2, Settings(load_embedder=False))
    batch = {
        name: np.asarray([getattr(s, name) for s in job.shards])
        for name in ("number", "first", "count", "start", "end")
    }
    out = worker(batch)
    assert list(out["shard"]) == [0, 1] and list(out["rows"]) == [3, 3]
    assert list(out["failed"]) == [0, 1]
    records = [json.loads(line) for text in out["records"] for line in text.split("\n") if line]
    assert [r["index"] for r in records] == list(range(6))
    assert records[0]["id"] == "q0" and records[0]["claims"]
    assert records[2]["id"].startswith("row-2-")
    # null `targets` cells were left out (a null would fail validation), a real one kept
    assert all("problem" not in r for r in records[:5])
    assert records[5]["problem"]["status"] == 422 and records[5]["id"] == "q5"

    store = Store(tmp_path / "out", "parquet")
    store.open(job)
    store.commit(0, records[:3])
    store.commit(1, records[3:])
    assert list(read_records(tmp_path / "out")) == records
