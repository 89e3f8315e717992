"""Whether each of our patches applies to one upstream release.

    python -m wheelbuild.refresh UPSTREAM [--series PATH ...] [--json OUT]

UPSTREAM is a Streamlit version (``1.45.1``) or ``newest``, the newest
release on PyPI. Its py3-none-any wheel is found on PyPI (the JSON API: the
release's own page, else the project's; ``pip download`` when neither
answers), downloaded into ``.cache/upstream`` (a file already there is
reused when its sha256 is PyPI's), checked, and unpacked afresh into
``.cache/refresh/<version>``, a git repository whose first commit is
upstream's files.

Each patch of ``patches/series`` is then tried in series order with ``git
apply --check`` (no fuzz, as the build), each of its forms in upstream.toml
newest first, and reported as one of

    applies                 at the line numbers it records
    applies with offset     a hunk matched N lines away from them
    fails at FILE:LINE      the first hunk that does not apply: its file and
                            the line its header records
    file missing: FILE      a file it patches is not in the release

A patch that applies is applied (and committed: ``git log`` in the tree shows
which) before the next is tried, so later patches see earlier ones, as in the
build; one that fails is skipped. The form of a result is the one that
applied first. With ``--series`` (ad hoc series files, such as a form made in
a scratch folder), the patches are those of every series, by file name, and
each name's forms are tried newest series first (the series' folder names
read as versions; in the order given, the last newest, when they are not);
the form of a result is then the folder name of its series.

Exit status: 0 when every patch applies, 1 when one does not, 2 when the
release cannot be found, downloaded or unpacked, or the arguments are wrong.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from wheelbuild.build import (
    CACHE,
    NAME,
    PINS,
    BuildError,
    Pin,
    _shown,
    fetch,
    patch_header,
    read_series_file,
    sha256_of,
    unpack,
)
from wheelbuild.build import patch_forms as patch_forms_pinned
from wheelbuild.patch_tree import _git

PYPI = "https://pypi.org/pypi"
FILES = "https://files.pythonhosted.org/packages/"
REFRESH = CACHE.parent / "refresh"
APPLY = ("apply", "--verbose", "--whitespace=nowarn")


class RefreshError(Exception):
    """The release cannot be found, fetched or unpacked (exit status 2)."""


# -- the release --------------------------------------------------------------


@dataclass(frozen=True)
class Upstream:
    """One release's wheel as PyPI describes it."""

    version: str
    filename: str
    sha256: str
    url: str | None
    requires_python: str | None = None
    yanked: bool = False


def _version_key(version: str) -> tuple[int, ...] | None:
    """``1.45.1`` as (1, 45, 1); None for anything but dotted numbers."""
    if not re.fullmatch(r"\d+(\.\d+)*", version):
        return None
    return tuple(int(part) for part in version.split("."))


def _get_json(url: str) -> Any:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.load(response)


def _is_universal_wheel(filename: str) -> bool:
    """streamlit-X-py3-none-any.whl (or py2.py3-none-any, as 1.28.2 has)."""
    tags = filename.removesuffix(".whl").split("-")
    return (
        filename.endswith(".whl")
        and len(tags) == 5
        and "py3" in tags[2].split(".")
        and tags[3:] == ["none", "any"]
    )


def _file_url(url: str, page: str) -> str:
    """A file's URL as PyPI gives it: files.pythonhosted.org/packages/ and the
    file's content-addressed path. A mirror's JSON may give it relative to the
    page (../../packages/packages/13/e6/<60 hex>/streamlit-X.whl) or on its own
    host; the path is the same."""
    absolute = urljoin(page, url)
    path = re.search(
        r"/packages/([0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{60}/[^/]+)$", absolute
    )
    return FILES + path.group(1) if path else absolute


def _wheel_of(
    version: str, files: list[dict], requires_python: str | None, page: str
) -> Upstream:
    wheels = [
        f
        for f in files
        if f.get("packagetype") == "bdist_wheel" and _is_universal_wheel(f["filename"])
    ]
    if not wheels:
        names = ", ".join(f["filename"] for f in files) or "no files"
        raise RefreshError(
            f"PyPI's streamlit {version} has no py3-none-any wheel ({names})"
        )
    wheel = wheels[0]
    return Upstream(
        version=version,
        filename=wheel["filename"],
        sha256=wheel["digests"]["sha256"].lower(),
        url=_file_url(wheel["url"], page),
        requires_python=wheel.get("requires_python") or requires_python,
        yanked=bool(wheel.get("yanked")),
    )


