"""The newsroom page without a browser: headers, template, assets, key field, contrast."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from service.web import CSP

STATIC = Path(__file__).resolve().parents[2] / "service" / "web" / "static"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        if self.tags and self.tags[-1][0] == "script" and data.strip():
            self.inline_script = True


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def keyed_client():
    from service import create_app

    app = create_app(
        {"api_keys": ("page-test-key",), "load_mode": "lazy", "log_json": False, "warmup": False}
    )
    return app.test_client()


def test_page_is_served_with_a_strict_csp(client):
    response = client.get("/")
    assert response.status_code == 200 and response.mimetype == "text/html"
    csp = response.headers["Content-Security-Policy"]
    assert csp == CSP
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    for name in ("script-src", "style-src", "connect-src"):
        assert directives[name] == "'self'", name
    assert "unsafe" not in csp and "*" not in csp and "http" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_page_has_no_inline_code_and_loads_only_its_own_assets(client):
    page = _parse(client.get("/").get_data(as_text=True))
    assert not page.inline_script
    assert not any(tag == "style" for tag, _ in page.tags)
    assert not any(
        "style" in attrs or any(k.startswith("on") for k in attrs) for _, attrs in page.tags
    )
    scripts = [a["src"] for t, a in page.tags if t == "script"]
    sheets = [a["href"] for t, a in page.tags if t == "link" and a.get("rel") == "stylesheet"]
    assert len(scripts) == 1 and len(sheets) == 1
    for url in scripts + sheets:
        assert url.startswith("/assets/"), url
        asset = client.get(url)
        assert asset.status_code == 200 and asset.headers["Content-Security-Policy"] == CSP


def test_key_field_only_when_the_service_requires_a_key(client, keyed_client):
    ids = {a.get("id") for _, a in _parse(client.get("/").get_data(as_text=True)).tags}
    assert "text" in ids and "file" in ids and "labels" in ids and "targets" in ids
    assert "api-key" not in ids
    keyed = keyed_client.get("/")
    assert keyed.status_code == 200  # the page and its assets need no key ...
    assert "api-key" in {a.get("id") for _, a in _parse(keyed.get_data(as_text=True)).tags}
    assert keyed_client.get("/assets/page.js").status_code == 200
    assert keyed_client.post("/extract", json={"text": "x"}).status_code == 401  # ... the API does
    assert keyed_client.post("/assets/../extract", json={"text": "x"}).status_code in (
        401,
        404,
        405,
    )


def test_csp_stays_off_the_api_and_the_swagger_page(client):
    assert "Content-Security-Policy" not in client.get("/livez").headers
    docs = client.get("/docs")
    assert docs.status_code == 200 and "Content-Security-Policy" not in docs.headers


def test_page_is_not_in_the_openapi_document(client):
    paths = client.get("/openapi.json").get_json()["paths"]
    assert "/" not in paths and not any(p.startswith("/assets") for p in paths)


def test_missing_asset_is_a_404(client):
    assert client.get("/assets/nothing.js").status_code == 404


# ---- contrast: WCAG 2 relative luminance over the colours page.css defines -------------------
def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.fixture(scope="module")
def colours() -> dict[str, str]:
    css = (STATIC / "page.css").read_text(encoding="utf-8")
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", css))


def test_text_and_highlight_contrast(colours):
    ink, paper, hint = colours["ink"], colours["paper"], colours["hint"]
    speakers = sorted(k for k in colours if re.fullmatch(r"sp(\d|n)", k))
    assert len(speakers) == 9  # eight speaker colours and the no-speaker grey
    assert contrast(ink, paper) >= 4.5 and contrast(hint, paper) >= 4.5
    assert contrast(colours["rule"], paper) >= 3  # field borders
    for sp in speakers:
        col, tint = colours[sp], colours[sp + "-tint"]
        assert contrast(ink, tint) >= 4.5, sp  # claim text on its tint
        assert contrast(hint, tint) >= 4.5, sp  # a speaker's role on the pressed button
        assert contrast(paper, col) >= 4.5, sp  # badge text, and button text on sp0
        assert contrast(col, paper) >= 3, sp  # the underline against the page ...
        assert contrast(col, tint) >= 3, sp  # ... and against its own tint
        assert contrast(ink, tint) >= 3, sp  # the focus ring on a highlight
