"""The output folder of a bulk job: a manifest and one file per committed shard.

- ``part-000042.jsonl`` (or ``.parquet``) holds every record of shard 42, in input order.
  It is written under a temporary name, flushed to disk, then renamed: a part file is
  either whole or absent, whenever the job dies.
- The part files present are the skip-list of a restarted job; temporary files of a job
  that died are removed when the next one opens the folder.
- ``_claimscope_bulk.json`` records the input (its SHA-256, rows) and the shard size. A
  folder that holds another job's output is refused: its shards would not line up.

A JSONL record is the /extract response, or ``{"id", "index", "problem"}``, as
``claimscope extract --jsonl`` writes, plus ``index`` (the row in the input) and an ``id``
for every row (``row-<index>-<hash>`` where the row gives none). Parquet parts hold the
columns ``id``, ``index``, ``response`` and ``problem`` (JSON text, one of them null).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from service.bulk.shards import FORMATS, Plan

MANIFEST = "_claimscope_bulk.json"
PART = re.compile(r"^part-(\d{6})\.(jsonl|parquet)$")
TEMP_PREFIX = ".tmp-"


class OutputMismatch(ValueError):
    """The output folder holds the shards of another input, shard size or format."""


class Store:
    def __init__(self, folder: str | Path, fmt: str = "jsonl") -> None:
        if fmt not in FORMATS:
            raise ValueError(f"output format must be one of {FORMATS}")
        self.folder = Path(folder)
        self.fmt = fmt

    def open(self, plan: Plan) -> set[int]:
        """Check or write the manifest, drop a dead job's temporary files, and return the
        numbers of the shards already committed."""
        self.folder.mkdir(parents=True, exist_ok=True)
        manifest = {
            "input_sha256": plan.digest,
            "input_format": plan.fmt,
            "rows": plan.rows,
            "shard_rows": plan.shard_rows,
            "output_format": self.fmt,
        }
        path = self.folder / MANIFEST
        if path.exists():
            found = json.loads(path.read_text("utf-8"))
            changed = sorted(k for k in manifest if found.get(k) != manifest[k])
            if changed:
                raise OutputMismatch(
                    f"{self.folder} holds the output of another job (it differs in "
                    f"{', '.join(changed)}): rerun with the same input and options, or "
                    "choose an empty folder"
                )
        else:
            self._write_atomic(MANIFEST, json.dumps(manifest, indent=2).encode())
        for temp in self.folder.glob(TEMP_PREFIX + "*"):
            temp.unlink(missing_ok=True)
        return set(committed(self.folder, self.fmt))

    def commit(self, number: int, records: list[dict[str, Any]]) -> Path:
        name = f"part-{number:06d}.{self.fmt}"
        if self.fmt == "parquet":
            data = _parquet_bytes(records)
        else:
            data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
        return self._write_atomic(name, data)

    def _write_atomic(self, name: str, data: bytes) -> Path:
        target = self.folder / name
        temp = self.folder / f"{TEMP_PREFIX}{os.getpid()}-{name}"
        with open(temp, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
        folder = os.open(self.folder, os.O_RDONLY)
        try:
            os.fsync(folder)  # the rename itself survives a crash of the machine
        finally:
            os.close(folder)
        return target


def committed(folder: str | Path, fmt: str | None = None) -> dict[int, Path]:
    """Committed part files by shard number."""
    parts: dict[int, Path] = {}
    for path in Path(folder).iterdir():
        match = PART.match(path.name)
        if match and (fmt is None or match.group(2) == fmt):
            parts[int(match.group(1))] = path
    return parts


def read_records(folder: str | Path) -> Iterator[dict[str, Any]]:
    """Every record of a job's output in input order, each input row once (a row found in
    two parts, which a committed job never leaves, is read from the first)."""
    seen: set[int] = set()
    for _, path in sorted(committed(folder).items()):
        for record in _read_part(path):
            if record["index"] not in seen:
                seen.add(record["index"])
                yield record


def _read_part(path: Path) -> Iterator[dict[str, Any]]:
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        for row in pq.read_table(path).to_pylist():
            body = json.loads(row["response"] or row["problem"])
            if row["problem"] is not None:
                body = {"id": row["id"], "index": row["index"], "problem": body}
            else:
                body["id"], body["index"] = row["id"], row["index"]
            yield body
        return
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def _parquet_bytes(records: list[dict[str, Any]]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    def text(value: Any) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False)

    table = pa.table(
        {
            "id": pa.array(
                [None if r["id"] is None else str(r["id"]) for r in records], pa.string()
            ),
            "index": pa.array([r["index"] for r in records], pa.int64()),
            "response": pa.array(
                [None if "problem" in r else text(_response(r)) for r in records], pa.string()
            ),
            "problem": pa.array([text(r.get("problem")) for r in records], pa.string()),
        }
    )
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    return bytes(sink.getvalue().to_pybytes())


def _response(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in {"id", "index"}}
