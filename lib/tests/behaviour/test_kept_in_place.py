"""Kept values are brought up to date in place: nothing rebuilt, nothing lost.

Reading a value kept in st.session_state makes the objects of redefined
classes in it current, and keeps everything stock Streamlit keeps: one object
under two keys stays one object, an edit made through one alias is seen
through the other, a list that holds itself still does, a Flag value keeps
every bit, and every way of reading session state gives current objects.
Cases that stock has (aliases, cycles, values) must pass on stock too.
"""

from __future__ import annotations

from typing import Iterator

import pytest
from support.apps import app, instance_coercion, no_exception, report
from support.scripts import COLOR_APP, RERUN_BUTTON, script

HEADER = script(COLOR_APP, RERUN_BUTTON)


def _reruns(script: str, times: int = 3) -> Iterator[object]:
    at = app(script).run()
    assert no_exception(at), at.exception
    for _ in range(times):
        at.button[0].click().run()
        assert no_exception(at), at.exception
        yield at


# -- aliases, in-place edits, cycles (stock keeps them all) --------------------

ALIASES = (
    HEADER
    + """
if "a" not in st.session_state:
    st.session_state.a = st.session_state.b = [Color.RED]
a = st.session_state.a
a.append(len(a))
st.text(f"one_object={a is st.session_state.b}")
st.text(f"seen_through_b={st.session_state.b[-1] == len(a) - 1}")
st.text(f"length={len(st.session_state.b)}")
"""
)


def test_one_list_under_two_keys_stays_one_object():
    """An append through one key is seen through the other, run after run."""
    for run, at in enumerate(_reruns(ALIASES), start=2):
        assert report(at) == {
            "one_object": "True",
            "seen_through_b": "True",
            "length": str(run + 1),
        }


CURRENT_ALIASES = (
    HEADER
    + """
if "a" not in st.session_state:
    st.session_state.a = st.session_state.b = [Color.RED]
    st.session_state.t = st.session_state.u = (Color.GREEN, [Color.BLUE])
st.text(f"current={st.session_state.a[0] is Color.RED}")
st.text(f"one_list={st.session_state.a is st.session_state.b}")
st.text(f"tuple={st.session_state.t == (Color.GREEN, [Color.BLUE])}")
st.text(f"one_tuple={st.session_state.t is st.session_state.u}")
"""
)


@pytest.mark.coercion
def test_aliases_stay_one_object_and_read_as_current(mode):
    """A list is changed in place; a tuple is rebuilt once for both keys."""
    for at in _reruns(CURRENT_ALIASES):
        assert report(at) == {
            "current": "True",
            "one_list": "True",
            "tuple": "True",
            "one_tuple": "True",
        }


CHAT = (
    HEADER
    + """
class Role(Enum):
    USER = "user"
    ASSISTANT = "assistant"

if "history" not in st.session_state:
    st.session_state.history = [{"role": Role.USER, "text": "hello"}]
    st.session_state.runs = 0
st.session_state.runs += 1
if st.session_state.runs == 2:
    # The app edits the message it holds under another key.
    st.session_state.editing = st.session_state.history[0]
if st.session_state.runs == 3:
    st.session_state.editing["text"] = "hello, edited"
message = st.session_state.history[0]
st.text(f"text={message['text']}")
st.text(f"role={message['role'].value}")
st.text(f"same={message is st.session_state.get('editing', message)}")
"""
)


def test_an_edit_through_one_key_is_seen_in_the_other():
    """A chat app edits a message through `editing`; `history` sees it."""
    texts = []
    for at in _reruns(CHAT, times=4):
        texts.append(report(at)["text"])
        assert report(at)["same"] == "True"
        assert report(at)["role"] == "user"
    assert texts == ["hello", "hello, edited", "hello, edited", "hello, edited"]


CYCLE = (
    HEADER
    + """
if "loop" not in st.session_state:
    loop = [Color.RED]
    loop.append(loop)
    st.session_state.loop = loop
    pair = {"color": Color.GREEN}
    pair["self"] = pair
    st.session_state.pair = pair
loop, pair = st.session_state.loop, st.session_state.pair
st.text(f"loop={loop[1] is loop}")
st.text(f"pair={pair['self'] is pair}")
"""
)


def test_a_list_that_holds_itself_still_does():
    for at in _reruns(CYCLE):
        assert report(at) == {"loop": "True", "pair": "True"}


@pytest.mark.coercion
def test_members_inside_cycles_read_as_current(mode):
    current = "loop[0] is Color.RED and pair['color'] is Color.GREEN"
    script = CYCLE + 'st.text(f"current={' + current + '}")\n'
    for at in _reruns(script):
        assert report(at) == {"loop": "True", "pair": "True", "current": "True"}


# -- Flag values keep every bit ----------------------------------------------

