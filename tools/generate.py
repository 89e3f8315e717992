"""``make docs``: every generated section of the README, from what the
repository holds, running nothing:

- ``patches``: the patch table (``wheelbuild.build.patches_table``: the pin
  file and the patch headers);
- ``releases``: the full suite on every pinned release
  (``bench/results/releases.json``, which ``make test-releases`` keeps);
- ``bench``: the benchmarks' targets and headline rows
  (``bench.report.markdown``: ``bench/results/<bench>-<release>.json``).

``make compare`` writes its own section (it runs what it reports on).
``--check`` (``make lint``) changes nothing and fails where a section is
not what ``make docs`` writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.report import markdown as bench_headlines  # noqa: E402
from tools.markdown import write_section  # noqa: E402
from wheelbuild.build import patches_table  # noqa: E402
from wheelbuild.releases import releases_section  # noqa: E402

README = ROOT / "README.md"
SECTIONS = {
    "patches": patches_table,
    "releases": releases_section,
    "bench": bench_headlines,
}


def main(argv: list[str]) -> int:
    before = README.read_text(encoding="utf-8")
    for name, render in SECTIONS.items():
        write_section(README, name, render())
    if "--check" in argv:
        after = README.read_text(encoding="utf-8")
        README.write_text(before, encoding="utf-8")
        if after != before:
            print("README.md: stale generated section (make docs)", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
