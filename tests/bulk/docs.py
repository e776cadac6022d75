"""Invented request rows for the bulk tests (no data set's text): short news-like
articles with quotes and reported speech, plus rows that must fail one by one."""

from __future__ import annotations

import json

PEOPLE = ("the mayor", "a council spokeswoman", "the harbour master", "Ines Vell", "Tomas Orrin")
THINGS = ("the ferry timetable", "the new library", "the water tariff", "the night bus", "the dam")
VERBS = ("said", "told reporters", "argued", "warned", "insisted")


def article(i: int) -> str:
    who, what, verb = PEOPLE[i % 5], THINGS[(i * 3) % 5], VERBS[(i * 7) % 5]
    return (
        f"“We will review {what} before week {i + 2},” {who} {verb} on Tuesday. "
        f"Residents of district {i} said the plan had been delayed twice. "
        f"{PEOPLE[(i + 2) % 5].capitalize()} said the costs would rise by {i % 9 + 2} percent."
    )


def rows(count: int = 50) -> list[str]:
    """``count`` JSONL lines: mostly good documents, some without an id, and bad rows
    (broken JSON, not an object, no text, a wrong type, an id over the limit)."""
    lines = []
    for i in range(count):
        body: dict[str, object] = {"id": f"doc-{i:03d}", "text": article(i)}
        if i % 11 == 5:
            del body["id"]  # gets a stable row id in bulk output
        if i % 7 == 3:
            body["labels"] = ["transport", "public money"]
        lines.append(json.dumps(body, ensure_ascii=False))
    bad = {
        4: '{"id": "doc-broken", "text": "The chairman said',
        9: json.dumps(["not", "an", "object"]),
        16: json.dumps({"id": "doc-no-text", "title": "Nothing to read"}),
        23: json.dumps({"id": "doc-bad-type", "text": 42}),
        30: json.dumps({"id": "x" * 300, "text": article(30)}),
    }
    for index, line in bad.items():
        if index < count:
            lines[index] = line
    return lines
