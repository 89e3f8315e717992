"""The README's benchmark headlines, from the committed results; runs nothing.

``markdown()`` renders every target of ``bench/results/*-<release>.json`` (met
or missed), then each bench's headline rows; every table is in the ``.md``
beside each (``python -m bench.headlines`` prints it; it needs tabulate only).
"""

import json
from typing import Any

from bench.tables import table, targets_table
from bench.worker import ROOT

ORDER = ("inprocess", "server", "kept", "instructions", "load")


def found() -> list[dict[str, Any]]:
    """Every bench's headline file, in ``ORDER``, the newest release first."""
    paths = (ROOT / "bench" / "results").glob("*-[0-9]*.json")
    found = [json.loads(path.read_text(encoding="utf-8")) for path in paths]

    def order(h: dict[str, Any]) -> tuple[int, list[int]]:
        return ORDER.index(h["bench"]), [-int(x) for x in h["release"].split(".")]

    return sorted((h for h in found if h.get("bench") in ORDER), key=order)


def link(h: dict[str, Any], text: str) -> str:
    return f"[{text}](bench/results/{h['bench']}-{h['release']}.md)"


def section(h: dict[str, Any]) -> str:
    """A bench's headline rows, under its title."""
    return (f"#### {h['title']}: streamlit {h['release']}\n\n{h['date']}, commit "
            f"{h['commit']}, {h['machine']}; every table: {link(h, 'results')}.\n\n"
            + table(" | ".join(h["columns"]), h["rows"]))  # fmt: skip


def markdown() -> str:
    """Every target of every bench, met or missed; each bench's headline rows."""
    headlines = found()
    targets = [{"bench": link(h, h["title"]), "release": h["release"], **t}
               for h in headlines for t in h["targets"]]  # fmt: skip
    sections = [section(h) for h in headlines]
    return "\n\n".join([targets_table(targets, "bench", "release"), *sections])


if __name__ == "__main__":
    print(markdown())
