"""Whether a member of one Enum class may stand for a member of another.

A Streamlit script defines its classes anew on every run, so an Enum member
kept from an earlier run belongs to a class that is no longer the one the
script compares against. This module decides, for a pair of classes, whether
the older one's members map onto the newer one's by member name, under the
rules of the configured mode, and does the mapping.

The verdict for a pair is computed once, in O(n) for n members, and cached:
every later value costs one dictionary lookup. The cache holds the classes
only weakly, and its values hold no class at all, so a class that the app no
longer uses is freed as it would be without coercion.
"""

from __future__ import annotations

import operator
import threading
import weakref
from dataclasses import dataclass
from enum import Enum, EnumMeta, Flag
from itertools import repeat
from typing import Any, Final, Mapping, Sequence

from streamlit.class_identity.mode import Mode

# How many differing member names a refusal names before summarising.
_MAX_NAMED: Final = 5

_NAME: Final = operator.attrgetter("_name_")

# Classes with fewer members than this are compared afresh each time: for
# them the comparison costs less than a cache lookup under the lock.
CACHE_FROM_MEMBERS: Final = 64


@dataclass(frozen=True)
class Verdict:
    """The outcome of comparing two classes under one mode."""

    ok: bool
    # What differs, for the warning; empty when ok.
    reason: str = ""


_ALLOWED: Final = Verdict(True)

# source class -> target class -> mode -> Verdict. Weak on both classes.
_verdicts: weakref.WeakKeyDictionary[
    type, weakref.WeakKeyDictionary[type, dict[str, Verdict]]
] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def is_enum_class(obj: object) -> bool:
    return isinstance(obj, EnumMeta)


def verdict(source: type[Enum], target: type[Enum], mode: Mode) -> Verdict:
    """May members of ``source`` be given back as members of ``target``?"""
    if source is target:
        return _ALLOWED
    if len(source._member_map_) < CACHE_FROM_MEMBERS:
        return _compare(source, target, mode)
    with _lock:
        by_target = _verdicts.get(source)
        cached = None if by_target is None else by_target.get(target, {}).get(mode)
    if cached is not None:
        return cached
    # Computed outside the lock: two threads racing here compute the same thing.
    result = _compare(source, target, mode)
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


def _compare(source: type[Enum], target: type[Enum], mode: Mode) -> Verdict:
    if source.__qualname__ != target.__qualname__:
        return Verdict(
            False, f"class names differ: {source.__qualname__} != {target.__qualname__}"
        )
    try:
        # _member_map_ is what __members__ wraps, read without the wrapping.
        theirs = source._member_map_
        ours = target._member_map_
        if theirs.keys() != ours.keys():  # compared as sets, in C
            missing = [name for name in theirs if name not in ours]
            extra = [name for name in ours if name not in theirs]
            parts = []
            if missing:
                parts.append(f"missing member names {shown_names(missing)}")
            if extra:
                parts.append(f"extra member names {shown_names(extra)}")
            return Verdict(False, "; ".join(parts))
        if mode == "nameAndValue":
            changed = [
                f"{name} ({member._value_!r} -> {ours[name]._value_!r})"
                for name, member in theirs.items()
                if not _equal(member._value_, ours[name]._value_)
            ]
            if changed:
                return Verdict(False, f"changed values {shown_names(changed)}")
    except Exception as e:  # an odd class must never break the app
        return Verdict(False, f"could not compare the classes: {e!r}")
    return _ALLOWED


