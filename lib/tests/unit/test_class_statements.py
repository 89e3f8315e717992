"""Marking the script's class statements (``class_statements``)."""

from __future__ import annotations

import ast
import sys
import textwrap

import pytest
from streamlit.class_identity import class_statements

# What the AST is made of differs between interpreters: run on every one.
pytestmark = pytest.mark.smoke

SCRIPT = """
import streamlit as st
from dataclasses import dataclass

@dataclass
class Point:
    x: int

    class Inner:
        pass

if st.session_state.get("fancy"):
    class Fancy:
        pass
else:
    class Plain:
        pass

try:
    class Tried:
        pass
except Exception:
    class Failed:
        pass

with open(__file__) as f:
    class Within:
        pass

for i in range(3):
    class Looped:
        pass

while False:
    class Waiting:
        pass

def make():
    class Local:
        pass
    return Local

async def amake():
    class AsyncLocal:
        pass
"""


def _marked(source: str) -> dict[str, bool]:
    tree = class_statements.mark(textwrap.dedent(source), "/app/script.py")
    return {
        node.name: any(_is_mark(d) for d in node.decorator_list)
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    }


def _is_mark(decorator: ast.expr) -> bool:
    return (
        isinstance(decorator, ast.Call)
        and isinstance(decorator.func, ast.Attribute)
        and decorator.func.attr == "defined"
    )


def test_statements_that_run_once_a_run_are_marked():
    marked = _marked(SCRIPT)
    once = ["Point", "Inner", "Fancy", "Plain", "Tried", "Failed", "Within"]
    assert {name for name in once if marked[name]} == set(once)


def test_statements_in_loops_and_functions_are_left_as_python_makes_them():
    marked = _marked(SCRIPT)
    assert not any(marked[n] for n in ("Looped", "Waiting", "Local", "AsyncLocal"))


@pytest.mark.only_where(sys.version_info >= (3, 10), reason="match (3.10+)")
def test_statements_in_a_match_case_are_marked():
    source = "match 1:\n    case 1:\n        class Matched:\n            pass\n"
    assert _marked(source) == {"Matched": True}


def test_the_mark_is_outermost_after_the_scripts_own_decorators():
    tree = class_statements.mark(SCRIPT, "/app/script.py")
    point = next(n for n in ast.walk(tree) if getattr(n, "name", "") == "Point")
    assert _is_mark(point.decorator_list[0])
    assert isinstance(point.decorator_list[1], ast.Name)  # @dataclass, as written


def test_the_mark_names_the_script_and_stands_where_the_class_does():
    tree = class_statements.mark("class A:\n    pass\n", "/app/my page.py")
    (node,) = tree.body
    (mark,) = node.decorator_list
    assert mark.args[0].value == "/app/my page.py"  # type: ignore[attr-defined]
    assert (mark.lineno, mark.col_offset) == (node.lineno, node.col_offset)


def test_a_tree_magic_made_is_marked_in_place():
    tree = ast.parse("class A:\n    pass\n")
    assert class_statements.mark(tree, "/app/script.py") is tree


def test_the_marked_tree_compiles_and_runs_outside_a_session_as_written():
    """No session runs the script here: each class stays as Python built it."""
    tree = class_statements.mark(
        SCRIPT.replace("open(__file__)", "open('/dev/null')"), "/app/script.py"
    )
    namespace: dict[str, object] = {"__name__": "__main__"}
    exec(compile(tree, "/app/script.py", "exec"), namespace)
    assert isinstance(namespace["Point"], type)


def test_a_syntax_error_raises_as_compile_raises_it():
    with pytest.raises(SyntaxError) as found:
        class_statements.mark("class :\n", "/app/broken.py")
    assert found.value.filename == "/app/broken.py"


def test_the_decorator_gives_back_what_is_no_class():
    """A class decorator of the script may return anything."""
    thing = object()
    assert class_statements.defined("/app/script.py")(thing) is thing
