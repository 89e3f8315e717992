"""A session's lineage of classes (``kept_classes``), and the kept class
brought up to date with the body that ran now (``class_update.update_class``).

Each "run" here executes a class statement's source in a fresh namespace, as
the script runs in a fresh module every rerun, and hands the class to the
lineage, as the mark on the statement does.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

import pytest
from streamlit.class_identity.config_options import RunModes
from streamlit.class_identity.kept_classes import ClassLineage
from support.lineage import DEFAULT, PATH, run_script

# Class bodies and what Python does with them differ between interpreters.
pytestmark = pytest.mark.smoke


def run(lineage: ClassLineage, source: str, modes: RunModes = DEFAULT) -> Any:
    """One run of a script defining ``Thing``: what ``Thing`` is."""
    return run_script(lineage, source, modes, GIVEN)["Thing"]


# What the scripts find in their globals beside what they import.
GIVEN: dict[str, Any] = {}


POINT = """
from dataclasses import dataclass

GREETING = {greeting!r}

@dataclass
class Thing:
    x: int
    y: int = 0

    def greet(self):
        return GREETING
"""


def test_an_unchanged_statement_gives_the_first_runs_class():
    lineage = ClassLineage()
    first = run(lineage, POINT.format(greeting="hello"))
    kept = first(1)
    again = run(lineage, POINT.format(greeting="hi"))
    assert again is first
    assert kept.greet() == "hi"  # this run's method, with this run's globals
    assert lineage.current == {first}


def test_a_changed_layout_gives_the_new_class_and_says_so():
    lineage = ClassLineage()
    first = run(lineage, POINT.format(greeting="hello"))
    lineage.start_run()
    namespace: dict[str, Any] = {"__name__": "__main__"}
    exec(POINT.format(greeting="x").replace("y: int = 0", "z: int = 0"), namespace)
    found = lineage.defined(namespace["Thing"], PATH, DEFAULT)
    assert found.cls is namespace["Thing"] and found.cls is not first
    assert found.replaced and found.previous is first
    assert lineage.current == {found.cls}


def test_each_script_has_its_own_classes():
    lineage = ClassLineage()
    source = POINT.format(greeting="a")
    namespace: dict[str, Any] = {"__name__": "__main__"}
    exec(source, namespace)
    one = lineage.defined(namespace["Thing"], "/app/one.py", DEFAULT).cls
    exec(source, namespace)
    two = lineage.defined(namespace["Thing"], "/app/two.py", DEFAULT).cls
    assert one is not two


def test_a_name_defined_twice_in_a_run_is_never_kept():
    lineage = ClassLineage()
    source = POINT.format(greeting="a")
    classes = []
    for _ in range(2):  # two runs
        lineage.start_run()
        for _ in range(2):  # the statement twice in the run
            namespace: dict[str, Any] = {"__name__": "__main__"}
            exec(source, namespace)
            classes.append(lineage.defined(namespace["Thing"], PATH, DEFAULT).cls)
    assert len(set(map(id, classes))) == 4


ENUM = """
from enum import Enum

class Thing(Enum):
    RED = 1
    GREEN = {green}

    def label(self):
        return self.name.lower() + {suffix!r}
"""


@pytest.mark.parametrize(
    ("modes", "source"),
    [
        (RunModes(("off", "dataClasses")), ENUM.format(green=2, suffix="")),
        (RunModes(("nameOnly", "off")), POINT.format(greeting="a")),
        (DEFAULT, "class Thing:\n    def __init__(self):\n        self.x = 1\n"),
    ],
    ids=["enum_off", "instances_off", "plain_with_data_classes"],
)
def test_a_class_its_mode_leaves_alone_is_new_every_run(modes, source):
    lineage = ClassLineage()
    assert run(lineage, source, modes) is not run(lineage, source, modes)


def test_an_enum_keeps_its_members_and_takes_the_new_methods():
    lineage = ClassLineage()
    first = run(lineage, ENUM.format(green=2, suffix=""))
    red = first.RED
    again = run(lineage, ENUM.format(green=2, suffix="!"))
    assert again is first and again.RED is red
    assert (
        red.label() == "red!" and again(1) is red and list(again) == [red, again.GREEN]
    )


@pytest.mark.parametrize("green", ["2.0", "True", "3"], ids=["float", "bool", "other"])
def test_an_enum_whose_values_changed_is_new(green):
    """2.0 == 2 and True == 1, but a value of another type is another value."""
    lineage = ClassLineage()
    first = run(lineage, ENUM.format(green=2, suffix=""))
    assert run(lineage, ENUM.format(green=green, suffix="")) is not first


SUPER = """
import functools

class Base:
    def hello(self):
        return "base"

    @classmethod
    def kind(cls):
        return "base kind"

class Thing(Base):
    def hello(self):
        return "thing of " + super().hello()

    @classmethod
    def kind(cls):
        return "thing " + super().kind()

    @property
    def shout(self):
        return super().hello().upper()

    @staticmethod
    def helper():
        return __class__.__name__

    @functools.lru_cache(maxsize=None)
    def cached(self):
        return super().hello() + " cached"

    def closure(self):
        def inner():
            return super(Thing, self).hello()
        return inner()
