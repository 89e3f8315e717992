"""In-tree PEP 517 backend, so that ``pip install .`` installs the patched wheel.

The wheel is upstream's wheel with our patches and modules, not something
setuptools could build from sources, so the backend hands pip that wheel.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wheelbuild.build import build_wheel as _build


def build_wheel(
    wheel_directory: str,
    config_settings: dict[str, Any] | None = None,
    metadata_directory: str | None = None,
) -> str:
    return _build(Path(wheel_directory)).name


def get_requires_for_build_wheel(
    config_settings: dict[str, Any] | None = None,
) -> list[str]:
    return []
