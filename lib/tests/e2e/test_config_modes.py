"""Each runner.enumCoercion mode, set each way a user sets it, reaches the server.

The mode is read from what the served app *does* with picked members of a
class whose values stay (Stable) and one whose values change every run
(Shifty), not only from the option's value: a mode that is accepted but
not used by the running server would fail here.
"""

from __future__ import annotations

import asyncio
from typing import Dict, Tuple

import pytest
from st_stub import StubSession
from support.servers import APPS, Serve

# mode -> (Stable picks are current, Shifty picks are current)
EXPECTED = {
    "off": ("False", "False"),
    "nameAndValue": ("True", "False"),
    "nameOnly": ("True", "True"),
}


def setting(surface: str, mode: str) -> Dict[str, object]:
    """The serve() arguments that set the mode through one surface."""
    if surface == "config.toml":
        return {"config_toml": f'[runner]\nenumCoercion = "{mode}"\n'}
    if surface == "flag":
        return {"args": [f"--runner.enumCoercion={mode}"]}
    return {"env": {"STREAMLIT_RUNNER_ENUM_COERCION": mode}}


async def pick_b_on_both(url: str) -> Dict[str, str]:
    async with StubSession(url) as session:
        await session.connect()
        await session.select("Stable", "Stable.B")
        page = await session.select("Shifty", "Shifty.B")
        assert page.exceptions == []
        return page.report()


@pytest.mark.parametrize("mode", sorted(EXPECTED))
@pytest.mark.parametrize("surface", ["config.toml", "flag", "environment"])
def test_mode_reaches_the_server(serve: Serve, surface: str, mode: str) -> None:
    """config.toml, the flag and the environment variable each set the mode."""
    server = serve(APPS / "modes_app.py", **setting(surface, mode))
    report = asyncio.run(pick_b_on_both(server.url))
    seen: Tuple[str, str] = (report["stable_current"], report["shifty_current"])
    assert (report["option"], seen) == (mode, EXPECTED[mode])


def test_default_mode_is_name_only(serve: Serve) -> None:
    """With nothing set, the server coerces by name (the documented default)."""
    server = serve(APPS / "modes_app.py")
    report = asyncio.run(pick_b_on_both(server.url))
    seen = (report["stable_current"], report["shifty_current"])
    assert (report["option"], seen) == ("nameOnly", EXPECTED["nameOnly"])
