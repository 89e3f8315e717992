# Refreshing a patch: quilt's push and refresh, on git (wheelbuild/patch_tree.py).
# The release's upstream wheel is unpacked into .cache/tree/<release>, a git
# repository with a commit per patch of the series.
#   make patch-tree UPSTREAM=1.28.2 UPTO=0006     the series up to 0006 applied
#   (edit the files of 0006 in .cache/tree/1.28.2)
#   make refresh-patch UPSTREAM=1.28.2 PATCH=0006 rewrite 0006 from the tree
#   make wheel UPSTREAM=1.28.2                    the whole series applies again
#   make restyle-patches UPSTREAM=1.28.2          rewrite every form written for
#                                                 1.28.2 as refresh-patch writes one
.PHONY: patch-tree refresh-patch restyle-patches

patch-tree: $(TOOLS_VENV)/.ready
	$(TOOLS_VENV)/bin/python -m wheelbuild.patch_tree push --release $(UPSTREAM) \
		$(if $(UPTO),--upto $(UPTO))

refresh-patch: $(TOOLS_VENV)/.ready
	@test -n "$(PATCH)" || { echo "usage: make refresh-patch PATCH=NNNN [UPSTREAM=X]" >&2; exit 2; }
	$(TOOLS_VENV)/bin/python -m wheelbuild.patch_tree refresh --release $(UPSTREAM) $(PATCH)

restyle-patches: $(TOOLS_VENV)/.ready
	$(TOOLS_VENV)/bin/python -m wheelbuild.patch_tree restyle --release $(UPSTREAM)
