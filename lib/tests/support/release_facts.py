"""What each release the wheel is built for does, as ``class_identity.release``
must find it: the expected facts the unit tests hold each release to.

A new release is added here when the wheel is built for it; until then its
tests fail, asking for its facts.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from support.release import RELEASE


@dataclass(frozen=True)
class Facts:
    """What one release does, as release.py must find it."""

    arity: int  # arguments a widget deserializer takes
    slotted: bool  # whether Value is a slotted dataclass
    serdes: frozenset[str]  # serde classes of the option widgets
    # The serde classes of st.pills and st.segmented_control with one
    # selection and with several (1.40 on).
    button_groups: tuple[str, str] | None = None
    # Serde classes that take options but serve no option widget of the
    # app's: 1.39's button group serde, st.feedback's alone (st.pills is 1.40).
    feedback_only: frozenset[str] = frozenset()


_SERDES_1_28 = frozenset(
    {"SelectboxSerde", "RadioSerde", "MultiSelectSerde", "SelectSliderSerde"}
)
_FACTS_1_67 = Facts(
    1,
    True,
    _SERDES_1_28
    | {
        "_SingleSelectButtonGroupSerde",
        "_MultiSelectButtonGroupSerde",
        "MenuButtonSerde",
    },
    ("_SingleSelectButtonGroupSerde", "_MultiSelectButtonGroupSerde"),
)
_FACTS_1_58 = dataclasses.replace(_FACTS_1_67, slotted=False)
FACTS = {
    "1.28.2": Facts(2, False, _SERDES_1_28),
    # Deserializers take (ui_value, widget_id) until 1.46. (What a browser
    # sends, indices or labels, is st_stub.protocol's to say.)
    # 1.29-1.38: as 1.28 (1.37's button_group serves st.feedback, no options).
    **dict.fromkeys(
        "1.29.0 1.30.0 1.31.1 1.32.2 1.33.0 1.34.0 1.35.0 1.36.0 1.37.1 1.38.0".split(),
        Facts(2, False, _SERDES_1_28),
    ),
    "1.39.1": Facts(
        2,
        False,
        _SERDES_1_28 | {"SingleOrMultiSelectSerde"},
        feedback_only=frozenset({"SingleOrMultiSelectSerde"}),
    ),
    # One serde for both modes of st.pills and st.segmented_control before 1.55.
    **dict.fromkeys(
        "1.40.2 1.41.1 1.42.2 1.43.2 1.44.1".split(),
        Facts(
            2,
            False,
            _SERDES_1_28 | {"SingleOrMultiSelectSerde"},
            ("SingleOrMultiSelectSerde",) * 2,
        ),
    ),
    "1.45.1": Facts(
        2, False, _SERDES_1_28 | {"ButtonGroupSerde"}, ("ButtonGroupSerde",) * 2
    ),
    **dict.fromkeys(
        "1.46.1 1.47.1 1.48.1 1.49.1 1.50.0 1.51.0 1.52.2 1.53.1 1.54.0".split(),
        dataclasses.replace(
            _FACTS_1_58,
            serdes=_SERDES_1_28 | {"ButtonGroupSerde"},
            button_groups=("ButtonGroupSerde",) * 2,
        ),
    ),
    # st.menu_button (MenuButtonSerde) is new in 1.56.
    "1.55.0": dataclasses.replace(
        _FACTS_1_58, serdes=_FACTS_1_58.serdes - {"MenuButtonSerde"}
    ),
    # Value becomes a slotted dataclass in 1.59.
    **dict.fromkeys(["1.56.0", "1.57.0", "1.58.0"], _FACTS_1_58),
    **dict.fromkeys(
        "1.59.2 1.60.0 1.61.1 1.62.0 1.63.0 1.64.0 1.65.0 1.66.1 1.67.0".split(),
        _FACTS_1_67,
    ),
}


def installed() -> Facts:
    """The facts of the installed release."""
    assert RELEASE in FACTS, f"write down what release {RELEASE} does in FACTS"
    return FACTS[RELEASE]
