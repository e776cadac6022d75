"""Word lists kept as data (``data/``), one entry a line, ``#`` comments saying where
each list comes from."""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The tab-separated rows of ``data/name``, comments and blank lines left out."""
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(tuple(line.split("\t")))
    return tuple(out)


def words(name: str) -> frozenset[str]:
    """A word list: the first column of ``data/name``."""
    return frozenset(row[0] for row in rows(name))


def mapping(name: str) -> dict[str, str]:
    """A two-column list as a dict, in file order."""
    return {row[0]: row[1] for row in rows(name)}
