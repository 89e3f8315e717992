# The compare table: the behaviour suite in every venv, stock and patched of
# each release, on the default interpreter and on each other one the release
# is tested on (a row more where one differs), as one table in
# docs/stock-vs-ours.md and bench/results/compare.md, with the table of every
# pinned release from the last `make test-releases`
# (bench/results/releases.md) after it.
#   make compare
COMPARE_DIR := .cache/compare

.PHONY: compare compare-runs

# $(1): release, $(2): interpreter, $(3): patched python, $(4): stock python
define compare_one
	$(4) -m pytest $(XDIST) lib/tests/behaviour --stock -q \
		--junitxml=$(COMPARE_DIR)/stock-$(1)$(2).xml || exit 1; \
	$(3) -m pytest $(XDIST) lib/tests/behaviour -q \
		--junitxml=$(COMPARE_DIR)/ours-$(1)$(2).xml || exit 1;
endef

compare-runs:
	rm -rf $(COMPARE_DIR) && mkdir -p $(COMPARE_DIR)
	for r in $(ANCHORS); do \
		$(MAKE) --no-print-directory install stock-venv UPSTREAM=$$r || exit 1; \
		$(call compare_one,$$r,,.venv/$$r/bin/python,.venv/stock-$$r/bin/python) \
		for v in $$($(MAKE) --no-print-directory -s print-other-pythons UPSTREAM=$$r); do \
			$(MAKE) --no-print-directory .venv/$$r-py$$v/.installed \
				.venv/stock-$$r-py$$v/.ready UPSTREAM=$$r PY=$$v || exit 1; \
			$(call compare_one,$$r,@$$v,.venv/$$r-py$$v/bin/python,.venv/stock-$$r-py$$v/bin/python) \
		done; \
	done

print-other-pythons:
	@echo $(OTHER_PYTHONS)

compare: compare-runs bench-venv
	$(BENCH_PY) tools/compare.py --reports $(COMPARE_DIR) --releases $(ANCHORS)
