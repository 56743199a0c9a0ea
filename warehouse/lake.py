"""The Parquet lake: one hive-partitioned dataset per table under `DIR/warehouse/parquet/`.

Parse batches write their files into a run's staging folder; once DuckDB has committed the run,
`publish_staging` moves them into the lake and rewrites the few older files that still hold rows
of documents this run replaced, so the lake and DuckDB say the same thing.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from warehouse import schemas

_PARTITIONING = ds.partitioning(pa.schema([pa.field("session", pa.int32())]), flavor="hive")


def write_batch(tables: dict[str, pa.Table], staging_dir: Path, batch_name: str) -> list[Path]:
    """Write one batch's tables into staging, partitioned by session; return the files."""
    written: list[Path] = []
    for name, table in tables.items():
        assert table.schema.equals(schemas.RESOLUTION_TABLES[name]), f"{name}: schema drift"
        if table.num_rows == 0:
            continue
        visited: list[str] = []
        ds.write_dataset(
            table,
            staging_dir / name,
            format="parquet",
            partitioning=_PARTITIONING,
            basename_template=f"{batch_name}-{{i}}.parquet",
            existing_data_behavior="overwrite_or_ignore",
            file_visitor=lambda f, acc=visited: acc.append(f.path),
        )
        written += [Path(p) for p in visited]
    return written


def staged_files(staging_dir: Path, table: str) -> list[Path]:
    return sorted((staging_dir / table).glob("session=*/*.parquet"))


def read_table(path: Path, table: str) -> pa.Table:
    """Read one lake or staging file back with its table's schema (session from the path)."""
    session = int(path.parent.name.split("=", 1)[1])
    data = pq.read_table(path)
    data = data.append_column("session", pa.array([session] * data.num_rows, pa.int32()))
    return data.select(schemas.RESOLUTION_TABLES[table].names).cast(
        schemas.RESOLUTION_TABLES[table]
    )


def publish_staging(
    staging_dir: Path, lake_dir: Path, replaced: Iterable[tuple[str, str, int]]
) -> None:
    """Move staged files into the lake, then drop replaced documents' rows from older files."""
    replaced = set(replaced)
    staged_names: set[str] = set()
    for table in schemas.RESOLUTION_TABLES:
        for path in staged_files(staging_dir, table):
            target = lake_dir / table / path.parent.name / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)
            staged_names.add(path.name)
    if replaced:
        _drop_replaced_rows(lake_dir, replaced, staged_names)
    shutil.rmtree(staging_dir, ignore_errors=True)


def _drop_replaced_rows(
    lake_dir: Path, replaced: set[tuple[str, str, int]], keep_files: set[str]
) -> None:
    sessions = {session for _, _, session in replaced}
    keys = pa.array([f"{symbol}\x1f{language}" for symbol, language, _ in replaced])
    for table in schemas.RESOLUTION_TABLES:
        for session in sessions:
            for path in sorted((lake_dir / table / f"session={session}").glob("*.parquet")):
                if path.name in keep_files:
                    continue
                data = pq.read_table(path)
                row_keys = pc.binary_join_element_wise(data["symbol"], data["language"], "\x1f")
                stale = pc.is_in(row_keys, value_set=keys)
                if not pc.any(stale).as_py():
                    continue
                kept = data.filter(pc.invert(stale))
                if kept.num_rows == 0:
                    path.unlink()
                    continue
                tmp = path.with_suffix(".parquet.tmp")
                pq.write_table(kept, tmp)
                os.replace(tmp, path)
