"""The `unga run` flow: discover -> land -> plan -> parse (in batches) -> Parquet -> DuckDB.

Tasks do the I/O and call `transforms` for everything about the documents themselves. Work is
batched (hundreds of documents per task) because each Prefect task run costs milliseconds of
orchestration; results passed between tasks are small records, never document bodies.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.context import get_run_context
from prefect.exceptions import MissingContextError

from flows.sources import (
    LandedDocument,
    SourceProblem,
    append_manifest,
    discover_local,
    land,
)
from flows.summary import RunSummary, render_markdown
from transforms import PARSER_VERSION
from transforms.documents import parse_document, sniff_format
from transforms.model import ParseError
from warehouse import db, lake, schemas
from warehouse.rows import ParsedDocument, resolution_tables

BATCH_SIZE = 250


@dataclass(frozen=True, slots=True)
class Layout:
    """Where a data directory keeps things."""

    data_dir: Path

    @property
    def raw_dir(self) -> Path:
        return self.data_dir / "raw"

    @property
    def warehouse_dir(self) -> Path:
        return self.data_dir / "warehouse"

    @property
    def lake_dir(self) -> Path:
        return self.warehouse_dir / "parquet"

    @property
    def database(self) -> Path:
        return self.warehouse_dir / "unga.duckdb"

    def staging_dir(self, run_id: str) -> Path:
        return self.warehouse_dir / "staging" / run_id


@dataclass(frozen=True, slots=True)
class Plan:
    to_parse: list[LandedDocument]
    unchanged: list[LandedDocument]
    changed_uris: set[str]


@dataclass(slots=True)
class BatchResult:
    documents: list[dict] = field(default_factory=list)  # rows of the `documents` table
    rejects: list[dict] = field(default_factory=list)  # rows of the `rejects` table
    keys: list[tuple[str, str, int, str]] = field(
        default_factory=list
    )  # symbol, lang, session, sha
    filtered_out: int = 0  # resolutions outside --sessions


def parse_sessions(spec: str | None) -> set[int] | None:
    """'75-78' -> {75, 76, 77, 78}; '58,60' -> {58, 60}; None -> every session."""
    if not spec:
        return None
    sessions: set[int] = set()
    for piece in spec.split(","):
        low, _, high = piece.strip().partition("-")
        try:
            sessions.update(range(int(low), int(high or low) + 1))
        except ValueError:
            raise ValueError(f"--sessions takes '75-78' or '58,60', not {spec!r}") from None
    return sessions


@task(name="discover-and-land")
def discover_and_land(
    sources: list[str], raw_dir: Path
) -> tuple[list[LandedDocument], list[SourceProblem]]:
    found, problems = discover_local(sources)
    landed: list[LandedDocument] = []
    for source in found:
        try:
            data = source.path.read_bytes()
        except OSError as error:
            problems.append(SourceProblem(source.uri, f"cannot read the file: {error.strerror}"))
            continue
        landed.append(land(data, source.uri, raw_dir))
    append_manifest(raw_dir, landed)
    return landed, problems


@task(name="plan")
def plan_work(landed: list[LandedDocument], database: Path) -> Plan:
    """New and changed documents are parsed; bytes seen before (loaded or rejected) are not."""
    with db.connect(database) as con:
        db.ensure_schema(con)
        known = db.known_documents(con)
        known_uris = {uri for uri, _ in known.values()}
    to_parse: list[LandedDocument] = []
    unchanged: list[LandedDocument] = []
    seen_in_run: set[str] = set()
    for document in landed:
        if document.sha256 in known or document.sha256 in seen_in_run:
            unchanged.append(document)
        else:
            to_parse.append(document)
            seen_in_run.add(document.sha256)
    changed = {d.source_uri for d in to_parse if d.source_uri in known_uris}
    return Plan(to_parse, unchanged, changed)


@task(name="parse-batch")
def parse_batch(
    batch: list[LandedDocument],
    staging_dir: Path,
    batch_name: str,
    loaded_at: dt.datetime,
    sessions: set[int] | None,
) -> BatchResult:
    result = BatchResult()
    parsed: list[ParsedDocument] = []
    for document in batch:
        data = Path(document.landed_path).read_bytes()
        try:
            resolutions = parse_document(data)
        except ParseError as error:
            result.rejects.append(_reject(document, error.stage, str(error), loaded_at))
            continue
        except Exception as error:  # a parser bug must not stop the other documents
            message = f"internal parser error ({type(error).__name__}: {error})"
            result.rejects.append(_reject(document, "parse", message, loaded_at))
            continue
        kept = [r for r in resolutions if sessions is None or r.session in sessions]
        result.filtered_out += len(resolutions) - len(kept)
        if not kept:
            continue
        parsed += [
            ParsedDocument(r, document.source_uri, document.sha256, PARSER_VERSION, loaded_at)
            for r in kept
        ]
        result.keys += [(r.symbol, r.language, r.session, document.sha256) for r in kept]
        result.documents.append(
            {
                "sha256": document.sha256,
                "source_uri": document.source_uri,
                "landed_path": document.landed_path,
                "source_format": sniff_format(data),
                "language": kept[0].language,
                "symbols": [r.symbol for r in kept],
                "parser_version": PARSER_VERSION,
                "loaded_at": loaded_at,
            }
        )
    lake.write_batch(resolution_tables(parsed), staging_dir, batch_name)
    return result


def _reject(document: LandedDocument, stage: str, error: str, seen_at: dt.datetime) -> dict:
    return {
        "source_uri": document.source_uri,
        "sha256": document.sha256,
        "stage": stage,
        "error": error,
        "parser_version": PARSER_VERSION,
        "seen_at": seen_at,
    }


@task(name="load-warehouse")
def load_warehouse(
    layout: Layout,
    staging_dir: Path,
    results: list[BatchResult],
    plan: Plan,
    problems: list[SourceProblem],
    seen_at: dt.datetime,
) -> dict[str, int]:
    """One DuckDB transaction for the whole run, then publish the staged Parquet files."""
    documents = [row for r in results for row in r.documents]
    rejects = [row for r in results for row in r.rejects]
    rejects += [
        {
            "source_uri": p.source_uri,
            "sha256": None,
            "stage": "fetch",
            "error": p.error,
            "parser_version": PARSER_VERSION,
            "seen_at": seen_at,
        }
        for p in problems
    ]
    keys = [key for r in results for key in r.keys]
    duplicates = _duplicate_documents(keys)
    for sha, (symbol, winner) in duplicates.items():
        document = next(row for r in results for row in r.documents if row["sha256"] == sha)
        documents.remove(document)
        rejects.append(
            {
                "source_uri": document["source_uri"],
                "sha256": sha,
                "stage": "dedupe",
                "error": f"{symbol} is also in {winner}, which this run loads instead",
                "parser_version": PARSER_VERSION,
                "seen_at": seen_at,
            }
        )
    with db.connect(layout.database) as con:
        db.ensure_schema(con)
        replaced = {(symbol, language) for symbol, language, _, _ in keys}
        for uri in plan.changed_uris:  # a changed file may no longer carry its old symbols
            replaced |= set(db.keys_of_source(con, uri))
        sessions_of = dict(
            con.execute("SELECT symbol || '\x1f' || language, session FROM resolutions").fetchall()
        )
        inserted = db.load_run(
            con,
            {table: lake.staged_files(staging_dir, table) for table in schemas.RESOLUTION_TABLES},
            sorted(replaced),
            pa.Table.from_pylist(documents, schema=schemas.DOCUMENTS),
            pa.Table.from_pylist(rejects, schema=schemas.REJECTS),
            excluded_sha256=sorted(duplicates),
        )
    stale = {
        (symbol, language, sessions_of[f"{symbol}\x1f{language}"])
        for symbol, language in replaced
        if f"{symbol}\x1f{language}" in sessions_of
    }
    lake.publish_staging(staging_dir, layout.lake_dir, stale)
    return inserted


def _duplicate_documents(keys: list[tuple[str, str, int, str]]) -> dict[str, tuple[str, str]]:
    """Documents of this run whose resolution another, later document also carries.

    Returns loser sha256 -> (symbol, winner sha256); the last document in source order wins.
    """
    winner: dict[tuple[str, str], str] = {}
    for symbol, language, _, sha in keys:
        winner[(symbol, language)] = sha
    losers: dict[str, tuple[str, str]] = {}
    for symbol, language, _, sha in keys:
        if winner[(symbol, language)] != sha:
            losers[sha] = (symbol, winner[(symbol, language)][:12])
    return losers


@flow(name="unga-run", log_prints=False)
def run_pipeline(sources: list[str], data_dir: str, sessions: str | None = None) -> RunSummary:
    started = time.perf_counter()
    logger = get_run_logger()
    layout = Layout(Path(data_dir).resolve())
    run_id = _run_id()
    wanted_sessions = parse_sessions(sessions)
    loaded_at = dt.datetime.now(dt.UTC)

    landed, problems = discover_and_land(sources, layout.raw_dir)
    plan = plan_work(landed, layout.database)
    staging_dir = layout.staging_dir(run_id)
    batches = [plan.to_parse[i : i + BATCH_SIZE] for i in range(0, len(plan.to_parse), BATCH_SIZE)]
    futures = [
        parse_batch.submit(batch, staging_dir, f"{run_id}-{n:05d}", loaded_at, wanted_sessions)
        for n, batch in enumerate(batches)
    ]
    results = [future.result() for future in futures]
    inserted = load_warehouse(layout, staging_dir, results, plan, problems, loaded_at)

    with db.connect(layout.database) as con:
        totals = db.table_counts(con)
    rejected = [(r["source_uri"], r["stage"], r["error"]) for res in results for r in res.rejects]
    rejected += [(p.source_uri, "fetch", p.error) for p in problems]
    loaded_uris = [row["source_uri"] for res in results for row in res.documents]
    changed = sum(1 for uri in loaded_uris if uri in plan.changed_uris)
    summary = RunSummary(
        run_id=run_id,
        data_dir=str(layout.data_dir),
        seen=len(landed) + len(problems),
        new=len(loaded_uris) - changed,
        changed=changed,
        unchanged=len(plan.unchanged),
        rejected=rejected,
        filtered_out=sum(r.filtered_out for r in results),
        rows_inserted=inserted,
        table_totals=totals,
        seconds=time.perf_counter() - started,
    )
    create_markdown_artifact(
        key="unga-run-summary", markdown=render_markdown(summary), description="unga run summary"
    )
    logger.info("run %s: %s", run_id, summary.one_line())
    return summary


def _run_id() -> str:
    """The Prefect flow-run id when there is one, so rows and Prefect's history line up."""
    try:
        return str(get_run_context().flow_run.id)
    except MissingContextError:  # the flow's function called directly, as in unit tests
        return uuid.uuid4().hex
