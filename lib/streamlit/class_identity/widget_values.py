"""Widget values of the option widgets, made current at widget registration.

Where the stale value is made: before a rerun, ``SessionState._call_callbacks``
compares each widget's new value with the old one, and to do so deserializes
the browser's value with the *previous* run's widget metadata, whose
deserializer closes over the previous run's options. The result is cached as a
plain ``Value`` and handed to the current run. (1.28 sends option indices,
1.67 option labels; either way the reading is the previous run's object.)

The fix here: the cache keeps the browser's message beside the value
(``BrowserValue``), and when the current run registers the widget with its
new metadata, the message is read again with the current options and the
two readings are reconciled (Enum members by name under the mode's rules,
other options by the index or label the browser sent). Values handed in from
Python (session-state assignments, ``default``/``value`` arguments) are
matched against the current options by class and member name.
"""

from __future__ import annotations

import operator
from copy import deepcopy
from dataclasses import dataclass, field, replace
from enum import Enum, EnumMeta
from itertools import repeat
from types import ModuleType
from typing import TYPE_CHECKING, Any, Final, Sequence

from streamlit.class_identity import release
from streamlit.class_identity.class_update import ATOMS, find_current_class, is_class
from streamlit.class_identity.members import is_enum_class
from streamlit.class_identity.options import OptionCoercer, counterparts
from streamlit.class_identity.session_identity import (
    SessionIdentity,
    refusal_of,
    run_modes,
    running_identity,
)
from streamlit.class_identity.shared_objects import is_shared
from streamlit.logger import get_logger
from streamlit.proto.WidgetStates_pb2 import WidgetState as WidgetStateProto
from streamlit.runtime.state.session_state import Serialized, Value

if TYPE_CHECKING:
    from streamlit.runtime.state.common import WidgetMetadata
    from streamlit.runtime.state.session_state import SessionState

_LOGGER: Final = get_logger(__name__)


_SLOTS: Final[dict[str, bool]] = {"slots": True} if release.VALUE_SLOTTED else {}


@dataclass(frozen=True, eq=False, **_SLOTS)
class BrowserValue(Value):
    """A deserialized widget value that remembers the browser message it came from.

    Equal to a ``Value`` holding an equal value, as session state's own
    comparisons (and upstream's tests) expect of what ``WStates`` caches.
    """

    proto: WidgetStateProto = field(default_factory=WidgetStateProto, repr=False)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Value):
            return bool(self.value == other.value)
        return NotImplemented

    __hash__ = Value.__hash__


def cached_value(value: Any, serialized: Serialized) -> Value:
    """What ``WStates`` caches after deserializing a browser's value.

    In every mode, so that this hot path reads no config: with coercion off
    nothing looks at the message, and Streamlit sees the ``Value`` it knows.
    Strings and numbers hold no class to keep: a plain ``Value``, as stock.
    """
    if _atoms_only(value):
        return Value(value)
    return BrowserValue(value, serialized.value)


# What a deserializer raises when the browser's message does not fit the
# current options (an index past their end, an unknown label): the value is
# then left as the previous run's reading, as stock Streamlit leaves it. Any
# other exception is a changed internal API and propagates.
_DOES_NOT_FIT: Final = (IndexError, KeyError, ValueError)


def _reread(metadata: WidgetMetadata[Any], state: BrowserValue) -> tuple[bool, Any]:
    """Deserialize the browser's message again, with the current metadata."""
    try:
        return True, release.deserialize(metadata, release.unpack(state.proto))
    except _DOES_NOT_FIT:
        _LOGGER.debug("Could not re-read widget %s", metadata.id, exc_info=True)
        return False, None


def register_widget(
    state: SessionState,
    metadata: WidgetMetadata[Any],
    user_key: str | None,
    value: Any,
) -> Any:
    """What ``register_widget`` returns, in place of its deep copy of ``value``:
    the value made current (``current_value``), as ``value_for_script``
    hands it out. One call for both, as every widget of every run makes it.
    """
    if _atoms_only(value):
        return deepcopy(value)  # strings, numbers: no class to keep, as stock
    current = current_value(state, metadata, user_key, value)
    return value_for_script(state, metadata, current)


def current_value(
    state: SessionState,
    metadata: WidgetMetadata[Any],
    user_key: str | None,
    value: Any,
) -> Any:
    """A widget's value made current for the option widgets.

    Raises InvalidCoercionModeError (a StreamlitAPIException) when the option
    is invalid: the first widget of a run whose value is more than strings
    and numbers is where an app test sees it.
    """
    identity: SessionIdentity | None = getattr(state, "_class_identity", None)
    modes = run_modes(identity)
    mode = modes.widgets or modes.for_widgets()  # raises if invalid
    if mode == "off":
        return value
    widget_id = metadata.id
    from_python = user_key is not None and user_key in state._new_session_state
    wstate = state._new_widget_state.states.get(widget_id)
    browser = not from_python and isinstance(wstate, BrowserValue)
    if browser and _kept_members(value, identity):
        return value  # members of classes the class statements kept: current
    options = release.options_of(metadata)
    if options is None:
        return value  # no option widget
    if browser:
        # Outside the guard below: a deserializer that cannot be called the
        # way this release's are is a changed API, and must fail loudly.
        reread, fresh = _reread(metadata, wstate)  # type: ignore[arg-type]
        if not reread:
            return value
    if browser and _same_objects(value, fresh):
        return value  # nothing of a redefined class: read as it was
    try:
        if browser and counterparts(value, fresh, mode):  # the usual rerun, fast
            # Kept where it was found, with the browser's message.
            state._new_widget_state.states[widget_id] = replace(wstate, value=fresh)  # type: ignore[type-var]
            return fresh
        coercer = OptionCoercer(options, mode, refusal_of(identity))
        if browser:
            current = coercer.browser_value(value, fresh)
        else:
            current = coercer.value(value)
    except Exception:  # odd user classes (__eq__, __hash__) never break the app
        _LOGGER.debug("Enum coercion of widget %s failed", widget_id, exc_info=True)
        return value
    if current is not value:
        state._class_identity_put_back(widget_id, current)
    return current


