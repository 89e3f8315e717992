"""Start and stop a real ``streamlit run`` on a free loopback port.

``StreamlitServer`` runs ``<python> -m streamlit run APP`` headless in its own
process group, with a throw-away HOME (no developer config, no credentials
prompt) and the working directory the caller gives (where a
``.streamlit/config.toml`` is read), and waits for ``/_stcore/health``.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import Dict, Sequence, Type


class ServerError(Exception):
    """The server did not come up; the message holds its output."""


def streamlit_version(python: str) -> str:
    """The version of the streamlit that ``python`` imports ("1.67.0+...")."""
    out = subprocess.run(
        [python, "-c", "import streamlit; print(streamlit.__version__)"],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return out.stdout.strip()


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class StreamlitServer:
    """One ``streamlit run`` subprocess; a context manager."""

    def __init__(
        self,
        app: Path,
        *,
        python: str = sys.executable,
        args: Sequence[str] = (),
        env: Dict[str, str] | None = None,
        cwd: Path | None = None,
        startup_timeout: float = 60.0,
    ) -> None:
        self.app = Path(app).resolve()
        self.python = os.path.abspath(python) if os.sep in python else python
        self.args = list(args)
        self.env = dict(env or {})
        self.cwd = Path(cwd) if cwd else self.app.parent
        self.startup_timeout = startup_timeout
        self.port = 0
        self._home = tempfile.TemporaryDirectory(prefix="st-home-")
        self._log = Path(self._home.name) / "server.log"
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def output(self) -> str:
        """Everything the server printed (stdout and stderr) so far."""
        return self._log.read_text(errors="replace") if self._log.exists() else ""

    def tracebacks(self) -> int:
        """How many Python tracebacks the server printed."""
        return self.output.count("Traceback (most recent call last)")

    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> StreamlitServer:
        env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
        env.update(HOME=self._home.name, PYTHONUNBUFFERED="1")
        env.update(self.env)
        self.port = free_port()
        cmd = [
            self.python, "-m", "streamlit", "run", str(self.app),
            "--server.headless=true", f"--server.port={self.port}",
            "--server.address=127.0.0.1", "--browser.gatherUsageStats=false",
            "--server.fileWatcherType=none", *self.args,
        ]  # fmt: skip
        with self._log.open("wb") as log:
            self._proc = subprocess.Popen(
                cmd, cwd=self.cwd, env=env, stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip
        self._wait_healthy()
        return self

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if not self.alive():
                raise ServerError(f"streamlit exited early:\n{self.output}")
            try:
                url = f"{self.url}/_stcore/health"
                with urllib.request.urlopen(url, timeout=2) as r:
                    if r.read().decode() == "ok":
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        self.stop()
        raise ServerError(
            f"no health answer in {self.startup_timeout}s:\n{self.output}"
        )

    def stop(self) -> None:
        """End the whole process group: TERM, then KILL after 10 s."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(10)

    def cleanup(self) -> None:
        self.stop()
        self._home.cleanup()

    def __enter__(self) -> StreamlitServer:
        return self.start()

    def __exit__(
        self,
        exc_type: Type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
