"""A class was redefined: find the current one, and point what we hold at it.

A Streamlit script defines its classes anew on every run, so a value that
outlives a run (in ``st.session_state``) holds objects of an *earlier* run's
classes. As IPython's ``autoreload`` does for edited modules, this module
finds the class that now stands under the same module and ``__qualname__``
(``find_current_class``) and brings a value up to date
(``CurrentClasses.update``):

- an Enum member becomes the current class's member of the same name (a
  Flag value, the same bits), under the rules of ``runner.enumCoercion``
  (``members``);
- an instance of a data class (dataclass, ``typing.NamedTuple``,
  ``collections.namedtuple``; with ``runner.instanceCoercion = "allClasses"``
  also a plain class) becomes an instance of the current class *in place*,
  by ``__class__`` assignment, when both classes have the same field names
  (``fields``); its fields are brought up to date too.

Whether an old class may stand for the current one is
``correspondence``'s to say; this module finds the classes and updates
the objects.

Nothing is copied that can be changed in place. Lists, dicts (and every dict
subclass), sets, deques and the fields of objects are changed item by item,
only where an item changes; tuples, frozensets and named tuples are rebuilt
only when an item must be replaced, once per original object, so every place
that held the old one holds the same new one. So after a walk, every alias,
every ``is`` relation and every cycle is as it was before, and a mutation the
app makes afterwards is seen wherever the object is held. The walk keeps its
own stack: no depth limit, no recursion.

Plain data costs next to nothing: ``_holds_redefined`` first looks, level by
level and in C (``gc.get_referents``, ``map(type, ...)``), for any object of a
redefined class. Containers the garbage collector does not track hold only
atoms (every Enum member and every instance of a Python class is tracked), so
they are passed over whole.

Script classes (module ``__main__``) are looked up in the modules the
session's script runs in (the entrypoint and the page file, newest first),
never in ``sys.modules["__main__"]``, which every session's run overwrites;
any other module in ``sys.modules`` (a module Streamlit re-imported after an
edit). Objects of classes nobody redefined are left untouched, and so are
objects every session shares (``shared``: what ``st.cache_resource`` returned).
"""

from __future__ import annotations

import gc
import operator
import sys
import types
from collections import Counter, OrderedDict, defaultdict, deque
from enum import Enum, EnumMeta
from itertools import chain, compress, repeat
from types import ModuleType
from typing import (
    Any,
    Callable,
    Container,
    Final,
    Iterable,
    Mapping,
    NamedTuple,
    Sequence,
)

from streamlit.class_identity import fields
from streamlit.class_identity.config_options import InstanceMode, Mode
from streamlit.class_identity.correspondence import (
    Refusal,
    Verdict,
    class_namespace,
    edit_in_place_verdict,
    enum_verdict,
    layout_verdict,
    subclasses,
)
from streamlit.class_identity.members import (
    flag_refusal,
    is_enum_class,
    members_if_allowed,
    remap_by_name,
)
from streamlit.class_identity.shared_objects import is_shared, shared_ids
from streamlit.logger import get_logger

_LOGGER: Final = get_logger(__name__)

# Values that hold no objects of user classes: never walked.
ATOMS: Final = frozenset(
    {str, int, float, bool, type(None), bytes, complex, range, bytearray}
)

# What an object is to the walk, decided once per class (``CurrentClasses._kind``).
ATOM: Final = "atom"  # holds nothing of ours
LEAF: Final = "leaf"  # an object of a class we neither move nor look into
MEMBER: Final = "member"  # an Enum member
LIST: Final = "list"  # list and its subclasses: changed in place
DEQUE: Final = "deque"  # collections.deque and its subclasses: in place
MAPPING: Final = "mapping"  # dict and every dict subclass: in place
SET: Final = "set"  # set and its subclasses: in place
TUPLE: Final = "tuple"  # exactly tuple: rebuilt when an item changes
FROZENSET: Final = "frozenset"  # exactly frozenset: rebuilt likewise
RECORD: Final = "record"  # a named tuple class: moved or rebuilt
OBJECT: Final = "object"  # an instance whose fields we know: moved in place
SEALED: Final = "sealed"  # other tuple/frozenset subclasses: looked into only

_IN_PLACE: Final = frozenset({LIST, DEQUE, MAPPING, SET, OBJECT})
# What the walk looks into (finds more objects in).
_LOOK_INTO: Final = frozenset(
    {LIST, DEQUE, MAPPING, SET, TUPLE, FROZENSET, RECORD, OBJECT, SEALED}
)
_REBUILT: Final = frozenset({TUPLE, FROZENSET, RECORD})
_CLASSES: Final = frozenset({MEMBER, RECORD, OBJECT})  # may be redefined

# How the walk iterates a container, past any override in a subclass.
_ITEMS: Final[dict[str, Callable[[Any], Iterable[Any]]]] = {
    LIST: list.__iter__,
    DEQUE: deque.__iter__,
    SET: set.__iter__,
    TUPLE: tuple.__iter__,
    RECORD: tuple.__iter__,
    FROZENSET: frozenset.__iter__,
}

# A deque has no cheap item assignment far from its ends: with more changes
# than this it is refilled in one pass.
_DEQUE_BY_ITEM: Final = 32


