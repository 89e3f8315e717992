"""What each release the wheel is built for does, as ``class_identity.release``
must find it: the expected facts the unit tests hold each release to.

Each fact holds for a range of releases; a release past the last range
makes its tests fail, asking for its facts.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from packaging.specifiers import SpecifierSet

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
# Each fact set for the range of releases it holds for (PEP 440 specifier
# sets). The last range ends at the newest line the wheel is built for: a
# newer release asks for its facts here (``installed``) before its tests run.
FACTS: tuple[tuple[str, Facts], ...] = (
    # Deserializers take (ui_value, widget_id) until 1.46. (What a browser
    # sends, indices or labels, is st_stub.protocol's to say.)
    # 1.29-1.38: as 1.28 (1.37's button_group serves st.feedback, no options).
    (">=1.28,<1.39", Facts(2, False, _SERDES_1_28)),
    (
        ">=1.39,<1.40",
        Facts(
            2,
            False,
            _SERDES_1_28 | {"SingleOrMultiSelectSerde"},
            feedback_only=frozenset({"SingleOrMultiSelectSerde"}),
        ),
    ),
    # One serde for both modes of st.pills and st.segmented_control before 1.55.
    (
        ">=1.40,<1.45",
        Facts(
            2,
            False,
            _SERDES_1_28 | {"SingleOrMultiSelectSerde"},
            ("SingleOrMultiSelectSerde",) * 2,
        ),
    ),
    (
        ">=1.45,<1.46",
        Facts(2, False, _SERDES_1_28 | {"ButtonGroupSerde"}, ("ButtonGroupSerde",) * 2),
    ),
    (
        ">=1.46,<1.55",
        dataclasses.replace(
            _FACTS_1_58,
            serdes=_SERDES_1_28 | {"ButtonGroupSerde"},
            button_groups=("ButtonGroupSerde",) * 2,
        ),
    ),
    # st.menu_button (MenuButtonSerde) is new in 1.56.
    (
        ">=1.55,<1.56",
        dataclasses.replace(
            _FACTS_1_58, serdes=_FACTS_1_58.serdes - {"MenuButtonSerde"}
        ),
    ),
    # Value becomes a slotted dataclass in 1.59.
    (">=1.56,<1.59", _FACTS_1_58),
    (">=1.59,<1.68", _FACTS_1_67),
)


def facts_of(release: str) -> Facts:
    """The facts of ``release``: those of the one range that holds it."""
    found = [facts for where, facts in FACTS if SpecifierSet(where).contains(release)]
    assert len(found) == 1, f"write down what release {release} does in FACTS"
    return found[0]


def installed() -> Facts:
    """The facts of the installed release."""
    return facts_of(RELEASE)
