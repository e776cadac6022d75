"""Deterministic input partitioning: shard ``k`` holds rows ``[k*S, (k+1)*S)`` of the input.

The same input and shard size give the same shards on every run, so a restarted job
knows which rows a committed shard holds. ``plan`` reads the input once (a SHA-256 of its
bytes, and for JSONL the byte offset where each shard starts); ``read_shard`` reads one
shard's rows where its worker runs, so on a cluster INPUT must be a path every node sees.

A JSONL row is one line (split on ``\\n`` only, as ``claimscope extract --jsonl``); a
Parquet row is a dict of its columns, with null columns left out.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service.jsonl import split_lines
from service.rows import Row

CHUNK_BYTES = 1 << 22
FORMATS = ("jsonl", "parquet")


@dataclass(frozen=True)
class Shard:
    number: int
    first: int  # index of its first row in the input
    count: int  # rows
    start: int  # JSONL: byte offset of the first row; Parquet: the first row
    end: int  # JSONL: byte offset past the last row; Parquet: past the last row


@dataclass(frozen=True)
class Plan:
    path: str
    fmt: str
    rows: int
    shard_rows: int
    digest: str  # sha256 of the input's bytes
    shards: tuple[Shard, ...]


def input_format(path: str | Path) -> str:
    return "parquet" if Path(path).suffix.lower() in {".parquet", ".pq"} else "jsonl"


def plan(path: str | Path, shard_rows: int) -> Plan:
    if shard_rows < 1:
        raise ValueError("the shard size must be at least 1 row")
    fmt = input_format(path)
    if fmt == "parquet":
        digest, rows = _sha256(path), _parquet_rows(path)
        starts = [*list(range(0, rows, shard_rows)), rows]
    else:
        digest, rows, starts = _scan_jsonl(path, shard_rows)
    shards = tuple(
        Shard(
            number=k,
            first=k * shard_rows,
            count=min(shard_rows, rows - k * shard_rows),
            start=starts[k],
            end=starts[k + 1],
        )
        for k in range(-(-rows // shard_rows))
    )
    return Plan(str(Path(path).resolve()), fmt, rows, shard_rows, digest, shards)


def _sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        while chunk := source.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def _scan_jsonl(path: str | Path, shard_rows: int) -> tuple[str, int, list[int]]:
    """(sha256, rows, byte offset of each shard's first row + the file size), one pass."""
    digest = hashlib.sha256()
    starts, newlines, offset, last = [0], 0, 0, b"\n"
    with open(path, "rb") as source:
        while chunk := source.read(CHUNK_BYTES):
            digest.update(chunk)
            in_chunk = chunk.count(b"\n")
            pos, seen = -1, 0
            # row j*S starts just after newline number j*S
            while newlines + in_chunk >= len(starts) * shard_rows:
                need = len(starts) * shard_rows - newlines
                while seen < need:
                    pos, seen = chunk.find(b"\n", pos + 1), seen + 1
                starts.append(offset + pos + 1)
            newlines, offset, last = newlines + in_chunk, offset + len(chunk), chunk[-1:]
    rows = newlines + (0 if last == b"\n" else 1)
    shard_count = -(-rows // shard_rows)
    return digest.hexdigest(), rows, [*starts[:shard_count], offset]


def _parquet_rows(path: str | Path) -> int:
    import pyarrow.parquet as pq

    return int(pq.ParquetFile(path).metadata.num_rows)


def read_shard(path: str, fmt: str, shard: Shard) -> list[Row]:
    """The rows of one shard, each with its index in the input."""
    if fmt == "parquet":
        bodies = _parquet_slice(path, shard.start, shard.count)
        return [(shard.first + i, body) for i, body in enumerate(bodies)]
    with open(path, "rb") as source:
        source.seek(shard.start)
        lines = split_lines(source.read(shard.end - shard.start))
    if len(lines) != shard.count:
        raise RuntimeError(
            f"shard {shard.number} of {path} holds {len(lines)} lines, not {shard.count}: "
            "the input changed while the job ran"
        )
    return [(shard.first + i, line) for i, line in enumerate(lines)]


def _parquet_slice(path: str, first: int, count: int) -> list[dict[str, Any]]:
    """Rows [first, first+count) of a Parquet file, reading only the row groups they are in."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    source = pq.ParquetFile(path)
    tables, group_start = [], 0
    for group in range(source.metadata.num_row_groups):
        group_rows = source.metadata.row_group(group).num_rows
        if group_start < first + count and first < group_start + group_rows:
            tables.append((group_start, source.read_row_group(group)))
        group_start += group_rows
    if not tables:
        return []
    table = pa.concat_tables([t for _, t in tables])
    rows = table.slice(first - tables[0][0], count).to_pylist()
    return [_without_nulls(row) for row in rows]


def _without_nulls(value: Any) -> Any:
    """A column that is null in this row is a field the request does not give."""
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value