def find_current_class(
    cls: type,
    modules: Sequence[ModuleType] | ModuleType | None,
    accept: Callable[[object], bool] = is_enum_class,
) -> type | None:
    """The class that now stands under ``cls``'s module and qualname, if any.

    ``modules`` are the session's script modules, newest first: a class of
    module ``__main__`` is looked up in each in turn; any other module is
    looked up in ``sys.modules``. ``accept`` says what may be found there
    (an Enum class, by default).
    """
    qualname = cls.__qualname__
    if "<locals>" in qualname:
        return None
    name = cls.__module__
    if name == "__main__":
        if isinstance(modules, ModuleType):
            modules = (modules,)
        namespaces: Sequence[Any] = modules or ()
    else:
        namespaces = (sys.modules.get(name),)
    for namespace in namespaces:
        found = _lookup(namespace, qualname)
        if found is not None and accept(found):
            return found  # type: ignore[return-value]
    return None


def _lookup(namespace: Any, qualname: str) -> object | None:
    for part in qualname.split("."):
        if namespace is None:
            return None
        try:
            namespace = vars(namespace).get(part)
        except TypeError:
            return None
    return namespace


def is_class(obj: object) -> bool:
    return isinstance(obj, type)


class Move(NamedTuple):
    """Where instances of a redefined class move: the current class, the
    fields the old class had, and how the current one fills in those it adds."""

    target: type
    names: tuple[str, ...]
    added: Mapping[str, Callable[[Any], Any]]


def move_for(source: type, target: type, instances: InstanceMode) -> Move | Verdict:
    """How instances of ``source`` move to ``target`` (its redefinition), or
    the refusal saying why they cannot."""
    old = fields.layout(source, instances)
    new = fields.layout(target, instances)
    if old is None:
        return Verdict(False, "its fields are not known in this mode")
    verdict = layout_verdict(old, new)
    if not verdict.ok:
        return verdict
    added = [name for name in new.names if name not in old.names]  # type: ignore[union-attr]
    return Move(target, old.names, fields.filled_in(target, new, added))  # type: ignore[arg-type]


def instances_left(source: type) -> list[Any]:
    """Every object of ``source`` there is, but what every session shares:
    found by the reference each holds to its class, in one pass over the
    heap in C (where a walk of what refers to them would take many)."""
    (found,) = objects_of((source,))
    shared = shared_ids()
    if shared:
        found = [obj for obj in found if id(obj) not in shared]
    return found


def objects_of(classes: Sequence[type]) -> list[list[Any]]:
    """The objects of each of ``classes`` (of exactly that class), found by
    the reference each holds to its class, in one pass over the heap in C."""
    if len(classes) == 1:
        (cls,) = classes
        # A comprehension: half the time of compress() over two maps, on 3.11+.
        return [[obj for obj in gc.get_referrers(cls) if type(obj) is cls]]
    found: dict[type, list[Any]] = {cls: [] for cls in classes}
    for obj in gc.get_referrers(*classes):
        objs = found.get(type(obj))
        if objs is not None:
            objs.append(obj)
    return list(found.values())


def move_every_instance(source: type, move: Move) -> bool:
    """Move every object of ``source`` (``instances_left``) as ``move`` says,
    at once: the instances a class edit leaves behind. False where Python
    refuses, and then each is as it was."""
    return fields.move_all(instances_left(source), move.target, move.added)


# Objects out of the collector's reach before any script ran (3.12.1 starts
# with 375 of the interpreter's own): no instance of a script class is
# among them. More than these: gc.freeze() ran since, and may hide some.
_FROZEN_BEFORE_SCRIPTS: Final = gc.get_freeze_count()


def every_object_in_reach() -> bool:
    """Whether ``gc.get_referrers`` finds every object of a script class: no
    ``gc.freeze()`` has put objects out of the collector's reach since."""
    return gc.get_freeze_count() <= _FROZEN_BEFORE_SCRIPTS


def edit_in_place(old: type, new: type, instances: InstanceMode) -> bool:
    """Bring ``old`` up to date in place with ``new``, the class an edit of
    its fields built, where ``correspondence.edit_in_place_verdict`` allows
    it: each object of ``old`` gets the fields ``new`` adds (its default; a
    new object from a factory for each), then ``old`` takes ``new``'s body
    (``update_class``). True when done: the statement gives ``old``, and no
    object changed its class. A class assignment would give each object a
    dict of its own on 3.11+ (its attributes were kept inline, tied to the
    class): twice the time, and as many new objects for the collector.

    The objects of a subclass that inherits its fields from ``old`` get them
    too (its statement, where it runs again, then keeps it as unchanged).
    False, with nothing changed, where an object of ``old`` may be out of
    reach (``every_object_in_reach``) or is shared (what a resource cache
    handed out: ``shared_objects``), or a default cannot be made: then
    ``new`` stands, and the objects move to it as they can.
    """
    if not edit_in_place_verdict(old, new, instances).ok:
        return False
    move = move_for(old, new, instances)
    if not isinstance(move, Move) or not every_object_in_reach():
        return False
    classes = (old, *subclasses(old))
    found = objects_of(classes)
    shared = shared_ids()
    if shared and any(not shared.isdisjoint(map(id, g)) for g in (classes, *found)):
        return False
    filled: list[list[Any]] = []
    for objs in found:  # a class at a time, each with its own __setattr__
        if not fields.fill_in_all(objs, move.added):
            break
        filled.append(objs)
    else:
        try:
            update_class(old, new)
        except Exception:  # a descriptor refusing its new owner: a new class
            _LOGGER.debug("%s not edited in place", old.__qualname__, exc_info=True)
        else:
            for cls in classes:
                fields.forget(cls)
            return True
    for objs in filled:
        fields.unfill_all(objs, move.added)
    return False


