"""The `unga run` flow: discover -> land -> plan -> parse (in batches) -> Parquet -> DuckDB.

Tasks do the I/O and call `transforms` for everything about the documents themselves. Work is
batched (hundreds of documents per task) because each Prefect task run costs milliseconds of
orchestration; results passed between tasks are small records, never document bodies. Lists of
records go in `quote()`: unquoted, Prefect visits every element of every parameter looking for
futures, which measured ~0.35 ms per landed document per task, more than landing it. No task is
cached: what a task must do depends on the files and the warehouse, not on its arguments.
"""

from __future__ import annotations

import datetime as dt
import gc
import math
import multiprocessing
import multiprocessing.forkserver
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import get_run_context
from prefect.exceptions import MissingContextError
from prefect.utilities.annotations import quote

from flows.batch import BatchResult, parse_and_stage, reject_row
from flows.fetch import fetch_sources
from flows.load import load_and_publish
from flows.locking import warehouse_lock
from flows.sessions import parse_sessions
from flows.sources import LandedDocument, SourceProblem
from flows.summary import RunSummary, render_markdown
from transforms import PARSER_VERSION
from warehouse import db, lake
from warehouse.failpoints import failpoint

# Documents per parse task: at least the low end (each task run costs Prefect ~40 ms of CPU),
# at most the high end (a worker's memory grows with its batch: ~160 MB at 250 AKN documents,
# ~260 MB at 1,000). In between, a batch is what is left divided by twice the workers, so
# batches shrink towards the end and the workers finish together (guided self-scheduling);
# a remainder under half the low end joins the last batch rather than make a task of its own.
BATCH_SIZE_RANGE = (250, 1000)


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
        """A symbolic link to the current version of the Parquet lake."""
        return self.warehouse_dir / "parquet"

    @property
    def database(self) -> Path:
        return self.warehouse_dir / "unga.duckdb"

    @property
    def lock_path(self) -> Path:
        return self.warehouse_dir / ".lock"

    def staging_dir(self, run_id: str) -> Path:
        return self.warehouse_dir / "staging" / run_id


@dataclass(frozen=True, slots=True)
class Plan:
    to_parse: list[LandedDocument]
    unchanged: list[LandedDocument]
    changed_uris: set[str]  # sources whose bytes differ from what was loaded from them
    reparsed: int = 0  # landed documents parsed again for --reparse


@task(name="fetch-and-land", cache_policy=NO_CACHE)
def fetch_and_land(
    sources: list[str],
    raw_dir: Path,
    sessions: set[int] | None,
    pool: ProcessPoolExecutor | None,
) -> tuple[list[LandedDocument], list[SourceProblem]]:
    """Local files, archives, URLs and listings -> immutable landed copies (see flows.fetch)."""
    return fetch_sources(sources, raw_dir, sessions=sessions, progress=True, landing_pool=pool)


@task(name="plan", cache_policy=NO_CACHE)
def plan_work(
    landed: list[LandedDocument],
    database: Path,
    reparse_sessions: set[int] | None,
    reparse: bool,
) -> Plan:
    """New and changed documents are parsed; bytes seen before (loaded or rejected) are not,
    unless --reparse asks for the landed copies of some sessions to be parsed again."""
    with db.connect(database) as con:  # the run made its schema when it started
        known = db.known_documents(con)
        stored = db.landed_documents(con, reparse_sessions) if reparse else []
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
    again = [
        LandedDocument(uri, sha, path, size=0, newly_landed=False)
        for sha, uri, path in stored
        if sha not in seen_in_run
    ]
    unchanged = [d for d in unchanged if d.sha256 not in {a.sha256 for a in again}]
    return Plan(to_parse + again, unchanged, changed, reparsed=len(again))


