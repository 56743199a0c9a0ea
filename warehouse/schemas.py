"""One pyarrow schema per warehouse table: the single source of truth for Parquet and DuckDB.

The Parquet datasets are hive-partitioned by `session`, so `session` is a column of every
per-resolution table; the DuckDB tables are created from these schemas (see `warehouse.ddl`).
"""

from __future__ import annotations

import pyarrow as pa

_STR = pa.string()
_INT = pa.int32()
_DATE = pa.date32()
_TS = pa.timestamp("us", tz="UTC")
_STR_LIST = pa.list_(pa.string())


def _key() -> list[pa.Field]:
    """Every row names its resolution and the document version (sha256) it came from."""
    return [
        pa.field("symbol", _STR, nullable=False),
        pa.field("language", _STR, nullable=False),
        pa.field("session", _INT, nullable=False),
        pa.field("sha256", _STR, nullable=False),
    ]


RESOLUTIONS = pa.schema(
    [
        *_key(),
        pa.field("session_kind", _STR, nullable=False),
        pa.field("number", _STR, nullable=False),
        pa.field("title", _STR, nullable=False),
        pa.field("adopted_on", _DATE),
        pa.field("meeting", _INT),
        pa.field("committee", _STR),
        pa.field("origin_documents", _STR_LIST),
        pa.field("agenda_items", _STR_LIST),
        pa.field("distributed_on", _DATE),
        pa.field("job_number", _STR),
        pa.field("adoption", _STR),
        pa.field("votes_yes", _INT),
        pa.field("votes_no", _INT),
        pa.field("votes_abstain", _INT),
        pa.field("n_preambular", _INT, nullable=False),
        pa.field("n_operative", _INT, nullable=False),
        pa.field("source_format", _STR, nullable=False),
        pa.field("source_uri", _STR, nullable=False),
        pa.field("parser_version", _STR, nullable=False),
        pa.field("loaded_at", _TS, nullable=False),
    ]
)

PARAGRAPHS = pa.schema(
    [
        *_key(),
        pa.field("seq", _INT, nullable=False),
        pa.field("part", _STR, nullable=False),
        pa.field("number", _STR),
        pa.field("lead", _STR),
        pa.field("text", _STR, nullable=False),
        pa.field("footnote_markers", _STR_LIST),
    ]
)

FOOTNOTES = pa.schema(
    [*_key(), pa.field("marker", _STR, nullable=False), pa.field("text", _STR, nullable=False)]
)

CITATIONS = pa.schema(
    [
        *_key(),
        pa.field("paragraph_seq", _INT),
        pa.field("footnote_marker", _STR),
        pa.field("cited_symbol", _STR, nullable=False),
        pa.field("kind", _STR, nullable=False),
        pa.field("raw", _STR, nullable=False),
        pa.field("cited_date", _DATE),
    ]
)

VOTES = pa.schema(
    [
        *_key(),
        pa.field("member_state", _STR, nullable=False),
        pa.field("vote", _STR, nullable=False),
    ]
)

SPONSORS = pa.schema(
    [
        *_key(),
        pa.field("member_state", _STR, nullable=False),
        pa.field("role", _STR, nullable=False),
    ]
)

ANNEXES = pa.schema(
    [
        *_key(),
        pa.field("seq", _INT, nullable=False),
        pa.field("title", _STR),
        pa.field("text", _STR, nullable=False),
    ]
)

# Tables keyed by (symbol, language): a changed document replaces all of their rows at once.
RESOLUTION_TABLES: dict[str, pa.Schema] = {
    "resolutions": RESOLUTIONS,
    "paragraphs": PARAGRAPHS,
    "footnotes": FOOTNOTES,
    "citations": CITATIONS,
    "votes": VOTES,
    "sponsors": SPONSORS,
    "annexes": ANNEXES,
}

# Bookkeeping tables, in DuckDB only.
DOCUMENTS = pa.schema(
    [
        pa.field("sha256", _STR, nullable=False),
        pa.field("source_uri", _STR, nullable=False),
        pa.field("landed_path", _STR, nullable=False),
        pa.field("source_format", _STR, nullable=False),
        pa.field("language", _STR, nullable=False),
        pa.field("symbols", _STR_LIST),
        pa.field("parser_version", _STR, nullable=False),
        pa.field("loaded_at", _TS, nullable=False),
    ]
)

REJECTS = pa.schema(
    [
        pa.field("source_uri", _STR, nullable=False),
        pa.field("sha256", _STR),
        pa.field("stage", _STR, nullable=False),
        pa.field("error", _STR, nullable=False),
        pa.field("parser_version", _STR, nullable=False),
        pa.field("seen_at", _TS, nullable=False),
    ]
)

RUNS = pa.schema(
    [
        pa.field("run_id", _STR, nullable=False),  # the Prefect flow-run id
        pa.field("started_at", _TS, nullable=False),
        pa.field("finished_at", _TS),
        # running -> loaded (DuckDB committed, in the load's transaction) -> completed | failed
        pa.field("status", _STR, nullable=False),
        pa.field("sources", _STR_LIST),
        pa.field("sessions", _STR),
        pa.field("documents_seen", _INT),
        pa.field("documents_new", _INT),
        pa.field("documents_changed", _INT),
        pa.field("documents_unchanged", _INT),
        pa.field("documents_rejected", _INT),
        pa.field("rows_written", pa.int64()),
        pa.field("parser_version", _STR, nullable=False),
        pa.field("error", _STR),
    ]
)

BOOKKEEPING_TABLES: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "rejects": REJECTS,
    "runs": RUNS,
}

ALL_TABLES: dict[str, pa.Schema] = {**RESOLUTION_TABLES, **BOOKKEEPING_TABLES}
