"""Property tests of the coercion core over generated Enum classes.

For every generated class and redefinition, in every mode: the result is the
same-named member of the target class exactly when the rules say so, and
otherwise the input unchanged; never an exception; never a non-member.
"""

from __future__ import annotations

import types
from enum import Enum
from typing import Any

from hypothesis import assume, given, note
from hypothesis import strategies as st
from streamlit.class_identity.class_update import CurrentClasses
from streamlit.class_identity.members import remap
from streamlit.class_identity.options import OptionCoercer
from support.enums import build, enum_specs, expected_allowed, redefinitions

MODES = ("nameOnly", "nameAndValue")


def _ignore(*_: object) -> None:
    """No warning wanted here."""


@st.composite
def class_pairs(draw: Any) -> tuple[type[Enum], type[Enum], Enum]:
    spec = draw(enum_specs())
    new_spec = draw(redefinitions(spec))
    old, new = build(spec), build(new_spec)
    assume(old is not None and new is not None)
    assert old is not None and new is not None
    member = draw(st.sampled_from(list(old.__members__.values())))
    note(f"old={spec}\nnew={new_spec}\nmember={member!r}")
    return old, new, member


def _expected(member: Enum, old: type[Enum], new: type[Enum], mode: str) -> Enum | None:
    if not expected_allowed(old, new, mode):
        return None
    return new.__members__[member._name_]


@given(class_pairs(), st.sampled_from(MODES))
def test_remap_gives_the_same_named_member_exactly_when_the_rules_allow(pair, mode):
    old, new, member = pair
    result = remap(member, new, mode)
    assert result is _expected(member, old, new, mode)


@given(class_pairs(), st.sampled_from(MODES))
def test_widget_coercion_gives_a_current_option_or_the_input(pair, mode):
    old, new, member = pair
    options = list(new)  # canonical members, as a widget over the class shows
    result = OptionCoercer(options, mode).value(member)
    expected = _expected(member, old, new, mode)
    if expected is not None and any(expected is o for o in options):
        assert result is expected
    else:
        assert result is member
    assert result is member or any(result is o for o in options)


@given(class_pairs(), st.sampled_from(MODES))
def test_widget_coercion_of_lists_and_tuples_maps_each_member(pair, mode):
    _old, new, member = pair
    coercer = OptionCoercer(list(new), mode)
    single = coercer.value(member)
    assert coercer.value([member, "x", member]) == [single, "x", single]
    assert coercer.value((member,)) == (single,)


@given(class_pairs(), st.sampled_from(MODES))
def test_session_values_map_inside_containers_via_the_script_module(pair, mode):
    old, new, member = pair
    module = types.ModuleType("__main__")
    if "<locals>" not in new.__qualname__:
        holder: Any = module
        *outer, last = new.__qualname__.split(".")
        for part in outer:
            inner = type(part, (), {})
            setattr(holder, part, inner)
            holder = inner
        setattr(holder, last, new)
    walker = CurrentClasses([module], mode, _ignore)
    result = walker.update([member, (member, 1), {"k": member}])
    expected = _expected(member, old, new, mode)
    if "<locals>" in new.__qualname__ or expected is None:
        expected = member
    assert result[0] is expected
    assert result[1][0] is expected
    assert result[2]["k"] is expected


@given(class_pairs(), st.sampled_from(MODES))
def test_browser_value_keeps_what_the_browser_index_points_at(pair, mode):
    """The fresh reading at the browser's index is taken when it is the member's
    counterpart; otherwise the stale member stays."""
    old, new, member = pair
    options = list(new)
    expected = _expected(member, old, new, mode)
    for fresh in options:
        result = OptionCoercer(options, mode).browser_value(member, fresh)
        if expected is not None and any(expected is o for o in options):
            assert result is expected
        else:
            assert result is member


@st.composite
def options_and_values(draw: Any) -> tuple[type[Enum], list[Any], list[Enum]]:
    """A pair of class versions, options that may be only some of the new
    class's members, and a selection of the old class's members."""
    old, new, _member = draw(class_pairs())
    members = list(new)
    picked = draw(st.sets(st.integers(0, len(members) - 1), min_size=1))
    options = [members[i] for i in sorted(picked)]
    values = draw(st.lists(st.sampled_from(list(old)), min_size=1, max_size=8))
    return new, options, values


@given(options_and_values(), st.sampled_from(MODES), st.sampled_from([list, tuple]))
def test_coercing_a_collection_at_once_equals_coercing_member_by_member(
    case, mode, kind
):
    _new, options, values = case
    reference = [OptionCoercer(options, mode).member(v) for v in values]
    result = OptionCoercer(options, mode).value(kind(values))
    assert type(result) is kind
    assert len(result) == len(reference)
    assert all(a is b for a, b in zip(result, reference))


@given(options_and_values(), st.sampled_from(MODES), st.booleans(), st.data())
def test_reconciling_a_browser_list_at_once_equals_member_by_member(
    case, mode, counterparts, data
):
    """The browser sent one index per stale member: either each one's
    counterpart where the options have it, or any option."""
    new, options, stale = case
    fresh = []
    for member in stale:
        twin = new.__members__.get(member._name_)
        if counterparts and any(twin is o for o in options):
            fresh.append(twin)
        else:
            fresh.append(data.draw(st.sampled_from(options)))
    coercer = OptionCoercer(options, mode)
    reference = [s if s is f else coercer._pick(s, f) for s, f in zip(stale, fresh)]
    result = OptionCoercer(options, mode).browser_value(stale, fresh)
    assert type(result) is list
    assert len(result) == len(reference)
    assert all(a is b for a, b in zip(result, reference))
