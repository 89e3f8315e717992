"""Objects every session shares: what ``st.cache_resource`` hands out.

A resource cache returns the very same object to every session and every
run. If the script has since defined the object's class anew, the object is
an instance of an *earlier* run's class: ``isinstance`` and ``==`` against
the current class fail. It cannot be re-classed as session state's objects
are (each session has its own current class, and they would take it from
each other), so it is recorded here, never re-classed by ``redefined``, and
the first time one of a class is handed out after its class was redefined,
one WARNING says so, and what to do about it.
"""

from __future__ import annotations

import threading
import weakref
from typing import Any, Final

from streamlit.logger import get_logger

_LOGGER: Final = get_logger(__name__)

_CONTAINERS: Final = (list, tuple, set, frozenset)

# id -> weak reference, so that a resource the cache lets go of is not kept
# alive here (a WeakSet would need the objects to be hashable).
_shared: dict[int, weakref.ref[Any]] = {}
# (module, qualname) of the classes warned about, for the whole process.
_warned: set[tuple[str, str]] = set()
_lock = threading.RLock()  # _forget may run, from the GC, inside it


def is_shared(obj: object) -> bool:
    ref = _shared.get(id(obj))
    return ref is not None and ref() is obj


def _note(obj: object) -> None:
    key = id(obj)
    if key in _shared and _shared[key]() is obj:
        return
    try:
        _shared[key] = weakref.ref(obj, lambda _, key=key: _forget(key))
    except TypeError:  # not weakly referable (a tuple, __slots__ without
        pass  # __weakref__): cannot be told apart later, left unrecorded


def _forget(key: int) -> None:
    with _lock:
        ref = _shared.get(key)
        if ref is not None and ref() is None:
            del _shared[key]


def returned(value: Any) -> None:
    """Called with what a resource cache hands out (written or read).

    Records the value (and what a list, tuple or set of them holds) as
    shared, and warns once per class when its class was redefined.
    """
    items = list(value) if type(value) in _CONTAINERS else []
    if isinstance(value, dict):
        items = list(value.values())
    with _lock:
        for obj in (value, *items):
            _note(obj)
    for obj in (value, *items):
        _warn_if_redefined(obj)


def _warn_if_redefined(obj: object) -> None:
    cls = type(obj)
    key = (cls.__module__, cls.__qualname__)
    if cls.__module__ != "__main__" or key in _warned:
        return
    from streamlit.class_identity.redefined import resolve
    from streamlit.class_identity.session_values import running_identity

    identity = running_identity()
    modules = identity.modules if identity is not None else ()
    current = resolve(cls, modules, accept=lambda found: isinstance(found, type))
    if current is None or current is cls:
        return
    with _lock:
        if key in _warned:
            return
        _warned.add(key)
    name = cls.__qualname__
    _LOGGER.warning(
        "st.cache_resource returned an object of class %s (module %s) made in an "
        "earlier run of the script, which has defined %s anew since: "
        "isinstance(obj, %s) and == against objects of the current %s are False. "
        "Every session shares this object, so it is not made current as objects "
        "in st.session_state are. Define %s in a module of its own and import it "
        "in the script, so that it is defined once.",
        name, cls.__module__, name, name, name, name,
    )  # fmt: skip
