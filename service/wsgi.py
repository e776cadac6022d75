"""WSGI entry point for gunicorn: one app per worker (no preload). Under
``service/gunicorn_conf.py`` the first workers load their models in the background
(/readyz answers 503 until they are ready) and later ones before they accept connections.
A load failure exits the worker with gunicorn's boot-error code."""

from service import create_app

app = create_app({"EXIT_ON_LOAD_FAILURE": True})
