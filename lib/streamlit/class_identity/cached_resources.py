"""What ``st.cache_resource`` hands out: recorded as shared, and explained once.

A resource cache returns the very same object to every session and every
run. If the script has since defined the object's class anew, the object is
an instance of an *earlier* run's class: ``isinstance`` and ``==`` against
the current class fail. It cannot be re-classed as session state's objects
are (each session has its own current class, and they would take it from
each other), so it is recorded as shared (``shared_objects``), and the first
time one of a class is handed out after its class was redefined, one
WARNING says so, and what to do about it.

The docs' own singleton caches a ``staticmethod`` (``@st.cache_resource``
over ``@staticmethod``), which Python before 3.10 can neither call nor name
(it has no ``__module__``): st.cache_resource raised AttributeError there, so
the class went unexplained. It caches the function instead (``as_function``).
"""

from __future__ import annotations

import threading
from typing import Any, Final

from streamlit.class_identity import shared_objects
from streamlit.class_identity.class_update import find_current_class, is_class
from streamlit.class_identity.session_identity import running_identity
from streamlit.logger import get_logger

_LOGGER: Final = get_logger(__name__)

_CONTAINERS: Final = (list, tuple, set, frozenset)

# (module, qualname) of the classes warned about, for the whole process.
_warned: Final[set[tuple[str, str]]] = set()
_lock: Final = threading.Lock()


def as_function(func: Any) -> Any:
    """What st.cache_resource caches for ``func``: a ``staticmethod`` that
    the interpreter cannot call (before 3.10) as its function, as 3.10 on
    calls it; anything else as it is."""
    if isinstance(func, staticmethod) and not callable(func):
        return func.__func__
    return func


def record(value: Any) -> None:
    """Called with what a resource cache hands out (written or read).

    Records the value as shared (and so everything reachable from it), and
    warns once per class when its class, or the class of what a list, tuple,
    set or dict of them holds, was redefined.
    """
    shared_objects.record(value)
    items = list(value) if type(value) in _CONTAINERS else []
    if isinstance(value, dict):
        items = list(value.values())
    for obj in (value, *items):
        _warn_if_redefined(obj)


def _warn_if_redefined(obj: object) -> None:
    cls = type(obj)
    key = (cls.__module__, cls.__qualname__)
    if cls.__module__ != "__main__" or key in _warned:
        return
    identity = running_identity()
    modules = identity.modules if identity is not None else ()
    current = find_current_class(cls, modules, accept=is_class)
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
