"""Where ``make bench`` writes its tables: between marker comments of the READMEs."""

from __future__ import annotations

from pathlib import Path

README_BEGIN = "<!-- bench:results begin (written by make bench) -->"
README_END = "<!-- bench:results end -->"
# The same tables in the project README.
SUMMARY_BEGIN = "<!-- bench:summary begin (written by make bench) -->"
SUMMARY_END = "<!-- bench:summary end -->"
# The load benchmark's table in the project README (bench.load writes it).
LOAD_BEGIN = "<!-- bench:load begin (written by make bench-load) -->"
LOAD_END = "<!-- bench:load end -->"
# The real-server benchmark's tables in the project README (bench.server).
SERVER_BEGIN = "<!-- bench:server begin (written by make bench-server) -->"
SERVER_END = "<!-- bench:server end -->"


def replace_between(path: Path, begin: str, end: str, body: str) -> None:
    """Put ``body`` between the markers ``begin`` and ``end`` in ``path``."""
    text = path.read_text()
    start, stop = text.index(begin), text.index(end)
    path.write_text(
        text[: start + len(begin)] + "\n\n" + body.strip() + "\n\n" + text[stop:]
    )


def update_bench_readme(readme: Path, markdown_text: str) -> None:
    """Put the tables of ``latest.md`` (not its title) between the markers of
    ``bench/README.md``, one heading level down, with the plot's path fixed."""
    body = markdown_text.split("\n", 2)[2].replace("](cost.png)", "](results/cost.png)")
    body = body.replace("\n### ", "\n#### ").replace("\n## ", "\n### ")
    replace_between(readme, README_BEGIN, README_END, body)


def update_project_readme(readme: Path, summary: str) -> None:
    replace_between(readme, SUMMARY_BEGIN, SUMMARY_END, summary)
