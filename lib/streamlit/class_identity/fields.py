"""What state an instance keeps, and how to move it to a redefined class.

Two classes that stand under the same module and ``__qualname__`` may hold
each other's instances when the new one can hold the old one's state: the
same kind of class, the old field names all present in the new one (a field
the new class adds must have a default or a factory, which the moved
instance gets), with the same memory layout. The fields are

- a dataclass's fields (``dataclasses.fields``: frozen, slotted, with
  defaults and factories alike);
- a ``typing.NamedTuple``'s or ``collections.namedtuple``'s ``_fields``, in
  order (they are the tuple's items);
- an attrs class's attributes (``__attrs_attrs__``: ``define``, ``frozen``,
  dict and slotted);
- a pydantic (v2) model's fields (``__pydantic_fields__``), and its private
  attributes, which must be the same in both classes;
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
import gc
import threading
import weakref
from collections import deque
from dataclasses import dataclass
from itertools import repeat
from typing import Any, Callable, Final, Iterable, Mapping

from streamlit.class_identity.config_options import InstanceMode

DATACLASS = "dataclass"
NAMEDTUPLE = "namedtuple"
ATTRS = "attrs"
PYDANTIC = "pydantic"
PLAIN = "plain"

# The kinds whose fields are declared ("dataClasses" takes them).
DECLARED = frozenset({DATACLASS, NAMEDTUPLE, ATTRS, PYDANTIC})


@dataclass(frozen=True)
class Layout:
    """The state a class's instances keep; holds no reference to the class."""

    kind: str  # one of the kinds above
    names: tuple[str, ...]
    slots: tuple[str, ...] | None = None
    # The fields the class fills in itself (a default or a factory).
    defaults: frozenset[str] = frozenset()
    # A pydantic model's private attributes (kept beside its fields).
    private: tuple[str, ...] = ()


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
    if found is not None and found.kind == PLAIN and mode != "allClasses":
        return None
    return found  # type: ignore[return-value]


def forget(cls: type) -> None:
    """``cls`` was brought up to date in place with another layout: its
    layout is read again when next asked."""
    with _lock:
        _layouts.pop(cls, None)


def _layout(cls: type) -> Layout | None:
    try:
        if dataclasses.is_dataclass(cls):
            found = dataclasses.fields(cls)
            names = tuple(f.name for f in found)
            filled = frozenset(f.name for f in found if _dataclass_default(f))
            return Layout(DATACLASS, names, _slots(cls), filled)
        if issubclass(cls, tuple) and isinstance(getattr(cls, "_fields", None), tuple):
            names = tuple(cls._fields)  # type: ignore[attr-defined]
            filled = frozenset(getattr(cls, "_field_defaults", {}))
            return Layout(NAMEDTUPLE, names, None, filled)
        if "__attrs_attrs__" in vars(cls):
            return _attrs_layout(cls)
        if _is_pydantic(cls):
            return _pydantic_layout(cls)
        if _plain(cls):
            slots = _all_slots(cls)
            assigned = sorted(_init_assigned(cls) | set(slots or ()))
            return Layout(PLAIN, tuple(assigned), slots)
    except Exception:  # an odd class is simply not one we handle
        return None
    return None


def _dataclass_default(field: dataclasses.Field[Any]) -> bool:
    missing = dataclasses.MISSING
    return field.default is not missing or field.default_factory is not missing


def _attrs_layout(cls: type) -> Layout:
    from attr import NOTHING  # present: the class was made by attrs

    found = vars(cls)["__attrs_attrs__"]
    names = tuple(a.name for a in found)
    filled = frozenset(a.name for a in found if a.default is not NOTHING)
    return Layout(ATTRS, names, _slots(cls), filled)


def _is_pydantic(cls: type) -> bool:
    """A pydantic v2 model (told by its base, without importing pydantic)."""
    return any(
        base.__name__ == "BaseModel" and base.__module__ == "pydantic.main"
        for base in cls.__mro__[1:]
    )


def _pydantic_layout(cls: type) -> Layout:
    found: Mapping[str, Any] = cls.__pydantic_fields__  # type: ignore[attr-defined]
    filled = frozenset(n for n, f in found.items() if not f.is_required())
    private = tuple(getattr(cls, "__private_attributes__", {}))
    return Layout(PYDANTIC, tuple(found), _slots(cls), filled, private)


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


# -- the state an instance holds ---------------------------------------------------


def values(obj: Any, shape: Layout) -> list[tuple[str, Any]]:
    """The fields ``obj`` holds now, by name (a named tuple's by position).

    A plain object's are what its ``__dict__`` and slots hold; a slot never
    set, or an ``init=False`` field not set yet, is left out. A pydantic
    model's extra and private attributes come as the dicts that hold them.
    """
    if shape.kind == NAMEDTUPLE:
        return list(zip(shape.names, tuple.__iter__(obj)))
    names = shape.names
    if shape.kind == PLAIN:
        state = getattr(obj, "__dict__", None)
        names = tuple(state) if state is not None else ()
        names += tuple(n for n in shape.slots or () if n not in names)
    elif shape.kind == PYDANTIC:
        names += _PYDANTIC_HELD
    found = []
    for name in names:
        try:
            found.append((name, object.__getattribute__(obj, name)))
        except AttributeError:
            continue
    return found


# Where a pydantic model keeps what is not a field (dicts, or None).
_PYDANTIC_HELD = ("__pydantic_extra__", "__pydantic_private__")


