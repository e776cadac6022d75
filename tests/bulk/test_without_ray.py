"""The base install does not need Ray: only ``claimscope bulk`` does, and without the
``bulk`` extra it says so and exits 2."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

NO_RAY = """
import sys
sys.modules["ray"] = None  # as if Ray were not installed: `import ray` raises ImportError
import service.app, service.bulk, service.cli, service.rows
from service.cli import main
loaded = [name for name, module in sys.modules.items() if module is not None]
assert not any(name == "ray" or name.startswith("ray.") for name in loaded)
sys.exit(main(["bulk", sys.argv[1], "-o", sys.argv[2], "--no-progress"]))
"""


def test_everything_but_bulk_imports_without_ray_and_bulk_says_what_to_install(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"text": "The clerk said so."}\n')
    result = subprocess.run(
        [sys.executable, "-c", NO_RAY, str(source), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "claimscope[bulk]" in result.stderr
    assert not (tmp_path / "out").exists()


def test_ray_is_an_extra_that_make_test_installs_and_make_run_does_not():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    extras = project["optional-dependencies"]
    assert not any(dep.startswith("ray") for dep in project["dependencies"])
    assert any(dep.startswith("ray[data]") for dep in extras["bulk"])
    assert not any("ray" in dep or "bulk" in dep for dep in extras["test"])
    makefile = (ROOT / "Makefile").read_text("utf-8")
    recipe = dict(re.findall(r"^([\w-]+):[^\n]*\n\t(?:@)?([^\n]*)", makefile, re.M))
    assert re.search(r"^run: setup$", makefile, re.M)
    assert recipe["setup"].endswith(" test")
    assert re.search(r"^test: setup-test$", makefile, re.M)
    assert recipe["setup-test"].endswith(" test,bulk")
