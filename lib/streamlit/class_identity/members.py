"""Enum members of an earlier run's class, given as the current class's members.

Once ``correspondence.enum_verdict`` allows a pair of classes, a member maps
onto the current class's member of the same name (a Flag value onto the
value of the same bits): ``members_if_allowed`` once for the pair, then one
dictionary lookup a value.
"""

from __future__ import annotations

import operator
from enum import Enum, EnumMeta, Flag
from itertools import repeat
from typing import Final, Mapping, Sequence

from streamlit.class_identity.config_options import Mode
from streamlit.class_identity.correspondence import enum_verdict, equal

_NAME: Final = operator.attrgetter("_name_")


def is_enum_class(obj: object) -> bool:
    return isinstance(obj, EnumMeta)


def members_if_allowed(
    source: type[Enum], target: type[Enum], mode: Mode
) -> Mapping[str, Enum] | None:
    """``target``'s members by name if ``source``'s members may map onto them.

    Callers coercing many values of one class call this once and then look
    each value's name up: O(1) a value after the pair's O(n) first meeting.
    """
    if source is not target and not enum_verdict(source, target, mode).ok:
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
        equal(member._value_, ours[name]._value_) for name, member in theirs.items()
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
