"""The wire guard (proto/check_wire.py) passes on our wheel and catches changes.

The patch must leave the protocol alone so the stock prebuilt frontend of
each release keeps working; the guard is how a change to a .proto or the
frontend would be caught, so it must also be seen to fail. Everything here
is about the installed release: its patched wheel against upstream's wheel
of the same release (``.cache/upstream/<upstream.toml's file name>``).
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUARD = ROOT / "proto" / "check_wire.py"
RELEASE = version("streamlit").split("+")[0]


def guard(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(GUARD), *args], capture_output=True, text=True, timeout=120
    )


def pinned_upstream() -> Path:
    """Upstream's wheel of this release, as the Makefile names it."""
    command = ["-m", "wheelbuild", "--print", "upstream", "--release", RELEASE]
    done = subprocess.run([sys.executable, *command], cwd=ROOT, capture_output=True,
                          text=True, check=True)  # fmt: skip
    return ROOT / ".cache" / "upstream" / done.stdout.strip()


def with_record(tmp_path: Path, change: str, to: str | None) -> Path:
    """A wheel holding only upstream's RECORD, with the line of ``change``
    replaced by ``to`` (None: removed): all the guard reads of a wheel."""
    with zipfile.ZipFile(pinned_upstream()) as whl:
        name = next(n for n in whl.namelist() if n.endswith(".dist-info/RECORD"))
        lines = whl.read(name).decode().splitlines()
    found = [i for i, line in enumerate(lines) if line.startswith(change + ",")]
    assert found, f"upstream {RELEASE} has no {change}"
    if to is None:
        del lines[found[0]]
    else:
        lines[found[0]] = to
    wheel = tmp_path / f"streamlit-{RELEASE}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as whl:
        whl.writestr(name, "\n".join(lines) + "\n")
    return wheel


def test_installed_patched_wheel_has_upstream_wire_protocol() -> None:
    """The Streamlit under test: the guard finds its release and upstream's
    pinned wheel itself, and every proto and frontend file is upstream's."""
    result = guard()
    assert result.returncode == 0, result.stderr
    assert f"identical to upstream {RELEASE}" in result.stdout


def test_built_wheel_file_has_upstream_wire_protocol() -> None:
    """The wheel in dist/ (what users install) passes the same check."""
    wheels = sorted((ROOT / "dist").glob(f"streamlit-{RELEASE}+*.whl"))
    assert wheels, "no patched wheel in dist/: run `make wheel`"
    result = guard("--patched", str(wheels[-1]))
    assert result.returncode == 0, result.stderr


def test_guard_names_a_changed_proto_file(tmp_path: Path) -> None:
    """A pb2 module whose hash is not upstream's fails, naming the file."""
    text = "streamlit/proto/Text_pb2.py"
    wheel = with_record(tmp_path, text, f"{text},sha256=changed,1234")
    result = guard("--patched", str(wheel))
    assert result.returncode == 1
    assert f"{text}: differs from upstream {RELEASE}" in result.stderr
    assert result.stderr.count("wire guard:") == 1, "that file only"


def test_guard_names_a_missing_proto_file(tmp_path: Path) -> None:
    """A pb2 module the patched wheel lacks is a failure naming it."""
    root = "streamlit/proto/RootContainer_pb2.py"
    result = guard("--patched", str(with_record(tmp_path, root, None)))
    assert result.returncode == 1
    assert f"{root}: missing from the patched wheel" in result.stderr


def test_guard_names_a_changed_frontend_file(tmp_path: Path) -> None:
    """The prebuilt frontend must be upstream's, byte for byte."""
    index = "streamlit/static/index.html"
    wheel = with_record(tmp_path, index, f"{index},sha256=changed,1")
    result = guard("--patched", str(wheel))
    assert result.returncode == 1
    assert f"{index}: differs from upstream {RELEASE}" in result.stderr


@pytest.mark.parametrize("what", ["a folder", "not a zip"])
def test_guard_refuses_what_is_not_a_wheel(tmp_path: Path, what: str) -> None:
    """Pointing it at the wrong place is an error, not a pass."""
    target = tmp_path
    if what == "not a zip":
        target = tmp_path / "streamlit.whl"
        target.write_text("no wheel")
    result = guard("--patched", str(target))
    assert result.returncode == 2
    assert "not a wheel" in result.stderr
