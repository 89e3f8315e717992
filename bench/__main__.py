"""``python -m bench NAME``: run one bench (bench/README.md), write its results.

``--side X.Y=STOCK,PATCHED`` gives an interpreter's stock and patched python,
the default interpreter first (``server`` and ``load`` use it alone)::

    .venv/bench/bin/python -m bench kept --release 1.67.0 \\
        --side 3.11=.venv/stock-1.67.0/bin/python,.venv/1.67.0/bin/python
"""

from __future__ import annotations

import argparse
import importlib

# Each bench is the function of its name in its module.
MODULES = {"inprocess": "inprocess", "kept": "kept", "instructions": "instructions",
           "server": "servers", "load": "servers"}  # fmt: skip


def side(spec: str) -> tuple[str, str, str]:
    python, pythons = spec.split("=", 1)
    stock, patched = pythons.split(",")
    return python, stock, patched


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("bench", choices=MODULES)
    parser.add_argument("--release", required=True, help="the upstream release")
    parser.add_argument("--side", type=side, action="append", required=True)
    parser.add_argument("--upstream", help="inprocess: stock with upstream's functions")
    parser.add_argument("--app", action="append", help="instructions: an app counted")
    args = parser.parse_args()
    if args.bench == "inprocess" and not args.upstream:
        parser.error("inprocess needs --upstream")
    module = importlib.import_module(f"bench.{MODULES[args.bench]}")
    getattr(module, args.bench)(args)


if __name__ == "__main__":
    main()
