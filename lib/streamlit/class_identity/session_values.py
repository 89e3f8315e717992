"""Values that an app keeps in ``st.session_state``, and what each session keeps.

Values in session state outlive the run that made them, so an Enum member or
a dataclass instance stored there belongs to the class of an earlier run. On
a read, the value is brought up to date by ``redefined.Redefinitions`` (Enum
members per ``runner.enumCoercion``, other instances per
``runner.instanceCoercion``) against the classes of this
session's running script: the modules its script runs in (entrypoint, and the
page file of ``st.navigation`` or a ``pages/`` folder), which the patched
script runner and page record here. A fragment rerun does not run the script,
so it keeps the last full run's modules. Until the current run has defined
the class again the value is left alone.

Containers and instances are brought up to date in place, so aliases, cycles
and later mutations are as the app made them; an immutable value that had to
be rebuilt (a tuple, a member) is stored back where it was found.

A value is walked once per *generation*: a new generation starts when classes
may have been redefined, that is, with every full run once some run of the
session's script (or page) has defined a class, and whenever ``sys.modules``
changed (a module Streamlit re-imported after an edit). An app whose script
defines no class and imports nothing new reads its values as stock does,
after one walk of each.
"""

from __future__ import annotations

import sys
import threading
import weakref
from dataclasses import dataclass, field
from enum import Enum
from itertools import repeat
from types import ModuleType
from typing import TYPE_CHECKING, Any, Callable, Final

from streamlit.class_identity import mode as coercion_mode
from streamlit.class_identity.enum_map import Verdict
from streamlit.class_identity.mode import InstanceMode
from streamlit.class_identity.redefined import ATOMS, Redefinitions
from streamlit.logger import get_logger

if TYPE_CHECKING:
    from streamlit.runtime.state.session_state import SessionState

_LOGGER: Final = get_logger(__name__)

_UNREAD: Final = object()
# Streamlit's own entries (AppTest's format functions, run bookkeeping).
_INTERNAL: Final = "$$STREAMLIT_INTERNAL_KEY"


@dataclass
class SessionIdentity:
    """What coercion keeps per session: the modules its script runs in (newest
    first), the values of both options configured when the run started, the
    session-state values already brought up to date in this run, and the
    classes already warned about."""

    modules: tuple[ModuleType, ...] = field(default=(), repr=False, compare=False)
    warned: set[tuple[str, str]] = field(default_factory=set, compare=False)
    configured: object = field(default=_UNREAD, repr=False, compare=False)
    configured_instances: object = field(default=_UNREAD, repr=False, compare=False)
    last_configured: object = field(default=_UNREAD, repr=False, compare=False)
    # key -> (generation, the value a read found current then).
    fresh: dict[str, tuple[int, Any]] = field(
        default_factory=dict, repr=False, compare=False
    )
    generation: int = field(default=0, repr=False, compare=False)
    # id of an immutable rebuilt by a read of this generation -> (it, its
    # replacement): one tuple under two keys becomes one new tuple.
    rebuilt: dict[int, tuple[Any, Any]] = field(
        default_factory=dict, repr=False, compare=False
    )
    # Whether a run of the session's script defined a class (sticky: session
    # state may hold objects of it from then on).
    script_classes: bool = field(default=False, repr=False, compare=False)
    # sys.modules when last looked at.
    imports: Imports = field(
        default_factory=lambda: Imports(), repr=False, compare=False
    )
    # (raw Enum mode, raw instance mode, the valid Enum mode) last validated.
    validated: tuple[object, object, coercion_mode.Mode] | None = field(
        default=None, repr=False, compare=False
    )

    def new_generation(self) -> None:
        """Classes may have been redefined: every value is walked again."""
        self.generation += 1
        self.rebuilt.clear()

    def walked(self, key: str, value: Any) -> bool:
        """``value`` was found current under ``key`` in this generation."""
        if self.imports.changed():
            self.new_generation()
            return False
        found = self.fresh.get(key)
        return found is not None and found[0] == self.generation and found[1] is value

    def run_mode(self) -> coercion_mode.Mode:
        """The Enum mode for this run's widgets, read once when the run
        started; raises InvalidCoercionModeError if either option is invalid
        (the first widget of a run is where an app test sees it)."""
        raw, instances = self._configured()
        valid = self.validated
        if valid is not None and valid[0] is raw and valid[1] is instances:
            return valid[2]  # once a run: every widget asks
        coercion_mode.INSTANCES.validate(instances)
        mode = coercion_mode.validate(raw)
        self.validated = (raw, instances, mode)
        return mode

    def read_modes(self) -> tuple[coercion_mode.Mode | None, InstanceMode]:
        """For session-state reads: the Enum mode (None: leave members alone)
        and the instance mode, as configured when the run started. An invalid
        value leaves things alone here (the widgets report it)."""
        enums, instances = self._configured()
        enum_mode = enums if enums in coercion_mode.MODES and enums != "off" else None
        if instances not in coercion_mode.INSTANCES.values:
            instances = "off"
        return enum_mode, instances  # type: ignore[return-value]

    def _configured(self) -> tuple[object, object]:
        """Both options' raw values for this run, read at its first need (a
        widget of objects, a read of a kept value): a run that needs neither
        reads no config. Values other than the last run's start a generation."""
        if self.configured is _UNREAD:
            read = (coercion_mode.current_raw(), coercion_mode.INSTANCES.current_raw())
            if self.last_configured is not _UNREAD and read != self.last_configured:
                self.new_generation()  # values are read under other rules now
            self.configured, self.configured_instances = self.last_configured = read
        return self.configured, self.configured_instances

    def warn_once(self, source: type, target: type, found: Verdict) -> None:
        """Log one WARNING per session and class for a refused coercion."""
        key = (source.__module__, source.__qualname__)
        if key in self.warned:
            return
        self.warned.add(key)
        choice = coercion_mode.ENUMS
        if not issubclass(source, Enum):
            choice = coercion_mode.INSTANCES
        _LOGGER.warning(
            "%s coercion left a value of class %s (module %s) as it was: "
            "the class was redefined and %s (%s = %r).",
            "Enum" if choice is coercion_mode.ENUMS else "Class",
            source.__qualname__,
            source.__module__,
            found.reason,
            choice.option,
            choice.current_raw(),
        )


