"""The package's modules import only from the layers below their own.

The layers, bottom to top, as the package docstring and docs/design.md draw
them. A new module must be given a layer here; an import that points up (or
sideways) fails, so that no import cycle can form again.
"""

from __future__ import annotations

import ast
from pathlib import Path

import streamlit.class_identity as package

LAYERS = {
    # 0: facts and records that import nothing of ours
    "config_options": 0, "release": 0, "labels": 0, "shared_objects": 0,
    # 1: what state an instance keeps
    "fields": 1,
    # 2: whether an old class may stand for a new one
    "correspondence": 2,
    # 3: Enum members mapped by name
    "members": 3,
    # 4: finding current classes and updating values; a widget's options
    "class_update": 4, "options": 4,
    # 5: a session's classes, kept where a class statement is unchanged
    "kept_classes": 5,
    # 6: what each session keeps, and its run's modes
    "session_identity": 6,
    # 7: the hooks the patches call
    "session_values": 7, "widget_values": 7, "widget_options": 7,
    "cached_resources": 7, "upstream_coercion": 7, "apptest": 7,
    "class_statements": 7,
}  # fmt: skip

PACKAGE = Path(package.__file__).parent
PREFIX = "streamlit.class_identity"


def _imports(path: Path) -> set[str]:
    """Our modules ``path`` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(PREFIX):
            rest = node.module[len(PREFIX) :].lstrip(".")
            found |= {rest.split(".")[0]} if rest else {a.name for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {
                a.name[len(PREFIX) + 1 :].split(".")[0]
                for a in node.names
                if a.name.startswith(PREFIX + ".")
            }
    return found - {path.stem}


def test_every_module_has_a_layer():
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    assert modules == set(LAYERS)


def test_every_import_points_down():
    upward = [
        f"{path.stem} (layer {LAYERS[path.stem]}) imports {dep} (layer {LAYERS[dep]})"
        for path in sorted(PACKAGE.glob("*.py"))
        if path.stem != "__init__"
        for dep in sorted(_imports(path))
        if LAYERS[dep] >= LAYERS[path.stem]
    ]
    assert upward == []


def test_the_package_docstring_names_every_module():
    doc = package.__doc__ or ""
    assert [m for m in LAYERS if f"``{m}``" not in doc] == []
