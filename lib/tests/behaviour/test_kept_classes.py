"""An unchanged class statement gives the class the session's previous run bound.

The seed's advice for classes defined in the script (move them to a module of
their own, write ``__eq__`` by hand) exists because every rerun builds every
class anew. Here a class statement whose class has the layout of the one the
session's previous run bound to the same name gives that class object again,
brought up to date in place: methods from the new body, members and instances
as they were. Kept values, widget values, defaults and cached objects are then
current without being touched.
"""

from __future__ import annotations

from typing import Iterator

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.util import patch_config_options
from support.apps import app, instance_coercion, no_exception, report
from support.interpreters import SINCE_3_10, SINCE_3_11, where
from support.scripts import TWO_COLOR_APP, script

# A class named Thing of each kind, and how the app makes one of its objects.
KINDS = {
    "enum": """
from enum import Enum

class Thing(Enum):
    A = 1
    B = 2

def make():
    return Thing.A
""",
    "flag": """
from enum import Flag

class Thing(Flag):
    R = 1
    W = 2

def make():
    return Thing.R | Thing.W
""",
    "dataclass": """
from dataclasses import dataclass, field

@dataclass
class Thing:
    x: int
    tags: list = field(default_factory=list)

def make():
    return Thing(1, ["a"])
""",
    "frozen_dataclass": """
from dataclasses import dataclass

@dataclass(frozen=True)
class Thing:
    x: int

def make():
    return Thing(1)
""",
    "slotted_dataclass": """
from dataclasses import dataclass

@dataclass(slots=True)
class Thing:
    x: int

def make():
    return Thing(1)
""",
    "weakref_slotted_dataclass": """
from dataclasses import dataclass

@dataclass(slots=True, weakref_slot=True)
class Thing:
    x: int

def make():
    return Thing(1)
""",
    "namedtuple": """
from typing import NamedTuple

class Thing(NamedTuple):
    x: int
    y: int = 0

def make():
    return Thing(1)
""",
    "attrs_define": """
import attrs

@attrs.define
class Thing:
    x: int

def make():
    return Thing(1)
""",
    "attrs_frozen": """
import attrs

@attrs.frozen
class Thing:
    x: int

def make():
    return Thing(1)
""",
    "attrs_dict": """
import attr

@attr.s(auto_attribs=True)
class Thing:
    x: int

def make():
    return Thing(1)
""",
}
FORMS = where(
    where(
        KINDS,
        lambda k: k == "weakref_slotted_dataclass",
        SINCE_3_11,
        "dataclass(weakref_slot=True) (3.11+)",
    ),
    lambda k: k == "slotted_dataclass",
    SINCE_3_10,
    "dataclass(slots=True) (3.10+)",
)

SAME_CLASS = """
import streamlit as st
{definition}
first = st.session_state.setdefault("first", Thing)
kept = st.session_state.setdefault("kept", make())
st.text(f"same_class={{Thing is first}}")
st.text(f"current={{isinstance(kept, Thing)}}")
st.button("rerun")
"""


def _reruns(script: str, times: int = 3) -> Iterator[AppTest]:
    at = app(script).run()
    assert no_exception(at), at.exception
    for _ in range(times):
        at.button[0].click().run()
        assert no_exception(at), at.exception
        yield at


@pytest.mark.coercion
@pytest.mark.parametrize("kind", FORMS)
@pytest.mark.smoke
def test_an_unchanged_class_statement_gives_the_same_class(kind):
    """Every kind the default modes cover: the class of the first run stands,
    and what the app kept from it is an instance of the class it names."""
    for at in _reruns(SAME_CLASS.format(definition=KINDS[kind])):
        assert report(at) == {"same_class": "True", "current": "True"}


ENUM_STATEMENTS = """
import enum
from enum import Enum

import streamlit as st

class Color(Enum):
    RED = 1
    GREEN = 2

    def label(self):
        return f"{super().__str__()} ({self.name.lower()})"

class Size(str, enum.Enum):
    SMALL = "s"
    LARGE = "l"

kept = st.session_state.setdefault("kept", (Color.RED, Size.LARGE))
st.text(f"current={kept == (Color.RED, Size.LARGE)}")
st.text(f"label={kept[0].label()}")
st.button("rerun")
"""


