"""Coercion of widget values against the options of the current run.

A value reaches a widget from two places. The browser sends an index into the
options it was shown; Python hands values back in (a multiselect ``default``,
a select_slider ``value``, a value assigned to the widget's key). Either way
the value may hold members of a class from an earlier run. Here each such
member is matched against the classes present in the current options, by
class name and member name under the mode's rules, and given back as the
current option. Nothing is ever mapped onto an object that is not among the
current options.
"""

from __future__ import annotations

import operator
from enum import Enum, EnumMeta
from itertools import repeat
from typing import Any, Final, Mapping, Sequence

from streamlit.class_identity.config_options import Mode
from streamlit.class_identity.correspondence import (
    Refusal,
    enum_verdict,
    ignore_refusal,
)
from streamlit.class_identity.members import (
    is_enum_class,
    members_if_allowed,
    remap_by_name,
)

_NAME: Final = operator.attrgetter("_name_")


def counterparts(stale: Any, fresh: Any, mode: Mode) -> bool:
    """True when ``fresh`` is ``stale`` made current, in the common case.

    That is: both are one member, or lists (tuples) of the same length; the
    stale members are all of one class; and each fresh value is the stale
    one's counterpart by name in one other class, allowed to stand for the
    stale one's under ``mode``. False means only that
    ``OptionCoercer.browser_value`` must take a closer look.

    Every rerun of an app with an option widget over an Enum comes here, so
    it is kept to one plain loop: at the sizes of real selections that costs
    less than setting up loops in C.
    """
    kind = type(stale)
    if kind is list or kind is tuple:
        if type(fresh) is not kind or len(stale) != len(fresh) or not stale:
            return False
        source, target = type(stale[0]), type(fresh[0])
    else:
        source, target = kind, type(fresh)
        stale, fresh = (stale,), (fresh,)
    if source is target:
        return False
    if not isinstance(source, EnumMeta) or not isinstance(target, EnumMeta):
        return False
    if not enum_verdict(source, target, mode).ok:
        return False
    get = target._member_map_.get
    for s, f in zip(stale, fresh):
        if type(s) is not source or get(s._name_) is not f:
            return False
    return True


class OptionIndex:
    """The Enum members among a widget's options, indexed for O(1) matching.

    Built lazily in one pass over the options, and only when a value holds an
    Enum member that needs it.
    """

    def __init__(self, options: Sequence[Any]) -> None:
        self._options = options
        self._classes: dict[str, list[type[Enum]]] | None = None
        self._member_ids: set[int] = set()

    def _build(self) -> dict[str, list[type[Enum]]]:
        # map() keeps the pass over n options in C; ids of non-members are
        # harmless, as only Enum members are ever looked up.
        self._member_ids = set(map(id, self._options))
        classes: dict[str, list[type[Enum]]] = {}
        for cls in dict.fromkeys(map(type, self._options)):
            if is_enum_class(cls):
                classes.setdefault(cls.__qualname__, []).append(cls)
        self._classes = classes
        return classes

    def contains_all(self, values: Sequence[Any]) -> bool:
        """True when every one of ``values`` is itself one of the options."""
        if self._classes is None:
            self._build()
        return self._member_ids.issuperset(map(id, values))

    def contains(self, member: Enum) -> bool:
        if self._classes is None:
            self._build()
        return id(member) in self._member_ids

    def candidates(self, cls: type[Enum]) -> list[type[Enum]]:
        classes = self._classes if self._classes is not None else self._build()
        return classes.get(cls.__qualname__, [])


