"""Loading a run's staged files into DuckDB and publishing them as the lake's next version.

Free of Prefect, like `flows.batch`, so that a large run can load in a fresh process of its
own: in the flow's process, DuckDB's buffers came on top of Prefect and the run's bookkeeping,
and that process's peak grew with the corpus. The `documents` rows come from staged files too,
so neither process holds them.
"""

from __future__ import annotations

import shutil
from collections.abc import Collection
from pathlib import Path

import pyarrow as pa

from warehouse import db, lake, schemas
from warehouse.failpoints import failpoint


def load_and_publish(
    database: Path,
    lake_dir: Path,
    staging_dir: Path,
    changed_uris: Collection[str],
    rejects: list[dict],
    losers: Collection[str],
    run_id: str,
) -> dict[str, int]:
    """One DuckDB transaction for the whole run, then publish the staged Parquet files.

    The `documents` rows are staged with the batches; `rejects` are rows of that table;
    `losers`, the sha256 of documents that are not loaded (a later file of the run carries the
    same resolution; `lake.drop_staged_rows` has taken their rows out of the staged files);
    `changed_uris`, sources whose bytes differ from what was loaded from them before. The
    transaction also marks the run 'loaded' in `runs`: that is the commit record a later run
    uses to finish publishing a staging folder a killed run left behind.
    """
    with db.connect(database) as con:  # its schema was made when the run started
        documents = lake.staged_documents(staging_dir)
        stale = db.stage_replaced_keys(con, documents, changed_uris)
        version = lake.build_version(lake_dir, staging_dir, run_id, stale)
        # Arrow's allocator keeps what rewritten files used; DuckDB's load would come on top
        # of it (16 rewritten batches: the loader peaked ~70 MB higher).
        pa.default_memory_pool().release_unused()
        inserted = db.load_run(
            con,
            {table: lake.staged_files(staging_dir, table) for table in schemas.RESOLUTION_TABLES},
            documents,
            pa.Table.from_pylist(rejects, schema=schemas.REJECTS),
            run_id=run_id,
            excluded_sha256=sorted(losers),
        )
    failpoint("after-commit")
    lake.activate_version(lake_dir, version)
    failpoint("after-swap")
    lake.collect_garbage(lake_dir)
    shutil.rmtree(staging_dir.parent, ignore_errors=True)  # we hold the lock: no other run
    return inserted
