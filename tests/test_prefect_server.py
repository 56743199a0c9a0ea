"""The temporary Prefect server `unga run` starts where Prefect would start its own."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from prefect.settings import (
    PREFECT_API_URL,
    PREFECT_SERVER_ALLOW_EPHEMERAL_MODE,
    temporary_settings,
)
from typer.testing import CliRunner

from flows import prefect_server
from flows.cli import app
from flows.prefect_server import ServerFailed, TemporaryServer, start_temporary_server

PROJECT = Path(__file__).resolve().parents[1]


def test_no_server_where_prefect_has_an_api_to_use() -> None:
    with temporary_settings(updates={PREFECT_API_URL: "http://127.0.0.1:9/api"}):
        assert start_temporary_server() is None


def test_no_server_where_ephemeral_mode_is_disabled() -> None:
    with temporary_settings(
        updates={PREFECT_SERVER_ALLOW_EPHEMERAL_MODE: False}, restore_defaults={PREFECT_API_URL}
    ):
        assert start_temporary_server() is None


def test_a_server_that_cannot_start_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prefect_server.sys, "executable", "/bin/false")
    server = TemporaryServer()
    with pytest.raises(ServerFailed, match="exited with code 1"):
        server.wait_until_healthy(timeout=30)
    server.stop()


def test_unga_run_says_when_its_server_cannot_start(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prefect_server.sys, "executable", "/bin/false")
    data = tmp_path / "data"
    with temporary_settings(restore_defaults={PREFECT_API_URL}):  # whatever ran before
        result = CliRunner().invoke(app, ["run", "--source", str(source), "--data-dir", str(data)])
    assert result.exit_code == 1
    assert "temporary Prefect server exited with code 1; nothing was run" in result.output
    assert not (data / "warehouse").exists()


def test_a_bad_sessions_value_is_refused_before_any_server_starts(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_server() -> None:
        raise AssertionError("a server was started for a run that cannot run")

    monkeypatch.setattr(prefect_server, "start_temporary_server", no_server)
    data = tmp_path / "data"
    result = CliRunner().invoke(
        app, ["run", "--source", str(source), "--data-dir", str(data), "--sessions", "75-7x"]
    )
    assert result.exit_code == 2
    message = " ".join(result.output.replace("│", " ").split())  # rich wraps it in a box
    assert "--sessions takes '75-78' or '58,60', not '75-7x'" in message
    assert not data.exists()


def test_the_server_answers_and_stops(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect-home"))
    server = TemporaryServer()
    try:
        server.wait_until_healthy(timeout=120)  # a new database: migrations first
        assert httpx.get(f"{server.api_url}/health").status_code == 200
    finally:
        server.stop()
    assert server.process.returncode is not None
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{server.api_url}/health")


def test_the_server_goes_with_the_process_that_started_it(tmp_path: Path) -> None:
    """Stopped at exit, even when nothing stopped it before: no server outlives a run."""
    started = _python(
        "from flows.prefect_server import TemporaryServer\nprint(TemporaryServer().process.pid)\n",
        tmp_path,
    )
    assert started.returncode == 0
    assert not _running(int(started.stdout))


def _python(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`code` in a new interpreter of the project, with a Prefect home of its own."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT,
        env={"PREFECT_HOME": str(tmp_path / "prefect-home"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_the_server_goes_when_the_run_is_killed(tmp_path: Path) -> None:
    """SIGKILL runs no atexit handler: the kernel stops the server instead (Linux)."""
    killed = _python(
        "import os, signal\n"
        "from flows.prefect_server import TemporaryServer\n"
        "print(TemporaryServer().process.pid, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n",
        tmp_path,
    )
    assert killed.returncode == -signal.SIGKILL
    pid = int(killed.stdout)
    deadline = time.monotonic() + 30
    while _running(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _running(pid)
