# The compare table (issue 10): the behaviour suite in every venv, stock and
# patched of each release, as one table in README.md and
# bench/results/compare.md. Runs the four behaviour suites (a few minutes).
#   make compare
COMPARE_DIR := .cache/compare

.PHONY: compare compare-runs

compare-runs:
	mkdir -p $(COMPARE_DIR)
	for r in $(RELEASES); do \
		$(MAKE) --no-print-directory install stock-venv UPSTREAM=$$r || exit 1; \
		.venv/stock-$$r/bin/python -m pytest lib/tests/behaviour --stock -q \
			--junitxml=$(COMPARE_DIR)/stock-$$r.xml || exit 1; \
		.venv/$$r/bin/python -m pytest lib/tests/behaviour -q \
			--junitxml=$(COMPARE_DIR)/ours-$$r.xml || exit 1; \
	done

compare: compare-runs
	$(PYTHON) tools/compare.py \
		"stock 1.28.2=$(COMPARE_DIR)/stock-1.28.2.xml" \
		"stock 1.67.0=$(COMPARE_DIR)/stock-1.67.0.xml" \
		"ours on 1.28.2=$(COMPARE_DIR)/ours-1.28.2.xml" \
		"ours on 1.67.0=$(COMPARE_DIR)/ours-1.67.0.xml"
