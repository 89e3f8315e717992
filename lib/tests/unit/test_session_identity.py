"""What a session keeps (``session_identity``): generations and its modules.

A value is walked once a generation; a new generation starts when a class may
have been redefined: a full run once the session's script has defined a
class, a change of ``sys.modules`` (a module re-imported), other modes.
"""

from __future__ import annotations

import sys
import types

from streamlit.class_identity import session_identity
from streamlit.class_identity.session_identity import SessionIdentity


def test_a_module_imported_anew_is_a_new_fingerprint():
    """Also when the new module takes the address of the one it replaces."""
    name = "class_identity_test_module"
    imports = session_identity.Imports()
    sys.modules[name] = types.ModuleType(name)
    try:
        assert imports.changed()  # the first look
        assert not imports.changed()
        del sys.modules[name]
        sys.modules[name] = types.ModuleType(name)  # re-imported, at the end
        assert imports.changed()
        assert not imports.changed()
        sys.modules[name] = types.ModuleType(name)  # replaced in place
        assert imports.changed()
    finally:
        sys.modules.pop(name, None)


def test_a_value_is_walked_once_a_generation():
    identity = SessionIdentity()
    value = [1]
    assert not identity.walked("k", value)  # sys.modules looked at first
    identity.fresh["k"] = (identity.generation, value)
    assert identity.walked("k", value)
    assert not identity.walked("k", [1])  # another object under the key
    identity.new_generation()
    assert not identity.walked("k", value)


def test_a_script_that_defines_a_class_starts_a_generation_every_run():
    state = types.SimpleNamespace(_class_identity=SessionIdentity())
    identity = state._class_identity
    plain, classy = types.ModuleType("__main__"), types.ModuleType("__main__")
    exec("x = 1", plain.__dict__)
    exec("class Point:\n    pass", classy.__dict__)

    session_identity.record_script_module(state, plain)
    start = identity.generation
    session_identity.record_script_module(state, plain)
    assert identity.generation == start  # nothing was redefined
    session_identity.record_script_module(state, classy)
    # the run after one with a class:
    session_identity.record_script_module(state, classy)
    assert identity.generation == start + 1
    session_identity.record_script_module(state, classy)
    assert identity.generation == start + 2
    session_identity.record_script_module(state, classy, full_run=False)  # a fragment
    assert identity.generation == start + 2


def _script_module(source: str) -> types.ModuleType:
    module = types.ModuleType("__main__")
    exec(source, module.__dict__)
    return module


def test_a_module_of_plain_values_defines_no_class():
    module = _script_module("import os\nrows = [{'a': 1}]\ndef f(): pass\nx = None")
    assert not session_identity._made_classes(module, ())


def test_a_module_of_other_objects_defines_no_class():
    """Objects of library classes (a data frame, a chart) are no classes."""
    module = _script_module("from fractions import Fraction\nratio = Fraction(1, 3)")
    assert not session_identity._made_classes(module, ())


def test_a_class_made_by_a_call_is_a_class_the_script_defined():
    """``Enum("Color", ...)``, ``namedtuple``: classes without a class statement."""
    module = _script_module("from enum import Enum\nColor = Enum('Color', 'RED GREEN')")
    assert session_identity._made_classes(module, ())


def test_an_imported_class_is_not_one_the_script_defined():
    module = _script_module("from fractions import Fraction")
    assert not session_identity._made_classes(module, ())


def test_a_class_the_lineage_holds_is_not_made_otherwise():
    """A class statement's class is the lineage's: kept, or replaced by an
    edit that starts a generation itself."""
    module = _script_module("class Point:\n    pass")
    assert session_identity._made_classes(module, ())
    assert not session_identity._made_classes(module, {module.Point})


def test_other_modes_start_a_generation():
    from streamlit.testing.v1.util import patch_config_options

    state = types.SimpleNamespace(_class_identity=SessionIdentity())
    identity = state._class_identity
    module = types.ModuleType("__main__")
    session_identity.record_script_module(state, module)
    start = identity.generation
    with patch_config_options({"runner.enumCoercion": "nameAndValue"}):
        session_identity.record_script_module(state, module)
    assert identity.generation == start + 1
    assert identity.run_modes().enums == "nameAndValue"


def test_a_page_is_searched_before_the_entrypoint():
    state = types.SimpleNamespace(_class_identity=SessionIdentity())
    main, page = types.ModuleType("__main__"), types.ModuleType("__main__")
    session_identity.record_script_module(state, main)
    session_identity.record_page_module(state, page)
    assert state._class_identity.modules == (page, main)


def _define_point(identity: SessionIdentity, body: str) -> type:
    """One full run of a script whose class statement defines ``Point``: the
    name bound to what the session gives, as the statement's mark binds it."""
    module = types.ModuleType("__main__")
    identity.start_run(module, full_run=True)
    source = f"from dataclasses import dataclass\n@dataclass\nclass Point:\n{body}"
    exec(source, module.__dict__)
    found = identity.class_defined(module.__dict__["Point"], "/app.py")
    module.__dict__["Point"] = found
    return found


def test_an_edit_of_a_data_class_moves_its_objects_at_once_on_every_interpreter():
    """No kept value needs walking again after the edit: the objects were
    moved when the class statement ran (3.12.1 starts with objects of its own
    out of the collector's reach; no script's object is among them)."""
    identity = SessionIdentity()
    point = _define_point(identity, "    x: int\n")(1)
    assert _define_point(identity, "    x: int\n") is type(point)  # kept
    start = identity.generation
    edited = _define_point(identity, "    x: int\n    y: int = 7\n")
    assert type(point) is edited and point.y == 7
    assert identity.generation == start
