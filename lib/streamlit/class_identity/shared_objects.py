"""The objects every session shares: what ``st.cache_resource`` handed out.

A resource cache returns the very same object to every session and every
run. Nothing reachable from it may be re-classed or changed by one session's
update of its kept values (each session has its own current classes), nor
handed to a session's script as its own object. So what a resource cache
hands out is recorded here, and ``is_shared`` answers for everything
reachable from it: its items, their items, the attributes of its objects, at
any depth.

What is reachable is found when first asked after a change (a new object
handed out, or a run starting, as a run may have changed what a shared
object holds), in passes over the graph in C (``gc.get_referents``); it does
not go into classes, modules, functions or Streamlit's own objects. An app
that caches no resource never pays for it. This module holds the record
only; ``cached_resources`` fills it.
"""

from __future__ import annotations

import gc
import sys
import threading
import weakref
from types import BuiltinFunctionType, CodeType, FunctionType, ModuleType
from typing import Any, Final

# id -> a weak reference to what a resource cache handed out, or the object
# itself where it cannot be weakly referenced (a dict, a list): held while
# someone else (the cache) holds it too, let go of when only this holds it.
_roots: Final[dict[int, Any]] = {}
_lock: Final = threading.RLock()  # _forget may run, from the GC, inside it

# What is reachable from the roots, when last found: (ids, the objects, kept
# alive so that their ids stay theirs), or None when it must be found again.
_reach: list[Any] = [None]

# Objects the search does not go into: what holds code or names, not data.
_OPAQUE: Final = (type, ModuleType, FunctionType, BuiltinFunctionType, CodeType)


def record(value: object) -> None:
    """Record ``value``, which a resource cache hands out, as shared."""
    key = id(value)
    with _lock:
        held = _roots.get(key)
        if held is not None and _target(held) is value:
            return
        try:
            _roots[key] = weakref.ref(value, lambda _, key=key: _forget(key))
        except TypeError:  # a dict, a list, a tuple: held strongly for now
            _roots[key] = value
        _reach[0] = None


def changed() -> None:
    """What shared objects hold may have changed (a run starts): the reach
    is found again when next asked."""
    if _roots:
        _reach[0] = None


def is_shared(obj: object) -> bool:
    """``obj`` is reachable from what a resource cache handed out."""
    if not _roots:
        return False
    return id(obj) in _reachable()


def shared_ids() -> frozenset[int] | set[int]:
    """The ids of everything reachable from what a resource cache handed
    out (empty where no resource is cached)."""
    if not _roots:
        return _NONE
    return _reachable()


_NONE: Final[frozenset[int]] = frozenset()


def _target(held: Any) -> Any:
    return held() if isinstance(held, weakref.ref) else held


def _forget(key: int) -> None:
    with _lock:
        held = _roots.get(key)
        if isinstance(held, weakref.ref) and held() is None:
            del _roots[key]
            _reach[0] = None


def _reachable() -> set[int]:
    with _lock:
        found = _reach[0]
        if found is not None:
            return found[0]  # type: ignore[no-any-return]
        _reach[0] = None  # its objects no longer count as held
        for key in [key for key in _roots if _let_go(key)]:
            del _roots[key]
        roots = [obj for obj in map(_target, _roots.values()) if obj is not None]
        ids, objects = _search(roots)
        _reach[0] = (ids, objects)
        return ids


def _let_go(key: int) -> bool:
    """The root under ``key`` is held strongly and by nothing but the record
    any longer (the cache let go of it): the record's reference, and
    getrefcount's argument."""
    held = _roots[key]
    if isinstance(held, weakref.ref):
        return False
    del held
    return sys.getrefcount(_roots[key]) <= 2


def _search(roots: list[Any]) -> tuple[set[int], list[Any]]:
    """The ids of everything reachable from ``roots``, and those objects."""
    ids: set[int] = set()
    objects: list[Any] = []
    level = roots
    while level:
        fresh = {
            id(obj): obj
            for obj in level
            if not isinstance(obj, _OPAQUE) and not _streamlits(obj)
        }
        for known in ids.intersection(fresh):
            del fresh[known]
        if not fresh:
            break
        ids.update(fresh)
        objects.extend(fresh.values())
        level = gc.get_referents(*filter(gc.is_tracked, fresh.values()))
    return ids, objects


def _streamlits(obj: object) -> bool:
    """An object of Streamlit's own (a delta generator, session state): never
    app data, and its references lead to every session."""
    return type(obj).__module__.startswith("streamlit.")
