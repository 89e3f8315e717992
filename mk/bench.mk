# Benchmarks of one release (the default; `make bench UPSTREAM=1.28.2` for
# another), each `python -m bench NAME` (bench/README.md). Each writes its
# tables to bench/results/<name>-<release>.md and its targets and headline
# rows to <name>-<release>.json (bench.report renders them into
# docs/benchmarks.md: make docs);
# the pyperf suites go to bench/results/raw/ (not committed). Figures, never
# asserts.
#   make bench-inprocess     coercion call by call, whole reruns (no server)
#   make bench-kept          values kept in session state
#   make bench-instructions  instructions per rerun (callgrind)
#   BENCH_QUICK=1 make bench-inprocess bench-kept   every table, a few reruns
#                            (to bench/results/quick/, not committed)
BENCH_VENV := .venv/bench
BENCH_PY := $(BENCH_VENV)/bin/python
# Upstream's own coercion functions (1.29 and later) are taken from stock of
# the default release, whichever release is benchmarked: 1.28.2 has none.
FUNCTIONS_RELEASE := $(DEFAULT_RELEASE)
FUNCTIONS_PY := .venv/stock-$(FUNCTIONS_RELEASE)/bin/python

# python -m bench, tabulate, pyperf and matplotlib for its plot; no streamlit.
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

# The interpreters a bench runs on beside the default one: the newest the
# release is tested on for the whole reruns (3.13 for 1.67.0); 3.12 and 3.13,
# where tested, for the kept values and the instructions.
BENCH_ALSO ?= $(filter-out $(DEFAULT_PYTHON),$(lastword $(RELEASE_PYTHONS)))
KEPT_PYTHONS ?= $(filter-out $(DEFAULT_PYTHON),$(filter 3.12 3.13,$(RELEASE_PYTHONS)))
# --side X.Y=STOCK,PATCHED for the default interpreter and those of $(1),
# whose venvs are made first.
bench_sides = --side "$(DEFAULT_PYTHON)=$(STOCK_PY),$(PY)" $(foreach v,$(1),\
	--side "$(v)=.venv/stock-$(UPSTREAM)-py$(v)/bin/python,.venv/$(UPSTREAM)-py$(v)/bin/python")
bench_venvs = for v in $(1); do $(MAKE) --no-print-directory \
	.venv/$(UPSTREAM)-py$$v/.installed .venv/stock-$(UPSTREAM)-py$$v/.ready \
	UPSTREAM=$(UPSTREAM) PY=$$v || exit 1; done

bench-inprocess: install stock-venv bench-functions-venv bench-venv \
		$(VENV)/.bench-tools .venv/stock-$(FUNCTIONS_RELEASE)/.bench-tools
	$(call bench_venvs,$(BENCH_ALSO))
	$(BENCH_PY) -m bench inprocess --release $(UPSTREAM) --upstream $(FUNCTIONS_PY) \
		$(call bench_sides,$(BENCH_ALSO))

# First reads of 100,000 kept records or Enum members against a type() scan;
# whole reruns of the records app, of the same app keeping nothing and of the
# task tracker keeping 10,000 and 1,000,000 records of its own classes; one
# update after a layout edit of 100,000 records.
bench-kept: install stock-venv bench-venv
	$(call bench_venvs,$(KEPT_PYTHONS))
	$(BENCH_PY) -m bench kept --release $(UPSTREAM) $(call bench_sides,$(KEPT_PYTHONS))

# Instructions of one rerun (valgrind's callgrind), stock against patched, in
# three memory layouts: the kept-records app (within 2 %) and the seed app
# (within 3 %; its same-output variant). BENCH_APPS="--app ..." counts others.
BENCH_APPS ?= --app bench/apps/kept_records.py --app bench/apps/seed_same_output.py
VALGRIND := /usr/bin/valgrind

$(VALGRIND):
	echo "installing valgrind (Debian package) for bench-instructions"
	apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q valgrind

bench-instructions: install stock-venv bench-venv $(VALGRIND)
	$(call bench_venvs,$(KEPT_PYTHONS))
	$(BENCH_PY) -m bench instructions --release $(UPSTREAM) $(BENCH_APPS) \
		$(call bench_sides,$(KEPT_PYTHONS))

BENCH_TARGETS += bench-inprocess bench-kept bench-instructions
.PHONY: bench-venv bench-functions-venv bench-inprocess bench-kept bench-instructions
