"""WSGI entry point for gunicorn: one app per worker (no preload), models loaded in the
background so that /readyz answers 503 until they are ready."""

from service import create_app

app = create_app({"EXIT_ON_LOAD_FAILURE": True})
