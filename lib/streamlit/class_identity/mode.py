"""The ``runner.enumCoercion`` option: its values, and the error for a bad one.

Kept apart from the coercion code so that the config registry, the CLI and the
runtime all describe the option with the same words.
"""

from __future__ import annotations

import difflib
import sys
from typing import Final, Literal

from streamlit.errors import StreamlitAPIException

OPTION: Final = "runner.enumCoercion"

Mode = Literal["off", "nameOnly", "nameAndValue"]
MODES: Final[tuple[Mode, ...]] = ("off", "nameOnly", "nameAndValue")
DEFAULT: Final[Mode] = "nameOnly"

DESCRIPTION: Final = """
        How widget values keep their class identity across reruns, when the
        options are members of an Enum class (or other classes) defined in the
        app script, which Python defines anew on every rerun.
        "nameOnly": a member of a previous run's class is given back as the
        member of the same name of the current run's class, when both classes
        have the same __qualname__ and the same set of member names.
        "nameAndValue": as "nameOnly", and every member must also have an
        equal value in both classes.
        "off": no coercion; Streamlit behaves as its release does unpatched
        with this value.
        Allowed values: "off", "nameOnly", "nameAndValue".
        """


class InvalidCoercionModeError(StreamlitAPIException):
    """Raised where a widget needs the mode and the configured one is invalid."""


def error_message(value: object) -> str:
    """Name the option, the bad value and the allowed values, with a hint."""
    allowed = ", ".join(f"'{m}'" for m in MODES)
    message = (
        f"Invalid value {value!r} for config option '{OPTION}': "
        f"expected one of {allowed}."
    )
    hint = suggestion(value)
    if hint is not None:
        message += f" Did you mean '{hint}'?"
    return message


def suggestion(value: object) -> str | None:
    """The allowed value a near miss (case, whitespace, a typo) most likely meant."""
    if not isinstance(value, str):
        return None
    folded = value.strip().casefold()
    for mode in MODES:
        if mode.casefold() == folded:
            return mode
    close = difflib.get_close_matches(folded, [m.casefold() for m in MODES], n=1)
    if close:
        return next(m for m in MODES if m.casefold() == close[0])
    return None


def validate(value: object) -> Mode:
    """Return ``value`` as a mode, or raise InvalidCoercionModeError."""
    if isinstance(value, str) and value in MODES:
        return value  # type: ignore[return-value]
    raise InvalidCoercionModeError(error_message(value))


def current_raw() -> object:
    """The configured value as it was given, valid or not."""
    # Found at call time: streamlit.config imports this module to define the
    # option (and AppTest's patch_config_options replaces its get_option).
    config = sys.modules.get("streamlit.config")
    if config is None:
        from streamlit import config
    return config.get_option(OPTION)


def current() -> Mode:
    """The configured mode; raises InvalidCoercionModeError if it is invalid."""
    return validate(current_raw())


def current_or_none() -> Mode | None:
    """The configured mode, or None if it is invalid. Never raises."""
    value = current_raw()
    return value if isinstance(value, str) and value in MODES else None  # type: ignore[return-value]


def check_before_serving() -> None:
    """Raise InvalidCoercionModeError if the configured value is invalid.

    Called where every server start passes (the Runtime's constructor), so
    that no way of starting a server serves an app with an invalid value.
    """
    current()


def check_at_startup() -> None:
    """Stop the ``streamlit`` command before it serves anything if the value
    is invalid: a clear one-line error and exit status 1."""
    import click

    try:
        current()
    except InvalidCoercionModeError as e:
        raise click.ClickException(str(e)) from None
