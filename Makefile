# One task runner for people and CI. `make run` and `make test` install what they need.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
HOST   ?= 127.0.0.1

.PHONY: install install-dev system-deps bench-deps run test lint audit fmt eval train-reader bench lock docker extension clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

# Stamps re-run an install only when the lock or the project changes.
$(VENV)/.runtime: $(BIN)/python requirements/runtime.lock pyproject.toml
	$(BIN)/pip install --quiet --require-hashes -r requirements/runtime.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements/dev.lock
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.lock
	touch $@

# The browser tests drive Debian's Chromium (never a downloaded browser) and inject
# axe-core from npm; the audit-log tests start a throwaway PostgreSQL server from
# Debian's binaries. All are system packages: installed here when missing and this is a
# root shell with apt-get (as in CI); elsewhere a note says what to install, and those
# tests skip, saying why.
system-deps:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	command -v node >/dev/null || missing="$$missing nodejs"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing$$missing (Debian packages) for the browser and PostgreSQL tests"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
	  echo "note: some tests need$$missing: apt-get install$$missing"; \
	fi

# axe-core for the browser tests' accessibility check, pinned by tests/web/package-lock.json
WEB_DEPS := tests/web/node_modules/.installed
$(WEB_DEPS): tests/web/package.json tests/web/package-lock.json | system-deps
	@if command -v npm >/dev/null; then \
	  npm ci --prefix tests/web --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "note: no npm, so no axe-core: the accessibility test cannot run"; fi

install: $(VENV)/.runtime          ## runtime dependencies and the spaCy model
install-dev: $(VENV)/.dev $(WEB_DEPS)  ## plus test, lint and benchmark tools

run: install                       ## serve on http://$(HOST):$(PORT)
	$(BIN)/screener serve --host $(HOST) --port $(PORT)

test: install-dev lint audit       ## lint, audit, the accuracy floor, and the whole test suite
	$(BIN)/screener eval tests/corpus --floor tests/corpus/floor.yaml
	@if command -v node >/dev/null; then node --test extension/test/*.test.js; \
	else echo "note: no node, so no extension unit tests: apt-get install nodejs"; fi
	$(BIN)/python -m pytest -n auto

lint: install-dev
	$(BIN)/ruff check app tests bench
	$(BIN)/ruff format --check app tests bench
	$(BIN)/mypy

# pip-audit asks PyPI's JSON API about every pinned package. --strict fails when one could
# not be asked: a mirror without that API, or no network, must not read as "no known
# vulnerabilities". Found vulnerabilities fail; an audit that could not run says so loudly
# and fails only with AUDIT_REQUIRED=1 (set it where PyPI itself is reachable).
audit: install-dev                 ## known vulnerabilities in the pinned dependencies
	@out=$$($(BIN)/pip-audit --strict --require-hashes --disable-pip --progress-spinner off \
	    -r requirements/runtime.lock -r requirements/dev.lock 2>&1); rc=$$?; \
	if [ $$rc = 0 ]; then echo "pip-audit: no known vulnerabilities"; exit 0; fi; \
	if echo "$$out" | grep -q "known vulnerabilit"; then echo "$$out"; exit 1; fi; \
	echo "$$out" | grep -m 3 -E "could not be audited|Error|error" ; \
	echo "pip-audit: NOT AUDITED: PyPI's vulnerability data could not be reached from here"; \
	[ "$(AUDIT_REQUIRED)" != 1 ]

fmt: install-dev
	$(BIN)/ruff format app tests bench
	$(BIN)/ruff check --fix app tests bench

eval: install                      ## precision/recall per category on the labelled corpus
	$(BIN)/screener eval tests/corpus

train-reader: install-dev          ## fit the second reader on tests/corpus; prints its threshold table
	$(BIN)/screener train-reader tests/corpus

# The load lines of `make bench` drive the server with Debian's `hey` (loopback only):
# installed as system-deps installs its packages, or a note says how.
bench-deps:
	@if command -v hey >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing hey (Debian package) for the benchmark's load lines"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hey >/dev/null; \
	else \
	  echo "note: the load lines need hey: apt-get install hey"; \
	fi

bench: install-dev bench-deps      ## throughput and latency figures (not a test)
	$(BIN)/python bench/run.py

lock:                              ## re-pin requirements/*.lock from pyproject.toml (needs uv)
	uv pip compile pyproject.toml --universal --generate-hashes --python-version 3.11 -o requirements/runtime.lock
	uv pip compile pyproject.toml --extra dev --universal --generate-hashes --python-version 3.11 -o requirements/dev.lock

docker:
	docker build -t screener .

# The browser extension as a zip, for Chrome's "Load unpacked" (unzipped) or a store upload.
# Plain files, no build step: the zip is extension/ without its tests.
DIST ?= dist
EXT_VERSION = $(shell sed -n 's/^ *"version": "\(.*\)",/\1/p' extension/manifest.json)
EXT_FILES = manifest.json background.js lib content ui icons
extension:                         ## the browser extension: $(DIST)/screener-extension-<version>.zip
	@mkdir -p $(DIST)
	rm -f $(DIST)/screener-extension-$(EXT_VERSION).zip
	cd extension && $(PYTHON) -m zipfile -c $(abspath $(DIST))/screener-extension-$(EXT_VERSION).zip $(EXT_FILES)
	@echo "built $(DIST)/screener-extension-$(EXT_VERSION).zip"

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
