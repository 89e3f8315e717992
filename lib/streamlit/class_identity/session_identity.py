"""What each session keeps for class identity, and the modes of its run.

Every session has a ``SessionIdentity`` (a field of its ``SessionState``):

- the modules its script runs in, newest first (the entrypoint, and the page
  file of ``st.navigation`` or a ``pages/`` folder), which the patched
  script runner and page record here at run start. A class of the script
  (module ``__main__``) is looked up there, never in
  ``sys.modules["__main__"]``, which every session's run overwrites. A
  fragment rerun runs no script, so it keeps the last full run's modules;
- the values of both config options, read once when a run starts
  (``RunModes``);
- the lineage of its classes (``kept_classes``): the class each class
  statement of its scripts bound last, which an unchanged statement gives
  again;
- which kept values were already brought up to date in this *generation*:
  a new generation starts when classes may have been redefined, that is
  when a class statement gave a new class in place of one whose objects
  the update moves (an edit), with every full run after a run that made
  such classes some other way (``namedtuple(...)``, ``Enum("Color", ...)``,
  ``type(...)``, a class statement inside a function), whenever
  ``sys.modules`` changed (a module Streamlit re-imported after an edit),
  and when the modes changed;
- the classes already warned about (one warning per session and class).
"""

from __future__ import annotations

import sys
from enum import Enum, EnumMeta
from types import BuiltinFunctionType, FunctionType, MethodType, ModuleType
from typing import Any, Callable, Container, Final

from streamlit.class_identity import shared_objects
from streamlit.class_identity.class_update import (
    REFUSED_MOVE,
    Move,
    every_object_in_reach,
    instances_left,
    move_every_instance,
    move_for,
)
from streamlit.class_identity.config_options import ENUMS, INSTANCES, RunModes
from streamlit.class_identity.correspondence import (
    Refusal,
    Verdict,
    class_module,
    ignore_refusal,
)
from streamlit.class_identity.kept_classes import ClassLineage
from streamlit.logger import get_logger

_LOGGER: Final = get_logger(__name__)


class Imports:
    """``sys.modules`` as last looked at, to tell whether any import, removal
    or re-import happened since: a re-imported module is inserted anew, at the
    end. The last module is held and compared as an object (held, so that a
    module imported anew cannot take the address of the one it replaces; at
    most one module outlives its removal, until the next look)."""

    __slots__ = ("count", "last", "module")

    def __init__(self) -> None:
        self.count = -1
        self.last: object = None
        self.module: object = _NOTHING

    def changed(self) -> bool:
        """Whether ``sys.modules`` changed since the last call (True at first)."""
        modules = sys.modules
        try:
            last: object = next(reversed(modules))
        except (StopIteration, RuntimeError):  # empty, or changed by a thread
            last = None
        module = modules.get(last)  # type: ignore[call-overload]
        # Every read of session state asks: the usual answer in few steps.
        if module is self.module and len(modules) == self.count and last == self.last:
            return False
        self.count, self.last, self.module = len(modules), last, module
        return True


_NOTHING: Final = object()  # what no sys.modules entry is


