"""Hypothesis strategies for Enum classes and their redefinitions.

A *spec* says how to build a class (flavour, member names and values, extras
such as ``_missing_`` or a custom ``__eq__``); ``build`` turns it into a fresh
class object each time, as a script rerun does. ``redefinitions`` derives a
second spec the way apps change their classes between runs.
"""

from __future__ import annotations

import enum
import keyword
import math
from dataclasses import dataclass, replace
from typing import Any

from hypothesis import strategies as st
from streamlit.class_identity.correspondence import CACHE_FROM_MEMBERS

# The flavours of this Python (StrEnum is new in 3.11).
FLAVOURS = tuple(
    f for f in ("Enum", "IntEnum", "StrEnum", "Flag", "IntFlag") if hasattr(enum, f)
)

# Names that are attributes elsewhere in Python, as well as plain ones.
TRICKY_NAMES = ["name", "value", "values", "items", "keys", "index", "count", "title"]
NAMES = st.one_of(
    st.sampled_from([*TRICKY_NAMES, "RED", "GREEN", "BLUE", "A", "B", "x_1"]),
    st.from_regex(r"[A-Za-z][A-Za-z0-9]{0,6}", fullmatch=True),
).filter(lambda n: not keyword.iskeyword(n) and n != "mro")


class Weird:
    """A value whose equality raises and whose instances are unhashable."""

    __hash__ = None  # type: ignore[assignment]

    def __init__(self, tag: int) -> None:
        self.tag = tag

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("no equality for you")

    def __repr__(self) -> str:
        return f"Weird({self.tag})"


PLAIN_VALUES = st.one_of(
    st.integers(-5, 5),
    st.text(max_size=3),
    st.tuples(st.integers(0, 3), st.integers(0, 3)),
    st.lists(st.integers(0, 3), max_size=2),  # unhashable
    st.floats(allow_nan=True, allow_infinity=False, width=16),
    st.builds(Weird, st.integers(0, 3)),
    st.builds(complex, st.integers(0, 2), st.integers(0, 2)),  # unorderable
)


@dataclass(frozen=True)
class EnumSpec:
    flavour: str
    members: tuple[tuple[str, Any], ...]  # name, value (repeated values: aliases)
    qualname: str = "Color"
    module: str = "__main__"
    missing: bool = False  # defines _missing_
    custom_eq: bool = False  # defines __eq__ and __hash__ on the members

    @property
    def names(self) -> set[str]:
        return {n for n, _ in self.members}


def _value_for(flavour: str, raw: Any, index: int) -> Any:
    if flavour in ("Flag", "IntFlag"):
        return 1 << (len(repr(raw)) % 6)
    if flavour == "IntEnum":
        return raw if isinstance(raw, int) else index
    if flavour == "StrEnum":
        return raw if isinstance(raw, str) else f"v{index}"
    return raw


@st.composite
def enum_specs(draw: Any) -> EnumSpec:
    flavour = draw(st.sampled_from(FLAVOURS))
    names = draw(st.lists(NAMES, min_size=1, max_size=6, unique=True))
    members = []
    for i, name in enumerate(names):
        raw = draw(PLAIN_VALUES)
        members.append((name, _value_for(flavour, raw, i)))
    if draw(st.sampled_from([False, False, False, True])):
        # A large class: its pairs' verdicts go through the shared cache.
        for i in range(CACHE_FROM_MEMBERS):
            members.append((f"PAD_{i}", _value_for(flavour, f"pad{i}", len(members))))
    return EnumSpec(
        flavour=flavour,
        members=tuple(members),
        qualname=draw(st.sampled_from(["Color", "Outer.Color", "make.<locals>.Color"])),
        missing=draw(st.booleans()),
        custom_eq=draw(st.booleans()),
    )


def build(spec: EnumSpec) -> type[enum.Enum] | None:
    """A fresh class from ``spec``; None where Python refuses the definition."""
    base = getattr(enum, spec.flavour)
    namespace: dict[str, Any] = {}
    if spec.missing:
        namespace["_missing_"] = classmethod(lambda cls, value: None)
    if spec.custom_eq:
        namespace["__eq__"] = lambda self, other: self is other
        namespace["__hash__"] = lambda self: hash(self._name_)
    try:
        cls = base(
            spec.qualname.rsplit(".", 1)[-1],
            list(spec.members),
            module=spec.module,
            qualname=spec.qualname,
        )
        for key, attr in namespace.items():
            type.__setattr__(cls, key, attr)
    except Exception:
        return None
    return cls


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except Exception:
        return False


def expected_allowed(
    source: type[enum.Enum], target: type[enum.Enum], mode: str
) -> bool:
    """The rules of behaviour.md, written independently of the implementation."""
    if mode == "off" or source.__qualname__ != target.__qualname__:
        return False
    if set(source.__members__) != set(target.__members__):
        return False
    if mode == "nameAndValue":
        return all(
            _same(source.__members__[n].value, target.__members__[n].value)
            for n in source.__members__
        )
    return True


REDEFINITIONS = ("same", "rename", "reorder", "add", "remove", "revalue", "reflavour")


@st.composite
def redefinitions(draw: Any, spec: EnumSpec) -> EnumSpec:
    """How an app changes its class between runs."""
    kind = draw(st.sampled_from(REDEFINITIONS))
    members = list(spec.members)
    if kind == "rename":
        i = draw(st.integers(0, len(members) - 1))
        new = draw(NAMES.filter(lambda n: n not in spec.names))
        members[i] = (new, members[i][1])
    elif kind == "reorder":
        members = draw(st.permutations(members))
    elif kind == "add":
        new = draw(NAMES.filter(lambda n: n not in spec.names))
        members.append(
            (new, _value_for(spec.flavour, draw(PLAIN_VALUES), len(members)))
        )
    elif kind == "remove" and len(members) > 1:
        members.pop(draw(st.integers(0, len(members) - 1)))
    elif kind == "revalue":
        i = draw(st.integers(0, len(members) - 1))
        raw = draw(PLAIN_VALUES)
        members[i] = (members[i][0], _value_for(spec.flavour, raw, i + 7))
    elif kind == "reflavour":
        flavour = draw(st.sampled_from([f for f in FLAVOURS if f != spec.flavour]))
        members = [(n, _value_for(flavour, v, i)) for i, (n, v) in enumerate(members)]
        return replace(spec, flavour=flavour, members=tuple(members))
    return replace(spec, members=tuple(members))


def is_nan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)
