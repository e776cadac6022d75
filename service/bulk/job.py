"""``run_bulk``: a bulk job on Ray Data, resumable, each input row in the output once.

1. Plan the shards (``shards.plan``) and open the output folder; the shards already
   committed there are skipped.
2. The rest go to Ray Data as one row per shard, through ``map_batches`` with a fixed
   pool of ``ShardWorker`` actors (one CPU each; Ray restarts a killed actor and retries
   its shard).
3. The driver commits each shard as its row arrives (``Store.commit``: write a temporary
   file, rename), after checking that it holds exactly the shard's rows.

Ray runs on this machine unless an address is given (``claimscope bulk`` takes it from
``RAY_ADDRESS``); ``num_cpus`` and ``object_store_mb`` size a local Ray only.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from service.bulk.shards import Plan, Shard, plan
from service.bulk.store import Store
from service.bulk.worker import ShardWorker
from service.config import Settings


@dataclass
class Options:
    actors: int = 1
    batch_size: int = 8
    shard_rows: int = 64
    output_format: str = "jsonl"
    address: str | None = None  # a Ray cluster; None: a local Ray
    num_cpus: int | None = None  # local Ray only (default: the cores, at least one per actor)
    object_store_mb: int | None = None  # local Ray only (default: Ray's)
    progress: bool = True


@dataclass
class Summary:
    rows: int  # rows in the input
    documents: int  # rows done by this run
    failed: int  # of those, rows answered with a problem
    skipped: int  # rows committed by an earlier run
    seconds: float

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        return (
            f"claimscope bulk: {self.documents} documents in {self.seconds:.1f} s "
            f"({self.docs_per_s:.2f} docs/s), {self.failed} failed (problems written in "
            f"place), {self.skipped} already done by an earlier run, {self.rows} in the input"
        )


class BulkError(RuntimeError):
    """A shard came back short, or Ray failed."""


def run_bulk(
    source: str | Path, output: str | Path, settings: Settings, options: Options
) -> Summary:
    began = time.perf_counter()
    job = plan(source, options.shard_rows)
    store = Store(output, options.output_format)
    done = store.open(job)
    todo = [shard for shard in job.shards if shard.number not in done]
    skipped = sum(shard.count for shard in job.shards if shard.number in done)
    documents = failures = 0
    if todo:
        _start_ray(options)
        try:
            for shard, records, shard_failed in _stream(job, todo, settings, options):
                store.commit(shard.number, records)
                documents += len(records)
                failures += shard_failed
        finally:
            import ray

            ray.shutdown()
    return Summary(job.rows, documents, failures, skipped, time.perf_counter() - began)


def _start_ray(options: Options) -> None:
    import ray

    quiet: dict[str, Any] = {"logging_level": "WARNING", "log_to_driver": False}
    if options.address:
        ray.init(address=options.address, **quiet)
        return
    cpus = options.num_cpus or max(os.cpu_count() or 1, options.actors)
    local: dict[str, Any] = {"include_dashboard": False, "num_cpus": cpus}
    if options.object_store_mb is not None:
        local["object_store_memory"] = options.object_store_mb * 1024 * 1024
    ray.init(**local, **quiet)


def _stream(job: Plan, todo: list[Shard], settings: Settings, options: Options) -> Any:
    """(shard, records, failures) for each shard of ``todo``, in the order they finish."""
    import ray
    from tqdm import tqdm

    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False  # ours counts documents
    by_number = {shard.number: shard for shard in todo}
    dataset = ray.data.from_items(
        [asdict(shard) for shard in todo], override_num_blocks=len(todo)
    ).map_batches(
        ShardWorker,
        fn_constructor_kwargs={
            "path": job.path,
            "fmt": job.fmt,
            "batch_size": options.batch_size,
            "settings": settings,
        },
        batch_size=1,
        compute=ray.data.ActorPoolStrategy(size=options.actors, max_tasks_in_flight_per_actor=1),
        num_cpus=1,
    )
    total = sum(shard.count for shard in todo)
    with tqdm(total=total, unit="doc", file=sys.stderr, disable=not options.progress) as bar:
        for row in dataset.iter_rows():
            shard = by_number[int(row["shard"])]
            lines = str(row["records"]).split("\n")  # not splitlines(): U+2028 stays in its line
            records = [json.loads(line) for line in lines if line]
            _check_whole(shard, records)
            yield shard, records, int(row["failed"])
            bar.update(shard.count)


def _check_whole(shard: Shard, records: list[dict[str, Any]]) -> None:
    expected = list(range(shard.first, shard.first + shard.count))
    if [record.get("index") for record in records] != expected:
        raise BulkError(f"shard {shard.number} came back without all of its rows")
