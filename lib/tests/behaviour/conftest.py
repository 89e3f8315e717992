from __future__ import annotations

from typing import Iterator

import pytest
from support.apps import COERCING_MODES, coercion


@pytest.fixture(params=COERCING_MODES)
def mode(request: pytest.FixtureRequest) -> Iterator[str]:
    """Each coercing mode in turn, set as a test sets any Streamlit option."""
    with coercion(request.param) as m:
        yield m


@pytest.fixture()
def off() -> Iterator[str]:
    with coercion("off") as m:
        yield m
