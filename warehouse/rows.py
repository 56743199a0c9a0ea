"""Resolutions -> Arrow tables, one per warehouse table, typed by `warehouse.schemas`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pyarrow as pa

from transforms.model import Resolution
from warehouse import schemas


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """A resolution with the provenance of the document it came from."""

    resolution: Resolution
    source_uri: str
    sha256: str
    parser_version: str
    loaded_at: dt.datetime


def resolution_tables(documents: Sequence[ParsedDocument]) -> dict[str, pa.Table]:
    rows: dict[str, list[dict]] = {name: [] for name in schemas.RESOLUTION_TABLES}
    for document in documents:
        r = document.resolution
        key = {
            "symbol": r.symbol,
            "language": r.language,
            "session": r.session,
            "sha256": document.sha256,
        }
        rows["resolutions"].append(
            {
                **key,
                "session_kind": r.session_kind,
                "number": r.number,
                "title": r.title,
                "adopted_on": r.adopted_on,
                "meeting": r.meeting,
                "committee": r.committee,
                "origin_documents": list(r.origin_documents),
                "agenda_items": list(r.agenda_items),
                "distributed_on": r.distributed_on,
                "job_number": r.job_number,
                "adoption": r.adoption,
                "votes_yes": r.votes_yes,
                "votes_no": r.votes_no,
                "votes_abstain": r.votes_abstain,
                "n_preambular": r.n_preambular,
                "n_operative": r.n_operative,
                "source_format": r.source_format,
                "source_uri": document.source_uri,
                "parser_version": document.parser_version,
                "loaded_at": document.loaded_at,
            }
        )
        rows["paragraphs"] += [
            {
                **key,
                "seq": p.seq,
                "part": p.part,
                "number": p.number,
                "lead": p.lead,
                "text": p.text,
                "footnote_markers": list(p.footnote_markers),
            }
            for p in r.paragraphs
        ]
        rows["footnotes"] += [{**key, "marker": f.marker, "text": f.text} for f in r.footnotes]
        rows["citations"] += [
            {
                **key,
                "paragraph_seq": c.paragraph_seq,
                "footnote_marker": c.footnote_marker,
                "cited_symbol": c.cited_symbol,
                "kind": c.kind,
                "raw": c.raw,
                "cited_date": c.cited_date,
            }
            for c in r.citations
        ]
        rows["votes"] += [{**key, "member_state": v.member_state, "vote": v.vote} for v in r.votes]
        rows["sponsors"] += [
            {**key, "member_state": s.member_state, "role": s.role} for s in r.sponsors
        ]
        rows["annexes"] += [
            {**key, "seq": a.seq, "title": a.title, "text": a.text} for a in r.annexes
        ]
    return {
        name: pa.Table.from_pylist(rows[name], schema=schema)
        for name, schema in schemas.RESOLUTION_TABLES.items()
    }
