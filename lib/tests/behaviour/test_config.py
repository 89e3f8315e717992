"""An invalid runner.enumCoercion is a clear error at the first widget (AppTest)."""

from __future__ import annotations

import pytest
from support.apps import app, coercion
from support.scripts import TWO_COLOR_APP, script

SCRIPT = script(
    TWO_COLOR_APP,
    """
    st.text("before=ran")
    st.selectbox("Color", Color)
    st.text("after=ran")
    """,
)


@pytest.mark.coercion
@pytest.mark.parametrize(
    ("value", "hint"),
    [("nameonly", "Did you mean 'nameOnly'?"), ("bogus", None), (3, None)],
)
def test_invalid_mode_is_an_error_at_the_first_widget(value, hint):
    with coercion(value):
        at = app(SCRIPT).run()
    assert len(at.exception) == 1
    message = at.exception[0].message
    assert "runner.enumCoercion" in message
    assert repr(value) in message
    assert "'off', 'nameOnly', 'nameAndValue'" in message
    if hint:
        assert hint in message
    assert [t.value for t in at.text] == ["before=ran"]


@pytest.mark.coercion
def test_invalid_instance_option_is_an_error_at_the_first_widget():
    from support.apps import instance_coercion

    with instance_coercion("dataclasses"):
        at = app(SCRIPT).run()
    assert len(at.exception) == 1
    message = at.exception[0].message
    assert "runner.instanceCoercion" in message
    assert "'dataclasses'" in message
    assert "Did you mean 'dataClasses'?" in message
    assert [t.value for t in at.text] == ["before=ran"]
