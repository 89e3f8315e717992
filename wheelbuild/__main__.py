"""``python -m wheelbuild [--release X] [--dist DIR]``: build a patched wheel.

``--print FIELD`` prints one fact of the pin instead of building, for the
Makefile: ``default``, ``versions``, ``wheel`` (the patched wheel's file
name), ``upstream`` (upstream's file name), ``version`` (the patched one) or
``requires`` (the requirement fixes, as pip arguments).
"""

import argparse
import sys
from pathlib import Path

from wheelbuild.build import (
    BuildError,
    build_wheel,
    default_version,
    read_pin,
    versions,
)

parser = argparse.ArgumentParser(prog="python -m wheelbuild", description=__doc__)
parser.add_argument("--dist", type=Path, default=Path("dist"), help="output folder")
parser.add_argument("--release", default=None, help="upstream version to build")
parser.add_argument(
    "--print",
    dest="field",
    choices=["default", "versions", "wheel", "upstream", "version", "requires"],
    help="print a fact of the pin and exit",
)
args = parser.parse_args()
try:
    if args.field == "default":
        print(default_version())
    elif args.field == "versions":
        print(" ".join(versions()))
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
            }[args.field]
        )
    else:
        print(build_wheel(args.dist, args.release))
except BuildError as e:
    print(f"wheelbuild: {e}", file=sys.stderr)
    sys.exit(1)