# -- a kept class, brought up to date with the body that ran now -------------------

# What a class's own __dict__ holds for its memory layout or its machinery,
# which stays the kept class's own: descriptors of its instances' __dict__,
# __weakref__ and slots (bound to the class whose objects they read), its
# ABC registry and caches.
_OWN: Final = frozenset({"__dict__", "__weakref__", "__slots__", "_abc_impl"})
# An Enum class's members and what the enum machinery keeps of them.
_ENUM_OWN: Final = frozenset(
    {
        "_member_map_", "_member_names_", "_member_type_", "_value2member_map_",
        "_unhashable_values_", "_unhashable_values_map_", "_new_member_",
        "_use_args_", "_value_repr_", "_boundary_", "_flag_mask_",
        "_singles_mask_", "_all_bits_", "_inverted_", "__new__",
    }
)  # fmt: skip
_OWN_OF_ENUMS: Final = _OWN | _ENUM_OWN
_DESCRIPTORS: Final = (types.MemberDescriptorType, types.GetSetDescriptorType)


def _own(cls: type, names: set[str]) -> set[str]:
    """Which of ``names`` (keys of ``cls.__dict__``) are the class's own, never
    brought over: its layout's descriptors (``__dict__``, ``__weakref__``,
    slots), its ABC registry, its Enum members and what the enum machinery
    keeps of them."""
    own = names & _OWN
    if isinstance(cls, EnumMeta):
        own |= names & _ENUM_OWN
        own |= cls._member_map_.keys() & names
    held = vars(cls)
    for name in names - own:
        value = held[name]
        if isinstance(value, _DESCRIPTORS) and value.__objclass__ is cls:
            own.add(name)
    return own


def update_class(old: type, new: type) -> None:
    """Bring ``old`` up to date with ``new``, in place, as IPython's autoreload
    updates a class: what ``new``'s body defined (methods, properties, class
    and static methods, class attributes, generated methods, docstrings)
    replaces what ``old`` held, and what only ``old`` held goes, but for what
    is ``old``'s own (``_own``: its slots, its Enum members). The new
    functions keep this run's globals; their ``__class__`` cell (zero-argument
    ``super()``) is pointed at ``old``, and every descriptor brought over is
    told its new owner (``__set_name__``).

    Every run of every session runs this for each class statement it keeps,
    so only what differs is looked at (what ``old`` holds already, the same
    object or an equal string or number, is not set again: an Enum without
    methods changes nothing), found with set operations in C.

    ``correspondence.keep_verdict`` has said that the two have the same
    layout, so ``old``'s instances and members are already what ``new``'s
    would be.
    """
    mine, theirs = class_namespace(old), class_namespace(new)
    # The names ``_own`` would find, in two containers, found without a look
    # at each where no ``__slots__`` makes descriptors of the class's own:
    # ``_OWN`` (and an Enum's machinery), and an Enum's members.
    own: Container[str] = _OWN
    members: Container[str] = ()
    if "__slots__" in theirs:
        own = _own(new, set(theirs))
    elif isinstance(new, EnumMeta):
        own, members = _OWN_OF_ENUMS, theirs["_member_map_"]
    # A loop, not a comprehension: no code object of its own to run (3.11).
    differ = []
    for name, value in theirs.items():
        if name in own or name in members:
            continue
        held = mine.get(name, _ABSENT)
        if held is not value and (held is _ABSENT or not _same(held, value)):
            differ.append(name)
    # Nothing differs: every name ``new`` holds, ``old`` holds with the same
    # value, for its own names too (``keep_verdict``: the same members and
    # slots); the same count then means nothing is gone either.
    if not differ and len(mine) == len(theirs):
        return
    gone = mine.keys() - theirs.keys()
    if gone:
        gone -= _own(old, gone)
    if not differ and not gone:
        return
    changed = {name: theirs[name] for name in differ}
    _bring_over(old, changed, new)
    _point_class_cells(changed.values(), new, old)
    for name in gone:
        delattr(old, name)


def _bring_over(old: type, changed: dict[str, Any], new: type | None) -> None:
    """Set ``changed`` (what a body defined anew) on ``old``, each descriptor
    told its new owner first (``__set_name__``), which may raise: then nothing
    has changed, and each is told ``new`` again (None: no class was built)."""
    told = []
    try:
        for name, value in changed.items():
            set_name = getattr(type(value), "__set_name__", None)
            if set_name is not None:
                set_name(value, old, name)
                told.append((set_name, value, name))
    except BaseException:
        if new is not None:
            for set_name, value, name in told:
                set_name(value, new, name)
        raise
    for name, value in changed.items():
        setattr(old, name, value)


