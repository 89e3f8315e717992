"""A session's classes, kept from run to run where a class statement is unchanged.

Every rerun runs the script's class statements anew, and Python builds a new
class object for each. Where the class a statement built has the layout of
the one the session's previous run bound to the same name (same script file
and qualified name; ``correspondence.keep_verdict``), the statement gives
the previous class instead, brought up to date in place
(``class_update.update_class``): methods and class attributes from the new
body, members and instances as they were. So every member and instance the
session keeps (in session state, in widget values, in defaults, in cached
objects) is of the current class without being touched.

An edit that only adds fields to a dataclass (each with a default) keeps
the class too: its objects are given the new fields, and the class the new
body (``class_update.edit_in_place``). Any other statement whose class
changed its layout (an edit) gives the new class, and says which class it
replaced (``Defined``): the session moves the instances of a data class
there and then, all at once, and replaces Enum
members and named tuples where its kept values hold them, on their next
reads (a new generation: ``session_identity``). Objects the new class cannot
hold stay as they were; the lineage remembers their class, so that a later
edit that can hold them moves them.

Each session has a lineage of its own: sessions never share classes, as
they never shared them on stock Streamlit.
"""

from __future__ import annotations

import weakref
from enum import EnumMeta
from typing import Any, Final, Mapping, NamedTuple, Tuple

from streamlit.class_identity import fields
from streamlit.class_identity.class_update import (
    edit_in_place,
    update_class,
    update_from_enum_body,
)
from streamlit.class_identity.config_options import RunModes
from streamlit.class_identity.correspondence import keep_body_verdict, keep_verdict
from streamlit.logger import get_logger

_LOGGER: Final = get_logger(__name__)

# (script file, qualified name) of a class statement.
Key = Tuple[str, str]


class Defined(NamedTuple):
    """What a class statement gave; whether it replaced a class whose objects
    the update of kept values moves (the session then starts a new
    generation: its kept values are looked at again); and the class it
    replaced, where an earlier run bound it (an edit), else None."""

    cls: type
    replaced: bool
    previous: type | None = None


class ClassLineage:
    """The class each class statement of a session's scripts bound last.

    Slotted and small: session state's memory statistics count it.
    """

    __slots__ = ("bodies", "classes", "current", "left_behind", "repeated", "this_run")

    def __init__(self) -> None:
        # Each container is made when first needed: a session whose script
        # defines no class keeps none (session state's statistics count it).
        self.classes: dict[Key, type] | None = None
        # The classes held: an object of one of these is current.
        self.current: set[type] | frozenset[type] = _NONE
        # Statements that ran in the running run, and those that ran twice
        # in one run (a class defined twice under one name): never kept.
        self.this_run: set[Key] | None = None
        self.repeated: set[Key] | None = None
        # Earlier classes of a statement whose objects an edit could not move
        # (the class of that edit could not hold them): a later edit may.
        self.left_behind: dict[Key, weakref.WeakSet[type]] | None = None
        # The names the body of an Enum class statement defined when it
        # bound its class last (``kept``: a body with other names is built).
        self.bodies: dict[Key, tuple[str, ...]] | None = None

    def __repr__(self) -> str:
        return f"ClassLineage({len(self.classes or ())} classes)"

    def start_run(self) -> None:
        """A full run of the session's script starts."""
        if self.this_run:
            self.this_run.clear()

    def kept(
        self,
        path: str,
        meta: type,
        bases: tuple[type, ...],
        namespace: Mapping[str, Any],
        modes: RunModes,
    ) -> type | None:
        """The class an Enum class statement of ``path`` gives for the body
        that ran now (``namespace``), before any class is built: the class
        it bound in an earlier run, brought up to date in place, where the
        body has the names of the body that bound it then and keeps its
        layout (``keep_body_verdict``); else None, and the statement builds
        its class (``defined``)."""
        bodies = self.bodies
        if not bodies:
            return None
        key = (path, namespace.get("__qualname__", ""))
        body = bodies.get(key)  # never a statement that ran twice in a run
        assert self.classes is not None and self.this_run is not None
        if body is None or key in self.this_run or tuple(namespace) != body:
            return None
        previous = self.classes[key]
        members = keep_body_verdict(previous, meta, bases, namespace, modes.reads[0])
        if members is None or not update_from_enum_body(previous, namespace, members):
            return None
        self.this_run.add(key)
        return previous

    def defined(
        self, cls: type, path: str, modes: RunModes, body: tuple[str, ...] = ()
    ) -> Defined:
        """The class a statement of ``path`` gives for ``cls``, just built
        (by ``body``, the names its Enum class statement's body defined)."""
        key = (path, cls.__qualname__)
        if self.classes is None:
            self.classes, self.current, self.this_run = {}, set(), set()
        assert self.this_run is not None
        earlier_run = key not in self.this_run
        if not earlier_run:
            self.repeated = self.repeated or set()
            self.repeated.add(key)
        self.this_run.add(key)
        repeated = self.repeated is not None and key in self.repeated
        if body and not repeated:
            self.bodies = self.bodies or {}
            self.bodies[key] = body
        elif self.bodies:
            self.bodies.pop(key, None)
        previous = self.classes.get(key)
        if previous is None or previous is cls:
            self._hold(key, previous, cls)
            return Defined(cls, False)
        enums, instances = modes.reads
        if not repeated:
            if keep_verdict(previous, cls, enums, instances).ok:
                try:
                    update_class(previous, cls)
                except Exception:  # a descriptor refusing its new owner: new class
                    _LOGGER.debug("Class %s not kept", cls.__qualname__, exc_info=True)
                else:
                    return Defined(previous, False)
            elif not (self.left_behind or {}).get(key) and edit_in_place(
                previous, cls, instances
            ):
                return Defined(previous, False)
        self._hold(key, previous, cls)
        return Defined(
            cls, _moved_by_updates(previous, modes), previous if earlier_run else None
        )

    def earlier_classes(self, cls: type, path: str, previous: type) -> list[type]:
        """The classes whose objects an edit that made ``cls`` (in place of
        ``previous``) moves: ``previous``, and those left behind before."""
        left = (self.left_behind or {}).get((path, cls.__qualname__))
        return [previous, *(c for c in left or () if c is not previous)]

    def leave_behind(self, cls: type, path: str, earlier: type) -> None:
        """Objects of ``earlier`` stay where ``cls`` could not take them."""
        key = (path, cls.__qualname__)
        self.left_behind = self.left_behind or {}
        self.left_behind.setdefault(key, weakref.WeakSet()).add(earlier)

    def taken(self, cls: type, path: str, earlier: type) -> None:
        """Every object of ``earlier`` is now of ``cls`` (or none is left)."""
        left = (self.left_behind or {}).get((path, cls.__qualname__))
        if left is not None:
            left.discard(earlier)

    def _hold(self, key: Key, previous: type | None, cls: type) -> None:
        assert self.classes is not None and isinstance(self.current, set)
        if previous is not None:
            self.current.discard(previous)
        self.classes[key] = cls
        self.current.add(cls)


_NONE: Final[frozenset[type]] = frozenset()


def _moved_by_updates(cls: type, modes: RunModes) -> bool:
    """Whether the update of kept values moves objects of ``cls`` (so a class
    replacing it means kept values may hold objects to move)."""
    enums, instances = modes.reads
    if isinstance(cls, EnumMeta):
        return enums is not None
    return fields.layout(cls, instances) is not None