class SessionIdentity:
    """What class identity keeps for one session (see the module docstring).

    Slotted, and its containers small: session state's memory statistics
    (``SessionState.get_stats``) count it in every session.
    """

    __slots__ = (
        "fresh", "generation", "imports", "lineage", "made_classes", "modes",
        "modules", "rebuilt", "warned",
    )  # fmt: skip

    def __init__(self, modules: tuple[ModuleType, ...] = ()) -> None:
        self.modules = modules
        # The modes of the running run; None until a run (or a callback) reads them.
        self.modes: RunModes | None = None
        # (module, qualname) of the classes warned about -> None (a dict: small).
        self.warned: dict[tuple[str, str], None] = {}
        # key -> (generation, the value a read found current then).
        self.fresh: dict[str, tuple[int, Any]] = {}
        self.generation = 0
        # id of an immutable rebuilt by a read of this generation -> (it, its
        # replacement): one tuple under two keys becomes one new tuple.
        self.rebuilt: dict[int, tuple[Any, Any]] = {}
        self.lineage = ClassLineage()
        # Whether a run of the session's script made classes no class
        # statement handed to the lineage (sticky: session state may hold
        # objects of them from then on).
        self.made_classes = False
        self.imports = Imports()

    def __repr__(self) -> str:
        return (
            f"SessionIdentity(generation={self.generation}, warned={list(self.warned)})"
        )

    def run_modes(self) -> RunModes:
        """The modes of this run (read at its start; read now before any run)."""
        if self.modes is None:
            self.modes = RunModes.configured()
        return self.modes

    def start_run(self, module: ModuleType, full_run: bool) -> None:
        """A run of the session's script starts (``full_run``: not a fragment).

        Every run of every session calls this: few calls, the usual case first.
        """
        if full_run:
            if not self.made_classes:
                current = self.lineage.current
                for previous in self.modules:  # the last run's, now complete
                    if _made_classes(previous, current):
                        self.made_classes = True
                        break
            self.modules = (module,)
            self.lineage.start_run()
            if self.made_classes:
                self.new_generation()
        shared_objects.changed()  # a run may change what shared objects hold
        modes = RunModes.configured()  # one object per pair of values
        if modes is not self.modes:
            if self.modes is not None and modes.raw != self.modes.raw:
                self.new_generation()  # values are read under other rules now
            self.modes = modes

    def class_kept(
        self, path: str, meta: type, bases: tuple[type, ...], namespace: Any
    ) -> type | None:
        """The class an Enum class statement of the script at ``path`` binds
        for the body that ran now, without building one: the lineage's,
        where unchanged (``ClassLineage.kept``); else None."""
        modes = self.modes or self.run_modes()  # set when the run started
        return self.lineage.kept(path, meta, bases, namespace, modes)

    def class_defined(self, cls: type, path: str, body: tuple[str, ...] = ()) -> type:
        """The class a class statement of the script at ``path`` binds, for
        ``cls`` it just built (from ``body``, the names of an Enum class
        statement's body): the lineage's, kept where unchanged."""
        modes = self.modes or self.run_modes()  # set when the run started
        found = self.lineage.defined(cls, path, modes, body)
        if found.replaced:
            previous = found.previous
            if previous is None or not self._moved(previous, found.cls, path, modes):
                self.new_generation()  # kept values may hold objects to replace
        return found.cls

    def _moved(self, previous: type, cls: type, path: str, modes: RunModes) -> bool:
        """An edit made ``cls`` in place of ``previous``: move every instance
        of ``previous`` (and of earlier classes of the statement whose
        objects an edit before could not take) to it now, at once, where
        ``cls`` can hold what they hold, or warn once that it cannot. True
        when that is done, so that no kept value needs looking at again;
        False for Enum members and named tuples, which are replaced where
        they are held, by the update of kept values."""
        if isinstance(previous, EnumMeta) or issubclass(previous, tuple):
            return False
        instances = modes.reads[1]
        for earlier in self.lineage.earlier_classes(cls, path, previous):
            move = move_for(earlier, cls, instances)
            if isinstance(move, Move):
                if move_every_instance(earlier, move):
                    self.lineage.taken(cls, path, earlier)
                    continue
                move = Verdict(False, REFUSED_MOVE)
            if instances_left(earlier):
                self.warn_once(earlier, cls, move)
                self.lineage.leave_behind(cls, path, earlier)
        # Objects frozen out of the collector's reach (gc.freeze) were not
        # found: then kept values are looked at again, as after an Enum edit.
        return every_object_in_reach()

    def new_generation(self) -> None:
        """Classes may have been redefined: every value is walked again."""
        self.generation += 1
        self.rebuilt.clear()

    def walked(self, key: str, value: Any) -> bool:
        """``value`` was found current under ``key`` in this generation."""
        if self.imports.changed():
            self.new_generation()
            return False
        found = self.fresh.get(key)
        return found is not None and found[0] == self.generation and found[1] is value

    def warn_once(self, source: type, target: type, found: Verdict) -> None:
        """Log one WARNING per session and class for a refused coercion."""
        key = (source.__module__, source.__qualname__)
        if key in self.warned:
            return
        self.warned[key] = None
        enum = issubclass(source, Enum)
        choice, raw = (ENUMS, 0) if enum else (INSTANCES, 1)
        _LOGGER.warning(
            "%s coercion left a value of class %s (module %s) as it was: "
            "the class was redefined and %s (%s = %r).",
            "Enum" if enum else "Class",
            source.__qualname__,
            source.__module__,
            found.reason,
            choice.option,
            self.run_modes().raw[raw],
        )


