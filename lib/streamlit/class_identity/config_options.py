"""Our two config options: their values, their registration, and the modes of a run.

``runner.enumCoercion`` (upstream's name since 1.29, our rules) says how Enum
members of a redefined class are matched; ``runner.instanceCoercion`` (ours)
how instances of other redefined classes kept in session state are. Both are
registered here through upstream's own registration function (``register``,
called at the end of ``streamlit/config.py``), so the config registry, the
CLI and the runtime describe them with the same words. A run reads both
values once (``RunModes``); nothing else in the package reads the config.
"""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Callable, Final, Literal, Mapping

from streamlit.errors import StreamlitAPIException

Mode = Literal["off", "nameOnly", "nameAndValue"]
InstanceMode = Literal["off", "dataClasses", "allClasses"]


class InvalidCoercionModeError(StreamlitAPIException):
    """Raised where a widget needs the mode and the configured one is invalid."""


@dataclass(frozen=True)
class Choice:
    """A config option whose value is one of a few strings."""

    option: str
    values: tuple[str, ...]
    default: str
    description: str

    def error_message(self, value: object) -> str:
        """Name the option, the bad value and the allowed values, with a hint."""
        allowed = ", ".join(f"'{m}'" for m in self.values)
        message = (
            f"Invalid value {value!r} for config option '{self.option}': "
            f"expected one of {allowed}."
        )
        hint = self.suggestion(value)
        if hint is not None:
            message += f" Did you mean '{hint}'?"
        return message

    def suggestion(self, value: object) -> str | None:
        """The allowed value a near miss (case, whitespace, typo) most likely meant."""
        if not isinstance(value, str):
            return None
        folded = value.strip().casefold()
        for allowed in self.values:
            if allowed.casefold() == folded:
                return allowed
        folded_values = [m.casefold() for m in self.values]
        close = difflib.get_close_matches(folded, folded_values, n=1)
        if close:
            return next(m for m in self.values if m.casefold() == close[0])
        return None

    def validate(self, value: object) -> str:
        """Return ``value`` if allowed, or raise InvalidCoercionModeError."""
        if isinstance(value, str) and value in self.values:
            return value
        raise InvalidCoercionModeError(self.error_message(value))

    def valid_or_none(self, value: object) -> str | None:
        """``value`` if allowed, else None. Never raises."""
        return value if isinstance(value, str) and value in self.values else None

    def configured(self) -> object:
        """The configured value as it was given, valid or not."""
        # Found at call time: streamlit.config imports this module to define
        # the options (and AppTest's patch_config_options replaces get_option).
        config = sys.modules.get("streamlit.config")
        if config is None:
            from streamlit import config
        return config.get_option(self.option)


ENUMS: Final = Choice(
    option="runner.enumCoercion",
    values=("off", "nameOnly", "nameAndValue"),
    default="nameOnly",
    description="""
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
        """,
)

INSTANCES: Final = Choice(
    option="runner.instanceCoercion",
    values=("off", "dataClasses", "allClasses"),
    default="dataClasses",
    description="""
        How objects kept in st.session_state keep their class identity across
        reruns, when their class is defined in the app script (or a page, or a
        module Streamlit re-imported after an edit), which Python defines
        anew on every rerun. An object of a previous run's class is made an
        instance of the current run's class, in place, when both classes have
        the same module, __qualname__ and field names.
        "dataClasses": dataclasses and NamedTuple / namedtuple classes, whose
        fields are declared.
        "allClasses": also plain classes that keep their state in __dict__ or
        __slots__; their fields are the attributes __init__ assigns.
        "off": objects are left as they are; Streamlit behaves as its release
        does unpatched.
        Allowed values: "off", "dataClasses", "allClasses".
        """,
)


