# syntax=docker/dockerfile:1
# The screener: offline at run time, model installed at build time, non-root.
#   docker build -t screener .
#   docker run --rm -p 8000:8000 -v "$PWD/keys.yaml:/etc/screener/keys.yaml:ro" \
#     -e SCREENER_KEYS_FILE=/etc/screener/keys.yaml -v screener-data:/srv/screener/var screener
# It binds 0.0.0.0, so it refuses to start without API keys (SCREENER_KEYS_FILE) unless
# SCREENER_ALLOW_UNAUTHENTICATED=true says so (README: Docker).
#   docker run ... --read-only --tmpfs /tmp screener   # read-only root filesystem (README)

FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/venv
COPY requirements/runtime.lock /tmp/runtime.lock
# Every package, the spaCy model included, is pinned by hash.
RUN /opt/venv/bin/pip install --require-hashes -r /tmp/runtime.lock

FROM python:3.11-slim
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    SCREENER_HOST=0.0.0.0 \
    SCREENER_PORT=8000 \
    # belt and braces: tldextract never downloads the suffix list, even if a
    # future Presidio calls it outside our adapter
    TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS="" \
    # Nothing is written at run time; whatever a library might write goes to /tmp, so
    # the root filesystem can be read-only: docker run --read-only --tmpfs /tmp
    HOME=/tmp \
    TMPDIR=/tmp \
    XDG_CACHE_HOME=/tmp/.cache \
    TLDEXTRACT_CACHE=/tmp/.cache/tldextract
RUN groupadd --system screener && useradd --system --gid screener --no-create-home screener
COPY --from=build /opt/venv /opt/venv
WORKDIR /srv/screener
COPY app ./app
COPY models ./models
COPY rules ./rules
# SCREENER_DATA_DIR (client rosters, the SQLite audit log and its secret): the one place
# the service may write, owner-only; mount a volume
RUN mkdir -m 0700 var && chown screener:screener var
USER screener
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f\"http://127.0.0.1:{os.environ.get('SCREENER_PORT', '8000')}/healthz\", timeout=2)"]
CMD ["python", "-m", "app.cli", "serve"]
