"""What an edit of a class does to what the running app keeps.

The user edits the script while the app runs (here: the app's file rewritten
between runs). An edit that keeps a class's layout (a method, a docstring)
keeps the class object, and so does an edit that adds fields (each with a
default or factory) to a dataclass: its objects get them in place. Another
edit of its layout makes a new class, and what the session keeps of the old
one moves to it once, where the new class can hold its state (a field it
adds gets its default or factory). Otherwise it stays exactly as it was,
and one WARNING per session and class says what differs: no object is ever
half-made.
"""

from __future__ import annotations

from typing import Iterator

import pytest
from support.apps import EditedApp, coercion, instance_coercion, no_exception, report
from support.interpreters import SINCE_3_10

POINT = """
import streamlit as st
{imports}

{decorator}
class Point{base}:
{body}

if "kept" not in st.session_state:
    st.session_state.kept = [{make}, {make}]
kept = st.session_state.kept
st.text(f"current={{all(isinstance(p, Point) for p in kept)}}")
st.text(f"fields={{sorted(vars(kept[0])) if hasattr(kept[0], '__dict__') else None}}")
st.text(f"x={{kept[0].x}}")
{extra}
"""


def point(
    body: str,
    *,
    decorator: str = "@dataclass",
    imports: str = "from dataclasses import dataclass, field",
    base: str = "",
    make: str = "Point(1)",
    extra: str = "",
) -> str:
    lines = "\n".join("    " + line for line in body.strip().splitlines())
    return POINT.format(
        imports=imports,
        decorator=decorator,
        base=base,
        body=lines,
        make=make,
        extra=extra,
    )


def _runs(edited: EditedApp, *scripts: str) -> Iterator[dict[str, str]]:
    """The first run, then one run after each edit, then one more run."""
    at = edited.run()
    assert no_exception(at), at.exception
    for script in scripts:
        at = edited.edit(script)
        assert no_exception(at), at.exception
    yield report(at)
    at = edited.run()
    assert no_exception(at), at.exception
    yield report(at)


def _only(runs: Iterator[dict[str, str]]) -> dict[str, str]:
    """What the runs after the edits report: the same on each."""
    first, *rest = list(runs)
    assert all(r == first for r in rest), (first, rest)
    return first


def _one_warning(logged) -> str:
    warnings = logged.above_debug()
    assert len(warnings) == 1, warnings
    return warnings[0]


# -- a field added: it gets its default ---------------------------------------------


@pytest.mark.coercion
@pytest.mark.smoke
def test_a_field_added_with_a_default_is_filled_in(tmp_path, logged):
    edited = EditedApp(tmp_path, point("x: int"))
    after = point("x: int\ny: int = 7", extra='st.text(f"y={[p.y for p in kept]}")')
    assert _only(_runs(edited, after)) == {
        "current": "True",
        "fields": "['x', 'y']",
        "x": "1",
        "y": "[7, 7]",
    }
    assert logged.above_debug() == []


@pytest.mark.coercion
def test_a_field_added_with_a_factory_gets_a_new_object_each(tmp_path):
    edited = EditedApp(tmp_path, point("x: int"))
    after = point(
        "x: int\ntags: list = field(default_factory=list)",
        extra='st.text(f"own_lists={kept[0].tags is not kept[1].tags}")',
    )
    assert _only(_runs(edited, after)) == {
        "current": "True",
        "fields": "['tags', 'x']",
        "x": "1",
        "own_lists": "True",
    }


@pytest.mark.coercion
def test_a_frozen_dataclass_that_gains_a_field_is_filled_in(tmp_path):
    edited = EditedApp(tmp_path, point("x: int", decorator="@dataclass(frozen=True)"))
    after = point("x: int\ny: int = 0", decorator="@dataclass(frozen=True)")
    assert _only(_runs(edited, after))["current"] == "True"


SHARED = """
@st.cache_resource
def shared():
    return Point(5)

st.text(f"shared_fields={sorted(vars(shared()))}")
"""


