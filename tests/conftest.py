import pytest


@pytest.fixture(scope="session")
def pipeline():
    """One loaded claim pipeline for the whole test session (loading spaCy is slow)."""
    from service.config import Settings
    from service.nlp.registry import load_models
    from service.pipeline import ClaimPipeline

    settings = Settings(load_embedder=False)
    return ClaimPipeline(load_models(settings), settings)


# ---- HTTP API, CLI and packaging fixtures -------------------------------------------------
import json as _json  # noqa: E402
from pathlib import Path as _Path  # noqa: E402

import pytest as _pytest  # noqa: E402

REPO_ROOT = _Path(__file__).resolve().parents[1]
PROBLEM_MIME = "application/problem+json"


def seed_article_path() -> _Path:
    """seeds/seed-article.txt: shipped in the repo, so a missing file fails the test."""
    path = REPO_ROOT / "seeds" / "seed-article.txt"
    assert path.is_file(), f"{path} is missing"
    return path


@_pytest.fixture(scope="session")
def seed_path() -> _Path:
    return seed_article_path()


@_pytest.fixture(scope="session")
def seed_text(seed_path: _Path) -> str:
    return seed_path.read_text(encoding="utf-8")


@_pytest.fixture(scope="session")
def app():
    """One app per test session; models load once per process (lru_cache in extension)."""
    from service import create_app

    return create_app({"load_mode": "eager", "log_json": False, "log_level": "WARNING"})


@_pytest.fixture()
def client(app):
    return app.test_client()


@_pytest.fixture(scope="session")
def assert_problem():
    """Check an RFC 9457 problem response and return its body."""

    def check(response, status: int, *, errors: bool = False) -> dict:
        body_text = response.get_data(as_text=True)
        assert response.status_code == status, body_text
        assert response.mimetype == PROBLEM_MIME, response.mimetype
        body = _json.loads(body_text)
        for key in ("type", "title", "status", "detail"):
            assert key in body, f"problem lacks {key!r}: {body}"
        assert body["status"] == status
        assert body["type"].startswith("https://")
        assert isinstance(body["detail"], str) and body["detail"].strip()
        if errors:
            assert isinstance(body.get("errors"), dict) and body["errors"], body
        return body

    return check
