"""The newsroom page: ``GET /`` renders one Jinja template that loads one script and one
stylesheet from this package (``/assets/``); the script calls ``POST /extract`` like any
other client. No CDN, no build step, no framework.

Every response of this blueprint carries a strict Content-Security-Policy (only this
origin's script, style and fetch; no inline code, no frames, no plugins). The page is not
part of the API, so it is registered on the Flask app directly and stays out of OpenAPI.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template

from service import __version__
from service.config import Settings

ASSETS_URL = "/assets"
CSP = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

blp = Blueprint(
    "page",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path=ASSETS_URL,
)


@blp.get("/")
def index() -> str:
    settings: Settings = current_app.config["CLAIMSCOPE_SETTINGS"]
    return render_template(
        "page.html",
        key_required=bool(settings.api_keys),
        max_chars=settings.max_chars,
        max_labels=settings.max_labels,
        max_targets=settings.max_targets,
        version=__version__,
    )


@blp.after_request
def _security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response
