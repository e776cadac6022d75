"""HTTP layer: marshmallow schemas and thin flask-smorest views."""
