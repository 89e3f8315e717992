"""The objects every session shares: what ``st.cache_resource`` handed out.

A resource cache returns the very same object to every session and every
run. Such an object must never be re-classed or changed by one session's
update of its kept values (each session has its own current classes), so it
is recorded here, weakly, and the update passes it over (``is_shared``).
This module holds the record only; ``cached_resources`` fills it.
"""

from __future__ import annotations

import threading
import weakref
from typing import Any, Final

# id -> weak reference, so that a resource the cache lets go of is not kept
# alive here (a WeakSet would need the objects to be hashable).
_shared: Final[dict[int, weakref.ref[Any]]] = {}
_lock: Final = threading.RLock()  # _forget may run, from the GC, inside it


def is_shared(obj: object) -> bool:
    """``obj`` was handed out by a resource cache (and is still alive)."""
    ref = _shared.get(id(obj))
    return ref is not None and ref() is obj


def record(objects: list[Any]) -> None:
    """Record ``objects`` as shared by every session."""
    with _lock:
        for obj in objects:
            _record(obj)


def _record(obj: object) -> None:
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
