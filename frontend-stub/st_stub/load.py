"""Many sessions, many reruns, one server: each session picks its own members.

Session ``i`` connects with ``?session=i`` to ``apps/own_classes.py`` and,
on rerun ``r``, picks ``C{(i+r)%8}`` in the selectbox and two other members
(also chosen by ``i`` and ``r``) in the multiselect, in one rerun. After
every rerun the page must show exactly those members, owned by session
``i``, current (``is`` the member of the run's own class), and the members
stored in session_state on the previous run must be current too. Anything
else counts as a wrong value; exception elements count as exceptions.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List

from st_stub.client import StubSession

APP = Path(__file__).resolve().parent.parent / "apps" / "own_classes.py"
MEMBERS = 8


def picks(session: int, rerun: int) -> tuple[str, List[str]]:
    """The member names session ``session`` picks on rerun ``rerun``."""
    one = (session + rerun) % MEMBERS
    many = [
        (session + rerun + 1) % MEMBERS,
        (session + rerun + 2 + session % 5) % MEMBERS,
    ]
    return f"C{one}", [f"C{m}" for m in many]


def expected_report(session: int, rerun: int) -> Dict[str, str]:
    one, many = picks(session, rerun)
    return {
        "stored_current": "True",
        "one": one,
        "many": ",".join(many),
        "owners": str(session),
        "current": "True",
    }


@dataclass
class LoadResult:
    """What a load run saw: latencies in seconds, wrong values, exceptions."""

    sessions: int
    reruns: int
    latencies: List[float] = field(default_factory=list)
    wrong: List[str] = field(default_factory=list)
    exceptions: List[str] = field(default_factory=list)
    wall: float = 0.0

    def quantile(self, q: float) -> float:
        """The q-quantile of rerun latency, in milliseconds (0 when none)."""
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        index = min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))
        return ordered[index] * 1000

    @property
    def median(self) -> float:
        return statistics.median(self.latencies) * 1000 if self.latencies else 0.0


async def _one_session(url: str, i: int, reruns: int, result: LoadResult) -> None:
    async with StubSession(url, query_string=f"session={i}", timeout=60) as s:
        await s.connect()
        for r in range(reruns):
            one, many = picks(i, r)
            s.pick("One", f"Color.{one}")
            s.pick("Many", *(f"Color.{m}" for m in many))
            page = await s.rerun()
            result.latencies.append(s.last_latency)
            got = page.report()
            want = expected_report(i, r)
            if {k: got.get(k) for k in want} != want:
                result.wrong.append(f"session {i} rerun {r}: got {got}, want {want}")
        result.exceptions.extend(f"session {i}: {e}" for e in s.exceptions_seen)


async def run_load(url: str, sessions: int = 50, reruns: int = 20) -> LoadResult:
    """Run ``sessions`` concurrent sessions of ``reruns`` reruns each."""
    result = LoadResult(sessions, reruns)
    start = time.perf_counter()
    await asyncio.gather(
        *(_one_session(url, i, reruns, result) for i in range(sessions))
    )
    result.wall = time.perf_counter() - start
    return result
