"""An st.cache_resource object of a class the script has since redefined.

Every session shares the object, so it cannot be made current as session
state's objects are: it stays an instance of the run that made it, and one
WARNING per class names the class, says that isinstance and == against the
current class fail, and what to do.
"""

from __future__ import annotations

import pytest
from support.apps import app, instance_coercion, no_exception, report
from support.interpreters import SINCE_3_10, where
from support.scripts import POINT_RECORD, TWO_COLOR_APP, script

# The seed's own singleton example (docs: User classes), reporting on itself.
SEED_SINGLETON = """
import streamlit as st

class {name}:
    def __init__(self, api_url: str):
        self._url = api_url

    @st.cache_resource(ttl=500)
    @staticmethod
    def get_resource_manager(api_url: str):
        return {name}(api_url)

resource_manager = {name}.get_resource_manager("http://my.resource.io/api/")
if "kept" not in st.session_state:
    st.session_state.kept = resource_manager
st.text(f"instance={{isinstance(resource_manager, {name})}}")
st.text(f"kept_is_shared={{st.session_state.kept is resource_manager}}")
st.text(f"kept_instance={{isinstance(st.session_state.kept, {name})}}")
st.button("rerun")
"""
# The same with a cached function of the module. Stock st.cache_resource
# takes the seed's staticmethod object only since Python 3.10 (before, it has
# no __module__ and is not callable, and st.cache_resource raises); the
# wheel caches its function there (cached_resources.as_function).
CACHED_FUNCTION = SEED_SINGLETON.replace(
    """    @st.cache_resource(ttl=500)
    @staticmethod
    def get_resource_manager(api_url: str):
        return {name}(api_url)

resource_manager = {name}.get_resource_manager(""",
    """@st.cache_resource(ttl=500)
def get_resource_manager(api_url: str):
    return {name}(api_url)

resource_manager = get_resource_manager(""",
)
SCRIPTS = {"seed_singleton": SEED_SINGLETON, "cached_function": CACHED_FUNCTION}
# Where stock takes each form: the seed's cached staticmethod from 3.10.
STOCK_FORMS = where(
    SCRIPTS,
    lambda f: f == "seed_singleton",
    SINCE_3_10,
    "st.cache_resource over a staticmethod (3.10+ on stock)",
)


@pytest.mark.smoke  # on every interpreter: 3.8 and 3.9 call no staticmethod
@pytest.mark.coercion
@pytest.mark.parametrize("form", SCRIPTS)
def test_a_redefined_resource_class_is_named_in_one_warning(form, logged, classes):
    """One warning a class for the process: each case has a class of its own."""
    name = f"MyResource_{form}_{classes}"
    at = app(SCRIPTS[form].format(name=name)).run()
    assert no_exception(at), at.exception  # stock before 3.10: the seed's raises
    for _ in range(3):
        at.button[0].click().run()
        assert no_exception(at), at.exception
    warnings = logged.above_debug()
    assert len(warnings) == 1, warnings
    (warning,) = warnings
    assert name in warning
    assert f"isinstance(obj, {name})" in warning
    assert "module of its own" in warning


@pytest.mark.parametrize("form", STOCK_FORMS)
@pytest.mark.parametrize("mode", ["dataClasses", "allClasses"])
def test_a_shared_resource_kept_in_session_state_is_never_reclassed(
    mode, form, classes
):
    """Even where plain classes are moved: other sessions hold it too. (Where
    plain classes are kept, the class statement gives the very class the
    resource was made of: test_kept_classes.)"""
    if mode == "allClasses" and classes == "kept":
        return  # current untouched: a case of its own
    with instance_coercion(mode):
        at = app(SCRIPTS[form].format(name=f"Shared{mode}_{form}_{classes}")).run()
        for _ in range(2):
            at.button[0].click().run()
            assert no_exception(at), at.exception
            assert report(at) == {
                "instance": "False",
                "kept_is_shared": "True",
                "kept_instance": "False",
            }


DEEP = script(
    TWO_COLOR_APP,
    """
    class Store:
        def __init__(self):
            self.items = [Color.RED]
            self.original = Color.RED

    @st.cache_resource
    def shared():
        return {"history": [Color.RED], "original": Color.RED, "store": Store()}

    res = shared()
    if "history" not in st.session_state:
        st.session_state.history = res["history"]
        st.session_state.items = res["store"].items
    st.session_state.history
    st.session_state.items
    st.text(f"list_untouched={res['history'][0] is res['original']}")
    st.text(f"attribute_untouched={res['store'].items[0] is res['store'].original}")
    st.button("rerun")
    """,
)


def test_what_a_resource_holds_at_any_depth_is_never_edited(mode):
    """A list inside a cached dict, a list an attribute of a cached object
    holds, kept in session state: a read never edits them."""
    at = app(DEEP).run()
    for _ in range(3):
        at.button[0].click().run()
        assert no_exception(at), at.exception
        assert report(at) == {"list_untouched": "True", "attribute_untouched": "True"}


NESTED_OPTIONS = script(
    "import streamlit as st\nfrom dataclasses import dataclass",
    POINT_RECORD,
    """
    @st.cache_resource
    def config():
        return {"points": [Point(1, 2), Point(3, 4)]}

    choice = st.selectbox("Point", config()["points"])
    choice.x += 100  # the user's own tweak of what the widget gave
    st.text(f"cache_untouched={config()['points'][0].x == 1}")
    st.button("rerun")
    """,
)


def test_options_a_resource_holds_are_handed_out_as_copies():
    """As stock: the widget's value is a copy, and the user's tweak of it
    never reaches the cache every session shares."""
    at = app(NESTED_OPTIONS).run()
    for _ in range(3):
        at.button[0].click().run()
        assert no_exception(at), at.exception
        assert report(at) == {"cache_untouched": "True"}
