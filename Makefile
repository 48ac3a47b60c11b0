# Clapboard: `make demo` to try it, `make test` to check it. `make help` lists the rest.
#
# `make setup` is cheap when nothing changed: the Python and npm installs are keyed on
# the hashes of their lock files (stamp files under .venv/ and node_modules/), static
# files are collected again only when a source file changed, and migrate is a no-op
# when the database is current.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
VAR_DIR := $(or $(CLAPBOARD_VAR_DIR),var)

lock_hash = $(shell cat $(1) | sha256sum | cut -c1-16)
PY_STAMP := $(VENV)/.installed-$(call lock_hash,requirements.lock pyproject.toml)
NODE_STAMP := node_modules/.installed-$(call lock_hash,package-lock.json)
STATIC_MANIFEST := $(VAR_DIR)/static/staticfiles.json
STATIC_SOURCES := $(shell find src -path '*/static/*' -type f 2>/dev/null)
MO_FILES := $(patsubst %.po,%.mo,$(shell find src -path '*/LC_MESSAGES/*.po' 2>/dev/null))

.PHONY: help setup demo serve worker test lint schema lock clean

help:
	@echo "make setup   install Python and npm packages from the lock files, collect static files, migrate"
	@echo "make demo    setup, load the demo data, print the logins and serve on http://127.0.0.1:8000"
	@echo "make test    setup, lint, then the test suite on SQLite, PostgreSQL (if reachable) and in chromium (if installed)"
	@echo "make lint    ruff, ruff format --check, mypy, and a check for missing migrations"
	@echo "make serve   serve without loading the demo; make worker runs the background job worker"
	@echo "make schema  write the OpenAPI schema file that tests/test_openapi.py compares with"
	@echo "make lock    regenerate requirements.lock (needs uv) and package-lock.json"
	@echo "make clean   remove .venv, node_modules, collected static files and caches (keeps the database)"

setup: $(PY_STAMP) $(NODE_STAMP) $(STATIC_MANIFEST) $(MO_FILES)
	@$(PY) manage.py migrate --noinput --verbosity 0

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Clapboard needs Python 3.11 or newer; $(PYTHON) is $$($(PYTHON) --version 2>&1)." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

# -qq: the mirrors in this machine's pip configuration warn once per package; errors still show.
# Keyed on the lock file's hash only (order-only prerequisite), so a fresh checkout whose
# files all look new does not reinstall anything that is already there.
$(PY_STAMP): | $(PY)
	rm -f $(VENV)/.installed-*
	$(BIN)/pip install --quiet --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(NODE_STAMP):
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(STATIC_MANIFEST): $(PY_STAMP) $(NODE_STAMP) $(STATIC_SOURCES)
	$(PY) manage.py collectstatic --noinput --verbosity 0
	touch $@

# Translations: compile each catalogue whose .po is newer than its .mo (msgfmt is in
# Debian's gettext package; without it, an existing .mo is kept as it is).
%.mo: %.po
	@if command -v msgfmt >/dev/null; then \
		echo "msgfmt $<"; msgfmt --check-format --output-file=$@ $<; \
	elif [ -f $@ ]; then echo "msgfmt not found (apt-get install gettext); keeping $@"; \
	else echo "msgfmt is needed to compile $< (Debian: apt-get install gettext)" >&2; exit 1; fi

demo: setup
	$(BIN)/clapboard demo

serve: setup
	$(BIN)/clapboard serve

worker: setup
	$(BIN)/clapboard worker

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(PY) manage.py makemigrations --check --dry-run

test: lint
	@.ci/test-suites

schema: setup
	$(PY) manage.py export_openapi --output docs/openapi.json

lock:
	@command -v uv >/dev/null || { echo "make lock needs uv: pip install uv (or pipx install uv)." >&2; exit 1; }
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock
	npm install --package-lock-only --no-audit --no-fund

clean:
	rm -rf $(VENV) node_modules $(VAR_DIR)/static .pytest_cache .ruff_cache .mypy_cache src/*.egg-info
	find src tests -name __pycache__ -type d -prune -exec rm -rf {} +
