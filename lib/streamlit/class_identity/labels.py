"""Option labels looked up in O(1), for widgets that receive labels (1.67).

The browser sends the labels of the chosen options. 1.67's multiselect finds
each with ``formatted_options.index(label)``, an O(n) scan a label: O(k·n)
for k selected of n options, on every rerun, twice once values are re-read
with the current options. Its serde already holds a label-to-index dict, but
that one keeps the *last* option of a repeated label, where ``list.index``
finds the first; ``first_index`` gives the first, in one O(n) pass at most,
and a label that is not there raises ValueError, as ``list.index`` does, so
that the deserializer's ``except ValueError`` stays upstream's.
"""

from __future__ import annotations

from typing import Any, Final

_CACHE: Final = "_class_identity_first_index"


class LabelIndex(dict):  # type: ignore[type-arg]
    """Label -> index of its first option; a missing label raises ValueError."""

    __slots__ = ()

    def __missing__(self, label: str) -> int:
        raise ValueError(f"{label!r} is not in list")


def first_index(serde: Any) -> LabelIndex:
    """Label -> index of the first option with that label (as ``list.index``).

    Cached on the serde, which lives for one run. When no label repeats, the
    serde's own dict already holds that mapping: copied, in C.
    """
    cached: LabelIndex | None = serde.__dict__.get(_CACHE)
    if cached is None:
        labels: list[str] = serde.formatted_options
        last: dict[str, int] = serde.formatted_option_to_option_index
        if len(last) == len(labels):
            cached = LabelIndex(last)
        else:  # a repeated label: the first one wins, as with list.index
            cached = LabelIndex(zip(reversed(labels), range(len(labels) - 1, -1, -1)))
        setattr(serde, _CACHE, cached)
    return cached
