"""Request dict -> domain objects, shared by the HTTP views and the CLI (no Flask here).

``parse_request`` validates one /extract body against the schema and the configured
limits. The other direction is the response schema's: ``to_wire`` dumps an Extraction
with ``ExtractResponseSchema`` (the one serialiser)."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError

from service.api.schemas import MAX_TARGET_CHARS, ExtractRequestSchema, ExtractResponseSchema
from service.config import Settings
from service.domain import Document, Extraction, LabelSpec, Options
from service.errors import PayloadTooLarge, ValidationFailed


def parse_request(body: Any, settings: Settings) -> Document:
    """Validate one request body; raise ValidationFailed (422) or PayloadTooLarge (413)."""
    if not isinstance(body, dict):
        raise ValidationFailed(
            "The request body must be a JSON object with a 'text' field.",
            errors={"_schema": ["Expected a JSON object."]},
        )
    try:
        data = ExtractRequestSchema().load(body)
    except ValidationError as exc:
        errors = exc.messages if isinstance(exc.messages, dict) else {"_schema": exc.messages}
        raise ValidationFailed(_summary(errors), errors=errors) from exc
    return to_document(data, settings)


def to_document(data: dict[str, Any], settings: Settings) -> Document:
    check_limits(data, settings)
    options = data.get("options") or {}
    return Document(
        text=data["text"],
        id=data.get("id"),
        title=data.get("title"),
        labels=tuple(_label(label) for label in data.get("labels") or ()),
        targets=tuple(data.get("targets") or ()),
        options=Options(**options),
    )


def check_limits(data: dict[str, Any], settings: Settings) -> None:
    if len(data["text"]) > settings.max_chars:
        raise PayloadTooLarge(
            f"text has {len(data['text'])} characters; the limit is {settings.max_chars} "
            "(max_chars). Split the article or raise CLAIMSCOPE_MAX_CHARS.",
            limit="max_chars",
            limit_value=settings.max_chars,
        )
    errors: dict[str, list[str]] = {}
    label_errors = _label_errors(data.get("labels") or [], settings)
    if label_errors:
        errors["labels"] = label_errors
    target_errors = _target_errors(data.get("targets") or [], settings)
    if target_errors:
        errors["targets"] = target_errors
    if data.get("id") is not None and len(data["id"]) > settings.max_id_chars:
        errors["id"] = [f"At most {settings.max_id_chars} characters."]
    if data.get("title") is not None and len(data["title"]) > settings.max_title_chars:
        errors["title"] = [f"At most {settings.max_title_chars} characters."]
    if errors:
        raise ValidationFailed(_summary(errors), errors=errors)


def label_name(label: str | dict[str, Any]) -> str:
    return label if isinstance(label, str) else str(label["name"])


def _label_errors(labels: list[Any], settings: Settings) -> list[str]:
    """Limits of ``labels`` (strings or {name, description, examples}); each message names
    its limit."""
    names = [label_name(label) for label in labels]
    if len(names) > settings.max_labels:
        return [f"At most {settings.max_labels} labels (max_labels); got {len(names)}."]
    if any(not name.strip() for name in names):
        return ["Label names must not be empty."]
    if any(len(name) > settings.max_label_chars for name in names):
        return [
            f"Each label name has at most {settings.max_label_chars} characters (max_label_chars)."
        ]
    if len({name.strip().lower() for name in names}) != len(names):
        return ["Labels must be unique (names compared case-insensitively)."]
    return []


def _target_errors(targets: list[str], settings: Settings) -> list[str]:
    if len(targets) > settings.max_targets:
        return [f"At most {settings.max_targets} targets (max_targets); got {len(targets)}."]
    if any(not target.strip() for target in targets):
        return ["Targets must not be empty."]
    if any(len(target) > MAX_TARGET_CHARS for target in targets):
        return [f"Each target has at most {MAX_TARGET_CHARS} characters."]
    if len({target.strip().lower() for target in targets}) != len(targets):
        return ["Targets must be unique."]
    return []


def _label(label: str | dict[str, Any]) -> str | LabelSpec:
    if isinstance(label, str):
        return label
    return LabelSpec(label["name"], label.get("description"), tuple(label.get("examples") or ()))


def _summary(errors: dict[str, Any]) -> str:
    parts = []
    for name, messages in list(errors.items())[:5]:
        first = messages[0] if isinstance(messages, list) and messages else messages
        parts.append(f"{name}: {first if isinstance(first, str) else 'invalid value'}")
    return "; ".join(parts)


def to_wire(ex: Extraction) -> dict[str, Any]:
    """The response body for one extraction, as the HTTP views send it."""
    body: dict[str, Any] = _RESPONSE.dump(ex)
    return body


_RESPONSE = ExtractResponseSchema()
