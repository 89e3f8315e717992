"""The stub shows a large element the server sends again by reference only.

A cacheable message sent before comes back as a ``ref_hash``: 1.28.2's
server refers to what it sent this session before, 1.67.0's only to what
the client lists as cached in its rerun request. Either way the page must
show the full element, or every test reading large pages would misread
them.
"""

from __future__ import annotations

import asyncio
from typing import List, Tuple

from st_stub import StubSession
from support.servers import APPS, Serve

BIG = "big " + "x" * 20_000


async def three_runs(url: str) -> Tuple[List[str], List[str], int]:
    async with StubSession(url) as session:
        await session.connect()
        await session.rerun()
        page = await session.rerun()
        return page.markdown, page.texts, session.references


def test_element_sent_by_reference_is_shown_in_full(serve: Serve) -> None:
    """Third run: the big markdown came as a reference and is shown whole."""
    server = serve(APPS / "big_element_app.py")
    markdown, texts, references = asyncio.run(three_runs(server.url))
    assert (markdown, texts) == ([BIG], ["runs=3"])
    assert references >= 1
