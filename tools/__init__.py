"""The repository's own tools: ``make docs`` and ``make compare``, which write
the generated sections of docs/."""
