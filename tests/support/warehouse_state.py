"""What a data directory holds, comparable across data directories and runs."""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse import schemas

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
