"""``python -m wheelbuild [--dist DIR]``: build the patched wheel."""

import argparse
import sys
from pathlib import Path

from wheelbuild.build import BuildError, build_wheel

parser = argparse.ArgumentParser(prog="python -m wheelbuild", description=__doc__)
parser.add_argument("--dist", type=Path, default=Path("dist"), help="output folder")
args = parser.parse_args()
try:
    print(build_wheel(args.dist))
except BuildError as e:
    print(f"wheelbuild: {e}", file=sys.stderr)
    sys.exit(1)
