from __future__ import annotations

from typing import Iterator

import pytest
from support.apps import COERCING_MODES, coercion


@pytest.fixture(autouse=True)
def fresh_caches() -> Iterator[None]:
    """st.cache_resource outlives AppTest instances: start each test empty."""
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture(params=COERCING_MODES)
def mode(request: pytest.FixtureRequest) -> Iterator[str]:
    """Each coercing mode in turn, set as a test sets any Streamlit option."""
    with coercion(request.param) as m:
        yield m


@pytest.fixture()
def off() -> Iterator[str]:
    with coercion("off") as m:
        yield m
