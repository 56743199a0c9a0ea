"""A real `unga run` subprocess killed with SIGKILL at each failpoint leaves the warehouse as it
was before the run or as after it, and the next run finishes the work.

The subprocesses use the test's Prefect API (no temporary server of their own).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from flows.pipeline import run_pipeline
from tests.conftest import SEED
from tests.support.warehouse_state import database_state, lake_state, resolution_state
from warehouse import db, lake
from warehouse.failpoints import FAILPOINTS

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prefect_harness")]


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory):
    """A warehouse holding the seed (before), and a source folder whose next run changes the
    seed and adds two resolutions, with the state an uninterrupted run reaches (after)."""
    root = tmp_path_factory.mktemp("crash")
    source = root / "source"
    source.mkdir()
    shutil.copy(SEED, source / SEED.name)
    before = root / "before"
    run_pipeline(sources=[str(source)], data_dir=str(before))

    seed_text = SEED.read_text(encoding="utf-8")
    for number in ("155", "156"):
        (source / f"A_RES_58_{number}.txt").write_text(
            seed_text.replace("58/154", f"58/{number}"), encoding="utf-8"
        )
    last = "\t14.\tDecides to continue its consideration of the question at its sixtieth session.\n"
    (source / SEED.name).write_text(
        seed_text.replace(last, "").replace(
            "Programme of Action;\n\n77th", "Programme of Action.\n\n77th"
        ),
        encoding="utf-8",
    )
    after = root / "after"
    shutil.copytree(before, after, symlinks=True)
    run_pipeline(sources=[str(source)], data_dir=str(after), workers=1)
    assert database_state(after) != database_state(before)
    return source, before, after


@pytest.mark.parametrize("point", FAILPOINTS)
def test_killed_run_leaves_before_or_after_and_next_run_finishes(scenario, point, tmp_path) -> None:
    from prefect.settings import PREFECT_API_URL

    source, before, after = scenario
    data = tmp_path / "data"
    shutil.copytree(before, data, symlinks=True)
    env = {**os.environ, "UNGA_FAILPOINT": point, "PREFECT_API_URL": PREFECT_API_URL.value()}
    unga = Path(sys.executable).with_name("unga")
    killed = subprocess.run(
        [str(unga), "run", "--source", str(source), "--data-dir", str(data), "--workers", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]

    database = database_state(data)
    assert database in (database_state(before), database_state(after)), point
    if point == "after-commit":
        # DuckDB committed; the lake link was not swapped yet: the next run rolls it forward
        assert database == database_state(after)
        assert lake_state(data) == resolution_state(before)
    else:
        assert lake_state(data) == resolution_state(data), "the lake disagrees with DuckDB"

    finished = run_pipeline(sources=[str(source)], data_dir=str(data), workers=1)
    assert finished.rejected == []
    assert database_state(data) == database_state(after)
    assert lake_state(data) == resolution_state(after)
    with db.connect(data / "warehouse" / "unga.duckdb", read_only=True) as con:
        assert all(rows == [] for rows in db.run_checks(con).values())
        statuses = con.execute("SELECT status FROM runs ORDER BY started_at").fetchall()
    assert statuses[-1] == ("completed",)
    assert ("running",) not in statuses and ("loaded",) not in statuses
    assert not (data / "warehouse" / "staging").exists()


def test_a_run_failing_after_its_commit_stays_loaded_and_is_rolled_forward(
    scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error (not a kill) between the DuckDB commit and the lake's swap: the run is not
    recorded as failed, since its rows are in DuckDB; the next run swaps the lake to it."""
    source, before, after = scenario
    data = tmp_path / "data"
    shutil.copytree(before, data, symlinks=True)
    swap = lake.activate_version

    def disk_full_once(link: Path, version: Path) -> None:
        monkeypatch.setattr(lake, "activate_version", swap)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(lake, "activate_version", disk_full_once)
    with pytest.raises(OSError, match="No space left"):
        run_pipeline(sources=[str(source)], data_dir=str(data), workers=1)
    assert database_state(data) == database_state(after)
    assert lake_state(data) == resolution_state(before)
    with db.connect(data / "warehouse" / "unga.duckdb", read_only=True) as con:
        status, error = con.execute(
            "SELECT status, error FROM runs ORDER BY started_at DESC LIMIT 1"
        ).fetchall()[0]
    assert status == "loaded" and "No space left" in error

    finished = run_pipeline(sources=[str(source)], data_dir=str(data), workers=1)
    assert (finished.new, finished.changed, finished.rejected) == (0, 0, [])
    assert database_state(data) == database_state(after)
    assert lake_state(data) == resolution_state(after)
    with db.connect(data / "warehouse" / "unga.duckdb", read_only=True) as con:
        statuses = con.execute("SELECT DISTINCT status FROM runs").fetchall()
    assert statuses == [("completed",)]
