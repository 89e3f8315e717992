"""``make refresh`` (wheelbuild.refresh), on a tiny fake release and tiny
patches, without the network: each patch is said to apply, apply with an
offset, fail at the file and line of its first hunk that does not apply, or
to lack its file; a patch that applies is applied before the next is tried;
of a patch's forms the newest that applies is taken; the JSON says what the
lines say."""

from __future__ import annotations

import base64
import difflib
import hashlib
import json
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from wheelbuild import build, refresh  # noqa: E402

LINES = [f"line {i}\n" for i in range(1, 41)]
HEADER = "Concern: {name}\nOrigin: vendor\n\n"
CONCERN = (
    'description = "A test patch."\ntype = "hook"\n'
    'bug = "https://github.com/streamlit/streamlit/issues/1"\nforwarded = "no"'
)


def _edit(lines: list[str], at: int, new: str) -> list[str]:
    """``lines`` with line ``at`` (1-based) replaced by ``new``."""
    return [*lines[: at - 1], new + "\n", *lines[at:]]


def _diff(path: str, old: list[str], new: list[str]) -> str:
    return "".join(
        difflib.unified_diff(old, new, f"a/{path}", f"b/{path}", n=3, lineterm="\n")
    )


def _series(folder: Path, patches: dict[str, str]) -> Path:
    """Forms written for release ``folder.name`` (``<root>/patches/<label>``)
    of ``{name: diff}``, each patch with its header."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in patches.items():
        stem = name.removesuffix(".patch")
        (folder / name).write_text(HEADER.format(name=stem) + body)
    return folder


def _pins(*forms: Path) -> Path:
    """A pin file beside the forms' patches/ folder giving those forms, and
    the series of every patch they hold, in name order."""
    root = forms[0].parent.parent
    names = sorted({p.name for folder in forms for p in folder.glob("*.patch")})
    (root / "patches" / "series").write_text(
        "# a comment\n" + "".join(f"{n}\n" for n in names)
    )
    tables = []
    for name in names:
        stem = name.removesuffix(".patch")
        tables += [f'[patches."{stem}"]', CONCERN]
        tables += [
            f'"{folder.name}" = "=={folder.name}"'
            for folder in forms
            if (folder / name).is_file()
        ]
    pins = root / "upstream.toml"
    pins.write_text("\n".join(tables) + "\n")
    return pins


def _tree(tmp_path: Path, files: dict[str, list[str]]) -> Path:
    """A release's unpacked files as refresh makes them: a git repository
    whose first commit is upstream's files."""
    tree = tmp_path / "refresh" / "9.9.9" / "streamlit-9.9.9"
    for rel, lines in files.items():
        (tree / rel).parent.mkdir(parents=True, exist_ok=True)
        (tree / rel).write_text("".join(lines))
    build.git(tree, "init", "--quiet")
    build.git(tree, "add", "--all")
    build.git(tree, "commit", "--quiet", "--message", "upstream 9.9.9")
    return tree


def _check(tree: Path, *forms: Path) -> dict[str, refresh.Result]:
    results = refresh.check(tree, refresh.pinned_forms(_pins(*forms)))
    return {r.patch: r for r in results}


A = "streamlit/a.py"
# 0001 changes line 10 (its hunk: lines 7-13), 0002 line 30 (27-33).
P1 = _diff(A, LINES, _edit(LINES, 10, "LINE 10"))
P2 = _diff(A, LINES, _edit(LINES, 30, "LINE 30"))


def test_a_patch_at_its_recorded_lines_applies_and_is_applied(tmp_path):
    tree = _tree(tmp_path, {A: LINES})
    series = _series(tmp_path / "patches" / "2.0.0", {"0001-a.patch": P1})
    result = _check(tree, series)["0001-a.patch"]
    assert (result.form, result.status, result.offset) == ("2.0.0", "applies", 0)
    assert refresh.describe(result) == "applies"
    assert "LINE 10\n" in (tree / A).read_text()
    log = build.git(tree, "log", "--format=%s").splitlines()
    assert log == ["0001-a.patch (2.0.0 form)", "upstream 9.9.9"]


@pytest.mark.parametrize(
    ("release", "offset", "said"),
    [
        (["new\n"] * 3 + LINES, 3, "applies with offset (+3 lines, 1 hunk moved)"),
        (LINES[1:], -1, "applies with offset (-1 line, 1 hunk moved)"),
    ],
)
def test_a_hunk_found_elsewhere_applies_with_its_offset(
    tmp_path, release, offset, said
):
    tree = _tree(tmp_path, {A: release})
    series = _series(tmp_path / "patches" / "2.0.0", {"0001-a.patch": P1})
    result = _check(tree, series)["0001-a.patch"]
    assert (result.status, result.offset) == ("applies with offset", offset)
    assert result.hunks == [{"file": A, "hunk": 1, "at": 7 + offset, "offset": offset}]
    assert refresh.describe(result) == said
    assert "LINE 10\n" in (tree / A).read_text()


