"""The record of objects every session shares (``shared_objects``)."""

from __future__ import annotations

import gc

from streamlit.class_identity import shared_objects


class Resource:
    pass


def test_a_recorded_object_is_shared_and_others_are_not():
    kept, other = Resource(), Resource()
    shared_objects.record([kept])
    assert shared_objects.is_shared(kept)
    assert not shared_objects.is_shared(other)


def test_the_record_lets_go_of_objects_the_cache_let_go_of():
    obj = Resource()
    address = id(obj)
    shared_objects.record([obj])
    del obj
    gc.collect()
    assert address not in shared_objects._shared


def test_objects_that_cannot_be_weakly_referenced_are_left_unrecorded():
    shared_objects.record([(1, 2), 3])  # no error
    assert not shared_objects.is_shared((1, 2))
