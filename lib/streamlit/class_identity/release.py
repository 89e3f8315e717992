"""What differs between the upstream releases the wheel is built for.

Everything else in this package is the same on every release. Each fact here
is read off the installed Streamlit (its types, signatures and modules), not
off a version string, and each is asserted by ``lib/tests/unit/test_release``
on every release, so that an internal API that changes in a new release
makes a test fail instead of switching coercion off:

- how a widget's deserializer is called: ``(ui_value, widget_id)`` on 1.28,
  ``(ui_value)`` since;
- how a ``WidgetState`` message is unpacked for it (arrays to their
  ``data``, ``json_value`` parsed; a string trigger's text from 1.56, its
  message before), as the release's own ``WStates`` does;
- whether ``Value`` is a slotted dataclass (1.67), which a subclass must follow;
- which option widgets exist, found by their serde classes, and where
  their options are held (``serde_of``, ``options_of``).
"""

from __future__ import annotations

import functools
import importlib
import json
from typing import TYPE_CHECKING, Any, Callable, Final, Sequence

from streamlit.runtime.state import common as _common
from streamlit.runtime.state.session_state import Value

if TYPE_CHECKING:
    from streamlit.proto.WidgetStates_pb2 import WidgetState as WidgetStateProto
    from streamlit.runtime.state.common import WidgetMetadata


class ReleaseMismatch(ImportError):
    """The installed Streamlit lacks an internal API this package was built on."""


def _deserializer_arity() -> int:
    """How many arguments a widget deserializer takes on this release.

    ``WidgetDeserializer`` is ``Callable[[Any, str], T]`` on 1.28 and
    ``Callable[[Any], T]`` since; its argument list is what the release's own
    widgets follow.
    """
    alias = _common.WidgetDeserializer
    args = getattr(alias, "__args__", None)
    if not args:
        raise ReleaseMismatch(f"WidgetDeserializer is not a Callable alias: {alias!r}")
    return len(args) - 1  # the last is the return type


DESERIALIZER_ARITY: Final = _deserializer_arity()
if DESERIALIZER_ARITY not in (1, 2):
    raise ReleaseMismatch(f"deserializers take {DESERIALIZER_ARITY} arguments")

# A subclass of a slotted dataclass must be slotted too, or it grows a __dict__.
VALUE_SLOTTED: Final = "__slots__" in vars(Value)


def deserialize(metadata: WidgetMetadata[Any], ui_value: Any) -> Any:
    """Call ``metadata``'s deserializer as the release's WStates does."""
    if DESERIALIZER_ARITY == 2:
        return metadata.deserializer(ui_value, metadata.id)  # type: ignore[call-arg]
    return metadata.deserializer(ui_value)


@functools.lru_cache(maxsize=None)
def _trigger_text_unwrapped() -> bool:
    """Whether the release's ``WStates`` hands a deserializer a string
    trigger's text (1.56 on, with st.menu_button) rather than its message.

    Asked of the release's own ``WStates``, with a deserializer that records
    what it is handed: on first use, as ``WStates`` calls into this package.
    """
    from streamlit.proto.WidgetStates_pb2 import WidgetState
    from streamlit.runtime.state.session_state import Serialized, WStates

    received: list[Any] = []
    message = WidgetState(id="$$WIDGET_ID-probe-None")
    message.string_trigger_value.data = "probe"
    states = WStates()
    states.widget_metadata[message.id] = _common.WidgetMetadata(
        id=message.id,
        deserializer=lambda ui_value, *_: received.append(ui_value),
        serializer=lambda value: value,
        value_type="string_trigger_value",
    )
    states.states[message.id] = Serialized(message)
    states[message.id]
    (ui_value,) = received
    return isinstance(ui_value, str)


def _unpacker() -> Callable[[WidgetStateProto], Any]:
    """How the release's ``WStates`` unpacks a message for a deserializer:
    its ``unpack_widget_state_value`` (1.67), or what ``WStates.__getitem__``
    does inline before: an array's ``data``, ``json_value`` parsed, and from
    1.56 a string trigger's ``data``."""
    unpack = getattr(_common, "unpack_widget_state_value", None)
    if unpack is not None:
        return unpack  # type: ignore[no-any-return]

    def unpack_inline(proto: WidgetStateProto) -> Any:
        field_name = proto.WhichOneof("value")
        if field_name is None:
            return None
        value = getattr(proto, field_name)
        if field_name.endswith("_array_value"):
            return value.data
        if field_name == "json_value":
            return json.loads(value)
        if field_name == "string_trigger_value" and _trigger_text_unwrapped():
            return value.data
        return value

    return unpack_inline


unpack: Callable[[WidgetStateProto], Any] = _unpacker()


# The option widgets' serde classes, by module; a release has those it has.
_SERDES: Final = (
    ("streamlit.elements.widgets.selectbox", "SelectboxSerde"),
    ("streamlit.elements.widgets.radio", "RadioSerde"),
    ("streamlit.elements.widgets.multiselect", "MultiSelectSerde"),
    ("streamlit.elements.widgets.select_slider", "SelectSliderSerde"),
    # st.pills and st.segmented_control: one serde for both modes before 1.55
    # (named SingleOrMultiSelectSerde before 1.45)
    ("streamlit.elements.widgets.button_group", "SingleOrMultiSelectSerde"),
    ("streamlit.elements.widgets.button_group", "ButtonGroupSerde"),
    ("streamlit.elements.widgets.button_group", "_SingleSelectButtonGroupSerde"),
    ("streamlit.elements.widgets.button_group", "_MultiSelectButtonGroupSerde"),
    ("streamlit.elements.widgets.menu_button", "MenuButtonSerde"),
)


@functools.lru_cache(maxsize=None)
def option_serdes() -> tuple[type, ...]:
    """The serde classes of the option widgets this release has.

    Imported on first use (the widget modules import session state, which
    imports this package). Every one holds the run's options as ``options``.
    """
    found = []
    for module_name, name in _SERDES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            continue
        cls = getattr(module, name, None)
        if cls is not None:
            found.append(cls)
    return tuple(found)


def serde_of(metadata: WidgetMetadata[Any]) -> Any | None:
    """The serde of an option widget behind ``metadata``'s deserializer.

    The option widgets register a bound method of a serde that holds the
    run's options; 1.59-1.60's st.pills and st.segmented_control register a
    closure around it instead (noting a stale fallback), which holds the
    serde. Other widgets have none: None.
    """
    deserializer = metadata.deserializer
    serdes = option_serdes()
    serde = getattr(deserializer, "__self__", None)
    if isinstance(serde, serdes):
        return serde
    for cell in getattr(deserializer, "__closure__", None) or ():
        try:
            held = cell.cell_contents
        except ValueError:  # a cell not bound yet
            continue
        if isinstance(held, serdes):
            return held
    return None


def options_of(metadata: WidgetMetadata[Any]) -> Sequence[Any] | None:
    """The current options of an option widget, read off its serde
    (``serde_of``); None for other widgets."""
    serde = serde_of(metadata)
    if serde is None:
        return None
    options: Sequence[Any] = serde.options
    return options
