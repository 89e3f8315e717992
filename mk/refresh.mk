# Whether each patch applies to one upstream release (wheelbuild/refresh.py):
# its wheel fetched by name and version (pip download; a pinned release's
# checked against its pinned sha256), unpacked afresh into
# .cache/refresh/<release>, and every form upstream.toml gives of each patch
# of patches/series tried there with git apply --check, newest first, in
# series order (applied when it applies). Says per patch: which form applies,
# applies with offset, fails at FILE:LINE, file missing. Exit status 1 when
# one does not apply.
#   make refresh                   the newest release
#   make refresh UPSTREAM=1.68.0   that release
#   make refresh UPSTREAM=1.45.1 REFRESH_PINS=scratch/upstream.toml
#                                  the forms another pin file gives
#   make refresh REFRESH_JSON=out.json   also the results as JSON
# UPSTREAM is the release only when given (command line or environment): the
# Makefile's own default is the newest *pinned* release, not the newest one.
REFRESH_RELEASE := $(if $(filter command line environment environment override,\
	$(origin UPSTREAM)),$(UPSTREAM),newest)
REFRESH_PINS ?=
REFRESH_JSON ?=
REFRESH_TOOL = $(TOOLS_VENV)/bin/python -m wheelbuild.refresh

.PHONY: refresh

refresh: $(TOOLS_VENV)/.ready
	$(REFRESH_TOOL) $(REFRESH_RELEASE) $(if $(REFRESH_PINS),--pins $(REFRESH_PINS)) \
		$(if $(REFRESH_JSON),--json $(REFRESH_JSON))