def _equal(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except Exception:
        return False


def shown_names(items: list[str]) -> str:
    """``items`` for a warning: the first few, and how many more."""
    shown = ", ".join(items[:_MAX_NAMED])
    if len(items) > _MAX_NAMED:
        shown += f", and {len(items) - _MAX_NAMED} more"
    return f"[{shown}]"


def members_if_allowed(
    source: type[Enum], target: type[Enum], mode: Mode
) -> Mapping[str, Enum] | None:
    """``target``'s members by name if ``source``'s members may map onto them.

    Callers coercing many values of one class call this once and then look
    each value's name up: O(1) a value after the pair's O(n) first meeting.
    """
    if source is not target and not verdict(source, target, mode).ok:
        return None
    return target._member_map_  # read only: what __members__ wraps


def remap(member: Enum, target: type[Enum], mode: Mode) -> Enum | None:
    """``target``'s member of the same name, when the rules allow; else None."""
    members = members_if_allowed(type(member), target, mode)
    return None if members is None else remap_by_name(member, target, members)


def remap_all(values: Sequence[Enum], target: type[Enum], mode: Mode) -> list[Enum]:
    """``values`` (members) as ``target``'s members where the rules allow,
    each class's verdict taken once; a value without a counterpart stays.

    The common case, members of one class whose names the target has, is
    mapped in C; anything else value by value.
    """
    kinds = set(map(type, values))
    result = list(values)
    for source in kinds:
        if source is target:
            continue
        members = members_if_allowed(source, target, mode)  # type: ignore[arg-type]
        if members is None:
            continue  # refused: left as they are
        if len(kinds) == 1:
            mapped = list(map(members.get, map(_NAME, values)))
            if not any(map(operator.is_, mapped, repeat(None))):
                return mapped
        for i, value in enumerate(result):
            if type(value) is source:
                mapped_one = remap_by_name(value, target, members)
                if mapped_one is not None:  # (a member may be falsy: Perm(0))
                    result[i] = mapped_one
    return result


def remap_by_name(
    member: Enum, target: type[Enum], members: Mapping[str, Enum]
) -> Enum | None:
    """``target``'s member named like ``member`` (``members`` is its __members__).

    A Flag value that is no single member (``Perm.R | Perm.W``, or one with
    bits no member names, ``Perm(9)``) maps to the target's value of the same
    bits (``flag_counterpart``). None when there is no such member.
    """
    if type(member) is target:
        return member
    try:
        mapped = members.get(member._name_)  # type: ignore[arg-type]
        if mapped is None and isinstance(member, Flag):
            mapped = flag_counterpart(member, target)
    except Exception:
        return None
    return mapped if isinstance(mapped, target) else None


def _flag_bits(flag_class: type[Enum]) -> dict[str, int]:
    """Member name -> value, for the members that name a single bit."""
    bits = {}
    for name, member in flag_class._member_map_.items():
        value = member._value_
        if isinstance(value, int) and value > 0 and value & (value - 1) == 0:
            bits[name] = value
    return bits


def _same_values(source: type[Enum], target: type[Enum]) -> bool:
    theirs, ours = source._member_map_, target._member_map_
    return theirs.keys() == ours.keys() and all(
        _equal(member._value_, ours[name]._value_) for name, member in theirs.items()
    )


def flag_counterpart(member: Flag, target: type[Enum]) -> Enum | None:
    """The ``target`` value standing for a Flag value that is no single member.

    Where every member has the same value in both classes, the bits mean the
    same: the value is taken whole, unnamed bits and all (``Perm(9)`` stays
    9). Otherwise (``nameOnly`` and values that changed) each named bit maps
    by its name; a bit no member names has no known counterpart: None.
    """
    source = type(member)
    value = member._value_
    if _same_values(source, target):
        try:
            return target(value)  # type: ignore[call-arg]
        except ValueError:  # a stricter boundary in the new class
            return None
    theirs, ours = _flag_bits(source), target._member_map_
    mapped, left = 0, value
    for name, bit in theirs.items():
        if value & bit and name in ours:
            mapped |= ours[name]._value_
            left &= ~bit
    if left:
        return None
    try:
        return target(mapped)  # type: ignore[call-arg]
    except ValueError:
        return None


def flag_refusal(member: Enum, target: type[Enum]) -> str | None:
    """Why a Flag value could not be mapped onto ``target`` (for the warning),
    or None when ``member`` is no Flag value."""
    if not isinstance(member, Flag):
        return None
    source = type(member)
    named = 0
    for bit in _flag_bits(source).values():
        named |= bit
    unnamed = member._value_ & ~named
    if unnamed and not _same_values(source, target):
        return (
            f"the value {member._value_!r} has bits no member names ({unnamed!r}) "
            "and member values changed"
        )
    return f"the value {member._value_!r} has no counterpart in the new class"
