"""Two sessions running different scripts at the same time.

The scripts are two pages of one app (a process serves one main script).
Every script run installs its module as the process-global
sys.modules["__main__"], so while session A's script runs, B's run can
replace it. Here the runs are ordered so that, in every run, A reads its
stored member just after B's run has installed B's module: A must still get
its own current class, never B's (which has the same name and members).
"""

from __future__ import annotations

import builtins
import threading
from pathlib import Path

from streamlit.runtime.state import SessionState
from streamlit.testing.v1.util import patch_config_options
from support.runner import mock_runtime, run_many
from support.scripts import TWO_COLOR_APP, script

RUNS = 20

SESSION_A = script(
    "import builtins, sys",
    TWO_COLOR_APP,
    """
    sync = builtins._class_identity_sync
    i = st.session_state.setdefault("i", 0)
    st.session_state.i = i + 1
    st.session_state.setdefault("seen", [])
    if "kept" not in st.session_state:
        st.session_state.kept = [Color.RED, Color.GREEN]
    sync["a_waiting"][i].set()
    sync["b_started"][i].wait(20)
    foreign_main = sys.modules["__main__"].__dict__ is not globals()
    kept = st.session_state.kept
    st.session_state.seen.append((foreign_main, kept == [Color.RED, Color.GREEN]))
    """,
)

SESSION_B = script(
    "import builtins",
    TWO_COLOR_APP,
    """
    i = st.session_state.setdefault("i", 0)
    st.session_state.i = i + 1
    builtins._class_identity_sync["b_started"][i].set()
    """,
)


def test_a_session_never_gets_classes_from_another_sessions_script(tmp_path: Path):
    (tmp_path / "a.py").write_text(SESSION_A)
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "b.py").write_text(SESSION_B)
    sync = {
        "a_waiting": [threading.Event() for _ in range(RUNS)],
        "b_started": [threading.Event() for _ in range(RUNS)],
    }
    builtins._class_identity_sync = sync  # type: ignore[attr-defined]
    state_a = SessionState()
    errors: list[BaseException] = []

    def b_after_a_is_waiting(i: int, state: SessionState) -> None:
        sync["a_waiting"][i].wait(20)  # B's run i starts once A's run i waits

    def run(**kwargs: object) -> None:
        try:
            main = str(tmp_path / "a.py")
            run_many(main, RUNS, own_runtime=False, **kwargs)  # type: ignore[arg-type]
        except BaseException as e:
            errors.append(e)

    with patch_config_options({"runner.enumCoercion": "nameOnly"}), mock_runtime():
        session_a = threading.Thread(target=run, kwargs={"state": state_a})
        session_b = threading.Thread(
            target=run, kwargs={"states": b_after_a_is_waiting, "page": "b"}
        )
        session_a.start()
        session_b.start()
        session_a.join(120)
        session_b.join(120)
    del builtins._class_identity_sync  # type: ignore[attr-defined]

    assert errors == []
    seen = state_a["seen"]
    assert len(seen) == RUNS
    assert all(foreign for foreign, _ in seen), (
        "B's module was not __main__ in A's runs"
    )
    assert all(current for _, current in seen), seen
