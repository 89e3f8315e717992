from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# CI runs the property tests with at least 2,000 examples each; `make fuzz`
# selects the "fuzz" profile for a much longer search.
settings.register_profile(
    "ci",
    max_examples=2000,
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
