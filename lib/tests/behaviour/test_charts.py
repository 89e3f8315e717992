"""An Enum class given to anything but an option widget is taken as stock takes it.

Only the option widgets take an Enum class as its members. Since 1.38 a
chart's ``y=`` goes through the same conversion of a sequence as the
option widgets' ``options``; there a str-mixin Enum class names columns by
its members' values, as on stock: ``st.line_chart(df, y=Cols)`` draws the
chart of ``y=["A", "B"]``.
"""

from __future__ import annotations

import pytest
from support.apps import app, no_exception
from support.release import release_at_least

CHARTS = """
from enum import Enum
import pandas as pd
import streamlit as st

class Cols(str, Enum):
    A = "A"
    B = "B"

df = pd.DataFrame({{"A": [1, 2, 3], "B": [3, 2, 1], "C": [0, 0, 0]}})
st.{chart}(df, y=Cols)
st.{chart}(df, y=["A", "B"])
st.button("rerun")
"""


@pytest.mark.only_where(
    release_at_least("1.38.0"),
    reason="a chart's y takes a str-mixin Enum class by its values from 1.38 "
    "(dataframe_util.convert_anything_to_list)",
)
@pytest.mark.parametrize("chart", ["line_chart", "bar_chart", "area_chart"])
def test_a_str_mixin_enum_class_as_a_charts_y_draws_as_stock(chart, mode):
    at = app(CHARTS.format(chart=chart)).run()
    at.button[0].click().run()
    assert no_exception(at), at.exception
    by_class, by_names = list(at.main.children.values())[:2]
    assert by_class.type == by_names.type
    assert by_class.proto == by_names.proto
