"""The wire format: marshmallow request, problem, batch and health schemas (flask-smorest
publishes them in OpenAPI). Unknown request fields are rejected. The extraction response
schemas, which dump the domain objects, are in ``service.api.responses``."""

from __future__ import annotations

from typing import Any

from marshmallow import (
    Schema,
    ValidationError,
    fields,
    validate,
    validates,
    validates_schema,
)

from service.api.responses import ExtractResponseSchema, ModelInfoSchema

__all__ = ["ExtractResponseSchema"]  # re-exported: the views and tests import it from here

MAX_LABEL_EXAMPLES = 10
MAX_LABEL_TEXT_CHARS = 1000  # a label's description and each example
MAX_TARGET_CHARS = 1000  # a target can be a whole claim (FNC-1 style headline)


class DocumentId(fields.Field):
    """A caller id: a string or an integer, echoed back as a string."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("metadata", {"type": "string", "description": "Caller's document id"})
        super().__init__(**kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str:
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise ValidationError("Must be a string or an integer.")
        return str(value)

    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> Any:
        return value


class StrictFloat(fields.Float):
    """A JSON number only: no numeric strings, no booleans (the schema says number)."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class StrictBoolean(fields.Boolean):
    """A JSON boolean only: "yes" or 1 is a 422, as the published schema says."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> Any:
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


class OptionsSchema(Schema):
    include_sentences = StrictBoolean(
        load_default=False, metadata={"description": "Add sentences[]"}
    )
    include_entities = StrictBoolean(load_default=True, metadata={"description": "Add entities[]"})
    min_confidence = StrictFloat(
        load_default=0.0,
        validate=validate.Range(0.0, 1.0),
        metadata={"description": "Drop claims below this"},
    )
    multi_label = StrictBoolean(
        load_default=True,
        metadata={
            "description": "Score each label on its own (true) or as one choice whose "
            "scores sum to 1 (false)"
        },
    )
    labels_scope = fields.String(
        load_default="both",
        validate=validate.OneOf(["claims", "document", "both"]),
        metadata={
            "description": "Where the caller's labels are scored: on every claim "
            "(claims[].labels), on the whole article (document_labels[], from the title, "
            "the lead and the claims), or both"
        },
    )
    classify = StrictBoolean(
        load_default=True,
        metadata={
            "description": "Labels and check-worthiness on every claim (true), or "
            "attribution only (false: no embedding model runs unless targets are given, "
            "and the request costs about one parse)"
        },
    )
    explain = StrictBoolean(
        load_default=False,
        metadata={
            "description": "Name the attribution rule behind each claim (claims[].rule) and "
            "behind its speaker (claims[].speaker.resolution.rule): the names of "
            "service/extract/registry.py, each with its example sentences"
        },
    )


class LabelObjectSchema(Schema):
    name = fields.String(required=True, metadata={"description": "The label returned"})
    description = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(
            max=MAX_LABEL_TEXT_CHARS, error="At most {max} characters (label description)."
        ),
        metadata={"description": "What the label means, in a sentence"},
    )
    examples = fields.List(
        fields.String(
            validate=validate.Length(
                min=1,
                max=MAX_LABEL_TEXT_CHARS,
                error="Between {min} and {max} characters (label example).",
            )
        ),
        load_default=list,
        validate=validate.Length(max=MAX_LABEL_EXAMPLES, error="At most {max} examples per label."),
        metadata={"description": "Example sentences that carry the label"},
    )


LABEL_OBJECT_DOC = {
    "type": "object",
    "required": ["name"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string"},
        "description": {"type": "string", "nullable": True, "maxLength": MAX_LABEL_TEXT_CHARS},
        "examples": {
            "type": "array",
            "maxItems": MAX_LABEL_EXAMPLES,
            "items": {"type": "string", "minLength": 1, "maxLength": MAX_LABEL_TEXT_CHARS},
        },
    },
}


class LabelField(fields.Field):
    """A zero-shot label: its name as a string, or ``{name, description, examples}``."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "metadata",
            {
                "description": "A label name, or an object with a description and examples",
                "oneOf": [{"type": "string"}, LABEL_OBJECT_DOC],
            },
        )
        super().__init__(**kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> Any:
        if isinstance(value, str):
            return value
        if isinstance(value, dict):
            return LabelObjectSchema().load(value)
        raise ValidationError("A label is a string or an object {name, description, examples}.")

    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> Any:
        return value


class ExtractRequestSchema(Schema):
    text = fields.String(required=True, metadata={"description": "The article, plain text"})
    id = DocumentId(load_default=None, allow_none=True)
    title = fields.String(load_default=None, allow_none=True)
    labels = fields.List(
        LabelField(),
        load_default=list,
        metadata={
            "description": "Zero-shot labels for every claim (default: "
            "the claim-type set in seeds/labels)"
        },
    )
    targets = fields.List(
        fields.String(),
        load_default=list,
        metadata={
            "description": "Stance targets: claims get favor, against "
            "or neutral; the document gets agree, "
            "disagree, discuss or unrelated"
        },
    )
    options = fields.Nested(OptionsSchema, load_default=lambda: OptionsSchema().load({}))

    @validates("text")
    def _text_not_blank(self, value: str, **kwargs: Any) -> None:
        if not value.strip():
            raise ValidationError("Text is empty: send the article's text.")

    @validates_schema
    def _labels_need_classify(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data.get("labels") and not data.get("options", {}).get("classify", True):
            raise ValidationError(
                "labels were given with options.classify=false: drop one of them.", "labels"
            )


class BatchRequestSchema(Schema):
    documents = fields.List(
        fields.Raw(allow_none=True, metadata={"description": "An /extract request body"}),
        required=True,
        validate=validate.Length(min=1),
        metadata={
            "description": "Each item is an /extract request; items are validated one "
            "by one, so a bad item gets a problem in its result."
        },
    )


class ProblemSchema(Schema):
    type = fields.String(required=True, metadata={"description": "Stable problem type URI"})
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    instance = fields.String()
    request_id = fields.String(metadata={"description": "The X-Request-ID of the request"})
    errors = fields.Dict(metadata={"description": "Field → messages (validation)"})
    limit = fields.String(metadata={"description": "The limit that was exceeded"})
    limit_value = fields.Float(metadata={"description": "That limit's configured value"})


class BatchResultSchema(Schema):
    index = fields.Integer(required=True)
    id = fields.String(allow_none=True, required=True)
    status = fields.Integer(required=True)
    extraction = fields.Nested(ExtractResponseSchema, allow_none=True, required=True)
    problem = fields.Nested(ProblemSchema, allow_none=True, required=True)


class BatchResponseSchema(Schema):
    results = fields.List(fields.Nested(BatchResultSchema), required=True)
    meta = fields.Dict(required=True)


class HealthSchema(Schema):
    status = fields.String(required=True)
    detail = fields.String()


class InfoSchema(Schema):
    service = fields.String(required=True)
    version = fields.String(required=True)
    ready = fields.Boolean(required=True)
    models = fields.List(fields.Nested(ModelInfoSchema), required=True)
    limits = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    settings = fields.Dict(required=True)
