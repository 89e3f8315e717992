from __future__ import annotations

import os
from typing import Iterator

import pytest
from hypothesis import HealthCheck, settings
from streamlit.testing.v1.util import patch_config_options
from support import release_facts

# CI runs the property tests with at least 2,000 examples each on the anchor
# releases' default interpreter, and 200 ("interpreters") on the other
# interpreters and releases; `make fuzz` selects the "fuzz" profile for a
# much longer search.
settings.register_profile(
    "ci",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    derandomize=True,
)
# The other interpreters of the matrix (make test-python) and the smoke part
# of the releases beyond the anchors: what differs between Pythons or
# releases shows in far fewer examples, and CI has a budget.
settings.register_profile(
    "interpreters",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    derandomize=True,
)
settings.register_profile(
    "fuzz",
    max_examples=50_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture()
def facts() -> release_facts.Facts:
    """What the installed release does."""
    return release_facts.installed()


@pytest.fixture()
def coercing() -> Iterator[None]:
    """Apps run with coercion on, in the default mode."""
    with patch_config_options({"runner.enumCoercion": "nameOnly"}):
        yield
