"""The seed example over a real server's websocket, as a browser drives it.

AppTest runs scripts in-process; this is the path users take: `streamlit
run`, the protobuf stream, widget states sent back by the client (option
indices on 1.28.2, option labels on 1.67.0).
"""

from __future__ import annotations

import asyncio
from typing import List, Tuple

from st_stub import Page, StubSession
from support.release import release_at_least
from support.servers import SEED_APP, Serve

HOORAY = "Hooray you found the color YELLOW!"
LABEL = "Pick the colors to use"
# Upstream added runner.enumCoercion (default nameOnly) in 1.29.
STOCK_COERCES = release_at_least("1.29")
STOCK_OFF = ["--runner.enumCoercion=off"] if STOCK_COERCES else []


async def pick_red_then_green(url: str) -> Tuple[Page, List[str]]:
    """The page after picking Red then Green, and what the widget shows chosen."""
    async with StubSession(url) as session:
        await session.connect()
        await session.select(LABEL, "Color.RED")
        page = await session.select(LABEL, "Color.RED", "Color.GREEN")
        return page, session.chosen(LABEL)


def test_seed_app_says_hooray_for_red_and_green(serve: Serve) -> None:
    """The patched default mode makes the docs' example work as written."""
    server = serve(SEED_APP)
    page, _ = asyncio.run(pick_red_then_green(server.url))
    assert HOORAY in page.markdown


def test_seed_app_with_coercion_off_stays_silent(serve: Serve) -> None:
    """`--runner.enumCoercion=off` is stock: the members are stale, no Hooray."""
    server = serve(SEED_APP, args=["--runner.enumCoercion=off"])
    page, session_choice = asyncio.run(pick_red_then_green(server.url))
    assert session_choice == ["Color.RED", "Color.GREEN"]
    assert HOORAY not in page.markdown


def test_seed_app_on_stock_streamlit_without_coercion_stays_silent(
    serve: Serve, stock_python: str
) -> None:
    """The bug the patch fixes is real on the stock server, through the same client.

    Stock 1.28.2 has no coercion at all; stock 1.67.0 has upstream's own,
    which its `runner.enumCoercion=off` turns off.
    """
    server = serve(SEED_APP, python=stock_python, args=STOCK_OFF)
    page, session_choice = asyncio.run(pick_red_then_green(server.url))
    assert session_choice == ["Color.RED", "Color.GREEN"]
    assert HOORAY not in page.markdown


def test_seed_app_on_stock_streamlit_by_default(
    serve: Serve, stock_python: str
) -> None:
    """Stock says Hooray only from 1.29 on, by upstream's own O(k·n) coercion."""
    server = serve(SEED_APP, python=stock_python)
    page, _ = asyncio.run(pick_red_then_green(server.url))
    assert (HOORAY in page.markdown) == STOCK_COERCES