FLAGS = """
from enum import IntFlag
import streamlit as st

class Perm(IntFlag):
    READ = 1
    WRITE = 2

if "kept" not in st.session_state:
    st.session_state.kept = [Perm(9), Perm(8), Perm.READ | Perm.WRITE, Perm(0)]
kept = st.session_state.kept
st.text(f"values={[int(p) for p in kept]}")
st.text(f"current={all(isinstance(p, Perm) for p in kept)}")
st.button("rerun")
"""

PICKED_FLAG = """
picked = st.selectbox("Perm", [Perm.READ, Perm.READ | Perm.WRITE, Perm(9)], index=2)
st.text(f"picked={int(picked)}")
st.text(f"picked_current={isinstance(picked, Perm)}")
"""


def test_flag_values_keep_every_bit():
    """Unnamed bits too: a value is never changed (as on stock)."""
    for at in _reruns(FLAGS):
        assert report(at)["values"] == "[9, 8, 3, 0]"


@pytest.mark.coercion
def test_flag_values_with_unnamed_bits_are_current(mode):
    """Kept in session state, and picked in a selectbox (stock 1.67.0
    raises KeyError: 'READ|8' on that option)."""
    for at in _reruns(FLAGS + PICKED_FLAG):
        assert report(at) == {
            "values": "[9, 8, 3, 0]",
            "current": "True",
            "picked": "9",
            "picked_current": "True",
        }


# -- every way of reading session state ---------------------------------------

READS = {
    "item": "st.session_state['kept']",
    "attribute": "st.session_state.kept",
    "get": "st.session_state.get('kept')",
    "to_dict": "st.session_state.to_dict()['kept']",
    "items": "dict(st.session_state.items())['kept']",
    "values": "[v for v in st.session_state.values() if isinstance(v, list)][0]",
    "iteration": "[st.session_state[k] for k in st.session_state if k == 'kept'][0]",
}


@pytest.mark.coercion
@pytest.mark.parametrize("read", READS)
def test_every_way_of_reading_gives_current_members(read, mode):
    """The read is the first read of `kept` in its run."""
    script = (
        HEADER
        + f"""
if st.session_state.get("first", True):  # `kept` is not read before
    st.session_state.first = False
    st.session_state.kept = [Color.RED, {{"c": Color.BLUE}}]
value = {READS[read]}
st.text(f"current={{value == [Color.RED, {{'c': Color.BLUE}}]}}")
st.text(f"contains={{'kept' in st.session_state}}")
"""
    )
    for at in _reruns(script):
        assert report(at) == {"current": "True", "contains": "True"}


# -- named tuple subclasses ---------------------------------------------------

RECORDS = {
    "namedtuple_subclass": """
from collections import namedtuple

class Point(namedtuple("Point", "x y")):
    def norm(self):
        return abs(self.x) + abs(self.y)
""",
    "typing_namedtuple_subclass": """
from typing import NamedTuple

class Base(NamedTuple):
    x: int
    y: int

class Point(Base):
    def norm(self):
        return abs(self.x) + abs(self.y)
""",
}


@pytest.mark.coercion
@pytest.mark.parametrize("kind", RECORDS)
def test_named_tuple_subclasses_are_rebuilt_as_the_current_class(kind, logged):
    script = (
        "import streamlit as st\n"
        + RECORDS[kind]
        + """
if "p" not in st.session_state:
    st.session_state.p = Point(1, 2)
    st.session_state.also = [st.session_state.p]
p = st.session_state.p
st.text(f"current={isinstance(p, Point)}")
st.text(f"equal={p == Point(1, 2) and p.norm() == 3}")
st.text(f"one_object={st.session_state.also[0] is p}")
st.button("rerun")
"""
    )
    with instance_coercion("dataClasses"):
        for at in _reruns(script):
            assert report(at) == {
                "current": "True",
                "equal": "True",
                "one_object": "True",
            }
    assert logged.above_debug() == []


# -- depth and every container kind ------------------------------------------

LINKED = """
import streamlit as st
from dataclasses import dataclass
from typing import Optional

@dataclass
class Node:
    value: int
    next: "Optional[Node]" = None

if "head" not in st.session_state:
    head = None
    for i in reversed(range(50)):
        head = Node(i, head)
    st.session_state.head = head
node, current, count = st.session_state.head, 0, 0
while node is not None:
    current += isinstance(node, Node)
    count += 1
    node = node.next
st.text(f"current={current}")
st.text(f"count={count}")
st.button("rerun")
"""


@pytest.mark.coercion
def test_a_long_linked_list_is_current_to_its_end():
    with instance_coercion("dataClasses"):
        for at in _reruns(LINKED):
            assert report(at) == {"current": "50", "count": "50"}


