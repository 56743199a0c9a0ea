"""DuckDB: tables created from the pyarrow schemas, views from `warehouse/views/*.sql`, and the
run's load as one transaction (delete the replaced documents' rows, insert the staged ones)."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence
from pathlib import Path

import duckdb
import pyarrow as pa

from warehouse import schemas
from warehouse.failpoints import failpoint

VIEWS_DIR = Path(__file__).parent / "views"
CHECKS_DIR = Path(__file__).parent / "checks"


# The run's connection spills past this, so the load's memory does not grow with the corpus.
# A 4x-corpus load already fills 160 MB, so peaks are the same from there on (16x: 264 MB
# RSS, 2.1-2.3 s; with 256 MB, 340 MB and 1.7-2.4 s; 128 MB was 50% slower). Read-only
# connections (queries, reports) keep DuckDB's default share of the RAM.
RUN_MEMORY_LIMIT = "160MB"


def connect(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse; extensions are never downloaded (the machines are offline)."""
    if read_only and not path.exists():
        raise FileNotFoundError(f"no warehouse at {path}: run `unga run` first")
    path.parent.mkdir(parents=True, exist_ok=True)
    config: dict[str, str | bool] = {"autoinstall_known_extensions": False}
    if not read_only:
        config["memory_limit"] = RUN_MEMORY_LIMIT
    con = duckdb.connect(str(path), read_only=read_only, config=config)
    # DuckDB draws a bar on stdout for any query over 2 s: it broke `unga run --json` at 16x.
    con.execute("SET enable_progress_bar = false")
    return con


def duckdb_type(arrow_type: pa.DataType) -> str:
    if pa.types.is_list(arrow_type):
        return f"{duckdb_type(arrow_type.value_type)}[]"
    if pa.types.is_timestamp(arrow_type):
        return "TIMESTAMPTZ" if arrow_type.tz else "TIMESTAMP"
    mapping = {
        pa.string(): "VARCHAR",
        pa.int32(): "INTEGER",
        pa.int64(): "BIGINT",
        pa.date32(): "DATE",
        pa.bool_(): "BOOLEAN",
        pa.float64(): "DOUBLE",
    }
    return mapping[arrow_type]


