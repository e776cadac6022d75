"""claimscope: claim extraction and speaker attribution for news, as a REST service."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def create_app(test_config: dict[str, Any] | None = None) -> Any:
    from service.app import build_app

    return build_app(test_config)
