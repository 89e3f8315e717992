"""Whether a class of an earlier run may stand for a class of this run.

The one place that decides class correspondence, for every kind of value:

- Enum classes (``enum_verdict``): the same ``__qualname__`` and the same
  member names, and under ``nameAndValue`` each name's value;
- classes whose fields are known (``layout_verdict``): the same kind of
  class (dataclass, named tuple, attrs, pydantic, plain), every old field
  still there (a named tuple's in order) and every new one with a default,
  and the same ``__slots__``;
- a class statement that may give the previous run's class instead of a
  new one (``keep_verdict``): the same layout, bases and metaclass; and
  one that edited a dataclass's fields, whose class may be brought up to
  date in place (``edit_in_place_verdict``);
- a test's value and an app's option (``stands_for_option``): AppTest
  tests hold their own copies of the app's classes, matched by name and
  member name or field values.

A refusal is a ``Verdict`` that says what differs, for the one warning per
session and class (``Refusal``). The Enum verdict for a pair of classes is
computed once, in O(n) for n members, and cached weakly on both classes: a
class the app no longer uses is freed as it would be without coercion.
"""

from __future__ import annotations

import dataclasses
import threading
import weakref
from dataclasses import dataclass
from enum import Enum, EnumMeta
from operator import attrgetter
from typing import Any, Callable, Final, Iterable, Mapping

from streamlit.class_identity.config_options import InstanceMode, Mode
from streamlit.class_identity.fields import (
    DATACLASS,
    NAMEDTUPLE,
    PYDANTIC,
    Layout,
    layout,
)


@dataclass(frozen=True)
class Verdict:
    """The outcome of comparing two classes."""

    ok: bool
    # What differs, for the warning; empty when ok.
    reason: str = ""


ALLOWED: Final = Verdict(True)

# Called with (source class, target class, verdict) when a coercion is refused.
Refusal = Callable[[type, type, Verdict], None]


def ignore_refusal(source: type, target: type, verdict: Verdict) -> None:
    """A ``Refusal`` that says nothing (outside a session, in benchmarks)."""


# How many differing names a refusal names before summarising.
_MAX_NAMED: Final = 5


def shown_names(items: list[str]) -> str:
    """``items`` for a warning: the first few, and how many more."""
    shown = ", ".join(items[:_MAX_NAMED])
    if len(items) > _MAX_NAMED:
        shown += f", and {len(items) - _MAX_NAMED} more"
    return f"[{shown}]"


def _names_differ(old: Any, new: Any, what: str) -> str:
    missing = [name for name in old if name not in new]
    extra = [name for name in new if name not in old]
    parts = []
    if missing:
        parts.append(f"missing {what} names {shown_names(missing)}")
    if extra:
        parts.append(f"extra {what} names {shown_names(extra)}")
    return "; ".join(parts)


# -- Enum classes ---------------------------------------------------------------

# Classes with fewer members than this are compared afresh each time: for
# them the comparison costs less than a cache lookup under the lock.
CACHE_FROM_MEMBERS: Final = 64

# source class -> target class -> mode -> Verdict. Weak on both classes.
_verdicts: weakref.WeakKeyDictionary[
    type, weakref.WeakKeyDictionary[type, dict[str, Verdict]]
] = weakref.WeakKeyDictionary()
_lock: Final = threading.Lock()


def enum_verdict(source: type[Enum], target: type[Enum], mode: Mode) -> Verdict:
    """May members of ``source`` be given back as members of ``target``?"""
    if source is target:
        return ALLOWED
    if len(source._member_map_) < CACHE_FROM_MEMBERS:
        return _compare_enums(source, target, mode)
    with _lock:
        by_target = _verdicts.get(source)
        cached = None if by_target is None else by_target.get(target, {}).get(mode)
    if cached is not None:
        return cached
    # Computed outside the lock: two threads racing here compute the same thing.
    result = _compare_enums(source, target, mode)
    with _lock:
        by_target = _verdicts.get(source)
        if by_target is None:
            by_target = weakref.WeakKeyDictionary()
            _verdicts[source] = by_target
        by_target.setdefault(target, {})[mode] = result
    return result


def cached_pairs() -> int:
    """How many (source, target) pairs the cache holds: for memory tests."""
    with _lock:
        return sum(len(by_target) for by_target in _verdicts.values())