@task(name="parse-batch", cache_policy=NO_CACHE)
def parse_batch(
    batch: list[LandedDocument],
    staging_dir: Path,
    batch_name: str,
    loaded_at: dt.datetime,
    sessions: set[int] | None,
    pool: ProcessPoolExecutor | None = None,
) -> BatchResult:
    """One batch, on the run's process pool when it has one."""
    if pool is None:
        return parse_and_stage(batch, staging_dir, batch_name, loaded_at, sessions)
    work = (batch, staging_dir, batch_name, loaded_at, sessions)
    return pool.submit(parse_and_stage, *work).result()


@task(name="load-warehouse", cache_policy=NO_CACHE)
def load_warehouse(
    layout: Layout,
    staging_dir: Path,
    results: list[BatchResult],
    plan: Plan,
    rejects: list[dict],
    losers: set[str],
    run_id: str,
    pool: ProcessPoolExecutor | None,
    loader: ProcessPoolExecutor | None,
) -> dict[str, int]:
    """Take the losers' rows out of the staged files (on the parse pool when given: rewriting
    batches is CPU work that one process did alone), then the run's DuckDB transaction and
    lake version (see flows.load), in the loader process when given (large runs: the flow's
    process then stays as small as a parse worker)."""
    losers_by_file: dict[tuple[str, int], set[str]] = {}  # (batch name, session) -> sha256
    for result in results:
        for _, _, session, sha in result.keys:
            if sha in losers:
                losers_by_file.setdefault((result.name, session), set()).add(sha)
    if pool is None:
        for (name, session), shas in losers_by_file.items():
            lake.drop_staged_rows(staging_dir, name, session, shas)
    else:
        drops = [
            pool.submit(lake.drop_staged_rows, staging_dir, name, session, shas)
            for (name, session), shas in losers_by_file.items()
        ]
        for drop in drops:
            drop.result()
    work = (
        layout.database,
        layout.lake_dir,
        staging_dir,
        plan.changed_uris,
        rejects,
        losers,
        run_id,
    )
    if loader is None:
        return load_and_publish(*work)
    return loader.submit(load_and_publish, *work).result()


def split_batches(documents: list[LandedDocument], workers: int) -> list[list[LandedDocument]]:
    low, high = BATCH_SIZE_RANGE
    batches: list[list[LandedDocument]] = []
    start = 0
    while start < len(documents):
        left = len(documents) - start
        size = max(low, min(high, math.ceil(left / (2 * workers))))
        if left - size < low // 2:
            size = left
        batches.append(documents[start : start + size])
        start += size
    return batches


# The run's pools fork their processes from one server process that imported what they run
# (transforms, pyarrow, lxml, DuckDB; not Prefect) once. Spawned workers each imported it when
# their first batch came (0.3-0.55 s, 0.2 s of it compiling the lead grammar): parsing began
# 0.6-0.8 s after the batches were submitted, 0.05-0.15 s with forked workers (16x ODS).
_WORKER_CONTEXT = multiprocessing.get_context("forkserver")
_WORKER_IMPORTS = ["flows.batch", "flows.load"]


def start_worker_server() -> None:
    """Start the process the run's workers fork from, if it is not running; it imports in the
    background. `unga run` starts it while Prefect's server boots."""
    _WORKER_CONTEXT.set_forkserver_preload(_WORKER_IMPORTS)
    multiprocessing.forkserver.ensure_running()


@contextmanager
def process_pool(workers: int) -> Iterator[ProcessPoolExecutor | None]:
    """The run's pool of processes for landing and parsing (None for one worker).

    Its processes start only when the first task arrives: a run with little to do never starts
    them. Prefect's own process-pool runner re-creates its engine in every worker, which
    measured slower than one core on this corpus.
    """
    if workers <= 1:
        yield None
        return
    start_worker_server()
    with ProcessPoolExecutor(workers, mp_context=_WORKER_CONTEXT) as pool:
        yield pool


@contextmanager
def loader_process(wanted: bool) -> Iterator[ProcessPoolExecutor | None]:
    """A process of its own for a large run's load (None when not `wanted`)."""
    if not wanted:
        yield None
        return
    start_worker_server()
    with ProcessPoolExecutor(1, mp_context=_WORKER_CONTEXT) as loader:
        yield loader