def test_a_hunk_whose_context_changed_fails_at_its_file_and_line(tmp_path):
    """Two hunks: the first applies, the second's context changed upstream:
    the patch fails at the second hunk's recorded line, naming the context git
    looked for; it is skipped (the tree is untouched) and the next is tried."""
    two_hunks = _diff(A, LINES, _edit(_edit(LINES, 10, "LINE 10"), 30, "LINE 30"))
    release = _edit(LINES, 29, "line 29 changed upstream")
    tree = _tree(tmp_path, {A: release, "streamlit/b.py": LINES})
    p3 = _diff("streamlit/b.py", LINES, _edit(LINES, 5, "LINE 5"))
    series = _series(
        tmp_path / "patches" / "2.0.0", {"0001-a.patch": two_hunks, "0003-b.patch": p3}
    )
    results = _check(tree, series)
    failed = results["0001-a.patch"]
    assert (failed.status, failed.file, failed.line) == ("fails", A, 27)
    assert refresh.describe(failed) == f"fails at {A}:27"
    assert failed.attempts[0].expected == "".join(LINES[26:33])
    assert (tree / A).read_text() == "".join(release)  # skipped, not half-applied
    assert results["0003-b.patch"].status == "applies"


def test_a_patch_of_a_file_the_release_lacks_says_so(tmp_path):
    tree = _tree(tmp_path, {A: LINES})
    gone = _diff("streamlit/gone.py", LINES, _edit(LINES, 3, "LINE 3"))
    series = _series(tmp_path / "patches" / "2.0.0", {"0001-gone.patch": gone})
    result = _check(tree, series)["0001-gone.patch"]
    assert (result.status, result.file) == ("file missing", "streamlit/gone.py")
    assert refresh.describe(result) == "file missing: streamlit/gone.py"


def test_later_patches_see_the_earlier_ones(tmp_path):
    """0002's context holds 0001's line: it applies after 0001 and only then."""
    after_first = _edit(LINES, 10, "LINE 10")
    p2 = _diff(A, after_first, _edit(after_first, 11, "LINE 11"))
    series = _series(
        tmp_path / "patches" / "2.0.0", {"0001-a.patch": P1, "0002-a.patch": p2}
    )
    results = _check(_tree(tmp_path / "x", {A: LINES}), series)
    assert [r.status for r in results.values()] == ["applies", "applies"]
    moved = _edit(LINES, 9, "line 9 changed upstream")  # 0001 fails, so 0002 too
    results = _check(_tree(tmp_path / "y", {A: moved}), series)
    assert [r.status for r in results.values()] == ["fails", "fails"]


def test_the_newest_form_that_applies_is_taken(tmp_path):
    """Forms tried newest first; a patch only an old form has is tried in
    its place."""
    release = _edit(LINES, 20, "line 20 as in the newer release")
    old_p1 = P1  # applies to both
    new_p1 = _diff(A, release, _edit(release, 10, "LINE 10"))
    old_p2 = _diff(A, LINES, _edit(LINES, 19, "LINE 19"))  # expects old line 20
    new_p2 = _diff(A, release, _edit(release, 19, "LINE 19"))
    old = _series(
        tmp_path / "patches" / "1.0.0",
        {"0001-a.patch": old_p1, "0002-a.patch": old_p2, "0003-a.patch": P2},
    )
    new = _series(
        tmp_path / "patches" / "2.0.0", {"0001-a.patch": new_p1, "0002-a.patch": new_p2}
    )
    forms = refresh.pinned_forms(_pins(old, new))
    assert [(p.name, [f.label for f in p.forms]) for p in forms] == [
        ("0001-a.patch", ["2.0.0", "1.0.0"]),
        ("0002-a.patch", ["2.0.0", "1.0.0"]),
        ("0003-a.patch", ["1.0.0"]),
    ]
    # On the newer release: the newer forms apply.
    results = _check(_tree(tmp_path / "new", {A: release}), old, new)
    assert [(r.form, r.status) for r in results.values()] == [
        ("2.0.0", "applies"),
        ("2.0.0", "applies"),
        ("1.0.0", "applies"),
    ]
    assert [a.form for a in results["0001-a.patch"].attempts] == ["2.0.0"]
    # On the older release: 0001's newer form applies too, 0002's only the older.
    results = _check(_tree(tmp_path / "old", {A: LINES}), old, new)
    second = results["0002-a.patch"]
    assert (second.form, second.status) == ("1.0.0", "applies")
    assert [(a.form, a.status) for a in second.attempts] == [
        ("2.0.0", "fails"),
        ("1.0.0", "applies"),
    ]
    # Where neither applies, the newest form's failure is the one reported.
    neither = _edit(LINES, 18, "line 18 changed in a third release")
    results = _check(_tree(tmp_path / "third", {A: neither}), old, new)
    failed = results["0002-a.patch"]
    assert (failed.form, failed.status, failed.file, failed.line) == (
        "2.0.0",
        "fails",
        A,
        16,
    )
    assert [a.form for a in failed.attempts] == ["2.0.0", "1.0.0"]