def _compare_enums(source: type[Enum], target: type[Enum], mode: Mode) -> Verdict:
    if source.__qualname__ != target.__qualname__:
        return Verdict(
            False, f"class names differ: {source.__qualname__} != {target.__qualname__}"
        )
    try:
        # _member_map_ is what __members__ wraps, read without the wrapping.
        theirs = source._member_map_
        ours = target._member_map_
        if theirs.keys() != ours.keys():  # compared as sets, in C
            return Verdict(False, _names_differ(theirs, ours, "member"))
        if mode == "nameAndValue":
            changed = [
                f"{name} ({member._value_!r} -> {ours[name]._value_!r})"
                for name, member in theirs.items()
                if not equal(member._value_, ours[name]._value_)
            ]
            if changed:
                return Verdict(False, f"changed values {shown_names(changed)}")
    except Exception as e:  # an odd class must never break the app
        return Verdict(False, f"could not compare the classes: {e!r}")
    return ALLOWED


def equal(a: Any, b: Any) -> bool:
    """``a == b``, False where the comparison raises."""
    try:
        return bool(a == b)
    except Exception:
        return False


# -- classes whose fields are known ------------------------------------------------


def layout_verdict(old: Layout, new: Layout | None) -> Verdict:
    """May instances of a class of layout ``old`` move to a class of layout ``new``?

    Where the new class can hold all they hold: the same kind of class, every
    old field still there (a named tuple's in order, ahead of any new one),
    each new field filled in by a default or a factory, and a slotted class
    with the same slots (its objects cannot grow in place).
    """
    if new is None:
        return Verdict(False, "the class is no longer one whose fields are known")
    if new.kind != old.kind:
        return Verdict(False, f"it was a {old.kind} and is now a {new.kind}")
    if new.names == old.names:
        pass
    elif set(new.names) == set(old.names) and old.kind == NAMEDTUPLE:
        order = f"{', '.join(old.names)} -> {', '.join(new.names)}"
        return Verdict(False, f"field order changed ({order})")
    else:
        missing = [name for name in old.names if name not in new.names]
        added = [name for name in new.names if name not in old.names]
        unfilled = [name for name in added if name not in new.defaults]
        if missing or unfilled:
            reasons = []
            if missing:
                reasons.append(f"missing field names {shown_names(missing)}")
            if unfilled:
                reasons.append(
                    f"extra field names without a default {shown_names(unfilled)}"
                )
            return Verdict(False, "; ".join(reasons))
        if old.kind == NAMEDTUPLE and new.names[: len(old.names)] != old.names:
            return Verdict(False, "field order changed")
    if new.slots != old.slots:
        return Verdict(False, "__slots__ changed (its objects cannot grow in place)")
    if new.private != old.private:
        return Verdict(False, "private attributes changed")
    return ALLOWED


# -- a class statement that may give the previous run's class ----------------------

# Metaclasses whose classes hold nothing a class statement builds for each class
# beyond what update_class brings over (the standard library's own).
_KEPT_METACLASS_MODULES: Final = frozenset({"builtins", "abc", "typing", "enum"})


def keep_verdict(
    old: type, new: type, enums: Mode | None, instances: InstanceMode
) -> Verdict:
    """May the class statement that built ``new`` give ``old`` instead, its
    body brought over (``class_update.update_class``)?

    When the two have the same layout: the same metaclass (of the standard
    library), the very same bases, the same memory layout, and an Enum the
    same member names and values in the same order (with ``enums`` on), any
    other class the same fields and slots (of a kind ``instances`` covers).
    A pydantic model builds a validator for its own class, and a script's
    base class with ``__init_subclass__`` may register each subclass it
    sees: neither is kept. ``enums`` None or "off" keeps no Enum class.
    """
    found = _same_statement(old, new)
    if found is not ALLOWED:
        return found
    theirs, ours = class_namespace(old), class_namespace(new)
    # With the same metaclass and bases, only __slots__ can change the memory
    # layout (its size, and whether instances have a dict or weak references).
    if "__slots__" in theirs or "__slots__" in ours:
        if _MEMORY_LAYOUT(old) != _MEMORY_LAYOUT(new):
            return Verdict(False, "its memory layout changed")
    if isinstance(new, EnumMeta):
        if enums is None or enums == "off":
            return Verdict(False, "Enum coercion is off")
        kept, built = theirs["_member_map_"], ours["_member_map_"]
        # Every rerun of an unchanged class: the same names in the same order,
        # and values of the same objects (small ints and interned strings
        # are). A plain loop: for the usual few members, cheaper than maps.
        if len(kept) == len(built):
            others = iter(built.items())
            for name, member in kept.items():
                other_name, other = next(others)
                if other_name != name or other._value_ is not member._value_:
                    break
            else:
                return ALLOWED
        return _same_members(kept, built)
    shape = layout(new, instances)
    if shape is None:
        return Verdict(False, "not a class whose fields are known in this mode")
    if shape.kind == PYDANTIC:
        return Verdict(False, "a pydantic model builds a validator for its own class")
    if layout(old, instances) != shape:
        return Verdict(False, "its fields changed")
    return ALLOWED


