"""The `unga` command line: run the pipeline, query the warehouse."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import decimal
import json
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import duckdb
import typer
from rich.console import Console
from rich.table import Table

from flows.sessions import parse_sessions
from flows.settings import PROJECT_ROOT
from warehouse import db

app = typer.Typer(
    help="United Nations General Assembly resolutions -> Parquet + DuckDB warehouse.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
# Piped output (files, other programs) should not be cut at 80 columns.
console = Console(width=None if sys.stdout.isatty() else 200)
errors = Console(stderr=True)

DataDir = Annotated[
    Path,
    typer.Option("--data-dir", help="Holds raw/ (landed copies) and warehouse/ (Parquet, DuckDB)."),
]


@app.command()
def run(
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source",
            help="File, folder, .zip/.tar.gz archive, document or listing URL, "
            "symbols:A/RES/73/3,… or symbols-file:PATH; repeatable. Default: the project's raw/.",
        ),
    ] = None,
    data_dir: DataDir = PROJECT_ROOT,
    sessions: Annotated[
        str | None, typer.Option("--sessions", help="Only these sessions, e.g. 75-78 or 58,60.")
    ] = None,
    reparse: Annotated[
        bool,
        typer.Option(
            "--reparse",
            help="Parse the landed copies of --sessions (all if omitted) again, e.g. after a "
            "parser upgrade; without --source nothing new is fetched.",
        ),
    ] = False,
    wait: Annotated[
        bool,
        typer.Option(
            "--wait/--no-wait", help="If another run holds the data directory: wait, or fail."
        ),
    ] = True,
    workers: Annotated[
        int | None, typer.Option("--workers", help="Parse processes (default: one per core).")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the run summary as JSON (for scripts).")
    ] = False,
    dask_address: Annotated[
        str | None,
        typer.Option(
            "--dask-address",
            help="Parse on a Dask cluster (e.g. tcp://10.0.0.5:8786); DIR must be shared storage.",
        ),
    ] = None,
) -> None:
    """Fetch, land, parse and load documents into the warehouse (one Prefect flow run)."""
    invoked = time.perf_counter()
    _refuse_stale_native_build()
    try:  # before the server and the imports: a typo is reported at once
        parse_sessions(sessions)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--sessions") from None
    from flows.prefect_server import ServerFailed, prefect_api, start_temporary_server

    server = start_temporary_server()  # it boots while the pipeline's modules are imported
    from flows.locking import WarehouseBusy
    from flows.pipeline import run_pipeline, start_worker_server
    from flows.summary import print_summary

    sources = source or ([] if reparse else [str(PROJECT_ROOT / "raw")])
    flow = run_pipeline
    if dask_address:
        from prefect_dask import DaskTaskRunner

        flow = run_pipeline.with_options(task_runner=DaskTaskRunner(address=dask_address))
    elif workers != 1:
        start_worker_server()  # its imports take a core the server's boot leaves idle
    try:
        with prefect_api(server):
            summary = flow(
                distributed=bool(dask_address),
                sources=sources,
                data_dir=str(data_dir),
                sessions=sessions,
                workers=workers,
                reparse=reparse,
                wait=wait,
            )
    except WarehouseBusy as error:
        errors.print(f"[red]{error}[/red]")
        raise typer.Exit(3) from None
    except ServerFailed as error:
        errors.print(f"[red]{error}; nothing was run[/red]")
        raise typer.Exit(1) from None
    total = time.perf_counter() - invoked
    # Everything outside the flow body: imports, the temporary Prefect server, flow set-up.
    summary = dataclasses.replace(summary, startup_seconds=total - summary.seconds)
    if as_json:
        sys.stdout.write(json.dumps(dataclasses.asdict(summary), indent=2) + "\n")
    else:
        print_summary(summary, console)


def _refuse_stale_native_build() -> None:
    from flows.native import stale_build_message

    message = stale_build_message()
    if message:
        errors.print(f"[red]{message}[/red]")
        raise typer.Exit(2)


@app.command()
def serve(
    cron: Annotated[str, typer.Option("--cron", help='When to run, e.g. "0 3 * * *".')],
    source: Annotated[
        list[str] | None,
        typer.Option("--source", help="As for `unga run`; repeatable."),
    ] = None,
    data_dir: DataDir = PROJECT_ROOT,
    sessions: Annotated[str | None, typer.Option("--sessions")] = None,
    name: Annotated[str, typer.Option("--name", help="Deployment name.")] = "unga-scheduled",
) -> None:
    """Register the flow as a scheduled Prefect deployment and serve it (needs a Prefect
    server: set PREFECT_API_URL, e.g. http://127.0.0.1:4200/api)."""
    from prefect.settings import PREFECT_API_URL

    from flows.pipeline import run_pipeline

    _refuse_stale_native_build()
    if not PREFECT_API_URL.value():
        errors.print(
            "[red]`unga serve` needs a Prefect server: start one with `prefect server start` "
            "and set PREFECT_API_URL=http://127.0.0.1:4200/api (see the README).[/red]"
        )
        raise typer.Exit(2)
    sources = source or [str(PROJECT_ROOT / "raw")]
    run_pipeline.serve(
        name=name,
        cron=cron,
        parameters={"sources": sources, "data_dir": str(data_dir.resolve()), "sessions": sessions},
        description="unga: fetch, parse and load UN General Assembly resolutions",
        tags=["unga"],
    )


@app.command()
def report(
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")],
    data_dir: DataDir = PROJECT_ROOT,
) -> None:
    """Write one self-contained HTML page of charts over the analytics views (no network)."""
    from flows.report import build_report

    try:
        build_report(data_dir / "warehouse" / "unga.duckdb", output)
    except FileNotFoundError as error:
        errors.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from None
    console.print(f"Wrote {output} ({output.stat().st_size / 1e6:.1f} MB)")


@app.command()
def export(
    to: Annotated[
        str, typer.Option("--to", help="Destination URI: s3://bucket/prefix, gs://…, file:///…")
    ],
    data_dir: DataDir = PROJECT_ROOT,
) -> None:
    """Copy the current Parquet lake to object storage (or any pyarrow filesystem)."""
    from warehouse.lake import export_version

    try:
        copied = export_version(data_dir / "warehouse" / "parquet", to)
    except (FileNotFoundError, OSError, ValueError) as error:
        errors.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from None
    console.print(f"Copied {copied} Parquet files to {to}")


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="A read-only SQL statement.")],
    data_dir: DataDir = PROJECT_ROOT,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="Output format.")
    ] = OutputFormat.table,
) -> None:
    """Run read-only SQL against the warehouse and print the result."""
    database = data_dir / "warehouse" / "unga.duckdb"
    try:
        with db.connect(database, read_only=True) as con:
            result = con.execute(sql)
            columns = [d[0] for d in result.description or ()]
            rows = result.fetchall()
    except FileNotFoundError as error:
        errors.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from None
    except duckdb.IOException as error:
        if "lock" in str(error).lower():
            errors.print(
                "[red]The warehouse is locked by a running `unga run`; "
                "try again when it finishes.[/red]"
            )
            raise typer.Exit(3) from None
        raise
    except duckdb.Error as error:
        errors.print(f"[red]{type(error).__name__}: {error}[/red]")
        raise typer.Exit(1) from None
    _print_result(columns, rows, output)


def _print_result(columns: list[str], rows: list[tuple], output: OutputFormat) -> None:
    if output is OutputFormat.json:
        records = [dict(zip(columns, row, strict=True)) for row in rows]
        sys.stdout.write(
            json.dumps(records, default=_json_value, ensure_ascii=False, indent=2) + "\n"
        )
    elif output is OutputFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_csv_value(v) for v in row] for row in rows])
    else:
        table = Table(*columns, show_lines=False)
        for row in rows:
            table.add_row(*(_csv_value(v) for v in row))
        console.print(table)
        console.print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


def _json_value(value: object) -> object:
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    return str(value)


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return json.dumps(value, default=_json_value, ensure_ascii=False)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)