def pypi_release(version: str, index: str | None = None) -> Upstream:
    """The release's wheel from PyPI's JSON API: the release's own page
    (``/pypi/streamlit/X/json``), else the project's (``/pypi/streamlit/json``,
    which lists every release's files; ``newest`` is its info.version).
    Raises OSError (urllib's errors) when PyPI does not answer."""
    index = index or PYPI
    if version != "newest":
        try:
            page = f"{index}/{NAME}/{version}/json"
            data = _get_json(page)
            info = data["info"]
            return _wheel_of(version, data["urls"], info.get("requires_python"), page)
        except urllib.error.HTTPError as e:
            if e.code != 404:
                raise
            # Some mirrors answer only the project's page: ask it.
    page = f"{index}/{NAME}/json"
    data = _get_json(page)
    if version == "newest":
        version = data["info"]["version"]
    files = data["releases"].get(version)
    if not files:
        raise RefreshError(f"PyPI has no streamlit release {version!r}")
    return _wheel_of(version, files, None, page)


def _pip(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pip", *args], capture_output=True, text=True
    )


def pip_release(version: str, cache: Path) -> Upstream:
    """The release's wheel by ``pip download`` (when PyPI's JSON API does not
    answer): its sha256 is the downloaded file's, its URL unknown."""
    cache.mkdir(parents=True, exist_ok=True)
    requirement = NAME if version == "newest" else f"{NAME}=={version}"
    with tempfile.TemporaryDirectory(prefix="refresh-", dir=cache) as tmp:
        result = _pip(
            "download", "--no-deps", "--only-binary", ":all:", "--dest", tmp,
            requirement,
        )  # fmt: skip
        wheels = sorted(Path(tmp).glob(f"{NAME}-*.whl"))
        if result.returncode != 0 or len(wheels) != 1:
            raise RefreshError(
                f"pip download {requirement} failed:\n{result.stdout}{result.stderr}"
            )
        target = cache / wheels[0].name
        if not target.exists():
            shutil.move(str(wheels[0]), target)
        elif sha256_of(target) != sha256_of(wheels[0]):
            raise RefreshError(
                f"pip download gave other bytes than {_shown(target)} holds; "
                "not replacing it (delete it to take pip's)"
            )
    found = target.name.split("-")[1]
    requires_python = None
    with zipfile.ZipFile(target) as zf:
        metadata = f"{NAME}-{found}.dist-info/METADATA"
        if metadata in zf.namelist():
            for line in zf.read(metadata).decode("utf-8").splitlines():
                if line.startswith("Requires-Python:"):
                    requires_python = line.split(":", 1)[1].strip()
                    break
    return Upstream(found, target.name, sha256_of(target), None, requires_python)


def resolve(version: str, cache: Path) -> Upstream:
    """The release's wheel: PyPI's JSON API, else pip download."""
    try:
        return pypi_release(version)
    except (OSError, ValueError, KeyError) as e:
        print(
            f"refresh: PyPI's JSON API did not answer ({e}); trying pip download",
            file=sys.stderr,
        )
        return pip_release(version, cache)


def _pin(upstream: Upstream) -> Pin:
    """The build's Pin of a release upstream.toml need not list."""
    url = upstream.url or f"file:///{upstream.filename}"
    return Pin(upstream.version, url, upstream.sha256, "", Path())


def fetch_wheel(upstream: Upstream, cache: Path) -> Path:
    """The wheel in ``cache``, reused when its sha256 is PyPI's, else fetched
    again (as the build fetches), and checked."""
    target = cache / upstream.filename
    if target.exists() and sha256_of(target) != upstream.sha256:
        if upstream.url is None:
            raise RefreshError(f"{target} does not hash to {upstream.sha256}")
        print(
            f"refresh: {_shown(target)} is not PyPI's file (sha256); fetching it again",
            file=sys.stderr,
        )
        target.unlink()
    try:
        return fetch(_pin(upstream), cache)
    except BuildError as e:
        raise RefreshError(str(e)) from None


def prepare_tree(wheel: Path, version: str, work: Path) -> Path:
    """The wheel unpacked afresh into ``work/<version>``, a git repository
    whose first commit is upstream's files."""
    dest = work / version
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    pin = Pin(version, f"file:///{wheel.name}", "", "", Path())
    try:
        tree = unpack(wheel, dest, pin)
        _git(tree, "init", "--quiet")
        _git(tree, "add", "--all")
        _git(tree, "commit", "--quiet", "--message", f"upstream {version}")
    except BuildError as e:
        raise RefreshError(str(e)) from None
    return tree


# -- the patches --------------------------------------------------------------


@dataclass(frozen=True)
class Form:
    """One series' version of a patch."""

    label: str  # the series' folder name: 1.67.0
    path: Path


def _series_names(series: Path) -> list[Path]:
    """The series' patches in order (each with its DEP-3 header, as the
    build insists)."""
    try:
        patches = [series.parent / name for name in read_series_file(series)]
        missing = [p.name for p in patches if not p.is_file()]
        if missing:
            raise BuildError(f"{_shown(series)} names missing files: {missing}")
        for patch in patches:
            patch_header(patch)
    except BuildError as e:
        raise RefreshError(str(e)) from None
    return patches