# An Enum class body's names that the enum machinery (or ``type``) makes
# something else of in the class it builds, or keeps out of it: a body that
# holds one is built as a class (``update_from_enum_body`` declines).
_BUILT_FROM: Final = _OWN_OF_ENUMS | {
    "__init_subclass__", "__class_getitem__", "_ignore_", "_order_",
}  # fmt: skip
# The body's names that name the statement, not a class attribute to bring over.
_STATEMENT: Final = frozenset({"__qualname__", "__classcell__"})


def update_from_enum_body(
    old: type, namespace: Mapping[str, Any], members: Container[str]
) -> bool:
    """Bring ``old``, a kept Enum class, up to date with a body of its class
    statement that ran now, as ``update_class`` would with the class that
    body builds, but without building it: True when done; False, with
    nothing changed, where the body holds what the enum machinery would make
    something else of (``_BUILT_FROM``, other ``_sunder_`` names, a
    ``_generate_next_value_`` of its own), or a descriptor refuses its new
    owner. ``correspondence.keep_body_verdict`` has said that the body's
    ``members`` are ``old``'s and that its names are those of the body that
    made ``old`` (so nothing is gone). The body's ``__class__`` cell (of
    zero-argument ``super()``) is set to ``old``, as ``type`` would set it to
    the class it builds.
    """
    mine = class_namespace(old)
    changed = {}
    for name, value in namespace.items():
        if name in members or name in _STATEMENT:
            continue
        held = mine.get(name, _ABSENT)
        if held is value:
            continue
        if name in _BUILT_FROM or _is_sunder(name):
            # Enum's own _generate_next_value_, which __prepare__ puts in
            # every body: the class holds it (3.12+ in a staticmethod).
            if name != "_generate_next_value_" or _func(held) is not value:
                return False
            continue
        if held is _ABSENT or not _same(held, value):
            changed[name] = value
    cell = namespace.get("__classcell__")
    if changed:
        try:
            _bring_over(old, changed, None)
        except Exception:  # a descriptor refusing its new owner: a new class
            _LOGGER.debug("Class %s not kept", old.__qualname__, exc_info=True)
            return False
    if cell is not None:
        cell.cell_contents = old
    return True


def _func(held: Any) -> Any:
    """The function a static or class method wraps (else ``held``)."""
    return held.__func__ if isinstance(held, _WRAPPERS) else held


def _is_sunder(name: str) -> bool:
    """``_name_``: the enum machinery's, as ``enum._is_sunder`` says."""
    return (
        len(name) > 2
        and name[0] == name[-1] == "_"
        and name[1] != "_"
        and name[-2] != "_"
    )


_ABSENT: Final = object()  # what no namespace holds
# Values that stand for each other when equal (a docstring, a flag).
_EQUAL_IS_SAME: Final = frozenset({str, bytes, int, float, bool, type(None)})
# Wrappers that stand for each other when they wrap the same function (the
# staticmethod EnumType puts around Enum's _generate_next_value_ in each
# Enum class, 3.12+).
_WRAPPERS: Final = (staticmethod, classmethod)


def _same(held: Any, value: Any) -> bool:
    """``value`` (what the new body defined) is what ``held`` (the kept
    class's) is already: the very object, an equal string or number, or a
    static or class method of the very same function."""
    if held is value:
        return True
    kind = type(value)
    if type(held) is not kind:
        return False
    if kind in _EQUAL_IS_SAME:
        return bool(held == value)
    return kind in _WRAPPERS and held.__func__ is value.__func__


def _point_class_cells(values: Iterable[Any], new: type, old: type) -> None:
    """Point the ``__class__`` cells of the functions among ``values`` (what
    ``new``'s body defined) at ``old``.

    A method that calls ``super()`` (or names ``__class__``) closes over a
    cell holding the class its body built; the kept class must be there, or
    ``super()`` raises TypeError for the kept class's instances. Functions
    are found as class attributes, inside class and static methods,
    properties, ``functools.cached_property`` and ``partialmethod``, and
    through decorators (``__wrapped__``, and functions a wrapper closes over).
    """
    stack: list[Any] = [v for v in values if type(v) not in _NO_FUNCTIONS]
    seen: set[int] = set()
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, types.FunctionType):
            cells = obj.__closure__ or ()
            for name, cell in zip(obj.__code__.co_freevars, cells):
                if name == "__class__":
                    _repoint(cell, new, old)
                else:
                    try:
                        held = cell.cell_contents
                    except ValueError:  # an empty cell
                        continue
                    if isinstance(held, types.FunctionType):
                        stack.append(held)
            wrapped = obj.__dict__.get("__wrapped__")
            if wrapped is not None:
                stack.append(wrapped)
            continue
        if isinstance(obj, new):
            continue  # an Enum member (no function of the body)
        for attribute in _HOLD_FUNCTIONS:
            held = getattr(obj, attribute, None)
            if isinstance(held, (types.FunctionType, classmethod, staticmethod)):
                stack.append(held)


# What a class body holds that holds no function: passed over.
_NO_FUNCTIONS: Final = frozenset(
    {str, bytes, int, float, bool, type(None), dict, tuple, list, frozenset, set}
)
# Where descriptors and wrappers hold the functions they wrap.
_HOLD_FUNCTIONS: Final = ("__func__", "fget", "fset", "fdel", "func", "__wrapped__")


