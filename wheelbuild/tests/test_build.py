"""The build refuses what it cannot vouch for, and says exactly why.

For every release in upstream.toml: the series lists every patch, every
patch is described once in the pin file and each form opens with a short
DEP-3 header naming it, a concern keeps its number in every
release, the series applies to pristine upstream;
a patch that no longer applies stops the build naming the patch, the
release and the file; bytes that do not match the pinned sha256 are refused.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from wheelbuild import build  # noqa: E402

RELEASES = build.versions()
# What a patch table of a pin file made for a test says of its patch.
CONCERN = (
    'description = "A test patch.\\nWhy: a test."\ntype = "hook"\n'
    'bug = "https://github.com/streamlit/streamlit/issues/1"\nforwarded = "no"\n'
)


def test_the_default_release_is_the_newest():
    newest = max(RELEASES, key=lambda v: tuple(map(int, v.split("."))))
    assert build.default_version() == newest


def test_the_lines_are_the_newest_pinned_release_of_each_minor_line():
    lines = build.lines()
    assert set(lines) <= set(RELEASES)
    minors = {build.Version(v).release[:2] for v in RELEASES}
    assert len(lines) == len(minors)
    for line in lines:
        minor = build.Version(line).release[:2]
        assert all(
            build.Version(v) <= build.Version(line)
            for v in RELEASES
            if build.Version(v).release[:2] == minor
        )


def test_every_pinned_release_has_one_value_of_every_ranged_fact():
    build.check_pins()  # raises naming every gap


def _ranged_pins(tmp_path: Path, old: str, new: str) -> Path:
    """The pin file with [tags] replaced by the two ranges given."""
    text = (ROOT / "upstream.toml").read_text()
    start = text.index("[tags]")
    end = text.index("\n\n", start)
    tmp_path.mkdir()
    pins = tmp_path / "upstream.toml"
    pins.write_text(
        text[:start]
        + f'[tags]\n"py2.py3-none-any" = "{old}"\n"py3-none-any" = "{new}"'
        + text[end:]
    )
    shutil.copytree(ROOT / "patches", tmp_path / "patches")
    return pins


def test_a_release_a_fact_misses_or_hits_twice_is_refused_naming_it(tmp_path):
    pins = _ranged_pins(tmp_path / "gap", ">=1.28,<1.40", ">=1.44")
    with pytest.raises(build.BuildError) as raised:
        build.check_pins(pins)
    message = str(raised.value)
    for release in ("1.40.2", "1.41.1", "1.42.2", "1.43.2"):
        assert f"{release}: upstream.toml [tags]: no range holds release" in message
    assert "1.39.1" not in message
    pins = _ranged_pins(tmp_path / "twice", ">=1.28,<1.45", ">=1.44")
    with pytest.raises(build.BuildError, match=r"1\.44\.1 is in the ranges of"):
        build.read_pin("1.44.1", pins)


def test_a_download_of_another_file_than_the_pin_names_is_refused(
    tmp_path: Path, monkeypatch
):
    pin = build.read_pin()
    other = tmp_path / f"streamlit-{pin.version}-py2.py3-none-any.whl"
    other.write_bytes(b"x")
    monkeypatch.setattr(build, "download", lambda version, cache: other)
    with pytest.raises(build.BuildError, match=r"upstream.toml's \[tags\] say"):
        build.fetch(pin, tmp_path)


def test_every_patch_file_is_a_form_the_pin_file_gives_and_the_series_lists():
    forms = build.patch_forms()
    names = [p.name for p in forms]
    assert names == sorted(names) == build.read_series_file(ROOT / build.SERIES)
    given = sorted(f.path for p in forms for f in p.forms)
    assert given == sorted((ROOT / "patches").glob("*/*.patch"))


@pytest.mark.parametrize("release", RELEASES)
def test_a_release_takes_one_form_of_each_patch_in_series_order(release):
    pin = build.read_pin(release)
    taken = [p.name for p in pin.patches]
    assert taken == sorted(taken)
    for patch in build.patch_forms():
        serving = [f for f in patch.forms if build.Version(release) in f.serves]
        if patch.name in taken:
            assert [f.path for f in serving] == [
                p for p in pin.patches if p.name == patch.name
            ]
        else:
            assert not serving and build.Version(release) in patch.absent


def _forms_pins(tmp_path: Path, table: str) -> Path:
    """A pin file whose one patch has the forms of ``table``."""
    pins = tmp_path / "upstream.toml"
    text = (ROOT / "upstream.toml").read_text().split("\n[patches.")[0]
    pins.write_text(text + '\n[patches."0001-config-options"]\n' + CONCERN + table)
    (tmp_path / "patches").mkdir()
    (tmp_path / "patches" / "series").write_text("0001-config-options.patch\n")
    for label in ("1.28.2", "1.67.0"):
        (tmp_path / "patches" / label).mkdir()
        shutil.copy(
            ROOT / "patches" / "1.67.0" / "0001-config-options.patch",
            tmp_path / "patches" / label,
        )
    return pins


def test_a_release_no_form_serves_is_refused_naming_the_gap(tmp_path: Path):
    pins = _forms_pins(tmp_path, '"1.28.2" = "<1.49"\n"1.67.0" = ">=1.59"\n')
    assert build.forms_of("1.48.1", pins)[0].label == "1.28.2"
    assert build.forms_of("1.66.1", pins)[0].label == "1.67.0"
    with pytest.raises(
        build.BuildError,
        match=r"no form of 0001-config-options.patch serves 1.52.2 "
        r"\(forms: 1.67.0 \(>=1.59\), 1.28.2 \(<1.49\)\)",
    ):
        build.forms_of("1.52.2", pins)


def test_forms_that_overlap_or_a_bad_specifier_are_refused(tmp_path: Path):
    pins = _forms_pins(tmp_path, '"1.28.2" = "<1.60"\n"1.67.0" = ">=1.59"\n')
    with pytest.raises(build.BuildError, match="served by more than one form"):
        build.forms_of("1.59.2", pins)
    (tmp_path / "b").mkdir()
    pins = _forms_pins(tmp_path / "b", '"1.67.0" = "from 1.59 on"\n')
    with pytest.raises(build.BuildError, match="not a PEP 440 specifier set"):
        build.forms_of("1.67.0", pins)


def test_absent_means_the_release_takes_no_form(tmp_path: Path):
    pins = _forms_pins(tmp_path, '"1.67.0" = ">=1.59"\nabsent = "<1.36"\n')
    assert build.forms_of("1.28.2", pins) == []


def test_every_patch_is_described_once_in_the_pin_file():
    for patch in build.patch_forms():
        assert patch.bug.startswith("https://github.com/streamlit/streamlit/issues/"), (
            patch.name
        )
        assert patch.forwarded in ("no", "not-needed") or patch.forwarded.startswith(
            "https://"
        ), patch.name
        assert "\n" in patch.description, f"{patch.name}: a paragraph says how"


@pytest.mark.parametrize("release", RELEASES)
def test_every_form_opens_with_a_short_dep3_header_naming_its_concern(release):
    for patch in build.read_series(build.read_pin(release)):
        fields = build.patch_header(patch)
        assert fields["Origin"] == "vendor", patch.name
        assert fields["Concern"].split()[0] == patch.stem
        assert "Description" not in fields, f"{patch.name}: upstream.toml says it"


def test_a_concern_has_one_number_and_one_name_in_every_release():
    names: dict[str, str] = {}
    for release in RELEASES:
        for patch in build.read_series(build.read_pin(release)):
            number, concern = patch.stem.split("-", 1)
            assert names.setdefault(number, concern) == concern, (release, patch.name)


def test_a_patch_without_its_header_fields_is_refused(tmp_path: Path):
    patch = tmp_path / "0001-x.patch"
    patch.write_text("Description: something\n\n--- a/f.py\n+++ b/f.py\n")
    with pytest.raises(build.BuildError, match="lacks Concern, Origin"):
        build.patch_header(patch)
    patch.write_text("Concern: 0002-y\nOrigin: vendor\n\n--- a/f.py\n")
    with pytest.raises(build.BuildError, match="names concern 0002-y"):
        build.patch_header(patch)


def test_a_patch_the_pin_file_does_not_describe_is_refused(tmp_path: Path):
    pins = _forms_pins(tmp_path, '"1.67.0" = ">=1.28"\n')
    pins.write_text(pins.read_text().replace('type = "hook"', 'type = "feature"'))
    with pytest.raises(build.BuildError, match="type 'feature' is not one of"):
        build.patch_forms(pins)
    pins.write_text(pins.read_text().replace('bug = "https', 'bugs = "https'))
    with pytest.raises(build.BuildError, match="lacks bug"):
        build.patch_forms(pins)


def test_an_unknown_release_is_refused_naming_the_pinned_ones():
    with pytest.raises(build.BuildError) as raised:
        build.read_pin("0.0.1")
    assert "1.67.0" in str(raised.value) and "1.28.2" in str(raised.value)


def _upstream_tree(tmp_path: Path, release: str | None = None) -> Path:
    """The upstream files the series touches, extracted from the pinned wheel."""
    pin = build.read_pin(release)
    wheel = build.CACHE / pin.filename
    if not wheel.exists():
        build.fetch(pin)
    tree = tmp_path / "streamlit-tree"
    with zipfile.ZipFile(wheel) as zf:
        for name in zf.namelist():
            if name.startswith("streamlit/") and name.endswith(".py"):
                zf.extract(name, tree)
    return tree


@pytest.mark.parametrize("release", RELEASES)
def test_the_series_applies_to_pristine_upstream(tmp_path: Path, release):
    tree = _upstream_tree(tmp_path, release)
    pin = build.read_pin(release)
    build.apply_series(tree, build.read_series(pin), pin.version)
    assert "class_identity" in (tree / "streamlit" / "config.py").read_text()


@pytest.mark.parametrize(
    ("release", "patch"),
    [
        ("1.67.0", "0006-session-state-register-widget.patch"),
        ("1.28.2", "0006-session-state-register-widget.patch"),
    ],
)
def test_a_patch_that_no_longer_applies_names_the_patch_release_and_file(
    tmp_path: Path, release, patch
):
    tree = _upstream_tree(tmp_path, release)
    session_state = tree / "streamlit" / "runtime" / "state" / "session_state.py"
    text = session_state.read_text()
    session_state.write_text(
        text.replace("self.states[k] = Value(deserialized)", "pass")
    )
    pin = build.read_pin(release)
    with pytest.raises(build.BuildError) as raised:
        build.apply_series(tree, build.read_series(pin), pin.version)
    message = str(raised.value)
    assert patch in message
    assert f"upstream {release}" in message
    assert "streamlit/runtime/state/session_state.py" in message


def test_bytes_that_do_not_match_the_pin_are_refused(tmp_path: Path):
    pin = build.read_pin()
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / pin.filename).write_bytes(b"not the upstream wheel")
    with pytest.raises(build.BuildError) as raised:
        build.fetch(pin, cache)
    message = str(raised.value)
    assert hashlib.sha256(b"not the upstream wheel").hexdigest() in message
    assert pin.sha256 in message


def test_our_modules_never_overwrite_upstream_files(tmp_path: Path):
    tree = tmp_path / "tree"
    lib = tmp_path / "lib" / "streamlit"
    (lib / "runtime").mkdir(parents=True)
    (lib / "runtime" / "app_session.py").write_text("# ours\n")
    (tree / "streamlit" / "runtime").mkdir(parents=True)
    shutil.copy(lib / "runtime" / "app_session.py", tree / "streamlit" / "runtime")
    with pytest.raises(build.BuildError, match="would overwrite upstream"):
        build.add_modules(tree, lib)


def test_installed_wheel_carries_the_patched_version_and_requirements():
    from importlib.metadata import distribution

    dist = distribution("streamlit")
    pin = build.read_pin(dist.version.split("+")[0])
    assert dist.version == pin.patched_version
    requires = dist.requires or []
    for name, spec in pin.requires.items():
        assert any(r.startswith(name) and spec.split(",")[-1] in r for r in requires)


def test_the_installed_wheel_admits_exactly_the_pythons_it_serves():
    """Requires-Python admits every interpreter the release is tested on, and
    where upstream's admits one the release cannot serve, it is narrowed."""
    from importlib.metadata import metadata

    import streamlit
    from packaging.specifiers import SpecifierSet

    pin = build.read_pin(streamlit.__version__.split("+")[0])
    declared = SpecifierSet(metadata("streamlit")["Requires-Python"])
    assert all(f"{python}.0" in declared for python in pin.pythons)
    if pin.requires_python is not None:
        assert declared == SpecifierSet(pin.requires_python)


