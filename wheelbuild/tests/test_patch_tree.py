"""``make patch-tree`` and ``make refresh-patch`` (wheelbuild.patch_tree), on
a copy of the pin file and the patches: refreshing a patch from an unedited
tree gives the patch back byte for byte; an edit shows up in the patch and
nowhere else."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from wheelbuild import build, patch_tree  # noqa: E402


@pytest.fixture()
def pins(tmp_path: Path) -> Path:
    """upstream.toml and patches/, copied: refresh rewrites patch files."""
    shutil.copy(ROOT / "upstream.toml", tmp_path / "upstream.toml")
    shutil.copytree(ROOT / "patches", tmp_path / "patches")
    return tmp_path / "upstream.toml"


def test_a_refresh_without_an_edit_gives_the_patch_back(pins, tmp_path):
    series = build.read_series(build.read_pin("1.28.2", pins))
    tree = patch_tree.push("1.28.2", "0003", pins, tmp_path / "trees")
    before = series[2].read_bytes()
    patch_tree.refresh("1.28.2", "0003", pins, tmp_path / "trees")
    assert series[2].read_bytes() == before
    assert (tree / "streamlit" / "runtime" / "scriptrunner").is_dir()


def test_an_edit_is_refreshed_into_the_last_applied_patch(pins, tmp_path):
    trees = tmp_path / "trees"
    tree = patch_tree.push("1.28.2", "0003", pins, trees)
    runner = tree / "streamlit" / "runtime" / "scriptrunner" / "script_runner.py"
    runner.write_text(runner.read_text() + "# an edit\n")
    patch = patch_tree.refresh("1.28.2", "0003", pins, trees)
    text = patch.read_text()
    assert text.startswith("Concern: 0003-script-runner-record-script-module")
    assert "+# an edit" in text
    again = patch_tree.push("1.28.2", None, pins, trees)  # the series applies
    assert "# an edit" in runner.read_text() and again == tree


def test_refresh_refuses_a_patch_that_is_not_the_last_applied(pins, tmp_path):
    patch_tree.push("1.28.2", "0003", pins, tmp_path / "trees")
    with pytest.raises(build.BuildError, match="push --upto 0002"):
        patch_tree.refresh("1.28.2", "0002", pins, tmp_path / "trees")


def test_a_patch_that_no_longer_applies_is_left_to_make_by_hand(pins, tmp_path):
    series = build.read_series(build.read_pin("1.28.2", pins))
    broken = series[2]
    text = broken.read_text()
    broken.write_text(
        text.replace("\n ", "\n no such context ", 1).replace(
            "\n+", "\n no such context\n+", 1
        )
    )
    trees = tmp_path / "trees"
    tree = patch_tree.push("1.28.2", "0003", pins, trees)
    runner = tree / "streamlit" / "runtime" / "scriptrunner" / "script_runner.py"
    assert "session_identity" not in runner.read_text()  # left undone
    with pytest.raises(build.BuildError, match=r"0003-.* does not apply"):
        patch_tree.push("1.28.2", "0005", pins, trees)


@pytest.mark.parametrize(
    "label", sorted({f.label for p in build.patch_forms() for f in p.forms})
)
def test_every_patch_is_as_refresh_writes_it(pins, tmp_path, label):
    """Each form holds its hunks with their least context (wheelbuild.hunks)
    on the release it was written for, as ``make refresh-patch`` writes them
    (``make restyle-patches`` rewrites a form edited by hand)."""
    assert patch_tree.restyle(label, pins, tmp_path / "trees") == []
