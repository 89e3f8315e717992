"""Which wire protocol the installed ``streamlit`` protobufs speak.

The stub sends what the browser of the installed release sends, and that is
decided by the messages themselves, not by a version string: a release whose
``Selectbox`` carries a ``raw_value`` (the server's label for the value it
sets) is one whose browser sends option *labels*. Each flag below reads the
descriptor of one message, so a release that keeps a message shape keeps the
behaviour the stub ties to it.

- ``LABELS``: option widgets send labels (selectbox/radio ``string_value``,
  multiselect/select_slider/button_group ``string_array_value``, menu_button
  ``string_trigger_value``), 1.67.0; else option indices (``int_value``,
  ``int_array_value``, ``double_array_value``), 1.28.2.
- ``RUN_ID_IN_METADATA``: a run's id is in ``metadata.run`` of its
  ``new_session`` (1.67.0), not in ``new_session.script_run_id`` (1.28.2).
- ``REPORTS_CACHE``: the rerun request lists the cached messages the client
  holds (``ClientState.cached_message_hashes``) and the server sends a
  ``ref_hash`` only for those; else the server decides and the client fetches
  unknown ones from ``/_stcore/message``.
"""

from __future__ import annotations

from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg, ForwardMsgMetadata
from streamlit.proto.Selectbox_pb2 import Selectbox


def _has_field(message: type, name: str) -> bool:
    return name in message.DESCRIPTOR.fields_by_name  # type: ignore[attr-defined]


LABELS = _has_field(Selectbox, "raw_value")
RUN_ID_IN_METADATA = _has_field(ForwardMsgMetadata, "run")
REPORTS_CACHE = _has_field(ClientState, "cached_message_hashes")


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
