"""50 concurrent sessions x 20 reruns against one patched server.

Each session runs its own script and so defines its own ``Color`` on every
run; the coercion must map each session's picks onto *that session's*
current class, never onto another session's (the process-global
``__main__`` they all overwrite). One load run feeds the three tests.
"""

from __future__ import annotations

import asyncio
from typing import Iterator, Tuple

import pytest
from st_stub import StreamlitServer
from st_stub.load import APP, LoadResult, run_load
from support.servers import Serve

SESSIONS, RERUNS = 50, 20


@pytest.fixture(scope="module")
def load(serve_module: Serve) -> Iterator[Tuple[StreamlitServer, LoadResult]]:
    server = serve_module(APP)
    yield server, asyncio.run(run_load(server.url, SESSIONS, RERUNS))


def test_every_rerun_of_every_session_completes(
    load: Tuple[StreamlitServer, LoadResult],
) -> None:
    """No rerun is lost or stuck under load: 1000 latencies were measured."""
    _, result = load
    assert len(result.latencies) == SESSIONS * RERUNS


def test_no_session_sees_a_wrong_or_stale_value(
    load: Tuple[StreamlitServer, LoadResult],
) -> None:
    """Each session's own picks, owned by it and current, after every rerun."""
    _, result = load
    assert result.wrong == []


def test_server_raises_no_exception_under_load(
    load: Tuple[StreamlitServer, LoadResult],
) -> None:
    """No exception element reached any session, no traceback on the server."""
    server, result = load
    assert (result.exceptions, server.tracebacks(), server.alive()) == ([], 0, True)