def parse_all(
    batches: list[list[LandedDocument]],
    staging_dir: Path,
    run_id: str,
    loaded_at: dt.datetime,
    sessions: set[int] | None,
    pool: ProcessPoolExecutor | None,
    distributed: bool = False,
) -> list[BatchResult]:
    """Parse every batch: one Prefect task per batch, the CPU work on the run's process pool.

    A run with a single batch (the usual scheduled run) parses in the flow's process.
    `distributed`: the flow's task runner (a DaskTaskRunner) places each batch on a cluster
    worker instead.
    """
    names = [f"{run_id}-{n:05d}" for n in range(len(batches))]
    arguments = zip(batches, names, strict=True)
    if distributed:  # not quoted: Dask's serialisation turns the quote into a plain tuple
        futures = [
            parse_batch.submit(b, staging_dir, name, loaded_at, sessions) for b, name in arguments
        ]
        return [future.result() for future in futures]
    if pool is None or len(batches) <= 1:
        return [
            parse_batch(quote(b), staging_dir, name, loaded_at, sessions) for b, name in arguments
        ]
    futures = [
        parse_batch.submit(quote(b), staging_dir, name, loaded_at, sessions, quote(pool))
        for b, name in arguments
    ]
    return [future.result() for future in futures]


def dedupe_rejects(results: list[BatchResult], seen_at: dt.datetime) -> list[dict]:
    """`rejects` rows for the documents of this run whose resolution another, later document
    also carries: the last document in source order wins, the others are not loaded."""
    keys = [key for r in results for key in r.keys]
    winner: dict[tuple[str, str], str] = {}
    for symbol, language, _, sha in keys:
        winner[(symbol, language)] = sha
    losers: dict[str, tuple[str, str]] = {}
    for symbol, language, _, sha in keys:
        if winner[(symbol, language)] != sha:
            losers.setdefault(sha, (symbol, winner[(symbol, language)][:12]))
    uri_of = {sha: uri for r in results for sha, uri in r.loaded}
    return [
        reject_row(
            uri_of[sha],
            sha,
            "dedupe",
            f"{symbol} is also in {winner}, which this run loads instead",
            seen_at,
        )
        for sha, (symbol, winner) in losers.items()
    ]


@task(name="recover", cache_policy=NO_CACHE)
def recover_interrupted_runs(layout: Layout, current_run_id: str) -> list[str]:
    """Finish what a killed run left: if its DuckDB load committed but the lake's link was not
    swapped yet, swap it now (roll forward); drop staging and unused lake versions; mark runs
    that never finished as failed. Returns what was done, for the log."""
    done = []
    with db.connect(layout.database) as con:
        committed = {
            run_id
            for (run_id,) in con.execute(
                "SELECT run_id FROM runs WHERE status IN ('loaded', 'completed')"
            ).fetchall()
        }
        latest = con.execute(
            "SELECT run_id FROM runs WHERE status IN ('loaded', 'completed') "
            "ORDER BY started_at DESC LIMIT 1"
        ).fetchall()
        current = lake.current_version(layout.lake_dir)
        if latest and (current is None or current.name != latest[0][0]):
            versions = {v.name: v for v in lake.version_dirs(layout.lake_dir)}
            if latest[0][0] in versions:
                lake.activate_version(layout.lake_dir, versions[latest[0][0]])
                done.append(f"rolled the Parquet lake forward to committed run {latest[0][0]}")
        for (run_id,) in con.execute(
            "SELECT run_id FROM runs WHERE status IN ('running', 'loaded') AND run_id <> ?",
            [current_run_id],
        ).fetchall():
            status = "completed" if run_id in committed else "failed"
            error = None if status == "completed" else "interrupted before its load committed"
            db.finish_run(con, run_id, dt.datetime.now(dt.UTC), status, {}, error)
            done.append(f"run {run_id} was interrupted; recorded as {status}")
    lake.collect_garbage(layout.lake_dir)
    shutil.rmtree(layout.warehouse_dir / "staging", ignore_errors=True)
    return done


