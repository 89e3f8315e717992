# Benchmarks (issue 4): our coercion against upstream's algorithm, and full
# reruns patched against stock 1.28.2. Writes bench/results/latest.md (also
# into bench/README.md), latest.json and cost.png. Figures, never asserts.
#   make bench-coercion    just this part of `make bench`
BENCH_VENV := .venv-bench
BENCH_PY := $(BENCH_VENV)/bin/python

# The newest upstream streamlit (whatever pip resolves when the venv is made;
# the results record its version) and matplotlib, in a venv of their own.
$(BENCH_VENV)/.ready: bench/requirements.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_PY) -m pip install $(PIP_FLAGS) --upgrade "pip>=23"
	$(BENCH_PY) -m pip install $(PIP_FLAGS) --upgrade -r bench/requirements.txt
	touch $@

bench-venv: $(BENCH_VENV)/.ready

bench-coercion: install stock-venv bench-venv
	$(BENCH_PY) -m bench.run --patched $(PY) --stock $(STOCK_PY) --upstream $(BENCH_PY)

BENCH_TARGETS += bench-coercion
.PHONY: bench-venv bench-coercion
