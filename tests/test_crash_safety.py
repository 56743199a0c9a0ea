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

import duckdb
import pytest

from flows.pipeline import run_pipeline
from tests.conftest import SEED
from warehouse import db, schemas
from warehouse.failpoints import FAILPOINTS

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prefect_harness")]

# differ between two runs of the same input (landed_path: each test has its own data dir)
VOLATILE = {"loaded_at", "seen_at", "landed_path"}


def database_state(data_dir: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(data_dir / "warehouse" / "unga.duckdb"), read_only=True) as con:
        return {table: _rows(con, table, table) for table in schemas.ALL_TABLES if table != "runs"}


def lake_state(data_dir: Path) -> dict[str, list[tuple]]:
    lake = data_dir / "warehouse" / "parquet"
    state = {}
    with duckdb.connect() as con:
        for table in schemas.RESOLUTION_TABLES:
            files = sorted(lake.glob(f"{table}/session=*/*.parquet"))
            source = f"read_parquet({[str(f) for f in files]!r}, hive_partitioning = true)"
            state[table] = _rows(con, source, table) if files else []
    return state


def _rows(con: duckdb.DuckDBPyConnection, source: str, table: str) -> list[tuple]:
    columns = [c for c in schemas.ALL_TABLES[table].names if c not in VOLATILE]
    select = ", ".join(f"coalesce(CAST({c} AS VARCHAR), '∅')" for c in columns)
    return sorted(con.execute(f"SELECT {select} FROM {source}").fetchall())


def resolution_state(data_dir: Path) -> dict[str, list[tuple]]:
    state = database_state(data_dir)
    return {table: state[table] for table in schemas.RESOLUTION_TABLES}


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