@flow(name="unga-run", log_prints=False)
def run_pipeline(
    sources: list[str],
    data_dir: str,
    sessions: str | None = None,
    workers: int | None = None,
    reparse: bool = False,
    wait: bool = True,
    distributed: bool = False,
) -> RunSummary:
    """One run; a second run on the same data directory waits for the first (or, with
    wait=False, fails at once with a clear message)."""
    layout = Layout(Path(data_dir).resolve())
    logger = get_run_logger()
    with warehouse_lock(layout.lock_path, wait=wait, on_wait=logger.warning), startup_frozen():
        return _run_locked(layout, sources, sessions, workers, reparse, distributed)


@contextmanager
def startup_frozen() -> Iterator[None]:
    """Keep the objects that exist when the run starts out of the cyclic collector until it
    ends. Prefect leaves ~170k of them in this process, and one full collection of them took
    ~0.1 s: a third of an unchanged re-run of 5,296 documents, every run (measured). What the
    run itself allocates is still collected."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _run_locked(
    layout: Layout,
    sources: list[str],
    sessions: str | None,
    workers: int | None,
    reparse: bool,
    distributed: bool,
) -> RunSummary:
    started = time.perf_counter()
    run_id = _run_id()
    loaded_at = dt.datetime.now(dt.UTC)
    # The warehouse opens and records the run in a thread while the flow lands the sources:
    # DuckDB starting its database instance (15-30 ms) mostly leaves the GIL to the landing
    # (unchanged 1x re-runs, five alternating pairs: 0.155-0.181 s -> 0.134-0.161 s).
    with ThreadPoolExecutor(1, thread_name_prefix="unga-open") as thread:
        opening = thread.submit(_open_run, layout.database, run_id, loaded_at, sources, sessions)
        try:
            return _run(
                layout,
                opening,
                started,
                run_id,
                loaded_at,
                sources,
                sessions,
                workers,
                reparse,
                distributed,
            )
        finally:
            if opening.exception() is None:
                opening.result().close()


def _open_run(
    database: Path,
    run_id: str,
    started_at: dt.datetime,
    sources: list[str],
    sessions: str | None,
) -> duckdb.DuckDBPyConnection:
    """The run's connection, its `running` row recorded. Held open for the run: DuckDB reuses
    an open database for every other connect to it in the process (0.4 ms, not 25-30 ms; four
    of those were half of an unchanged re-run). Closed early when the load runs in a process
    of its own, which needs the file's lock."""
    held = db.connect(database)
    try:
        db.ensure_schema(held)
        db.start_run(held, run_id, started_at, sources, sessions, PARSER_VERSION)
    except BaseException:
        held.close()
        raise
    return held


