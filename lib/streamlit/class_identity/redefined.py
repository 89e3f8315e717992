"""A class was redefined: find the current one, and point what we hold at it.

A Streamlit script defines its classes anew on every run, so a value that
outlives a run (in ``st.session_state``) holds objects of an *earlier* run's
classes. As IPython's ``autoreload`` does for edited modules, this module
finds the class that now stands under the same module and ``__qualname__``
(``resolve``) and brings a value up to date (``Redefinitions.walk``): Enum
members become the current class's member of the same name, under the rules
of the mode.

Script classes (module ``__main__``) are looked up in the modules the
session's script runs in (the entrypoint and the page file, newest first),
never in ``sys.modules["__main__"]``, which every session's run overwrites.
"""

from __future__ import annotations

import sys
from enum import Enum
from types import ModuleType
from typing import Any, Callable, Final, Mapping, Sequence

from streamlit.class_identity.enum_map import (
    Verdict,
    is_enum_class,
    members_if_allowed,
    remap_by_name,
    verdict,
)
from streamlit.class_identity.mode import Mode

CONTAINERS: Final = (list, tuple, set, frozenset, dict)
# Deeper nesting than this is left as it is rather than walked.
_MAX_DEPTH: Final = 32

# Called with (source class, target class, verdict) when a mapping is refused.
Refusal = Callable[[type, type, Verdict], None]


def resolve(
    cls: type, modules: Sequence[ModuleType] | ModuleType | None
) -> type | None:
    """The Enum class that now stands under ``cls``'s module and qualname, if any.

    ``modules`` are the session's script modules, newest first: a class of
    module ``__main__`` is looked up in each in turn; any other module is
    looked up in ``sys.modules`` (a module Streamlit re-imported after an edit).
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
        if found is not None:
            return found
    return None


def _lookup(namespace: Any, qualname: str) -> type | None:
    for part in qualname.split("."):
        if namespace is None:
            return None
        try:
            namespace = vars(namespace).get(part)
        except TypeError:
            return None
    return namespace if is_enum_class(namespace) else None


class Redefinitions:
    """Brings the values of one read up to date with the current classes."""

    def __init__(
        self,
        modules: Sequence[ModuleType],
        mode: Mode,
        on_refusal: Refusal,
    ) -> None:
        self.modules = modules
        self.mode = mode
        self.on_refusal = on_refusal
        # source class -> (current class, its members by name if allowed)
        self.targets: dict[type, tuple[type, Mapping[str, Enum] | None] | None] = {}
        self.active: set[int] = set()

    def _target(self, source: type) -> tuple[type, Mapping[str, Enum] | None] | None:
        if source not in self.targets:
            target = resolve(source, self.modules)
            if target is None or target is source:
                self.targets[source] = None
            else:
                members = members_if_allowed(source, target, self.mode)  # type: ignore[arg-type]
                if members is None:
                    self.on_refusal(source, target, verdict(source, target, self.mode))  # type: ignore[arg-type]
                self.targets[source] = (target, members)
        return self.targets[source]

    def member(self, member: Enum) -> Enum:
        found = self._target(type(member))
        if found is None or found[1] is None:
            return member
        mapped = remap_by_name(member, found[0], found[1])  # type: ignore[arg-type]
        return member if mapped is None else mapped

    def walk(self, value: Any, depth: int = 0) -> Any:
        """``value`` with the objects of redefined classes made current.

        Containers are rebuilt only where something inside changed; a dict
        whose keys would collide after mapping is kept as it is (nothing lost).
        """
        if isinstance(value, Enum):
            return self.member(value)
        kind = type(value)
        if kind not in CONTAINERS or depth > _MAX_DEPTH or id(value) in self.active:
            return value
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
