"""The script's class statements, each handing its class to the session's lineage.

Streamlit compiles the app script (and each page file) once per process and
runs the code anew on every rerun, so every class statement builds a new
class object every run. Here the compiled tree gets one more decorator on
each class statement, outermost, so that it sees the class *after* the
script's own decorators (``@dataclass(slots=True)`` and attrs build a class
anew): the decorator (``defined``) hands the class to the running session's
lineage (``kept_classes``), which answers the previous run's class object,
brought up to date in place, where the class is unchanged.

Only statements that run once per run are marked: those of the module body,
of ``if``/``try``/``with``/``match`` blocks in it, and of class bodies
(nested classes). A class statement inside a function or a loop makes a new
class on every call or pass, which a script may mean (a class per call), so
those are left as Python makes them.

The mark is the same for every session and every mode (the script cache is
shared); what a statement does with it is decided when it runs.
"""

from __future__ import annotations

import ast
from functools import lru_cache, partial
from typing import Any, Callable, Final, Union

from streamlit.class_identity.session_identity import running_identity

# The module the marked statements import their decorator from, and its name.
_MODULE: Final = __name__
_FUNCTION: Final = "defined"

# Statements whose bodies run once when the statement runs once.
_ONCE: Final = (
    ast.If,
    ast.Try,
    ast.With,
    ast.ClassDef,
    *(getattr(ast, name) for name in ("TryStar", "Match") if hasattr(ast, name)),
)


def mark(source: Union[str, bytes, ast.Module], path: str) -> ast.Module:
    """The script's tree with each class statement that runs once per run
    decorated by ``defined(path)`` (outermost).

    ``source`` is what upstream's script cache compiles: the file's text, or
    the tree that magic made of it. A syntax error raises as ``compile``
    would raise it.
    """
    tree = source if isinstance(source, ast.Module) else ast.parse(source, path)
    for statement in _class_statements(tree.body):
        statement.decorator_list.insert(0, _decorator(statement, path))
    return tree


def _class_statements(body: list[ast.stmt]) -> list[ast.ClassDef]:
    """The class statements of ``body`` and of the blocks that run once with it."""
    found: list[ast.ClassDef] = []
    stack = [body]
    while stack:
        for statement in stack.pop():
            if isinstance(statement, ast.ClassDef):
                found.append(statement)
            if isinstance(statement, _ONCE):
                stack.extend(_blocks(statement))
    return found


def _blocks(statement: ast.stmt) -> list[list[ast.stmt]]:
    """The statement lists directly inside ``statement``."""
    blocks = []
    for name in ("body", "orelse", "finalbody"):
        block = getattr(statement, name, None)
        if block:
            blocks.append(block)
    for handler in getattr(statement, "handlers", ()):
        blocks.append(handler.body)
    for case in getattr(statement, "cases", ()):
        blocks.append(case.body)
    return blocks


def _decorator(statement: ast.ClassDef, path: str) -> ast.expr:
    """``__import__(<this module>).<the attributes down to it>.defined(<path>)``
    (the import of a loaded module, found in C), at the statement's own
    position (a traceback through it points at the class)."""
    found: ast.expr = ast.Call(
        func=ast.Name(id="__import__", ctx=ast.Load()),
        args=[ast.Constant(value=_MODULE)],
        keywords=[],
    )
    for name in [*_MODULE.split(".")[1:], _FUNCTION]:
        found = ast.Attribute(value=found, attr=name, ctx=ast.Load())
    call = ast.Call(func=found, args=[ast.Constant(value=path)], keywords=[])
    anchor = statement.decorator_list[0] if statement.decorator_list else statement
    for node in ast.walk(call):
        ast.copy_location(node, anchor)
        node.end_lineno = anchor.lineno  # type: ignore[attr-defined]
        node.end_col_offset = anchor.col_offset  # type: ignore[attr-defined]
    return call


@lru_cache(maxsize=None)
def defined(path: str) -> Callable[[Any], Any]:
    """The decorator of the class statements of the script at ``path``: made
    once per script file, so that every run finds it in C, and a statement
    costs one call of ours (``hand_over``)."""
    return partial(hand_over, path)


def hand_over(path: str, cls: Any) -> Any:
    """Hand a class just built by a statement of the script at ``path`` to the
    session whose script runs in this thread; outside a session run, or for
    what is not a class (a decorator that returned something else), as is."""
    identity = running_identity()
    if identity is None or not isinstance(cls, type):
        return cls
    return identity.class_defined(cls, path)
