"""DuckDB: tables created from the pyarrow schemas, views from `warehouse/views/*.sql`, and the
run's load as one transaction (delete the replaced documents' rows, insert the staged ones)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import duckdb
import pyarrow as pa

from warehouse import schemas

VIEWS_DIR = Path(__file__).parent / "views"
CHECKS_DIR = Path(__file__).parent / "checks"


def connect(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse; extensions are never downloaded (the machines are offline)."""
    if read_only and not path.exists():
        raise FileNotFoundError(f"no warehouse at {path}: run `unga run` first")
    path.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(
        str(path), read_only=read_only, config={"autoinstall_known_extensions": False}
    )


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
    for name, schema in schemas.ALL_TABLES.items():
        con.execute(create_table_sql(name, schema))
    for view in sorted(VIEWS_DIR.glob("*.sql")):
        con.execute(f"CREATE OR REPLACE VIEW {view.stem} AS\n{view.read_text()}")


def known_documents(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, list[str]]]:
    """sha256 -> (source_uri, symbols) of every document loaded or rejected before."""
    rows = con.execute(
        "SELECT sha256, source_uri, symbols FROM documents "
        "UNION ALL SELECT sha256, source_uri, [] FROM rejects WHERE sha256 IS NOT NULL"
    ).fetchall()
    return {sha: (uri, symbols) for sha, uri, symbols in rows}


def keys_of_source(con: duckdb.DuckDBPyConnection, source_uri: str) -> list[tuple[str, str]]:
    """(symbol, language) of the resolutions the previous version of a source produced."""
    rows = con.execute(
        "SELECT DISTINCT unnest(symbols), language FROM documents WHERE source_uri = ?",
        [source_uri],
    ).fetchall()
    return [(symbol, language) for symbol, language in rows]


def load_run(
    con: duckdb.DuckDBPyConnection,
    staged: dict[str, Sequence[Path]],
    replaced_symbols: Iterable[tuple[str, str]],
    documents: pa.Table,
    rejects: pa.Table,
    excluded_sha256: Sequence[str] = (),
) -> dict[str, int]:
    """One transaction: drop every row of the replaced (symbol, language) keys, insert the
    staged Parquet files (but those of `excluded_sha256`), record documents and rejects.
    Returns rows inserted per table."""
    inserted: dict[str, int] = {}
    replaced = pa.table(
        {
            "symbol": [s for s, _ in replaced_symbols],
            "language": [lang for _, lang in replaced_symbols],
        }
        if replaced_symbols
        else {"symbol": pa.array([], pa.string()), "language": pa.array([], pa.string())}
    )
    con.execute("BEGIN TRANSACTION")
    try:
        con.register("replaced_keys", replaced)
        con.register("new_documents", documents)
        con.register("new_rejects", rejects)
        for table in schemas.RESOLUTION_TABLES:
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
                "hive_partitioning = true, hive_types = {'session': INTEGER}) "
                "WHERE NOT list_contains(?, sha256)",
                [files, list(excluded_sha256)],
            ).fetchall()[0][0]
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
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        for name in ("replaced_keys", "new_documents", "new_rejects"):
            con.unregister(name)
    return inserted


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
