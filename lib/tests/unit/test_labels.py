"""O(1) label lookups for the multiselect's deserializer (``labels``)."""

from __future__ import annotations

from types import SimpleNamespace

from streamlit.class_identity.labels import first_index


def _serde(labels: list[str]) -> SimpleNamespace:
    last = {label: i for i, label in enumerate(labels)}
    return SimpleNamespace(
        formatted_options=labels, formatted_option_to_option_index=last
    )


def test_labels_that_do_not_repeat_use_the_serdes_own_dict():
    serde = _serde(["a", "b", "c"])
    assert first_index(serde) is serde.formatted_option_to_option_index


def test_a_repeated_label_finds_the_first_option_as_list_index_does():
    labels = ["a", "b", "a", "c", "b"]
    found = first_index(_serde(labels))
    assert found == {label: labels.index(label) for label in labels}


def test_the_mapping_is_built_once_a_serde():
    serde = _serde(["a", "a"])
    assert first_index(serde) is first_index(serde)
