"""Coercion is on through the real code path, on every release.

The apps run through Streamlit's own ScriptRunner with the messages the
release's browser sends (option indices on 1.28, labels since): a browser
pick reads as the current run's option object for every option widget the
release has, read by the current run's deserializer, and members kept in
session state read as the current run's. Then one release fact at a time is
broken (as a changed internal API would break it) and the widget call must
raise, instead of coercion quietly switching off.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import pytest
import streamlit as st
from st_stub.protocol import sends_labels, value_field
from streamlit.class_identity import release
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates
from streamlit.runtime.state import SessionState
from support.release_facts import installed
from support.runner import browser_pick, run_many, widget_id

# Objects of a class the script defines: new objects every run, equal to
# nothing but themselves. Widgets hand back deep copies; these copy as
# themselves, so the script can tell which run's object it got.
SHAPES = """
import streamlit as st

class Shape:
    def __init__(self, name):
        self.name = name
    def __str__(self):
        return self.name
    def __deepcopy__(self, memo):
        return self

SHAPES = [Shape("circle"), Shape("square"), Shape("star")]
"""


@dataclass(frozen=True)
class OptionWidget:
    name: str
    call: str  # the widget call over SHAPES, with user key "w"
    serde: str
    pick: int | list[int]  # option positions the browser picks

    def __str__(self) -> str:
        return self.name

    def exists(self) -> bool:
        name = self.call.split("(")[0]
        return hasattr(st, name[3:] if name.startswith("st.") else name)


_ONE_SELECTED, _SEVERAL_SELECTED = installed().button_groups or ("", "")
_WIDGETS = [
    OptionWidget(
        "selectbox", 'st.selectbox("Shape", SHAPES, key="w")', "SelectboxSerde", 1
    ),
    OptionWidget("radio", 'st.radio("Shape", SHAPES, key="w")', "RadioSerde", 1),
    OptionWidget(
        "multiselect",
        'st.multiselect("Shapes", SHAPES, key="w")',
        "MultiSelectSerde",
        [1, 2],
    ),
    OptionWidget(
        "select_slider",
        'st.select_slider("Shape", SHAPES, key="w")',
        "SelectSliderSerde",
        1,
    ),
    # st.pills and st.segmented_control: their serdes changed twice
    # (support.release_facts, the owner of which serdes a release has).
    OptionWidget("pills", 'st.pills("Shape", SHAPES, key="w")', _ONE_SELECTED, 1),
    OptionWidget(
        "pills_multi",
        'st.pills("Shapes", SHAPES, key="w", selection_mode="multi")',
        _SEVERAL_SELECTED,
        [1, 2],
    ),
    OptionWidget(
        "segmented_control",
        'st.segmented_control("Shape", SHAPES, key="w")',
        _ONE_SELECTED,
        1,
    ),
    OptionWidget(
        "menu_button",
        'st.menu_button("Shape", SHAPES, key="w")',
        "MenuButtonSerde",
        1,
    ),
]
# The option widgets this release has.
WIDGETS = [w for w in _WIDGETS if w.exists()]


def test_the_widgets_below_cover_every_option_serde(facts):
    assert {w.serde for w in WIDGETS} == facts.serdes - facts.feedback_only


def _picks(picked: int | list[int]) -> Callable[[int, SessionState], Any]:
    def states(i: int, state: SessionState) -> WidgetStates | None:
        if i == 0:
            return None
        return WidgetStates(widgets=[browser_pick(state, "w", picked)])

    return states


@pytest.mark.parametrize("widget", WIDGETS, ids=str)
def test_a_browser_pick_is_the_current_runs_option_object(tmp_path, coercing, widget):
    app = tmp_path / "app.py"
    app.write_text(
        SHAPES
        + f"value = {widget.call}\n"
        + "values = value if isinstance(value, (list, tuple)) else [value]\n"
        + "st.session_state.picked = [str(v) for v in values]\n"
        + "st.session_state.current = all(\n"
        + "    any(v is s for s in SHAPES) for v in values\n"
        + ")\n"
    )

    def serde_is_the_widgets(i: int, state: SessionState) -> None:
        metadata = state._new_widget_state.widget_metadata[widget_id(state, "w")]
        assert type(release.serde_of(metadata)).__name__ == widget.serde

    state = run_many(str(app), 3, _picks(widget.pick), after_run=serde_is_the_widgets)
    picks = [widget.pick] if isinstance(widget.pick, int) else widget.pick
    assert state["picked"] == [["circle", "square", "star"][i] for i in picks]
    assert state["current"] is True


# Made by a call, not a class statement: a new class every run, so that
# every run re-reads the browser's message with the release's own facts (a
# class statement's class is kept, and its members need no re-read).
COLOR_BY_CALL_APP = """
from enum import Enum
import streamlit as st

