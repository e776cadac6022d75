"""``claimscope`` command line.

- ``claimscope extract FILE|-``: one plain-text article → its /extract response (JSON).
- ``claimscope extract --jsonl IN [-o OUT]``: each input line is an /extract request body,
  each output line its response; documents go through the pipeline in batches, a progress
  bar runs on stderr, and a bad line yields ``{"id", "index", "problem"}`` in its place.
- ``claimscope bulk IN -o DIR``: JSONL or Parquet requests through Ray Data (the ``bulk``
  extra), one record per row in DIR's part files; a rerun finishes an interrupted job.
- ``claimscope serve``: gunicorn with ``service/gunicorn_conf.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from service.config import ConfigError, Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="claimscope", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    ext = sub.add_parser("extract", help="extract claims from a text file or JSONL requests")
    ext.add_argument("file", nargs="?", help="plain-text article, or - for stdin")
    ext.add_argument("--jsonl", metavar="IN", help="JSONL of /extract request bodies (- = stdin)")
    ext.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    ext.add_argument("--batch-size", type=int, default=8, help="documents per pipeline call")
    ext.add_argument("--compact", action="store_true", help="no indentation (text mode)")
    ext.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    _bulk_parser(sub)
    srv = sub.add_parser("serve", help="run the HTTP service under gunicorn")
    srv.add_argument("--bind", help="host:port (default from CLAIMSCOPE_HOST/PORT)")
    srv.add_argument("--workers", type=int, help="worker processes")
    args = parser.parse_args(argv)
    if args.command == "extract" and bool(args.file) == bool(args.jsonl):
        parser.error("extract takes either FILE (or -) or --jsonl IN")
    try:
        if args.command == "bulk":
            return _bulk(args)
        return _serve(args) if args.command == "serve" else _extract(args)
    except (ConfigError, OSError, UnicodeDecodeError) as exc:
        print(f"claimscope: {exc}", file=sys.stderr)
        return 2


def _bulk_parser(sub: Any) -> None:
    bulk = sub.add_parser("bulk", help="JSONL or Parquet requests on Ray Data (resumable)")
    bulk.add_argument("input", help="JSONL (one request body a line) or .parquet (a row each)")
    bulk.add_argument("-o", "--output", required=True, metavar="DIR", help="output folder")
    bulk.add_argument("--actors", type=int, default=1, help="actors, each with the models")
    bulk.add_argument("--batch-size", type=int, default=8, help="documents per pipeline call")
    bulk.add_argument("--shard-size", type=int, default=64, help="rows per committed part")
    bulk.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl")
    bulk.add_argument("--address", help="Ray cluster (default: $RAY_ADDRESS, else local Ray)")
    bulk.add_argument("--num-cpus", type=int, help="CPUs of a local Ray (default: the cores)")
    bulk.add_argument("--object-store-mb", type=int, help="object store of a local Ray")
    bulk.add_argument("--no-progress", action="store_true", help="hide the progress bar")


def _bulk(args: argparse.Namespace) -> int:
    try:
        import ray  # noqa: F401

        from service.bulk import Options, run_bulk
        from service.bulk.store import OutputMismatch
    except ImportError as exc:
        print(
            f"claimscope: bulk needs the bulk extra (pip install 'claimscope[bulk]'): {exc}",
            file=sys.stderr,
        )
        return 2
    options = Options(
        actors=max(1, args.actors),
        batch_size=max(1, args.batch_size),
        shard_rows=max(1, args.shard_size),
        output_format=args.format,
        address=args.address or os.environ.get("RAY_ADDRESS") or None,
        num_cpus=args.num_cpus,
        object_store_mb=args.object_store_mb,
        progress=not args.no_progress,
    )
    try:
        summary = run_bulk(args.input, args.output, Settings.from_env(), options)
    except OutputMismatch as exc:
        print(f"claimscope: {exc}", file=sys.stderr)
        return 2
    print(summary.line(), file=sys.stderr)
    return 0


def _pipeline() -> Any:
    from service.nlp.registry import shared_models
    from service.pipeline import ClaimPipeline

    settings = Settings.from_env().single_process()  # no gunicorn: one torch thread
    return ClaimPipeline(shared_models(settings), settings), settings


def _extract(args: argparse.Namespace) -> int:
    from service.api.wire import check_limits, to_wire
    from service.domain import Document
    from service.errors import ServiceError
    from service.jsonl import split_lines

    # Read all input before opening the output, so that `-o` may name the input file.
    if args.jsonl:
        source = _stdin_bytes() if args.jsonl == "-" else Path(args.jsonl).read_bytes()
        with _output(args.output) as out:
            return _extract_jsonl(args, split_lines(source), out)
    raw = _stdin_bytes() if args.file == "-" else Path(args.file).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        print(f"claimscope: the input is not valid UTF-8 ({exc.reason})", file=sys.stderr)
        return 2
    if not text.strip():
        print("claimscope: the input text is empty", file=sys.stderr)
        return 2
    pipeline, settings = _pipeline()
    try:
        check_limits({"text": text}, settings)
    except ServiceError as exc:
        print(f"claimscope: {exc.detail}", file=sys.stderr)
        return 2
    doc = Document(text, id=None if args.file == "-" else Path(args.file).name)
    body = to_wire(pipeline.run([doc])[0])
    with _output(args.output) as out:
        json.dump(body, out, ensure_ascii=False, indent=None if args.compact else 2)
        out.write("\n")
    return 0


def _stdin_bytes() -> bytes:
    """stdin as bytes: decoded here, strictly, not by a locale that may let bad bytes in
    as lone surrogates (surrogateescape)."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return bytes(buffer.read())
    return sys.stdin.read().encode("utf-8", "surrogateescape")


