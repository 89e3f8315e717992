"""Values an app keeps in ``st.session_state``, read as objects of the current classes.

Values in session state outlive the run that made them, so an Enum member or
a dataclass instance stored there belongs to the class of an earlier run. A
read brings the value up to date (``class_update.CurrentClasses``: Enum
members per ``runner.enumCoercion``, other instances per
``runner.instanceCoercion``) against the classes of the session's running
script. Until the current run has defined the class again the value is left
alone.

Containers and instances are brought up to date in place, so aliases, cycles
and later mutations are as the app made them; an immutable value that had to
be rebuilt (a tuple, a member) is put back where the read found it, by the
method the session-state patch adds beside upstream's own lookup.

A value is walked once per generation of the session (``session_identity``):
an app whose script defines no class and imports nothing new reads its
values as stock does, after one walk of each.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, Final

from streamlit.class_identity.class_update import ATOMS, CurrentClasses
from streamlit.class_identity.session_identity import SessionIdentity
from streamlit.logger import get_logger

if TYPE_CHECKING:
    from streamlit.runtime.state.session_state import SessionState

_LOGGER: Final = get_logger(__name__)

# Streamlit's own entries (AppTest's format functions, run bookkeeping).
_INTERNAL: Final = "$$STREAMLIT_INTERNAL_KEY"


def read_value(state: SessionState, key: str, value: Any) -> Any:
    """What a read of ``key`` gives: ``value`` (as stored) with objects of
    redefined classes made current.

    A value once found current is not walked again in the same generation.
    """
    if type(value) in ATOMS or key.startswith(_INTERNAL):
        return value
    identity: SessionIdentity = state._class_identity
    if not identity.modules or identity.walked(key, value):
        return value
    enum_mode, instance_mode = (identity.modes or identity.run_modes()).reads
    if enum_mode is None and instance_mode == "off":
        return value
    classes = CurrentClasses(
        identity.modules,
        enum_mode,
        identity.warn_once,
        instance_mode,
        rebuilt=identity.rebuilt,
        current=identity.lineage.current,
    )
    try:
        current = classes.update(value)
    except Exception:  # odd user classes (__eq__, __hash__) never break the app
        _LOGGER.debug("Coercion of a session-state value failed", exc_info=True)
        return value
    if not classes.unresolved:
        identity.fresh[key] = (identity.generation, current)
    if current is not value:
        state._class_identity_put_back(key, current)
    return current


def read_all(session_state: Any) -> dict[str, Any]:
    """What ``st.session_state.to_dict()`` returns: ``filtered_state`` with
    every value as a read of it gives it."""
    state = getattr(session_state, "_state", session_state)  # SafeSessionState
    lock = getattr(session_state, "_lock", None) or threading.RLock()
    with lock:
        filtered = state.filtered_state
        return {key: read_value(state, key, value) for key, value in filtered.items()}
