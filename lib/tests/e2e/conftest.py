"""Fixtures for tests against a real ``streamlit run`` server.

A test that needs a server starts it itself: ``serve(app, ...)`` runs
``python -m streamlit run`` with the interpreter under test (the patched
wheel) or stock upstream's of the same release (``.venv/stock-<release>``)
on a free loopback port, waits for ``/_stcore/health`` and ends its process
group at teardown.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from support.servers import STOCK_PYTHON, Serve, serve_factory


@pytest.fixture()
def serve(tmp_path: Path) -> Iterator[Serve]:
    """Start servers for one test; all are stopped when it ends."""
    factory, started = serve_factory(tmp_path)
    yield factory
    for server in started:
        server.cleanup()


@pytest.fixture(scope="module")
def serve_module(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Serve]:
    """Start servers shared by a module's tests; stopped after the module."""
    factory, started = serve_factory(tmp_path_factory.mktemp("servers"))
    yield factory
    for server in started:
        server.cleanup()


@pytest.fixture(scope="session")
def stock_python() -> str:
    """Stock upstream's interpreter; missing is a failure (``make stock-venv``)."""
    assert STOCK_PYTHON.exists(), f"{STOCK_PYTHON} is missing: run `make stock-venv`"
    return str(STOCK_PYTHON)
