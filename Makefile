# The patched Streamlit wheels: build, install, test, run.
#   make run    build the newest release's wheel, install it into .venv/<release>,
#               and serve the demo app (examples/)
#   make test   build, install, lint, and pass every suite on the anchor
#               releases (patched and stock), the full suite on a spread of
#               the other pinned releases, the smoke part on the other
#               interpreters
# One release at a time: `make wheel UPSTREAM=1.28.2`, `make test-release
# UPSTREAM=1.28.2`, `make test-full UPSTREAM=1.66.1`; every pinned release's
# full suite: `make test-releases` (RELEASES=... picks some). upstream.toml
# lists the releases, names the default and the anchors, and the interpreters
# each is tested on (`PYTHONS=3.12` narrows them).
SHELL := /bin/bash
PYTHON ?= python3
PIP_FLAGS ?= -q
.DEFAULT_GOAL := all
PIN = $(PYTHON) -m wheelbuild --print
# The pin file's facts (upstream.toml), and those of UPSTREAM where it is
# pinned (`make refresh UPSTREAM=X` names a release upstream.toml does not
# pin yet), computed once: `--print make-vars` writes them all as simple
# assignments to .cache/pins/<release>.mk, made again when what they are
# read from changes (make reads it back in).
PINS_MK := .cache/pins/$(or $(UPSTREAM),default).mk
$(PINS_MK): upstream.toml patches/series wheelbuild/build.py wheelbuild/__main__.py
	@mkdir -p $(@D)
	@$(PIN) make-vars $(if $(UPSTREAM),--release $(UPSTREAM)) > $@.tmp \
		&& mv $@.tmp $@ || { rm -f $@.tmp; exit 1; }
