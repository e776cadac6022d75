"""schemathesis hooks (``SCHEMATHESIS_HOOKS``) for the one request rule JSON Schema cannot
state: label names and targets are unique *after* trimming and case-folding ("War" and
"war " collide, a 422). ``uniqueItems`` in the published schema covers exact duplicates;
this drops generated bodies whose names differ only in case or surrounding spaces, and
bodies that send ``labels`` with ``options.classify`` false (a documented 422: labels
need the classify stage), so positive data is data the service promises to accept."""

from __future__ import annotations

from typing import Any

import schemathesis


def _names(values: Any) -> list[str] | None:
    if not isinstance(values, list):
        return None
    names = [v.get("name") if isinstance(v, dict) else v for v in values]
    return names if all(isinstance(n, str) for n in names) else None


def _collide(body: Any) -> bool:
    if not isinstance(body, dict):
        return False
    options = body.get("options")
    if body.get("labels") and isinstance(options, dict) and options.get("classify") is False:
        return True
    for key in ("labels", "targets"):
        names = _names(body.get(key))
        if names and len({n.strip().lower() for n in names}) != len(names):
            return True
    return False


@schemathesis.hook
def filter_body(context: Any, body: Any) -> bool:
    if isinstance(body, dict) and isinstance(body.get("documents"), list):
        return not any(_collide(doc) for doc in body["documents"])
    return not _collide(body)
