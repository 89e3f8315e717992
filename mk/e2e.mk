# The real server path: a headless protocol client (frontend-stub/, speaking
# the protocol of the release under test), end-to-end tests against
# `streamlit run`, load, hostile input, a real browser, and the wire-protocol
# guard (proto/). Every target takes UPSTREAM like the Makefile (default: the
# newest release); `make test-release UPSTREAM=X` runs all of lib/tests, and
# so these tests too, in .venv/X against stock .venv/stock-X.
#   make browser       install Debian's chromium when /usr/bin/chromium is missing
#   make e2e           stub, server, load, hostile-input, browser and wire tests
#   make bench-load    p50/p99 rerun latency under load, patched vs stock
#                      -> bench/results/load-<release>.md
#   make bench-server  a 10,000-option multiselect through real servers: ours,
#                      stock (its own coercion) and stock with coercion off
#                      -> bench/results/server-<release>.md (releases from 1.29)
CHROMIUM := /usr/bin/chromium
E2E_TESTS := frontend-stub/tests lib/tests/e2e proto/test_check_wire.py

.PHONY: browser e2e-tests bench-load bench-server

# CI runs as root; a developer's machine may need sudo. Only when missing.
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
		echo "installing chromium (Debian package) for the browser tests"; \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	fi
	@test -x $(CHROMIUM) || { echo "$(CHROMIUM) is still missing" >&2; exit 1; }

e2e-tests: install browser stock-venv
	$(PY) -m pytest $(E2E_TESTS)

bench-load bench-server: bench-%: install stock-venv $(VENV)/.bench-tools
	$(PY) -m bench $* --release $(UPSTREAM) --side "$(DEFAULT_PYTHON)=$(STOCK_PY),$(PY)"

TEST_PREREQS += browser stock-venv
E2E_TARGETS += e2e-tests
BENCH_TARGETS += bench-load bench-server
