"""Hunks with the least context that still finds their one place.

``git diff`` puts three lines of upstream's text around every change, and
``git apply`` (no fuzz) wants all of them: a hook then stops applying to the
next release when any neighbouring line changed, though its anchor did not.
A patch here carries one line of context on each side of a change, more only
where the changed block with one line is found more than once in the file
(up to three a side, as git has), and none after a change at the end of a
file: git applies such a hunk only at the end of the file. Lines added at
the end carry no context at all, so they apply at the end of the module
whatever its last line is: an anchor that survives releases (an import
placed there, ``# noqa: E402``, instead of in the import block every
release reorders).

``least_context(diff_U0, old_text)`` rewrites a ``git diff -U0`` of files
that exist on both sides; ``old_text(path)`` gives a file as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

_MOST = 3  # git's default: never more context than a plain diff has
_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


class HunkError(ValueError):
    """A diff this module does not rewrite (a new, deleted or binary file)."""


@dataclass
class Change:
    """Old lines ``[start, start + len(removed))`` (0-based) become ``added``."""

    start: int
    removed: list[str]
    added: list[str] = field(default_factory=list)

    @property
    def end(self) -> int:
        return self.start + len(self.removed)


def _changes(lines: list[str]) -> list[Change]:
    """The changes of one file's part of a ``-U0`` diff."""
    found: list[Change] = []
    for line in lines:
        match = _HUNK.match(line)
        if match:
            old_start, old_count = int(match.group(1)), int(match.group(2) or 1)
            # -U0: an insertion names the line it follows; a removal its first.
            found.append(Change(old_start if old_count == 0 else old_start - 1, []))
        elif line.startswith("\\"):
            raise HunkError("a file without a final newline")
        elif line[:1] == "-":
            found[-1].removed.append(line[1:])
        elif line[:1] == "+":
            found[-1].added.append(line[1:])
    return found


def _occurrences(old: list[str], block: list[str]) -> int:
    """How many places of ``old`` hold ``block``, up to two."""
    size, seen = len(block), 0
    for i in range(len(old) - size + 1):
        if old[i : i + size] == block:
            seen += 1
            if seen > 1:
                break
    return seen


def _window(old: list[str], change: Change) -> tuple[int, int]:
    """The old lines a change's hunk shows: the change and its least context.

    Least is the fewest non-blank context lines (a blank line finds no
    place), then the fewest lines, then lines before the change rather than
    after it, with which the hunk's old lines occur once in the file. A hunk
    needs a line after the change: git matches one without any only at the
    end of the file, and one without a line before it anywhere, unless it
    starts the file.
    """
    if change.end == len(old):  # at the end: git matches it there only
        if not change.removed:
            return change.start, change.end  # an append: nothing to match
        return change.start - min(1, change.start), change.end
    if change.start == 0:  # at the start: likewise
        return 0, change.end + 1
    best: tuple[tuple[int, int, int], int, int] | None = None
    for lead in range(min(_MOST, change.start) + 1):
        for trail in range(1, min(_MOST, len(old) - change.end) + 1):
            start, end = change.start - lead, change.end + trail
            context = old[start : change.start] + old[change.end : end]
            weight = (sum(1 for line in context if line.strip()), lead + trail, -lead)
            if best is not None and weight >= best[0]:
                continue
            if _occurrences(old, old[start:end]) <= 1:
                best = (weight, start, end)
    if best is None:  # found more than once even with git's three lines a side
        return change.start - min(_MOST, change.start), change.end + min(
            _MOST, len(old) - change.end
        )
    return best[1], best[2]


def _count(n: int) -> str:
    return "" if n == 1 else f",{n}"


def _file_hunks(old: list[str], changes: list[Change]) -> list[str]:
    """One file's hunks, neighbouring windows joined into one hunk."""
    groups: list[tuple[int, int, list[Change]]] = []
    for change in changes:
        start, end = _window(old, change)
        if groups and start <= groups[-1][1]:
            first, _, members = groups[-1]
            groups[-1] = (first, max(end, groups[-1][1]), [*members, change])
        else:
            groups.append((start, end, [change]))
    out: list[str] = []
    shift = 0  # new lines minus old lines of the hunks before
    for start, end, members in groups:
        body: list[str] = []
        i = start
        for change in members:
            body += [f" {line}" for line in old[i : change.start]]
            body += [f"-{line}" for line in change.removed]
            body += [f"+{line}" for line in change.added]
            i = change.end
        body += [f" {line}" for line in old[i:end]]
        old_count = end - start
        new_count = sum(1 for line in body if line[0] != "-")
        # An empty side names the line before it, as diff does.
        old_start = start + (old_count > 0)
        new_start = start + shift + (new_count > 0)
        out.append(
            f"@@ -{old_start}{_count(old_count)} +{new_start}{_count(new_count)} @@"
        )
        out += body
        shift += new_count - old_count
    return out


def least_context(diff_u0: str, old_text: Callable[[str], str]) -> str:
    """``diff_u0`` (``git diff -U0``, no extended headers) with each hunk
    given its least context, read off ``old_text(path)``."""
    out: list[str] = []
    parts = re.split(r"(?m)^(?=--- )", diff_u0)
    for part in parts:
        if not part.strip():
            continue
        lines = part.splitlines()
        if len(lines) < 2 or not lines[1].startswith("+++ "):
            raise HunkError(f"not a file's diff: {lines[0]!r}")
        if lines[0] == "--- /dev/null" or lines[1] == "+++ /dev/null":
            raise HunkError(f"a new or deleted file: {lines[0]} {lines[1]}")
        path = lines[0][len("--- a/") :]
        old = old_text(path).splitlines()
        out += lines[:2]
        out += _file_hunks(old, _changes(lines[2:]))
    return "\n".join(out) + "\n" if out else ""
