"""``patches/releases-survey.md``: which form of each patch applies to each release.

    python -m wheelbuild.survey VERSION ...

``make refresh`` (``wheelbuild.refresh``) for each release in turn, every
form upstream.toml gives, one table: a cell is the form that applied
(``+N``/``-N``: its largest hunk offset, in lines), or where the newest form
fails (``FAIL file:line``, the line its hunk header records; ``MISSING
file``: the release lacks a file it patches). A release upstream.toml pins
says so in its row; where no form applies, a form is to be made (docs/patches.md:
Porting to another upstream release).
"""

from __future__ import annotations

import datetime
import sys

from wheelbuild.build import ROOT, patch_forms, versions
from wheelbuild.refresh import Result, run

OUT = ROOT / "patches" / "releases-survey.md"


def cell(result: Result) -> str:
    if result.status.startswith("applies"):
        offset = f" {result.offset:+d}" if result.offset else ""
        return f"{result.form}{offset}"
    where = (result.file or "?").removeprefix("streamlit/")
    if result.status == "file missing":
        return f"MISSING {where}"
    return f"FAIL {where}:{result.line}" if result.line else f"FAIL {where}"


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m wheelbuild.survey VERSION ...", file=sys.stderr)
        return 2
    names = [p.name.removesuffix(".patch") for p in patch_forms()]
    numbers = [n[:4] for n in names]
    pinned = set(versions())
    rows = []
    for version in argv:
        upstream, _, results = run(version)
        applied = sum(r.status.startswith("applies") for r in results)
        mark = " (pinned)" if upstream.version in pinned else ""
        rows.append(
            f"| {upstream.version}{mark} | "
            + " | ".join(cell(r) for r in results)
            + f" | {applied}/{len(results)} |"
        )
        print(rows[-1], flush=True)
    today = datetime.date.today().isoformat()
    text = "\n".join(
        [
            "# Which form of each patch applies to each release (1.28-1.67)",
            "",
            f"Made {today} by `python -m wheelbuild.survey {' '.join(argv)}` "
            "(`make refresh` for each release: every form upstream.toml gives, "
            "newest first, in series order, each applied when it applies). A cell "
            "is the form that applied (`+N`/`-N`: its largest hunk offset, in "
            "lines), or where the newest form fails: `FAIL file:line` (the file "
            "under `streamlit/` and the line its hunk header records) or `MISSING "
            "file` (the release lacks it; for 0004, 0008 and 0009 before the "
            "releases upstream.toml says are `absent`, nothing to do). A form "
            "that only appends at the end of a module (0001, 0008) applies to "
            "every release that has the module, which does not make it right "
            "there: upstream.toml's ranges say where a form serves, and a "
            "release is built and tested once pinned.",
            "",
            *[f"- `{number}`: {name}" for number, name in zip(numbers, names)],
            "",
            "| release | " + " | ".join(numbers) + " | applied |",
            "| --- | " + " | ".join("---" for _ in numbers) + " | --- |",
            *rows,
            "",
        ]
    )
    OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
