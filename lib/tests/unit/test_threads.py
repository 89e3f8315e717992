"""Sixteen threads coercing between overlapping class pairs at once.

Sessions run their scripts on separate threads and share the process-wide
verdict cache: no lost or wrong results, no exceptions.
"""

from __future__ import annotations

import sys
import threading
from enum import Enum
from typing import Iterator

import pytest
from streamlit.class_identity.correspondence import CACHE_FROM_MEMBERS
from streamlit.class_identity.members import remap
from streamlit.class_identity.options import OptionCoercer

THREADS = 16
ROUNDS = 300


def _versions(count: int, grow_at: int) -> list[type[Enum]]:
    """Versions of one class as reruns make them; version ``grow_at`` adds a member.

    Large enough that the verdict for each pair goes through the shared cache.
    """
    names = ["RED", "GREEN", "BLUE"] + [f"S{i}" for i in range(CACHE_FROM_MEMBERS)]
    return [
        Enum("Color", names + (["BLACK"] if i >= grow_at else []), qualname="Color")
        for i in range(count)
    ]


@pytest.fixture()
def busy_switching() -> Iterator[None]:
    """Switch threads as often as possible, to interleave the cache's users."""
    saved = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(saved)


def test_threads_coercing_overlapping_pairs_get_exactly_the_right_members(
    busy_switching,
):
    versions = _versions(8, grow_at=6)
    barrier = threading.Barrier(THREADS)
    wrong: list[str] = []
    errors: list[BaseException] = []
    done = [0] * THREADS

    def work(t: int) -> None:
        try:
            barrier.wait()
            for r in range(ROUNDS):
                old = versions[(t + r) % len(versions)]
                new = versions[(t + r + 1) % len(versions)]
                member = old.__members__[["RED", "GREEN", "BLUE"][r % 3]]
                same_names = set(old.__members__) == set(new.__members__)
                expected = new.__members__[member.name] if same_names else None
                got = remap(member, new, "nameOnly")
                if got is not expected:
                    wrong.append(f"remap {member!r} -> {new!r}: {got!r}")
                coerced = OptionCoercer(list(new), "nameAndValue").value([member])
                if coerced != ([expected] if same_names else [member]):
                    wrong.append(f"options {member!r}: {coerced!r}")
                done[t] += 1
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    assert wrong == []
    assert done == [ROUNDS] * THREADS
