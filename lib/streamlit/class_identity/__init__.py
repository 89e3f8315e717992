"""Class identity across Streamlit reruns.

Streamlit runs the app script anew on every interaction, so every class the
script defines is a new class object on every run. This package makes widget
values and session-state values reach the script as members of the classes
defined in the *current* run. The patched upstream files call in here:

- ``widget_values``: the four option widgets (browser values, arguments).
- ``session_values``: values the app keeps in ``st.session_state``.
- ``options`` and ``enum_map``: matching members to the current classes.
- ``mode``: the ``runner.enumCoercion`` option.
"""