@pytest.mark.coercion
@pytest.mark.smoke
def test_an_unchanged_enum_class_statement_builds_no_class_on_a_rerun():
    """The enum machinery builds each Enum class once, on the first run: a
    rerun gives the kept class, its body's methods brought over."""
    from enum import EnumMeta
    from unittest import mock

    built: list[str] = []
    build = EnumMeta.__new__

    def counting(meta, name, *args, **kwds):  # type: ignore[no-untyped-def]
        built.append(name)
        return build(meta, name, *args, **kwds)

    at = app(ENUM_STATEMENTS).run()
    with mock.patch.object(EnumMeta, "__new__", counting):
        for _ in range(2):
            at.button[0].click().run()
            assert no_exception(at), at.exception
            assert report(at) == {"current": "True", "label": "Color.RED (red)"}
    assert [name for name in built if name in ("Color", "Size")] == []


PLAIN = """
class Thing:
    def __init__(self, x):
        self.x = x

def make():
    return Thing(1)
"""


@pytest.mark.coercion
def test_a_plain_class_is_kept_with_all_classes():
    with instance_coercion("allClasses"):
        for at in _reruns(SAME_CLASS.format(definition=PLAIN)):
            assert report(at) == {"same_class": "True", "current": "True"}


@pytest.mark.parametrize(
    ("option", "value", "kind"),
    [
        ("runner.enumCoercion", "off", "enum"),
        ("runner.instanceCoercion", "off", "dataclass"),
        ("runner.instanceCoercion", "dataClasses", "plain"),
    ],
)
def test_a_class_its_mode_leaves_alone_is_new_every_run_as_stock(option, value, kind):
    definition = PLAIN if kind == "plain" else KINDS[kind]
    with patch_config_options({option: value}):
        for at in _reruns(SAME_CLASS.format(definition=definition), times=2):
            assert report(at) == {"same_class": "False", "current": "False"}


PYDANTIC = """
import pydantic

class Thing(pydantic.BaseModel):
    x: int

def make():
    return Thing(x=1)
"""


@pytest.mark.coercion
def test_a_pydantic_model_is_new_every_run_and_its_objects_are_moved():
    """pydantic builds a validator for each model class: a kept class would
    keep the previous run's, so the model is not kept; what the app keeps of
    it is moved to the current class instead (runner.instanceCoercion)."""
    for at in _reruns(SAME_CLASS.format(definition=PYDANTIC)):
        assert report(at) == {"same_class": "False", "current": "True"}


# -- the kept class runs this run's body -------------------------------------------

BODY = """
import streamlit as st
from dataclasses import dataclass

runs = st.session_state.setdefault("runs", 0)
st.session_state.runs += 1
GREETING = f"hello {runs}"

@dataclass
class Base:
    x: int

    def greet(self):
        return GREETING

    @classmethod
    def kind(cls):
        return cls.__name__

@dataclass
class Child(Base):
    def greet(self):
        return super().greet() + "!"

    @classmethod
    def kind(cls):
        return "a " + super().kind()

    @property
    def shout(self):
        return super().greet().upper()

kept = st.session_state.setdefault("kept", Child(1))
st.text(f"greet={kept.greet()}")
st.text(f"shout={kept.shout}")
st.text(f"kind={kept.kind()}")
st.button("rerun")
"""


@pytest.mark.coercion
@pytest.mark.smoke
def test_a_kept_class_has_this_runs_methods_and_globals():
    """Methods come from the new body, with this run's globals; zero-argument
    super() in a method, a property and a subclass works on kept objects."""
    for runs, at in enumerate(_reruns(BODY), start=1):
        assert report(at) == {
            "greet": f"hello {runs}!",
            "shout": f"HELLO {runs}",
            "kind": "a Child",
        }


# -- where keeping stops -------------------------------------------------------------

IN_A_LOOP = """
import streamlit as st

made = []
for size in (1, 2):
    class Sized:
        SIZE = size
    made.append(Sized)

def factory(n):
    class Local:
        N = n
    return Local

first = st.session_state.setdefault("first", made[0])
st.text(f"two_classes={made[0] is not made[1]}")
st.text(f"sizes={[c.SIZE for c in made]}")
st.text(f"local_two={factory(1) is not factory(2)}")
st.text(f"loop_class_new={first is not made[0]}")
st.button("rerun")
"""


def test_classes_made_in_a_loop_or_a_function_are_new_every_time_as_stock():
    """A class statement that runs many times a run is a class each time."""
    for at in _reruns(IN_A_LOOP):
        assert report(at) == {
            "two_classes": "True",
            "sizes": "[1, 2]",
            "local_two": "True",
            "loop_class_new": "True",
        }


TWICE = """
import streamlit as st
from dataclasses import dataclass

@dataclass
class Point:
    x: int

early = Point

@dataclass
class Point:
    x: int

first = st.session_state.setdefault("first", Point)
st.text(f"two_classes={early is not Point}")
st.button("rerun")
"""


