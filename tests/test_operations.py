"""Operations: concurrent runs, queries during a run, --reparse backfills, and `unga serve`
against a real `prefect server start`."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

import flows.batch
from flows.cli import app
from flows.locking import warehouse_lock
from flows.pipeline import Layout, run_pipeline
from warehouse import db

UNGA = Path(sys.executable).with_name("unga")


def api_env() -> dict[str, str]:
    from prefect.settings import PREFECT_API_URL

    return {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}


@pytest.mark.e2e
@pytest.mark.usefixtures("prefect_harness")
def test_a_second_run_fails_fast_or_waits_for_the_first(source: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    layout = Layout(data)
    with warehouse_lock(layout.lock_path, wait=False):  # a run in progress
        busy = CliRunner().invoke(
            app, ["run", "--source", str(source), "--data-dir", str(data), "--no-wait"]
        )
        assert busy.exit_code == 3
        assert "another `unga run`" in busy.output and "try again" in busy.output

        finished: list[object] = []
        waiting = threading.Thread(
            target=lambda: finished.append(run_pipeline(sources=[str(source)], data_dir=str(data)))
        )
        waiting.start()
        time.sleep(3)
        assert waiting.is_alive() and not finished  # it waits for the lock
    waiting.join(timeout=120)
    assert finished and finished[0].new == 1


@pytest.mark.e2e
@pytest.mark.usefixtures("prefect_harness")
def test_two_real_runs_at_once_leave_one_consistent_warehouse(source: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    command = [str(UNGA), "run", "--source", str(source), "--data-dir", str(data)]
    runs = [
        subprocess.Popen(command, env=api_env(), stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    with db.connect(data / "warehouse" / "unga.duckdb", read_only=True) as con:
        assert con.execute("SELECT count(*) FROM resolutions").fetchall() == [(1,)]
        assert all(rows == [] for rows in db.run_checks(con).values())
        history = con.execute(
            "SELECT status, documents_new, documents_unchanged FROM runs ORDER BY started_at"
        ).fetchall()
    assert sorted(history) == [("completed", 0, 1), ("completed", 1, 0)]


@pytest.mark.e2e
@pytest.mark.usefixtures("prefect_harness")
def test_query_while_the_database_is_being_written_says_why(source: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    run_pipeline(sources=[str(source)], data_dir=str(data))
    database = data / "warehouse" / "unga.duckdb"
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(database)!r}); print('ready', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        result = CliRunner().invoke(app, ["query", "--data-dir", str(data), "SELECT 1"])
        assert result.exit_code == 3
        assert "locked by a running `unga run`" in result.output
    finally:
        writer.kill()
        writer.wait()
    after = CliRunner().invoke(
        app,
        [
            "query",
            "--data-dir",
            str(data),
            "--format",
            "csv",
            "SELECT count(*) AS n FROM resolutions",
        ],
    )
    assert after.output.splitlines() == ["n", "1"]


@pytest.mark.e2e
@pytest.mark.usefixtures("prefect_harness")
def test_reparse_backfills_exactly_the_sessions_asked(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    run_pipeline(sources=[str(source)], data_dir=str(data))
    monkeypatch.setattr(flows.batch, "PARSER_VERSION", "9.9.9")  # a parser upgrade

    other = run_pipeline(sources=[], data_dir=str(data), sessions="75-76", reparse=True)
    assert (other.reparsed, other.seen) == (0, 0)
    backfill = run_pipeline(sources=[], data_dir=str(data), sessions="58", reparse=True)
    assert backfill.reparsed == 1 and backfill.rejected == []
    with db.connect(data / "warehouse" / "unga.duckdb", read_only=True) as con:
        assert con.execute("SELECT parser_version, n_operative FROM resolutions").fetchall() == [
            ("9.9.9", 14)
        ]
        assert con.execute("SELECT count(*) FROM paragraphs").fetchall() == [(30,)]
        assert all(rows == [] for rows in db.run_checks(con).values())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"Prefect server at {url} did not become healthy")


@pytest.mark.e2e
def test_served_deployment_runs_on_a_real_prefect_server(source: Path, tmp_path: Path) -> None:
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect-home"),
        "PREFECT_API_URL": api,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
    }
    prefect = Path(sys.executable).with_name("prefect")
    server = subprocess.Popen(
        [str(prefect), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    serving = None
    try:
        _wait_healthy(api, time.monotonic() + 120)
        data = tmp_path / "data"
        serving = subprocess.Popen(
            [str(UNGA), "serve", "--cron", "0 3 * * *", "--source", str(source), "--data-dir", str(data)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        trigger = (
            "import sys, time\n"
            "from prefect.deployments import run_deployment\n"
            "for attempt in range(60):\n"
            "    try:\n"
            "        run = run_deployment('unga-run/unga-scheduled', timeout=240, poll_interval=2)\n"
            "        break\n"
            "    except Exception:\n"
            "        time.sleep(1)\n"
            "print(run.state.type.value)\n"
        )
        state = subprocess.run(
            [sys.executable, "-c", trigger], env=env, capture_output=True, text=True, timeout=400
        )
        assert state.stdout.strip().endswith("COMPLETED"), state.stdout + state.stderr[-3000:]
        with db.connect(data / "warehouse" / "unga.duckdb", read_only=True) as con:
            assert con.execute("SELECT symbol FROM resolutions").fetchall() == [("A/RES/58/154",)]
            assert con.execute("SELECT status FROM runs").fetchall() == [("completed",)]
        with urllib.request.urlopen(
            urllib.request.Request(
                f"{api}/deployments/filter",
                data=b"{}",
                headers={"Content-Type": "application/json"},
            )
        ) as response:
            deployments = json.load(response)
        assert [(d["name"], d["schedules"][0]["schedule"]["cron"]) for d in deployments] == [
            ("unga-scheduled", "0 3 * * *")
        ]
    finally:
        for process in (serving, server):
            if process is not None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)


@pytest.mark.parametrize("read_only", [False, True])
def test_connections_draw_no_progress_bar_on_stdout(tmp_path: Path, read_only: bool) -> None:
    # DuckDB draws one on stdout for queries over 2 s (it broke `unga run --json` at 16x). It
    # is checked in a fresh interpreter: under pytest, DuckDB leaves the bar off by itself.
    database = tmp_path / "unga.duckdb"
    db.connect(database).close()
    script = (
        "import sys; from pathlib import Path; from warehouse import db\n"
        f"con = db.connect(Path(sys.argv[1]), read_only={read_only})\n"
        "print(con.execute(\"SELECT current_setting('enable_progress_bar')\").fetchone()[0])\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script, str(database)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert completed.stdout.strip() == "False"
