"""Enum members that an app keeps in ``st.session_state``.

Values in session state outlive the run that made them, so an Enum member
stored there belongs to the class of an earlier run. On a read, each such
member (also inside list, tuple, set, frozenset and dict values) is given back
as the member of the class that the *current* run has defined under the same
module and ``__qualname__``: looked up in this session's running script
module, which the patched script runner records here, never in the
process-global ``sys.modules["__main__"]`` that concurrent sessions overwrite.
Until the current run has defined the class again the value is left alone.

The read stores the result back where it was found, so that what the script
mutates afterwards is what session state holds, and old classes are let go.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from enum import Enum
from types import ModuleType
from typing import TYPE_CHECKING, Any, Final, Mapping

from streamlit.class_identity import mode as coercion_mode
from streamlit.class_identity.enum_map import (
    Verdict,
    is_enum_class,
    members_if_allowed,
    remap_by_name,
    verdict,
)
from streamlit.logger import get_logger

if TYPE_CHECKING:
    from streamlit.runtime.state.session_state import SessionState

_LOGGER: Final = get_logger(__name__)

_CONTAINERS: Final = (list, tuple, set, frozenset, dict)
# Deeper nesting than this is left as it is rather than walked.
_MAX_DEPTH: Final = 32


_UNREAD: Final = object()


@dataclass
class SessionIdentity:
    """What coercion keeps per session: the running script module, the mode
    configured when the run started, and the classes already warned about."""

    module: ModuleType | None = field(default=None, repr=False, compare=False)
    warned: set[tuple[str, str]] = field(default_factory=set, compare=False)
    configured: object = field(default=_UNREAD, repr=False, compare=False)

    def run_mode(self) -> coercion_mode.Mode:
        """The mode for this run's widgets, read once when the run started;
        raises InvalidCoercionModeError if it is invalid."""
        raw = self.configured
        if raw is _UNREAD:
            raw = coercion_mode.current_raw()
        return coercion_mode.validate(raw)

    def warn_once(self, source: type, target: type, found: Verdict) -> None:
        """Log one WARNING per session and class for a refused coercion."""
        key = (source.__module__, source.__qualname__)
        if key in self.warned:
            return
        self.warned.add(key)
        _LOGGER.warning(
            "Enum coercion left a value of class %s (module %s) as it was: "
            "the class was redefined and %s (runner.enumCoercion = %r).",
            source.__qualname__,
            source.__module__,
            found.reason,
            coercion_mode.current_raw(),
        )


def running_script(session_state: Any, module: ModuleType) -> None:
    """Record the module the session's script is about to run in.

    Called by the script runner after the widget callbacks and before the
    script body, so that callbacks resolve classes in the module they were
    defined in, and the body in its own. The configured mode is read here too,
    once a run rather than once a widget.
    """
    state = getattr(session_state, "_state", session_state)  # SafeSessionState
    identity = getattr(state, "_class_identity", None)
    if identity is not None:
        identity.module = module
        identity.configured = coercion_mode.current_raw()


def resolve(cls: type, module: ModuleType | None) -> type | None:
    """The class that now stands under ``cls``'s module and qualname, if any."""
    qualname = cls.__qualname__
    if "<locals>" in qualname:
        return None
    name = cls.__module__
    namespace: Any = module if name == "__main__" else sys.modules.get(name)
    if namespace is None:
        return None
    for part in qualname.split("."):
        try:
            namespace = vars(namespace).get(part)
        except TypeError:
            return None
        if namespace is None:
            return None
    return namespace if is_enum_class(namespace) else None


class _Walker:
    """Maps the Enum members inside one value to the current classes."""

    def __init__(self, identity: SessionIdentity, mode: coercion_mode.Mode) -> None:
        self.identity = identity
        self.mode = mode
        # source class -> (current class, its members by name if allowed)
        self.targets: dict[type, tuple[type, Mapping[str, Enum] | None] | None] = {}
        self.active: set[int] = set()

    def _target(self, source: type) -> tuple[type, Mapping[str, Enum] | None] | None:
        if source not in self.targets:
            target = resolve(source, self.identity.module)
            if target is None or target is source:
                self.targets[source] = None
            else:
                members = members_if_allowed(source, target, self.mode)  # type: ignore[arg-type]
                if members is None:
                    found = verdict(source, target, self.mode)  # type: ignore[arg-type]
                    self.identity.warn_once(source, target, found)
                self.targets[source] = (target, members)
        return self.targets[source]

    def member(self, member: Enum) -> Enum:
        found = self._target(type(member))
        if found is None or found[1] is None:
            return member
        mapped = remap_by_name(member, found[0], found[1])  # type: ignore[arg-type]
        return member if mapped is None else mapped

    def walk(self, value: Any, depth: int = 0) -> Any:
        if isinstance(value, Enum):
            return self.member(value)
        kind = type(value)
        if kind not in _CONTAINERS or depth > _MAX_DEPTH or id(value) in self.active:
            return value
        self.active.add(id(value))
        try:
            if kind is dict:
                return self._dict(value, depth)
            items = [self.walk(v, depth + 1) for v in value]
            if all(a is b for a, b in zip(items, value)):
                return value
            return kind(items)
        finally:
            self.active.discard(id(value))

    def _dict(self, value: dict[Any, Any], depth: int) -> dict[Any, Any]:
        items = [
            (self.walk(k, depth + 1), self.walk(v, depth + 1)) for k, v in value.items()
        ]
        if all(k is k0 and v is v0 for (k, v), (k0, v0) in zip(items, value.items())):
            return value
        mapped = dict(items)
        if len(mapped) != len(value):
            # Two keys became one: keep every value rather than lose one.
            return value
        return mapped


def current(state: SessionState, key: str, value: Any) -> Any:
    """The value of a session-state read, with Enum members made current."""
    if not isinstance(value, Enum) and type(value) not in _CONTAINERS:
        return value
    mode = coercion_mode.current_or_none()
    if mode is None or mode == "off":
        return value
    identity: SessionIdentity | None = getattr(state, "_class_identity", None)
    if identity is None or identity.module is None:
        return value
    try:
        mapped = _Walker(identity, mode).walk(value)
    except Exception:  # coercion never raises into the app
        _LOGGER.debug("Enum coercion of a session-state value failed", exc_info=True)
        return value
    if mapped is not value:
        # Where SessionState._stored found it: key may be a user key or a widget id.
        widget_id = state._get_widget_id(key)
        user_key = state._reverse_key_wid_map.get(widget_id, key)
        store(state, widget_id, user_key, mapped)
    return mapped


def store(
    state: SessionState, widget_id: str | None, user_key: str | None, value: Any
) -> None:
    """Put a coerced value back where ``SessionState._getitem`` finds it.

    Looks in the same order as ``_getitem``; a widget state keeps the browser
    message it was read from.
    """
    if user_key is not None and user_key in state._new_session_state:
        state._new_session_state[user_key] = value
        return
    states = state._new_widget_state.states
    if widget_id is not None and widget_id in states:
        from streamlit.class_identity.widget_values import with_value

        states[widget_id] = with_value(states[widget_id], value)
        return
    for k in (widget_id, user_key):
        if k is not None and k in state._old_state:
            state._old_state[k] = value
            return