def test_a_class_defined_twice_in_a_run_is_two_classes_as_stock():
    for at in _reruns(TWICE):
        assert report(at) == {"two_classes": "True"}


# -- what keeping the class gives ------------------------------------------------------

CACHED = """
import streamlit as st
from dataclasses import dataclass

@dataclass
class Connection:
    url: str

@st.cache_resource
def connect():
    return Connection("db://")

conn = connect()
st.text(f"current={isinstance(conn, Connection)}")
st.button("rerun")
"""


@pytest.mark.coercion
def test_a_cached_resource_of_a_kept_class_is_current(logged):
    """The session that made the resource keeps its class: no warning."""
    for at in _reruns(CACHED):
        assert report(at) == {"current": "True"}
    assert logged.above_debug() == []


@pytest.mark.coercion
@pytest.mark.only_where(SINCE_3_10, reason="a cached staticmethod (3.10+)")
def test_a_cached_resource_of_a_kept_plain_class_is_current_with_all_classes():
    """The seed's singleton (a resource manager made by a cached static method
    of its own class): with plain classes kept, the class statement gives the
    class the cached object was made of, and the object is never touched."""
    script = """
import streamlit as st

class MyResource:
    def __init__(self, api_url: str):
        self._url = api_url

    @st.cache_resource(ttl=500)
    @staticmethod
    def get_resource_manager(api_url: str):
        return MyResource(api_url)

resource_manager = MyResource.get_resource_manager("http://my.resource.io/api/")
first = st.session_state.setdefault("first", resource_manager)
st.text(f"instance={isinstance(resource_manager, MyResource)}")
st.text(f"same_object={first is resource_manager}")
st.button("rerun")
"""
    with instance_coercion("allClasses"):
        for at in _reruns(script):
            assert report(at) == {"instance": "True", "same_object": "True"}


SERIALIZABLE = """
import pickle
import streamlit as st
from dataclasses import dataclass
from enum import Enum

class Color(Enum):
    RED = 1

@dataclass
class Point:
    x: int

st.session_state.setdefault("color", Color.RED)
st.session_state.setdefault("point", Point(1))
st.text(f"pickles={pickle.loads(pickle.dumps(st.session_state.point)) == Point(1)}")
st.button("rerun")
"""


@pytest.mark.coercion
@pytest.mark.smoke
def test_kept_members_and_instances_pickle_with_enforced_serializable_state():
    """runner.enforceSerializableSessionState pickles every value after each
    run: pickle finds the script's class by name, and it is the kept one."""
    with patch_config_options({"runner.enforceSerializableSessionState": True}):
        for at in _reruns(SERIALIZABLE):
            assert report(at) == {"pickles": "True"}


SESSIONS = """
import streamlit as st
from dataclasses import dataclass

@dataclass
class Point:
    x: int

st.session_state.setdefault("first", Point)
"""


def test_each_session_keeps_a_lineage_of_its_own():
    one, two = app(SESSIONS).run(), app(SESSIONS).run()
    one.run()
    two.run()
    assert one.session_state["first"] is not two.session_state["first"]


@pytest.mark.coercion
def test_widget_values_and_defaults_of_a_kept_enum_are_the_members(mode):
    """An option widget over a kept Enum, its default and its value under a
    key: the very members, with no coercion left to do."""
    colors_app = script(
        TWO_COLOR_APP,
        """
        first = st.session_state.setdefault("first", Color)
        chosen = st.multiselect("Colors", Color, default=[Color.RED], key="picked")
        st.text(f"same_class={Color is first}")
        st.text(f"chosen={chosen == [Color.RED]}")
        st.text(f"keyed={st.session_state.picked[0] is Color.RED}")
        st.button("rerun")
        """,
    )
    for at in _reruns(colors_app):
        assert report(at) == {"same_class": "True", "chosen": "True", "keyed": "True"}


PALETTE = script(
    TWO_COLOR_APP,
    """
    @st.cache_resource
    def palette():
        return {Color.RED: "#f00", Color.GREEN: "#0f0"}

    pal = palette()
    st.session_state.setdefault("box", {"palette": pal})
    st.session_state.box
    st.text(f"red={pal.get(Color.RED)}")
    st.button("rerun")
    """,
)


@pytest.mark.coercion
@pytest.mark.smoke
def test_a_shared_palette_is_never_rekeyed_by_another_session():
    """The session that made the cached palette keeps its Color; another
    session's Color is another class, and its reads of the palette (kept in
    its session state) must not re-key what the first session looks up."""
    first, second = app(PALETTE), app(PALETTE)
    first.run()
    for _ in range(2):
        second.run()
        first.run()
        assert no_exception(first), first.exception
        assert report(first) == {"red": "#f00"}
