# Upstream's own tests of the files our patches touch, on stock upstream and
# on the patched wheel, compared (lib/tests/upstream/README.md). Needs a clone
# of github.com/streamlit/streamlit holding the release's tag; not part of
# `make test`.
#   make upstream-tests MIRROR=/path/to/streamlit.git UPSTREAM=1.28.2
MIRROR ?=

upstream-tests: wheel venv stock-venv
	@test -n "$(MIRROR)" || { echo "MIRROR=<clone of streamlit/streamlit> is required" >&2; exit 2; }
	lib/tests/upstream/run.sh $(MIRROR) $(UPSTREAM)

.PHONY: upstream-tests
