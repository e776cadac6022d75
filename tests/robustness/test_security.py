"""Security settings that live in files: the image, compose, the model loaders, make check."""

from __future__ import annotations

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]


def test_image_runs_as_a_non_root_user_with_a_readiness_healthcheck():
    dockerfile = (REPO / "Dockerfile").read_text()
    users = [line.split()[1] for line in dockerfile.splitlines() if line.startswith("USER ")]
    assert users and users[-1] not in ("root", "0")
    assert "HEALTHCHECK" in dockerfile and "/readyz" in dockerfile


def test_compose_is_read_only_non_root_and_drains_before_it_kills():
    services = yaml.safe_load((REPO / "docker-compose.yml").read_text())["services"]
    for name in ("api", "lb"):
        assert services[name]["read_only"] is True, name
        assert str(services[name]["user"]).split(":")[0] not in ("root", "0"), name
        assert "ALL" in services[name]["cap_drop"], name
        assert "no-new-privileges:true" in services[name]["security_opt"], name
    service = services["api"]
    graceful = int(service["environment"]["CLAIMSCOPE_GRACEFUL_TIMEOUT_S"])
    assert int(str(service["stop_grace_period"]).rstrip("s")) > graceful
    assert "/readyz" in " ".join(service["healthcheck"]["test"])


def test_hf_models_load_only_as_safetensors_without_remote_code():
    from service.nlp import registry

    kwargs = registry.hf_load_kwargs()
    assert kwargs["use_safetensors"] is True and kwargs["trust_remote_code"] is False
    assert kwargs["local_files_only"] is True


def test_make_check_runs_pip_audit():
    makefile = (REPO / "Makefile").read_text()
    check = makefile.split("\ncheck:", 1)[1].split("\n\n", 1)[0]
    assert "pip-audit" in check and "mypy" in check and "ruff" in check
