"""runner.enumCoercion through a real `streamlit` process: every way to set it.

`streamlit config show` prints the option with its description and allowed
values, and the value from config.toml, the environment or a flag. An invalid
value stops `streamlit run` before it serves, naming the option, the value
and the allowed values; so does every other way of starting a server
(`streamlit hello`, `bootstrap.run` from Python, an `st.App` under uvicorn).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import streamlit as st

APP = "import streamlit as st\nst.write('served')\n"
ALLOWED = "'off', 'nameOnly', 'nameAndValue'"


def streamlit(
    args: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    full_env.update(env or {})
    full_env.setdefault("HOME", str(cwd))  # no ~/.streamlit of the developer's
    return subprocess.run(
        [sys.executable, "-m", "streamlit", *args],
        cwd=cwd, env=full_env, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip


def shown_value(output: str) -> str:
    """The value config show prints (commented out when it is the default)."""
    for line in output.splitlines():
        if line.lstrip("# ").startswith("enumCoercion = "):
            return line.split("=", 1)[1].strip()
    raise AssertionError(f"enumCoercion not in config show output:\n{output}")


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "app.py").write_text(APP)
    (tmp_path / ".streamlit").mkdir()
    return tmp_path


def test_config_show_lists_option_with_description_default_and_values(project):
    out = streamlit(["config", "show"], project).stdout
    section = out[out.index("[runner]") :]
    block = section[: section.index("# enumCoercion = ")]
    assert "class identity" in block
    for value in ("off", "nameOnly", "nameAndValue"):
        assert f'"{value}"' in block
    assert 'Default: "nameOnly"' in block
    assert shown_value(out) == '"nameOnly"'


@pytest.mark.smoke
def test_config_toml_sets_the_mode(project):
    (project / ".streamlit" / "config.toml").write_text(
        '[runner]\nenumCoercion = "nameAndValue"\n'
    )
    assert (
        shown_value(streamlit(["config", "show"], project).stdout) == '"nameAndValue"'
    )


def test_environment_variable_sets_the_mode(project):
    out = streamlit(
        ["config", "show"], project, {"STREAMLIT_RUNNER_ENUM_COERCION": "off"}
    )
    assert shown_value(out.stdout) == '"off"'


@pytest.mark.smoke
def test_flag_sets_the_mode_over_config_toml(project):
    (project / ".streamlit" / "config.toml").write_text(
        '[runner]\nenumCoercion = "nameAndValue"\n'
    )
    out = streamlit(["config", "show", "--runner.enumCoercion=off"], project)
    assert shown_value(out.stdout) == '"off"'


def _assert_refused(result: subprocess.CompletedProcess[str], shown: str) -> None:
    assert result.returncode != 0
    assert "runner.enumCoercion" in result.stderr
    assert shown in result.stderr
    assert ALLOWED in result.stderr
    assert "You can now view" not in result.stdout + result.stderr


RUN = ["run", "app.py", "--server.headless=true", "--server.port=0"]


@pytest.mark.parametrize(
    ("flag", "shown"),
    [("nameonly", "'nameonly'"), ("NAMEONLY", "'NAMEONLY'"), (" off", "' off'"),
     ("", "''"), ("fuzzy", "'fuzzy'")],
)  # fmt: skip
def test_invalid_flag_stops_run_before_serving(project, flag, shown):
    _assert_refused(streamlit([*RUN, f"--runner.enumCoercion={flag}"], project), shown)


def test_near_miss_gets_did_you_mean(project):
    result = streamlit([*RUN, "--runner.enumCoercion=nameonly"], project)
    assert "Did you mean 'nameOnly'?" in result.stderr


@pytest.mark.parametrize(
    ("toml_value", "shown"),
    [('"nameandvalue"', "'nameandvalue'"), ("3", "3"), ('["off"]', "['off']"),
     ("true", "True")],
)  # fmt: skip
def test_invalid_config_toml_stops_run_before_serving(project, toml_value, shown):
    (project / ".streamlit" / "config.toml").write_text(
        f"[runner]\nenumCoercion = {toml_value}\n"
    )
    _assert_refused(streamlit(RUN, project), shown)


def test_invalid_environment_variable_stops_run_before_serving(project):
    result = streamlit(RUN, project, {"STREAMLIT_RUNNER_ENUM_COERCION": "Name Only"})
    _assert_refused(result, "'Name Only'")


def test_invalid_value_stops_hello_before_serving(project):
    result = streamlit(
        ["hello", "--server.headless=true", "--server.port=0"],
        project,
        {"STREAMLIT_RUNNER_ENUM_COERCION": "bogus"},
    )
    _assert_refused(result, "'bogus'")


# Starting a server from Python, without the `streamlit` command (which is
# what reads STREAMLIT_* variables): the value comes from config.toml.
BOOTSTRAP = """
from streamlit.web import bootstrap
bootstrap.load_config_options({"server.headless": True, "server.port": 0})
bootstrap.run("app.py", False, [], {})
"""


def _python(args: list[str], project: Path) -> subprocess.CompletedProcess[str]:
    (project / ".streamlit" / "config.toml").write_text(
        '[runner]\nenumCoercion = "bogus"\n'
    )
    return subprocess.run(
        [sys.executable, *args],
        cwd=project, env={**os.environ, "HOME": str(project)},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_invalid_value_stops_a_server_started_from_python(project):
    _assert_refused(_python(["-c", BOOTSTRAP], project), "'bogus'")


@pytest.mark.only_where(hasattr(st, "App"), reason="st.App (ASGI)")
def test_invalid_value_stops_an_asgi_app_under_uvicorn(project):
    """`st.App` served by uvicorn directly: no `streamlit` command runs at all."""
    (project / "asgi.py").write_text('import streamlit as st\napp = st.App("app.py")\n')
    result = _python(["-m", "uvicorn", "asgi:app", "--port", "0"], project)
    _assert_refused(result, "'bogus'")


def test_config_show_lists_the_instance_option(project):
    out = streamlit(["config", "show"], project).stdout
    section = out[out.index("[runner]") :]
    block = section[: section.index("# instanceCoercion = ")]
    assert "st.session_state" in block
    for value in ("off", "dataClasses", "allClasses"):
        assert f'"{value}"' in block
    assert 'Default: "dataClasses"' in block


@pytest.mark.parametrize(
    ("how", "shown"),
    [("flag", "'everything'"), ("env", "'Data Classes'"), ("toml", "'all'")],
)
def test_invalid_instance_option_stops_run_before_serving(project, how, shown):
    args, env = list(RUN), {}
    if how == "flag":
        args.append("--runner.instanceCoercion=everything")
    elif how == "env":
        env["STREAMLIT_RUNNER_INSTANCE_COERCION"] = "Data Classes"
    else:
        (project / ".streamlit" / "config.toml").write_text(
            '[runner]\ninstanceCoercion = "all"\n'
        )
    result = streamlit(args, project, env)
    assert result.returncode != 0
    assert "runner.instanceCoercion" in result.stderr and shown in result.stderr
    assert "'off', 'dataClasses', 'allClasses'" in result.stderr
    assert "You can now view" not in result.stdout + result.stderr