def _run(
    layout: Layout,
    opening: Future[duckdb.DuckDBPyConnection],
    started: float,
    run_id: str,
    loaded_at: dt.datetime,
    sources: list[str],
    sessions: str | None,
    workers: int | None,
    reparse: bool,
    distributed: bool,
) -> RunSummary:
    logger = get_run_logger()
    wanted_sessions = parse_sessions(sessions)
    phases = dict.fromkeys(("start", "recover", "land", "plan", "parse", "load"), 0.0)
    clock = _PhaseClock(phases)
    workers = workers or os.cpu_count() or 1
    staging_dir = layout.staging_dir(run_id)
    try:
        with process_pool(1 if distributed else workers) as pool:
            with clock("land"):
                landed, problems = fetch_and_land(
                    sources, layout.raw_dir, wanted_sessions, quote(pool)
                )
            with clock("start"):  # what opening the warehouse has left to do
                held = opening.result()
            with clock("recover"):
                for message in recover_interrupted_runs(layout, run_id):
                    logger.warning(message)
            failpoint("after-land")
            with clock("plan"):
                plan = plan_work(quote(landed), layout.database, wanted_sessions, reparse)
            batches = split_batches(plan.to_parse, workers)
            pooled = pool is not None and len(batches) > 1
            with loader_process(pooled) as loader:
                with clock("parse"):
                    results = parse_all(
                        batches, staging_dir, run_id, loaded_at, wanted_sessions, pool, distributed
                    )
                with clock("load"):
                    inserted, loaded_uris, rejects = _load(
                        layout,
                        held,
                        staging_dir,
                        run_id,
                        loaded_at,
                        plan,
                        results,
                        problems,
                        pool if pooled else None,
                        loader,
                    )
    except BaseException as error:
        if opening.exception() is None:  # the run is recorded: record how it ended
            with db.connect(layout.database) as con:
                db.record_failure(
                    con, run_id, dt.datetime.now(dt.UTC), f"{type(error).__name__}: {error}"
                )
        raise

    rejected = [(r["source_uri"], r["stage"], r["error"]) for r in rejects]
    changed = sum(1 for uri in loaded_uris if uri in plan.changed_uris)
    with db.connect(layout.database) as con:
        totals = db.table_counts(con)
        summary = RunSummary(
            run_id=run_id,
            data_dir=str(layout.data_dir),
            seen=len(landed) + len(problems),
            new=len(loaded_uris) - changed - plan.reparsed,
            changed=changed,
            unchanged=len(plan.unchanged),
            reparsed=plan.reparsed,
            rejected=rejected,
            filtered_out=sum(r.filtered_out for r in results),
            rows_inserted=inserted,
            table_totals=totals,
            seconds=time.perf_counter() - started,
            phase_seconds=phases,
        )
        db.finish_run(con, run_id, dt.datetime.now(dt.UTC), "completed", summary.counts())
    create_markdown_artifact(
        key="unga-run-summary", markdown=render_markdown(summary), description="unga run summary"
    )
    logger.info("run %s: %s", run_id, summary.one_line())
    return summary


def _load(
    layout: Layout,
    held: duckdb.DuckDBPyConnection,
    staging_dir: Path,
    run_id: str,
    loaded_at: dt.datetime,
    plan: Plan,
    results: list[BatchResult],
    problems: list[SourceProblem],
    pool: ProcessPoolExecutor | None,
    loader: ProcessPoolExecutor | None,
) -> tuple[dict[str, int], list[str], list[dict]]:
    """Rows inserted per table, the sources loaded, and the run's `rejects` rows."""
    duplicates = dedupe_rejects(results, loaded_at)
    losers = {row["sha256"] for row in duplicates}
    loaded_uris = [uri for r in results for sha, uri in r.loaded if sha not in losers]
    rejects = [row for r in results for row in r.rejects] + duplicates
    rejects += [reject_row(p.source_uri, None, "fetch", p.error, loaded_at) for p in problems]
    if not (results or problems):  # every document unchanged: warehouse and lake stay as they are
        return dict.fromkeys(db.LOADED_TABLES, 0), loaded_uris, rejects
    if loader is not None:
        held.close()  # the loader process opens the warehouse: DuckDB locks the file per process
    inserted = load_warehouse(
        layout,
        staging_dir,
        quote(results),
        quote(plan),
        quote(rejects),
        quote(losers),
        run_id,
        quote(pool),
        quote(loader),
    )
    return inserted, loaded_uris, rejects


class _PhaseClock:
    """`with clock("parse"):` adds the block's wall time to phases['parse']."""

    def __init__(self, phases: dict[str, float]) -> None:
        self.phases = phases

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.phases[name] = self.phases.get(name, 0.0) + time.perf_counter() - started


def _run_id() -> str:
    """The Prefect flow-run id when there is one, so rows and Prefect's history line up."""
    try:
        return str(get_run_context().flow_run.id)
    except MissingContextError:  # the flow's function called directly, as in unit tests
        return uuid.uuid4().hex
