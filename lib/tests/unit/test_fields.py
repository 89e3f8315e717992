"""Property tests of moving instances to a redefined class (runner.instanceCoercion).

For generated data classes (dataclasses frozen or not, slotted or not;
named tuples; plain classes) and generated redefinitions (the same fields,
reordered, added, removed, renamed): an instance held in session state, also
under a second key and inside containers, becomes an instance of the new
class exactly when the field names agree (in order, for a named tuple), and
is otherwise left exactly as it was, with the refusal reported; what it holds
never changes, aliases stay one object, and nothing raises.
"""

from __future__ import annotations

import dataclasses
import keyword
import sys
import types
from collections import namedtuple
from typing import Any

import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st
from streamlit.class_identity.class_update import CurrentClasses

# What differs between interpreters: run on every interpreter (smoke).
pytestmark = pytest.mark.smoke

KINDS = ("dataclass", "frozen", "slots", "frozen_slots", "namedtuple", "plain")

names = st.lists(
    st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True).filter(
        lambda n: not keyword.iskeyword(n) and n not in {"self", "match", "case"}
    ),
    min_size=1,
    max_size=5,
    unique=True,
)


def make(kind: str, fields: list[str]) -> type:
    """A class named Point, of module __main__, with ``fields``."""
    if kind == "namedtuple":
        cls = namedtuple("Point", fields)
    elif kind == "plain":
        body = "\n".join(f"    self.{f} = {f}" for f in fields)
        source = f"def __init__(self, {', '.join(fields)}):\n{body}\n"
        namespace: dict[str, Any] = {}
        exec(source, namespace)
        cls = type("Point", (), {"__init__": namespace["__init__"]})
    elif "slots" in kind and sys.version_info < (3, 10):  # no slots=True yet
        namespace = {
            "__slots__": tuple(fields),
            "__annotations__": dict.fromkeys(fields, int),
        }
        cls = dataclasses.dataclass(frozen="frozen" in kind)(
            type("Point", (), namespace)
        )
    else:
        slots = {"slots": True} if "slots" in kind else {}  # a 3.10 keyword
        cls = dataclasses.make_dataclass(
            "Point", fields, frozen="frozen" in kind, **slots
        )
    cls.__module__ = "__main__"
    cls.__qualname__ = "Point"
    return cls


@st.composite
def redefinitions(draw: Any) -> tuple[str, list[str], list[str]]:
    kind = draw(st.sampled_from(KINDS))
    old = draw(names)
    change = draw(st.sampled_from(["same", "reordered", "added", "removed", "renamed"]))
    new = list(old)
    if change == "reordered":
        new = draw(st.permutations(old))
    elif change == "added":
        extra = draw(names.filter(lambda ns: not set(ns) & set(old)))
        new = old + extra[:1]
    elif change == "removed" and len(old) > 1:
        new = old[:-1]
    elif change == "renamed":
        other = draw(names.filter(lambda ns: ns[0] not in old))
        new = [other[0], *old[1:]]
    note(f"{kind}: {old} -> {new} ({change})")
    return kind, old, list(new)


def _may_move(kind: str, old: list[str], new: list[str]) -> bool:
    if kind == "namedtuple":
        return old == new
    return set(old) == set(new) and (old == new or "slots" not in kind)


@settings(max_examples=600)
@given(redefinitions(), st.sampled_from(["dataClasses", "allClasses"]))
def test_an_instance_moves_exactly_when_the_fields_agree(case, mode):
    kind, old_fields, new_fields = case
    old, new = make(kind, old_fields), make(kind, new_fields)
    values = {f: i for i, f in enumerate(old_fields)}
    obj = old(**values)
    held = [obj, {"again": obj}, (obj, "other")]
    module = types.ModuleType("__main__")
    module.Point = new  # type: ignore[attr-defined]
    refused: list[str] = []
    refuse = lambda s, t, v: refused.append(v.reason)  # noqa: E731
    walk = CurrentClasses([module], None, refuse, mode)

    result = walk.update(held)

    moved = _may_move(kind, old_fields, new_fields) and (
        kind != "plain" or mode == "allClasses"
    )
    first = result[0]
    assert first is result[1]["again"] is result[2][0]  # one object, everywhere
    assert first is obj  # moved in place, or left alone: never copied
    assert type(first) is (new if moved else old)
    assert {f: getattr(first, f) for f in old_fields} == values  # nothing lost
    counts_as_data = kind != "plain" or mode == "allClasses"
    assert bool(refused) == (counts_as_data and not moved)


