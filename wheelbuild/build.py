"""Fetch, verify, patch, extend and repack an upstream Streamlit wheel.

Steps, each stopping the build with a clear message when it fails:

1. read the pin (``upstream.toml``) of the release asked for (or the default
   one): wheel URL, sha256, requirement fixes, and its series, whose patches
   each open with a DEP-3 header (``patch_header``);
2. fetch that file from the package registry (or reuse the copy in
   ``.cache/upstream``) and check its sha256;
3. unpack it with ``wheel unpack``;
4. apply the release's ``patches/<version>/series`` in order with ``git
   apply`` (no fuzz): a patch that no longer applies stops the build, naming
   the patch, the release and the file;
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
from urllib.parse import urlparse

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent
PINS = ROOT / "upstream.toml"
CACHE = ROOT / ".cache" / "upstream"
NAME = "streamlit"


class BuildError(Exception):
    """A build step failed; the message says which and why."""


@dataclass(frozen=True)
class Pin:
    """One upstream release as the pin file describes it."""

    version: str
    url: str
    sha256: str
    local_version: str
    series: Path
    requires: dict[str, str] = field(default_factory=dict)
    # The wheel's Requires-Python where upstream's admits interpreters the
    # release cannot be installed on (None: upstream's, as it is).
    requires_python: str | None = None
    # The interpreters of the machine image the release is tested on.
    pythons: tuple[str, ...] = ()
    name: str = NAME

    @property
    def filename(self) -> str:
        return Path(urlparse(self.url).path).name

    @property
    def patched_version(self) -> str:
        return f"{self.version}+{self.local_version}"

    @property
    def wheel_name(self) -> str:
        """The file name of the patched wheel (same tags as upstream's)."""
        tags = self.filename.removesuffix(".whl").split("-", 2)[2]
        return f"{self.name}-{self.patched_version}-{tags}.whl"


def _pins_data(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def default_version(path: Path = PINS) -> str:
    return str(_pins_data(path)["default"])


def versions(path: Path = PINS) -> list[str]:
    """Every release the pin file lists, newest first as written."""
    return list(_pins_data(path)["releases"])


def read_pin(version: str | None = None, path: Path = PINS) -> Pin:
    """The pin of ``version`` (the default release when None)."""
    data = _pins_data(path)
    version = version or str(data["default"])
    releases = data["releases"]
    if version not in releases:
        raise BuildError(
            f"upstream.toml has no release {version!r}; it pins {', '.join(releases)}"
        )
    rel = releases[version]
    return Pin(
        version=version,
        url=rel["url"],
        sha256=rel["sha256"].lower(),
        local_version=data["patched"]["local_version"],
        series=path.parent / rel["series"],
        requires=dict(rel.get("requires", {})),
        requires_python=rel.get("python", {}).get("requires"),
        pythons=tuple(rel.get("python", {}).get("tested", ())),
    )


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch(pin: Pin, cache: Path = CACHE) -> Path:
    """The pinned upstream wheel, downloaded once and checked every time."""
    cache.mkdir(parents=True, exist_ok=True)
    target = cache / pin.filename
    if not target.exists():
        cmd = [
            sys.executable, "-m", "pip", "download", "--no-deps",
            "--dest", str(cache), pin.url,
        ]  # fmt: skip
        result = subprocess.run(cmd, capture_output=True, text=True)
        if result.returncode != 0 or not target.exists():
            raise BuildError(
                f"could not download {pin.filename} from the package registry:\n"
                f"{result.stdout}{result.stderr}"
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


# The DEP-3 fields every patch opens with (Patch-Type is ours: a "hook" calls
# into our package; a "bugfix" fixes what upstream could take as it is).
HEADER_FIELDS = ("Description", "Origin", "Bug", "Forwarded", "Patch-Type")
PATCH_TYPES = ("hook", "bugfix")


def read_series(pin: Pin | None = None) -> list[Path]:
    """The release's patches in ``series`` order, each with a valid header."""
    pin = pin or read_pin()
    folder = pin.series.parent
    where = _shown(pin.series)
    names = [
        line.strip()
        for line in pin.series.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    missing = [n for n in names if not (folder / n).is_file()]
    if missing:
        raise BuildError(f"{where} names missing files: {', '.join(missing)}")
    patches = [folder / n for n in names]
    for patch in patches:
        patch_header(patch)
    return patches


def patch_header(patch: Path) -> dict[str, str]:
    """The DEP-3 fields a patch opens with (a field's continuation lines, which
    start with a space, joined to it); every one of ``HEADER_FIELDS`` required."""
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
    if fields["Patch-Type"] not in PATCH_TYPES:
        raise BuildError(
            f"{patch.name}: Patch-Type {fields['Patch-Type']!r} is not one of "
            f"{', '.join(PATCH_TYPES)}"
        )
    return fields


def patches_table(path: Path = PINS) -> str:
    """Every patch of every release as a markdown table, read off the series
    and the patch headers (the README holds it; a test keeps it current)."""
    releases = versions(path)
    rows: dict[str, list[str]] = {}
    taken: dict[str, set[str]] = {}
    for release in releases:
        for patch in read_series(read_pin(release, path)):
            fields = patch_header(patch)
            bug = fields["Bug"].rstrip("/").rsplit("/", 1)[-1]
            rows.setdefault(patch.stem, [
                f"`{patch.stem}`", fields["Description"].split("\n")[0],
                fields["Patch-Type"], f"#{bug}",
            ])  # fmt: skip
            taken.setdefault(patch.stem, set()).add(release)
    lines = [
        "| patch | what it does | type | upstream issue | "
        + " | ".join(releases)
        + " |",
        "| --- | --- | --- | --- | " + " | ".join("---" for _ in releases) + " |",
    ]
    for stem in sorted(rows):
        marks = ["✓" if r in taken[stem] else "—" for r in releases]
        lines.append("| " + " | ".join(rows[stem] + marks) + " |")
    return "\n".join(lines) + "\n"


def _shown(path: Path) -> str:
    """``path`` relative to the checkout when it is inside it."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def apply_series(tree: Path, series: list[Path], version: str = "") -> None:
    """Apply each patch strictly; on failure name the patch, release and file."""
    env = dict(os.environ)
    # Keep git from treating our own checkout as the repository to patch.
    env["GIT_CEILING_DIRECTORIES"] = str(tree.parent)
    release = f"upstream {version}" if version else f"upstream {tree.name}"
    for patch in series:
        result = subprocess.run(
            ["git", "apply", "--verbose", "--whitespace=nowarn", str(patch)],
            cwd=tree, env=env, capture_output=True, text=True,
        )  # fmt: skip
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
        elif line.startswith("Requires-Python:") and pin.requires_python is not None:
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
