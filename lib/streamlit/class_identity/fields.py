"""What state an instance keeps, and how to move it to a redefined class.

Two classes that stand under the same module and ``__qualname__`` may hold
each other's instances when they keep the same state: the same field names
(``runner.instanceCoercion``'s analogue of ``nameOnly``), in the same kind of
class, with the same memory layout. The fields are

- a dataclass's fields (``dataclasses.fields``: frozen, slotted, with
  defaults and factories alike);
- a ``typing.NamedTuple``'s or ``collections.namedtuple``'s ``_fields``, in
  order (they are the tuple's items);
- a plain class's ``__slots__`` and the attributes its ``__init__`` (and its
  bases') assign to ``self``, with ``"allClasses"`` only: a plain class may
  keep state that no declaration shows, so it is taken only when asked for.

An instance moves by ``__class__`` assignment, in place: Python checks that
the two layouts agree, and the object stays the one object the app holds.
Whether two layouts correspond is ``correspondence.layout_verdict``'s to say.
"""

from __future__ import annotations

import abc
import dataclasses
import dis
import threading
import weakref
from dataclasses import dataclass
from typing import Any

from streamlit.class_identity.config_options import InstanceMode


@dataclass(frozen=True)
class Layout:
    """The state a class's instances keep; holds no reference to the class."""

    kind: str  # "dataclass", "namedtuple" or "plain"
    names: tuple[str, ...]
    slots: tuple[str, ...] | None = None


_layouts: weakref.WeakKeyDictionary[type, Layout | None] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def layout(cls: type, mode: InstanceMode) -> Layout | None:
    """The layout of ``cls``'s instances, or None when ``mode`` does not cover
    such a class (or it is no class whose state we know)."""
    if mode == "off":
        return None
    with _lock:
        found = _layouts.get(cls, False)
    if found is False:
        found = _layout(cls)
        with _lock:
            _layouts[cls] = found
    if found is not None and found.kind == "plain" and mode != "allClasses":
        return None
    return found  # type: ignore[return-value]


def _layout(cls: type) -> Layout | None:
    try:
        if dataclasses.is_dataclass(cls):
            names = tuple(f.name for f in dataclasses.fields(cls))
            return Layout("dataclass", names, _slots(cls))
        if issubclass(cls, tuple) and isinstance(getattr(cls, "_fields", None), tuple):
            return Layout("namedtuple", tuple(cls._fields))  # type: ignore[attr-defined]
        if _plain(cls):
            slots = _all_slots(cls)
            assigned = sorted(_init_assigned(cls) | set(slots or ()))
            return Layout("plain", tuple(assigned), slots)
    except Exception:  # an odd class is simply not one we handle
        return None
    return None


def _plain(cls: type) -> bool:
    """A class of Python code with no builtin base but object, and no
    metaclass but ``abc.ABCMeta`` (``abc.ABC``, ``typing.Protocol``)."""
    meta = type(cls)
    if not (meta is type or issubclass(meta, abc.ABCMeta)):
        return False
    if cls.__module__ == "builtins":
        return False
    return all(base is object or _plain(base) for base in cls.__bases__)


def _slots(cls: type) -> tuple[str, ...] | None:
    slots = cls.__dict__.get("__slots__")
    if slots is None:
        return None
    return (slots,) if isinstance(slots, str) else tuple(slots)


def _all_slots(cls: type) -> tuple[str, ...] | None:
    found = [s for c in cls.__mro__ if c is not object for s in (_slots(c) or ())]
    has = any(_slots(c) is not None for c in cls.__mro__ if c is not object)
    return tuple(found) if has else None


def _init_assigned(cls: type) -> set[str]:
    """Names ``__init__`` (of the class and its bases) assigns as ``self.<name>``.

    Read off the bytecode: ``STORE_ATTR name`` right after the instruction that
    pushed ``self``. That is ``LOAD_FAST self`` on 3.8 to 3.12; 3.13 fuses
    two loads into ``LOAD_FAST_LOAD_FAST (value, self)``, whose last name is
    the one on top (and 3.14 adds ``LOAD_FAST_BORROW`` forms).
    """
    names: set[str] = set()
    for klass in cls.__mro__:
        init = klass.__dict__.get("__init__")
        code = getattr(init, "__code__", None)
        if code is None or not code.co_varnames:
            continue
        me = code.co_varnames[0]
        previous = None
        for instruction in dis.get_instructions(code):
            if instruction.opname == "STORE_ATTR" and _pushes(previous, me):
                names.add(instruction.argval)
            previous = instruction
    return names


def _pushes(instruction: dis.Instruction | None, name: str) -> bool:
    """``instruction`` leaves local ``name`` on top of the stack."""
    if instruction is None or not instruction.opname.startswith("LOAD_FAST"):
        return False
    loaded = instruction.argval
    if isinstance(loaded, tuple):  # a fused load: the last one is on top
        return bool(loaded) and loaded[-1] == name
    return bool(loaded == name)


def move(obj: Any, target: type) -> bool:
    """Make ``obj`` an instance of ``target``, in place; False if Python refuses."""
    try:
        object.__setattr__(obj, "__class__", target)
    except TypeError:  # "object layout differs": left as it was
        return False
    return True


def values(obj: Any, shape: Layout) -> list[tuple[str, Any]]:
    """The fields ``obj`` holds now, by name (a named tuple's by position).

    A plain object's are what its ``__dict__`` and slots hold; a slot never
    set, or an ``init=False`` field not set yet, is left out.
    """
    if shape.kind == "namedtuple":
        return list(zip(shape.names, tuple.__iter__(obj)))
    names = shape.names
    if shape.kind == "plain":
        state = getattr(obj, "__dict__", None)
        names = tuple(state) if state is not None else ()
        names += tuple(n for n in shape.slots or () if n not in names)
    found = []
    for name in names:
        try:
            found.append((name, object.__getattribute__(obj, name)))
        except AttributeError:
            continue
    return found


def set_value(obj: Any, name: str, value: Any) -> None:
    """Set a field in place, frozen and slotted dataclasses alike."""
    object.__setattr__(obj, name, value)


def rebuild(record: tuple[Any, ...], cls: type, items: list[Any]) -> Any:
    """A named tuple of class ``cls`` holding ``items``, and what the old one
    kept in its ``__dict__`` (a subclass without ``__slots__ = ()``)."""
    new = cls._make(items)  # type: ignore[attr-defined]
    state = getattr(record, "__dict__", None)
    if state:
        new.__dict__.update(state)
    return new
