"""Compare upstream's test results on stock Streamlit and on the patched wheel.

Reads the two JUnit XML reports (xunit1, which name each test's file)
``run.sh`` writes and lists, test by test,
what differs: a test that fails on the patched wheel but passes on stock is
a regression unless ``expected-<release>.txt`` names it with its reason.
Exits 1 on an unexpected regression, or when a test expected to differ no
longer does (the list must be kept true).

    python compare.py STOCK.xml PATCHED.xml EXPECTED.txt
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

PASSED, FAILED, SKIPPED = "passed", "failed", "skipped"


def outcomes(report: Path) -> dict[str, str]:
    """Test id (``path::Class::name``, as pytest names it) -> outcome."""
    results: dict[str, str] = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        # xunit1 reports name the file; the class path follows the module's.
        path = case.get("file", "")
        module = path.removesuffix(".py").replace("/", ".")
        classes = case.get("classname", "").removeprefix(module).lstrip(".")
        parts = [path, *classes.split(".")] if classes else [path]
        parts.append(case.get("name", ""))
        outcome = PASSED
        if case.find("failure") is not None or case.find("error") is not None:
            outcome = FAILED
        elif case.find("skipped") is not None:
            outcome = SKIPPED
        results["::".join(parts)] = outcome
    return results


def expected(listing: Path) -> dict[str, str]:
    """Test id -> why it is meant to fail on the patched wheel only."""
    found = {}
    for line in listing.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        test, _, reason = line.partition("#")
        found[test.strip()] = reason.strip()
    return found


def main(stock_xml: str, patched_xml: str, expected_txt: str) -> int:
    stock, patched = outcomes(Path(stock_xml)), outcomes(Path(patched_xml))
    meant = expected(Path(expected_txt))
    ok = True
    print(f"{len(stock)} tests on stock, {len(patched)} on the patched wheel")
    for test in sorted(set(stock) ^ set(patched)):
        print(f"ONLY ON ONE SIDE  {test}")
        ok = False
    both = sorted(set(stock) & set(patched))
    for test in both:
        before, after = stock[test], patched[test]
        if before == PASSED and after == FAILED:
            if test in meant:
                print(f"EXPECTED          {test}  # {meant[test]}")
            else:
                print(f"REGRESSION        {test}")
                ok = False
        elif before == FAILED and after == FAILED:
            print(f"FAILS ON BOTH     {test}")
        elif before != after:
            print(f"{before} -> {after}  {test}")
    for test in sorted(meant):
        if not (stock.get(test) == PASSED and patched.get(test) == FAILED):
            print(f"NO LONGER DIFFERS {test}: take it off the expected list")
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
