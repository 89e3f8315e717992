"""Instances of classes the script defines, kept in st.session_state, read as
instances of the current run's class (runner.instanceCoercion).

The seed's guidance for classes that store data (define __eq__ by hand, or
serialize to strings) exists because every run defines the class anew: a
dataclass kept in session state stops being equal to, or an instance of,
the script's class from the second run on. Matched by module, __qualname__
and field names; moved in place, so the object stays the one object.
"""

from __future__ import annotations

from typing import Iterator

import pytest
from support.apps import app, instance_coercion, no_exception, report
from support.interpreters import SINCE_3_10, where
from support.scripts import POINT_RECORD, TWO_COLOR_APP, script

# Each kind of class, defined in the app; Point(1, 2) and Point(3, 4) make sense.
KINDS = {
    "dataclass": """
from dataclasses import dataclass

@dataclass
class Point:
    x: int
    y: int
""",
    "frozen_dataclass": """
from dataclasses import dataclass

@dataclass(frozen=True)
class Point:
    x: int
    y: int
""",
    "slotted_dataclass": """
from dataclasses import dataclass

@dataclass(slots=True)
class Point:
    x: int
    y: int
""",
    "frozen_slotted_dataclass": """
from dataclasses import dataclass

@dataclass(frozen=True, slots=True)
class Point:
    x: int
    y: int
""",
    "dataclass_with_defaults": """
from dataclasses import dataclass, field

@dataclass
class Point:
    x: int
    y: int = 0
    tags: list = field(default_factory=list)
""",
    "typing_namedtuple": """
from typing import NamedTuple

class Point(NamedTuple):
    x: int
    y: int
""",
    "collections_namedtuple": """
from collections import namedtuple

Point = namedtuple("Point", "x y")
""",
}

# A plain class keeps state no declaration shows: only with "allClasses".
PLAIN = """
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)

    __hash__ = None
"""

SEED = """
import streamlit as st
{kind}
if "p" not in st.session_state:
    st.session_state.p = Point(1, 2)
st.text(f"equal={{st.session_state.p == Point(1, 2)}}")
st.text(f"instance={{isinstance(st.session_state.p, Point)}}")
st.text(f"index={{[Point(1, 2), Point(3, 4)].index(st.session_state.p)}}")
st.button("rerun")
"""
CURRENT = {"equal": "True", "instance": "True", "index": "0"}
# Where stock's stale object is expected: list.index would raise ValueError.
STALE = SEED.replace('st.text(f"index=', '# st.text(f"index=')


@pytest.fixture(params=["dataClasses", "allClasses"])
def instances(request: pytest.FixtureRequest) -> Iterator[str]:
    """Each mode that moves data classes, set as a test sets any option."""
    with instance_coercion(request.param) as mode:
        yield mode


def _reruns(script: str, times: int = 3) -> Iterator[object]:
    at = app(script).run()
    for _ in range(times):
        at.button[0].click().run()
        assert no_exception(at), at.exception
        yield at


@pytest.mark.coercion
@pytest.mark.parametrize(
    "kind",
    where(KINDS, lambda k: "slotted" in k, SINCE_3_10, "dataclass(slots=True) (3.10+)"),
)
@pytest.mark.smoke
def test_the_seed_data_class_reads_as_the_current_class(kind, instances):
    """The seed's data-class example (Point): ==, isinstance and list.index
    hold on every run."""
    for at in _reruns(SEED.format(kind=KINDS[kind])):
        assert report(at) == CURRENT


@pytest.mark.coercion
def test_a_plain_class_is_current_with_all_classes():
    with instance_coercion("allClasses"):
        for at in _reruns(SEED.format(kind=PLAIN)):
            assert report(at) == CURRENT


def test_a_plain_class_is_left_alone_with_data_classes_as_stock():
    """The default moves only classes whose fields are declared."""
    with instance_coercion("dataClasses"):
        for at in _reruns(STALE.format(kind=PLAIN), times=1):
            assert report(at) == {"equal": "False", "instance": "False"}


