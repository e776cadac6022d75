"""Print the OpenAPI document of the app as YAML (``make openapi`` writes openapi.yaml)."""

from __future__ import annotations

import sys

import yaml


def spec_yaml() -> str:
    from service import create_app

    app = create_app({"load_mode": "lazy", "log_json": False, "log_level": "WARNING"})
    with app.app_context():
        spec = app.extensions["flask-smorest"]["apis"][""]["ext_obj"].spec.to_dict()
    return yaml.safe_dump(spec, sort_keys=True, allow_unicode=True)


if __name__ == "__main__":
    sys.stdout.write(spec_yaml())
