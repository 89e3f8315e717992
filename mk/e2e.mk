# The real server path (issue 5): a headless protocol client (frontend-stub/),
# end-to-end tests against `streamlit run`, load, hostile input, a real
# browser, and the wire-protocol guard (proto/).
#   make browser     install Debian's chromium when /usr/bin/chromium is missing
#   make e2e         server, load, hostile-input and browser tests
#   make bench-load  p50/p99 rerun latency, patched vs stock -> bench/results/load.md
CHROMIUM := /usr/bin/chromium
E2E_TESTS := lib/tests/e2e lib/tests/stub
LOAD_SESSIONS ?= 50
LOAD_RERUNS ?= 20

.PHONY: browser e2e-tests bench-load

# CI runs as root; a developer's machine may need sudo. Only when missing.
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
		echo "installing chromium (Debian package) for the browser tests"; \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	fi
	@test -x $(CHROMIUM) || { echo "$(CHROMIUM) is still missing" >&2; exit 1; }

e2e-tests: install browser stock-venv
	$(PY) -m pytest $(E2E_TESTS)

bench-load: install stock-venv
	$(PY) -m bench.load --patched-python $(PY) --stock-python $(STOCK_PY) \
		--sessions $(LOAD_SESSIONS) --reruns $(LOAD_RERUNS) --out bench/results/load.md

TEST_PREREQS += browser stock-venv
E2E_TARGETS += e2e-tests
BENCH_TARGETS += bench-load