KINDS = {
    "counter": "Counter({Color.RED: 2, Color.BLUE: 1})",
    "ordered_dict": "OrderedDict([('b', Color.BLUE), ('a', Color.RED)])",
    "defaultdict": "defaultdict(list, {'warm': [Color.RED]})",
    "deque": "deque([Color.RED, Color.GREEN], maxlen=5)",
    "list_of_sets": "[{Color.RED}, frozenset({Color.GREEN})]",
}


@pytest.mark.coercion
@pytest.mark.parametrize("kind", KINDS)
def test_every_standard_container_is_walked_in_place(kind, mode):
    script = (
        HEADER
        + f"""
from collections import Counter, OrderedDict, defaultdict, deque

if "kept" not in st.session_state:
    st.session_state.kept = {KINDS[kind]}
    st.session_state.same = st.session_state.kept
kept = st.session_state.kept
st.text(f"current={{kept == {KINDS[kind]}}}")
st.text(f"kind={{type(kept).__name__}}")
st.text(f"one_object={{st.session_state.same is kept}}")
"""
    )
    expected_kind = type(eval(KINDS[kind], _namespace())).__name__
    for at in _reruns(script):
        assert report(at) == {
            "current": "True",
            "kind": expected_kind,
            "one_object": "True",
        }


def _namespace() -> dict[str, object]:
    from collections import Counter, OrderedDict, defaultdict, deque
    from enum import Enum

    class Color(Enum):
        RED = 1
        GREEN = 2
        BLUE = 3

    return {
        "Counter": Counter,
        "OrderedDict": OrderedDict,
        "defaultdict": defaultdict,
        "deque": deque,
        "Color": Color,
    }


def test_an_ordered_dict_keeps_its_order():
    script = (
        HEADER
        + """
from collections import OrderedDict

if "kept" not in st.session_state:
    kept = OrderedDict([(Color.BLUE, 1), (Color.RED, 2), ("x", 3)])
    kept.move_to_end(Color.BLUE)
    st.session_state.kept = kept
st.text(f"order={[getattr(k, 'name', k) for k in st.session_state.kept]}")
"""
    )
    for at in _reruns(script):
        assert report(at) == {"order": "['RED', 'x', 'BLUE']"}


ABSTRACT = """
import abc
import streamlit as st

class Shape(abc.ABC):
    def __init__(self, sides):
        self.sides = sides

    @abc.abstractmethod
    def name(self): ...

class Square(Shape):
    def __init__(self):
        super().__init__(4)

    def name(self):
        return "square"

if "s" not in st.session_state:
    st.session_state.s = Square()
st.text(f"current={isinstance(st.session_state.s, Square)}")
st.text(f"shape={isinstance(st.session_state.s, Shape)}")
st.button("rerun")
"""


@pytest.mark.coercion
def test_a_class_with_an_abstract_base_is_current_with_all_classes():
    with instance_coercion("allClasses"):
        for at in _reruns(ABSTRACT):
            assert report(at) == {"current": "True", "shape": "True"}


GAINED = """
import streamlit as st

runs = st.session_state.setdefault("runs", 0)
st.session_state.runs += 1
if runs == 0:
    class Point:
        def __init__(self, x, y):
            self.x = x
            self.y = y

        def total(self):
            return self.x + self.y
else:
    class Point:
        def __init__(self, x, y):
            self.x = x
            self.y = y
            self.z = x + y

        def total(self):
            return self.x + self.y + self.z

if "p" not in st.session_state:
    st.session_state.p = Point(1, 2)
st.text(f"current={isinstance(st.session_state.p, Point)}")
st.text(f"total={st.session_state.p.total()}")
st.button("rerun")
"""


def test_a_plain_class_that_gained_a_field_is_left_as_it_was():
    """Its fields are read off __init__ on every Python (3.13 fuses the two
    loads of `self.x = x`): the object is not moved to a class it lacks a
    field of, and keeps working as stock leaves it."""
    with instance_coercion("allClasses"):
        for at in _reruns(GAINED):
            assert report(at) == {"current": "False", "total": "3"}


READ_ONLY = (
    HEADER
    + """
class ReadOnly(dict):
    def __setitem__(self, key, value):
        raise TypeError("read-only")

    def __delitem__(self, key):
        raise TypeError("read-only")

if "kept" not in st.session_state:
    st.session_state.kept = ReadOnly({Color.RED: "warm", Color.BLUE: "cold"})
kept = st.session_state.kept
st.text(f"entries={len(kept)}")
st.text(f"values={sorted(kept.values())}")
"""
)


def test_a_mapping_that_refuses_writes_keeps_every_entry(mode):
    """Nothing lost: a container that refuses the update is left whole (its
    keys as stock leaves them)."""
    for at in _reruns(READ_ONLY):
        assert report(at) == {"entries": "2", "values": "['cold', 'warm']"}
