"""The seed example (docs: User classes, Enums), run verbatim from examples/."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from support.apps import coercion

SEED_APP = Path(__file__).resolve().parents[3] / "examples" / "seed_app.py"
HOORAY = "Hooray you found the color YELLOW!"


def _pick_red_then_green(at: AppTest) -> AppTest:
    at.run()
    at.multiselect[0].select("Color.RED").run()
    return at.multiselect[0].select("Color.GREEN").run()


@pytest.mark.coercion(stock_since="1.29.0")
@pytest.mark.smoke
def test_picking_red_and_green_says_hooray(mode):
    at = _pick_red_then_green(AppTest.from_file(str(SEED_APP), default_timeout=10))
    assert [m.value for m in at.markdown] == [HOORAY]


@pytest.mark.coercion(stock_since="1.29.0")
@pytest.mark.smoke
def test_hooray_by_default_with_no_config():
    at = _pick_red_then_green(AppTest.from_file(str(SEED_APP), default_timeout=10))
    assert [m.value for m in at.markdown] == [HOORAY]


def test_off_never_says_hooray_as_stock():
    with coercion("off"):
        at = _pick_red_then_green(AppTest.from_file(str(SEED_APP), default_timeout=10))
    assert at.multiselect[0].value and len(at.multiselect[0].value) == 2
    assert [m.value for m in at.markdown] == []