"""


def test_zero_argument_super_in_every_kind_of_method_finds_the_kept_class():
    lineage = ClassLineage()
    modes = RunModes(("nameOnly", "allClasses"))
    first = run(lineage, SUPER, modes)
    kept = first()
    assert run(lineage, SUPER, modes) is first
    assert kept.hello() == "thing of base"
    assert first.kind() == "thing base kind"
    assert kept.shout == "BASE"
    assert kept.helper() == "Thing"
    assert kept.cached() == "base cached"
    assert kept.closure() == "base"


def test_a_subclass_of_an_edited_class_is_new():
    lineage = ClassLineage()
    modes = RunModes(("nameOnly", "allClasses"))
    first = run(lineage, SUPER, modes)
    edited = SUPER.replace(
        '    def hello(self):\n        return "base"',
        "    def __init__(self):\n        self.y = 1\n\n    def hello(self):\n"
        '        return "base"',
        1,
    )
    assert run(lineage, edited, modes) is not first


SLOTTED = """
class Thing:
    __slots__ = ("x",)

    def __init__(self, x):
        self.x = x

    def double(self):
        return self.x * {factor}
"""


def test_a_kept_slotted_class_keeps_its_own_slots():
    lineage = ClassLineage()
    modes = RunModes(("nameOnly", "allClasses"))
    first = run(lineage, SLOTTED.format(factor=2), modes)
    kept = first(21)
    assert run(lineage, SLOTTED.format(factor=3), modes) is first
    assert kept.x == 21 and kept.double() == 63
    kept.x = 1
    assert kept.x == 1


def test_a_method_the_new_body_drops_is_gone():
    lineage = ClassLineage()
    source = POINT.format(greeting="a")
    first = run(lineage, source)
    run(lineage, source.replace("    def greet(self):\n        return GREETING\n", ""))
    assert not hasattr(first, "greet")


class OneOwner:
    """A descriptor that serves the one class it was first given to."""

    def __set_name__(self, owner: type, name: str) -> None:
        if hasattr(self, "owner"):
            raise RuntimeError("one owner only")
        self.owner = owner


def test_a_class_whose_update_fails_is_new_and_the_kept_one_as_it_was():
    lineage = ClassLineage()
    modes = RunModes(("nameOnly", "allClasses"))
    source = (
        "class Thing:\n    attr = OneOwner()\n    def m(self):\n        return {n}\n"
    )
    GIVEN["OneOwner"] = OneOwner
    try:
        first = run(lineage, source.format(n=1), modes)
        found = run(lineage, source.format(n=2), modes)
    finally:
        del GIVEN["OneOwner"]
    assert found is not first
    assert first().m() == 1 and found().m() == 2
    assert found.attr.owner is found


def test_enum_members_of_the_kept_class_are_the_same_objects_as_values():
    lineage = ClassLineage()
    first = run(lineage, ENUM.format(green=2, suffix=""))
    held = {first.RED: "warm"}
    again = run(lineage, ENUM.format(green=2, suffix=""))
    assert held[again.RED] == "warm"
    assert issubclass(again, Enum)


def test_a_renamed_class_attribute_is_there_under_its_new_name_only():
    lineage = ClassLineage()
    source = "class Thing:\n    {name} = 1\n"
    modes = RunModes(("nameOnly", "allClasses"))
    first = run(lineage, source.format(name="colour"), modes)
    assert run(lineage, source.format(name="color"), modes) is first
    assert first.color == 1 and not hasattr(first, "colour")


def test_an_attribute_renamed_in_a_kept_enum_is_there_under_its_new_name_only():
    lineage = ClassLineage()
    source = (
        ENUM.format(green=2, suffix="") + "\n    __{name}__ = 'a tag, not a member'\n"
    )
    first = run(lineage, source.format(name="tag"), DEFAULT)
    assert run(lineage, source.format(name="label"), DEFAULT) is first
    assert [m.name for m in first] == ["RED", "GREEN"]
    assert first.__label__ == "a tag, not a member" and not hasattr(first, "__tag__")


def test_an_enum_that_gains_slots_is_new():
    # An Enum's members are its fields: only its memory layout tells.
    lineage = ClassLineage()
    first = run(lineage, ENUM.format(green=2, suffix=""))
    slotted = ENUM.format(green=2, suffix="").replace(
        "    RED = 1", "    __slots__ = ('note',)\n    RED = 1"
    )
    found = run(lineage, slotted)
    assert found is not first
    assert found.__basicsize__ > first.__basicsize__


def test_a_rerun_of_an_unchanged_enum_sets_nothing_on_the_kept_class():
    # EnumType wraps Enum's _generate_next_value_ in a new staticmethod for
    # each class (3.12+): the same function, nothing to bring over.
    lineage = ClassLineage()
    source = "from enum import Enum\n\nclass Thing(Enum):\n    RED = 1\n"
    first = run(lineage, source)
    before = dict(vars(first))
    assert run(lineage, source) is first
    assert all(vars(first)[name] is value for name, value in before.items())
