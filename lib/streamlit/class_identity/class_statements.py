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

An undecorated class statement whose bases are named as Enum classes are
(``class Color(Enum)``, ``class Size(str, enum.Enum)``, ``class Perm(IntFlag)``:
a base whose name ends in ``Enum`` or ``Flag``) is marked otherwise, by a
``metaclass=`` keyword (``statement``): the object it names prepares the
body's namespace as the class's metaclass would, and where the body that ran
has the names and member values of the body that bound the kept class, it
hands back the kept class, brought up to date in place, without building a
class at all (the enum machinery is the most of what an unchanged Enum class
statement costs a rerun); otherwise it builds the class with the metaclass
the bases give and hands it over as the decorator does. Which statements
get which mark is decided from the tree alone: a statement whose bases are
named otherwise is decorated, and kept as well, only built every run.

The mark is the same for every session and every mode (the script cache is
shared); what a statement does with it is decided when it runs.
"""

from __future__ import annotations

import ast
from functools import lru_cache, partial
from typing import Any, Callable, Final, Union

from streamlit.class_identity.session_identity import running_identity

# The module the marked statements import their marks from, and their names.
_MODULE: Final = __name__
_FUNCTION: Final = "defined"
_METACLASS: Final = "statement"
# How the names of the bases of an Enum class statement end (Enum, IntEnum,
# StrEnum, ReprEnum, Flag, IntFlag, and an app's own bases named so).
_ENUM_NAMES: Final = ("Enum", "Flag")

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
        if _is_enum_statement(statement):
            metaclass = _call(_METACLASS, path, statement)
            keyword = ast.copy_location(ast.keyword("metaclass", metaclass), metaclass)
            keyword.end_lineno = metaclass.end_lineno  # type: ignore[attr-defined]
            keyword.end_col_offset = metaclass.end_col_offset  # type: ignore[attr-defined]
            statement.keywords.append(keyword)
        else:
            statement.decorator_list.insert(0, _call(_FUNCTION, path, statement))
    return tree


def _is_enum_statement(statement: ast.ClassDef) -> bool:
    """Whether ``statement`` is ``class Name(<bases>):`` alone (no decorator,
    no keyword, no type parameter), its bases plain names or attributes, one
    of them named as an Enum class is (``_ENUM_NAMES``)."""
    if statement.decorator_list or statement.keywords or not statement.bases:
        return False
    if getattr(statement, "type_params", None):
        return False
    names = [_last_name(base) for base in statement.bases]
    return None not in names and any(n.endswith(_ENUM_NAMES) for n in names)  # type: ignore[union-attr]


def _last_name(node: ast.expr) -> str | None:
    """``Enum`` of ``Enum`` and of ``enum.Enum``; None for other expressions."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and _last_name(node.value) is not None:
        return node.attr
    return None


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


def _call(function: str, path: str, statement: ast.ClassDef) -> ast.expr:
    """``__import__(<this module>).<the attributes down to it>.<function>(<path>)``
    (the import of a loaded module, found in C), at the statement's own
    position (a traceback through it points at the class)."""
    found: ast.expr = ast.Call(
        func=ast.Name(id="__import__", ctx=ast.Load()),
        args=[ast.Constant(value=_MODULE)],
        keywords=[],
    )
    for name in [*_MODULE.split(".")[1:], function]:
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


@lru_cache(maxsize=None)
def statement(path: str) -> EnumStatement:
    """The ``metaclass=`` of the Enum class statements of the script at
    ``path``: made once per script file."""
    return EnumStatement(path)


class EnumStatement:
    """What an Enum class statement of a script names as its metaclass: it
    prepares the body's namespace as the metaclass its bases give would, and
    gives the kept class for an unchanged body (``SessionIdentity.class_kept``)
    or else the class that metaclass builds, handed over as ``hand_over``
    does. ``__build_class__`` asks an object that is not a class for
    ``__prepare__`` and calls it, as it would a metaclass."""

    __slots__ = ("path",)

    def __init__(self, path: str) -> None:
        self.path = path

    def __repr__(self) -> str:
        return f"EnumStatement({self.path!r})"

    def __prepare__(self, name: str, bases: tuple[type, ...], **kwds: Any) -> Any:
        return metaclass_of(bases).__prepare__(name, bases, **kwds)

    def __call__(
        self, name: str, bases: tuple[type, ...], namespace: Any, **kwds: Any
    ) -> Any:
        meta = metaclass_of(bases)
        identity = running_identity()
        if identity is None:
            return meta(name, bases, namespace, **kwds)
        if not kwds:
            kept = identity.class_kept(self.path, meta, bases, namespace)
            if kept is not None:
                return kept
        body = tuple(namespace)  # before the metaclass changes the namespace
        cls = meta(name, bases, namespace, **kwds)
        if not isinstance(cls, type):
            return cls
        return identity.class_defined(cls, self.path, body)


def metaclass_of(bases: tuple[type, ...]) -> type:
    """The metaclass Python gives a class statement with ``bases`` and no
    ``metaclass=`` (``__build_class__``): the most derived of their
    metaclasses, with the TypeError it raises where none is."""
    winner = type(bases[0]) if bases else type
    for base in bases:
        kind = type(base)
        if issubclass(winner, kind):
            continue
        if issubclass(kind, winner):
            winner = kind
            continue
        raise TypeError(
            "metaclass conflict: the metaclass of a derived class must be a "
            "(non-strict) subclass of the metaclasses of all its bases"
        )
    return winner
