"""Property tests of the walk that brings kept values up to date.

For random object graphs of Enum members, Flag values (unnamed bits too),
dataclasses, named tuples, plain data and every container kind, with shared
sub-objects and cycles: after a read, the graph of ``is``-relations has the
same shape, every value is equal, every mutable container and every instance
is the very object it was, every object of a redefined class is current, and
a class whose redefinition the mode refuses is left exactly as it was, with
its refusal reported once.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, note
from hypothesis import strategies as st
from streamlit.class_identity.class_update import CurrentClasses
from support.graphs import CLASS_NAMES, build, define_classes, objects, recipes, shape

# What differs between interpreters: run on every interpreter (smoke).
pytestmark = pytest.mark.smoke

# Kinds a read changes in place: they stay the very objects they were.
IN_PLACE = {"list", "dict", "set", "deque", "OrderedDict", "defaultdict", "Counter"}
IN_PLACE |= {"Point", "Frozen"}


@given(
    recipes(),
    st.sampled_from(["nameOnly", "nameAndValue"]),
    st.sampled_from(["same", "changed values"]),
)
def test_a_read_keeps_the_graph_and_makes_every_object_current(recipe, mode, change):
    old = define_classes()
    new = define_classes() if change == "same" else define_classes((1, 3, 2))
    root = build(recipe, old)
    before, originals = shape(root)
    note(f"recipe={recipe}\nbefore={before}")
    refused: list[str] = []
    walk = CurrentClasses(
        [new], mode, lambda s, t, v: refused.append(s.__qualname__), "dataClasses"
    )

    result = walk.update(root)

    after, found = shape(result)
    assert after == before  # aliases, cycles, kinds, names and values
    for was, now in zip(originals, found):
        if type(was).__qualname__ in IN_PLACE:
            assert now is was  # changed in place, never copied
    color_refused = change != "same" and mode == "nameAndValue"
    for obj in objects(result):
        name = type(obj).__qualname__
        if name in CLASS_NAMES:
            stays = name == "Color" and color_refused
            assert type(obj) is getattr(old if stays else new, name), obj
    has_color = any(type(o).__qualname__ == "Color" for o in objects(root))
    assert refused == (["Color"] if color_refused and has_color else [])


@given(recipes())
def test_a_second_read_changes_nothing(recipe):
    """What a read made current is current: the next read returns it as it is."""
    old, new = define_classes(), define_classes()
    root = CurrentClasses([new], "nameOnly", _no_refusal, "dataClasses").update(
        build(recipe, old)
    )
    before, originals = shape(root)
    again = CurrentClasses([new], "nameOnly", _no_refusal, "dataClasses").update(root)
    after, found = shape(again)
    assert again is root
    assert after == before
    assert all(a is b for a, b in zip(originals, found))


def _no_refusal(*_: Any) -> None:
    raise AssertionError("nothing is refused here")
