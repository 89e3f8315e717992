"""An Enum class given as options (``widget_options``)."""

from __future__ import annotations

from enum import Enum

import pytest
from streamlit.class_identity.widget_options import (
    enum_class_as_options,
    labelled_as_stock,
    options_as_given,
)
from streamlit.testing.v1.util import patch_config_options


class Model(str, Enum):
    GPT = "gpt-4"
    CLAUDE = "claude"


class Color(Enum):
    RED = 1


def test_a_str_mixin_enum_class_is_its_members(coercing):
    assert enum_class_as_options(Model) == [Model.GPT, Model.CLAUDE]


def test_a_plain_enum_class_is_left_to_the_release_which_lists_its_members(
    coercing,
):
    """Nothing made twice on every rerun of the usual app: the release's own
    conversion lists a plain class's members (the widget cases of every
    release hold it to that)."""
    assert enum_class_as_options(Color) is None
    members = [Color.RED]  # the release's own conversion of Color
    assert options_as_given(Color, members) is members


@pytest.mark.parametrize("options", [["a"], "abc", None, Model.GPT])
def test_anything_else_is_left_to_the_release(options, coercing):
    assert enum_class_as_options(options) is None


def test_a_widget_takes_an_enum_class_as_its_members_else_the_releases_list(
    coercing,
):
    values = ["gpt-4", "claude"]  # what the release's own conversion may give
    assert options_as_given(Model, values) == [Model.GPT, Model.CLAUDE]
    assert options_as_given(["gpt-4", "claude"], values) is values


def test_off_leaves_an_enum_class_to_the_release():
    with patch_config_options({"runner.enumCoercion": "off"}):
        assert enum_class_as_options(Model) is None
        values = ["gpt-4", "claude"]
        assert options_as_given(Model, values) is values


def test_str_mixin_members_are_labelled_as_stock_labels_their_values(coercing):
    label = labelled_as_stock(Model, str)
    assert [label(m) for m in Model] == ["gpt-4", "claude"]
    assert label("typed") == "typed"


def test_other_options_keep_their_format_func(coercing):
    assert labelled_as_stock(Color, str) is str
    assert labelled_as_stock([Model.GPT], str) is str
    assert labelled_as_stock(Model, None) is None
