"""Real ``streamlit run`` servers for the end-to-end tests, and where things are.

The ``support`` package puts ``frontend-stub/`` on ``sys.path``, so that the
tests can ``import st_stub`` (the headless protocol client).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Callable, Dict, List, Sequence, Tuple

from st_stub import StreamlitServer

from support.release import STOCK_PYTHON  # noqa: F401

ROOT = Path(__file__).resolve().parents[3]

APPS = ROOT / "lib" / "tests" / "e2e" / "apps"
SEED_APP = ROOT / "examples" / "seed_app.py"
ARTIFACTS = ROOT / "artifacts"

Serve = Callable[..., StreamlitServer]


def serve_factory(base: Path) -> Tuple[Serve, List[StreamlitServer]]:
    """A ``serve`` function starting servers under ``base``, and their list."""
    started: List[StreamlitServer] = []

    def serve(
        app: Path,
        *,
        args: Sequence[str] = (),
        env: Dict[str, str] | None = None,
        config_toml: str | None = None,
        python: str = sys.executable,
    ) -> StreamlitServer:
        """Copy ``app`` into a fresh folder (with its config.toml) and serve it."""
        project = base / f"project{len(started)}"
        (project / ".streamlit").mkdir(parents=True)
        if config_toml is not None:
            (project / ".streamlit" / "config.toml").write_text(config_toml)
        shutil.copy(app, project / app.name)
        server = StreamlitServer(
            project / app.name, python=python, args=args, env=env, cwd=project
        )
        started.append(server)
        return server.start()

    return serve, started
