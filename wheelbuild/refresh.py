"""Whether each of our patches applies to one upstream release.

    python -m wheelbuild.refresh UPSTREAM [--pins PATH] [--json OUT]

UPSTREAM is a Streamlit version (``1.45.1``) or ``newest``, the newest
release. Its wheel is fetched by name and version as the build fetches it
(``pip download``, into ``.cache/upstream``; a pinned release's checked
against its pinned sha256), and unpacked afresh into
``.cache/refresh/<version>``, a git repository whose first commit is
upstream's files.

Each patch of ``patches/series`` is then tried in series order with ``git
apply --check`` (no fuzz, as the build), each of its forms in upstream.toml
(or the pin file ``--pins`` names, such as a copy with a form made in a
scratch folder) newest first, and reported as one of

    applies                 at the line numbers it records
    applies with offset     a hunk matched N lines away from them
    fails at FILE:LINE      the first hunk that does not apply: its file and
                            the line its header records
    file missing: FILE      a file it patches is not in the release

A patch that applies is applied (and committed: ``git log`` in the tree shows
which) before the next is tried, so later patches see earlier ones, as in the
build; one that fails is skipped. The form of a result is the one that
applied first.

Exit status: 0 when every patch applies, 1 when one does not, 2 when the
release cannot be found, downloaded or unpacked, or the arguments are wrong.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from wheelbuild.build import (
    CACHE,
    NAME,
    PINS,
    BuildError,
    PatchForms,
    Pin,
    _shown,
    download,
    fetch,
    git,
    git_apply,
    patch_forms,
    read_pin,
    sha256_of,
    unpack,
    versions,
)

REFRESH = CACHE.parent / "refresh"


class RefreshError(Exception):
    """The release cannot be found, fetched or unpacked (exit status 2)."""


# -- the release --------------------------------------------------------------


@dataclass(frozen=True)
class Upstream:
    """One release's wheel, as fetched."""

    version: str
    filename: str
    sha256: str
    requires_python: str | None = None


def _version_key(version: str) -> tuple[int, ...] | None:
    """``1.45.1`` as (1, 45, 1); None for anything but dotted numbers."""
    if not re.fullmatch(r"\d+(\.\d+)*", version):
        return None
    return tuple(int(part) for part in version.split("."))


def resolve(version: str, cache: Path) -> Path:
    """The release's wheel in ``cache``: a pinned release's as the build
    fetches it (checked against its pin), another's as pip downloads it."""
    try:
        if version in versions():
            return fetch(read_pin(version), cache)
        return download(version, cache)
    except BuildError as e:
        raise RefreshError(str(e)) from None


def described(wheel: Path) -> Upstream:
    """What the wheel says of itself: version, sha256, Requires-Python."""
    found = wheel.name.split("-")[1]
    requires_python = None
    with zipfile.ZipFile(wheel) as zf:
        metadata = f"{NAME}-{found}.dist-info/METADATA"
        if metadata in zf.namelist():
            for line in zf.read(metadata).decode("utf-8").splitlines():
                if line.startswith("Requires-Python:"):
                    requires_python = line.split(":", 1)[1].strip()
                    break
    return Upstream(found, wheel.name, sha256_of(wheel), requires_python)


def prepare_tree(wheel: Path, version: str, work: Path) -> Path:
    """The wheel unpacked afresh into ``work/<version>``, a git repository
    whose first commit is upstream's files."""
    dest = work / version
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    try:
        tree = unpack(wheel, dest, Pin(version, "", "", ()))
        git(tree, "init", "--quiet")
        git(tree, "add", "--all")
        git(tree, "commit", "--quiet", "--message", f"upstream {version}")
    except BuildError as e:
        raise RefreshError(str(e)) from None
    return tree


# -- the patches --------------------------------------------------------------


def pinned_forms(pins: Path = PINS) -> list[PatchForms]:
    """Every patch of ``patches/series`` with every form the pin file gives
    it, newest first (whatever releases the pin file says each serves)."""
    try:
        return patch_forms(pins)
    except (BuildError, OSError) as e:
        raise RefreshError(str(e)) from None


@dataclass
class Attempt:
    """What ``git apply --check -v`` said of one form."""

    form: str
    status: str  # applies | applies with offset | fails | file missing
    offset: int = 0  # the largest hunk offset, signed (0 when none moved)
    file: str | None = None
    line: int | None = None
    hunks: list[dict] = field(default_factory=list)  # the hunks that moved
    expected: str | None = None  # the context git searched for and missed
    message: str | None = None  # git's first error line

    @property
    def applied(self) -> bool:
        return self.status.startswith("applies")