@pytest.mark.parametrize("kind", ["dataclass", "typing_namedtuple"])
def test_off_leaves_kept_instances_stale_as_stock(kind):
    with instance_coercion("off"):
        for at in _reruns(STALE.format(kind=KINDS[kind]), times=1):
            assert report(at)["instance"] == "False"


CONTAINERS = {
    "list": ("[Point(1, 2), Point(3, 4)]", "[Point(1, 2), Point(3, 4)]"),
    "tuple": ("(Point(1, 2), 'other')", "(Point(1, 2), 'other')"),
    "set": ("{Point(1, 2), Point(3, 4)}", "{Point(1, 2), Point(3, 4)}"),
    "frozenset": ("frozenset({Point(1, 2)})", "frozenset({Point(1, 2)})"),
    "dict_values": ("{'a': Point(1, 2)}", "{'a': Point(1, 2)}"),
    "dict_keys": ("{Point(1, 2): 'a'}", "{Point(1, 2): 'a'}"),
    "nested": ("{'rows': [(Point(1, 2), [Point(3, 4)])]}",
               "{'rows': [(Point(1, 2), [Point(3, 4)])]}"),
}  # fmt: skip


@pytest.mark.coercion
@pytest.mark.parametrize("where", CONTAINERS)
def test_instances_inside_containers_read_as_current(where, instances):
    kept, expected = CONTAINERS[where]
    script = (
        "import streamlit as st\n"
        + KINDS["frozen_dataclass"]  # hashable, for sets and dict keys
        + f"""
if "kept" not in st.session_state:
    st.session_state.kept = {kept}
st.text(f"equal={{st.session_state.kept == {expected}}}")
st.button("rerun")
"""
    )
    for at in _reruns(script):
        assert report(at) == {"equal": "True"}


NESTED = script(
    "from dataclasses import dataclass, field",
    TWO_COLOR_APP,
    POINT_RECORD,
    """
    @dataclass
    class Shape:
        color: Color
        corners: list = field(default_factory=list)

    if "shape" not in st.session_state:
        st.session_state.shape = Shape(Color.GREEN, [Point(0, 0), Point(1, 2)])
    shape = st.session_state.shape
    st.text(f"shape={isinstance(shape, Shape)}")
    st.text(f"color={shape.color is Color.GREEN}")
    st.text(f"corners={shape.corners == [Point(0, 0), Point(1, 2)]}")
    st.button("rerun")
    """,
)


@pytest.mark.coercion
def test_fields_of_kept_instances_are_made_current_too(instances):
    """Instances in each other's fields, and Enum members in their fields."""
    for at in _reruns(NESTED):
        assert report(at) == {"shape": "True", "color": "True", "corners": "True"}


MUTATED = """
import streamlit as st
from dataclasses import dataclass, field

@dataclass
class Basket:
    items: list = field(default_factory=list)

if "basket" not in st.session_state:
    st.session_state.basket = Basket()
    st.session_state.same = st.session_state.basket  # one object, two keys
basket = st.session_state.basket
basket.items.append(len(basket.items))
st.text(f"items={basket.items}")
st.text(f"one_object={st.session_state.same is basket}")
st.text(f"current={isinstance(st.session_state.same, Basket)}")
st.button("rerun")
"""


@pytest.mark.coercion
def test_mutations_persist_and_aliases_stay_one_object(instances):
    for run, at in enumerate(_reruns(MUTATED), start=2):
        assert report(at) == {
            "items": str(list(range(run))),
            "one_object": "True",
            "current": "True",
        }