@pytest.mark.coercion
def test_a_field_added_leaves_what_a_resource_cache_holds_as_it_was(tmp_path):
    """Every session holds the cached object: the edit gives the session's
    own objects the field, never the cached one."""
    edited = EditedApp(tmp_path, point("x: int", extra=SHARED))
    assert _only(_runs(edited, point("x: int\ny: int = 7", extra=SHARED))) == {
        "current": "True",
        "fields": "['x', 'y']",
        "x": "1",
        "shared_fields": "['x']",
    }


# -- what the new class cannot hold: left as it was, one warning --------------------

REFUSED = {
    "removed": ("x: int\ny: int", "x: int", "missing field names [y]"),
    "renamed": ("x: int\ny: int", "x: int\nz: int = 0", "missing field names [y]"),
    "added_without_default": (
        "x: int",
        "x: int\ny: int",
        "extra field names without a default [y]",
    ),
}


@pytest.mark.coercion
@pytest.mark.parametrize("edit", REFUSED)
@pytest.mark.smoke
def test_an_edit_the_new_class_cannot_hold_leaves_objects_as_they_were(
    tmp_path, edit, logged
):
    before, after, differs = REFUSED[edit]
    make = "Point(1, 2)" if "y: int" in before else "Point(1)"
    edited = EditedApp(tmp_path, point(before, make=make))
    assert _only(_runs(edited, point(after, make=make)))["current"] == "False"
    warning = _one_warning(logged)
    assert "Point" in warning and differs in warning


@pytest.mark.coercion
@pytest.mark.only_where(SINCE_3_10, reason="dataclass(slots=True) (3.10+)")
@pytest.mark.smoke
def test_a_slotted_dataclass_that_gains_a_field_is_left_as_it_was(tmp_path, logged):
    """Its objects cannot grow in place: stays, one warning."""
    slotted = "@dataclass(slots=True)"
    edited = EditedApp(tmp_path, point("x: int", decorator=slotted))
    after = point("x: int\ny: int = 0", decorator=slotted)
    assert _only(_runs(edited, after))["current"] == "False"
    warning = _one_warning(logged)
    assert "__slots__ changed" in warning


@pytest.mark.coercion
def test_a_dataclass_turned_plain_is_left_as_it_was(tmp_path, logged):
    edited = EditedApp(tmp_path, point("x: int"))
    plain = point("def __init__(self, x):\n    self.x = x", decorator="")
    assert _only(_runs(edited, plain))["current"] == "False"
    warning = _one_warning(logged)
    assert "Point" in warning


def test_a_class_renamed_leaves_objects_of_the_old_name_alone(tmp_path, logged):
    edited = EditedApp(tmp_path, point("x: int"))
    renamed = (
        point("x: int")
        .replace("class Point", "class Spot")
        .replace("isinstance(p, Point)", "type(p).__name__ == 'Point'")
    )
    assert _only(_runs(edited, renamed))["current"] == "True"  # still a Point
    assert logged.above_debug() == []


# -- an edit that keeps the layout keeps the class ----------------------------------

METHOD = """
import streamlit as st
from dataclasses import dataclass

@dataclass
class Point:
    x: int

    def describe(self):
        return {describe!r}

first = st.session_state.setdefault("first", Point)
kept = st.session_state.setdefault("kept", Point(1))
st.text(f"same_class={{Point is first}}")
st.text(f"describe={{kept.describe()}}")
"""


@pytest.mark.coercion
def test_an_edited_method_is_the_kept_class_s_method(tmp_path):
    edited = EditedApp(tmp_path, METHOD.format(describe="before"))
    after = METHOD.format(describe="after")
    assert _only(_runs(edited, after)) == {"same_class": "True", "describe": "after"}


SEEN = (
    "st.session_state.seen = st.session_state.get('seen', []) + [Point]\n"
    'st.text(f"classes={len(set(map(id, st.session_state.seen)))}")'
)


