"""Bulk mode on Ray Data (the optional ``claimscope[bulk]`` extra): ``claimscope bulk``.

An archive of /extract request bodies (JSONL or Parquet) in, one record per row out, on a
local Ray or a cluster (``RAY_ADDRESS``). Nothing lost, nothing twice: the input is cut
into fixed shards (``shards``), each shard is committed whole by a rename (``store``), and
a rerun with the same arguments skips the committed shards (``job``). Actors load the
models once (``worker``). Imports the pipeline, never the HTTP layer; Ray is imported only
when a job runs, so the base install does not need it.
"""

from service.bulk.job import Options, Summary, run_bulk
from service.bulk.store import read_records

__all__ = ["Options", "Summary", "read_records", "run_bulk"]
