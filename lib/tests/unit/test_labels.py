"""O(1) label lookups for the multiselect's deserializer (``labels``)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from streamlit.class_identity.labels import first_index


def _serde(labels: list[str]) -> SimpleNamespace:
    last = {label: i for i, label in enumerate(labels)}
    return SimpleNamespace(
        formatted_options=labels, formatted_option_to_option_index=last
    )


def test_labels_that_do_not_repeat_map_as_the_serdes_own_dict():
    serde = _serde(["a", "b", "c"])
    assert first_index(serde) == serde.formatted_option_to_option_index


def test_a_label_that_is_not_there_raises_value_error_as_list_index():
    """The deserializer's ``except ValueError`` (upstream's) catches it."""
    with pytest.raises(ValueError, match="'d' is not in list"):
        first_index(_serde(["a", "b"]))["d"]
    with pytest.raises(ValueError, match="'d' is not in list"):
        ["a", "b"].index("d")


def test_a_repeated_label_finds_the_first_option_as_list_index_does():
    labels = ["a", "b", "a", "c", "b"]
    found = first_index(_serde(labels))
    assert found == {label: labels.index(label) for label in labels}


def test_the_mapping_is_built_once_a_serde():
    serde = _serde(["a", "a"])
    assert first_index(serde) is first_index(serde)
