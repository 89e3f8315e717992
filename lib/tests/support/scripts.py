"""The building blocks of the apps the tests run, each written once.

An app is put together with ``script(*parts)`` from these blocks and the
lines of its own, so that it reads like a user's app: the imports, the
classes it defines anew on every run, then what it does and reports (its
``st.text("name=value")`` lines, which ``support.apps.report`` reads).
"""

from __future__ import annotations

import textwrap

ENUM_IMPORTS = """
from enum import Enum
import streamlit as st
"""


def color_enum(*names: str) -> str:
    """``class Color(Enum)`` with the members ``names``, valued 1, 2, ..."""
    members = "".join(f"    {name} = {i}\n" for i, name in enumerate(names, 1))
    return f"class Color(Enum):\n{members}"


# The class most apps here define anew on every run, and its shorter form.
COLOR_ENUM = color_enum("RED", "GREEN", "BLUE")
TWO_COLOR_ENUM = color_enum("RED", "GREEN")

# A store that outlives reruns without going through session state, as a
# module-level dict or a cache_resource object does in users' apps.
KEEPER = """
@st.cache_resource
def kept():
    return {}

store = kept()
"""

# The button the tests click to rerun the app.
RERUN_BUTTON = 'st.button("rerun")'

# A data-class record, as apps keep them in session state.
POINT_RECORD = """
@dataclass
class Point:
    x: int
    y: int
"""


def script(*parts: str) -> str:
    """An app's text: the parts, each dedented, a blank line apart."""
    return "\n" + "\n\n".join(textwrap.dedent(p).strip("\n") for p in parts) + "\n"


# An app that imports Enum and Streamlit and defines Color, for the lines of
# a test to follow.
COLOR_APP = script(ENUM_IMPORTS, COLOR_ENUM)
TWO_COLOR_APP = script(ENUM_IMPORTS, TWO_COLOR_ENUM)