def pinned_forms(pins: Path = PINS) -> list[tuple[str, list[Form]]]:
    """Every patch of ``patches/series`` with every form upstream.toml gives
    it, newest first (whatever releases the pin file says each serves)."""
    try:
        return [
            (p.name, [Form(f.label, f.path.resolve()) for f in p.forms])
            for p in patch_forms_pinned(pins)
        ]
    except BuildError as e:
        raise RefreshError(str(e)) from None


def _labels(series: list[Path]) -> list[str]:
    labels = [s.parent.name for s in series]
    if len(set(labels)) != len(labels):
        labels = [_shown(s) for s in series]
    return labels


def _merge(orders: list[list[str]]) -> list[str]:
    """One order of every name, newest series' first. Where every series
    lists its names in name order (ours do: a concern's number orders it),
    that order; else each list's order is kept, a name the merged list lacks
    going right after the name before it in its own list."""
    if all(order == sorted(order) for order in orders):
        return sorted({name for order in orders for name in order})
    merged: list[str] = []
    for order in orders:
        at = 0
        for name in order:
            if name in merged:
                at = merged.index(name) + 1
            else:
                merged.insert(at, name)
                at += 1
    return merged


def patch_forms(series: list[Path]) -> list[tuple[str, list[Form]]]:
    """Every patch name of the series with its forms, newest series first,
    in series order (the newest series' order, the others' names slotted in)."""
    series = [s.resolve() for s in series]  # git runs in the tree
    labels = _labels(series)
    keys = [_version_key(label) for label in labels]
    order = list(range(len(series)))
    if all(k is not None for k in keys):
        order.sort(key=lambda i: keys[i], reverse=True)  # type: ignore[arg-type,return-value]
    else:
        order.reverse()  # the last given is the newest
    patches = {i: _series_names(series[i]) for i in order}
    names = _merge([[p.name for p in patches[i]] for i in order])
    forms = []
    for name in names:
        found = [
            Form(labels[i], p) for i in order for p in patches[i] if p.name == name
        ]
        forms.append((name, found))
    return forms


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


def _apply(tree: Path, patch: Path, *args: str) -> subprocess.CompletedProcess:
    # _git's environment (no repository above the tree), but its output whole.
    env = dict(os.environ, GIT_CEILING_DIRECTORIES=str(tree.parent))
    return subprocess.run(
        ["git", *APPLY, *args, str(patch)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
    )


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


def check(tree: Path, forms: list[tuple[str, list[Form]]]) -> list[Result]:
    """Try each patch's forms in turn on the tree, applying (and committing)
    the first that applies; a patch none of whose forms applies is skipped."""
    results = []
    for name, candidates in forms:
        attempts = []
        chosen = None
        for form in candidates:
            run = _apply(tree, form.path, "--check")
            attempt = classify(form.label, run.returncode, run.stderr)
            attempts.append(attempt)
            if attempt.applied:
                chosen = attempt
                done = _apply(tree, form.path)
                if done.returncode != 0:  # --check said it would
                    raise RefreshError(f"git apply {form.path}:\n{done.stderr}")
                _git(tree, "add", "--all")
                message = f"{name} ({form.label} form)"
                _git(tree, "commit", "--quiet", "--allow-empty", "--message", message)
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


def as_json(
    upstream: Upstream, series: list[Path] | None, results: list[Result]
) -> dict:
    return {
        "version": upstream.version,
        "sha256": upstream.sha256,
        "url": upstream.url,
        "filename": upstream.filename,
        "requires_python": upstream.requires_python,
        "yanked": upstream.yanked,
        "series": [_shown(s) for s in series] if series else ["upstream.toml"],
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
    series: list[Path] | None = None,
    cache: Path | None = None,
    work: Path | None = None,
) -> tuple[Upstream, Path, list[Result]]:
    """Resolve, fetch, unpack and check: the release, its tree, the results
    (every form of each patch upstream.toml gives, or those of ``series``)."""
    cache = cache or CACHE
    work = work or REFRESH
    forms = patch_forms(series) if series else pinned_forms()
    upstream = resolve(version, cache)
    wheel = fetch_wheel(upstream, cache)
    tree = prepare_tree(wheel, upstream.version, work)
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
        "--series",
        action="append",
        type=Path,
        metavar="PATH",
        help="a series file (several: each patch's forms tried newest first); "
        "default: every form of each patch upstream.toml gives",
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
        series = args.series
        upstream, tree, results = run(args.upstream, series)
    except (RefreshError, BuildError) as e:
        print(f"refresh: {e}", file=sys.stderr)
        return 2
    if upstream.yanked:
        print(
            f"refresh: note: PyPI marks {upstream.filename} as yanked", file=sys.stderr
        )
    print(
        f"streamlit {upstream.version} ({upstream.filename}, sha256 "
        f"{upstream.sha256[:12]}...), tree {_shown(tree)}"
    )
    for line in report(results, upstream):
        print(line)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(as_json(upstream, series, results), indent=2) + "\n",
            encoding="utf-8",
        )
    return 0 if all(r.applied for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
