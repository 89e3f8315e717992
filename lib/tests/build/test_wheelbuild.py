"""The build refuses what it cannot vouch for, and says exactly why.

A patch that no longer applies stops the build naming the patch and the
file; bytes that do not match the pinned sha256 are refused.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from wheelbuild import build  # noqa: E402


def test_series_lists_every_patch_in_order_and_nothing_else():
    series = build.read_series()
    on_disk = sorted(p.name for p in (ROOT / "patches").glob("*.patch"))
    assert [p.name for p in series] == on_disk


def test_every_patch_opens_with_a_header_saying_what_why_and_where():
    for patch in build.read_series():
        head = patch.read_text().split("\n--- a/", 1)[0]
        assert head.startswith("Description: "), patch.name
        assert "\nWhy: " in head, patch.name
        assert "\nTouches: streamlit/" in head, patch.name


def _upstream_tree(tmp_path: Path) -> Path:
    """The upstream files the series touches, extracted from the pinned wheel."""
    pin = build.read_pin()
    wheel = build.CACHE / pin.filename
    if not wheel.exists():
        build.fetch(pin)
    tree = tmp_path / "streamlit-tree"
    with zipfile.ZipFile(wheel) as zf:
        for name in zf.namelist():
            if name.startswith("streamlit/") and name.endswith(".py"):
                zf.extract(name, tree)
    return tree


def test_the_series_applies_to_pristine_upstream(tmp_path: Path):
    tree = _upstream_tree(tmp_path)
    build.apply_series(tree, build.read_series())
    assert "runner.enumCoercion" in (tree / "streamlit" / "config.py").read_text()


def test_a_patch_that_no_longer_applies_names_the_patch_and_the_file(tmp_path: Path):
    tree = _upstream_tree(tmp_path)
    session_state = tree / "streamlit" / "runtime" / "state" / "session_state.py"
    text = session_state.read_text()
    session_state.write_text(text.replace("self.states[k] = Value(deserialized)", "pass"))
    with pytest.raises(build.BuildError) as raised:
        build.apply_series(tree, build.read_series())
    message = str(raised.value)
    assert "0004-session-state-current-widget-values.patch" in message
    assert "streamlit/runtime/state/session_state.py" in message


def test_bytes_that_do_not_match_the_pin_are_refused(tmp_path: Path):
    pin = build.read_pin()
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / pin.filename).write_bytes(b"not the upstream wheel")
    with pytest.raises(build.BuildError) as raised:
        build.fetch(pin, cache)
    message = str(raised.value)
    assert hashlib.sha256(b"not the upstream wheel").hexdigest() in message
    assert pin.sha256 in message


def test_our_modules_never_overwrite_upstream_files(tmp_path: Path):
    tree = tmp_path / "tree"
    lib = tmp_path / "lib" / "streamlit"
    (lib / "runtime").mkdir(parents=True)
    (lib / "runtime" / "app_session.py").write_text("# ours\n")
    (tree / "streamlit" / "runtime").mkdir(parents=True)
    shutil.copy(lib / "runtime" / "app_session.py", tree / "streamlit" / "runtime")
    with pytest.raises(build.BuildError, match="would overwrite upstream"):
        build.add_modules(tree, lib)


def test_installed_wheel_carries_the_patched_version_and_requirements():
    from importlib.metadata import distribution

    dist = distribution("streamlit")
    pin = build.read_pin()
    assert dist.version == pin.patched_version
    requires = dist.requires or []
    assert any(r.startswith("pyarrow") and "<26" in r for r in requires), requires