def _repoint(cell: Any, new: type, old: type) -> None:
    """Set a ``__class__`` cell that holds ``new`` (or the class a decorator
    made ``new`` from: the same module and qualified name) to ``old``."""
    try:
        held = cell.cell_contents
    except ValueError:
        return
    if held is new or (
        isinstance(held, type)
        and held.__qualname__ == new.__qualname__
        and held.__module__ == new.__module__
    ):
        cell.cell_contents = old


class CurrentClasses:
    """Brings values up to date with the current classes.

    One instance serves one read (or the reads of one run: ``rebuilt`` may
    be shared, so that an immutable value held under two keys is rebuilt
    once). ``unresolved`` says afterwards whether some script class could
    not be found (not defined again yet in this run): the value may then
    change on a later read of the same run.
    """

    def __init__(
        self,
        modules: Sequence[ModuleType],
        mode: Mode | None,
        on_refusal: Refusal,
        instances: InstanceMode = "off",
        rebuilt: dict[int, tuple[Any, Any]] | None = None,
        current: Container[type] = (),
    ) -> None:
        self.modules = modules
        # The classes the session's class statements hold (``kept_classes``):
        # objects of these are current without looking further.
        self.current = current
        self.mode = mode  # None: Enum members are left alone
        self.instances = instances
        self.on_refusal = on_refusal
        self.unresolved = False
        # id of an immutable replaced in an earlier read -> (it, its replacement)
        self.rebuilt: dict[int, tuple[Any, Any]] = {} if rebuilt is None else rebuilt
        self._kinds: dict[type, str] = {}
        self._layouts: dict[type, fields.Layout | None] = {}
        # source class -> (current class, its members by name if allowed)
        self._members: dict[type, tuple[type, Mapping[str, Enum] | None] | None] = {}
        # source class -> the current class its instances may move to, and
        # how that class fills in the fields it adds; None: they stay
        self._classes: dict[type, Move | None] = {}
        # source class -> whether its objects are of a redefined class
        self._redefined: dict[type, bool] = {}

    # -- what an object is ----------------------------------------------------

    def _kind(self, cls: type) -> str:
        kind = self._kinds.get(cls)
        if kind is None:
            kind = self._kinds[cls] = self._classify(cls)
        return kind

    def _classify(self, cls: type) -> str:
        if cls in ATOMS:
            return ATOM
        if isinstance(cls, EnumMeta):
            return MEMBER
        if issubclass(cls, dict):
            return MAPPING
        if issubclass(cls, list):
            return LIST
        if issubclass(cls, deque):
            return DEQUE
        if issubclass(cls, set):
            return SET
        if cls is tuple:
            return TUPLE
        if cls is frozenset:
            return FROZENSET
        layout = self._layout(cls)
        if layout is not None:
            return RECORD if layout.kind == "namedtuple" else OBJECT
        if issubclass(cls, (tuple, frozenset)):
            return SEALED
        return LEAF

    def _layout(self, cls: type) -> fields.Layout | None:
        if cls not in self._layouts:
            self._layouts[cls] = fields.layout(cls, self.instances)
        return self._layouts[cls]

    def _is_redefined(self, cls: type) -> bool:
        """Objects of ``cls`` (a member or record class) are of an earlier
        run's class: there is a current one, or there may be later this run."""
        found = self._redefined.get(cls)
        if found is None:
            if cls in self.current:
                found = self._redefined[cls] = False
                return False
            if isinstance(cls, EnumMeta):
                accept: Callable[[object], bool] = is_enum_class
                if self.mode is None:
                    found = self._redefined[cls] = False
                    return False
            else:
                accept = is_class
            target = find_current_class(cls, self.modules, accept=accept)
            if target is None:
                self.unresolved |= cls.__module__ == "__main__"
            found = self._redefined[cls] = target is not None and target is not cls
        return found

    # -- Enum members ---------------------------------------------------------

    def _target(self, source: type) -> tuple[type, Mapping[str, Enum] | None] | None:
        if source not in self._members:
            target = find_current_class(source, self.modules)
            if target is None:
                self.unresolved |= source.__module__ == "__main__"
                self._members[source] = None
            elif target is source:
                self._members[source] = None
            else:
                members = members_if_allowed(source, target, self.mode)  # type: ignore[arg-type]
                if members is None:
                    found = enum_verdict(source, target, self.mode)  # type: ignore[arg-type]
                    self.on_refusal(source, target, found)
                self._members[source] = (target, members)
        return self._members[source]

    def member(self, member: Enum) -> Enum:
        """The current member standing for ``member``, or ``member`` itself."""
        if self.mode is None:
            return member
        found = self._target(type(member))
        if found is None or found[1] is None:
            return member
        target, members = found
        mapped = remap_by_name(member, target, members)  # type: ignore[arg-type]
        if mapped is None:
            reason = flag_refusal(member, target)  # type: ignore[arg-type]
            if reason is not None:
                self.on_refusal(type(member), target, Verdict(False, reason))
            return member
        return mapped

    # -- instances ------------------------------------------------------------

    def _current_class(self, source: type) -> Move | None:
        """Where ``source``'s instances move, or None (they stay as they are)."""
        if source not in self._classes:
            found = None
            target = find_current_class(source, self.modules, accept=is_class)
            if target is None:
                self.unresolved |= source.__module__ == "__main__"
            elif target is not source and self._layout(source) is not None:
                found = move_for(source, target, self.instances)
                if isinstance(found, Verdict):
                    self.on_refusal(source, target, found)
                    found = None
            self._classes[source] = found
        return self._classes[source]

    # -- the walk -------------------------------------------------------------

    def update(self, value: Any) -> Any:
        """``value`` with the objects of redefined classes made current.

        Mutable containers and instances are changed in place and returned
        as themselves; an immutable value (or a member) that had to be
        replaced is returned as its replacement.
        """
        kind = self._kind(type(value))
        if kind is ATOM or kind is LEAF:
            return value
        if kind is MEMBER:
            return self.member(value)
        if is_shared(value):
            return value  # every session holds it: left exactly as it is
        if not self._holds_redefined(value):
            return value
        return _Update(self).run(value)

    def _holds_redefined(self, root: Any) -> bool:
        """Whether an object of a redefined class can be reached from ``root``.

        Level by level, with the passes over each level in C: the classes of
        the level's objects, the tracked containers among them (only those
        can hold anything but atoms), their referents as the next level.
        """
        level: list[Any] = [root]
        seen: set[int] = set()
        while level:
            kinds = set(map(type, level))
            expand = set()
            for cls in kinds:
                kind = self._kind(cls)
                if kind is ATOM or kind is LEAF:
                    continue
                if kind in _CLASSES:
                    if self._is_redefined(cls):
                        return True
                    if kind is MEMBER:
                        continue
                expand.add(cls)
            if not expand:
                return False
            if len(expand) < len(kinds):
                wanted = map(expand.__contains__, map(type, level))
                level = list(compress(level, wanted))
            nodes = list(filter(gc.is_tracked, level))
            fresh = dict(zip(map(id, nodes), nodes))
            for known in seen.intersection(fresh):
                del fresh[known]
            seen.update(fresh)
            level = gc.get_referents(*fresh.values())
        return False


