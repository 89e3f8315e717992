"""``make test-releases``: the full suite on every release line, as a table.

    python -m wheelbuild.releases RELEASE ...

For each pinned release, in turn: ``make wheel`` (the wheel builds: every
patch has a form that applies), ``make test-full-patched`` (it installs,
and the full suite passes on it: every unit, behaviour, CLI and stub case)
and ``make test-stock`` (the behaviour suite against stock of the release:
strict xfails where stock lacks a case). Each
outcome is pytest's summary line, or the step's last error line. A release
upstream.toml does not pin yet gets one cell: how many patches have a form
that applies to it (``wheelbuild.refresh``), and where the first does not.
Each release's outcomes are kept in ``bench/results/releases.json`` (with
the day and commit they were measured at), so that a run of some releases
(``make test-releases RELEASES="1.40.2 1.41.1"``) updates their rows and
keeps the others'. The table of every kept row goes to
``bench/results/releases.md`` and the ``releases`` section of
``docs/releases.md``; the
exit status is 1 when a step of a release of this run failed.
"""

from __future__ import annotations

import datetime
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from wheelbuild.build import Version, patch_forms, versions
from wheelbuild.refresh import run

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "releases.md"
KEPT = ROOT / "bench" / "results" / "releases.json"
RELEASES_DOC = ROOT / "docs" / "releases.md"
STEPS = ("wheel", "test-full-patched", "test-stock")
_SUMMARY = re.compile(r"^=+ (.+?) in [\d.]+s(?: \([\d:]+\))? =+$")
_COUNTS = re.compile(r"(\d+) (passed|failed|xfailed|xpassed|error|errors|skipped)")


@dataclass
class Outcome:
    """One step of one release."""

    ok: bool
    said: str  # pytest's counts, "built", or the step's last error line


def summary(output: str) -> str | None:
    """pytest's counts from its last summary line ("9 passed, 1 xfailed")."""
    found = None
    for line in output.splitlines():
        match = _SUMMARY.match(line.strip())
        if match:
            found = ", ".join(" ".join(c) for c in _COUNTS.findall(match.group(1)))
    return found


def run_step(release: str, step: str) -> Outcome:
    done = subprocess.run(
        ["make", "--no-print-directory", step, f"UPSTREAM={release}"],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    output = done.stdout + done.stderr
    sys.stdout.write(output)
    said = summary(output)
    if done.returncode == 0:
        return Outcome(True, said or "built")
    errors = [line for line in output.splitlines() if "rror" in line or "FAIL" in line]
    return Outcome(False, said or (errors[-1] if errors else f"exit {done.returncode}"))


def not_pinned(release: str) -> Outcome:
    """What ``wheelbuild.refresh`` finds for a release no pin lists yet: of
    the patches it needs (not ``absent`` there), how many have a form that
    applies, and the first that has none."""

    version = Version(release)
    patches = patch_forms()
    absent = {p.name for p in patches if p.absent and version in p.absent}
    unserved = [
        p.name[:4]
        for p in patches
        if p.name not in absent and not any(version in f.serves for f in p.forms)
    ]
    _, _, found = run(release)
    results = [r for r in found if r.patch not in absent]  # nothing to hook there
    applied = [r for r in results if r.status.startswith("applies")]
    said = f"not pinned: {len(applied)}/{len(results)} patches apply"
    failed = next((r for r in results if not r.status.startswith("applies")), None)
    if failed is not None:
        where = (failed.file or "?").removeprefix("streamlit/")
        said += f" ({failed.patch[:4]} {failed.status} at {where})"
    if unserved:
        said += f"; no form's range takes it for {', '.join(unserved)}"
    return Outcome(False, said)


def table(rows: dict[str, dict]) -> str:
    """One row a release, in version order: its outcomes and when they were
    measured."""
    lines = [
        "| release | builds | full suite, patched | behaviour suite, stock | run |",
        "| --- | --- | --- | --- | --- |",
    ]
    for release in sorted(rows, key=Version):
        row = rows[release]
        cells = [
            ("✓ " if o["ok"] else "✗ ") + o["said"].replace("|", "\\|")
            for o in row["outcomes"]
        ]
        cells += ["not run"] * (len(STEPS) - len(cells))
        cells.append(f"{row['day']}, {row['commit']}")
        lines.append(f"| {release} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def row(outcomes: list[Outcome], day: str, commit: str) -> dict:
    """A release's row as releases.json keeps it."""
    said = [{"ok": o.ok, "said": o.said} for o in outcomes]
    return {"day": day, "commit": commit, "outcomes": said}


def kept_rows() -> dict[str, dict]:
    """The rows earlier runs measured, of releases still pinned or named."""
    return json.loads(KEPT.read_text(encoding="utf-8")) if KEPT.exists() else {}


def releases_section(rows: dict[str, dict] | None = None) -> str:
    """The ``releases`` section of docs/releases.md: what the table says, and
    the table of ``rows`` (by default every kept row; ``main`` keeps the rows
    of pinned releases and of its run)."""
    return (
        "Made by `make test-releases` (`python -m wheelbuild.releases "
        "RELEASE ...`, each row on the day and commit it names): per release "
        "line (the anchors also run the end-to-end tests in `make test`), whether "
        "its wheel builds, the full suite on it (every unit, behaviour, CLI and "
        "stub case: passed, failed) and the behaviour suite on stock of the "
        "release (passed where stock has the case, strict xfail where it lacks "
        "it); for a release not pinned yet, how many patches have a form that "
        "applies to it.\n\n" + table(kept_rows() if rows is None else rows)
    )


def commit() -> str:
    git = ["git", "rev-parse", "--short", "HEAD"]
    done = subprocess.run(git, cwd=ROOT, capture_output=True, text=True)
    return done.stdout.strip() or "?"


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m wheelbuild.releases RELEASE ...", file=sys.stderr)
        return 2
    pinned = set(versions())
    rows = {r: row for r, row in kept_rows().items() if r in pinned}
    results: dict[str, list[Outcome]] = {}
    for release in argv:
        if release not in pinned:
            results[release] = [not_pinned(release)]
            continue
        outcomes = results[release] = []
        for step in STEPS:
            outcome = run_step(release, step)
            outcomes.append(outcome)
            if not outcome.ok and step == "wheel":
                break
    day, at = datetime.date.today().isoformat(), commit()
    rows.update((r, row(outcomes, day, at)) for r, outcomes in results.items())
    KEPT.write_text(json.dumps(rows, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    body = releases_section(rows)
    RESULTS.write_text("# Every pinned release: the full suite\n\n" + body)
    sys.path.insert(0, str(ROOT))
    from tools.markdown import write_section  # tabulate: the tools venv's

    write_section(RELEASES_DOC, "releases", body)
    print(table({r: rows[r] for r in results}))
    failed = [r for r in pinned & set(results) if not all(o.ok for o in results[r])]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
