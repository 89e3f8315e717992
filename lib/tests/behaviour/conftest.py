from __future__ import annotations

import inspect
import logging
from typing import Iterator

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from support.apps import COERCING_MODES, coercion
from support.apptest_api import forget_navigation

# Behaviour of features a release has: collected only where it has them.
collect_ignore = [
    name
    for name, present in {
        "test_fragments.py": hasattr(st, "fragment"),
        "test_navigation.py": hasattr(st, "navigation"),
        # 1.28.2 runs a pages/ page as the script itself; its AppTest cannot
        # switch pages.
        "test_pages.py": hasattr(AppTest, "switch_page"),
        "test_new_options.py": "accept_new_options"
        in inspect.signature(st.multiselect).parameters,
    }.items()
    if not present
]


@pytest.fixture(autouse=True)
def fresh_caches() -> Iterator[None]:
    """st.cache_resource outlives AppTest instances: start each test empty,
    and with no earlier app's st.navigation left in the pages manager."""
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()
    forget_navigation()
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


# The loggers our warnings go to: refusals (per session and class) and
# shared st.cache_resource objects (per class).
WARNING_LOGGERS = (
    "streamlit.class_identity.session_identity",
    "streamlit.class_identity.cached_resources",
)


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def above_debug(self) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno > logging.DEBUG]


@pytest.fixture()
def logged() -> Iterator[Records]:
    """What our loggers say during the test."""
    handler = Records()
    loggers = [logging.getLogger(name) for name in WARNING_LOGGERS]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield handler
    finally:
        for logger in loggers:
            logger.removeHandler(handler)
