"""``python -m wheelbuild [--release X] [--dist DIR]``: build a patched wheel.

``--print FIELD`` prints one fact of the pin instead of building, for the
Makefile: ``default``, ``versions``, ``wheel`` (the patched wheel's file
name), ``upstream`` (upstream's file name), ``version`` (the patched one),
``anchors`` (the releases every suite runs on), ``spread`` (the others
whose full suite ``make test`` runs), ``lines`` (the newest release of every
minor line, pinned or not), ``requires`` (the requirement fixes,
as pip arguments), ``pythons`` (the
interpreters the release is tested on), ``full-pythons`` (those of them that
run the full suite in ``make test``) or ``interpreter`` (the path of this
machine's interpreter of version ``--python``), ``patches`` (every
patch of every release, as the markdown table of docs/patches.md), or
``make-vars``: every fact the Makefile takes, at once, as make assignments
(``mk/pins.mk``'s, of ``--release``, when it is pinned).
"""

import argparse
import sys
from pathlib import Path

from wheelbuild.build import (
    BuildError,
    anchors,
    build_wheel,
    check_pins,
    default_version,
    lines,
    patches_table,
    read_pin,
    spread,
    versions,
)
from wheelbuild.interpreters import MissingInterpreter, find

parser = argparse.ArgumentParser(prog="python -m wheelbuild", description=__doc__)
parser.add_argument("--dist", type=Path, default=Path("dist"), help="output folder")
parser.add_argument("--release", default=None, help="upstream version to build")
parser.add_argument(
    "--print",
    dest="field",
    choices=[
        "default",
        "versions",
        "anchors",
        "spread",
        "lines",
        "wheel",
        "upstream",
        "version",
        "requires",
        "pythons",
        "full-pythons",
        "interpreter",
        "patches",
        "make-vars",
    ],
    help="print a fact of the pin (or of this machine) and exit",
)
parser.add_argument("--python", help="with --print interpreter: a version, 3.12")


def make_vars(release: str | None) -> str:
    """The Makefile's facts of the pin file, and of ``release`` (the default
    when None) where it is pinned, as simple make assignments."""
    check_pins()
    pinned = versions()
    release = release or default_version()
    facts = {
        "PINNED_RELEASES": " ".join(pinned),
        "DEFAULT_RELEASE": default_version(),
        "ANCHORS": " ".join(anchors()),
        "SPREAD": " ".join(spread()),
        "LINES": " ".join(lines()),
        "PINS_OF": release,
    }
    if release in pinned:
        pin = read_pin(release)
        facts |= {
            "VERSION": pin.patched_version,
            "WHEEL_NAME": pin.wheel_name,
            "UPSTREAM_WHEEL_NAME": pin.filename,
            "REQUIRES": " ".join(f"{n}{spec}" for n, spec in pin.requires.items()),
            "RELEASE_PYTHONS": " ".join(pin.pythons),
            "FULL_PYTHONS": " ".join(pin.full_pythons),
        }
    return "".join(f"{name} := {value}\n" for name, value in facts.items())


args = parser.parse_args()
try:
    if args.field == "default":
        print(default_version())
    elif args.field == "patches":
        print(patches_table(), end="")
    elif args.field == "versions":
        print(" ".join(versions()))
    elif args.field == "anchors":
        print(" ".join(anchors()))
    elif args.field == "spread":
        print(" ".join(spread()))
    elif args.field == "lines":
        print(" ".join(lines()))
    elif args.field == "make-vars":
        print(make_vars(args.release), end="")
    elif args.field == "interpreter":
        if not args.python:
            parser.error("--print interpreter needs --python X.Y")
        print(find(args.python))
    elif args.field is not None:
        pin = read_pin(args.release)
        print(
            {
                "wheel": pin.wheel_name,
                "upstream": pin.filename,
                "version": pin.patched_version,
                "requires": " ".join(
                    f"{name}{spec}" for name, spec in pin.requires.items()
                ),
                "pythons": " ".join(pin.pythons),
                "full-pythons": " ".join(pin.full_pythons),
            }[args.field]
        )
    else:
        print(build_wheel(args.dist, args.release))
except (BuildError, MissingInterpreter) as e:
    print(f"wheelbuild: {e}", file=sys.stderr)
    sys.exit(1)
