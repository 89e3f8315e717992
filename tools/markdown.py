"""What ``make docs`` and ``make compare`` write into markdown files: tables
(tabulate's), and the generated sections of docs/, between
``<!-- NAME begin ... -->`` and ``<!-- NAME end -->``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Sequence

from tabulate import tabulate


def table(headers: str, rows: Sequence[Sequence[Any]], align: str) -> str:
    """A markdown table: ``headers`` as in markdown, ``"n | k | ..."``, and
    ``align`` an ``l`` or ``r`` for each column."""
    sides = [{"l": "left", "r": "right"}[a] for a in align]
    names = [name.strip() for name in headers.split(" | ")]
    return tabulate(rows, names, "pipe", colalign=sides, disable_numparse=True)


def write_section(path: Path, name: str, body: str) -> None:
    """Put ``body`` between the ``NAME`` markers of ``path``, a blank line
    either side, and leave the rest of the file as it is."""
    text = path.read_text(encoding="utf-8")
    begin = re.search(rf"<!-- {re.escape(name)} begin\b.*?-->", text)
    end = text.find(f"<!-- {name} end -->")
    if begin is None or end < begin.end():
        raise ValueError(f"{path}: no <!-- {name} begin/end --> markers")
    text = text[: begin.end()] + "\n\n" + body.strip() + "\n\n" + text[end:]
    path.write_text(text, encoding="utf-8")
