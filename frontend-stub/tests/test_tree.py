"""The stub's element tree applies ForwardMsgs as the frontend does.

Tests of the server path read pages through this tree, so a wrong tree
would make them pass or fail for reasons that are not the server's. The
messages are built with the installed release's protobufs: 1.28.2 names a
run in ``new_session.script_run_id``, 1.67.0 in ``metadata.run``.
"""

from __future__ import annotations

from typing import Sequence

import pytest
from st_stub import protocol
from st_stub.tree import Tree
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

fragments_only = pytest.mark.only_where(
    protocol.RUN_ID_IN_METADATA, reason="a release with fragment runs"
)


def new_session(run_id: str, fragments: Sequence[str] = ()) -> ForwardMsg:
    msg = ForwardMsg()
    msg.new_session.page_script_hash = "page"
    if protocol.RUN_ID_IN_METADATA:
        msg.metadata.run.script_run_id = run_id
        msg.metadata.run.fragment_ids[:] = list(fragments)
    else:
        msg.new_session.script_run_id = run_id
    return msg


def text(path: Sequence[int], body: str, fragment: str = "") -> ForwardMsg:
    msg = ForwardMsg()
    msg.metadata.delta_path[:] = list(path)
    msg.delta.new_element.text.body = body
    if fragment:
        msg.delta.fragment_id = fragment
    return msg


def block(path: Sequence[int]) -> ForwardMsg:
    msg = ForwardMsg()
    msg.metadata.delta_path[:] = list(path)
    msg.delta.add_block.vertical.SetInParent()
    return msg


def finished(status: int = ForwardMsg.FINISHED_SUCCESSFULLY) -> ForwardMsg:
    msg = ForwardMsg()
    msg.script_finished = status  # type: ignore[assignment]
    return msg


def feed(tree: Tree, *msgs: ForwardMsg) -> Tree:
    for m in msgs:
        tree.apply(m)
    return tree


def test_new_session_starts_the_run_its_message_names() -> None:
    """The run id is read where this release puts it."""
    tree = feed(Tree(), new_session("run-7"))
    assert tree.run_id == "run-7"


def test_elements_are_read_in_document_order() -> None:
    """Reports are read top to bottom; order must follow delta paths."""
    tree = feed(Tree(), new_session("a"), text([0, 1], "b"), text([0, 0], "a"))
    assert tree.page().texts == ["a", "b"]


def test_finished_run_drops_elements_it_did_not_send_again() -> None:
    """A line the script no longer writes must vanish, as in the browser."""
    tree = feed(Tree(), new_session("a"), text([0, 0], "x"), text([0, 1], "y"))
    feed(tree, finished(), new_session("b"), text([0, 0], "x2"), finished())
    assert tree.page().texts == ["x2"]


def test_run_interrupted_for_rerun_keeps_the_page() -> None:
    """FINISHED_EARLY_FOR_RERUN is not an end of run: nothing is cleared yet."""
    tree = feed(Tree(), new_session("a"), text([0, 0], "x"), finished())
    feed(tree, new_session("b"), finished(ForwardMsg.FINISHED_EARLY_FOR_RERUN))
    assert tree.page().texts == ["x"]


def test_stale_block_takes_its_children_along() -> None:
    """Elements inside a container that the run dropped are gone too."""
    tree = feed(Tree(), new_session("a"), block([0, 0]), text([0, 0, 0], "in"))
    feed(tree, finished(), new_session("b"), text([0, 1], "out"), finished())
    assert tree.page().texts == ["out"]


def test_element_replacing_a_block_removes_the_block_children() -> None:
    """An element has no children: what was inside the old block is gone."""
    tree = feed(Tree(), new_session("a"), block([0, 0]), text([0, 0, 0], "in"))
    feed(tree, text([0, 0], "now"))
    assert tree.page().texts == ["now"]


@fragments_only
def test_fragment_run_keeps_what_is_outside_its_fragment() -> None:
    """A fragment rerun resends only its fragment; the rest of the page stays."""
    tree = feed(
        Tree(), new_session("a"), text([0, 0], "outside"), text([0, 1], "f1", "F")
    )
    feed(tree, finished(), new_session("b", ["F"]), text([0, 1], "f2", "F"))
    feed(tree, finished(ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY))
    assert tree.page().texts == ["outside", "f2"]


@fragments_only
def test_fragment_run_drops_its_own_stale_elements() -> None:
    """Inside the fragment that ran, what it did not send again is gone."""
    tree = feed(Tree(), new_session("a"), text([0, 0], "f1", "F"))
    feed(tree, text([0, 1], "f-extra", "F"), finished())
    feed(tree, new_session("b", ["F"]), text([0, 0], "f2", "F"))
    feed(tree, finished(ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY))
    assert tree.page().texts == ["f2"]


def test_report_reads_name_value_lines() -> None:
    """Test apps report what they observe as ``name=value`` text lines."""
    tree = feed(Tree(), new_session("a"), text([0, 0], "current=True"))
    feed(tree, text([0, 1], "no equals sign"), text([0, 2], "names=A,B=C"))
    assert tree.page().report() == {"current": "True", "names": "A,B=C"}


def test_widget_lookup_by_label_refuses_a_missing_label() -> None:
    """A test that names a widget the page lacks must say so, not guess."""
    tree = feed(Tree(), new_session("a"), text([0, 0], "x"))
    with pytest.raises(LookupError, match="0 widgets labelled 'Color'"):
        tree.page().widget("Color")
