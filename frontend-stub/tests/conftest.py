"""The client's tests import it from ``frontend-stub/`` (no install step)."""

import sys
from pathlib import Path

STUB = Path(__file__).resolve().parents[1]
if str(STUB) not in sys.path:
    sys.path.insert(0, str(STUB))
