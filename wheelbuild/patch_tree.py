"""A release's patches as a git tree, and a patch refreshed from it.

Quilt's ``push`` and ``refresh``, on git:

    python -m wheelbuild.patch_tree push --release X [--upto NNNN]
    python -m wheelbuild.patch_tree refresh --release X NNNN

``push`` unpacks the release's pinned upstream wheel (fetched and checked
as for a build) into ``.cache/tree/<release>``, a git repository whose first
commit is upstream's files, then applies the series one patch a commit, up
to and including ``--upto`` (the whole series by default); that last patch,
when it no longer applies (a new release), is left for a hand to make. Edit
the files there; ``refresh`` then rewrites the last applied patch, which must be
NNNN, from the tree: its header as it was, then the diff of the tree
against the commit before the patch, each hunk with its least context
(``wheelbuild.hunks``: one line where one finds the place). The patches
after it are not applied in the tree: push again to check that they still
apply on top.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from pathlib import Path

from wheelbuild.build import (
    CACHE,
    PINS,
    BuildError,
    Pin,
    fetch,
    git,
    git_apply,
    read_pin,
    read_series,
    unpack,
)
from wheelbuild.hunks import HunkError, least_context

TREES = CACHE.parent / "tree"


def tree_of(pin: Pin, trees: Path = TREES) -> Path:
    return trees / pin.version


def _patch(series: list[Path], name: str) -> Path:
    """The series' patch whose file name is ``name`` or starts with it."""
    found = [p for p in series if p.name == name or p.name.startswith(name + "-")]
    if len(found) != 1:
        names = ", ".join(p.name for p in series)
        raise BuildError(f"no single patch {name!r} in the series ({names})")
    return found[0]


def push(
    version: str | None,
    upto: str | None = None,
    pins: Path = PINS,
    trees: Path = TREES,
) -> Path:
    """Make the release's tree, with the series applied up to ``upto``."""
    pin = read_pin(version, pins)
    series = read_series(pin)
    last = _patch(series, upto) if upto else series[-1]
    tree = tree_of(pin, trees)
    if tree.exists():
        shutil.rmtree(tree)
    with tempfile.TemporaryDirectory(prefix="patch-tree-") as tmp:
        unpacked = unpack(fetch(pin), Path(tmp), pin)
        tree.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(unpacked), tree)
    git(tree, "init", "--quiet")
    git(tree, "add", "--all")
    git(tree, "commit", "--quiet", "--message", f"upstream {pin.version}")
    for patch in series:
        applied = git_apply(tree, patch.resolve())
        if applied.returncode != 0:
            if patch != last:
                raise BuildError(
                    f"{patch.name} does not apply to upstream {pin.version}: "
                    f"push --upto {patch.name[:4]}, make it by hand, refresh it\n"
                    f"{applied.stderr}"
                )
            # The one to port: committed empty, to be made by hand, then refreshed.
            print(f"{patch.name} does not apply: make its hunks by hand in {tree}")
        git(tree, "add", "--all")
        git(tree, "commit", "--quiet", "--allow-empty", "--message", patch.name)
        if patch == last:
            break
    return tree


def header(patch: Path) -> str:
    """What a patch says before its diff: its DEP-3 fields."""
    text = patch.read_text(encoding="utf-8")
    start = text.find("\n--- a/")
    if start < 0:
        raise BuildError(f"{patch.name} holds no diff")
    return text[: start + 1]


def diff(tree: Path, base: str, head: str | None = None) -> str:
    """The tree's changes since ``base`` (to ``head``, or the work tree), as
    the patches hold them: no git extended headers, each hunk with its least
    context (``wheelbuild.hunks``)."""
    span = [base] if head is None else [base, head]
    text = git(tree, "diff", "--no-color", "--no-renames", "-U0", *span, "--", ".")
    lines = []
    for line in text.splitlines():
        if line.startswith(("diff --git ", "index ")):
            continue
        match = re.match(r"^(@@ -\S+ \+\S+ @@)", line)
        lines.append(match.group(1) if match else line)
    try:
        return least_context(
            "\n".join(lines) + "\n", lambda path: git(tree, "show", f"{base}:{path}")
        )
    except HunkError as e:
        raise BuildError(f"the tree's change cannot be a patch here: {e}") from None


def refresh(
    version: str | None, name: str, pins: Path = PINS, trees: Path = TREES
) -> Path:
    """Rewrite patch ``name`` from the tree, where it is the last applied."""
    pin = read_pin(version, pins)
    patch = _patch(read_series(pin), name)
    tree = tree_of(pin, trees)
    if not (tree / ".git").is_dir():
        raise BuildError(f"no tree at {tree}: run push first")
    applied = git(tree, "log", "-1", "--format=%s").strip()
    if applied != patch.name:
        raise BuildError(
            f"the tree's last applied patch is {applied}, not {patch.name}: "
            f"push --upto {patch.name[:4]} first"
        )
    body = diff(tree, "HEAD~1")
    if body.strip() == "":
        raise BuildError(f"the tree holds no change for {patch.name}")
    patch.write_text(header(patch) + body, encoding="utf-8")
    git(tree, "add", "--all")
    git(tree, "commit", "--quiet", "--amend", "--allow-empty", "--no-edit")
    return patch


def restyle(version: str | None, pins: Path = PINS, trees: Path = TREES) -> list[Path]:
    """Rewrite every form written for ``version`` (its folder under patches/)
    from the release's tree as ``refresh`` writes a patch; the ones that
    changed. What each patch does is unchanged: only how its hunks are
    written, as ``wheelbuild.hunks`` writes them now."""
    pin = read_pin(version, pins)
    tree = push(pin.version, None, pins, trees)
    log = git(tree, "log", "--format=%H %s").splitlines()
    commits = {subject: sha for sha, subject in (line.split(" ", 1) for line in log)}
    rewritten = []
    for patch in read_series(pin):
        if patch.parent.name != pin.version:
            continue  # a form written for another release
        sha = commits[patch.name]
        text = header(patch) + diff(tree, f"{sha}~1", sha)
        if text != patch.read_text(encoding="utf-8"):
            patch.write_text(text, encoding="utf-8")
            rewritten.append(patch)
    return rewritten


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wheelbuild.patch_tree")
    sub = parser.add_subparsers(dest="command", required=True)
    push_cmd = sub.add_parser("push", help="make .cache/tree/<release>")
    push_cmd.add_argument("--release")
    push_cmd.add_argument("--upto", help="the last patch to apply (NNNN)")
    refresh_cmd = sub.add_parser("refresh", help="rewrite a patch from the tree")
    refresh_cmd.add_argument("--release")
    refresh_cmd.add_argument("patch", help="NNNN or the patch's file name")
    restyle_cmd = sub.add_parser(
        "restyle", help="rewrite every form written for the release from its tree"
    )
    restyle_cmd.add_argument("--release")
    args = parser.parse_args(argv)
    try:
        if args.command == "push":
            tree = push(args.release, args.upto)
            print(f"{tree}: {git(tree, 'log', '-1', '--format=%s').strip()} applied")
        elif args.command == "restyle":
            for patch in restyle(args.release):
                print(f"rewrote {patch}")
        else:
            print(f"refreshed {refresh(args.release, args.patch)}")
    except BuildError as e:
        print(f"patch_tree: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
