"""What a session keeps for reads of kept values (``session_values``).

A value is walked once a generation; a new generation starts when a class may
have been redefined: a full run once the session's script has defined a
class, a change of ``sys.modules`` (a module re-imported), other modes.
"""

from __future__ import annotations

import sys
import types

from streamlit.class_identity import session_values
from streamlit.class_identity.session_values import SessionIdentity


def test_a_module_imported_anew_is_a_new_fingerprint():
    """Also when the new module takes the address of the one it replaces."""
    name = "class_identity_test_module"
    imports = session_values.Imports()
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

    session_values.running_script(state, plain)
    start = identity.generation
    session_values.running_script(state, plain)
    assert identity.generation == start  # nothing was redefined
    session_values.running_script(state, classy)
    session_values.running_script(state, classy)  # the run after one with a class
    assert identity.generation == start + 1
    session_values.running_script(state, classy)
    assert identity.generation == start + 2
    session_values.running_script(state, classy, full_run=False)  # a fragment
    assert identity.generation == start + 2
