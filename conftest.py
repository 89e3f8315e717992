"""What every test of the repository shares (lib/tests, frontend-stub/tests,
proto/, wheelbuild/tests).

``only_where(condition, reason)`` (a marker of pyproject.toml): a case of a
feature the installed release or the interpreter may lack. Where the
condition is false it is no case of that release: deselected, not skipped.
"""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    absent = [
        item
        for item in items
        if (mark := item.get_closest_marker("only_where")) and not mark.args[0]
    ]
    if absent:
        config.hook.pytest_deselected(items=absent)
        items[:] = [item for item in items if item not in absent]
