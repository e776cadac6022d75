"""Registered attribution rules by family; importing this package registers them all."""

from service.extract.rules import (  # noqa: F401
    chain,
    labels,
    nonverbal,
    quote_cues,
    reporter,
    verb_cues,
)
