"""``make test-releases`` (wheelbuild.releases): each step's outcome as pytest
said it, and the table it writes."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from wheelbuild.releases import Outcome, summary, table  # noqa: E402


def test_the_summary_is_pytests_last_counts():
    output = (
        "....x\n"
        "===== 3 passed, 34 xfailed in 10.16s =====\n"
        "========= 1 failed, 49 passed in 9.53s (0:00:09) =========\n"
    )
    assert summary(output) == "1 failed, 49 passed"
    assert summary("no pytest here") is None


def test_the_table_says_each_step_and_what_did_not_run():
    text = table(
        {
            "1.66.1": [Outcome(True, "built"), Outcome(True, "49 passed")],
            "1.52.2": [Outcome(False, "no form of 0001 | serves 1.52.2")],
        }
    )
    lines = text.splitlines()
    assert lines[2] == "| 1.66.1 | ✓ built | ✓ 49 passed | not run |"
    assert lines[3] == (
        "| 1.52.2 | ✗ no form of 0001 \\| serves 1.52.2 | not run | not run |"
    )
