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


INSTANCES_ALLOWED = "expected one of 'off', 'dataClasses', 'allClasses'"


@pytest.mark.parametrize("value", ["off", "dataClasses", "allClasses"])
def test_instance_values_are_accepted(value):
    assert mode.INSTANCES.validate(value) == value


@pytest.mark.parametrize(
    ("value", "hint"),
    [("dataclasses", "dataClasses"), ("ALLCLASSES", "allClasses"),
     ("all", None), ("dataClass", "dataClasses"), (1, None), (None, None)],
)  # fmt: skip
def test_invalid_instance_values_get_a_clear_error(value, hint):
    with pytest.raises(StreamlitAPIException) as raised:
        mode.INSTANCES.validate(value)
    message = str(raised.value)
    assert "'runner.instanceCoercion'" in message
    assert repr(value) in message
    assert INSTANCES_ALLOWED in message
    if hint is None:
        assert "Did you mean" not in message
    else:
        assert f"Did you mean '{hint}'?" in message


def test_the_instance_default_moves_data_classes_only():
    from streamlit import config

    assert mode.INSTANCES.default == "dataClasses"
    assert config.get_option("runner.instanceCoercion") == "dataClasses"


def test_either_invalid_option_stops_a_server_start():
    from streamlit.testing.v1.util import patch_config_options

    with patch_config_options({"runner.instanceCoercion": "everything"}):
        with pytest.raises(mode.InvalidCoercionModeError, match="instanceCoercion"):
            mode.check_before_serving()
