"""The page a browser would show, rebuilt from a server's delta ForwardMsgs.

A ``Tree`` applies ``ForwardMsg``s the way the frontend does: a
``new_session`` message starts a run, each ``delta`` puts an element or a
block at its ``delta_path``, and ``script_finished`` drops whatever the run
did not send again (stale nodes; after a fragment run, only inside the
fragments that ran). ``Tree.page()`` freezes what is shown into a ``Page``
of ``Element``s, in document order, that tests can read.

Every release's messages are read: an option widget shows option indices
where its browser sends indices, else the labels the server set
(``raw_value(s)``) or the labels of its default indices
(``protocol.sends_labels``, per widget); ``button_group`` (st.pills,
st.segmented_control, 1.40 on) has ``Option`` messages for options, and
``menu_button`` (1.56 on) none of its own state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Tuple

from google.protobuf.message import Message
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from st_stub import protocol

Path = Tuple[int, ...]

# Element kinds that are widgets with options the user picks from.
OPTION_WIDGETS = ("selectbox", "radio", "multiselect", "slider", "button_group")
# Widgets that only fire with the rerun a click starts (no state of their own).
TRIGGER_WIDGETS = ("button", "menu_button")
WIDGETS = (*OPTION_WIDGETS, *TRIGGER_WIDGETS, "checkbox")


@dataclass(frozen=True)
class Element:
    """One element on the page: its kind (the proto's oneof name) and proto."""

    path: Path
    kind: str
    proto: Message = field(repr=False, compare=False)

    @property
    def label(self) -> str:
        return str(getattr(self.proto, "label", ""))

    @property
    def widget_id(self) -> str:
        """The id the server gave the widget ("" for elements that are not)."""
        return str(getattr(self.proto, "id", "")) if self.kind in WIDGETS else ""

    @property
    def options(self) -> List[str]:
        """Option labels as the browser shows them (format_func applied)."""
        if self.kind == "button_group":
            return [o.content for o in self.proto.options]  # type: ignore[attr-defined]
        return list(getattr(self.proto, "options", []))

    @property
    def body(self) -> str:
        """Text of text, markdown and heading elements; an exception's message."""
        if self.kind in ("text", "markdown", "heading"):
            return str(self.proto.body)  # type: ignore[attr-defined]
        if self.kind == "exception":
            return f"{self.proto.type}: {self.proto.message}"  # type: ignore[attr-defined]
        return ""

    @property
    def value(self) -> object:
        """What the widget shows: a bool, options (see below), or None when empty.

        The server's value when it set one (``set_value``), else the default.
        Option widgets give option indices where their browser sends indices
        (``protocol.sends_labels``: selectbox and radio an ``int`` or None;
        multiselect and button_group a list of ints; slider, select_slider
        too, a list of floats), option labels where it sends labels
        (selectbox and radio a label or None; multiselect, select_slider and
        button_group a list of labels; a numeric slider still a list of
        floats).
        """
        if self.kind == "checkbox":
            p = self.proto
            return bool(p.value if p.set_value else p.default)  # type: ignore[attr-defined]
        if self.kind not in OPTION_WIDGETS:
            return None
        if protocol.sends_labels(self.kind):
            return self._labels_shown()
        return self._indices_shown()

    def _indices_shown(self) -> object:
        p = self.proto
        source = "value" if getattr(p, "set_value", False) else "default"
        if self.kind in ("selectbox", "radio"):
            return getattr(p, source) if p.HasField(source) else None
        return list(getattr(p, source))

    def _labels_shown(self) -> object:
        p = self.proto
        options = self.options
        is_set = bool(getattr(p, "set_value", False))
        if self.kind in ("selectbox", "radio"):
            if is_set:
                return p.raw_value if p.HasField("raw_value") else None  # type: ignore[attr-defined]
            if not options or not p.HasField("default"):
                return None
            return options[p.default]  # type: ignore[attr-defined]
        if self.kind == "slider" and not self.is_select_slider:
            return list(p.value if is_set else p.default)  # type: ignore[attr-defined]
        if is_set:
            field_name = "raw_value" if self.kind == "slider" else "raw_values"
            return list(getattr(p, field_name))
        # A default index the options lack is dropped, as the frontend does.
        defaults = [int(i) for i in p.default]  # type: ignore[attr-defined]
        return [options[i] for i in defaults if 0 <= i < len(options)]

    @property
    def is_select_slider(self) -> bool:
        """A slider over options (st.select_slider), not over numbers."""
        return self.kind == "slider" and bool(self.options)

    @property
    def multi(self) -> bool:
        """Whether the widget holds any number of options, not one (or a range)."""
        if self.kind == "button_group":
            multi = self.proto.ClickMode.MULTI_SELECT  # type: ignore[attr-defined]
            return bool(self.proto.click_mode == multi)  # type: ignore[attr-defined]
        return self.kind == "multiselect"


@dataclass(frozen=True)
class Page:
    """What the browser shows after a run: elements in document order."""

    elements: Tuple[Element, ...]

    def of_kind(self, kind: str) -> List[Element]:
        return [e for e in self.elements if e.kind == kind]

    @property
    def texts(self) -> List[str]:
        return [e.body for e in self.of_kind("text")]

    @property
    def markdown(self) -> List[str]:
        return [e.body for e in self.of_kind("markdown")]

    @property
    def exceptions(self) -> List[str]:
        return [e.body for e in self.of_kind("exception")]

    @property
    def widgets(self) -> List[Element]:
        return [e for e in self.elements if e.widget_id]

    def report(self) -> Dict[str, str]:
        """The ``name=value`` lines an app wrote with st.text."""
        lines = [t for t in self.texts if "=" in t]
        return dict(line.split("=", 1) for line in lines)

    def widget(self, label: str) -> Element:
        """The one widget with this label; a clear error when not exactly one."""
        found = [e for e in self.widgets if e.label == label]
        if len(found) != 1:
            shown = [e.label for e in self.widgets]
            raise LookupError(
                f"{len(found)} widgets labelled {label!r}; page has {shown}"
            )
        return found[0]


@dataclass
class _Node:
    kind: str  # "block" or an element kind
    proto: Message
    run_id: str
    fragment_id: str = ""


class Tree:
    """The frontend's element tree, fed ForwardMsgs one at a time."""

    def __init__(self) -> None:
        self._nodes: Dict[Path, _Node] = {}
        self.run_id = ""
        self.fragments: Tuple[str, ...] = ()  # what the run runs; () for all
        self.finished: List[int] = []  # script_finished statuses, in order

    def apply(self, msg: ForwardMsg) -> None:
        """Apply one (already resolved, not a ref_hash) ForwardMsg."""
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self.run_id = protocol.run_id(msg)
            self.fragments = protocol.fragment_ids(msg)
        elif kind == "delta":
            self._apply_delta(tuple(msg.metadata.delta_path), msg)
        elif kind == "script_finished":
            self.finished.append(msg.script_finished)
            if protocol.ends_run(msg):
                self._clear_stale()

    def _apply_delta(self, path: Path, msg: ForwardMsg) -> None:
        delta = msg.delta
        which = delta.WhichOneof("type")
        fragment = str(getattr(delta, "fragment_id", ""))
        if which == "new_element":
            element_kind = delta.new_element.WhichOneof("type") or "empty"
            inner = getattr(delta.new_element, element_kind)
            self._drop_descendants(path)
            self._nodes[path] = _Node(element_kind, inner, self.run_id, fragment)
        elif which == "add_block":
            self._nodes[path] = _Node("block", delta.add_block, self.run_id, fragment)
        # add_rows extends a data element, new_transient shows a passing
        # element (a spinner, a toast): nothing the tests read.

    def _drop_descendants(self, path: Path) -> None:
        for p in [
            p for p in self._nodes if len(p) > len(path) and p[: len(path)] == path
        ]:
            del self._nodes[p]

    def _clear_stale(self) -> None:
        """Drop what this run did not send; a fragment run only in its fragments."""
        stale = [
            p
            for p, n in self._nodes.items()
            if n.run_id != self.run_id
            and (not self.fragments or n.fragment_id in self.fragments)
        ]
        for p in stale:
            self._nodes.pop(p, None)
            self._drop_descendants(p)

    def page(self) -> Page:
        """A snapshot of the elements shown now (blocks are only structure)."""
        shown = [
            Element(path, node.kind, node.proto)
            for path, node in sorted(self._nodes.items())
            if node.kind != "block"
        ]
        return Page(tuple(shown))
