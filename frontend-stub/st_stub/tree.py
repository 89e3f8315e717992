"""The page a browser would show, rebuilt from a server's delta ForwardMsgs.

A ``Tree`` applies ``ForwardMsg``s the way the 1.28 frontend does: a
``new_session`` message starts a run, each ``delta`` puts an element or a
block at its ``delta_path``, and ``script_finished`` drops whatever the run
did not send again (stale nodes). ``Tree.page()`` freezes what is shown into
a ``Page`` of ``Element``s, in document order, that tests can read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Tuple

from google.protobuf.message import Message
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

Path = Tuple[int, ...]

# Element kinds that are widgets with options the user picks from.
OPTION_WIDGETS = ("selectbox", "radio", "multiselect", "slider")
WIDGETS = (*OPTION_WIDGETS, "button", "checkbox")


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
        """What the widget shows: option indices, a bool, or None when empty.

        The server's ``value`` when it set one (``set_value``), else ``default``.
        Selectbox and radio give an ``int`` or None; multiselect a list of
        ints; slider (and select_slider, over option indices) a list of floats.
        """
        p = self.proto
        use_value = bool(getattr(p, "set_value", False))
        source = "value" if use_value else "default"
        if self.kind in ("selectbox", "radio"):
            return getattr(p, source) if p.HasField(source) else None
        if self.kind in ("multiselect", "slider"):
            return list(getattr(p, source))
        if self.kind == "checkbox":
            return bool(getattr(p, source))
        if self.kind == "button":
            return False
        return None


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


class Tree:
    """The frontend's element tree, fed ForwardMsgs one at a time."""

    def __init__(self) -> None:
        self._nodes: Dict[Path, _Node] = {}
        self.run_id = ""
        self.finished: List[int] = []  # script_finished statuses, in order

    def apply(self, msg: ForwardMsg) -> None:
        """Apply one (already resolved, not a ref_hash) ForwardMsg."""
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self.run_id = msg.new_session.script_run_id
        elif kind == "delta":
            self._apply_delta(tuple(msg.metadata.delta_path), msg)
        elif kind == "script_finished":
            self.finished.append(msg.script_finished)
            if msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                self._clear_stale()

    def _apply_delta(self, path: Path, msg: ForwardMsg) -> None:
        delta = msg.delta
        which = delta.WhichOneof("type")
        if which == "new_element":
            element_kind = delta.new_element.WhichOneof("type") or "empty"
            inner = getattr(delta.new_element, element_kind)
            self._drop_descendants(path)
            self._nodes[path] = _Node(element_kind, inner, self.run_id)
        elif which == "add_block":
            self._nodes[path] = _Node("block", delta.add_block, self.run_id)
        # add_rows / arrow_add_rows extend data elements: nothing to show here.

    def _drop_descendants(self, path: Path) -> None:
        for p in [
            p for p in self._nodes if len(p) > len(path) and p[: len(path)] == path
        ]:
            del self._nodes[p]

    def _clear_stale(self) -> None:
        stale = [p for p, n in self._nodes.items() if n.run_id != self.run_id]
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