def _made_classes(module: ModuleType, held: Container[type]) -> bool:
    """A script's (or page's) module holds a class it made that its lineage
    does not hold (no class statement of the module's body made it)."""
    values = vars(module).values()
    # Every run of every session asks. The usual module holds strings, None,
    # modules, functions and builtin containers only: one pass in C over a
    # set of types no class is an instance of.
    if _PLAIN.issuperset(map(type, values)):
        return False
    # The classes (values whose type is a metaclass: issubclass of the type,
    # no __class__ lookup, as isinstance makes for every non-class), less
    # those the lineage holds; what is left are mostly imported classes, told
    # apart by their module (``class_module``: no metaclass __getattr__).
    # A plain loop: a script has a few dozen globals, fewer than maps in C
    # would pay for.
    for value in values:
        if issubclass(type(value), type) and class_module(value) == "__main__":
            try:
                if value not in held:
                    return True
            except TypeError:  # unhashable (its metaclass's doing): never held
                return True
    return False


# Types whose instances are never classes: what a script's globals mostly are.
_PLAIN: Final = frozenset(
    {
        str, bytes, int, float, complex, bool, type(None), list, dict, tuple,
        set, frozenset, range, ModuleType, FunctionType, BuiltinFunctionType,
        MethodType,
    }
)  # fmt: skip


def identity_of(session_state: Any) -> SessionIdentity | None:
    """The identity a ``SessionState`` (or ``SafeSessionState``) holds."""
    state = getattr(session_state, "_state", session_state)
    return getattr(state, "_class_identity", None)


def running_identity() -> SessionIdentity | None:
    """The identity of the session whose script runs in this thread (None
    outside a script run, without Streamlit's missing-context warning)."""
    if not _RUN_CONTEXT:  # imported at first use: the runner imports this module
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        _RUN_CONTEXT.append(get_script_run_ctx)
    ctx = _RUN_CONTEXT[0](suppress_warning=True)
    if ctx is None:
        return None
    state = ctx.session_state
    return getattr(getattr(state, "_state", state), "_class_identity", None)


_RUN_CONTEXT: Final[list[Callable[..., Any]]] = []


def run_modes(identity: SessionIdentity | None) -> RunModes:
    """The modes of ``identity``'s run; the configured ones without a session."""
    if identity is None:
        return RunModes.configured()
    return identity.modes or identity.run_modes()  # set when the run started


def refusal_of(identity: SessionIdentity | None) -> Refusal:
    """Where a refused coercion is reported: the session's one warning per
    class, or nowhere outside a session."""
    return ignore_refusal if identity is None else identity.warn_once


# -- hooks: the script runner and Page.run --------------------------------------


def record_script_module(
    session_state: Any, module: ModuleType, *, full_run: bool = True
) -> None:
    """Record the module the session's script is about to run in.

    Called by the script runner after the widget callbacks and before the
    script body, so that callbacks resolve classes in the modules they were
    defined in, and the body in its own. A fragment rerun (``full_run``
    False) runs no script: the last full run's modules stay.
    """
    # identity_of, inline: every run of every session calls this (with a
    # SafeSessionState; a SessionState in tests), and the patched
    # SessionState always has its identity.
    getattr(session_state, "_state", session_state)._class_identity.start_run(
        module, full_run
    )


def record_page_module(session_state: Any, module: ModuleType) -> None:
    """Record a page file's module (``st.navigation``, ``pages/``), searched
    before the entrypoint's: the page runs inside the entrypoint's run."""
    identity = identity_of(session_state)
    if identity is not None:
        identity.modules = (module, *identity.modules)
