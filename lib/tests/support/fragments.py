"""Fragment reruns in AppTest, as the browser asks for them.

When a widget inside an ``st.fragment`` changes, the browser asks the
server to rerun that fragment only (``RerunData.fragment_id_queue``).
AppTest always asks for full runs; ``fragment_rerun`` asks for a run of the
app's fragments instead, through the same ScriptRunner. The app's AppTest
must keep its fragments across runs (``apptest_api.keeping_fragments``).
"""

from __future__ import annotations

import functools
from unittest import mock

from streamlit.runtime.scriptrunner import RerunData
from streamlit.testing.v1 import AppTest, local_script_runner


def fragment_rerun(at: AppTest) -> AppTest:
    """Rerun every fragment the app has registered, and nothing else."""
    fragment_ids = list(at._fragment_storage._fragments)
    assert fragment_ids, "the app registered no fragment"
    only_fragments = functools.partial(RerunData, fragment_id_queue=fragment_ids)
    with mock.patch.object(local_script_runner, "RerunData", only_fragments):
        return at.run()
