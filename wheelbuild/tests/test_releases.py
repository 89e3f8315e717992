"""``make test-releases`` (wheelbuild.releases): each step's outcome as pytest
said it, and the table it writes."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from wheelbuild.releases import Outcome, row, summary, table  # noqa: E402


def test_the_summary_is_pytests_last_counts():
    output = (
        "....x\n"
        "===== 3 passed, 34 xfailed in 10.16s =====\n"
        "========= 1 failed, 49 passed in 9.53s (0:00:09) =========\n"
    )
    assert summary(output) == "1 failed, 49 passed"
    assert summary("no pytest here") is None


def test_the_table_says_each_step_what_did_not_run_and_when_in_version_order():
    text = table(
        {
            "1.66.1": row(
                [Outcome(True, "built"), Outcome(True, "49 passed")],
                "2026-12-06",
                "abc1234",
            ),
            "1.9.0": row(
                [Outcome(False, "no form of 0001 | serves 1.9.0")],
                "2026-12-05",
                "def5678",
            ),
        }
    )
    lines = text.splitlines()
    assert lines[2] == (
        "| 1.9.0 | ✗ no form of 0001 \\| serves 1.9.0 | not run | not run "
        "| 2026-12-05, def5678 |"
    )
    assert lines[3] == (
        "| 1.66.1 | ✓ built | ✓ 49 passed | not run | 2026-12-06, abc1234 |"
    )
