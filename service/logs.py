"""Logging: JSON lines (python-json-logger) carrying the request id, or plain text.

Every line logged while a request is handled carries its ``request_id`` (the
``X-Request-ID`` echoed on the response); the app adds one ``claimscope.access`` line per
request with method, route, status and duration.
"""

from __future__ import annotations

import logging
import sys
from typing import IO

from flask import g, has_request_context

JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s %(process)d %(request_id)s"


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = getattr(g, "request_id", None) if has_request_context() else None
        return True


def make_handler(json_lines: bool = True, stream: IO[str] | None = None) -> logging.Handler:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.addFilter(RequestIdFilter())
    if json_lines:
        try:
            from pythonjsonlogger.json import JsonFormatter
        except ImportError:  # python-json-logger < 3
            from pythonjsonlogger.jsonlogger import (  # type: ignore[no-redef,unused-ignore]
                JsonFormatter,
            )
        handler.setFormatter(JsonFormatter(JSON_FIELDS))
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    return handler


def configure_logging(level: str = "INFO", json_lines: bool = True) -> None:
    root = logging.getLogger()
    if any(getattr(h, "_claimscope", False) for h in root.handlers):
        root.setLevel(level.upper())
        return
    handler = make_handler(json_lines)
    handler._claimscope = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level.upper())