HUNK = re.compile(r"^Hunk #(\d+) succeeded at (\d+) \(offset (-?\d+) lines?\)\.$")
CHECKING = re.compile(r"^Checking patch (.+)\.\.\.$")
FAILED = re.compile(r"^error: patch failed: (.+):(\d+)$")
MISSING = re.compile(
    r"^error: (\S+): (No such file or directory|does not exist in index)$"
)


def classify(form: str, returncode: int, stderr: str) -> Attempt:
    """The status of one form from git apply --check --verbose's output: the
    hunks that moved, or the first error (a failed hunk with the context git
    searched for, a missing file, anything else git refused)."""
    lines = stderr.splitlines()
    checking = None
    hunks: list[dict] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        expected = None
        if line == "error: while searching for:":
            # the context, then a blank line, then "error: patch failed: F:N"
            end = next(
                (j for j in range(i + 1, len(lines)) if FAILED.match(lines[j])), None
            )
            if end is not None:
                body = lines[i + 1 : end]
                if body and body[-1] == "":
                    body = body[:-1]
                expected = "\n".join(body) + "\n"
                i = end
                line = lines[i]
        if match := CHECKING.match(line):
            checking = match.group(1)
        elif match := HUNK.match(line):
            hunks.append(
                {
                    "file": checking,
                    "hunk": int(match.group(1)),
                    "at": int(match.group(2)),
                    "offset": int(match.group(3)),
                }
            )
        elif match := FAILED.match(line):
            return Attempt(
                form, "fails", file=match.group(1), line=int(match.group(2)),
                hunks=hunks, expected=expected, message=line,
            )  # fmt: skip
        elif match := MISSING.match(line):
            return Attempt(
                form, "file missing", file=match.group(1), hunks=hunks, message=line
            )
        elif line.startswith("error: "):
            where = re.match(r"^error: (\S+?): ", line)
            return Attempt(
                form, "fails", file=where.group(1) if where else None, hunks=hunks,
                message=line,
            )  # fmt: skip
        i += 1
    if returncode != 0:
        message = stderr.strip() or f"git apply exited {returncode}"
        return Attempt(form, "fails", hunks=hunks, message=message)
    if not hunks:
        return Attempt(form, "applies")
    offset = max((h["offset"] for h in hunks), key=abs)
    return Attempt(form, "applies with offset", offset=offset, hunks=hunks)


@dataclass
class Result:
    """What one patch name came to: the form that applied, or the newest
    form's failure; every form tried, in ``attempts``."""

    patch: str
    form: str | None
    status: str
    offset: int = 0
    file: str | None = None
    line: int | None = None
    hunks: list[dict] = field(default_factory=list)
    attempts: list[Attempt] = field(default_factory=list)

    @property
    def applied(self) -> bool:
        return self.status.startswith("applies")


def check(tree: Path, patches: list[PatchForms]) -> list[Result]:
    """Try each patch's forms in turn on the tree, applying (and committing)
    the first that applies; a patch none of whose forms applies is skipped."""
    results = []
    for patch in patches:
        name = patch.name
        attempts = []
        chosen = None
        for form in patch.forms:
            run = git_apply(tree, form.path.resolve(), "--check")
            attempt = classify(form.label, run.returncode, run.stderr)
            attempts.append(attempt)
            if attempt.applied:
                chosen = attempt
                done = git_apply(tree, form.path.resolve())
                if done.returncode != 0:  # --check said it would
                    raise RefreshError(f"git apply {form.path}:\n{done.stderr}")
                git(tree, "add", "--all")
                message = f"{name} ({form.label} form)"
                git(tree, "commit", "--quiet", "--allow-empty", "--message", message)
                break
        shown = chosen or attempts[0]
        results.append(
            Result(
                name,
                shown.form,
                shown.status,
                offset=shown.offset,
                file=shown.file,
                line=shown.line,
                hunks=shown.hunks,
                attempts=attempts,
            )
        )
    return results


