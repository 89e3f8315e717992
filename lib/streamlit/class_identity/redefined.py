"""A class was redefined: find the current one, and point what we hold at it.

A Streamlit script defines its classes anew on every run, so a value that
outlives a run (in ``st.session_state``) holds objects of an *earlier* run's
classes. As IPython's ``autoreload`` does for edited modules, this module
finds the class that now stands under the same module and ``__qualname__``
(``resolve``) and brings a value up to date (``Redefinitions.walk``):

- an Enum member becomes the current class's member of the same name, under
  the rules of ``runner.enumCoercion`` (``enum_map``);
- an instance of a data class (dataclass, ``typing.NamedTuple``,
  ``collections.namedtuple``; with ``runner.instanceCoercion = "allClasses"``
  also a plain class) becomes an instance of the current class *in place*,
  by ``__class__`` assignment, when both classes have the same field names
  (``fields``). In place, so that the object the app holds elsewhere, an
  alias under another key, and a mutation made after the read are all the
  one object. Its fields are walked too.

Script classes (module ``__main__``) are looked up in the modules the
session's script runs in (the entrypoint and the page file, newest first),
never in ``sys.modules["__main__"]``, which every session's run overwrites;
any other module in ``sys.modules`` (a module Streamlit re-imported after an
edit). Objects of classes nobody redefined are left untouched, and so are
objects every session shares (``shared``: what ``st.cache_resource`` returned).
"""

from __future__ import annotations

import sys
from enum import Enum
from types import ModuleType
from typing import Any, Callable, Final, Mapping, Sequence

from streamlit.class_identity import fields, shared
from streamlit.class_identity.enum_map import (
    Verdict,
    is_enum_class,
    members_if_allowed,
    remap_by_name,
    verdict,
)
from streamlit.class_identity.mode import InstanceMode, Mode

CONTAINERS: Final = (list, tuple, set, frozenset, dict)
# Values that hold no objects of user classes: never walked.
ATOMS: Final = frozenset(
    {str, int, float, bool, type(None), bytes, complex, range, bytearray}
)
# Deeper nesting than this is left as it is rather than walked.
_MAX_DEPTH: Final = 32

# Called with (source class, target class, verdict) when a mapping is refused.
Refusal = Callable[[type, type, Verdict], None]


def resolve(
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


class Redefinitions:
    """Brings the values of one read up to date with the current classes.

    ``unresolved`` says afterwards whether some script class could not be
    found (not defined again yet in this run): the value may then change on
    a later read of the same run.
    """

    def __init__(
        self,
        modules: Sequence[ModuleType],
        mode: Mode | None,
        on_refusal: Refusal,
        instances: InstanceMode = "off",
    ) -> None:
        self.modules = modules
        self.mode = mode  # None: Enum members are left alone
        self.instances = instances
        self.on_refusal = on_refusal
        self.unresolved = False
        # source class -> (current class, its members by name if allowed)
        self.targets: dict[type, tuple[type, Mapping[str, Enum] | None] | None] = {}
        # source class -> current class if its instances may move there
        self.classes: dict[type, type | None] = {}
        # class -> the state its instances keep (fields.layout, once a walk)
        self.layouts: dict[type, fields.Layout | None] = {}
        self.active: set[int] = set()
        # Objects walked in place already (aliases, cycles): id -> the object.
        self.done: dict[int, Any] = {}

    # -- Enum members ---------------------------------------------------------

    def _target(self, source: type) -> tuple[type, Mapping[str, Enum] | None] | None:
        if source not in self.targets:
            target = resolve(source, self.modules)
            if target is None:
                self.unresolved |= source.__module__ == "__main__"
                self.targets[source] = None
            elif target is source:
                self.targets[source] = None
            else:
                members = members_if_allowed(source, target, self.mode)  # type: ignore[arg-type]
                if members is None:
                    self.on_refusal(source, target, verdict(source, target, self.mode))  # type: ignore[arg-type]
                self.targets[source] = (target, members)
        return self.targets[source]

    def member(self, member: Enum) -> Enum:
        if self.mode is None:
            return member
        found = self._target(type(member))
        if found is None or found[1] is None:
            return member
        mapped = remap_by_name(member, found[0], found[1])  # type: ignore[arg-type]
        return member if mapped is None else mapped

    # -- the walk -------------------------------------------------------------

    def walk(self, value: Any, depth: int = 0) -> Any:
        """``value`` with the objects of redefined classes made current.

        Containers are rebuilt only where something inside changed; a dict
        whose keys would collide after mapping is kept as it is (nothing lost).
        Instances are changed in place; a NamedTuple whose fields changed is
        rebuilt, as a tuple would be.
        """
        kind = type(value)
        if kind in ATOMS:
            return value
        if isinstance(value, Enum):
            return self.member(value)
        if depth > _MAX_DEPTH or id(value) in self.active:
            return value
        if kind in CONTAINERS:
            self.active.add(id(value))
            try:
                if kind is dict:
                    return self._dict(value, depth)
                items = [self.walk(v, depth + 1) for v in value]
                if all(a is b for a, b in zip(items, value)):
                    return value
                return kind(items)
            finally:
                self.active.discard(id(value))
        if self.instances != "off":
            return self._instance(value, depth)
        return value

    def _dict(self, value: dict[Any, Any], depth: int) -> dict[Any, Any]:
        items = [
            (self.walk(k, depth + 1), self.walk(v, depth + 1)) for k, v in value.items()
        ]
        if all(k is k0 and v is v0 for (k, v), (k0, v0) in zip(items, value.items())):
            return value
        mapped = dict(items)
        if len(mapped) != len(value):
            # Two keys became one: keep every value rather than lose one.
            return value
        return mapped

    # -- instances ------------------------------------------------------------

    def _current_class(self, source: type, layout: fields.Layout) -> type | None:
        """The class ``source``'s instances move to, or None (stay as they are)."""
        if source not in self.classes:
            found = None
            target = resolve(source, self.modules, accept=lambda o: isinstance(o, type))
            if target is None:
                self.unresolved |= source.__module__ == "__main__"
            elif target is not source:
                differs = fields.difference(
                    layout, fields.layout(target, self.instances)
                )
                if differs is None:
                    found = target
                else:
                    self.on_refusal(source, target, Verdict(False, differs))
            self.classes[source] = found
        return self.classes[source]

    def _instance(self, obj: Any, depth: int) -> Any:
        if id(obj) in self.done:
            return self.done[id(obj)]
        source = type(obj)
        if source not in self.layouts:
            self.layouts[source] = fields.layout(source, self.instances)
        layout = self.layouts[source]
        if layout is None:
            return obj  # not a class whose state we know: never walked into
        self.done[id(obj)] = obj
        if shared.is_shared(obj):
            return obj  # every session holds it: cannot be re-classed
        target = self._current_class(source, layout)
        if target is not None and not fields.move(obj, target):
            self.on_refusal(
                source, target, Verdict(False, "its memory layout differs (__slots__)")
            )
            self.classes[source] = None
        self.active.add(id(obj))
        try:
            updated = fields.update(obj, layout, lambda v: self.walk(v, depth + 1))
        finally:
            self.active.discard(id(obj))
        self.done[id(obj)] = updated
        return updated
