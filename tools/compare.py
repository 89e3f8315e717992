"""``make compare``: which behaviours stock Streamlit has, and which ours adds.

Reads the JUnit XML reports of the behaviour suite (lib/tests/behaviour) run
in every venv (stock and patched, each release; ``mk/compare.mk`` runs them),
and writes one row per behaviour (a test function, over all its parameters)
with a column per venv: ✓ every case passes, ✗ none does, k/n some do, and
"—" where the release has no such case. On stock, a coercion case it lacks
is a strict xfail (see lib/tests/conftest.py): it counts as "does not".

The table goes into README.md between the compare markers and into
bench/results/compare.md.
"""

from __future__ import annotations

import argparse
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "<!-- compare begin (written by make compare) -->", "<!-- compare end -->"


def outcomes(report: Path) -> dict[tuple[str, str], list[bool]]:
    """(module, test function) -> whether each of its cases showed the behaviour."""
    found: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for case in ET.parse(report).iter("testcase"):
        module = case.get("classname", "").rsplit(".", 1)[-1]
        function = re.sub(r"\[.*\]$", "", case.get("name", ""))
        skipped = case.find("skipped")
        if skipped is not None and "xfail" not in (skipped.get("type") or ""):
            continue  # not a case of this release
        failed = case.find("failure") is not None or case.find("error") is not None
        if failed:
            raise SystemExit(f"{report}: {module}::{case.get('name')} failed: "
                             "`make compare` needs green runs")  # fmt: skip
        found[(module, function)].append(skipped is None)
    return found


def cell(results: list[bool] | None) -> str:
    if not results:
        return "—"
    passed = sum(results)
    if passed == len(results):
        return "✓"
    if passed == 0:
        return "✗"
    return f"{passed}/{len(results)}"


def title(module: str, function: str) -> str:
    words = function.removeprefix("test_").replace("_", " ")
    return f"{words} ({module.removeprefix('test_').replace('_', ' ')})"


def table(columns: list[tuple[str, Path]]) -> str:
    results = [(name, outcomes(path)) for name, path in columns]
    rows = sorted({key for _, found in results for key in found})
    lines = [
        "| behaviour | " + " | ".join(name for name, _ in results) + " |",
        "|---|" + "---:|" * len(results),
    ]
    for key in rows:
        cells = [cell(found.get(key)) for _, found in results]
        lines.append(f"| {title(*key)} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def write_between_markers(path: Path, text: str) -> None:
    content = path.read_text(encoding="utf-8")
    start, end = content.index(BEGIN) + len(BEGIN), content.index(END)
    path.write_text(content[:start] + "\n\n" + text + "\n" + content[end:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "column", nargs="+", help="NAME=REPORT.xml, one per venv, in column order"
    )
    parser.add_argument("--readme", type=Path, default=ROOT / "README.md")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "bench" / "results" / "compare.md"
    )
    args = parser.parse_args()
    columns = [(c.split("=", 1)[0], Path(c.split("=", 1)[1])) for c in args.column]
    text = table(columns)
    legend = (
        "✓ every case passes, ✗ none does, k/n some do, — the release has no "
        "such case. Rows are the test functions of lib/tests/behaviour, over "
        "all their parameters (widgets, places, modes).\n"
    )
    args.out.write_text("# Behaviours: stock against ours\n\n" + legend + "\n" + text)
    write_between_markers(args.readme, legend + "\n" + text)
    print(text)


if __name__ == "__main__":
    main()
