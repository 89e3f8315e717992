"""Helpers shared by the test suites.

Importing the package puts ``frontend-stub/`` on ``sys.path``: the tests
``import st_stub``, the headless protocol client, whose ``protocol`` module
is the one owner of what a release's browser sends.
"""

import sys
from pathlib import Path

_STUB = str(Path(__file__).resolve().parents[3] / "frontend-stub")
if _STUB not in sys.path:
    sys.path.insert(0, _STUB)
