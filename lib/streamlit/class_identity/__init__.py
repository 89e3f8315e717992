"""Class identity across Streamlit reruns.

Streamlit runs the app script anew on every interaction, so every class the
script defines is a new class object on every run. This package makes widget
values and session-state values reach the script as members and instances of
the classes defined in the *current* run. The patched upstream files of each
release call in here:

- ``widget_values``: the option widgets (browser values re-read with the
  current options, ``default``/``value`` arguments, the objects handed out).
- ``session_values``: values the app keeps in ``st.session_state``, and what
  each session keeps (its script modules, the modes of its run).
- ``redefined`` and ``fields``: a class was redefined; find the current one
  and point what session state holds at it (Enum members, data classes).
- ``options`` and ``enum_map``: matching members to the current options.
- ``upstream_coercion``: upstream's own Enum coercion (1.67), our rules.
- ``labels``: O(1) label lookups for widgets that receive labels (1.67).
- ``shared``: what ``st.cache_resource`` hands every session.
- ``apptest``: AppTest takes option values the way users write tests.
- ``mode``: the ``runner.enumCoercion`` and ``runner.instanceCoercion`` options.
- ``release``: what differs between the upstream releases, read off the
  installed Streamlit.
"""
