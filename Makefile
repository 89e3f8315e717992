# The patched Streamlit wheel: build, install, test, run.
#   make run    build, install into .venv and serve the demo app (examples/)
#   make test   build, install, lint, and pass every test (patched and stock)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
STOCK_VENV := .venv-stock
PY := $(VENV)/bin/python
STOCK_PY := $(STOCK_VENV)/bin/python
PIP_QUIET ?= -q
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' upstream.toml)+$(shell sed -n 's/^local_version = "\(.*\)"/\1/p' upstream.toml)
UPSTREAM := .cache/upstream/$(shell sed -n 's/^filename = "\(.*\)"/\1/p' upstream.toml)
WHEEL := dist/streamlit-$(VERSION)-py2.py3-none-any.whl
SOURCES := $(shell find lib/streamlit wheelbuild -name '*.py') $(wildcard patches/*) upstream.toml
PORT ?= 8501
# Filled in by the mk/*.mk fragments (one per part of the project):
TEST_PREREQS :=   # extra prerequisites of the patched test run (e.g. a browser)
BENCH_TARGETS :=  # what `make bench` runs
E2E_TARGETS :=    # what `make e2e` runs
-include mk/*.mk
.PHONY: all venv wheel install stock-venv lint test test-patched test-stock run bench e2e clean

all: test

$(VENV)/.ready: requirements/dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install $(PIP_QUIET) --upgrade "pip>=23"
	$(PY) -m pip install $(PIP_QUIET) -r requirements/dev.txt
	touch $@

venv: $(VENV)/.ready

$(WHEEL): $(VENV)/.ready $(SOURCES)
	$(PY) -m wheelbuild --dist dist

wheel: $(WHEEL)

$(VENV)/.installed: $(WHEEL)
	$(PY) -m pip install $(PIP_QUIET) $(WHEEL) -r requirements/dev.txt
	$(PY) -m pip install $(PIP_QUIET) --force-reinstall --no-deps $(WHEEL)
	touch $@

install: $(VENV)/.installed

# Stock, unpatched 1.28.2 (the same pinned file), for the stock run of the
# behaviour suite. pyarrow is held as in the patched wheel's metadata.
$(STOCK_VENV)/.ready: $(WHEEL) requirements/dev.txt
	$(PYTHON) -m venv $(STOCK_VENV)
	$(STOCK_PY) -m pip install $(PIP_QUIET) --upgrade "pip>=23"
	$(STOCK_PY) -m pip install $(PIP_QUIET) $(UPSTREAM) "pyarrow>=6.0,<26" -r requirements/dev.txt
	touch $@

stock-venv: $(STOCK_VENV)/.ready

lint: $(VENV)/.ready
	$(PY) -m ruff check .
	$(PY) -m ruff format --check lib wheelbuild

# The patched wheel must pass everything in lib/tests.
test-patched: install $(TEST_PREREQS)
	$(PY) -m pytest lib/tests

# Stock 1.28.2 must fail every coercion case and pass the rest of the
# behaviour suite (lib/tests/conftest.py turns --stock into strict xfails).
test-stock: stock-venv
	$(STOCK_PY) -m pytest lib/tests/behaviour --stock

test: lint test-patched test-stock

bench: $(BENCH_TARGETS)

e2e: $(E2E_TARGETS)

run: install
	cd examples && ../$(PY) -m streamlit run seed_app.py --server.port $(PORT) --server.headless true

clean:
	rm -rf dist $(VENV) $(STOCK_VENV) .cache
