"""Running app scripts with AppTest and reading what they report.

The scripts read like users' apps and report what they observe with
``st.text("name=value")`` lines, which ``report`` turns into a dict; the
parts they share (the Color class, the keeper, ...) are in ``support.scripts``.
"""

from __future__ import annotations

import textwrap
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.util import patch_config_options

OPTION = "runner.enumCoercion"
INSTANCE_OPTION = "runner.instanceCoercion"

COERCING_MODES = ("nameOnly", "nameAndValue")


def default_not_in_options(value: str) -> str:
    """What the release says of a multiselect default ``value`` (as the
    message shows it) that is not among the options.

    Asked of the release itself (its wording changed in 1.34 and 1.37): a
    control app gives a string default that is no option.
    """
    marker = "NotAnOption"
    control = app(
        f"import streamlit as st\nst.multiselect('x', ['a'], default=['{marker}'])"
    ).run()
    (raised,) = control.exception
    return str(raised.message).replace(marker, value)


def app(script: str, timeout: float = 10) -> AppTest:
    return AppTest.from_string(textwrap.dedent(script), default_timeout=timeout)


class EditedApp:
    """An app in a file of its own, which the test edits between runs as a
    user edits the script of a running app."""

    def __init__(self, directory: Path, script: str, timeout: float = 10) -> None:
        self.path = directory / "edited_app.py"
        self.path.write_text(textwrap.dedent(script), encoding="utf-8")
        self.at = AppTest.from_file(str(self.path), default_timeout=timeout)

    def run(self) -> AppTest:
        return self.at.run()

    def edit(self, script: str) -> AppTest:
        """Save the script as ``script`` and rerun, as Streamlit does on save."""
        self.path.write_text(textwrap.dedent(script), encoding="utf-8")
        return self.run()


def report(at: AppTest) -> dict[str, str]:
    """The ``name=value`` lines the script wrote with st.text."""
    lines = [t.value for t in at.text]
    return dict(line.split("=", 1) for line in lines if "=" in line)


def no_exception(at: AppTest) -> bool:
    return len(at.exception) == 0


@contextmanager
def coercion(mode: object) -> Iterator[object]:
    with patch_config_options({OPTION: mode}):
        yield mode


@contextmanager
def renewed_classes() -> Iterator[None]:
    """Every class statement of the apps gives a new class every run, as on
    stock Streamlit, as if each run had edited every class (the lineage keeps
    none): what the app keeps is brought up to date by the update of kept
    values and the re-read of widget values instead."""
    from unittest import mock

    from streamlit.class_identity.correspondence import Verdict

    refused = Verdict(False, "renewed by the test")
    lineage = "streamlit.class_identity.kept_classes"
    with mock.patch(f"{lineage}.keep_verdict", return_value=refused), mock.patch(
        f"{lineage}.keep_body_verdict", return_value=None
    ), mock.patch(f"{lineage}.edit_in_place", return_value=False):
        yield


@contextmanager
def instance_coercion(mode: object) -> Iterator[object]:
    """runner.instanceCoercion set as a test sets any Streamlit option."""
    with patch_config_options({INSTANCE_OPTION: mode}):
        yield mode