def _wheel(folder: Path, version: str, files: dict[str, str]) -> Path:
    """A wheel ``wheel unpack`` takes: the files, METADATA, WHEEL, RECORD."""
    dist = f"streamlit-{version}.dist-info"
    files = {
        **files,
        f"{dist}/METADATA": f"Metadata-Version: 2.1\nName: streamlit\n"
        f"Version: {version}\nRequires-Python: >=3.9\n",
        f"{dist}/WHEEL": "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: "
        "true\nTag: py3-none-any\n",
    }
    record = []
    for name, text in files.items():
        digest = hashlib.sha256(text.encode()).digest()
        b64 = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
        record.append(f"{name},sha256={b64},{len(text.encode())}\n")
    record.append(f"{dist}/RECORD,,\n")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"streamlit-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
        zf.writestr(f"{dist}/RECORD", "".join(record))
    return path


@pytest.fixture()
def release(tmp_path, monkeypatch):
    """Release 9.9.9 as if pip downloaded it: its wheel in the cache,
    unpacked under tmp_path."""
    cache = tmp_path / "cache"
    wheel = _wheel(cache, "9.9.9", {A: "".join(["new\n"] * 2 + LINES)})
    monkeypatch.setattr(refresh, "resolve", lambda version, cache: wheel)
    monkeypatch.setattr(refresh, "CACHE", cache)
    monkeypatch.setattr(refresh, "REFRESH", tmp_path / "refresh")
    return refresh.described(wheel)


def test_the_json_says_what_the_lines_say(release, tmp_path, capsys):
    missing = _diff("streamlit/gone.py", LINES, _edit(LINES, 3, "LINE 3"))
    # 0002 expects line 30 as upstream has it, which 0001 changed
    failing = _diff(A, LINES, _edit(LINES, 31, "LINE 31"))
    old = _series(tmp_path / "patches" / "1.0.0", {"0003-gone.patch": missing})
    new = _series(
        tmp_path / "patches" / "2.0.0",
        {"0001-a.patch": P2, "0002-a.patch": failing},
    )
    out = tmp_path / "out" / "9.9.9.json"
    argv = ["9.9.9", "--pins", str(_pins(old, new)), "--json", str(out)]
    assert refresh.main(argv) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split() == ["0001-a.patch", "2.0.0", "applies", "with", "offset",
                                "(+2", "lines,", "1", "hunk", "moved)"]  # fmt: skip
    assert f"fails at {A}:28 (2.0.0 form)" in lines[2]
    assert "file missing: streamlit/gone.py (1.0.0 form)" in lines[3]
    assert lines[-1].startswith("streamlit 9.9.9: 1 of 3 patches apply")
    data = json.loads(out.read_text())
    assert {k: data[k] for k in ("version", "sha256", "requires_python")} == {
        "version": "9.9.9",
        "sha256": release.sha256,
        "requires_python": ">=3.9",
    }
    assert [
        {k: r[k] for k in ("patch", "form", "status", "offset", "file", "line")}
        for r in data["results"]
    ] == [
        {"patch": "0001-a.patch", "form": "2.0.0", "status": "applies with offset",
         "offset": 2, "file": None, "line": None},
        {"patch": "0002-a.patch", "form": "2.0.0", "status": "fails", "offset": 0,
         "file": A, "line": 28},
        {"patch": "0003-gone.patch", "form": "1.0.0", "status": "file missing",
         "offset": 0, "file": "streamlit/gone.py", "line": None},
    ]  # fmt: skip
    tree = tmp_path / "refresh" / "9.9.9" / "streamlit-9.9.9"
    assert "LINE 30" in (tree / A).read_text()
    # Run again: a fresh tree (no leftovers of the last run), all applied: 0.
    (tree / "leftover.py").write_text("")
    assert refresh.main(["9.9.9", "--pins", str(tmp_path / "no.toml")]) == 2
    only = _series(tmp_path / "only" / "patches" / "3.0.0", {"0001-a.patch": P2})
    assert refresh.main(["9.9.9", "--pins", str(_pins(only))]) == 0
    assert not (tree / "leftover.py").exists()
    assert "LINE 30" in (tree / A).read_text()


def test_a_bad_argument_or_an_unknown_release_exits_2(release, monkeypatch, capsys):
    with pytest.raises(SystemExit) as raised:
        refresh.main(["not-a-version"])
    assert raised.value.code == 2

    def unknown(version, cache):
        raise refresh.RefreshError(f"pip download streamlit=={version} failed")

    monkeypatch.setattr(refresh, "resolve", unknown)
    assert refresh.main(["0.0.1"]) == 2
    assert "pip download streamlit==0.0.1 failed" in capsys.readouterr().err
