"""The wire guard (proto/check_wire.py) passes on our wheel and catches changes.

The patch must leave the protocol alone so the stock prebuilt frontend of
each release keeps working; the guard is how a change to a .proto or the
frontend would be caught, so it must also be seen to fail. Everything here
is about the installed release: its patched wheel against upstream's wheel
of the same release (``.cache/upstream/<upstream.toml's file name>``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from google.protobuf import descriptor_pb2
from support.release import RELEASE, ROOT

GUARD = ROOT / "proto" / "check_wire.py"


def pinned_upstream_name() -> str:
    """Upstream's wheel file name for this release, as the Makefile asks for it."""
    command = ["-m", "wheelbuild", "--print", "upstream", "--release", RELEASE]
    result = subprocess.run(
        [sys.executable, *command], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


UPSTREAM = ROOT / ".cache" / "upstream" / pinned_upstream_name()
PB2_TEMPLATE = """
from google.protobuf import descriptor_pool as _descriptor_pool
DESCRIPTOR = _descriptor_pool.Default().AddSerializedFile({serialized!r})
"""


def guard(*args: str, pinned: bool = False) -> subprocess.CompletedProcess[str]:
    """Run the guard against UPSTREAM, or (``pinned``) the wheel it finds itself."""
    upstream = [] if pinned else ["--upstream", str(UPSTREAM)]
    return subprocess.run(
        [sys.executable, str(GUARD), *upstream, *args],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@pytest.fixture()
def upstream_copy(tmp_path: Path) -> Path:
    """upstream's streamlit/proto and streamlit/static, in a folder to tamper with."""
    with zipfile.ZipFile(UPSTREAM) as whl:
        names = [
            n for n in whl.namelist()
            if n.startswith(("streamlit/proto/", "streamlit/static/"))
        ]  # fmt: skip
        whl.extractall(tmp_path, names)
    return tmp_path


def test_installed_patched_wheel_has_upstream_wire_protocol() -> None:
    """The Streamlit under test: every descriptor and frontend file identical.

    The guard picks the installed release and its pinned upstream wheel itself.
    """
    result = guard("--patched", "installed", pinned=True)
    assert result.returncode == 0, result.stderr
    assert f"identical to upstream {RELEASE}" in result.stdout


def test_built_wheel_file_has_upstream_wire_protocol() -> None:
    """The wheel in dist/ (what users install) passes the same check."""
    wheels = sorted((ROOT / "dist").glob(f"streamlit-{RELEASE}+*.whl"))
    assert wheels, "no patched wheel in dist/: run `make wheel`"
    result = guard("--patched", str(wheels[-1]))
    assert result.returncode == 0, result.stderr


def test_guard_catches_a_changed_message(upstream_copy: Path) -> None:
    """A field added to Text.proto is a failure that shows the new field."""
    pb2 = upstream_copy / "streamlit" / "proto" / "Text_pb2.py"
    source = pb2.read_text()
    start = source.index("AddSerializedFile(") + len("AddSerializedFile(")
    original = eval(source[start : source.index("')", start) + 1])
    proto = descriptor_pb2.FileDescriptorProto.FromString(original)
    proto.message_type[0].field.add(
        name="sneaky", number=99, type=descriptor_pb2.FieldDescriptorProto.TYPE_STRING,
        label=descriptor_pb2.FieldDescriptorProto.LABEL_OPTIONAL,
    )  # fmt: skip
    pb2.write_text(PB2_TEMPLATE.format(serialized=proto.SerializeToString()))
    result = guard("--patched", str(upstream_copy))
    assert result.returncode == 1
    assert "streamlit/proto/Text.proto: descriptor differs" in result.stderr
    assert 'name: "sneaky"' in result.stderr


def test_guard_catches_a_missing_proto_module(upstream_copy: Path) -> None:
    """A pb2 module the patched wheel lacks is a failure naming its .proto."""
    (upstream_copy / "streamlit" / "proto" / "RootContainer_pb2.py").unlink()
    result = guard("--patched", str(upstream_copy))
    assert result.returncode == 1
    assert (
        "streamlit/proto/RootContainer.proto: missing from the patched wheel"
        in result.stderr
    )


def test_guard_catches_a_changed_frontend_file(upstream_copy: Path) -> None:
    """The prebuilt frontend must be upstream's, byte for byte."""
    index = upstream_copy / "streamlit" / "static" / "index.html"
    index.write_text(index.read_text() + "<!-- changed -->")
    result = guard("--patched", str(upstream_copy))
    assert result.returncode == 1
    assert "frontend (streamlit/static) differs: ['index.html']" in result.stderr


def test_guard_refuses_a_folder_without_streamlit(tmp_path: Path) -> None:
    """Pointing it at the wrong place is an error, not a pass."""
    shutil.rmtree(tmp_path)
    tmp_path.mkdir()
    result = guard("--patched", str(tmp_path))
    assert result.returncode == 2