@dataclass(frozen=True)
class RunModes:
    """Both options' values as one run reads them, once, with what they mean.

    ``enums`` and ``instances`` are the valid values, None where the value is
    invalid: a widget that needs the mode then raises (``for_widgets``), and
    a read of session state leaves values alone (``for_reads``). What those
    give is worked out once, here: every widget, read and class statement of
    every run asks (``widgets``, ``reads``, ``enums_on``), and an attribute
    is found where a call would run code of ours.
    """

    raw: tuple[object, object]
    enums: Mode | None = field(init=False)
    instances: InstanceMode | None = field(init=False)
    # Enum members are matched (a valid mode other than "off").
    enums_on: bool = field(init=False)
    # for_reads(); the Enum mode for widgets, None where ``for_widgets`` raises.
    reads: tuple[Mode | None, InstanceMode] = field(init=False)
    widgets: Mode | None = field(init=False)

    def __post_init__(self) -> None:
        raw_enums, raw_instances = self.raw
        enums = ENUMS.valid_or_none(raw_enums)
        instances = INSTANCES.valid_or_none(raw_instances)
        enums_on = enums is not None and enums != "off"
        set_field = partial(object.__setattr__, self)
        set_field("enums", enums)
        set_field("instances", instances)
        set_field("enums_on", enums_on)
        set_field("reads", (enums if enums_on else None, instances or "off"))
        set_field("widgets", enums if instances is not None else None)

    @classmethod
    def configured(cls) -> RunModes:
        """The values configured now (one object for each pair of values:
        every run of every session reads them).

        Two ``get_option`` calls (each taking the config lock) were the larger
        part of what a rerun of an app without classes paid for the patch. So
        while ``get_option`` is upstream's own and the config is parsed, the
        values are read off the registry's ``ConfigOption`` objects, as
        ``get_option`` reads them; through ``get_option`` itself where a test
        replaced it (``patch_config_options``). Reading a ``value`` is two
        calls (a property and its getter), so the last answer is kept with
        both options' getters: an option's value changes only with a new
        getter (``set_value`` makes one; a parsed config, new options).
        """
        config = sys.modules["streamlit.config"]
        options = config._config_options
        if options and config.get_option is _UPSTREAM_GET[0]:
            enums, instances = options[_ENUMS_OPTION], options[_INSTANCES_OPTION]
            last = _LAST
            if enums._get_val_func is last[0] and instances._get_val_func is last[1]:
                return last[2]  # type: ignore[return-value]
            found = cls._of((enums.value, instances.value))
            # The getters are held, so no new getter can take their address.
            _LAST[:] = (enums._get_val_func, instances._get_val_func, found)
            return found
        return cls._of((ENUMS.configured(), INSTANCES.configured()))

    @classmethod
    def _of(cls, raw: tuple[object, object]) -> RunModes:
        """The one ``RunModes`` of a pair of values."""
        try:
            found = _READ.get(raw)
        except TypeError:  # an unhashable (invalid) value
            return cls(raw)
        if found is None:
            found = _READ[raw] = cls(raw)
        return found

    def for_widgets(self) -> Mode:
        """The Enum mode for widgets; raises InvalidCoercionModeError if either
        value is invalid (the first widget of a run is where an app test sees it)."""
        if self.instances is None:
            INSTANCES.validate(self.raw[1])
        if self.enums is None:
            ENUMS.validate(self.raw[0])
        return self.enums  # type: ignore[return-value]

    def for_reads(self) -> tuple[Mode | None, InstanceMode]:
        """For session-state reads: the Enum mode (None: members are left
        alone) and the instance mode ("off" where invalid): ``reads``."""
        return self.reads


# Raw values -> their RunModes: few pairs are ever configured in a process.
_READ: Final[dict[tuple[object, object], RunModes]] = {}
# The options' getters when last read, and the RunModes they gave.
_LAST: Final[list[object]] = [object(), object(), None]

# Upstream's own config.get_option, as config.py defined it (set by register).
_UPSTREAM_GET: list[Callable[[str], Any]] = []
_ENUMS_OPTION: Final = ENUMS.option
_INSTANCES_OPTION: Final = INSTANCES.option


def check_before_serving() -> None:
    """Raise InvalidCoercionModeError if either option's value is invalid.

    Called where every server start passes (the Runtime's constructor, and
    on 1.67.0 st.App's), so that no way of starting a server serves an app
    with an invalid value.
    """
    for choice in (ENUMS, INSTANCES):
        choice.validate(choice.configured())


def check_at_startup() -> None:
    """Stop the ``streamlit`` command before it serves anything if a value is
    invalid: a clear one-line error and exit status 1."""
    import click

    try:
        check_before_serving()
    except InvalidCoercionModeError as e:
        raise click.ClickException(str(e)) from None


def register(create_option: Callable[..., Any], options: Mapping[str, Any]) -> None:
    """Register both options with upstream's ``_create_option``.

    Where the release registers ``runner.enumCoercion`` itself (1.29 and
    later), its registration stays and only the description becomes ours,
    since our rules apply; elsewhere it is registered here, as
    ``runner.instanceCoercion`` always is. Called at the end of
    ``streamlit/config.py``, where its ``get_option`` is upstream's own.
    """
    _UPSTREAM_GET[:] = [sys.modules["streamlit.config"].get_option]
    for choice in (ENUMS, INSTANCES):
        if choice.option in options:
            options[choice.option].description = choice.description
        else:
            create_option(
                choice.option,
                description=choice.description,
                default_val=choice.default,
                type_=str,
            )
