"""What ``st.cache_resource`` hands out (``cached_resources``)."""

from __future__ import annotations

import logging
import sys
import types

from streamlit.class_identity import cached_resources, shared_objects
from streamlit.class_identity.session_identity import SessionIdentity


def _script_class():
    class Resource:
        pass

    Resource.__module__ = "__main__"
    Resource.__qualname__ = "ResourceOfThisTest"
    return Resource


def test_a_value_and_what_it_holds_at_any_depth_are_shared():
    cls = _script_class()
    one, two, three = cls(), cls(), cls()
    three.inner = [cls()]
    pair, box = [one, two], {"k": {"deeper": three}}  # what the cache holds
    cached_resources.record(pair)
    cached_resources.record(box)
    assert all(map(shared_objects.is_shared, (one, two, three, three.inner[0])))


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def test_a_redefined_class_is_warned_about_once(monkeypatch):
    old, new = _script_class(), _script_class()
    script = types.ModuleType("__main__")
    script.ResourceOfThisTest = new  # type: ignore[attr-defined]
    identity = SessionIdentity(modules=(script,))
    monkeypatch.setattr(cached_resources, "running_identity", lambda: identity)
    records = _Records()
    logger = logging.getLogger(cached_resources.__name__)  # Streamlit's: no propagation
    logger.addHandler(records)
    try:
        cached_resources.record(old())
        cached_resources.record(old())
        cached_resources.record(new())
    finally:
        logger.removeHandler(records)
    assert len(records.messages) == 1
    assert "defined ResourceOfThisTest anew" in records.messages[0]


def test_a_staticmethod_is_cached_as_its_function_where_python_cannot_call_it():
    """The docs' singleton: st.cache_resource over a staticmethod, which only
    3.10 on can call; before, its function is cached instead."""

    def make() -> int:
        return 1

    wrapped = staticmethod(make)
    callable_since_3_10 = sys.version_info >= (3, 10)
    assert cached_resources.as_function(wrapped) is (
        wrapped if callable_since_3_10 else make
    )
    assert cached_resources.as_function(make) is make