class OptionCoercer:
    """Coerces values against one widget's current options, in one mode."""

    def __init__(
        self,
        options: Sequence[Any],
        mode: Mode,
        on_refusal: Refusal = ignore_refusal,
    ) -> None:
        self.index = OptionIndex(options)
        self.mode = mode
        self.on_refusal = on_refusal
        # (source, target) -> target's members by name, or None if refused.
        self._pairs: dict[tuple[type, type], Mapping[str, Enum] | None] = {}

    def _members(self, source: type, target: type) -> Mapping[str, Enum] | None:
        pair = (source, target)
        if pair in self._pairs:
            return self._pairs[pair]
        members = self._pairs[pair] = members_if_allowed(source, target, self.mode)  # type: ignore[arg-type]
        return members

    def _remap(self, member: Enum, target: type[Enum]) -> Enum | None:
        members = self._members(type(member), target)
        return None if members is None else remap_by_name(member, target, members)

    def _by_name(self, values: Sequence[Any], target: type) -> list[Any] | None:
        """``values``, all members of one class, as ``target``'s members of the
        same names, if the pair is allowed and every name is found: the loop
        over the values runs in C. None when any value needs a closer look."""
        members = self._members(type(values[0]), target)
        if members is None:
            return None
        mapped = list(map(members.get, map(_NAME, values)))
        if any(map(operator.is_, mapped, repeat(None))):
            return None
        return mapped

    def member(self, member: Enum, hint: object = None) -> Enum:
        """The current option standing for ``member``, or ``member`` itself.

        ``hint`` is the option the browser's index points at now: when it is
        the member's counterpart, it is taken without looking at the options.
        """
        source = type(member)
        if isinstance(hint, Enum) and type(hint) is not source:
            if type(hint).__qualname__ == source.__qualname__:
                if self._remap(member, type(hint)) is hint:
                    return hint
        if self.index.contains(member):
            return member
        for target in self.index.candidates(source):
            mapped = self._remap(member, target)
            if mapped is not None and self.index.contains(mapped):
                return mapped
            if mapped is None:
                found = enum_verdict(source, target, self.mode)
                if not found.ok:
                    self.on_refusal(source, target, found)
        return member

    def value(self, value: Any) -> Any:
        """Coerce a value handed in from Python: a member, or a collection of them
        (list, tuple, set, frozenset: what a multiselect default may be)."""
        if isinstance(value, Enum):
            return self.member(value)
        if type(value) in (list, tuple, set, frozenset):
            fast = self._sequence(value)
            if fast is not None:
                return fast
            coerced = [self.member(v) if isinstance(v, Enum) else v for v in value]
            if any(a is not b for a, b in zip(coerced, value)):
                return type(value)(coerced)
        return value

    def _sequence(self, values: list[Any] | tuple[Any, ...] | set[Any]) -> Any:
        """The common case of ``value`` for a collection: members of one class,
        all current already or all mapping onto one current class among the
        options. None when the general path must decide."""
        kinds = set(map(type, values))
        if len(kinds) != 1:
            return None
        (source,) = kinds
        if not is_enum_class(source):
            return None
        candidates = self.index.candidates(source)
        if source in candidates and self.index.contains_all(values):  # type: ignore[arg-type]
            return values
        if len(candidates) != 1 or candidates[0] is source:
            return None
        ordered = list(values)
        mapped = self._by_name(ordered, candidates[0])
        if mapped is None or not self.index.contains_all(mapped):
            return None
        return type(values)(mapped)

    def browser_value(self, stale: Any, fresh: Any) -> Any:
        """Reconcile a browser-chosen value read with the previous run's options
        (``stale``) and the same indices read with this run's options (``fresh``).

        Enum members keep their identity by name under the mode's rules; any
        other option is the object at the index the browser sent.
        """
        if counterparts(stale, fresh, self.mode):
            return fresh
        if type(stale) in (list, tuple) and type(fresh) is type(stale):
            if len(stale) != len(fresh):
                return fresh
            if all(map(operator.is_, stale, fresh)):
                return stale
            picked = [s if s is f else self._pick(s, f) for s, f in zip(stale, fresh)]
            if all(a is b for a, b in zip(picked, stale)):
                return stale
            return type(stale)(picked)
        return stale if stale is fresh else self._pick(stale, fresh)

    def _pick(self, stale: Any, fresh: Any) -> Any:
        if isinstance(stale, Enum):
            return self.member(stale, hint=fresh)
        return fresh
