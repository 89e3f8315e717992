"""Option labels looked up in O(1), for widgets that receive labels (1.67).

The browser sends the labels of the chosen options. 1.67's multiselect finds
each with ``formatted_options.index(label)``, an O(n) scan a label: O(k·n)
for k selected of n options, on every rerun, twice once values are re-read
with the current options. Its serde already holds a label-to-index dict, but
that one keeps the *last* option of a repeated label, where ``list.index``
finds the first; ``first_index`` gives the first, in one O(n) pass at most.
"""

from __future__ import annotations

from typing import Any, Final

_CACHE: Final = "_class_identity_first_index"


def first_index(serde: Any) -> dict[str, int]:
    """Label -> index of the first option with that label (as ``list.index``).

    Cached on the serde, which lives for one run. When no label repeats, the
    serde's own dict already is that mapping and is used as it is.
    """
    cached: dict[str, int] | None = serde.__dict__.get(_CACHE)
    if cached is None:
        labels: list[str] = serde.formatted_options
        last: dict[str, int] = serde.formatted_option_to_option_index
        if len(last) == len(labels):
            cached = last
        else:  # a repeated label: the first one wins, as with list.index
            cached = dict(zip(reversed(labels), range(len(labels) - 1, -1, -1)))
        setattr(serde, _CACHE, cached)
    return cached
