"""The repository's own tools (``make compare``, the READMEs' generated sections)."""