def edit_in_place_verdict(old: type, new: type, instances: InstanceMode) -> Verdict:
    """May the class statement that built ``new``, an edit of ``old``'s
    fields, give ``old`` instead, brought up to date in place, its objects
    given the fields ``new`` adds (``class_update.edit_in_place``)?

    When nothing but a dataclass's fields tell the two apart: both
    dataclasses (of a kind ``instances`` covers) without ``__slots__``, so
    their objects keep the same memory layout and hold their fields in a
    dict; the same metaclass and the very same bases, as ``keep_verdict``
    asks; no base of the script with ``__init_subclass__``; and no subclass
    of ``old`` with fields or slots of its own (a dataclass of its own would
    keep its own ``__init__`` and fields until its statement runs again; a
    subclass that inherits them takes the edit with ``old``, its objects
    too). Whether ``old``'s objects can hold the new fields is
    ``layout_verdict``'s to say.
    """
    found = _same_statement(old, new)
    if found is not ALLOWED:
        return found
    if "__slots__" in class_namespace(old) or "__slots__" in class_namespace(new):
        return Verdict(False, "its objects hold their fields in slots")
    for sub in subclasses(old):
        own = class_namespace(sub)
        if "__dataclass_fields__" in own or "__slots__" in own:
            subclass = sub.__qualname__
            return Verdict(False, f"its subclass {subclass} has fields of its own")
    shapes = layout(old, instances), layout(new, instances)
    if any(shape is None or shape.kind != DATACLASS for shape in shapes):
        return Verdict(False, "not a dataclass both before and after the edit")
    return ALLOWED


def subclasses(cls: type) -> list[type]:
    """Every subclass of ``cls`` there is, at any depth."""
    found: list[type] = []
    waiting = [cls]
    while waiting:
        for sub in type.__subclasses__(waiting.pop()):
            if sub not in found:
                found.append(sub)
                waiting.append(sub)
    return found


def _same_statement(old: type, new: type) -> Verdict:
    """May the class statement that built ``new`` give ``old``, as far as the
    statement itself says (``keep_verdict``, ``edit_in_place_verdict``): the
    same metaclass and bases (``_statement_verdict``), and no base class of
    the script with ``__init_subclass__``, which may register each subclass
    it sees."""
    # type's own getters: no lookup through a metaclass's __getattr__
    # (EnumType's, 3.8-3.11), as every run of every kept statement asks.
    found = _statement_verdict(old, type(new), _BASES(new))
    if found is not ALLOWED:
        return found
    if _script_base_defining(new):
        return Verdict(False, "a base class of the script has __init_subclass__")
    return ALLOWED


def _statement_verdict(old: type, meta: type, bases: tuple[type, ...]) -> Verdict:
    """May a class statement whose class has ``meta`` and ``bases`` give
    ``old``, as far as those say? (``keep_verdict``, ``keep_body_verdict``)"""
    if type(old) is not meta:
        return Verdict(False, "its metaclass changed")
    if meta.__module__ not in _KEPT_METACLASS_MODULES:
        return Verdict(False, f"its metaclass {meta.__qualname__} is not kept")
    if _BASES(old) != bases:  # the very same classes (type's ==)
        return Verdict(False, "its bases changed")
    return ALLOWED


def _script_base_defining(
    cls: type, names: Iterable[str] = ("__init_subclass__",)
) -> bool:
    """Whether a base class of the script (of ``cls``) defines one of ``names``:
    by default ``__init_subclass__``, which may register each subclass it
    sees (the class is built every run)."""
    for base in _MRO(cls)[1:-1]:
        if class_module(base) == "__main__" and not vars(base).keys().isdisjoint(names):
            return True
    return False


# What makes an Enum class's members of its body's values: a base class of the
# script that defines one of these has the class built every run (and so the
# members made again and compared), as does a body with an edited __init__.
_MEMBER_MAKERS: Final = (
    "__init_subclass__", "__init__", "__new__", "_new_member_", "__new_member__",
)  # fmt: skip