CHANGING = """
import streamlit as st
from dataclasses import dataclass

runs = st.session_state.setdefault("runs", 0)
st.session_state.runs += 1
if runs == 0:
    @dataclass
    class Point:
        x: int
        y: int
else:
    @dataclass
    class Point:
        x: int
        {second}

if "p" not in st.session_state:
    st.session_state.p = Point(1, 2)
st.text(f"current={{isinstance(st.session_state.p, Point)}}")
st.text(f"kept={{(st.session_state.p.x, st.session_state.p.y)}}")
st.button("rerun")
"""


@pytest.mark.coercion
@pytest.mark.parametrize(
    ("second", "differs"),
    [
        ("y: int\n        z: int", "extra field names without a default [z]"),
        ("", "missing field names [y]"),
        ("why: int = 0", "missing field names [y]"),
    ],
    ids=["added_without_default", "removed", "renamed"],
)
def test_changed_fields_are_refused_with_one_warning(second, differs, logged):
    """The object stays as stock leaves it, nothing is lost, and one WARNING
    per session and class says what differs."""
    for at in _reruns(CHANGING.format(second=second)):
        assert report(at) == {"current": "False", "kept": "(1, 2)"}
    warnings = logged.above_debug()
    assert len(warnings) == 1, warnings
    assert "Point" in warnings[0] and "runner.instanceCoercion" in warnings[0]
    assert differs in warnings[0]


STABLE = """
import streamlit as st
from fractions import Fraction
from dataclasses import dataclass

@dataclass
class Point:
    x: int
    y: int

if "kept" not in st.session_state:
    st.session_state.kept = {"half": Fraction(1, 2), "p": Point(1, 2)}
    st.session_state.half = st.session_state.kept["half"]
st.text(f"untouched={st.session_state.kept['half'] is st.session_state.half}")
st.text(f"type={type(st.session_state.half).__module__}")
st.button("rerun")
"""


def test_objects_of_classes_nobody_redefined_are_untouched(instances):
    for at in _reruns(STABLE):
        assert report(at) == {"untouched": "True", "type": "fractions"}


ODD = """
import streamlit as st
from dataclasses import dataclass

@dataclass(eq=False)
class Odd:
    x: int

    def __eq__(self, other):
        raise RuntimeError("no comparing me")

    def __getattribute__(self, name):
        if name == "x" and object.__getattribute__(self, "__class__") is not Odd:
            raise RuntimeError("odd attribute access")
        return object.__getattribute__(self, name)

if "odd" not in st.session_state:
    st.session_state.odd = [Odd(1), {"k": Odd(2)}]
st.text(f"read={len(st.session_state.odd)}")
st.button("rerun")
"""


def test_coercion_never_raises_into_the_app(instances):
    for at in _reruns(ODD):
        assert report(at) == {"read": "2"}


REIMPORTING = """
import streamlit as st
import {module} as shapes

if "p" not in st.session_state:
    st.session_state.p = shapes.Point(1, 2)
st.text(f"instance={{isinstance(st.session_state.p, shapes.Point)}}")
st.text(f"equal={{st.session_state.p == shapes.Point(1, 2)}}")
st.button("rerun")
"""


@pytest.mark.coercion
def test_a_class_of_a_user_module_streamlit_reimported(tmp_path, instances):
    """Streamlit forgets an edited module so the next run imports it anew:
    its classes are new objects, as a script's are on every run."""
    import sys

    from streamlit.testing.v1 import AppTest

    module = f"shapes_{abs(hash(tmp_path)) % 10**8}"
    (tmp_path / f"{module}.py").write_text(KINDS["dataclass"])
    (tmp_path / "app.py").write_text(REIMPORTING.format(module=module))
    sys.path.insert(0, str(tmp_path))  # 1.28's AppTest does not add the app's
    try:
        at = AppTest.from_file(str(tmp_path / "app.py"), default_timeout=10).run()
        for _ in range(2):
            sys.modules.pop(module)  # what the file watcher does after an edit
            at.button[0].click().run()
            assert no_exception(at), at.exception
            assert report(at) == {"instance": "True", "equal": "True"}
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop(module, None)