def _identity(session_state: Any) -> SessionIdentity | None:
    state = getattr(session_state, "_state", session_state)  # SafeSessionState
    return getattr(state, "_class_identity", None)


def running_identity() -> SessionIdentity | None:
    """What coercion keeps for the session whose script runs in this thread
    (None outside a script run, without Streamlit's missing-context warning)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx(suppress_warning=True)
    return None if ctx is None else _identity(ctx.session_state)


def widget_mode(identity: SessionIdentity | None) -> coercion_mode.Mode:
    """The Enum mode for a widget: its session's, read when the run started;
    the configured one where there is no session. Raises
    InvalidCoercionModeError if either option is invalid."""
    return coercion_mode.current() if identity is None else identity.run_mode()


def running_script(
    session_state: Any, module: ModuleType, *, full_run: bool = True
) -> None:
    """Record the module the session's script is about to run in.

    Called by the script runner after the widget callbacks and before the
    script body, so that callbacks resolve classes in the modules they were
    defined in, and the body in its own. A fragment rerun (``full_run``
    False) runs no script: the last full run's modules stay. The configured
    modes are read once a run, at their first need (``_configured``).
    """
    identity = _identity(session_state)
    if identity is not None:
        if full_run:
            identity.script_classes = identity.script_classes or any(
                map(_defines_classes, identity.modules)
            )
            identity.modules = (module,)
            if identity.script_classes:
                identity.new_generation()
        identity.configured = identity.configured_instances = _UNREAD


def _defines_classes(module: ModuleType) -> bool:
    """A script's (or page's) module holds a class it defined."""
    values = list(vars(module).values())
    if not any(map(isinstance, values, repeat(type))):
        return False  # no class at all: the usual script, decided in C
    return any(
        isinstance(value, type) and value.__module__ == "__main__" for value in values
    )


class Imports:
    """``sys.modules`` as last looked at, to tell whether any import, removal
    or re-import happened since: a re-imported module is inserted anew, at the
    end. The last module is held weakly and compared as an object: a module
    imported anew may take the address of the one it replaces."""

    __slots__ = ("count", "held", "last")

    def __init__(self) -> None:
        self.count = -1
        self.last: object = None
        self.held: Callable[[], object] = lambda: None

    def changed(self) -> bool:
        """Whether ``sys.modules`` changed since the last call (True at first)."""
        modules = sys.modules
        count = len(modules)
        try:
            last: object = next(reversed(modules.keys()))
        except (StopIteration, RuntimeError):  # empty, or changed by a thread
            last = None
        module = modules.get(last)  # type: ignore[call-overload]
        if count == self.count and last == self.last and self.held() is module:
            return False
        self.count, self.last = count, last
        try:
            self.held = weakref.ref(module)
        except TypeError:  # not a module: a stand-in some library put there
            self.held = lambda: module
        return True


def running_page(session_state: Any, module: ModuleType) -> None:
    """Record a page file's module (``st.navigation``, ``pages/``), searched
    before the entrypoint's: the page runs inside the entrypoint's run."""
    identity = _identity(session_state)
    if identity is not None:
        identity.modules = (module, *identity.modules)


def current(state: SessionState, key: str, value: Any) -> Any:
    """The value of a session-state read, with objects of redefined classes
    (Enum members; instances, per runner.instanceCoercion) made current.

    A value once found current is not walked again in the same generation.
    """
    if type(value) in ATOMS or key.startswith(_INTERNAL):
        return value
    identity: SessionIdentity | None = getattr(state, "_class_identity", None)
    if identity is None or not identity.modules or identity.walked(key, value):
        return value
    enum_mode, instance_mode = identity.read_modes()
    if enum_mode is None and instance_mode == "off":
        return value
    walk = Redefinitions(
        identity.modules,
        enum_mode,
        identity.warn_once,
        instance_mode,
        rebuilt=identity.rebuilt,
    )
    try:
        mapped = walk.walk(value)
    except Exception:  # odd user classes (__eq__, __hash__) never break the app
        _LOGGER.debug("Coercion of a session-state value failed", exc_info=True)
        return value
    if not walk.unresolved:
        identity.fresh[key] = (identity.generation, mapped)
    if mapped is not value:
        from streamlit.class_identity import release

        # Where SessionState._stored found it: key may be a user key or a widget id.
        widget_id = state._get_widget_id(key)
        user_key = release.id_to_key(state).get(widget_id, key)
        store(state, widget_id, user_key, mapped)
    return mapped


def read_all(session_state: Any) -> dict[str, Any]:
    """What ``st.session_state.to_dict()`` returns: ``filtered_state`` with
    every value as a read of it gives it."""
    state = getattr(session_state, "_state", session_state)  # SafeSessionState
    lock = getattr(session_state, "_lock", None) or threading.RLock()
    with lock:
        filtered = state.filtered_state
        return {key: current(state, key, value) for key, value in filtered.items()}


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
