"""Parsing one batch of landed documents into staged Parquet files.

Kept free of Prefect so that the parse pool's worker processes start fast: they import only
this module, `transforms` and `warehouse` (pyarrow, lxml).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from flows.sources import LandedDocument
from transforms import PARSER_VERSION
from transforms.documents import parse_document, sniff_format
from transforms.model import ParseError
from warehouse import lake
from warehouse.failpoints import failpoint
from warehouse.rows import ParsedDocument, ResolutionColumns


@dataclass(slots=True)
class BatchResult:
    """What the flow needs to know about a parsed batch (its rows are in the staged files)."""

    name: str  # the batch's staged files are `<table>/session=N/<name>.parquet`
    # (sha256, source_uri) of each document with resolutions staged; its `documents` row is
    # staged too (`documents/<name>.parquet`), so the flow does not hold the rows of the run
    loaded: list[tuple[str, str]] = field(default_factory=list)
    rejects: list[dict] = field(default_factory=list)  # rows of the `rejects` table
    # (symbol, language, session, sha256) of every resolution staged
    keys: list[tuple[str, str, int, str]] = field(default_factory=list)
    filtered_out: int = 0  # resolutions outside --sessions


def parse_and_stage(
    batch: list[LandedDocument],
    staging_dir: Path,
    batch_name: str,
    loaded_at: dt.datetime,
    sessions: set[int] | None,
) -> BatchResult:
    result = BatchResult(batch_name)
    columns = ResolutionColumns()
    documents: list[dict] = []
    for document in batch:
        data = Path(document.landed_path).read_bytes()
        try:
            resolutions = parse_document(data)
        except ParseError as error:
            result.rejects.append(
                reject_row(document.source_uri, document.sha256, error.stage, str(error), loaded_at)
            )
            continue
        except Exception as error:  # a parser bug must not stop the other documents
            message = f"internal parser error ({type(error).__name__}: {error})"
            result.rejects.append(
                reject_row(document.source_uri, document.sha256, "parse", message, loaded_at)
            )
            continue
        kept = [r for r in resolutions if sessions is None or r.session in sessions]
        result.filtered_out += len(resolutions) - len(kept)
        if not kept:
            continue
        for resolution in kept:
            columns.add(
                ParsedDocument(
                    resolution, document.source_uri, document.sha256, PARSER_VERSION, loaded_at
                )
            )
        result.keys += [(r.symbol, r.language, r.session, document.sha256) for r in kept]
        result.loaded.append((document.sha256, document.source_uri))
        documents.append(
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
    lake.write_batch(columns.tables(), staging_dir, batch_name)
    lake.write_staged_documents(documents, staging_dir, batch_name)
    failpoint("mid-parse")
    return result


def reject_row(
    source_uri: str, sha256: str | None, stage: str, error: str, seen_at: dt.datetime
) -> dict:
    """A row of the `rejects` table (sha256 is None when the bytes were never obtained)."""
    return {
        "source_uri": source_uri,
        "sha256": sha256,
        "stage": stage,
        "error": error,
        "parser_version": PARSER_VERSION,
        "seen_at": seen_at,
    }
