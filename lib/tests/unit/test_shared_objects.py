"""The record of objects every session shares (``shared_objects``)."""

from __future__ import annotations

import gc

from streamlit.class_identity import shared_objects


class Resource:
    pass


def test_a_recorded_object_is_shared_and_others_are_not():
    kept, other = Resource(), Resource()
    shared_objects.record(kept)
    assert shared_objects.is_shared(kept)
    assert not shared_objects.is_shared(other)


def test_what_a_shared_object_holds_is_shared_at_any_depth():
    inner = Resource()
    inner.items = [{"deep": Resource()}]
    root = {"list": [inner], "tuple": (Resource(),)}
    shared_objects.record(root)
    found = [root, root["list"], inner, inner.items, inner.items[0]]
    found += [inner.items[0]["deep"], root["tuple"], root["tuple"][0]]
    assert all(map(shared_objects.is_shared, found))


def test_what_a_shared_object_holds_after_a_run_is_shared():
    """A run may add to a shared container: the reach is found again."""
    root: list[Resource] = []
    shared_objects.record(root)
    assert shared_objects.is_shared(root)
    later = Resource()
    root.append(later)
    shared_objects.changed()
    assert shared_objects.is_shared(later)


def test_classes_modules_and_functions_are_not_gone_into():
    """A shared object names its class; the class's other objects are not
    shared for that."""
    shared_objects.record(Resource())
    assert not shared_objects.is_shared(Resource)
    assert not shared_objects.is_shared(Resource.__dict__)


def test_the_record_lets_go_of_objects_the_cache_let_go_of():
    obj = Resource()
    address = id(obj)
    shared_objects.record(obj)
    del obj
    gc.collect()
    assert address not in shared_objects._roots


def test_a_container_the_cache_let_go_of_is_let_go_of_too():
    """A dict cannot be weakly referenced: it is held while the cache holds
    it, and let go of once only the record holds it."""
    value = {"k": [Resource()]}
    address = id(value)
    shared_objects.record(value)
    assert shared_objects.is_shared(value["k"])
    del value
    shared_objects.changed()
    assert not shared_objects.is_shared(object())
    assert address not in shared_objects._roots
