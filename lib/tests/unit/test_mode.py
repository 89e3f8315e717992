"""runner.enumCoercion values: the allowed ones, and a clear error for the rest."""

from __future__ import annotations

import pytest
from streamlit.class_identity import mode
from streamlit.errors import StreamlitAPIException

ALLOWED = "expected one of 'off', 'nameOnly', 'nameAndValue'"


@pytest.mark.parametrize("value", ["off", "nameOnly", "nameAndValue"])
def test_allowed_values_are_accepted(value):
    assert mode.validate(value) == value


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("nameonly", "nameOnly"),
        ("NAMEANDVALUE", "nameAndValue"),
        ("Off", "off"),
        (" nameOnly", "nameOnly"),
        ("nameOnly\n", "nameOnly"),
        ("nameOnyl", "nameOnly"),
        ("name_and_value", "nameAndValue"),
        ("", None),
        ("strict", None),
        (0, None),
        (1.5, None),
        (True, None),
        (None, None),
        (["off"], None),
        ({"mode": "off"}, None),
    ],
)
def test_invalid_values_get_a_clear_error(value, hint):
    with pytest.raises(StreamlitAPIException) as raised:
        mode.validate(value)
    message = str(raised.value)
    assert "'runner.enumCoercion'" in message
    assert repr(value) in message
    assert ALLOWED in message
    if hint is None:
        assert "Did you mean" not in message
    else:
        assert f"Did you mean '{hint}'?" in message


def test_current_or_none_never_raises():
    from streamlit.testing.v1.util import patch_config_options

    with patch_config_options({"runner.enumCoercion": ["off"]}):
        assert mode.current_or_none() is None
        with pytest.raises(mode.InvalidCoercionModeError):
            mode.current()
