"""The Ray Data actor: models loaded once, then whole shards in, their records out.

``ShardWorker`` is the callable class given to ``Dataset.map_batches``: Ray Data starts
one per actor of the pool, and each loads the models once (one torch thread: the actors,
not torch, use the cores). A batch holds shard descriptors; each shard is read where the
actor runs, goes through the pipeline ``batch_size`` documents at a time, and comes back
as one row: its number, row count, failures and records (JSON lines). The driver commits
a shard only when its row arrives whole; a shard lost with a killed actor is retried by
Ray Data, or by the next run.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from service.bulk.shards import Shard, read_shard
from service.config import Settings
from service.rows import Row, failed, run_rows, stable_id


class ShardWorker:
    def __init__(self, path: str, fmt: str, batch_size: int, settings: Settings) -> None:
        from service.nlp.registry import load_models
        from service.pipeline import ClaimPipeline

        self.path, self.fmt, self.batch_size = path, fmt, max(1, batch_size)
        self.settings = settings.single_process()
        self.pipeline = ClaimPipeline(load_models(self.settings), self.settings)

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        out: dict[str, list[Any]] = {"shard": [], "rows": [], "failed": [], "records": []}
        for i in range(len(batch["number"])):
            shard = Shard(**{name: int(batch[name][i]) for name in Shard.__dataclass_fields__})
            records = self.extract(read_shard(self.path, self.fmt, shard))
            out["shard"].append(shard.number)
            out["rows"].append(len(records))
            out["failed"].append(failed(records))
            out["records"].append(
                "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
            )
        return {
            "shard": np.asarray(out["shard"], dtype=np.int64),
            "rows": np.asarray(out["rows"], dtype=np.int64),
            "failed": np.asarray(out["failed"], dtype=np.int64),
            "records": np.asarray(out["records"], dtype=object),
        }

    def extract(self, rows: list[Row]) -> list[dict[str, Any]]:
        records: list[dict[str, Any]] = []
        for start in range(0, len(rows), self.batch_size):
            chunk = rows[start : start + self.batch_size]
            records += [
                keyed(record, index, raw)
                for record, (index, raw) in zip(
                    run_rows(self.pipeline, self.settings, chunk), chunk, strict=True
                )
            ]
        return records


def keyed(record: dict[str, Any], index: int, raw: bytes | dict[str, Any]) -> dict[str, Any]:
    """The record with its input ``index``, and an ``id`` also where the row gave none."""
    record["index"] = index
    if record.get("id") is None:
        record["id"] = stable_id(index, raw)
    return record
