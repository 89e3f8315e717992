"""An edit that adds fields to a dataclass keeps the class object
(``class_update.edit_in_place``).

The class statement's new class is the edit; the kept class takes its body
and each of the kept class's objects gets the new fields, in place: no object
changes its class. Where that cannot be done for every object, nothing
changes, and the new class stands (the objects then move to it as before).
"""

from __future__ import annotations

import dataclasses
import gc
from typing import Any

import pytest
from streamlit.class_identity import fields, shared_objects
from streamlit.class_identity.class_update import edit_in_place
from streamlit.class_identity.correspondence import edit_in_place_verdict

# What differs between interpreters (inline attributes, 3.11+): every one.
pytestmark = pytest.mark.smoke

POINT = """
from dataclasses import dataclass, field

{decorator}
class Point:
{body}

    def describe(self):
        return "{describe}"
"""


def define(body: str, describe: str = "before", decorator: str = "@dataclass") -> type:
    lines = "\n".join("    " + line for line in body.strip().splitlines())
    namespace: dict[str, Any] = {"__name__": "__main__"}
    source = POINT.format(body=lines, describe=describe, decorator=decorator)
    exec(source, namespace)
    return namespace["Point"]  # type: ignore[no-any-return]


def test_a_field_added_keeps_the_class_and_fills_in_its_objects():
    old = define("x: int")
    objs = [old(1), old(2)]
    new = define("x: int\ny: int = 7\ntags: list = field(default_factory=list)",
                 describe="after")  # fmt: skip
    assert edit_in_place(old, new, "dataClasses")
    assert all(type(o) is old for o in objs)
    assert [(o.x, o.y, o.tags) for o in objs] == [(1, 7, []), (2, 7, [])]
    assert objs[0].tags is not objs[1].tags  # a factory's object each
    assert [f.name for f in dataclasses.fields(old)] == ["x", "y", "tags"]
    assert old(3) == old(3, 7, [])  # the new __init__ and __eq__
    assert repr(objs[0]) == "Point(x=1, y=7, tags=[])"
    assert objs[0].describe() == "after"
    assert fields.layout(old, "dataClasses").names == ("x", "y", "tags")  # type: ignore[union-attr]


def test_a_frozen_dataclass_gets_its_new_field_too():
    old = define("x: int", decorator="@dataclass(frozen=True)")
    obj = old(1)
    new = define("x: int\ny: int = 0", decorator="@dataclass(frozen=True)")
    assert edit_in_place(old, new, "dataClasses")
    assert type(obj) is old and obj.y == 0
    with pytest.raises(dataclasses.FrozenInstanceError):
        obj.y = 1  # type: ignore[misc]


def test_a_factory_that_raises_changes_nothing():
    old = define("x: int")
    objs = [old(1), old(2)]

    def boom() -> int:
        raise ValueError("no default today")

    namespace: dict[str, Any] = {"__name__": "__main__", "boom": boom}
    exec(
        POINT.format(
            decorator="@dataclass",
            body="    x: int\n    y: int = 0\n    z: int = field(default_factory=boom)",
            describe="after",
        ),
        namespace,
    )
    assert not edit_in_place(old, namespace["Point"], "dataClasses")
    assert all(vars(o) == {"x": o.x} for o in objs)
    assert [f.name for f in dataclasses.fields(old)] == ["x"]
    assert objs[0].describe() == "before"


def test_a_descriptor_refusing_its_new_owner_changes_nothing():
    old = define("x: int")
    objs = [old(1)]

    class OneOwner:
        def __set_name__(self, owner: type, name: str) -> None:
            if getattr(self, "owner", owner) is not owner:
                raise RuntimeError("owned already")
            self.owner = owner

    namespace: dict[str, Any] = {"__name__": "__main__", "OneOwner": OneOwner}
    body = "    x: int\n    y: int = 0\n    held = OneOwner()"
    exec(POINT.format(decorator="@dataclass", body=body, describe="after"), namespace)
    assert not edit_in_place(old, namespace["Point"], "dataClasses")
    assert vars(objs[0]) == {"x": 1}
    assert "held" not in vars(old) and objs[0].describe() == "before"


def test_a_shared_object_has_the_edit_refused():
    """What a resource cache handed out is every session's: never edited."""
    old = define("x: int")
    mine, shared = old(1), old(2)
    shared_objects.record(shared)
    try:
        assert not edit_in_place(old, define("x: int\ny: int = 0"), "dataClasses")
        assert vars(mine) == {"x": 1} and vars(shared) == {"x": 2}
    finally:
        del shared
        gc.collect()  # the record lets go of it


def test_objects_out_of_the_collectors_reach_have_the_edit_refused():
    old = define("x: int")
    obj = old(1)
    gc.freeze()
    try:
        assert not edit_in_place(old, define("x: int\ny: int = 0"), "dataClasses")
    finally:
        gc.unfreeze()
    assert vars(obj) == {"x": 1}


SLOTTED = "__slots__ = ('x',)\nx: int"
SLOTTED_EDIT = "__slots__ = ('x', 'y')\nx: int\ny: int"


@pytest.mark.parametrize(
    ("before", "after", "reason"),
    [
        ({"body": SLOTTED}, {"body": SLOTTED_EDIT}, "slots"),
        ({}, {"decorator": ""}, "not a dataclass"),
    ],
    ids=["slotted", "turned plain"],
)  # fmt: skip
def test_a_class_whose_objects_cannot_take_the_edit_in_place_is_refused(
    before: dict[str, str], after: dict[str, str], reason: str
):
    old = define(**{"body": "x: int", **before})
    new = define(**{"body": "x: int\ny: int = 0", **after})
    verdict = edit_in_place_verdict(old, new, "allClasses")
    assert not verdict.ok and reason in verdict.reason


def test_a_subclass_that_inherits_its_fields_takes_the_edit_too():
    """Its objects get the field with the kept class's: its statement, run
    again, then finds it unchanged."""
    old = define("x: int")
    labelled = type("Labelled", (old,), {"__module__": "__main__"})
    objs = [old(1), labelled(2)]
    assert edit_in_place(old, define("x: int\ny: int = 7"), "dataClasses")
    assert [(type(o), o.y) for o in objs] == [(old, 7), (labelled, 7)]
    assert labelled(3).y == 7  # the kept class's new __init__
    assert fields.layout(labelled, "dataClasses").names == ("x", "y")  # type: ignore[union-attr]


def test_a_subclass_with_fields_of_its_own_has_the_edit_refused():
    """A dataclass of its own keeps its own ``__init__`` until its statement
    runs again."""
    old = define("x: int")
    namespace = {"__module__": "__main__", "__annotations__": {"z": int}, "z": 0}
    labelled = dataclasses.dataclass(type("Labelled", (old,), namespace))
    obj = labelled(1)
    verdict = edit_in_place_verdict(old, define("x: int\ny: int = 0"), "dataClasses")
    assert not verdict.ok and "Labelled has fields of its own" in verdict.reason
    assert vars(obj) == {"x": 1, "z": 0}


def test_a_field_removed_is_no_edit_in_place():
    old = define("x: int\ny: int = 0")
    obj = old(1)
    assert not edit_in_place(old, define("x: int"), "dataClasses")
    assert vars(obj) == {"x": 1, "y": 0}
    assert [f.name for f in dataclasses.fields(old)] == ["x", "y"]


def test_instance_coercion_off_edits_nothing_in_place():
    old = define("x: int")
    obj = old(1)
    assert not edit_in_place(old, define("x: int\ny: int = 0"), "off")
    assert vars(obj) == {"x": 1}
