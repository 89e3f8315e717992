"""What the running Python has, for cases of features older ones lack.

A case of a feature the interpreter lacks is no case of that interpreter:
it is deselected (``only_where``), as a case of a feature a release lacks.
"""

from __future__ import annotations

import sys
from typing import Any, Callable, Iterable

import pytest

# enum.StrEnum, dataclass(weakref_slot=True)
HAS_STRENUM = SINCE_3_11 = sys.version_info >= (3, 11)
# dataclass(slots=True), and st.cache_resource over a staticmethod object
# (which gained __module__ and __qualname__ in 3.10)
SINCE_3_10 = sys.version_info >= (3, 10)


def where(
    values: Iterable[Any], needs: Callable[[Any], bool], present: bool, reason: str
) -> list[Any]:
    """``values`` as parameters, those that ``needs`` a feature marked
    ``only_where(present)``."""
    mark = pytest.mark.only_where(present, reason=reason)
    return [pytest.param(v, marks=mark) if needs(v) else v for v in values]