# What follows the class: a subclass of it, or nothing.
SUBCLASS = "\n\nclass Labelled(Point):\n    pass"
BESIDE = {
    "alone": "",
    "with_a_subclass": SUBCLASS,
    "with_a_dataclass_subclass": SUBCLASS.replace("class", "@dataclass\nclass"),
}


@pytest.mark.coercion
@pytest.mark.parametrize(
    ("beside", "made"),
    [("alone", 1), ("with_a_subclass", 1), ("with_a_dataclass_subclass", 2)],
)
def test_a_field_added_keeps_the_class_or_makes_one_new_class(tmp_path, beside, made):
    """Alone or with a subclass that inherits its fields, the kept dataclass
    takes the edit in place: one class object from the first run on. With a
    dataclass subclass (whose own ``__init__`` would not take the new field
    until its statement ran), the edit makes one new class, and the runs
    after it keep that one. Either way its objects hold the new field."""
    extra = SEEN + BESIDE[beside]
    edited = EditedApp(tmp_path, point("x: int", extra=extra))
    edited.run()
    at = edited.edit(point("x: int\ny: int = 0", extra=extra))
    assert report(at)["current"] == "True"
    for _ in range(2):
        at = edited.run()
    assert report(at) == {
        "current": "True",
        "fields": "['x', 'y']",
        "x": "1",
        "classes": str(made),
    }


# -- Enum members ----------------------------------------------------------------------

COLOR = """
import streamlit as st
from enum import Enum

class Color(Enum):
{members}

kept = st.session_state.setdefault("kept", Color.RED)
chosen = st.selectbox("Color", Color, index=0, key="chosen")
st.text(f"current={{kept is getattr(Color, kept.name, None)}}")
st.text(f"chosen={{chosen is getattr(Color, chosen.name, None)}}")
"""
# (Where a coercion is refused, the widget's pick of the edit's run stays
# the previous class's, as on stock; the browser's next message is read
# with the new options.)
RGB = "RED = 1\nGREEN = 2"


def colors(members: str) -> str:
    return COLOR.format(members="\n".join("    " + m for m in members.splitlines()))


MEMBER_EDITS = {
    "added": ("RED = 1\nGREEN = 2\nBLUE = 3", "extra member names [BLUE]"),
    "removed": ("RED = 1", "missing member names [GREEN]"),
    "renamed": ("RED = 1\nLIME = 2", "missing member names [GREEN]"),
}


@pytest.mark.coercion
@pytest.mark.parametrize("edit", MEMBER_EDITS)
def test_an_enum_whose_member_names_changed_is_left_as_it_was(
    tmp_path, edit, mode, logged
):
    """Both modes need the same member names: the kept member stays the
    previous class's, with one warning naming what differs."""
    after, differs = MEMBER_EDITS[edit]
    edited = EditedApp(tmp_path, colors(RGB))
    assert [r["current"] for r in _runs(edited, colors(after))] == ["False", "False"]
    assert any(differs in w and "Color" in w for w in logged.above_debug())


@pytest.mark.coercion
@pytest.mark.smoke
def test_an_enum_value_changed_is_current_under_name_only(tmp_path, logged):
    with coercion("nameOnly"):
        edited = EditedApp(tmp_path, colors(RGB))
        after = colors("RED = 10\nGREEN = 20")
        assert _only(_runs(edited, after)) == {"current": "True", "chosen": "True"}
    assert logged.above_debug() == []


@pytest.mark.coercion
def test_an_enum_value_changed_is_refused_under_name_and_value(tmp_path, logged):
    with coercion("nameAndValue"):
        edited = EditedApp(tmp_path, colors(RGB))
        after = colors("RED = 10\nGREEN = 20")
        assert [r["current"] for r in _runs(edited, after)] == ["False", "False"]
    warnings = logged.above_debug()
    assert len(warnings) == 1 and "changed values" in warnings[0], warnings


# -- classes of libraries -------------------------------------------------------

ATTRS_KINDS = {
    "define": ("@attrs.define", "import attrs"),
    "frozen": ("@attrs.frozen", "import attrs"),
    "dict_class": ("@attrs.define(slots=False)", "import attrs"),
}