def _kept_members(value: Any, identity: SessionIdentity | None) -> bool:
    """``value`` (a member, or a list or tuple of them) holds only members of
    Enum classes this session's class statements kept: the very members of
    the current class, whatever the browser chose (an option of another
    class would not be one of them)."""
    if identity is None:
        return False
    held = identity.lineage.current
    kind = type(value)
    if kind is list or kind is tuple:
        kinds = set(map(type, value))
        return bool(kinds) and kinds <= held and all(map(is_enum_class, kinds))
    return kind in held and isinstance(kind, EnumMeta)


def _atoms_only(value: Any) -> bool:
    """``value`` (a widget's value, or a list or tuple of them) holds only
    strings, numbers and the like."""
    kind = type(value)
    if kind is list or kind is tuple:
        return ATOMS.issuperset(map(type, value))
    return kind in ATOMS


def _same_objects(stale: Any, fresh: Any) -> bool:
    """Both readings are the very same objects (strings, numbers, options no
    run redefined)."""
    if stale is fresh:
        return True
    kind = type(stale)
    return (
        (kind is list or kind is tuple)
        and type(fresh) is kind
        and len(stale) == len(fresh)
        and all(map(operator.is_, stale, fresh))
    )


# Options never handed to the script as themselves: builtin mutable
# containers, which a script mutating its return value would change in
# session state.
_COPIED: Final = (list, dict, set, bytearray)


def value_for_script(
    state: SessionState, metadata: WidgetMetadata[Any], value: Any
) -> Any:
    """What ``register_widget`` hands the script, in place of its deep copy.

    Upstream deep-copies every widget value so that the script cannot change
    session state's copy by accident. For an option widget that copy breaks
    what the script expects of the object it picked: an option without
    ``__eq__`` is no longer ``in`` the options, ``options.index(value)``
    fails, a ``format_func`` keyed by the option objects raises. So a chosen
    option that is an instance of a class the running script defines (this
    session's own object) is handed out as the very option object (a list or
    tuple of them as a new list or tuple). Anything else is deep-copied as
    before: objects other sessions hold too (from ``st.cache_resource``, or a
    constant of an imported module), so that one session's mutation of its
    pick never reaches another.
    """
    if _atoms_only(value) or isinstance(value, Enum):
        return deepcopy(value)  # strings, numbers, a member (itself): as stock
    kind = type(value)
    items = value if kind is list or kind is tuple else (value,)
    if items is value and all(map(isinstance, items, repeat(Enum))):  # in C
        return kind(value)  # what deepcopy gives, without copying machinery
    identity: SessionIdentity | None = getattr(state, "_class_identity", None)
    modes = run_modes(identity)
    if (modes.widgets or modes.for_widgets()) == "off":
        return deepcopy(value)  # as stock
    options = release.options_of(metadata)
    if options is None:
        return deepcopy(value)
    known = set(map(id, options))
    own = _OwnObjects(identity.modules if identity is not None else ())
    memo: dict[int, Any] = {}
    handed = [v if id(v) in known and own(v) else deepcopy(v, memo) for v in items]
    return kind(handed) if items is value else handed[0]


class _OwnObjects:
    """Whether an object is this session's own: an instance of a class its
    running script defines (found in the session's script modules), and not
    recorded as shared by every session."""

    def __init__(self, modules: Sequence[ModuleType]) -> None:
        self.modules = modules
        self.classes: dict[type, bool] = {}

    def __call__(self, obj: Any) -> bool:
        cls = type(obj)
        found = self.classes.get(cls)
        if found is None:
            found = self.classes[cls] = (
                cls not in _COPIED
                and cls.__module__ == "__main__"
                and find_current_class(cls, self.modules, accept=is_class) is cls
            )
        return found and not is_shared(obj)


def match_argument(value: Any, options: Sequence[Any]) -> Any:
    """A ``default``/``value`` argument with previous runs' members made current."""
    if value is None:  # no default, the usual case: every such widget of every run
        return value
    if not isinstance(value, Enum) and type(value) not in (list, tuple, set, frozenset):
        return value
    if not isinstance(value, Enum) and ATOMS.issuperset(map(type, value)):
        return value  # no default, or strings and numbers: nothing to match
    identity = running_identity()
    modes = run_modes(identity)
    if not modes.enums_on:
        return value
    try:
        coercer = OptionCoercer(options, modes.enums, refusal_of(identity))  # type: ignore[arg-type]
        return coercer.value(value)
    except Exception:
        _LOGGER.debug("Enum coercion of a widget argument failed", exc_info=True)
        return value
