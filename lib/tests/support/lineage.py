"""Running class statements into a session's lineage without a session.

Each "run" executes a script's source in a fresh namespace, as Streamlit runs
the script in a fresh module every rerun, its class statements marked as the
script cache marks them (``class_statements.mark``); what the marks hand to
the running session goes to one ``ClassLineage`` (``Session``).
"""

from __future__ import annotations

import textwrap
from functools import lru_cache
from types import CodeType
from typing import Any, Mapping
from unittest import mock

from streamlit.class_identity import class_statements
from streamlit.class_identity.config_options import RunModes
from streamlit.class_identity.kept_classes import ClassLineage

DEFAULT = RunModes(("nameOnly", "dataClasses"))
PATH = "/app/script.py"


class Session:
    """What a session's identity does with its class statements, here for
    ``lineage`` alone (``SessionIdentity.class_kept`` and ``class_defined``)."""

    def __init__(self, lineage: ClassLineage, modes: RunModes) -> None:
        self.lineage, self.modes = lineage, modes

    def class_kept(self, path: str, meta: type, bases: Any, namespace: Any) -> Any:
        return self.lineage.kept(path, meta, bases, namespace, self.modes)

    def class_defined(self, cls: type, path: str, body: Any = ()) -> type:
        return self.lineage.defined(cls, path, self.modes, body).cls


def run_script(
    lineage: ClassLineage,
    source: str,
    modes: RunModes = DEFAULT,
    given: Mapping[str, Any] = {},
) -> dict[str, Any]:
    """One run of ``source`` (with ``given`` in its globals): its globals."""
    lineage.start_run()
    namespace: dict[str, Any] = {"__name__": "__main__", **given}
    session = Session(lineage, modes)
    with mock.patch.object(class_statements, "running_identity", lambda: session):
        exec(_compiled(source), namespace)
    return namespace


@lru_cache(maxsize=None)
def _compiled(source: str) -> CodeType:
    """``source`` marked and compiled once, as the script cache compiles a
    script once (every run runs the same code objects and constants)."""
    return compile(class_statements.mark(textwrap.dedent(source), PATH), PATH, "exec")
