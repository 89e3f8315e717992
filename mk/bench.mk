# Benchmarks of one release (the default; `make bench UPSTREAM=1.28.2` for
# another): our coercion against upstream's own functions, and full reruns
# patched against stock. Writes bench/results/latest.md (also into
# bench/README.md and the project README) and cost.png; the figures in
# latest.json and the pyperf files coercion-*.json (not committed).
# Figures, never asserts.
#   make bench-inprocess   just this part of `make bench` (no server)
#   BENCH_QUICK=1 make bench-inprocess bench-kept   a few reruns and one value
#                          a benchmark: every table, no figure worth keeping
BENCH_VENV := .venv/bench
BENCH_PY := $(BENCH_VENV)/bin/python
# Upstream's own coercion functions (1.29 and later) are taken from stock of
# the default release, whichever release is benchmarked: 1.28.2 has none.
FUNCTIONS_RELEASE := $(shell $(PIN) default)
FUNCTIONS_PY := .venv/stock-$(FUNCTIONS_RELEASE)/bin/python

# bench.run, tabulate, pyperf and matplotlib for its plot; no streamlit.
$(BENCH_VENV)/.ready: $(TOOLS_VENV)/.ready bench/requirements.txt
	$(UV_VENV) $$(command -v $(PYTHON)) $(BENCH_VENV)
	$(UV_INSTALL) $(BENCH_PY) -r bench/requirements.txt
	touch $@

bench-venv: $(BENCH_VENV)/.ready

# pyperf and tabulate beside streamlit in a release venv the bench runs in
# (.venv/1.67.0/.bench-tools), at bench/requirements.txt's pins.
.venv/%/.bench-tools: bench/requirements.txt
	$(UV_INSTALL) .venv/$*/bin/python -c bench/requirements.txt pyperf tabulate
	touch $@

ifeq ($(UPSTREAM),$(FUNCTIONS_RELEASE))
bench-functions-venv: stock-venv
else
bench-functions-venv:
	$(MAKE) --no-print-directory stock-venv UPSTREAM=$(FUNCTIONS_RELEASE)
endif

# The newest interpreter the release is tested on reruns the apps too (3.13
# for 1.67.0), in its venvs of the interpreter matrix.
BENCH_ALSO ?= $(filter-out $(DEFAULT_PYTHON),$(lastword $(RELEASE_PYTHONS)))

bench-inprocess: install stock-venv bench-functions-venv bench-venv \
		$(VENV)/.bench-tools .venv/stock-$(FUNCTIONS_RELEASE)/.bench-tools
	for v in $(BENCH_ALSO); do $(MAKE) --no-print-directory \
		.venv/$(UPSTREAM)-py$$v/.installed .venv/stock-$(UPSTREAM)-py$$v/.ready \
		UPSTREAM=$(UPSTREAM) PY=$$v || exit 1; done
	$(BENCH_PY) -m bench.run --patched $(PY) --stock $(STOCK_PY) \
		--upstream $(FUNCTIONS_PY) $(foreach v,$(BENCH_ALSO),\
		--also "$(v)=.venv/stock-$(UPSTREAM)-py$(v)/bin/python,.venv/$(UPSTREAM)-py$(v)/bin/python")

BENCH_TARGETS += bench-inprocess
.PHONY: bench-venv bench-functions-venv bench-inprocess

# Reading kept values (issue 14): the first read of 100,000 records (an app
# that defines no class, one that does) and of 100,000 Enum members, beside a
# C-level type() scan of the same list; whole reruns of the no-class app,
# patched against stock -> bench/results/kept-<release>.md and the project
# README.
#   make bench-kept
# On 3.11 and, where the release is tested on them, 3.12 and 3.13.
KEPT_PYTHONS ?= $(filter-out $(DEFAULT_PYTHON),$(filter 3.12 3.13,$(RELEASE_PYTHONS)))

bench-kept: install stock-venv bench-venv
	for v in $(KEPT_PYTHONS); do $(MAKE) --no-print-directory \
		.venv/$(UPSTREAM)-py$$v/.installed .venv/stock-$(UPSTREAM)-py$$v/.ready \
		UPSTREAM=$(UPSTREAM) PY=$$v || exit 1; done
	$(BENCH_PY) -m bench.kept --side "$(DEFAULT_PYTHON)=$(STOCK_PY),$(PY)" \
		$(foreach v,$(KEPT_PYTHONS),\
		--side "$(v)=.venv/stock-$(UPSTREAM)-py$(v)/bin/python,.venv/$(UPSTREAM)-py$(v)/bin/python")

BENCH_TARGETS += bench-kept
.PHONY: bench-kept

# Instructions per rerun (bench/instructions.py, valgrind's callgrind): the
# kept-records app (issue 14: within 2 % of stock) and the seed app (within
# 3 %; its variant whose output stock 1.28.2 shows too, as make compare's
# table), stock against patched, on the interpreters of bench-kept.
# Deterministic where whole-rerun times move by several percent on a loaded
# machine. BENCH_APPS="--app ..." measures other apps.
#   make bench-instructions [UPSTREAM=1.28.2]
BENCH_APPS ?= --app bench/apps/kept_records.py --app bench/apps/seed_same_output.py
VALGRIND := /usr/bin/valgrind

$(VALGRIND):
	echo "installing valgrind (Debian package) for bench-instructions"
	apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q valgrind

bench-instructions: install stock-venv bench-venv $(VALGRIND)
	for v in $(KEPT_PYTHONS); do $(MAKE) --no-print-directory \
		.venv/$(UPSTREAM)-py$$v/.installed .venv/stock-$(UPSTREAM)-py$$v/.ready \
		UPSTREAM=$(UPSTREAM) PY=$$v || exit 1; done
	$(BENCH_PY) -m bench.instructions --release $(UPSTREAM) $(BENCH_APPS) \
		--side "$(DEFAULT_PYTHON)=$(STOCK_PY),$(PY)" \
		$(foreach v,$(KEPT_PYTHONS),\
		--side "$(v)=.venv/stock-$(UPSTREAM)-py$(v)/bin/python,.venv/$(UPSTREAM)-py$(v)/bin/python")

BENCH_TARGETS += bench-instructions
.PHONY: bench-instructions
