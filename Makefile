# claimscope developer commands. `make run` and `make test` work on a fresh machine.
VENV ?= .venv
PY := $(VENV)/bin/python
SEED := seeds/seed-article.txt
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup setup-test setup-dev run serve test test-fast check openapi bench eval soak clean

# `make run` / `make serve`: no Ray (the bulk extra) in this path.
setup:
	@scripts/setup.sh $(VENV) test

setup-test:
	@scripts/setup.sh $(VENV) test,bulk

setup-dev:
	@scripts/setup.sh $(VENV) dev

run: setup
	@$(VENV)/bin/claimscope extract $(SEED)

serve: setup
	$(VENV)/bin/claimscope serve

test: setup-test
	$(PY) -m pytest -q

test-fast: setup-test
	$(PY) -m pytest -q -m "not slow"

check: setup-dev
	$(VENV)/bin/ruff check service tests tools
	$(VENV)/bin/ruff format --check service tests tools
	$(VENV)/bin/mypy
	$(VENV)/bin/pip-audit --skip-editable --progress-spinner off

openapi: setup
	$(PY) -m service.openapi > openapi.yaml

bench: setup-dev
	$(PY) -m tools.perf.run
	$(PY) -m tools.perf.hostile --out .data/hostile.json

soak: setup
	$(PY) -m tools.load.soak --out .data/soak.json

eval: setup
	$(PY) -m tools.quality.eval_attribution --seed
	@if [ -d .data/polnear ]; then $(PY) -m tools.quality.eval_attribution --polnear .data/polnear --split dev; fi

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info
