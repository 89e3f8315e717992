"""``python -m bench NAME --release R --side X.Y=STOCK_PYTHON,PATCHED_PYTHON ...``:
one bench (bench/README.md), the default interpreter's side first."""

import argparse
import importlib  # each bench is the function of its name in its module (MODULES)

MODULES = {"inprocess": "inprocess", "kept": "kept", "instructions": "instructions",
           "server": "servers", "load": "servers"}  # fmt: skip

parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
parser.add_argument("bench", choices=MODULES)
parser.add_argument("--release", required=True, help="the upstream release")
parser.add_argument("--side", action="append", required=True, help="X.Y=STOCK,PATCHED")
parser.add_argument("--upstream", help="inprocess: stock with upstream's functions")
parser.add_argument("--app", action="append", help="instructions: an app counted")
args = parser.parse_args()
if args.bench == "inprocess" and not args.upstream:
    parser.error("inprocess needs --upstream")
# Each side as (interpreter, stock python, patched python).
args.side = [(python, *pythons.split(",")) for python, pythons in
             (side.split("=", 1) for side in args.side)]  # fmt: skip
getattr(importlib.import_module(f"bench.{MODULES[args.bench]}"), args.bench)(args)
