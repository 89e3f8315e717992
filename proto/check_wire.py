"""Wire guard: the patched wheel speaks exactly its upstream release's protocol.

The patch must not touch the wire protocol, so that the stock prebuilt
frontend of each release keeps working. This compares, between upstream's
pinned wheel of a release (``.cache/upstream/<its file name>``, the name
``python -m wheelbuild --print upstream --release X`` gives) and the patched
Streamlit of the same release (installed, a wheel file, or a folder holding
``streamlit/proto``):

1. the serialized ``FileDescriptorProto`` of every ``streamlit/proto/*_pb2.py``
   (same files, byte-identical descriptors; a text diff when not);
2. the prebuilt frontend, ``streamlit/static/**``, byte for byte.

Each side's pb2 modules are imported in a subprocess from a private copy
(``streamlit/__init__.py`` left empty), so two versions of the same
``.proto`` files never meet in one descriptor pool.

    python proto/check_wire.py [--release X] [--upstream WHEEL]
                               [--patched installed|WHEEL|DIR]

``--release`` defaults to the installed streamlit's upstream release,
``--upstream`` to that release's pinned wheel.

Exit status 0: identical; 1: a difference (printed); 2: bad input.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Dict, List

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "upstream"

# Run in the subprocess: every pb2 module's serialized descriptor, as hex.
_DUMP = """
import importlib, json, pathlib, sys
out = {}
for f in sorted(pathlib.Path("streamlit/proto").glob("*_pb2.py")):
    mod = importlib.import_module("streamlit.proto." + f.stem)
    assert pathlib.Path(mod.__file__).resolve() == f.resolve(), mod.__file__
    out[mod.DESCRIPTOR.name] = mod.DESCRIPTOR.serialized_pb.hex()
json.dump(out, sys.stdout)
"""


class GuardError(Exception):
    """The input is not a Streamlit wheel, install or folder."""


def installed_release() -> str:
    """The upstream release of the installed streamlit: "1.67.0" of "1.67.0+x.2"."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("streamlit").split("+", 1)[0]
    except PackageNotFoundError as e:
        raise GuardError("no installed streamlit: give --release") from e


def upstream_wheel(release: str) -> Path:
    """The pinned upstream wheel of a release, named as upstream.toml names it."""
    sys.path.insert(0, str(ROOT))
    try:
        from wheelbuild.build import BuildError, read_pin
    finally:
        sys.path.remove(str(ROOT))
    try:
        return CACHE / read_pin(release).filename
    except BuildError as e:
        raise GuardError(str(e)) from e


def _copy_tree(source: str, dest: Path) -> None:
    """``streamlit/proto`` and ``streamlit/static`` of a source, under ``dest``."""
    wanted = ("streamlit/proto/", "streamlit/static/")
    if source == "installed":
        import importlib.util

        spec = importlib.util.find_spec("streamlit")
        if spec is None or spec.origin is None:
            raise GuardError("no installed streamlit")
        source = str(Path(spec.origin).parent.parent)
    path = Path(source)
    if path.is_file() and path.suffix == ".whl":
        with zipfile.ZipFile(path) as whl:
            members = [n for n in whl.namelist() if n.startswith(wanted)]
            whl.extractall(dest, members)
    elif (path / "streamlit" / "proto").is_dir():
        for part in ("proto", "static"):
            if (path / "streamlit" / part).is_dir():
                shutil.copytree(path / "streamlit" / part, dest / "streamlit" / part)
    else:
        raise GuardError(f"{source} is neither a wheel nor a folder with streamlit/")
    if not (dest / "streamlit" / "proto").is_dir():
        raise GuardError(f"{source} has no streamlit/proto")
    (dest / "streamlit" / "__init__.py").write_text("")


def descriptors(tree: Path) -> Dict[str, bytes]:
    """Proto file name -> serialized FileDescriptorProto, imported in a subprocess."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    env.pop("PYTHONSTARTUP", None)
    result = subprocess.run(
        [sys.executable, "-c", _DUMP], cwd=tree, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise GuardError(
            f"importing the pb2 modules of {tree} failed:\n{result.stderr}"
        )
    return {k: bytes.fromhex(v) for k, v in json.loads(result.stdout).items()}


def static_files(tree: Path) -> Dict[str, str]:
    """Frontend file path -> sha256."""
    base = tree / "streamlit" / "static"
    return {
        str(p.relative_to(base)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(base.rglob("*"))
        if p.is_file()
    }


def _as_text(serialized: bytes) -> List[str]:
    from google.protobuf import descriptor_pb2, text_format

    proto = descriptor_pb2.FileDescriptorProto.FromString(serialized)
    return text_format.MessageToString(proto).splitlines()


def compare(upstream: str, patched: str, release: str) -> List[str]:
    """Every difference on the wire between the two sources (empty: none)."""
    import difflib

    problems: List[str] = []
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        up_tree, pa_tree = Path(a), Path(b)
        _copy_tree(upstream, up_tree)
        _copy_tree(patched, pa_tree)
        up, pa = descriptors(up_tree), descriptors(pa_tree)
        for name in sorted(set(up) - set(pa)):
            problems.append(f"{name}: missing from the patched wheel")
        for name in sorted(set(pa) - set(up)):
            problems.append(f"{name}: not in upstream {release}")
        for name in sorted(set(up) & set(pa)):
            if up[name] != pa[name]:
                diff = difflib.unified_diff(
                    _as_text(up[name]),
                    _as_text(pa[name]),
                    "upstream",
                    "patched",
                    lineterm="",
                )
                problems.append(f"{name}: descriptor differs\n" + "\n".join(diff))
        up_static, pa_static = static_files(up_tree), static_files(pa_tree)
        if up_static != pa_static:
            changed = sorted(
                k
                for k in set(up_static) | set(pa_static)
                if up_static.get(k) != pa_static.get(k)
            )
            problems.append(f"frontend (streamlit/static) differs: {changed[:10]}")
        if not problems:
            counts = f"{len(up)} proto descriptors and {len(up_static)} frontend files"
            print(f"wire guard: {counts} identical to upstream {release}")
    return problems


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--release", help="upstream release (default: installed)")
    parser.add_argument("--upstream", help="upstream wheel (default: the pinned one)")
    parser.add_argument(
        "--patched", default="installed", help="'installed', a wheel, or a folder"
    )
    args = parser.parse_args(argv)
    try:
        release = args.release or installed_release()
        upstream = args.upstream or str(upstream_wheel(release))
        if not Path(upstream).is_file():
            raise GuardError(f"no upstream wheel {upstream}: run `make wheel`")
        problems = compare(upstream, args.patched, release)
    except GuardError as e:
        print(f"wire guard: {e}", file=sys.stderr)
        return 2
    for p in problems:
        print(f"wire guard: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
