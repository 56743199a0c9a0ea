"""A temporary Prefect API server for one `unga run`, started as Prefect starts its own.

With no API URL configured, Prefect 3 starts a temporary server for the flow run: it imports
its whole server application (FastAPI, SQLAlchemy, ~1,100 modules) into the flow's process only
to launch uvicorn in a subprocess that imports it all again. The flow's process then carries
~70 MB it never uses, and its start-up waits for both imports in turn. Here the same uvicorn
command runs without that import, and the flow finishes importing while the server boots.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

# What Prefect's own temporary server sets (prefect.server.api.server.SubprocessASGIServer):
# no UI, and the server's ephemeral mode (fewer background services).
_SERVER_ENVIRONMENT = {
    "PREFECT_UI_ENABLED": "0",
    "PREFECT__SERVER_EPHEMERAL": "1",
    "PREFECT__SERVER_FINAL": "1",
}


class ServerFailed(RuntimeError):
    """The temporary server did not come up; the message says how."""


class TemporaryServer:
    """A uvicorn process serving Prefect's API on a free loopback port until this one exits."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                "prefect.server.api.server:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "error",
                "--lifespan",
                "on",
            ],
            # as Prefect does, the run's own Prefect settings too (from its profile, say)
            env={
                **os.environ,
                **_SERVER_ENVIRONMENT,
                **get_current_settings().to_environment_variables(exclude_unset=True),
            },
            stdout=subprocess.DEVNULL,  # `unga run --json` prints only its summary there
            preexec_fn=_stop_with_parent,
        )
        # atexit runs after Prefect's clients have flushed their events and logs (they drain
        # in threading's shutdown, which comes first): nothing is sent to a stopped server.
        atexit.register(self.stop)

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def wait_until_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        with httpx.Client(timeout=5) as client:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:  # its own messages went to stderr
                    raise ServerFailed(
                        f"the temporary Prefect server exited with code {self.process.returncode}"
                    )
                with contextlib.suppress(httpx.TransportError):
                    if client.get(f"{self.api_url}/health").status_code == 200:
                        return
                time.sleep(0.05)
        self.stop()
        raise ServerFailed(f"the temporary Prefect server did not answer within {timeout:.0f} s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_temporary_server() -> TemporaryServer | None:
    """Our server where Prefect would start its own (no API URL set, ephemeral mode allowed);
    None where Prefect has an API to use (a profile's, a test harness's) or must have one."""
    settings = get_current_settings()
    if settings.api.url or not settings.server.ephemeral.enabled:
        return None
    return TemporaryServer()


@contextlib.contextmanager
def prefect_api(server: TemporaryServer | None) -> Iterator[None]:
    """Flow runs inside the block use `server` (once it answers), or Prefect's own choice."""
    if server is None:
        yield
        return
    server.wait_until_healthy(get_current_settings().server.ephemeral.startup_timeout_seconds)
    with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
        yield


_PR_SET_PDEATHSIG = 1
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform == "linux" else None


def _stop_with_parent() -> None:
    """In the server's process before it runs uvicorn: on Linux, have the kernel send it
    SIGTERM when the run's process dies, even by SIGKILL, where no atexit handler runs.
    (Started from the main thread, before Prefect starts any other: nothing holds a lock.)"""
    if _LIBC is not None:
        _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