def set_value(obj: Any, name: str, value: Any) -> None:
    """Set a field in place, frozen and slotted dataclasses alike (a pydantic
    model's without validation, as its own ``model_construct`` does)."""
    object.__setattr__(obj, name, value)


# -- moving an instance ----------------------------------------------------------------


Maker = Callable[[Any], Any]  # a field's default, made for an instance


def filled_in(target: type, shape: Layout, names: Iterable[str]) -> dict[str, Maker]:
    """How ``target`` (of layout ``shape``) fills in each of ``names``: a
    function of the instance giving the field's default (a new object from a
    factory for each instance, as the class's own ``__init__`` makes one)."""
    wanted = set(names)
    makers: dict[str, Maker] = {}
    if shape.kind == DATACLASS:
        for f in dataclasses.fields(target):
            if f.name in wanted:
                makers[f.name] = _dataclass_maker(f)
    elif shape.kind == ATTRS:
        for a in vars(target)["__attrs_attrs__"]:
            if a.name in wanted:
                makers[a.name] = _attrs_maker(a.default)
    elif shape.kind == PYDANTIC:
        found = target.__pydantic_fields__  # type: ignore[attr-defined]
        for name in wanted:
            makers[name] = _pydantic_maker(found[name])
    elif shape.kind == NAMEDTUPLE:
        defaults = target._field_defaults  # type: ignore[attr-defined]
        for name in wanted:
            makers[name] = _constant(defaults[name])
    return makers


class _Constant:
    """A default that is the same object for every instance."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __call__(self, _: Any) -> Any:
        return self.value


def _constant(value: Any) -> Maker:
    return _Constant(value)


def _dataclass_maker(f: dataclasses.Field[Any]) -> Maker:
    if f.default_factory is not dataclasses.MISSING:
        factory = f.default_factory
        return lambda _: factory()
    return _constant(f.default)


def _attrs_maker(default: Any) -> Maker:
    factory = getattr(default, "factory", None)
    if factory is None:
        return _constant(default)
    if getattr(default, "takes_self", False):
        return factory  # type: ignore[no-any-return]
    return lambda _: factory()


def _pydantic_maker(field: Any) -> Maker:
    return lambda _: field.get_default(call_default_factory=True)


_OBJECT_SETATTR: Final = object.__setattr__


def move(obj: Any, target: type) -> bool:
    """Make ``obj`` an instance of ``target``, in place; False if Python
    refuses, and ``obj`` is then as it was."""
    return move_all([obj], target)


def move_all(
    objs: list[Any], target: type, added: Mapping[str, Maker] | None = None
) -> bool:
    """Make each of ``objs`` (instances of one class) an instance of
    ``target``, in place, each field the target adds set to its default
    first, all at once; False if Python refuses (a layout it cannot take) or
    a default cannot be made, and every object is then exactly as it was."""
    return _change_all(objs, added or {}, target)


def fill_in_all(objs: list[Any], added: Mapping[str, Maker]) -> bool:
    """Set each field of ``added`` on each of ``objs`` (instances of one
    class) to its default, all at once, their class left as it is: the
    objects of a class an edit brings up to date in place
    (``class_update.edit_in_place``). False if a default cannot be made or
    set, and every object is then exactly as it was."""
    return _change_all(objs, added, None)


def unfill_all(objs: list[Any], names: Iterable[str]) -> None:
    """Take the fields ``names`` off each of ``objs`` again, where set."""
    for obj in objs:
        for name in names:
            try:
                object.__delattr__(obj, name)
            except AttributeError:
                pass


def _change_all(
    objs: list[Any], added: Mapping[str, Maker], target: type | None
) -> bool:
    if not objs:
        return True
    source = type(objs[0])
    # Where the class keeps object's own __setattr__, the builtin setattr
    # reaches it without a slot wrapper's call: twice as fast a move.
    put = setattr if source.__setattr__ is _OBJECT_SETATTR else _OBJECT_SETATTR
    filled = []
    # A move may give each object a dict of its own (3.11+ keep attributes
    # inline, tied to the class): so many new objects would start the
    # garbage collector over and over, for nothing to collect.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for name, make in added.items():
            if isinstance(make, _Constant):
                defaults: Iterable[Any] = repeat(make.value)
            else:
                defaults = list(map(make, objs))
            filled.append(name)
            _each(map(put, objs, repeat(name), defaults))
        if target is not None:
            _each(map(put, objs, repeat("__class__"), repeat(target)))
    except Exception:  # "object layout differs", a factory that raised
        if target is not None:
            for obj in objs:
                if type(obj) is target:
                    _OBJECT_SETATTR(obj, "__class__", source)
        unfill_all(objs, filled)
        return False
    finally:
        if collecting:
            gc.enable()
    return True


def _each(calls: Iterable[Any]) -> None:
    """Make every call of ``calls`` (a ``map``), in C, keeping no result."""
    deque(calls, maxlen=0)


def rebuild(
    record: tuple[Any, ...], cls: type, names: tuple[str, ...], items: list[Any]
) -> Any:
    """A named tuple of class ``cls`` holding ``items`` (the fields ``names``;
    a field ``cls`` adds takes its default), and what the old one kept in its
    ``__dict__`` (a subclass without ``__slots__ = ()``)."""
    if tuple(cls._fields) == names:  # type: ignore[attr-defined]
        new = cls._make(items)  # type: ignore[attr-defined]
    else:
        new = cls(**dict(zip(names, items)))
    state = getattr(record, "__dict__", None)
    if state:
        new.__dict__.update(state)
    return new