# -- classes of libraries, and moves that fill in new fields ---------------------


def _attrs(slots: bool, extra: str = "") -> type:
    import attrs

    namespace: dict[str, Any] = {"attrs": attrs}
    source = f"@attrs.define(slots={slots})\nclass Point:\n    x: int\n{extra}"
    exec(source, namespace)
    cls = namespace["Point"]
    cls.__module__ = "__main__"
    return cls


def _pydantic(extra: str = "") -> type:
    import pydantic

    namespace: dict[str, Any] = {"pydantic": pydantic}
    exec(f"class Point(pydantic.BaseModel):\n    x: int\n{extra}", namespace)
    return namespace["Point"]


def test_attrs_and_pydantic_fields_are_known_with_their_defaults():
    from streamlit.class_identity import fields

    layout = fields.layout(_attrs(True, "    y: int = 0\n"), "dataClasses")
    assert layout is not None and layout.kind == "attrs"
    assert layout.names == ("x", "y") and layout.defaults == {"y"}
    assert layout.slots is not None  # attrs' default classes are slotted
    model = _pydantic("    y: int = 0\n    _secret: int = 1\n")
    layout = fields.layout(model, "dataClasses")
    assert layout is not None and layout.kind == "pydantic"
    assert (layout.names, layout.defaults, layout.private) == (
        ("x", "y"),
        {"y"},
        ("_secret",),
    )


def test_a_move_fills_in_each_new_field_a_factory_object_each():
    from dataclasses import dataclass, field

    from streamlit.class_identity import fields
    from streamlit.class_identity.class_update import Move, move_for

    @dataclass
    class Old:
        x: int

    @dataclass
    class New:
        x: int
        tags: list = field(default_factory=list)
        y: int = 7

    move = move_for(Old, New, "dataClasses")
    assert isinstance(move, Move)
    objs = [Old(1), Old(2)]
    assert fields.move_all(objs, move.target, move.added)
    assert [type(o) for o in objs] == [New, New]
    assert [(o.x, o.y, o.tags) for o in objs] == [(1, 7, []), (2, 7, [])]
    assert objs[0].tags is not objs[1].tags


def test_a_move_runs_none_of_the_class_s_own_attribute_hooks():
    from streamlit.class_identity import fields

    calls: list[str] = []

    class Watched:
        def __init__(self) -> None:
            object.__setattr__(self, "x", 1)

        def __getattribute__(self, name: str) -> Any:
            calls.append(f"get {name}")
            return object.__getattribute__(self, name)

        def __setattr__(self, name: str, value: Any) -> None:
            calls.append(f"set {name}")
            raise AttributeError("read-only")

    class Rewatched(Watched):
        pass

    objs = [Watched(), Watched()]
    assert fields.move_all(objs, Rewatched, {"y": lambda _: 2})
    assert calls == []
    assert [type(o) for o in objs] == [Rewatched, Rewatched]
    held = [object.__getattribute__(o, "__dict__") for o in objs]
    assert held == [{"x": 1, "y": 2}, {"x": 1, "y": 2}]


def test_a_refused_move_leaves_every_object_as_it_was():
    from streamlit.class_identity import fields

    class Old:
        __slots__ = ("x",)

    class New:  # another layout: Python refuses the move
        __slots__ = ("x", "y")

    objs = [Old(), Old()]
    for obj in objs:
        obj.x = 1

    def boom(_: Any) -> Any:
        raise ValueError("no default today")

    assert not fields.move_all(objs, New)
    assert all(type(o) is Old for o in objs)

    class Roomy:
        def __init__(self) -> None:
            self.x = 1

    class Roomier:
        pass

    roomy = [Roomy(), Roomy()]
    assert not fields.move_all(roomy, Roomier, {"made": lambda _: 1, "y": boom})
    assert all(type(o) is Roomy and vars(o) == {"x": 1} for o in roomy)


def test_a_named_tuple_that_gained_a_field_is_rebuilt_with_its_default():
    from typing import NamedTuple

    from streamlit.class_identity import fields

    class Old(NamedTuple):
        x: int

    class New(NamedTuple):
        x: int
        y: int = 5

    assert fields.rebuild(Old(1), New, ("x",), [1]) == New(1, 5)