def create_table_sql(name: str, schema: pa.Schema) -> str:
    columns = ",\n  ".join(
        f"{f.name} {duckdb_type(f.type)}{'' if f.nullable else ' NOT NULL'}" for f in schema
    )
    return f"CREATE TABLE IF NOT EXISTS {name} (\n  {columns}\n)"


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create missing tables, and the views whose `.sql` file is new or changed: each view's
    comment is the sha256 of its file (binding the eight views took ~30 ms per call)."""
    existing = {
        name
        for (name,) in con.execute(
            "SELECT table_name FROM duckdb_tables() "
            "WHERE database_name = current_database() AND schema_name = current_schema()"
        ).fetchall()
    }
    for name, schema in schemas.ALL_TABLES.items():
        if name not in existing:  # one query, not ten statements, on every run but the first
            con.execute(create_table_sql(name, schema))
    current = dict(
        con.execute("SELECT view_name, comment FROM duckdb_views() WHERE NOT internal").fetchall()
    )
    for view in sorted(VIEWS_DIR.glob("*.sql")):
        query = view.read_text()
        digest = hashlib.sha256(query.encode()).hexdigest()
        if current.get(view.stem) != digest:
            con.execute(f"CREATE OR REPLACE VIEW {view.stem} AS\n{query}")
            con.execute(f"COMMENT ON VIEW {view.stem} IS '{digest}'")


def known_documents(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, list[str]]]:
    """sha256 -> (source_uri, symbols) of every document loaded or rejected before."""
    rows = con.execute(
        "SELECT sha256, source_uri, symbols FROM documents "
        "UNION ALL SELECT sha256, source_uri, [] FROM rejects WHERE sha256 IS NOT NULL"
    ).fetchall()
    return {sha: (uri, symbols) for sha, uri, symbols in rows}


def landed_documents(
    con: duckdb.DuckDBPyConnection, sessions: set[int] | None
) -> list[tuple[str, str, str]]:
    """(sha256, source_uri, landed_path) of loaded documents with resolutions in `sessions`."""
    where = "" if sessions is None else "WHERE r.session IN (SELECT unnest(?))"
    params = [] if sessions is None else [sorted(sessions)]
    return con.execute(
        "SELECT DISTINCT d.sha256, d.source_uri, d.landed_path FROM documents d "
        f"JOIN resolutions r ON r.sha256 = d.sha256 {where} ORDER BY d.source_uri",
        params,
    ).fetchall()


def stage_replaced_keys(
    con: duckdb.DuckDBPyConnection, staged_documents: Sequence[Path], changed_uris: Collection[str]
) -> list[tuple[str, str, int]]:
    """Fill the temp table `replaced_keys` (symbol, language) that `load_run` deletes: every
    resolution the run's staged documents carry, and every one the previous version of a
    changed source carried (a changed file may no longer carry its old symbols). Returns the
    (symbol, language, session) of those the warehouse holds now.

    Read from the staged files in DuckDB, so that no process holds the run's keys in Python
    (~0.7 KB per document in the loader: its peak grew with the corpus)."""
    con.execute("CREATE OR REPLACE TEMP TABLE replaced_keys (symbol VARCHAR, language VARCHAR)")
    if staged_documents:
        con.execute(
            "INSERT INTO replaced_keys SELECT DISTINCT unnest(symbols), language "
            "FROM read_parquet(?)",
            [[str(p) for p in staged_documents]],
        )
    if changed_uris:
        con.execute(
            "INSERT INTO replaced_keys SELECT unnest(symbols), language FROM documents "
            "WHERE list_contains(?, source_uri) EXCEPT SELECT * FROM replaced_keys",
            [sorted(changed_uris)],
        )
    return con.execute(
        "SELECT r.symbol, r.language, r.session FROM resolutions r "
        "JOIN replaced_keys USING (symbol, language) ORDER BY ALL"
    ).fetchall()


# The tables a run's load writes (`runs` is written apart, by start_run and finish_run).
LOADED_TABLES = (*schemas.RESOLUTION_TABLES, "documents", "rejects")


# The largest first: the small tables' rows stay in the transaction's memory until the commit
# (DuckDB writes a table's new rows to the file only by whole row groups), so loading them
# before `paragraphs` put them under its peak, and that peak grew with the corpus.
_LOAD_ORDER = ("paragraphs", *(t for t in schemas.RESOLUTION_TABLES if t != "paragraphs"))


def load_run(
    con: duckdb.DuckDBPyConnection,
    staged: dict[str, Sequence[Path]],
    staged_documents: Sequence[Path],
    rejects: pa.Table,
    run_id: str,
    excluded_sha256: Sequence[str] = (),
) -> dict[str, int]:
    """One transaction: drop every row of the keys `stage_replaced_keys` staged, insert the
    staged Parquet files, record the staged documents (but those of `excluded_sha256`) and the
    rejects, and mark the run 'loaded'. Returns rows inserted per table."""
    inserted: dict[str, int] = {}
    con.execute("BEGIN TRANSACTION")
    try:
        con.register("new_rejects", rejects)
        # Staged files are read by both threads in any order (rows carry their keys, and every
        # view and report orders what it shows): measured 1.6x faster than in file order.
        con.execute("SET preserve_insertion_order = false")
        for table in _LOAD_ORDER:
            con.execute(
                f"DELETE FROM {table} t USING replaced_keys k "
                "WHERE t.symbol = k.symbol AND t.language = k.language"
            )
            files = [str(p) for p in staged.get(table, ())]
            if not files:
                inserted[table] = 0
                continue
            columns = ", ".join(schemas.RESOLUTION_TABLES[table].names)
            inserted[table] = con.execute(
                f"INSERT INTO {table} ({columns}) SELECT {columns} FROM read_parquet(?, "
                "hive_partitioning = true, hive_types = {'session': INTEGER})",
                [files],
            ).fetchall()[0][0]
        con.execute("RESET preserve_insertion_order")
        con.execute("CREATE TEMP TABLE new_documents AS SELECT * FROM documents LIMIT 0")
        if staged_documents:
            con.execute(
                "INSERT INTO new_documents BY NAME SELECT * FROM read_parquet(?) "
                "WHERE NOT list_contains(?, sha256)",
                [[str(p) for p in staged_documents], list(excluded_sha256)],
            )
        con.execute(
            "DELETE FROM documents WHERE sha256 IN (SELECT sha256 FROM new_documents) "
            "OR source_uri IN (SELECT source_uri FROM new_documents)"
        )
        inserted["documents"] = con.execute(
            "INSERT INTO documents SELECT * FROM new_documents"
        ).fetchall()[0][0]
        con.execute(
            "DELETE FROM rejects WHERE source_uri IN (SELECT source_uri FROM new_documents)"
        )
        inserted["rejects"] = con.execute(
            "INSERT INTO rejects SELECT * FROM new_rejects"
        ).fetchall()[0][0]
        # The commit record: a run marked 'loaded' has its rows in DuckDB, so a run killed
        # before swapping the lake's link is rolled forward by the next one.
        con.execute("DROP TABLE new_documents")
        con.execute("UPDATE runs SET status = 'loaded' WHERE run_id = ?", [run_id])
        failpoint("before-commit")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        con.unregister("new_rejects")
        con.execute("DROP TABLE IF EXISTS replaced_keys")
    return inserted


def start_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    started_at: object,
    sources: list[str],
    sessions: str | None,
    parser_version: str,
) -> None:
    con.execute(
        "INSERT INTO runs (run_id, started_at, status, sources, sessions, parser_version) "
        "VALUES (?, ?, 'running', ?, ?, ?)",
        [run_id, started_at, sources, sessions, parser_version],
    )


def finish_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    finished_at: object,
    status: str,
    counts: dict[str, int],
    error: str | None = None,
) -> None:
    con.execute(
        "UPDATE runs SET finished_at = ?, status = ?, documents_seen = ?, documents_new = ?, "
        "documents_changed = ?, documents_unchanged = ?, documents_rejected = ?, "
        "rows_written = ?, error = ? WHERE run_id = ?",
        [
            finished_at,
            status,
            counts.get("seen"),
            counts.get("new"),
            counts.get("changed"),
            counts.get("unchanged"),
            counts.get("rejected"),
            counts.get("rows_written"),
            error,
            run_id,
        ],
    )


def record_failure(
    con: duckdb.DuckDBPyConnection, run_id: str, finished_at: object, error: str
) -> None:
    """Mark a run failed, unless its load committed: a run that failed after its commit (while
    publishing the lake) stays 'loaded', so that the next run rolls the lake forward to it."""
    con.execute(
        "UPDATE runs SET finished_at = ?, error = ?, "
        "status = CASE WHEN status = 'loaded' THEN status ELSE 'failed' END WHERE run_id = ?",
        [finished_at, error, run_id],
    )


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {
        name: con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]
        for name in schemas.ALL_TABLES
    }


def run_checks(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Data-quality checks: each `.sql` in warehouse/checks returns its offending rows."""
    return {
        check.stem: con.execute(check.read_text()).fetchall()
        for check in sorted(CHECKS_DIR.glob("*.sql"))
    }
