"""Which upstream release the installed Streamlit is, and where its venvs are.

The tests run against the patched wheel and against stock Streamlit of each
release the wheel is built for; ``make`` keeps their venvs side by side in
``.venv/<release>`` and ``.venv/stock-<release>``.
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

from packaging.version import Version

ROOT = Path(__file__).resolve().parents[3]

# The upstream release, without our local version: "1.67.0".
RELEASE = Version(version("streamlit")).base_version


def release_at_least(release: str) -> bool:
    return Version(RELEASE) >= Version(release)


# Stock 1.53's selectbox resets a value no longer among its options to the
# default, comparing an Enum member with ``==``
# (``validate_and_sync_value_with_options``; 1.54 compares labels): a member
# of an earlier run's class that nothing made current (coercion off, or a
# refused coercion) is replaced by the current default there, as on stock.
SELECTBOX_RESETS_STALE_MEMBERS = Version(RELEASE).release[:2] == (1, 53)


def venv_python(kind: str = "stock", release: str = RELEASE) -> Path:
    """The interpreter of ``.venv/<release>`` (patched) or ``.venv/stock-<release>``."""
    name = release if kind == "patched" else f"{kind}-{release}"
    return ROOT / ".venv" / name / "bin" / "python"


STOCK_PYTHON = venv_python("stock")
PATCHED_PYTHON = venv_python("patched")
