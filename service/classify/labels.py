"""Label sets: the defaults in ``seeds/labels/*.json`` and callers' labels.

A seed file is ``{"name", "description", "labels": [{"name", "description", "examples"}]}``.
A caller's label is a plain string (its name) or a ``LabelSpec``; both become a LabelSpec,
and a LabelSpec becomes the list of prototype texts the embedding backend compares with."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from service.domain import LabelSpec

SEED_DIR = Path(__file__).resolve().parents[2] / "seeds" / "labels"
CLAIM_TYPES = "claim_types"
TOPICS = "topics"


class LabelSeedError(ValueError):
    """A default label set is missing or malformed."""


def as_spec(label: str | LabelSpec) -> LabelSpec:
    if isinstance(label, LabelSpec):
        return label
    return LabelSpec(name=str(label))


def as_specs(labels: Iterable[str | LabelSpec]) -> tuple[LabelSpec, ...]:
    return tuple(as_spec(label) for label in labels)


def prototypes(label: LabelSpec) -> list[str]:
    """The texts a claim is compared with: the name, the description, the examples.

    A bare name is short and MiniLM reads it as a topic, so it also gets a templated
    sentence ("This is about X."); a description or examples make that unnecessary."""
    texts = [label.name]
    if label.description:
        texts.append(label.description)
    texts.extend(e for e in label.examples if e.strip())
    if len(texts) == 1:
        texts.append(f"This is about {label.name}.")
    return list(dict.fromkeys(t.strip() for t in texts if t.strip()))


@lru_cache(maxsize=8)
def default_labels(name: str = CLAIM_TYPES, seed_dir: Path = SEED_DIR) -> tuple[LabelSpec, ...]:
    """A seed label set by file stem; raises LabelSeedError when it is absent or malformed."""
    path = seed_dir / f"{name}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        specs = tuple(
            LabelSpec(
                str(item["name"]),
                item.get("description"),
                tuple(str(e) for e in item.get("examples", ())),
            )
            for item in data["labels"]
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise LabelSeedError(
            f"default label set {name!r} could not be read from {path}: {exc}"
        ) from exc
    if not specs:
        raise LabelSeedError(f"default label set {name!r} in {path} has no labels")
    return specs
