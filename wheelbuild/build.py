"""Fetch, verify, patch, extend and repack an upstream Streamlit wheel.

Steps, each stopping the build with a clear message when it fails:

1. read the pin (``upstream.toml``) of the release asked for (or the default
   one): its sha256, and the facts whose release ranges (PEP 440 specifier
   sets) hold for it: its wheel's tags, requirement fixes, interpreters; and
   its patches: for each patch of ``patches/series``, in that order, the
   one form of it that serves the release (``[patches."NNNN-name"]``: a
   form is ``patches/<form>/NNNN-name.patch``, written for release <form>);
2. fetch upstream's wheel by name and version (``pip download --no-deps
   --only-binary=:all: streamlit==X``, or reuse the copy in
   ``.cache/upstream``) and check its sha256;
3. unpack it with ``wheel unpack``;
4. apply those patches in order with ``git apply`` (no fuzz): a patch that
   no longer applies stops the build, naming the patch, the release and the
   file;
5. add our modules from ``lib/streamlit`` (never over an upstream file);
6. give it the local version, fix the requirements named in the pin, and
   repack with ``wheel pack``, which writes a fresh RECORD.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

try:  # PyPA's packaging: which releases a form of a patch serves (PEP 440)
    from packaging.specifiers import InvalidSpecifier, SpecifierSet
    from packaging.version import InvalidVersion, Version
except ModuleNotFoundError:  # pragma: no cover - the machine lacks it
    raise SystemExit(
        "wheelbuild needs the packaging library: python3 -m pip install packaging"
    ) from None

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent
PINS = ROOT / "upstream.toml"
SERIES = "patches/series"  # beside the pin file: every patch, in order
CACHE = ROOT / ".cache" / "upstream"
NAME = "streamlit"


class BuildError(Exception):
    """A build step failed; the message says which and why."""


@dataclass(frozen=True)
class Pin:
    """One upstream release as the pin file describes it."""

    version: str
    sha256: str
    local_version: str
    # The patches the release takes, in series order: one form of each.
    patches: tuple[Path, ...]
    # The tags of upstream's wheel file: streamlit-<version>-<tags>.whl.
    tags: str = "py3-none-any"
    requires: dict[str, str] = field(default_factory=dict)
    # The wheel's Requires-Python where upstream's admits interpreters the
    # release cannot be installed on (None: upstream's, as it is).
    requires_python: str | None = None
    # Requires-Python as upstream declares it (None: not checked).
    declared_python: str | None = None
    # The interpreters of the machine image the release is tested on.
    pythons: tuple[str, ...] = ()
    # Those of them beyond the default that run every unit and behaviour case
    # and the stock check in make test (the others run the smoke part).
    full_pythons: tuple[str, ...] = ()
    name: str = NAME

    @property
    def filename(self) -> str:
        return f"{self.name}-{self.version}-{self.tags}.whl"

    @property
    def patched_version(self) -> str:
        return f"{self.version}+{self.local_version}"

    @property
    def wheel_name(self) -> str:
        """The file name of the patched wheel (same tags as upstream's)."""
        return f"{self.name}-{self.patched_version}-{self.tags}.whl"


def _pins_data(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def default_version(path: Path = PINS) -> str:
    return str(_pins_data(path)["default"])


def versions(path: Path = PINS) -> list[str]:
    """Every release the pin file lists, newest first as written."""
    return list(_pins_data(path)["releases"])


def anchors(path: Path = PINS) -> list[str]:
    """The releases every suite runs on (the pin file's ``anchors``)."""
    data = _pins_data(path)
    found = [str(v) for v in data.get("anchors", [data["default"]])]
    unpinned = [v for v in found if v not in data["releases"]]
    if unpinned:
        raise BuildError(f"upstream.toml's anchors {unpinned} are not pinned")
    return found


def lines(path: Path = PINS) -> list[str]:
    """The newest release of every minor line users pin: the newest pinned
    release of each minor line, and the pin file's ``unpinned_lines``."""
    data = _pins_data(path)
    newest: dict[tuple[int, ...], str] = {}
    for version in [*data["releases"], *data.get("unpinned_lines", [])]:
        line = _version(version).release[:2]
        if line not in newest or _version(version) > _version(newest[line]):
            newest[line] = str(version)
    return sorted(newest.values(), key=_version)


def _ranged(table: dict, version: str, where: str) -> list[str]:
    """The keys of a ``{value: release range}`` table whose range holds
    ``version``."""
    release = _version(version)
    return [
        key
        for key, text in table.items()
        if release in _specifier(text, f"upstream.toml [{where}] {key}")
    ]


def ranged(table: dict, version: str, where: str, required: bool = True) -> str | None:
    """The one value of a ``{value: release range}`` table that holds for
    ``version``: a release two ranges hold, or none where one is
    ``required``, stops the build naming the gap."""
    found = _ranged(table, version, where)
    if len(found) > 1:
        raise BuildError(
            f"upstream.toml [{where}]: {version} is in the ranges of {found}"
        )
    if not found and required:
        given = ", ".join(f"{k} ({v})" for k, v in table.items())
        raise BuildError(
            f"upstream.toml [{where}]: no range holds release {version} ({given})"
        )
    return found[0] if found else None


def pythons_of(version: str, path: Path = PINS) -> tuple[str | None, str, list[str]]:
    """A release's patched Requires-Python (None: upstream's), upstream's,
    and the interpreters of the image it admits."""
    python = _pins_data(path).get("python", {})
    declared = ranged(python.get("declared", {}), version, "python.declared")
    narrowed = ranged(python.get("requires", {}), version, "python.requires", False)
    admits = _specifier(narrowed or declared, f"upstream.toml Python of {version}")
    tested = [v for v in python.get("image", []) if f"{v}.0" in admits]
    return narrowed, str(declared), tested


def spread(path: Path = PINS) -> list[str]:
    """Pinned releases beyond the anchors, as few as can be, that take every
    form of a patch no anchor takes, for the smoke part of ``make test``:
    with the anchors, every form is tested on some release. An exact set
    cover (a few dozen forms): the form the fewest releases take is taken
    by one of them, each tried, newest first, so that of covers equally
    small the one of newer releases is found; newest first in the result."""
    others = sorted(set(versions(path)) - set(anchors(path)), key=_version)
    covered = {f.path for a in anchors(path) for f in forms_of(a, path)}
    taken = {r: {f.path for f in forms_of(r, path)} - covered for r in others}
    takers: dict[Path, list[str]] = {}
    for release in reversed(others):
        for form in taken[release]:
            takers.setdefault(form, []).append(release)

    def cover(uncovered: frozenset[Path]) -> list[str]:
        if not uncovered:
            return []
        rarest = min(uncovered, key=lambda form: (len(takers[form]), str(form)))
        best: list[str] | None = None
        for release in takers[rarest]:
            found = [release, *cover(uncovered - taken[release])]
            if best is None or len(found) < len(best):
                best = found
        assert best is not None
        return best

    return sorted(cover(frozenset(takers)), key=_version, reverse=True)


def read_pin(version: str | None = None, path: Path = PINS) -> Pin:
    """The pin of ``version`` (the default release when None)."""
    data = _pins_data(path)
    version = version or str(data["default"])
    releases = data["releases"]
    if version not in releases:
        raise BuildError(
            f"upstream.toml has no release {version!r}; it pins {', '.join(releases)}"
        )
    requires = {
        name: fix
        for name, table in data.get("requires", {}).items()
        if (fix := ranged(table, version, f"requires.{name}", False)) is not None
    }
    narrowed, declared, tested = pythons_of(version, path)
    return Pin(
        version=version,
        sha256=str(releases[version]).lower(),
        local_version=data["patched"]["local_version"],
        patches=tuple(form.path for form in forms_of(version, path)),
        tags=str(ranged(data.get("tags", {}), version, "tags")),
        requires=requires,
        requires_python=narrowed,
        declared_python=declared,
        pythons=tuple(tested),
        full_pythons=tuple(data.get("python", {}).get("full", {}).get(version, ())),
    )


def check_pins(path: Path = PINS) -> None:
    """Every pinned release has one value of every ranged fact and exactly
    one form of every patch (or is in its ``absent`` range); the gaps, all
    of them, stop the build."""
    gaps = []
    for version in versions(path):
        try:
            read_pin(version, path)
        except BuildError as e:
            gaps.append(f"  {version}: {e}")
    if gaps:
        raise BuildError("upstream.toml leaves gaps:\n" + "\n".join(gaps))


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def download(version: str, cache: Path = CACHE) -> Path:
    """Upstream's wheel of ``version`` (``newest``: the newest release), by
    name and version from the index pip is configured with, into ``cache``;
    a file of that name already there is kept, and must hold the same bytes."""
    cache.mkdir(parents=True, exist_ok=True)
    requirement = NAME if version == "newest" else f"{NAME}=={version}"
    with tempfile.TemporaryDirectory(prefix="download-", dir=cache) as tmp:
        cmd = [
            sys.executable, "-m", "pip", "download", "--no-deps",
            "--only-binary=:all:", "--ignore-requires-python", "--dest", tmp,
            requirement,
        ]  # fmt: skip
        result = subprocess.run(cmd, capture_output=True, text=True)
        wheels = sorted(Path(tmp).glob(f"{NAME}-*.whl"))
        if result.returncode != 0 or len(wheels) != 1:
            raise BuildError(
                f"pip download {requirement} failed:\n{result.stdout}{result.stderr}"
            )
        target = cache / wheels[0].name
        if not target.exists():
            shutil.move(str(wheels[0]), target)
        elif sha256_of(target) != sha256_of(wheels[0]):
            raise BuildError(
                f"pip download gave other bytes than {_shown(target)} holds; "
                "not replacing it (delete it to take pip's)"
            )
    return target


def fetch(pin: Pin, cache: Path = CACHE) -> Path:
    """The pinned upstream wheel, downloaded once and checked every time."""
    target = cache / pin.filename
    if not target.exists():
        got = download(pin.version, cache)
        if got != target:
            raise BuildError(
                f"pip download streamlit=={pin.version} gave {got.name}, where "
                f"upstream.toml's [tags] say {pin.filename}"
            )
    actual = sha256_of(target)
    if actual != pin.sha256:
        raise BuildError(
            f"{target} has sha256 {actual}, but upstream.toml pins {pin.sha256}; "
            "refusing to build from unverified bytes (delete the file to fetch again)"
        )
    return target


def unpack(wheel: Path, dest: Path, pin: Pin) -> Path:
    _run([sys.executable, "-m", "wheel", "unpack", "-d", str(dest), str(wheel)],
         "wheel unpack")  # fmt: skip
    tree = dest / f"{pin.name}-{pin.version}"
    if not tree.is_dir():
        raise BuildError(f"wheel unpack did not produce {tree}")
    return tree


# What upstream.toml says of each patch, once for all its forms: DEP-3's
# Description, Bug and Forwarded, and its type (a "hook" calls into our
# package; a "bugfix" fixes what upstream could take as it is).
CONCERN_FIELDS = ("description", "type", "bug", "forwarded")
PATCH_TYPES = ("hook", "bugfix")
# The DEP-3 fields every form opens with: the patch it is a form of
# (``Concern``, its file name without .patch), and ``Origin``; ``Form``
# (what differs in this form) and ``Last-Update`` where there are any.
HEADER_FIELDS = ("Concern", "Origin")


def read_series(pin: Pin | None = None) -> list[Path]:
    """The release's patches in series order, each with a valid header."""
    pin = pin or read_pin()
    for patch in pin.patches:
        patch_header(patch)
    return list(pin.patches)


def read_series_file(series: Path) -> list[str]:
    """The patch names a quilt ``series`` file lists, in order."""
    if not series.is_file():
        raise BuildError(f"no series file {_shown(series)}")
    return [
        line.strip()
        for line in series.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


@dataclass(frozen=True)
class Form:
    """One form of a patch: ``patches/<label>/<name>``, written for release
    ``label``, serving the releases of ``serves``."""

    name: str  # 0001-config-options.patch
    label: str  # 1.67.0
    path: Path
    serves: SpecifierSet
    spec: str  # serves, as the pin file writes it


@dataclass(frozen=True)
class PatchForms:
    """A patch of the series: what it does, its forms, and the releases that
    lack what it hooks (``absent``), which take none of them."""

    name: str
    forms: tuple[Form, ...]  # newest first
    absent: SpecifierSet | None = None
    description: str = ""  # its first line says what it does, the rest why
    type: str = "hook"
    bug: str = ""
    forwarded: str = "no"


def _specifier(text: object, where: str) -> SpecifierSet:
    try:
        return SpecifierSet(str(text))
    except InvalidSpecifier:
        raise BuildError(f"{where}: {text!r} is not a PEP 440 specifier set") from None


def patch_forms(path: Path = PINS) -> list[PatchForms]:
    """Every patch of ``patches/series``, in order, with its forms as the pin
    file's ``[patches."NNNN-name"]`` tables give them."""
    data = _pins_data(path)
    tables = data.get("patches", {})
    names = read_series_file(path.parent / SERIES)
    listed = {n.removesuffix(".patch") for n in names}
    unlisted = sorted(set(tables) - listed)
    if unlisted:
        raise BuildError(
            f"upstream.toml gives forms of patches {SERIES} lacks: {unlisted}"
        )
    found = []
    for name in names:
        stem = name.removesuffix(".patch")
        table = tables.get(stem)
        if not table:
            raise BuildError(
                f'{SERIES} lists {name}, but upstream.toml has no [patches."{stem}"]'
            )
        forms, absent = [], None
        lacking = [f for f in CONCERN_FIELDS if not table.get(f)]
        if lacking:
            raise BuildError(
                f'upstream.toml [patches."{stem}"] lacks {", ".join(lacking)}'
            )
        if table["type"] not in PATCH_TYPES:
            raise BuildError(
                f'upstream.toml [patches."{stem}"]: type {table["type"]!r} is not '
                f"one of {', '.join(PATCH_TYPES)}"
            )
        for label, text in table.items():
            where = f'upstream.toml [patches."{stem}"] {label}'
            if label in CONCERN_FIELDS:
                continue
            if label == "absent":
                absent = _specifier(text, where)
                continue
            form = path.parent / "patches" / label / name
            if not form.is_file():
                raise BuildError(f"{where}: no file {_shown(form)}")
            forms.append(Form(name, label, form, _specifier(text, where), str(text)))
        forms.sort(key=lambda f: _version(f.label), reverse=True)
        found.append(
            PatchForms(
                name,
                tuple(forms),
                absent,
                description=str(table["description"]).strip(),
                type=str(table["type"]),
                bug=str(table["bug"]),
                forwarded=str(table["forwarded"]),
            )
        )
    return found


def _version(text: str) -> Version:
    try:
        return Version(text)
    except InvalidVersion:
        raise BuildError(f"{text!r} is not a release version") from None


def forms_of(version: str, path: Path = PINS) -> list[Form]:
    """The form of each patch that serves ``version``, in series order; a
    patch with no form for it stops the build unless the release lacks what
    it hooks (``absent``)."""
    release = _version(version)
    taken = []
    for patch in patch_forms(path):
        serving = [f for f in patch.forms if release in f.serves]
        lacks = patch.absent is not None and release in patch.absent
        if len(serving) + lacks > 1:
            which = [f.label for f in serving] + (["absent"] if lacks else [])
            raise BuildError(
                f"{patch.name}: {version} is served by more than one form ({which})"
            )
        if serving:
            taken.append(serving[0])
        elif not lacks:
            forms = ", ".join(f"{f.label} ({f.serves})" for f in patch.forms)
            raise BuildError(
                f"no form of {patch.name} serves {version} (forms: {forms}): "
                "make one (docs/patches.md, Porting) or say it is absent"
            )
    return taken


def patch_header(patch: Path) -> dict[str, str]:
    """The DEP-3 fields a form opens with (a field's continuation lines, which
    start with a space, joined to it); every one of ``HEADER_FIELDS``
    required, and ``Concern`` naming the patch the file is a form of (what
    the patch does, upstream.toml says)."""
    fields: dict[str, str] = {}
    name = None
    for line in patch.read_text(encoding="utf-8").splitlines():
        if line.startswith("--- "):
            break
        if line.startswith(" ") and name is not None:
            fields[name] += "\n" + line.strip()
        elif ":" in line and not line.startswith(" "):
            name, value = line.split(":", 1)
            fields[name] = value.strip()
        elif line.strip():
            raise BuildError(f"{patch.name}: not a DEP-3 header line: {line!r}")
    lacking = [f for f in HEADER_FIELDS if not fields.get(f)]
    if lacking:
        raise BuildError(f"{patch.name}: its header lacks {', '.join(lacking)}")
    concern = fields["Concern"].split()[0]
    if concern != patch.name.removesuffix(".patch"):
        raise BuildError(
            f"{patch.name}: its header names concern {concern}, not its own name"
        )
    return fields


def patches_table(path: Path = PINS) -> str:
    """Every patch with its forms and the form each pinned release takes, as a
    markdown table read off the pin file (docs/patches.md holds it; a test
    keeps it current)."""
    releases = sorted(versions(path), key=_version)
    taken = {r: {f.name: f.label for f in forms_of(r, path)} for r in releases}
    lines = [
        "| patch | what it does | type | upstream issue | forms | "
        + " | ".join(releases)
        + " |",
        "| --- | --- | --- | --- | --- | " + " | ".join("---" for _ in releases) + " |",
    ]
    for patch in patch_forms(path):
        bug = patch.bug.rstrip("/").rsplit("/", 1)[-1]
        forms = ", ".join(f"{f.label} (`{f.spec}`)" for f in reversed(patch.forms))
        if patch.absent is not None:
            forms += f"; absent (`{patch.absent}`)"
        marks = [taken[r].get(patch.name, "—") for r in releases]
        row = [
            f"`{patch.name.removesuffix('.patch')}`",
            patch.description.split("\n")[0],
            patch.type,
            f"#{bug}",
            forms,
        ]
        lines.append("| " + " | ".join(row + marks) + " |")
    return "\n".join(lines) + "\n"


def _shown(path: Path) -> str:
    """``path`` relative to the checkout when it is inside it."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def git(tree: Path, *args: str) -> str:
    """Run git in ``tree`` (a tree of ours, never the checkout around it);
    its output, or a BuildError with git's."""
    result = subprocess.run(
        ["git", "-c", "user.name=wheelbuild", "-c", "user.email=wheelbuild@localhost",
         *args],
        cwd=tree, env=_git_env(tree), capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode != 0:
        raise BuildError(f"git {' '.join(args)} failed in {tree}:\n{result.stderr}")
    return result.stdout


def _git_env(tree: Path) -> dict[str, str]:
    # Keep git from treating our own checkout as the repository to patch.
    return dict(os.environ, GIT_CEILING_DIRECTORIES=str(tree.parent))


def git_apply(tree: Path, patch: Path, *args: str) -> subprocess.CompletedProcess:
    """``git apply`` as the build, refresh and the patch tree run it: no
    fuzz, whitespace as the patch has it, each hunk's offset reported."""
    return subprocess.run(
        ["git", "apply", "--verbose", "--whitespace=nowarn", *args, str(patch)],
        cwd=tree, env=_git_env(tree), capture_output=True, text=True,
    )  # fmt: skip


def apply_series(tree: Path, series: list[Path], version: str = "") -> None:
    """Apply each patch strictly; on failure name the patch, release and file."""
    release = f"upstream {version}" if version else f"upstream {tree.name}"
    for patch in series:
        result = git_apply(tree, patch)
        if result.returncode != 0:
            files = sorted(
                set(
                    re.findall(
                        r"(?:patch failed: |error: )(\S+?)(?::\d+)?:?\s", result.stderr
                    )
                )
            )
            where = ", ".join(f for f in files if "/" in f) or "(see git's output)"
            raise BuildError(
                f"patch {patch.name} does not apply to {where} of {release}:\n"
                f"{result.stderr.strip()}"
            )


def add_modules(tree: Path, lib: Path = ROOT / "lib" / "streamlit") -> list[Path]:
    """Copy our modules into the package; they must not replace upstream files."""
    added = []
    for src in sorted(lib.rglob("*.py")):
        rel = src.relative_to(lib.parent)
        dest = tree / rel
        if dest.exists():
            raise BuildError(f"lib/{rel} would overwrite upstream's {rel}")
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)
        added.append(rel)
    if not added:
        raise BuildError(f"no modules found under {lib}")
    return added


def _requirement_name(line: str) -> str:
    match = re.match(r"Requires-Dist:\s*([A-Za-z0-9._-]+)", line)
    return match.group(1).lower().replace("_", "-") if match else ""


def set_metadata(tree: Path, pin: Pin) -> None:
    """Give the unpacked wheel the patched version and requirement fixes."""
    old = f"{pin.name}-{pin.version}"
    new = f"{pin.name}-{pin.patched_version}"
    for suffix in (".dist-info", ".data"):
        if (tree / (old + suffix)).exists():
            (tree / (old + suffix)).rename(tree / (new + suffix))
    metadata = tree / f"{new}.dist-info" / "METADATA"
    lines = metadata.read_text(encoding="utf-8").split("\n")
    fixed = dict(pin.requires)
    python_fixed = pin.requires_python is None
    out = []
    for line in lines:
        if line.startswith("Version: "):
            line = f"Version: {pin.patched_version}"
        elif line.startswith("Requires-Python:"):
            declared = line.split(":", 1)[1].strip()
            if pin.declared_python is not None and SpecifierSet(
                declared
            ) != SpecifierSet(pin.declared_python):
                raise BuildError(
                    f"upstream {pin.version} declares Requires-Python {declared}, "
                    f"where upstream.toml's [python.declared] says "
                    f"{pin.declared_python}"
                )
            if pin.requires_python is not None:
                line = f"Requires-Python: {pin.requires_python}"
                python_fixed = True
        elif line.startswith("Requires-Dist:"):
            name = _requirement_name(line)
            if name in fixed:
                marker = line.split(";", 1)[1] if ";" in line else None
                line = f"Requires-Dist: {name} {fixed.pop(name)}"
                if marker:
                    line += f" ;{marker}"
        out.append(line)
    if fixed:
        raise BuildError(f"upstream METADATA has no requirement named {sorted(fixed)}")
    if not python_fixed:
        raise BuildError("upstream METADATA has no Requires-Python to narrow")
    metadata.write_text("\n".join(out), encoding="utf-8")
    (tree / f"{new}.dist-info" / "RECORD").unlink(missing_ok=True)
    tree.rename(tree.parent / new)


def pack(tree: Path, dist: Path) -> Path:
    dist.mkdir(parents=True, exist_ok=True)
    _run([sys.executable, "-m", "wheel", "pack", "-d", str(dist), str(tree)],
         "wheel pack")  # fmt: skip
    wheels = sorted(dist.glob(f"{tree.name}-*.whl"), key=lambda p: p.stat().st_mtime)
    if not wheels:
        raise BuildError(f"wheel pack wrote no {tree.name}-*.whl in {dist}")
    return wheels[-1]


def build_wheel(dist: Path, version: str | None = None) -> Path:
    """Build the patched wheel of ``version`` (default: the pin file's default)
    into ``dist`` and return its path."""
    check_pins()
    pin = read_pin(version)
    series = read_series(pin)
    upstream = fetch(pin)
    with tempfile.TemporaryDirectory(prefix="wheelbuild-") as tmp:
        tree = unpack(upstream, Path(tmp), pin)
        apply_series(tree, series, pin.version)
        add_modules(tree)
        set_metadata(tree, pin)
        return pack(tree.parent / f"{pin.name}-{pin.patched_version}", dist.resolve())


def _run(cmd: list[str], what: str) -> None:
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise BuildError(f"{what} failed:\n{result.stdout}{result.stderr}")
