"""``make docs``: every generated section of the docs, from what the
repository holds, running nothing, each into the file that holds it:

- ``patches`` (docs/patches.md): the patch table
  (``wheelbuild.build.patches_table``: the pin file);
- ``releases`` (docs/releases.md): the full suite on every pinned release
  (``bench/results/releases.json``, which ``make test-releases`` keeps);
- ``bench`` (docs/benchmarks.md): the benchmarks' targets and headline rows
  (``bench.report.markdown``: ``bench/results/<bench>-<release>.json``).

``make compare`` writes its own section, ``compare`` in
docs/stock-vs-ours.md (it runs what it reports on). ``--check`` (``make
lint``) changes nothing and fails where a section is not what ``make docs``
writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.report import markdown as bench_headlines  # noqa: E402
from tools.markdown import write_section  # noqa: E402
from wheelbuild.build import patches_table  # noqa: E402
from wheelbuild.releases import RELEASES_DOC, releases_section  # noqa: E402

PATCHES_DOC = ROOT / "docs" / "patches.md"
BENCHMARKS_DOC = ROOT / "docs" / "benchmarks.md"
# Each section's file, and what writes its body.
SECTIONS = {
    "patches": (PATCHES_DOC, patches_table),
    "releases": (RELEASES_DOC, releases_section),
    "bench": (BENCHMARKS_DOC, bench_headlines),
}


def main(argv: list[str]) -> int:
    files = {path for path, _ in SECTIONS.values()}
    before = {path: path.read_text(encoding="utf-8") for path in files}
    for name, (path, render) in SECTIONS.items():
        write_section(path, name, render())
    if "--check" in argv:
        stale = []
        for path, text in before.items():
            if path.read_text(encoding="utf-8") != text:
                stale.append(path.relative_to(ROOT))
                path.write_text(text, encoding="utf-8")
        for path in stale:
            print(f"{path}: stale generated section (make docs)", file=sys.stderr)
        return 1 if stale else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