# -- the report ---------------------------------------------------------------


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def describe(result: Result | Attempt) -> str:
    """``applies``, ``applies with offset (+9 lines, 2 hunks moved)``,
    ``fails at FILE:LINE`` or ``file missing: FILE``."""
    if result.status == "applies with offset":
        return (
            f"applies with offset ({result.offset:+d} "
            f"{'line' if abs(result.offset) == 1 else 'lines'}, "
            f"{_plural(len(result.hunks), 'hunk', 'hunks')} moved)"
        )
    if result.status == "file missing":
        return f"file missing: {result.file}"
    if result.status == "fails":
        if result.line is not None:
            return f"fails at {result.file}:{result.line}"
        message = result.message if isinstance(result, Attempt) else None
        if message is None and isinstance(result, Result):
            message = next(
                (a.message for a in result.attempts if a.form == result.form), None
            )
        return f"fails: {message}"
    return result.status


def report(results: list[Result], upstream: Upstream) -> list[str]:
    width = max((len(r.patch) for r in results), default=0)
    lines = []
    for r in results:
        text = describe(r)
        if r.applied and len(r.attempts) > 1:
            text += "; " + "; ".join(
                f"{a.form} form {describe(a)}" for a in r.attempts[:-1]
            )
        elif not r.applied:
            text = f"{text} ({r.form} form)"
            text += "".join(f"; {a.form} form {describe(a)}" for a in r.attempts[1:])
        form = r.form if r.applied else "-"
        lines.append(f"{r.patch:<{width}}  {form:>7}  {text}")
    applied = [r for r in results if r.applied]
    moved = [r for r in applied if r.status == "applies with offset"]
    failed = [r for r in results if not r.applied]
    missing = [r for r in failed if r.status == "file missing"]
    forms = sorted({r.form for r in applied if r.form}, key=str)
    lines.append(
        f"streamlit {upstream.version}: {len(applied)} of "
        f"{_plural(len(results), 'patch', 'patches')} apply"
        f" ({len(applied) - len(moved)} as recorded, {len(moved)} with offset"
        + (f"; forms {', '.join(forms)}" if forms else "")
        + f"), {len(failed)} not"
        + (f" ({len(missing)} for a missing file)" if missing else "")
    )
    return lines


def as_json(upstream: Upstream, pins: Path, results: list[Result]) -> dict:
    return {
        "version": upstream.version,
        "sha256": upstream.sha256,
        "filename": upstream.filename,
        "requires_python": upstream.requires_python,
        "pins": _shown(pins),
        "applied": all(r.applied for r in results),
        "results": [
            {
                **asdict(r),
                "describe": describe(r),
                "attempts": [
                    {**asdict(a), "describe": describe(a)} for a in r.attempts
                ],
            }
            for r in results
        ],
    }


def run(
    version: str,
    pins: Path | None = None,
    cache: Path | None = None,
    work: Path | None = None,
) -> tuple[Upstream, Path, list[Result]]:
    """Resolve, fetch, unpack and check: the release, its tree, the results
    (every form of each patch the pin file gives)."""
    cache = cache or CACHE
    work = work or REFRESH
    forms = pinned_forms(pins or PINS)
    upstream = described(resolve(version, cache))
    tree = prepare_tree(cache / upstream.filename, upstream.version, work)
    return upstream, tree, check(tree, forms)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m wheelbuild.refresh",
        description="Whether each patch applies to one upstream Streamlit release.",
    )
    parser.add_argument(
        "upstream", metavar="UPSTREAM", help="a Streamlit version (1.45.1), or newest"
    )
    parser.add_argument(
        "--pins",
        type=Path,
        default=PINS,
        metavar="PATH",
        help="the pin file whose forms to try (default: upstream.toml)",
    )
    parser.add_argument(
        "--json", type=Path, metavar="OUT", help="also write the results as JSON"
    )
    args = parser.parse_args(argv)
    if args.upstream != "newest" and _version_key(args.upstream) is None:
        parser.error(
            f"UPSTREAM must be a version such as 1.45.1, or newest, "
            f"not {args.upstream!r}"
        )
    try:
        upstream, tree, results = run(args.upstream, args.pins)
    except (RefreshError, BuildError) as e:
        print(f"refresh: {e}", file=sys.stderr)
        return 2
    print(
        f"streamlit {upstream.version} ({upstream.filename}, sha256 "
        f"{upstream.sha256[:12]}...), tree {_shown(tree)}"
    )
    for line in report(results, upstream):
        print(line)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(as_json(upstream, args.pins, results), indent=2) + "\n",
            encoding="utf-8",
        )
    return 0 if all(r.applied for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
