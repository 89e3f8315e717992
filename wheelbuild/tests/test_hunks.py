"""Hunks with their least context (wheelbuild.hunks): each still applies with
``git apply`` where the change was made, and survives changes of upstream's
lines around it that a three-line context would not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from wheelbuild.hunks import HunkError, least_context  # noqa: E402

OLD = """\
import os
import sys


def first():
    setup()
    run()

    return 1


def second():
    setup()
    run()

    return 2
"""


def _u0(tmp_path: Path, old: str, new: str) -> str:
    """``git diff -U0`` of f.py, as the patches hold it (no extended headers)."""
    repo = tmp_path / "repo"
    repo.mkdir(exist_ok=True)
    (repo / "f.py").write_text(old)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@localhost"]
    for args in (["init", "-q"], ["add", "f.py"], ["commit", "-qm", "old"]):
        subprocess.run([*git, *args], cwd=repo, check=True, capture_output=True)
    (repo / "f.py").write_text(new)
    done = subprocess.run(
        [*git, "diff", "--no-color", "-U0"], cwd=repo, capture_output=True, text=True
    )
    lines = [
        line.split(" @@")[0] + " @@" if line.startswith("@@") else line
        for line in done.stdout.splitlines()
        if not line.startswith(("diff --git", "index "))
    ]
    return "\n".join(lines) + "\n"


def _patch(tmp_path: Path, old: str, new: str) -> str:
    return least_context(_u0(tmp_path, old, new), lambda path: old)


def _applied(tmp_path: Path, patch: str, target: str) -> str | None:
    """``target`` with ``patch`` applied by git apply (no fuzz), or None."""
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    (work / "f.py").write_text(target)
    done = subprocess.run(
        ["git", "apply", "-"], cwd=work, input=patch, capture_output=True, text=True
    )
    return (work / "f.py").read_text() if done.returncode == 0 else None


def _hunk_bodies(patch: str) -> list[list[str]]:
    hunks: list[list[str]] = []
    for line in patch.splitlines()[2:]:
        if line.startswith("@@"):
            hunks.append([])
        else:
            hunks[-1].append(line)
    return hunks


def test_an_insertion_carries_one_line_that_places_it(tmp_path):
    new = OLD.replace("    return 1", "    hook()\n    return 1")
    patch = _patch(tmp_path, OLD, new)
    assert _hunk_bodies(patch) == [["+    hook()", "     return 1"]]
    assert _applied(tmp_path, patch, OLD) == new


def test_a_line_found_twice_gets_the_context_that_makes_it_unique(tmp_path):
    new = OLD.replace(
        "    run()\n\n    return 2", "    run()\n    hook()\n\n    return 2"
    )
    patch = _patch(tmp_path, OLD, new)
    (body,) = _hunk_bodies(patch)
    context = [line[1:] for line in body if line.startswith(" ")]
    assert "    return 2" in context  # "run()" and the blank line occur twice
    assert _applied(tmp_path, patch, OLD) == new


def test_a_hunk_survives_a_change_of_the_lines_git_would_have_shown(tmp_path):
    patch = _patch(
        tmp_path, OLD, OLD.replace("    return 1", "    hook()\n    return 1")
    )
    moved = "# a new first line\n" + OLD.replace(
        "    run()\n\n    return 1", "    go()\n    return 1"
    )
    assert _applied(tmp_path, patch, moved) == moved.replace(
        "    return 1", "    hook()\n    return 1"
    )


def test_an_append_at_the_end_carries_no_context_and_applies_at_the_end(tmp_path):
    new = OLD + "\n\nfrom ours import hook  # noqa: E402\n"
    patch = _patch(tmp_path, OLD, new)
    (body,) = _hunk_bodies(patch)
    assert all(line[0] == "+" for line in body)
    assert patch.splitlines()[2] == "@@ -16,0 +17,3 @@"
    grown = OLD + "\n\ndef third():\n    pass\n"  # another last line
    assert _applied(tmp_path, patch, grown) == grown + (
        "\n\nfrom ours import hook  # noqa: E402\n"
    )


def test_a_new_file_is_refused(tmp_path):
    diff = "--- /dev/null\n+++ b/g.py\n@@ -0,0 +1 @@\n+x = 1\n"
    with pytest.raises(HunkError, match="a new or deleted file"):
        least_context(diff, lambda path: "")