def test_the_full_suites_interpreters_are_of_those_the_release_is_tested_on():
    for release in build.versions():
        pin = build.read_pin(release)
        assert set(pin.full_pythons) <= set(pin.pythons), release


def test_1_28_2_refuses_the_pythons_its_numpy_has_no_wheels_for():
    pin = build.read_pin("1.28.2")
    from packaging.specifiers import SpecifierSet

    declared = SpecifierSet(pin.requires_python or "")
    assert "3.12.0" in declared and "3.13.0" not in declared and "3.9.7" not in declared


def test_an_interpreter_the_machine_lacks_is_an_error_naming_it():
    from wheelbuild import interpreters

    here = f"{sys.version_info[0]}.{sys.version_info[1]}"
    assert interpreters.find(here)
    with pytest.raises(interpreters.MissingInterpreter, match=r"no Python 3\.99"):
        interpreters.find("3.99")


def test_docs_patches_lists_every_patch_as_the_headers_say():
    """The patch table of docs/patches.md is the one `--print patches` makes
    from the pin file: the patches are described once."""
    doc = (ROOT / "docs" / "patches.md").read_text(encoding="utf-8")
    assert build.patches_table() in doc


def test_the_spread_takes_every_form_no_anchor_takes():
    anchors = build.anchors()
    spread = build.spread()
    assert not set(spread) & set(anchors)
    taken = {f.path for r in [*anchors, *spread] for f in build.forms_of(r)}
    every = {f.path for r in RELEASES for f in build.forms_of(r)}
    assert taken == every


