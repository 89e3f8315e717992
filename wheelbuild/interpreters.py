"""The interpreters of this machine, by version, for the Makefile's matrix.

The machine image keeps several CPython versions beside the default one
(pyenv's; ``pyenv versions`` lists them). An interpreter is found as
``pythonX.Y`` on the PATH when that runs, else in pyenv's versions folder.
A version the machine lacks is an error that says so: the matrix never
leaves an interpreter out quietly.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path


class MissingInterpreter(Exception):
    """The machine has no interpreter of the version asked for."""


def _runs(path: str, version: str) -> bool:
    probe = "import sys; print('%d.%d' % sys.version_info[:2])"
    try:
        done = subprocess.run(
            [path, "-c", probe], capture_output=True, text=True, timeout=30
        )
    except OSError:
        return False
    return done.returncode == 0 and done.stdout.strip() == version


def _patch_level(path: Path) -> tuple[int, ...]:
    parts = path.name.split(".")
    return tuple(int(p) if p.isdigit() else -1 for p in parts)


def find(version: str) -> str:
    """The path of a CPython ``version`` ("3.12") interpreter of this machine."""
    on_path = shutil.which(f"python{version}")
    if on_path and _runs(on_path, version):
        return on_path
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    candidates = sorted(root.glob(f"{version}.*"), key=_patch_level, reverse=True)
    for folder in candidates:
        path = folder / "bin" / f"python{version}"
        if path.exists() and _runs(str(path), version):
            return str(path)
    raise MissingInterpreter(
        f"no Python {version} on this machine (looked for python{version} on the "
        f"PATH and in {root}); install it (pyenv install {version}) or leave it "
        "out with PYTHONS="
    )
