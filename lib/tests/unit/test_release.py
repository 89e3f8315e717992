"""The release facts of ``class_identity.release`` hold for the installed release.

``release.py`` reads each fact off the installed Streamlit; here each one is
checked against the facts written down for the release
(``support/release_facts``) and against what the release really does: how
its session state calls a deserializer, what its widgets register.
``test_release_coercion`` shows coercion on through the real code path.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from typing import Any

import pytest
from google.protobuf.message import Message
from streamlit.class_identity import release
from streamlit.class_identity.widget_values import BrowserValue
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.runtime.state.common import WidgetMetadata
from streamlit.runtime.state.session_state import Serialized, Value, WStates

# What this package relies on in a release's internals: run on every release.
pytestmark = pytest.mark.smoke


def test_deserializer_arity_is_the_releases(facts):
    assert release.DESERIALIZER_ARITY == facts.arity


def _recording_metadata(calls: list[tuple[Any, ...]]) -> WidgetMetadata[Any]:
    def deserializer(*args: Any) -> str:
        calls.append(tuple(_comparable(a) for a in args))
        return "read"

    return WidgetMetadata(
        id="$$WIDGET_ID-recorded-None",
        deserializer=deserializer,
        serializer=lambda v: v,
        value_type="int_value",
    )


def _comparable(arg: Any) -> Any:
    """A repeated field's data as a list; anything else as it is."""
    if isinstance(arg, (int, str, dict, Message)):
        return arg
    return list(arg)


@pytest.mark.parametrize(
    "field, payload",
    [
        ("int_value", 1),
        ("string_value", "Color.GREEN"),
        ("int_array_value", [0, 2]),
        ("string_array_value", ["Color.RED", "Color.BLUE"]),
        ("double_array_value", [0.0, 2.0]),
        ("json_value", '{"selection": [1]}'),
        ("string_trigger_value", "Color.GREEN"),
    ],
)
def test_deserialize_calls_a_deserializer_as_the_releases_session_state_does(
    field, payload
):
    message = WidgetState(id="$$WIDGET_ID-recorded-None")
    if isinstance(payload, list):
        getattr(message, field).data[:] = payload
    elif field == "string_trigger_value":
        message.string_trigger_value.data = payload
    else:
        setattr(message, field, payload)
    by_session_state: list[tuple[Any, ...]] = []
    by_release: list[tuple[Any, ...]] = []

    states = WStates()
    states.widget_metadata[message.id] = _recording_metadata(by_session_state)
    states.states[message.id] = Serialized(message)
    assert states[message.id] == "read"
    release.deserialize(_recording_metadata(by_release), release.unpack(message))

    assert len(by_session_state) == 1
    assert by_session_state[0][1:] == (message.id,)[: release.DESERIALIZER_ARITY - 1]
    assert by_release == by_session_state


def test_value_slotted_is_the_releases(facts):
    assert release.VALUE_SLOTTED is facts.slotted


def test_a_browser_value_is_slotted_exactly_when_value_is():
    plain, ours = Value(1), BrowserValue(1, WidgetState())
    assert hasattr(ours, "__dict__") is hasattr(plain, "__dict__")
    assert ours == plain  # what session state's own comparisons expect


def test_option_serdes_are_the_releases_option_widgets(facts):
    assert {cls.__name__ for cls in release.option_serdes()} == facts.serdes


# Serdes that only another serde holds, never a widget's deserializer: 1.45-1.54's
# button_group _MultiSelectSerde, inside ButtonGroupSerde (which is found).
_INNER_SERDES = {"streamlit.elements.widgets.button_group._MultiSelectSerde"}


def test_every_widget_serde_that_takes_options_is_found():
    """A new option widget in a release must not go unnoticed."""
    import streamlit.elements.widgets as widgets

    taking_options = set()
    for info in pkgutil.iter_modules(widgets.__path__):
        module = importlib.import_module(f"{widgets.__name__}.{info.name}")
        for name, cls in vars(module).items():
            if (
                inspect.isclass(cls)
                and cls.__module__ == module.__name__
                and name.endswith("Serde")
                # Of __init__: a Generic dataclass's own signature is
                # (*args, **kwds) on Python 3.8.
                and "options" in inspect.signature(cls.__init__).parameters
                and f"{module.__name__}.{name}" not in _INNER_SERDES
            ):
                taking_options.add(cls)
    assert taking_options == set(release.option_serdes())


def test_a_config_option_gets_a_new_getter_with_every_value():
    """``RunModes.configured`` keeps its answer while both options' getters
    (``ConfigOption._get_val_func``) stay: each value set must bring one."""
    from streamlit import config

    option = config.get_config_options()["runner.instanceCoercion"]
    before, getter = option.value, option._get_val_func
    try:
        config.set_option("runner.instanceCoercion", "allClasses")
        assert option._get_val_func is not getter
        assert option._get_val_func() == option.value == "allClasses"
    finally:
        config.set_option("runner.instanceCoercion", before)
