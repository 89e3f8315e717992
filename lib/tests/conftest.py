"""Shared pytest set-up: which Streamlit is under test, and the stock run.

``pytest --stock`` runs the behaviour suite against stock Streamlit 1.28.2:
every test marked ``coercion`` becomes a strict xfail (it must fail, with an
assertion), and every other test must pass as it does on the patched wheel.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # for `support`


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--stock",
        action="store_true",
        help="run against stock Streamlit 1.28.2: coercion cases must fail",
    )


def _patched() -> bool:
    import importlib.util

    return importlib.util.find_spec("streamlit.class_identity") is not None


def pytest_configure(config: pytest.Config) -> None:
    import streamlit

    where = Path(streamlit.__file__).parent
    if "site-packages" not in where.parts:
        raise pytest.UsageError(
            f"tests must import an installed streamlit, not {where}"
        )
    stock = config.getoption("--stock")
    if stock and _patched():
        raise pytest.UsageError("--stock given, but the installed streamlit is patched")
    if not stock and not _patched():
        raise pytest.UsageError(
            "the installed streamlit is not the patched wheel (use --stock for stock)"
        )


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    if not config.getoption("--stock"):
        return
    for item in items:
        if item.get_closest_marker("coercion"):
            item.add_marker(
                pytest.mark.xfail(
                    strict=True,
                    raises=AssertionError,
                    reason="stock 1.28.2 has no class-identity coercion",
                )
            )