def test_the_spread_has_no_release_the_others_cover():
    """Each release of the spread takes a form no other release tested by
    `make test` takes: the smoke part runs no release more than it must."""
    anchors, spread = build.anchors(), build.spread()
    for release in spread:
        rest = [*anchors, *(r for r in spread if r != release)]
        others = {f.path for r in rest for f in build.forms_of(r)}
        assert {f.path for f in build.forms_of(release)} - others, release


def test_the_spread_is_the_smallest_cover(tmp_path: Path):
    """Where picks of the newest release first would take two releases
    (1.59.2 for one form, then 1.57.0 for the other), the cover takes one:
    1.57.0 takes both forms."""
    pins = tmp_path / "upstream.toml"
    text = (ROOT / "upstream.toml").read_text().split("\n[patches.")[0]
    pins.write_text(
        text
        + '\n[patches."0001-a"]\n'
        + CONCERN
        + '"1.67.0" = ">=1.28"\n'
        + '[patches."0002-b"]\n'
        + CONCERN
        + '"1.28.2" = "<1.56"\n"1.58.0" = ">=1.56,<1.60"\n"1.67.0" = ">=1.60"\n'
        + '[patches."0003-c"]\n'
        + CONCERN
        + '"1.28.2" = "<1.50"\n"1.57.0" = ">=1.50,<1.58"\n"1.67.0" = ">=1.58"\n'
    )
    (tmp_path / "patches").mkdir()
    names = ["0001-a.patch", "0002-b.patch", "0003-c.patch"]
    (tmp_path / "patches" / "series").write_text("\n".join(names) + "\n")
    for label, name in [
        ("1.67.0", names[0]), ("1.28.2", names[1]), ("1.58.0", names[1]),
        ("1.67.0", names[1]), ("1.28.2", names[2]), ("1.57.0", names[2]),
        ("1.67.0", names[2]),
    ]:  # fmt: skip
        (tmp_path / "patches" / label).mkdir(exist_ok=True)
        shutil.copy(
            ROOT / "patches" / "1.67.0" / "0001-config-options.patch",
            tmp_path / "patches" / label / name,
        )
    assert build.spread(pins) == ["1.57.0"]
