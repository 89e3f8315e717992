"""``make compare``: which behaviours stock Streamlit has, and which ours adds.

Reads the JUnit XML reports of the behaviour suite (lib/tests/behaviour) run
in every venv (stock and patched, each release; ``mk/compare.mk`` runs them),
and writes one row per behaviour (a test function, over all its parameters)
with a column per venv: ✓ every case passes, ✗ none does, k/n some do, and
"—" where the release has no such case. On stock, a coercion case it lacks
is a strict xfail (see lib/tests/conftest.py): it counts as "does not".

A column may be run on other interpreters too (``NAME@3.9=REPORT.xml``):
where a behaviour's results there differ from the default interpreter's in
any column, the table gets a row for that interpreter (a case a Python lacks,
``enum.StrEnum`` before 3.11, shows as fewer cases).

The table (tabulate's, through ``tools/markdown.py``, so run by the bench
venv) goes into docs/stock-vs-ours.md between the compare markers and
into bench/results/compare.md.
"""

from __future__ import annotations

import argparse
import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.markdown import table as markdown_table  # noqa: E402
from tools.markdown import write_section  # noqa: E402


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
    """One row a behaviour; a column a ``NAME`` (its default interpreter's
    report), and a row more for each ``NAME@X.Y`` interpreter that differs."""
    default = [(n, p) for n, p in columns if "@" not in n]
    names = [name for name, _ in default]
    results = {name: outcomes(path) for name, path in default}
    others: dict[str, dict[str, dict[tuple[str, str], list[bool]]]] = {}
    for name, path in columns:
        if "@" in name:
            column, python = name.split("@", 1)
            others.setdefault(python, {})[column] = outcomes(path)
    rows = []
    for key in sorted({key for found in results.values() for key in found}):
        cells = [cell(results[name].get(key)) for name in names]
        rows.append([title(*key), *cells])
        for python, found in sorted(others.items(), key=lambda kv: _version(kv[0])):
            theirs = [
                cell(found[name].get(key)) if name in found else "·" for name in names
            ]
            if any(t not in ("·", c) for t, c in zip(theirs, cells)):
                rows.append([f"{title(*key)}, on Python {python}", *theirs])
    headers = " | ".join(["behaviour", *names])
    return markdown_table(headers, rows, "l" + "r" * len(names)) + "\n"


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def reports(folder: Path, releases: list[str]) -> list[tuple[str, Path]]:
    """The columns of ``make compare``'s reports: stock then ours, the oldest
    release first, each with the other interpreters it was run on."""
    ordered = sorted(releases, key=_version)
    columns = []
    for side, name in (("stock", "stock {}"), ("ours", "ours on {}")):
        for release in ordered:
            columns.append((name.format(release), folder / f"{side}-{release}.xml"))
            for other in sorted(folder.glob(f"{side}-{release}@*.xml")):
                python = other.stem.split("@", 1)[1]
                columns.append((name.format(release) + f"@{python}", other))
    return columns


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "column", nargs="*", help="NAME=REPORT.xml, one per venv, in column order"
    )
    parser.add_argument(
        "--reports",
        type=Path,
        help="a folder of make compare's reports: {stock,ours}-<release>[@X.Y].xml",
    )
    parser.add_argument("--releases", nargs="*", default=[], help="with --reports")
    parser.add_argument("--doc", type=Path, default=ROOT / "docs" / "stock-vs-ours.md")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "bench" / "results" / "compare.md"
    )
    args = parser.parse_args()
    columns = [(c.split("=", 1)[0], Path(c.split("=", 1)[1])) for c in args.column]
    if args.reports is not None:
        columns += reports(args.reports, args.releases)
    text = table(columns)
    legend = (
        "✓ every case passes, ✗ none does, k/n some do, — the release has no "
        "such case. Rows are the test functions of lib/tests/behaviour, over "
        "all their parameters (widgets, places, modes), on the default "
        'interpreter (Python 3.11); a row "on Python X.Y" follows where '
        "another interpreter a release is tested on gives other results (· "
        "where that release is not tested on it).\n"
    )
    # Every pinned release, from the last make test-releases.
    releases = ROOT / "bench" / "results" / "releases.md"
    smoke = (
        releases.read_text(encoding="utf-8").split("\n", 2)[2]
        if releases.exists()
        else ""
    )
    args.out.write_text(
        "# Behaviours: stock against ours\n\n"
        + legend
        + "\n"
        + text
        + ("\n## Every release: the smoke part\n\n" + smoke if smoke else "")
    )
    write_section(args.doc, "compare", legend + "\n" + text)
    print(text + ("\n" + smoke if smoke else ""))


if __name__ == "__main__":
    main()