@contextmanager
def _output(path: str | None) -> Iterator[IO[str]]:
    if path is None:
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8") as out:
        yield out


def _extract_jsonl(args: argparse.Namespace, lines: list[bytes], out: IO[str]) -> int:
    from tqdm import tqdm

    pipeline, settings = _pipeline()
    failed = 0
    with tqdm(total=len(lines), unit="doc", file=sys.stderr, disable=args.no_progress) as bar:
        for batch in _batches(list(enumerate(lines)), max(1, args.batch_size)):
            for record in _run_batch(pipeline, settings, batch):
                failed += "problem" in record
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
            bar.update(len(batch))
    if failed:
        print(
            f"claimscope: {failed} of {len(lines)} lines failed (problems written in place)",
            file=sys.stderr,
        )
    return 0


def _batches(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _run_batch(
    pipeline: Any, settings: Settings, batch: list[tuple[int, bytes]]
) -> list[dict[str, Any]]:
    """One record per line: its response, or ``{"id", "index", "problem"}``; a line's bad
    bytes, bad JSON, failed validation or runtime error is that line's alone (the same
    rows path as ``claimscope bulk``)."""
    from service.rows import run_rows

    return run_rows(pipeline, settings, list(batch))


def _serve(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    conf = Path(__file__).with_name("gunicorn_conf.py")
    # gunicorn from this interpreter's environment, whether or not its bin/ is on PATH.
    argv = [sys.executable, "-m", "gunicorn", "--config", str(conf)]
    if args.bind:
        argv += ["--bind", args.bind]
    if args.workers:
        argv += ["--workers", str(args.workers)]
        # gunicorn_conf sizes torch threads from CLAIMSCOPE_WORKERS: keep them in step.
        os.environ["CLAIMSCOPE_WORKERS"] = str(args.workers)
    argv.append("service.wsgi:app")
    del settings  # validated here so that a bad setting fails before gunicorn starts
    # Fewer malloc arenas: a gthread worker otherwise keeps ~1.2 GB after long articles
    # (bench: 1205 MB → 669 MB retained after four 100k-character requests).
    os.environ.setdefault("MALLOC_ARENA_MAX", "2")
    os.execv(sys.executable, argv)
    return 0  # pragma: no cover


if __name__ == "__main__":
    sys.exit(main())
