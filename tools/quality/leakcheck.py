"""Find text the repo shares with public corpora: every run of 8 consecutive words.

Test sentences and docstring examples must be invented, never a data set's sentence (renamed or
not). This check tokenises like the before-stop hook (lowercased runs of ``[a-z0-9’']``), takes
every 8-word window of each repo file and reports the windows that also occur in any text file under
the given corpus folders, merged into runs, with file and line. Exit status 1 when any is found.

    python -m tools.quality.leakcheck .data/polnear/train/text .data/polnear/dev/text \\
        .data/fnc1 .data/clef2019/training
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

N = 8
WORD = re.compile(r"[a-z0-9’']+")
REPO_PARTS = ("service", "tests", "tools", "bench", "seeds", "docs", "scripts", "README.md")
REPO_SUFFIXES = {".py", ".md", ".json", ".jsonl", ".txt", ".yaml", ".yml", ".toml", ".sh", ".rst"}
CORPUS_SUFFIXES = {".txt", ".csv", ".tsv", ".json", ".jsonl", ".xml", ".ann", ""}


@dataclass(frozen=True)
class Run:
    """One stretch of a repo file whose every 8-word window occurs in a corpus."""

    path: str
    line: int
    words: tuple[str, ...]
    source: str


def words_with_lines(text: str) -> list[tuple[str, int]]:
    """Lowercased word tokens of ``text``, each with its 1-based line number."""
    out: list[tuple[str, int]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        out.extend((w, number) for w in WORD.findall(line.lower()))
    return out


def grams(words: list[str], n: int = N) -> Iterator[str]:
    """Every window of ``n`` consecutive words, joined by single spaces."""
    for i in range(len(words) - n + 1):
        yield " ".join(words[i : i + n])


def repo_files(root: Path, parts: Iterable[str] = REPO_PARTS) -> Iterator[Path]:
    """The files of the repo whose text counts: code, tests, tools, seeds and docs."""
    for part in parts:
        base = root / part
        if base.is_file():
            yield base
        elif base.is_dir():
            for path in sorted(base.rglob("*")):
                if path.is_file() and path.suffix in REPO_SUFFIXES and ".egg-info" not in str(path):
                    yield path


def corpus_files(folders: Iterable[Path]) -> Iterator[Path]:
    """Every text-like file under the corpus folders (a file named directly counts too)."""
    for folder in folders:
        if folder.is_file():
            yield folder
            continue
        if not folder.is_dir():
            raise FileNotFoundError(f"no such corpus folder: {folder}")
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix.lower() in CORPUS_SUFFIXES:
                yield path


def find_runs(
    repo: dict[str, list[tuple[str, int]]], corpora: Iterable[Path], n: int = N
) -> list[Run]:
    """Runs of repo text that share each of their ``n``-word windows with some corpus file.

    The repo's windows are indexed first (they are few); each corpus file is then read once and
    streamed against that index, so memory stays at the repo's size whatever the corpora weigh.
    """
    index: dict[str, list[tuple[str, int]]] = {}
    for path, tokens in repo.items():
        for i, gram in enumerate(grams([w for w, _ in tokens], n)):
            index.setdefault(gram, []).append((path, i))
    hits: dict[tuple[str, int], str] = {}
    for source in corpus_files(corpora):
        text = source.read_text(encoding="utf-8", errors="replace")
        for gram in grams(WORD.findall(text.lower()), n):
            for where in index.get(gram, ()):
                hits.setdefault(where, str(source))
    return _merge(repo, hits, n)


def _merge(
    repo: dict[str, list[tuple[str, int]]], hits: dict[tuple[str, int], str], n: int
) -> list[Run]:
    runs: list[Run] = []
    by_file: dict[str, list[int]] = {}
    for path, i in hits:
        by_file.setdefault(path, []).append(i)
    for path in sorted(by_file):
        tokens = repo[path]
        starts = sorted(by_file[path])
        first = last = starts[0]
        for i in [*starts[1:], None]:
            if i is not None and i <= last + 1:
                last = i
                continue
            words = tuple(w for w, _ in tokens[first : last + n])
            runs.append(Run(path, tokens[first][1], words, hits[(path, first)]))
            if i is not None:
                first = last = i
    return runs


def check(root: Path, corpora: list[Path], parts: Iterable[str] = REPO_PARTS) -> list[Run]:
    """Every shared run between the repo under ``root`` and the corpora."""
    repo = {
        str(path.relative_to(root)): words_with_lines(
            path.read_text(encoding="utf-8", errors="replace")
        )
        for path in repo_files(root, parts)
    }
    return find_runs(repo, corpora)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpora", nargs="+", type=Path, help="corpus folders (or files)")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="repo root (default: .)")
    parser.add_argument(
        "--only", nargs="*", default=list(REPO_PARTS), help="repo folders/files to check"
    )
    args = parser.parse_args(argv)
    runs = check(args.root, args.corpora, args.only)
    for run in runs:
        print(f"{run.path}:{run.line}: {' '.join(run.words)}  [{run.source}]")
    files = len({run.path for run in runs})
    print(f"{len(runs)} shared run(s) of {N}+ words in {files} file(s)", file=sys.stderr)
    return 1 if runs else 0


if __name__ == "__main__":
    sys.exit(main())