@pytest.mark.coercion
@pytest.mark.parametrize("kind", ["dict_class"])
def test_an_attrs_dict_class_that_gains_a_field_is_filled_in(tmp_path, kind):
    decorator, imports = ATTRS_KINDS[kind]
    edited = EditedApp(tmp_path, point("x: int", decorator=decorator, imports=imports))
    after = point(
        "x: int\ny: int = attrs.field(factory=lambda: 5)",
        decorator=decorator,
        imports=imports,
        extra='st.text(f"y={kept[0].y}")',
    )
    assert _only(_runs(edited, after)) == {
        "current": "True",
        "fields": "['x', 'y']",
        "x": "1",
        "y": "5",
    }


@pytest.mark.coercion
@pytest.mark.parametrize("kind", ["define", "frozen"])
@pytest.mark.smoke
def test_a_slotted_attrs_class_that_gains_a_field_is_left_as_it_was(
    tmp_path, kind, logged
):
    """attrs' default classes are slotted: their objects cannot grow."""
    decorator, imports = ATTRS_KINDS[kind]
    edited = EditedApp(tmp_path, point("x: int", decorator=decorator, imports=imports))
    after = point("x: int\ny: int = 0", decorator=decorator, imports=imports)
    assert _only(_runs(edited, after))["current"] == "False"
    warning = _one_warning(logged)
    assert "__slots__ changed" in warning


PYDANTIC = {
    "imports": "import pydantic",
    "decorator": "",
    "base": "(pydantic.BaseModel)",
}


@pytest.mark.coercion
@pytest.mark.smoke
def test_a_pydantic_model_that_gains_a_field_with_a_default_is_filled_in(tmp_path):
    edited = EditedApp(tmp_path, point("x: int", make="Point(x=1)", **PYDANTIC))
    after = point(
        "x: int\nemail: str = 'none'",
        make="Point(x=1)",
        extra='st.text(f"email={kept[0].email}")',
        **PYDANTIC,
    )
    assert _only(_runs(edited, after)) == {
        "current": "True",
        "fields": "['email', 'x']",
        "x": "1",
        "email": "none",
    }


@pytest.mark.coercion
def test_a_pydantic_model_that_gains_a_required_field_is_left_as_it_was(
    tmp_path, logged
):
    """Never half-made: stock's own update would leave .email missing."""
    edited = EditedApp(tmp_path, point("x: int", make="Point(x=1)", **PYDANTIC))
    after = point(
        "x: int\nemail: str",
        make="Point(x=1, email='a')",
        extra="st.text(f\"email={getattr(kept[0], 'email', None)}\")",
        **PYDANTIC,
    )
    report = _only(_runs(edited, after))
    assert report["current"] == "False" and report["email"] == "None"
    warning = _one_warning(logged)
    assert "extra field names without a default [email]" in warning


@pytest.mark.coercion
def test_a_plain_class_that_gains_an_attribute_is_left_as_it_was(tmp_path, logged):
    """A plain class declares no defaults: its objects cannot be completed."""
    plain = "def __init__(self, x):\n    self.x = x"
    wider = "def __init__(self, x):\n    self.x = x\n    self.y = 0"
    with instance_coercion("allClasses"):
        edited = EditedApp(tmp_path, point(plain, decorator=""))
        assert _only(_runs(edited, point(wider, decorator="")))["current"] == "False"
    warning = _one_warning(logged)
    assert "extra field names without a default [y]" in warning


@pytest.mark.coercion
def test_objects_frozen_out_of_the_collectors_reach_are_moved_on_their_reads(
    tmp_path,
):
    """gc.freeze() hides objects from the search an edit makes for them: what
    the session keeps is then brought up to date where it is read."""
    import gc

    edited = EditedApp(tmp_path, point("x: int"))
    edited.run()
    gc.freeze()
    try:
        at = edited.edit(point("x: int\ny: int = 7"))
    finally:
        gc.unfreeze()
    assert report(at)["current"] == "True"
