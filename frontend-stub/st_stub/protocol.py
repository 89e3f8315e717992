"""Which wire protocol the installed ``streamlit`` protobufs speak.

The one owner of what a release's browser sends: the stub, the tests'
browser helper (``lib/tests/support/browser.py``) and the tests of the
release facts ask it. It is decided by the messages themselves, not by a
version string: a widget whose message carries ``raw_value`` (or
``raw_values``, the server's labels for the value it sets) is one whose
browser sends option *labels*; otherwise option *indices*. Each flag below
reads the descriptor of one message, so a release that keeps a message
shape keeps the behaviour the stub ties to it.

- ``sends_labels(kind)``, per option widget (``kind``: its field of
  ``Element``): labels (selectbox, radio ``string_value``; multiselect,
  select_slider, button_group ``string_array_value``; a menu_button click
  ``string_trigger_value``), else indices (selectbox, radio ``int_value``;
  multiselect, button_group ``int_array_value``; select_slider
  ``double_array_value``). The releases move one widget at a time:

  | widget | indices | labels |
  | --- | --- | --- |
  | selectbox, multiselect | 1.28-1.44 | 1.45 on |
  | radio, select_slider (a ``slider``) | 1.28-1.53 | 1.54 on |
  | button_group (st.pills, st.segmented_control, 1.40 on) | 1.40-1.54 | 1.55 on |
  | menu_button (1.56 on) | — | always (a click's trigger) |

- ``RUN_ID_IN_METADATA``: a run's id is in ``metadata.run`` of its
  ``new_session`` (1.67.0), not in ``new_session.script_run_id``.
- ``REPORTS_CACHE``: the rerun request lists the cached messages the client
  holds (``ClientState.cached_message_hashes``, 1.45 on) and the server sends
  a ``ref_hash`` only for those; else the server decides and the client
  fetches unknown ones from ``/_stcore/message``.
"""

from __future__ import annotations

from typing import Sequence, Union

from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg, ForwardMsgMetadata
from streamlit.proto.WidgetStates_pb2 import WidgetState


def _has_field(message: type, name: str) -> bool:
    return name in message.DESCRIPTOR.fields_by_name  # type: ignore[attr-defined]


RUN_ID_IN_METADATA = _has_field(ForwardMsgMetadata, "run")
REPORTS_CACHE = _has_field(ClientState, "cached_message_hashes")

# The option widgets (their field of Element) that hold one option.
_ONE = ("selectbox", "radio")
# The field a browser that sends indices fills, per option widget.
_INDEX_FIELDS = {
    "selectbox": "int_value",
    "radio": "int_value",
    "multiselect": "int_array_value",
    "slider": "double_array_value",  # st.select_slider
    "button_group": "int_array_value",
}


def sends_labels(kind: str) -> bool:
    """Whether the browser sends option labels (not indices) for a widget
    whose field of ``Element`` is ``kind`` (``slider`` for st.select_slider);
    False where the release has no such widget (st.pills before 1.40)."""
    field = Element.DESCRIPTOR.fields_by_name.get(kind)
    if field is None:
        return False
    if kind == "menu_button":  # a click sends its entry's label (1.56 on)
        return True
    fields = field.message_type.fields_by_name
    return "raw_value" in fields or "raw_values" in fields


def value_field(kind: str) -> str:
    """The ``WidgetState`` field a browser fills for a pick on ``kind``."""
    if kind == "menu_button":
        return "string_trigger_value"
    if sends_labels(kind):
        return "string_value" if kind in _ONE else "string_array_value"
    return _INDEX_FIELDS[kind]


def option_state(
    widget_id: str, kind: str, wire: Sequence[Union[str, int, float]]
) -> WidgetState:
    """The state a browser sends for ``wire``: the labels of the options
    picked where the widget sends labels (``sends_labels``), their indices
    otherwise."""
    state = WidgetState(id=widget_id)
    name = value_field(kind)
    if name == "string_trigger_value":
        (state.string_trigger_value.data,) = (str(v) for v in wire)
    elif name == "string_value":
        (state.string_value,) = (str(v) for v in wire)
    elif name == "int_value":
        (state.int_value,) = (int(v) for v in wire)
    elif name == "double_array_value":
        state.double_array_value.data[:] = [float(v) for v in wire]
    elif name == "int_array_value":
        state.int_array_value.data[:] = [int(v) for v in wire]
    else:
        state.string_array_value.data[:] = [str(v) for v in wire]
    return state


def run_id(msg: ForwardMsg) -> str:
    """The script run a ``new_session`` message starts."""
    if RUN_ID_IN_METADATA:
        return str(msg.metadata.run.script_run_id)
    return str(msg.new_session.script_run_id)


def fragment_ids(msg: ForwardMsg) -> tuple[str, ...]:
    """The fragments a ``new_session`` runs; empty for a full run."""
    if RUN_ID_IN_METADATA:
        return tuple(msg.metadata.run.fragment_ids)
    return ()


def ends_run(msg: ForwardMsg) -> bool:
    """Whether a ``script_finished`` message ends a run (not a cut-short one)."""
    return bool(msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN)