class _Update:
    """One pass that brings everything reachable from a value up to date.

    Every phase works on many objects at once, with its loops in C where it
    can: one update after a class edit moves a hundred thousand records in
    a few tens of milliseconds.

    1. Find every container and instance reachable, level by level
       (``gc.get_referents``), and every distinct Enum member among them.
    2. Map the members.
    3. Rebuild the immutables that hold a replaced item, children first (an
       immutable can only reach itself again through a mutable container,
       which keeps its identity, so this order always exists).
    4. Move instances to their current class, each class's at once.
    5. Put the replacements into the mutable containers and fields that
       hold one.
    """

    def __init__(self, classes: CurrentClasses) -> None:
        self.classes = classes
        self.nodes: dict[int, Any] = {}  # id -> container or instance (kept alive)
        self.members: dict[int, Any] = {}  # id -> member (kept alive)
        # The nodes by their class (as found).
        self.by_class: dict[type, list[Any]] = {}
        # Each level's nodes by class, and the classes of what they refer to.
        self.levels: list[tuple[dict[type, list[Any]], set[type]]] = []
        # id of an object to replace -> its replacement
        self.changed: dict[int, Any] = {}

    def run(self, root: Any) -> Any:
        self._find(root)
        self._map_members()
        self._rebuild_immutables()
        self._move_instances()
        if self.changed:
            self._put_back()
        if not self.classes.unresolved:
            for key, new in self.changed.items():
                old = self.nodes.get(key)
                if old is not None:
                    self.classes.rebuilt[key] = (old, new)
        return self.changed.get(id(root), root)

    # 1. --------------------------------------------------------------------

    def _children(self, obj: Any, kind: str) -> list[Any]:
        """The items of an immutable ``obj`` that can hold or be an object of ours."""
        if kind is SEALED:
            base = tuple if isinstance(obj, tuple) else frozenset
            return list(filter(gc.is_tracked, base.__iter__(obj)))
        if not gc.is_tracked(obj):
            return []
        return list(filter(gc.is_tracked, _ITEMS[kind](obj)))

    def _find(self, root: Any) -> None:
        """Every container and instance reachable from ``root``, level by level.

        Each level is what the level before refers to (``gc.get_referents``:
        a container's items, a mapping's keys and values, an instance's
        attributes and its ``__dict__``); the passes over it run in C. What
        every session shares is left out, with all it holds. Each level is
        kept with the classes of what its objects refer to, so that phase 5
        looks only where a replaced object may be held.
        """
        kind_of = self.classes._kind
        nodes, members, by_class = self.nodes, self.members, self.by_class
        shared = shared_ids()
        level = [root]
        while level:
            kinds = {cls: kind_of(cls) for cls in set(map(type, level))}
            if self.levels:
                self.levels[-1][1].update(kinds)
            ours = {cls for cls, kind in kinds.items() if kind is MEMBER}
            if ours:
                found = list(compress(level, map(ours.__contains__, map(type, level))))
                members.update(zip(map(id, found), found))
            look = {cls for cls, kind in kinds.items() if kind in _LOOK_INTO}
            if not look:
                return
            if len(look) < len(kinds):
                level = list(compress(level, map(look.__contains__, map(type, level))))
            fresh = dict(zip(map(id, level), level))
            for known in nodes.keys() & fresh.keys():
                del fresh[known]
            for key in shared.intersection(fresh):
                del fresh[key]  # every session holds it: left exactly as it is
            if not fresh:
                return
            nodes.update(fresh)
            found = list(fresh.values())
            self.levels.append((_grouped(found), set()))
            for cls, objs in self.levels[-1][0].items():
                by_class.setdefault(cls, []).extend(objs)
            level = gc.get_referents(*filter(gc.is_tracked, found))

    # 2. --------------------------------------------------------------------

    def _map_members(self) -> None:
        classes = self.classes
        by_class: dict[type, list[Any]] = {}
        for member in self.members.values():
            by_class.setdefault(type(member), []).append(member)
        for cls, members in by_class.items():
            if not classes._is_redefined(cls):
                continue
            for member in members:
                new = classes.member(member)
                if new is not member:
                    self.changed[id(member)] = new

    # 3. --------------------------------------------------------------------

    def _rebuild_immutables(self) -> None:
        kind_of = self.classes._kind
        rebuilt = self.classes.rebuilt
        done: set[int] = set()
        starts = [
            obj
            for cls, objs in self.by_class.items()
            if kind_of(cls) in _REBUILT
            for obj in objs
        ]
        for start in starts:
            if id(start) in done:
                continue
            stack: list[tuple[Any, bool]] = [(start, False)]
            while stack:
                obj, ready = stack.pop()
                key = id(obj)
                if key in done:
                    continue
                if not ready:
                    stack.append((obj, True))
                    for kid in self._children(obj, kind_of(type(obj))):
                        if kind_of(type(kid)) in _REBUILT and id(kid) not in done:
                            stack.append((kid, False))
                    continue
                done.add(key)
                earlier = rebuilt.get(key)
                if earlier is not None and earlier[0] is obj:
                    self.changed[key] = earlier[1]
                    continue
                new = self._rebuilt(obj, kind_of(type(obj)))
                if new is not obj:
                    self.changed[key] = new

    def _rebuilt(self, obj: Any, kind: str) -> Any:
        items = list(_ITEMS[kind](obj))
        new_items = self._news(items)
        same = not any(map(operator.is_not, new_items, items))
        if kind is RECORD:
            return self._record(obj, items if same else new_items, same)
        if same:
            return obj
        if kind is FROZENSET:
            result = frozenset(new_items)
            return obj if len(result) != len(obj) else result  # nothing merged
        return tuple(new_items)

    def _record(self, obj: Any, items: list[Any], same: bool) -> Any:
        """A named tuple: moved in place if it may be, else rebuilt."""
        source = type(obj)
        classes = self.classes
        move = classes._current_class(source) if classes._is_redefined(source) else None
        if move is not None and not is_shared(obj):
            if same and not move.added and fields.move(obj, move.target):
                return obj
            return fields.rebuild(obj, move.target, move.names, items)
        return obj if same else fields.rebuild(obj, source, source._fields, items)

    # 4. --------------------------------------------------------------------

    def _move_instances(self) -> None:
        classes = self.classes
        for source, objs in self.by_class.items():
            if classes._kind(source) is not OBJECT or not classes._is_redefined(source):
                continue
            move = classes._current_class(source)
            if move is not None and not fields.move_all(objs, move.target, move.added):
                classes.on_refusal(source, move.target, Verdict(False, REFUSED_MOVE))
                classes._classes[source] = None

    # 5. --------------------------------------------------------------------

    def _put_back(self) -> None:
        """Put each replacement where an old object was, in the containers
        and fields that hold one: only on the levels whose objects refer to
        an object of a class that had one replaced, and there only in those
        that hold one (found in C)."""
        kind_of = self.classes._kind
        changed = self.changed.keys()
        replaced = {type(self.nodes.get(key, self.members.get(key))) for key in changed}
        for groups, referred in self.levels:
            if referred.isdisjoint(replaced):
                continue
            for cls, objs in groups.items():
                kind = kind_of(cls)
                if kind is OBJECT:
                    self._objects(type(objs[0]), objs)  # (moved: the class now)
                elif kind in _IN_PLACE:
                    for obj in objs:
                        if not changed.isdisjoint(map(id, _held(obj, kind))):
                            self._container(obj, kind)

    def _container(self, obj: Any, kind: str) -> None:
        if type(obj) in _BUILTIN:
            _PUT_BACK[kind](self, obj)  # nothing of the app's own runs
            return
        # A subclass may refuse a write (a read-only mapping) or fail
        # halfway: then it is put back whole, as it was.
        before = _snapshot(obj, kind)
        try:
            _PUT_BACK[kind](self, obj)
        except Exception:
            _restore(obj, kind, before)
            _LOGGER.debug("%s refused the update", type(obj), exc_info=True)

    def _objects(self, cls: type, objs: list[Any]) -> None:
        """Fields of the instances of ``cls`` that hold a replaced object, a
        field at a time over all of them."""
        layout = self.classes._layout(cls)
        if layout is None:
            return
        if layout.kind == fields.PLAIN:  # its fields differ object by object
            for obj in objs:
                self._object(obj, layout)
            return
        changed = self.changed
        for name in layout.names:
            try:
                values = list(map(object.__getattribute__, objs, repeat(name)))
            except AttributeError:  # a field not set on some: one by one
                for obj in objs:
                    self._object(obj, layout)
                return
            if changed.keys().isdisjoint(map(id, values)):
                continue
            new = list(map(changed.get, map(id, values), values))
            for i in self._positions(new, values):
                fields.set_value(objs[i], name, new[i])

    def _object(self, obj: Any, layout: fields.Layout) -> None:
        pairs = fields.values(obj, layout)
        values = [value for _, value in pairs]
        new = self._news(values)
        for i in self._positions(new, values):
            fields.set_value(obj, pairs[i][0], new[i])

    def _news(self, items: list[Any]) -> list[Any]:
        """``items`` with their replacements, in C."""
        return list(map(self.changed.get, map(id, items), items))

    @staticmethod
    def _positions(new: list[Any], items: list[Any]) -> list[int]:
        """Where ``new`` holds another object than ``items``."""
        if not any(map(operator.is_not, new, items)):
            return []
        return list(compress(range(len(items)), map(operator.is_not, new, items)))

    def _list(self, obj: list[Any]) -> None:
        items = list(list.__iter__(obj))
        new = self._news(items)
        if type(obj) is list:
            if any(map(operator.is_not, new, items)):
                obj[:] = new  # the same objects wherever nothing changed
            return
        for i in self._positions(new, items):
            obj[i] = new[i]

    def _deque(self, obj: deque[Any]) -> None:
        items = list(deque.__iter__(obj))
        new = self._news(items)
        positions = self._positions(new, items)
        if len(positions) > _DEQUE_BY_ITEM:
            obj.clear()
            obj.extend(new)
        else:
            for i in positions:
                obj[i] = new[i]

    def _mapping(self, obj: dict[Any, Any]) -> None:
        keys = list(dict.keys(obj))
        new_keys = self._news(keys)
        moved = any(map(operator.is_not, new_keys, keys))
        values = list(dict.values(obj))
        new_values = self._news(values)
        positions = self._positions(new_values, values)
        if moved:
            pairs = list(zip(new_keys, new_values))
            if len(dict(pairs)) == len(pairs):  # no two keys became one
                order = list(obj.items())  # the object's own order (OrderedDict)
                index = {id(k): i for i, k in enumerate(keys)}
                obj.clear()
                for key, _ in order:
                    i = index[id(key)]
                    obj[new_keys[i]] = new_values[i]
                return
        for i in positions:
            obj[keys[i]] = new_values[i]

    def _set(self, obj: set[Any]) -> None:
        items = list(set.__iter__(obj))
        new = self._news(items)
        positions = self._positions(new, items)
        if not positions:
            return
        if len(set(new)) != len(items):
            return  # two items would become one: kept as they are
        for i in positions:
            obj.discard(items[i])
        for i in positions:
            obj.add(new[i])


