"""Wire guard: the patched wheel ships its upstream release's protocol and frontend.

The patch must not touch the wire protocol, so that the stock prebuilt
frontend of each release keeps working. Each wheel's ``*.dist-info/RECORD``
gives the sha256 of every file it holds: those of ``streamlit/proto/`` (the
protobuf modules) and ``streamlit/static/`` (the prebuilt frontend) must be
the same in upstream's pinned wheel of the release (``.cache/upstream/``, the
file ``python -m wheelbuild --print upstream --release X`` names) and in the
patched one: a wheel file, or the installed streamlit's RECORD.

    python proto/check_wire.py [--release X] [--upstream WHEEL]
                               [--patched installed|WHEEL]

``--release`` defaults to the installed streamlit's upstream release,
``--upstream`` to that release's pinned wheel.

Exit status 0: identical; 1: a difference (printed); 2: bad input.
"""

from __future__ import annotations

import argparse
import csv
import io
import subprocess
import sys
import zipfile
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path
from typing import Dict, List

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("streamlit/proto/", "streamlit/static/")


class GuardError(Exception):
    """The input is not a Streamlit wheel or install."""


def hashes(source: str) -> Dict[str, str]:
    """Path -> RECORD hash of every file under PARTS in ``source``."""
    try:
        if source == "installed":
            files = distribution("streamlit").files or []
            rows = [(str(f), f"{f.hash.mode}={f.hash.value}" if f.hash else "")
                    for f in files]  # fmt: skip
        else:
            with zipfile.ZipFile(source) as whl:
                record = next(n for n in whl.namelist()
                              if n.endswith(".dist-info/RECORD"))  # fmt: skip
                rows = [(r[0], r[1]) for r in csv.reader(
                    io.TextIOWrapper(whl.open(record), "utf-8")) if r]  # fmt: skip
    except (OSError, zipfile.BadZipFile, StopIteration, PackageNotFoundError) as e:
        raise GuardError(f"{source}: not a wheel or an installed streamlit") from e
    found = {path: digest for path, digest in rows if path.startswith(PARTS) and digest}
    if not any(path.startswith(PARTS[0]) for path in found):
        raise GuardError(f"{source} has no streamlit/proto")
    return found


def compare(upstream: str, patched: str, release: str) -> List[str]:
    """Every file of the protocol or the frontend that differs (empty: none)."""
    theirs, ours = hashes(upstream), hashes(patched)
    problems = []
    for path in sorted(theirs.keys() | ours.keys()):
        if path not in ours:
            problems.append(f"{path}: missing from the patched wheel")
        elif path not in theirs:
            problems.append(f"{path}: not in upstream {release}")
        elif theirs[path] != ours[path]:
            problems.append(f"{path}: differs from upstream {release}")
    if not problems:
        print(f"wire guard: {len(theirs)} files of streamlit/proto and "
              f"streamlit/static identical to upstream {release}")  # fmt: skip
    return problems


def pinned_wheel(release: str) -> Path:
    """Upstream's wheel of ``release``, where the Makefile downloads it."""
    command = [sys.executable, "-m", "wheelbuild", "--print", "upstream",
               "--release", release]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise GuardError(f"no pinned upstream wheel of {release}: {done.stderr}")
    return ROOT / ".cache" / "upstream" / done.stdout.strip()


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--release", help="upstream release (default: installed)")
    parser.add_argument("--upstream", help="upstream wheel (default: the pinned one)")
    parser.add_argument(
        "--patched", default="installed", help="'installed' or a wheel file"
    )
    args = parser.parse_args(argv)
    try:
        release = args.release or distribution("streamlit").version.split("+")[0]
        upstream = args.upstream or str(pinned_wheel(release))
        if not Path(upstream).is_file():
            raise GuardError(f"no upstream wheel {upstream}: run `make wheel`")
        problems = compare(upstream, args.patched, release)
    except (GuardError, PackageNotFoundError) as e:
        print(f"wire guard: {e}", file=sys.stderr)
        return 2
    for p in problems:
        print(f"wire guard: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
