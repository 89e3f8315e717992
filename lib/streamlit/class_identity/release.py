"""What differs between the upstream releases the wheel is built for.

Everything else in this package is the same on every release. Each fact here
is read off the installed Streamlit (its types, signatures and modules), not
off a version string, and each is asserted by ``lib/tests/unit/test_release``
on every release, so that an internal API that changes in a new release
makes a test fail instead of switching coercion off:

- how a widget's deserializer is called: ``(ui_value, widget_id)`` on 1.28,
  ``(ui_value)`` since;
- how a ``WidgetState`` message is unpacked for it (1.28 sends option
  indices in ``int_value``/``int_array_value``, 1.67 option labels in
  ``string_value``/``string_array_value``/``string_trigger_value``);
- where session state maps widget ids to user keys (``_reverse_key_wid_map``
  on 1.28, ``_key_id_mapper.id_key_mapping`` since);
- whether ``Value`` is a slotted dataclass (1.67), which a subclass must follow;
- which option widgets exist, found by their serde classes.
"""

from __future__ import annotations

import importlib
import inspect
from typing import TYPE_CHECKING, Any, Callable, Final, Mapping

from streamlit.runtime.state import common as _common
from streamlit.runtime.state.session_state import SessionState, Value

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


def _unpack_1_28(proto: WidgetStateProto) -> Any:
    """1.28's WStates hands the deserializer the set field, arrays unwrapped."""
    field_name = proto.WhichOneof("value")
    if field_name is None:
        return None
    value = getattr(proto, field_name)
    return value.data if field_name.endswith("_array_value") else value


unpack: Callable[[WidgetStateProto], Any] = getattr(
    _common, "unpack_widget_state_value", _unpack_1_28
)


def _id_to_key_1_28(state: SessionState) -> Mapping[str, str]:
    return state._reverse_key_wid_map  # type: ignore[attr-defined]


def _id_to_key_mapper(state: SessionState) -> Mapping[str, str]:
    return state._key_id_mapper.id_key_mapping  # type: ignore[attr-defined]


def _pick_id_to_key() -> Callable[[SessionState], Mapping[str, str]]:
    fields = getattr(SessionState, "__dataclass_fields__", {})
    if "_key_id_mapper" in fields:
        return _id_to_key_mapper
    if isinstance(
        inspect.getattr_static(SessionState, "_reverse_key_wid_map", None), property
    ):
        return _id_to_key_1_28
    raise ReleaseMismatch("SessionState maps widget ids to keys in no known way")


id_to_key: Final = _pick_id_to_key()

# The option widgets' serde classes, by module; a release has those it has.
_SERDES: Final = (
    ("streamlit.elements.widgets.selectbox", "SelectboxSerde"),
    ("streamlit.elements.widgets.radio", "RadioSerde"),
    ("streamlit.elements.widgets.multiselect", "MultiSelectSerde"),
    ("streamlit.elements.widgets.select_slider", "SelectSliderSerde"),
    ("streamlit.elements.widgets.button_group", "_SingleSelectButtonGroupSerde"),
    ("streamlit.elements.widgets.button_group", "_MultiSelectButtonGroupSerde"),
    ("streamlit.elements.widgets.menu_button", "MenuButtonSerde"),
)


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