# Containers whose writes run no code of the app's.
_BUILTIN: Final = frozenset({list, dict, set, deque, OrderedDict, defaultdict, Counter})


def _base(obj: Any, kind: str) -> Any:
    """The standard class whose own methods change ``obj`` past any override."""
    if kind is MAPPING:
        return OrderedDict if isinstance(obj, OrderedDict) else dict
    return {LIST: list, DEQUE: deque, SET: set}[kind]


def _snapshot(obj: Any, kind: str) -> list[Any]:
    base = _base(obj, kind)
    return list(base.items(obj)) if kind is MAPPING else list(base.__iter__(obj))


def _restore(obj: Any, kind: str, before: list[Any]) -> None:
    """Put ``obj`` back as ``_snapshot`` found it, by its standard class's
    own methods (an override that refused the change is not asked again)."""
    base = _base(obj, kind)
    if kind is LIST:
        list.__setitem__(obj, slice(None), before)
        return
    base.clear(obj)
    if kind is MAPPING:
        for key, value in before:
            base.__setitem__(obj, key, value)
    else:
        (deque.extend if kind is DEQUE else set.update)(obj, before)


# Why Python refused a move that the layouts allowed.
REFUSED_MOVE: Final = (
    "Python refused to re-class its objects (a different memory layout; before "
    "Python 3.12, also any class whose __slots__ name __weakref__), or a "
    "default of a new field could not be made"
)

_PUT_BACK: Final[dict[str, Callable[[_Update, Any], None]]] = {
    LIST: _Update._list,
    DEQUE: _Update._deque,
    MAPPING: _Update._mapping,
    SET: _Update._set,
}


def _grouped(objs: list[Any]) -> dict[type, list[Any]]:
    """``objs`` by their class, each class's in one pass in C."""
    kinds = list(map(type, objs))
    classes = set(kinds)
    if len(classes) == 1:
        return {kinds[0]: objs}
    return {
        cls: list(compress(objs, map(operator.is_, kinds, repeat(cls))))
        for cls in classes
    }


def _held(obj: Any, kind: str) -> Iterable[Any]:
    """What a mutable container holds (a mapping: its keys and values)."""
    if kind is MAPPING:
        return chain(dict.keys(obj), dict.values(obj))
    return _ITEMS[kind](obj)