include $(PINS_MK)
UPSTREAM ?= $(DEFAULT_RELEASE)
RELEASES ?= $(PINNED_RELEASES)
PINNED := $(filter $(UPSTREAM),$(PINNED_RELEASES))
WHEEL := dist/$(WHEEL_NAME)
UPSTREAM_WHEEL := .cache/upstream/$(UPSTREAM_WHEEL_NAME)
# The requirement fixes, as pip arguments (quoted: `pyarrow>=7.0,<26`).
REQUIRE_ARGS := $(foreach r,$(REQUIRES),'$(r)')
# (Once the facts are read: make reads its makefiles again after making one.)
ifneq ($(wildcard $(PINS_MK)),)
ifeq ($(PINNED),)
ifneq ($(filter-out refresh,$(or $(MAKECMDGOALS),all)),)
$(error upstream.toml pins no release '$(UPSTREAM)' (it pins $(PINNED_RELEASES)); `make refresh UPSTREAM=$(UPSTREAM)` says whether our patches apply to it)
endif
endif
endif
# A venv per release, patched and stock: .venv/1.67.0, .venv/stock-1.67.0, ...
VENV := .venv/$(UPSTREAM)
STOCK_VENV := .venv/stock-$(UPSTREAM)
PY := $(VENV)/bin/python
STOCK_PY := $(STOCK_VENV)/bin/python
TOOLS_VENV := .venv/tools
# uv (in .venv/tools) makes and fills the test venvs: pip's resolution in a
# few seconds where pip takes most of a minute per venv, from one cache
# hard-linked into each venv; --seed keeps pip in each venv, and the
# bytecode is compiled at install (this machine sets PYTHONDONTWRITEBYTECODE,
# so an uncompiled venv compiles streamlit and pandas on every test import).
# `make test-install` installs with pip itself, as a user does.
UV := $(TOOLS_VENV)/bin/uv
export UV_CACHE_DIR := $(CURDIR)/.cache/uv
export UV_PYTHON_DOWNLOADS := never
UV_VENV = $(UV) venv -q --clear --seed --python
UV_INSTALL = $(UV) pip install -q --compile-bytecode --python
SOURCES := $(shell find lib/streamlit wheelbuild -name '*.py' -not -path '*/tests/*') \
	$(wildcard patches/*/*.patch) patches/series upstream.toml
PORT ?= 8501
# Interpreters: the default one ($(PYTHON)) runs every suite; each other
# interpreter of the machine that the release is tested on (upstream.toml)
# runs the smoke part of the patched wheel (make test-pythons): the unit
# tests of what differs between interpreters and of the release's internals,
# and the behaviour cases marked smoke, in .venv/<release>-py<X.Y>; every
# unit and behaviour case, and the stock check in
# .venv/stock-<release>-py<X.Y>: make test-pythons-full.
DEFAULT_PYTHON := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])')
PYTHONS ?= $(RELEASE_PYTHONS)
OTHER_PYTHONS := $(filter-out $(DEFAULT_PYTHON),$(filter $(PYTHONS),$(RELEASE_PYTHONS)))
# Property tests search less on the other interpreters and the releases
# beyond the anchors (lib/tests/unit/conftest.py): they test our own walk,
# which is the same code on every release; the anchors' full runs search the most.
OTHER_HYPOTHESIS ?= interpreters
RELEASE_HYPOTHESIS := $(if $(filter $(UPSTREAM),$(ANCHORS)),ci,$(OTHER_HYPOTHESIS))
# Parallel test workers (pytest-xdist): AppTest mostly waits, so more workers
# than cores. The end-to-end tests (real servers, a browser) run one by one.
XDIST ?= -n 6
PARALLEL_TESTS := lib/tests/behaviour lib/tests/unit lib/tests/cli wheelbuild/tests \
	frontend-stub/tests
SERIAL_TESTS := lib/tests/e2e proto/test_check_wire.py
# The full suite of a release beyond the anchors (make test-full, make
# test-releases, and make test's spread): every unit, behaviour, CLI and
# stub case, and the behaviour suite against stock; the anchors run the
# end-to-end tests too. The smoke part (tests marked smoke) of the same:
# what every other interpreter of every release runs.
FULL_TESTS := lib/tests/behaviour lib/tests/cli lib/tests/unit frontend-stub/tests
SMOKE_TESTS := lib/tests/behaviour lib/tests/cli lib/tests/unit
# Filled in by the mk/*.mk fragments (one per part of the project):
TEST_PREREQS :=   # extra prerequisites of the patched test run (e.g. a browser)
BENCH_TARGETS :=  # what `make bench` runs
E2E_TARGETS :=    # what `make e2e` runs
-include mk/*.mk
.PHONY: all venv wheel wheels install stock-venv lint test test-release \
	test-install test-patched test-stock test-pythons test-python \
	test-pythons-full test-python-full test-smoke test-smoke-patched \
	test-smoke-stock test-full test-full-patched test-releases \
	test-releases-pythons run bench e2e docs \
	fuzz clean

all: test

# The patched wheel and the tools the tests use, in the release's venv.
$(VENV)/.ready: $(TOOLS_VENV)/.ready requirements/dev.txt requirements/test.txt
	$(UV_VENV) $$(command -v $(PYTHON)) $(VENV)
	$(UV_INSTALL) $(PY) -r requirements/dev.txt
	touch $@

venv: $(VENV)/.ready

# The build needs only `wheel`; ruff lints once for every release; uv makes
# the venvs.
$(TOOLS_VENV)/.ready: requirements/tools.txt
	$(PYTHON) -m venv $(TOOLS_VENV)
	$(TOOLS_VENV)/bin/python -m pip install $(PIP_FLAGS) -r requirements/tools.txt
	touch $@

$(WHEEL): $(TOOLS_VENV)/.ready $(SOURCES)
	$(TOOLS_VENV)/bin/python -m wheelbuild --release $(UPSTREAM) --dist dist

wheel: $(WHEEL)

wheels:
	for r in $(RELEASES); do $(MAKE) --no-print-directory wheel UPSTREAM=$$r || exit 1; done

$(VENV)/.installed: $(WHEEL) $(VENV)/.ready
	$(UV_INSTALL) $(PY) --reinstall-package streamlit $(WHEEL) -r requirements/dev.txt
	touch $@

install: $(VENV)/.installed

# Stock, unpatched upstream (the same pinned file), for the stock run of the
# behaviour suite, held to the patched wheel's requirement fixes.
$(STOCK_VENV)/.ready: $(WHEEL) requirements/dev.txt requirements/test.txt
	$(UV_VENV) $$(command -v $(PYTHON)) $(STOCK_VENV)
	$(UV_INSTALL) $(STOCK_PY) $(UPSTREAM_WHEEL) $(REQUIRE_ARGS) -r requirements/dev.txt
	touch $@

stock-venv: $(STOCK_VENV)/.ready

lint: $(TOOLS_VENV)/.ready
	$(TOOLS_VENV)/bin/python -m ruff check .
	$(TOOLS_VENV)/bin/python -m ruff format --check lib wheelbuild tools bench proto \
		frontend-stub conftest.py
	$(TOOLS_VENV)/bin/python -m tools.generate --check

# The generated sections of docs/ (tools/generate.py), from what the
# repository holds: the patch table (docs/patches.md), the releases table
# (docs/releases.md), the bench headlines (docs/benchmarks.md).
docs: $(TOOLS_VENV)/.ready
	$(TOOLS_VENV)/bin/python -m tools.generate

# The patched wheel must pass everything in lib/tests.
test-patched: install $(TEST_PREREQS)
	$(PY) -m pytest $(XDIST) $(PARALLEL_TESTS)
	$(PY) -m pytest $(SERIAL_TESTS)

# Stock upstream must fail every coercion case it lacks and pass the rest of
# the behaviour suite (lib/tests/conftest.py turns --stock into strict xfails;
# a case stock already has, `coercion(stock_since=...)`, must pass).
test-stock: stock-venv
	$(STOCK_PY) -m pytest $(XDIST) lib/tests/behaviour --stock

# The wheel alone in an empty venv: its metadata must give a set that imports
# and runs, and it names its version.
test-install: $(WHEEL)
	rm -rf .cache/empty-venv
	$(PYTHON) -m venv .cache/empty-venv
	.cache/empty-venv/bin/python -m pip install $(PIP_FLAGS) $(WHEEL)
	.cache/empty-venv/bin/python -c "import streamlit, streamlit.class_identity.widget_values, pyarrow, pandas; print('imports ok')"
	.cache/empty-venv/bin/streamlit version | tee -a /dev/stderr | grep -q "version $(VERSION)$$"
	# `pip install .` builds the default release's wheel (PEP 517 backend).
	if [ "$(UPSTREAM)" = "$(DEFAULT_RELEASE)" ]; then \
		.cache/empty-venv/bin/python -m pip uninstall $(PIP_FLAGS) -y streamlit && \
		.cache/empty-venv/bin/python -m pip install $(PIP_FLAGS) --no-deps . && \
		.cache/empty-venv/bin/streamlit version | grep -q "version $(VERSION)$$"; \
	fi

# The release's other interpreters, one after the other (PY=X.Y each): the
# smoke part, or every unit and behaviour case and the stock check on those
# upstream.toml names `full` (the anchors', where CI's time allows)
# (test-pythons); every case on each of them (test-pythons-full).
test-pythons:
	for v in $(OTHER_PYTHONS); do \
		target=test-python; \
		case " $(FULL_PYTHONS) " in *" $$v "*) target=test-python-full;; esac; \
		$(MAKE) --no-print-directory $$target UPSTREAM=$(UPSTREAM) PY=$$v || exit 1; \
	done

test-pythons-full:
	for v in $(OTHER_PYTHONS); do \
		$(MAKE) --no-print-directory test-python-full UPSTREAM=$(UPSTREAM) PY=$$v \
			|| exit 1; \
	done

# One other interpreter: PY=3.12. Its venvs are made from the same wheels.
XVENV = .venv/$(UPSTREAM)-py$(PY)
XSTOCK_VENV = .venv/stock-$(UPSTREAM)-py$(PY)
INTERPRETER = $$($(PIN) interpreter --python $(PY))

.venv/$(UPSTREAM)-py%/.installed: $(WHEEL) requirements/test.txt
	interpreter=$(INTERPRETER) && $(UV_VENV) $$interpreter $(@D)
	$(UV_INSTALL) $(@D)/bin/python --reinstall-package streamlit $(WHEEL) \
		-r requirements/test.txt
	touch $@

.venv/stock-$(UPSTREAM)-py%/.ready: $(WHEEL) requirements/test.txt
	interpreter=$(INTERPRETER) && $(UV_VENV) $$interpreter $(@D)
	$(UV_INSTALL) $(@D)/bin/python $(UPSTREAM_WHEEL) $(REQUIRE_ARGS) \
		-r requirements/test.txt
	touch $@

test-python: $(XVENV)/.installed
	@test -n "$(PY)" || { echo "PY=X.Y is required" >&2; exit 2; }
	HYPOTHESIS_PROFILE=$(OTHER_HYPOTHESIS) $(XVENV)/bin/python -m pytest $(XDIST) \
		-m smoke lib/tests/unit lib/tests/behaviour

test-python-full: $(XVENV)/.installed $(XSTOCK_VENV)/.ready
	@test -n "$(PY)" || { echo "PY=X.Y is required" >&2; exit 2; }
	HYPOTHESIS_PROFILE=$(OTHER_HYPOTHESIS) $(XVENV)/bin/python -m pytest $(XDIST) \
		lib/tests/unit lib/tests/behaviour
	$(XSTOCK_VENV)/bin/python -m pytest $(XDIST) lib/tests/behaviour --stock

# Everything for one release: every suite on the default interpreter, the
# unit and behaviour suites and the stock check on the others.
test-release: test-install test-patched test-stock test-pythons

# A release beyond the anchors: its wheel builds and installs, and the full
# suite passes on it and, against stock of the release, fails where stock
# lacks the case (strict xfail) and passes where stock has it.
test-full: test-full-patched test-stock

test-full-patched: install
	HYPOTHESIS_PROFILE=$(RELEASE_HYPOTHESIS) $(PY) -m pytest $(XDIST) $(FULL_TESTS)

# The smoke part alone, patched and stock.
test-smoke: test-smoke-patched test-smoke-stock

test-smoke-patched: install
	HYPOTHESIS_PROFILE=$(RELEASE_HYPOTHESIS) $(PY) -m pytest $(XDIST) -m smoke $(SMOKE_TESTS)

test-smoke-stock: stock-venv
	$(STOCK_PY) -m pytest $(XDIST) -m smoke lib/tests/behaviour --stock

# Every release line, the anchors too (the newest pinned release of each
# minor line, and upstream.toml's unpinned_lines; RELEASES=... picks): the
# full suite where it is pinned (test-full-patched, test-stock), where its
# patches stand where not; the table in bench/results/releases.md and
# docs/releases.md.
test-releases: $(TOOLS_VENV)/.ready
	$(TOOLS_VENV)/bin/python -m wheelbuild.releases \
		$(if $(filter command line environment,$(origin RELEASES)),$(RELEASES),$(LINES))

# The smoke part on the other interpreters of every pinned release
# (RELEASES=... picks), each in .venv/<release>-py<X.Y>: about 35 seconds a
# pair (the 138 pairs beyond the anchors: 72 minutes, 2026-12-03); the
# releases where one fails are named at the end.
test-releases-pythons:
	failed=; for r in $(RELEASES); do \
		$(MAKE) --no-print-directory test-pythons UPSTREAM=$$r || failed="$$failed $$r"; \
	done; test -z "$$failed" || { echo "the smoke part failed on another interpreter of:$$failed" >&2; exit 1; }

test: lint
	for r in $(ANCHORS); do $(MAKE) --no-print-directory test-release UPSTREAM=$$r || exit 1; done
	for r in $(SPREAD); do $(MAKE) --no-print-directory test-full UPSTREAM=$$r || exit 1; done

bench: $(BENCH_TARGETS)

# The property tests with a far larger search than CI's 2,000 examples each.
fuzz: install
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest lib/tests/unit/test_coercion_properties.py

e2e: $(E2E_TARGETS)

run: install
	cd examples && ../$(PY) -m streamlit run seed_app.py --server.port $(PORT) --server.headless true

clean:
	rm -rf dist .venv .cache
