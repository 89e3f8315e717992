"""Shared pytest set-up: which Streamlit is under test, and the stock run.

``pytest --stock`` runs the behaviour suite against stock Streamlit of the
installed release. A test marked ``coercion`` is a case where class identity
is restored; on stock it must fail with an assertion (a strict xfail), unless
the mark says stock has the case itself from some release on
(``@pytest.mark.coercion(stock_since="1.29")``) or in some releases
(``stock_in=">=1.35,<1.38"``), in which case it must pass there. Every
other test must pass on stock as on the patched wheel. So the suite
records, case by case, which rows upstream already has.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet
from packaging.version import Version

sys.path.insert(0, str(Path(__file__).parent))  # for `support`

from support.release import RELEASE, release_at_least


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--stock",
        action="store_true",
        help="run against stock Streamlit: coercion cases it lacks must fail",
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


def stock_has(item: pytest.Item) -> bool:
    """Whether stock Streamlit of the installed release has this case itself:
    from ``stock_since`` on, or in the releases ``stock_in`` (a PEP 440
    specifier set) names."""
    mark = item.get_closest_marker("coercion")
    if mark is None:
        return False
    since, within = mark.kwargs.get("stock_since"), mark.kwargs.get("stock_in")
    if within is not None:
        return Version(RELEASE) in SpecifierSet(within)
    return since is not None and release_at_least(since)


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    # (Cases of a feature the installed release lacks, ``only_where``, are
    # deselected by the repository's conftest.py.)
    if not config.getoption("--stock"):
        return
    for item in items:
        if item.get_closest_marker("coercion") and not stock_has(item):
            item.add_marker(
                pytest.mark.xfail(
                    strict=True,
                    raises=AssertionError,
                    reason=f"stock {RELEASE} lacks this class-identity case",
                )
            )
