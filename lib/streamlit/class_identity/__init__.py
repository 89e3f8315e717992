"""Class identity across Streamlit reruns.

Streamlit runs the app script anew on every interaction, so every class the
script defines is a new class object on every run. This package makes widget
values and session-state values reach the script as members and instances of
the classes defined in the *current* run. Its modules, in layers, bottom to
top; each imports only from layers below its own
(``lib/tests/unit/test_layers.py`` holds it to that):

0. ``config_options`` (our two options, and the modes a run reads once),
   ``release`` (what differs between upstream releases, read off the
   installed Streamlit), ``labels`` (O(1) label lookups), ``shared_objects``
   (the record of what every session shares).
1. ``fields``: what state an instance keeps, and moving it to a new class.
2. ``correspondence``: whether an old class may stand for a new one (Enum
   classes, classes with known fields, a test's copy of a class).
3. ``members``: Enum members mapped by name onto the current class.
4. ``class_update`` (find a redefined class's current one, bring a kept
   class up to date with the body that ran now, and bring a value up to
   date in place) and ``options`` (match values to a widget's current
   options).
5. ``kept_classes``: a session's classes, the previous run's class given
   again where a class statement is unchanged.
6. ``session_identity``: what each session keeps (its script modules, its
   classes, the modes of its run, which values are current, the warnings
   given).
7. The hooks the patches call: ``class_statements`` (each class statement
   of the script hands its class to the session), ``widget_values``
   (option widgets' values), ``widget_options`` (an Enum class as options),
   ``session_values`` (reads of ``st.session_state``), ``cached_resources``
   (what ``st.cache_resource`` hands out), ``upstream_coercion`` (upstream's
   own Enum coercion functions, our rules), ``apptest`` (AppTest takes
   option values the way tests write them).
"""