Color = Enum("Color", [("RED", 1), ("GREEN", 2), ("BLUE", 3)])
"""


def test_the_current_runs_deserializer_reads_the_browsers_message_once_a_run(
    tmp_path, coercing, monkeypatch, facts
):
    from streamlit.elements.widgets.selectbox import SelectboxSerde

    app = tmp_path / "app.py"
    app.write_text(COLOR_BY_CALL_APP + 'st.selectbox("Color", Color, key="w")\n')
    calls: list[tuple[object, tuple[Any, ...]]] = []
    deserialize = SelectboxSerde.deserialize

    def counted(self: Any, *args: Any) -> Any:
        calls.append((self, args))
        return deserialize(self, *args)

    monkeypatch.setattr(SelectboxSerde, "deserialize", counted)
    sent: list[WidgetState] = []
    reads: list[list[tuple[Any, ...]]] = []

    def states(i: int, state: SessionState) -> WidgetStates | None:
        calls.clear()
        if i == 0:
            return None
        sent.append(browser_pick(state, "w", 1))
        return WidgetStates(widgets=[sent[-1]])

    def current_serdes_reads(i: int, state: SessionState) -> None:
        metadata = state._new_widget_state.widget_metadata[widget_id(state, "w")]
        reads.append([a for serde, a in calls if serde is release.serde_of(metadata)])

    run_many(str(app), 3, states, after_run=current_serdes_reads)
    # The release's own serializer fills the field its browser fills.
    assert [m.WhichOneof("value") for m in sent] == [value_field("selectbox")] * 2
    wid = sent[0].id
    expected = (release.unpack(sent[0]), wid)[: facts.arity]
    assert reads == [[(None, wid)[: facts.arity]], [expected], [expected]]


def test_a_member_kept_in_session_state_reads_as_the_current_runs(tmp_path, coercing):
    app = tmp_path / "app.py"
    app.write_text(
        COLOR_BY_CALL_APP
        + "if 'kept' not in st.session_state:\n"
        + "    st.session_state.kept = [Color.RED, {'c': Color.GREEN}]\n"
        + "kept = st.session_state.kept\n"
        + "current = kept[0] is Color.RED and kept[1]['c'] is Color.GREEN\n"
        + "st.session_state.current = st.session_state.get('current', []) + [current]\n"
    )
    state = run_many(str(app), 3)
    assert state["current"] == [True, True, True]


# --- a fact that no longer holds makes the widget call raise -----------------

# The script records what its widget call or session-state read raised, run
# by run; the first run has no browser message to re-read.
RECORDING_APP = """
try:
    value = {call}
    kept = st.session_state.setdefault("kept", Color.RED)
    raised = None
except Exception as e:
    raised = type(e).__name__
st.session_state.raised = st.session_state.get("raised", []) + [raised]
"""


def _wrapped_arrays(proto: WidgetState) -> Any:
    """An unpacker that hands over an array message instead of its data."""
    return getattr(proto, proto.WhichOneof("value"))


def _label(proto: WidgetState) -> Any:
    """The option label a browser that sends labels would send."""
    return "Color.GREEN"


def _no_mapping(state: SessionState) -> Any:
    return state._mapping_this_release_no_longer_has  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Breakage:
    name: str
    attribute: str  # of release
    replacement: Any
    call: str
    raises: str

    def __str__(self) -> str:
        return self.name


_BREAKAGES = [
    Breakage(
        "array messages left wrapped",
        "unpack",
        _wrapped_arrays,
        'st.multiselect("Colors", Color, key="w")',
        "TypeError",
    ),
]
if release.DESERIALIZER_ARITY == 1:
    # A 1.28 deserializer takes the widget id as an optional argument, so
    # calling it without one still reads right; one that takes none cannot.
    _BREAKAGES.append(
        Breakage(
            "deserializers given a widget id",
            "DESERIALIZER_ARITY",
            2,
            'st.selectbox("Color", Color, key="w")',
            "TypeError",
        )
    )
if not sends_labels("selectbox"):
    _BREAKAGES.append(
        Breakage(
            "labels where the release's deserializers take indices",
            "unpack",
            _label,
            'st.selectbox("Color", Color, key="w")',
            "TypeError",
        )
    )


@pytest.mark.parametrize("breakage", _BREAKAGES, ids=str)
def test_a_broken_release_fact_makes_the_call_raise(
    tmp_path, coercing, monkeypatch, breakage
):
    app = tmp_path / "app.py"
    app.write_text(COLOR_BY_CALL_APP + RECORDING_APP.format(call=breakage.call))
    monkeypatch.setattr(release, breakage.attribute, breakage.replacement)
    pick = 1 if "selectbox" in breakage.call else [1]
    state = run_many(str(app), 3, _picks(pick))
    assert state["raised"] == [None, breakage.raises, breakage.raises]


def test_the_same_app_runs_without_raising_when_the_facts_hold(tmp_path, coercing):
    """The control for the test above: nothing raises unless a fact is broken."""
    app = tmp_path / "app.py"
    app.write_text(
        COLOR_BY_CALL_APP
        + RECORDING_APP.format(call='st.multiselect("Colors", Color, key="w")')
        + "st.session_state.current = value == [Color.GREEN] and kept is Color.RED\n"
    )
    state = run_many(str(app), 3, _picks([1]))
    assert state["raised"] == [None, None, None]
    assert state["current"] is True
