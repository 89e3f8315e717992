from __future__ import annotations

import inspect
import logging
from typing import Iterator

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from support.apps import COERCING_MODES, coercion, renewed_classes
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


# Test modules whose apps need classes as the class statements give them: the
# kept classes themselves, and what an edit does.
_AS_WRITTEN = {"test_kept_classes.py", "test_class_edits.py"}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Each case twice on the patched wheel: with the classes its app's class
    statements keep from run to run, and with every class renewed every run
    (as on stock, or after an edit), where the update of kept values and the
    re-read of widget values do the work. Stock runs each case once."""
    renewed = (
        not metafunc.config.getoption("--stock")
        and metafunc.definition.path.name not in _AS_WRITTEN
    )
    metafunc.parametrize(
        "classes", ["kept", "renewed"] if renewed else ["kept"], indirect=True
    )


@pytest.fixture(autouse=True)
def classes(request: pytest.FixtureRequest) -> Iterator[str]:
    """How the app's class statements give their classes (see above)."""
    if request.param == "renewed":
        with renewed_classes():
            yield request.param
    else:
        yield request.param


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