def keep_body_verdict(
    old: type,
    meta: type,
    bases: tuple[type, ...],
    namespace: Mapping[str, Any],
    enums: Mode | None,
) -> Iterable[str] | None:
    """May an Enum class statement give ``old`` without building a class, for
    the body that ran now (``namespace``, made by ``meta.__prepare__``)?

    When ``keep_verdict`` would say so of the class that body builds, as far
    as the body shows it: the same metaclass and bases, no ``__slots__``, and
    the same member names in the same order, each of the same value as
    ``old``'s member (of the same type, as ``_same_members`` compares; a
    value the machinery would make another value of, as a mixin type does of
    ``1.0``, has the class built), made by an unedited ``__init__`` and no
    member-making base of the script (``_MEMBER_MAKERS``). Then the member
    names (in the body's order), else None. The enum machinery keeps the
    member names in the body's ``_member_names`` (3.8-3.13): a body without
    them is built.
    """
    if enums is None or enums == "off" or "__slots__" in namespace:
        return None
    if _statement_verdict(old, meta, bases) is not ALLOWED:
        return None
    held = class_namespace(old)
    init = namespace.get("__init__")
    if init is not None and _code(init) is not _code(held.get("__init__")):
        return None
    if _script_base_defining(old, _MEMBER_MAKERS):
        return None
    names = getattr(namespace, "_member_names", None)
    kept = held.get("_member_map_")
    if names is None or kept is None or len(names) != len(kept):
        return None
    # The usual few members: a plain loop (see keep_verdict).
    others = iter(names)
    for name, member in kept.items():
        if next(others) != name:
            return None
        value, given = member._value_, namespace[name]
        if given is not value and not _same_value(value, given):
            return None
    return names


def _code(function: Any) -> Any:
    """A function's code (what makes two runs' functions alike); else None."""
    return getattr(function, "__code__", None)


# A class's own namespace (``vars(cls)``), read without the metaclass: an
# Enum class's attribute lookups go through EnumType.__getattr__ (3.8-3.11),
# and every run of every kept class statement reads these.
class_namespace: Final[Callable[[type], Mapping[str, Any]]] = type.__dict__[
    "__dict__"
].__get__
# A class's memory layout: what its instances' size and slots are.
_MEMORY_LAYOUT: Final = attrgetter(
    "__basicsize__", "__itemsize__", "__dictoffset__", "__weakrefoffset__"
)
_BASES: Final = type.__dict__["__bases__"].__get__
_MRO: Final = type.__dict__["__mro__"].__get__
# A class's module, read as class_namespace reads its namespace: type's own
# getter, never a metaclass's __getattr__.
class_module: Final[Callable[[type], str]] = type.__dict__["__module__"].__get__


def _same_members(theirs: Mapping[str, Enum], ours: Mapping[str, Enum]) -> Verdict:
    """The same member names (aliases too) in the same order, and each the
    same value (of the same type: ``1``, ``1.0`` and ``True`` are equal):
    ``theirs`` and ``ours``, the ``_member_map_`` of the two classes."""
    if list(theirs) != list(ours):
        return Verdict(False, "its member names changed")
    for name, member in theirs.items():
        if not _same_value(member._value_, ours[name]._value_):
            return Verdict(False, f"the value of {name} changed")
    return ALLOWED


def _same_value(a: Any, b: Any) -> bool:
    """Two members' values stand for each other: equal and of the same type
    (``1``, ``1.0`` and ``True`` are equal, and are not the same value)."""
    return type(a) is type(b) and equal(a, b)


# -- a test's values and an app's options ------------------------------------------


def stands_for_option(value: Any, option: Any) -> bool:
    """``option`` (the app's) is what a test means by ``value``: equal, or of
    a class of the same name holding the same member name or field values.

    By ``__name__``, not ``__qualname__``: a test may define its copy of the
    app's class inside a test function.
    """
    if option is value:
        return True
    kind, other = type(value), type(option)
    if kind.__name__ != other.__name__ or kind is other:
        return kind is other and equal(option, value)
    if isinstance(value, Enum):
        return isinstance(option, Enum) and option._name_ == value._name_
    state = _state_of(value)
    return state is not None and equal(state, _state_of(option))


def _state_of(obj: Any) -> Any:
    """What an object holds, to tell two instances of like classes apart."""
    if dataclasses.is_dataclass(obj):
        return tuple(getattr(obj, f.name, None) for f in dataclasses.fields(obj))
    if isinstance(obj, tuple):
        return tuple(obj)
    return getattr(obj, "__dict__", None)
