"""Our two options (``config_options``): allowed values, clear errors, a run's modes."""

from __future__ import annotations

import pytest
from streamlit.class_identity import config_options
from streamlit.class_identity.config_options import RunModes
from streamlit.errors import StreamlitAPIException

ALLOWED = "expected one of 'off', 'nameOnly', 'nameAndValue'"


@pytest.mark.parametrize("value", ["off", "nameOnly", "nameAndValue"])
def test_allowed_values_are_accepted(value):
    assert config_options.ENUMS.validate(value) == value


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
    assert config_options.ENUMS.option == "runner.enumCoercion"
    _assert_clear_error(config_options.ENUMS, value, hint, ALLOWED)


def _assert_clear_error(choice, value, hint, allowed):
    """The error names the option, the bad value, the allowed ones, and a hint."""
    with pytest.raises(StreamlitAPIException) as raised:
        choice.validate(value)
    message = str(raised.value)
    assert f"'{choice.option}'" in message
    assert repr(value) in message
    assert allowed in message
    if hint is None:
        assert "Did you mean" not in message
    else:
        assert f"Did you mean '{hint}'?" in message


def test_a_runs_modes_leave_reads_alone_and_stop_widgets_when_invalid():
    modes = RunModes((["off"], "dataClasses"))
    assert modes.enums is None and not modes.enums_on
    assert modes.for_reads() == (None, "dataClasses")
    with pytest.raises(config_options.InvalidCoercionModeError):
        modes.for_widgets()


def test_a_runs_modes_are_read_from_the_config():
    from streamlit.testing.v1.util import patch_config_options

    with patch_config_options(
        {"runner.enumCoercion": "nameAndValue", "runner.instanceCoercion": "bogus"}
    ):
        modes = RunModes.configured()
    assert modes.raw == ("nameAndValue", "bogus")
    assert modes.for_reads() == ("nameAndValue", "off")
    with pytest.raises(config_options.InvalidCoercionModeError, match="instanceCoerc"):
        modes.for_widgets()


def test_a_runs_modes_are_what_get_option_gives():
    from streamlit import config

    assert RunModes.configured().raw == (
        config.get_option("runner.enumCoercion"),
        config.get_option("runner.instanceCoercion"),
    )


def test_a_runs_modes_follow_a_value_set_between_runs():
    from streamlit import config

    before = config.get_option("runner.instanceCoercion")
    try:
        config.set_option("runner.instanceCoercion", "allClasses")
        assert RunModes.configured().instances == "allClasses"
        config.set_option("runner.instanceCoercion", "off")
        assert RunModes.configured().instances == "off"
    finally:
        config.set_option("runner.instanceCoercion", before)


def test_a_runs_modes_follow_a_config_parsed_again(tmp_path, monkeypatch):
    """A new registry (config.toml parsed again) has new getters."""
    from streamlit import config

    config_file = tmp_path / ".streamlit" / "config.toml"
    config_file.parent.mkdir()
    config_file.write_text('[runner]\ninstanceCoercion = "allClasses"\n')
    if hasattr(config, "get_config_files"):  # the files looked up at each parse
        monkeypatch.setattr(config, "get_config_files", lambda _: [str(config_file)])
    else:  # 1.28: a list made at import
        monkeypatch.setattr(config, "CONFIG_FILENAMES", [str(config_file)])
    assert RunModes.configured().instances == "dataClasses"
    try:
        config.get_config_options(force_reparse=True)
        assert RunModes.configured().instances == "allClasses"
    finally:
        config_file.unlink()
        config.get_config_options(force_reparse=True)
    assert RunModes.configured().instances == "dataClasses"


def test_register_keeps_a_releases_own_option_and_adds_the_missing_one():
    class Option:
        description = "upstream's words"

    created = {}
    options = {"runner.enumCoercion": Option()}
    config_options.register(lambda key, **kw: created.update({key: kw}), options)
    assert options["runner.enumCoercion"].description == (
        config_options.ENUMS.description
    )
    assert list(created) == ["runner.instanceCoercion"]
    assert created["runner.instanceCoercion"]["default_val"] == "dataClasses"


INSTANCES_ALLOWED = "expected one of 'off', 'dataClasses', 'allClasses'"


@pytest.mark.parametrize("value", ["off", "dataClasses", "allClasses"])
def test_instance_values_are_accepted(value):
    assert config_options.INSTANCES.validate(value) == value


@pytest.mark.parametrize(
    ("value", "hint"),
    [("dataclasses", "dataClasses"), ("ALLCLASSES", "allClasses"),
     ("all", None), ("dataClass", "dataClasses"), (1, None), (None, None)],
)  # fmt: skip
def test_invalid_instance_values_get_a_clear_error(value, hint):
    assert config_options.INSTANCES.option == "runner.instanceCoercion"
    _assert_clear_error(config_options.INSTANCES, value, hint, INSTANCES_ALLOWED)


def test_the_instance_default_moves_data_classes_only():
    from streamlit import config

    assert config_options.INSTANCES.default == "dataClasses"
    assert config.get_option("runner.instanceCoercion") == "dataClasses"


def test_either_invalid_option_stops_a_server_start():
    from streamlit.testing.v1.util import patch_config_options

    with patch_config_options({"runner.instanceCoercion": "everything"}):
        invalid = config_options.InvalidCoercionModeError
        with pytest.raises(invalid, match="instanceCoercion"):
            config_options.check_before_serving()
