"""The structured form of one General Assembly resolution, shared by every source format.

Every parser (ODS text, AKN XML, PDF) returns a `Resolution`; the warehouse turns it into rows.
All containers are tuples so that the dataclasses are frozen and hashable all the way down.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar, Literal

SessionKind = Literal["regular", "special", "emergency_special"]
Part = Literal["preamble", "operative"]
Adoption = Literal["without_vote", "recorded_vote"]
CitationKind = Literal["resolution", "decision", "document", "treaty"]
VoteValue = Literal["yes", "no", "abstain", "non_voting"]
SponsorRole = Literal["main", "additional"]
SourceFormat = Literal["ods_text", "akn_xml", "pdf"]


class ParseError(ValueError):
    """The input is not a resolution this parser can read; the message is meant for a person."""

    # ClassVar: compiled by mypyc, a plain class attribute would not reach the instances
    stage: ClassVar[str] = "parse"


class DecodeError(ParseError):
    """The bytes cannot be turned into text with confidence (binary, damaged, unknown encoding)."""

    stage: ClassVar[str] = "decode"


@dataclass(frozen=True, slots=True)
class Paragraph:
    seq: int  # 1-based over the whole document (preamble then operative)
    part: Part
    number: str | None  # '1', '2', ... for operative paragraphs; None in the preamble
    lead: str | None  # the italicised lead phrase as printed: 'Recalling also', 'Calls upon'
    text: str  # full paragraph text, footnote markers removed, whitespace normalised
    footnote_markers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Footnote:
    marker: str
    text: str


@dataclass(frozen=True, slots=True)
class Citation:
    cited_symbol: str  # normalised: 'A/RES/48/113', 'A/58/281', 'S/RES/1325 (2000)'
    kind: CitationKind
    raw: str  # the text as it appears in the source
    paragraph_seq: int | None = None  # None when cited from a footnote
    footnote_marker: str | None = None
    cited_date: dt.date | None = None  # '48/113 of 20 December 1993' -> 1993-12-20


@dataclass(frozen=True, slots=True)
class Vote:
    member_state: str
    vote: VoteValue


@dataclass(frozen=True, slots=True)
class Sponsor:
    member_state: str
    role: SponsorRole


@dataclass(frozen=True, slots=True)
class Annex:
    seq: int
    title: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Resolution:
    symbol: str  # 'A/RES/58/154'; a part of a multi-part resolution: 'A/RES/75/290 A'
    session_kind: SessionKind
    session: int
    number: str  # '154' (with the part letter for a part: '290 A')
    title: str
    language: str = "en"
    adopted_on: dt.date | None = None
    meeting: int | None = None
    committee: str | None = None
    origin_documents: tuple[str, ...] = ()
    agenda_items: tuple[str, ...] = ()
    distributed_on: dt.date | None = None
    job_number: str | None = None
    adoption: Adoption | None = None
    votes_yes: int | None = None
    votes_no: int | None = None
    votes_abstain: int | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    citations: tuple[Citation, ...] = ()
    votes: tuple[Vote, ...] = ()
    sponsors: tuple[Sponsor, ...] = ()
    annexes: tuple[Annex, ...] = ()
    source_format: SourceFormat = "ods_text"
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @property
    def n_preambular(self) -> int:
        return sum(1 for p in self.paragraphs if p.part == "preamble")

    @property
    def n_operative(self) -> int:
        return sum(1 for p in self.paragraphs if p.part == "operative")
