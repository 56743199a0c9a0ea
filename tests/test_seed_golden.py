"""Golden test: every field of A/RES/58/154 from its ODS export, as the issue lists them."""

from __future__ import annotations

import datetime as dt

import pytest

from transforms.model import Resolution
from transforms.ods import parse_ods_text

PREAMBLE_LEADS = [
    "Recalling", "Taking note", "Having considered", "Reaffirming", "Recognizing", "Recalling",
    "Recalling also", "Welcoming", "Welcoming also", "Reaffirming", "Noting with satisfaction",
    "Taking note", "Convinced", "Noting with concern", "Recalling", "Mindful",
]  # fmt: skip
OPERATIVE_LEADS = [
    "Takes note", "Calls upon", "Invites", "Calls upon", "Invites", "Invites", "Calls upon",
    "Invites", "Welcomes", "Encourages", "Emphasizes", "Recognizes", "Requests", "Decides",
]  # fmt: skip
TITLE = (
    "Follow-up to the Regional Conference to Address the Problems of Refugees, Displaced "
    "Persons, Other Forms of Involuntary Displacement and Returnees in the Countries of the "
    "Commonwealth of Independent States and Relevant Neighbouring States"
)


@pytest.fixture(scope="module")
def seed(seed_text: str) -> Resolution:
    (resolution,) = parse_ods_text(seed_text)
    return resolution


def test_metadata(seed: Resolution) -> None:
    assert seed.symbol == "A/RES/58/154"
    assert (seed.session, seed.session_kind, seed.number, seed.language) == (
        58,
        "regular",
        "154",
        "en",
    )
    assert seed.title == TITLE
    assert seed.adopted_on == dt.date(2003, 12, 22)
    assert seed.meeting == 77
    assert seed.committee == "Third Committee"
    assert seed.origin_documents == ("A/58/503",)
    assert seed.agenda_items == ("112",)
    assert seed.distributed_on == dt.date(2004, 2, 24)
    assert seed.job_number == "03-50382"
    assert seed.adoption is None
    assert (seed.votes_yes, seed.votes_no, seed.votes_abstain) == (None, None, None)
    assert seed.source_format == "ods_text"


def test_paragraphs(seed: Resolution) -> None:
    assert (seed.n_preambular, seed.n_operative) == (16, 14)
    preamble = [p for p in seed.paragraphs if p.part == "preamble"]
    operative = [p for p in seed.paragraphs if p.part == "operative"]
    assert [p.lead for p in preamble] == PREAMBLE_LEADS
    assert [p.lead for p in operative] == OPERATIVE_LEADS
    assert [p.seq for p in seed.paragraphs] == list(range(1, 31))
    assert [p.number for p in operative] == [str(n) for n in range(1, 15)]
    assert all(p.number is None for p in preamble)
    assert all(p.text.startswith(p.lead) for p in seed.paragraphs)
    assert operative[12].text == (
        "Requests the Secretary-General to report to the General Assembly at its sixtieth "
        "session on the progress achieved in the implementation of activities undertaken in "
        "follow-up to the Programme of Action;"
    )


def test_footnote_markers_are_detached_and_linked(seed: Resolution) -> None:
    by_seq = {p.seq: p for p in seed.paragraphs}
    assert by_seq[2].text.endswith("the report of the Secretary-General,")
    assert by_seq[4].text.endswith(
        "Relevant Neighbouring States, as a basic guiding tool for future activities,"
    )
    assert "1951 Convention and the 1967 Protocol relating" in by_seq[19].text
    links = {p.seq: p.footnote_markers for p in seed.paragraphs if p.footnote_markers}
    assert links == {2: ("1",), 3: ("2",), 4: ("3",), 17: ("2",), 18: ("3",), 19: ("4", "5")}
    # numbers that belong to the text stay
    assert "resolutions 48/113 of 20 December 1993" in by_seq[1].text
    assert "56/134 of 19 December 2001," in by_seq[1].text
    assert "at its fifth meeting" in by_seq[6].text


def test_footnotes(seed: Resolution) -> None:
    assert [(f.marker, f.text) for f in seed.footnotes] == [
        ("1", "A/58/281."),
        ("2", "Official Records of the General Assembly, Fifty-eighth Session, Supplement No. 12 (A/58/12)."),
        ("3", "A/51/341 and Corr.1, appendix."),
        ("4", "United Nations, Treaty Series, vol. 189, No. 2545."),
        ("5", "Ibid., vol. 606, No. 8791."),
    ]  # fmt: skip


def test_citations(seed: Resolution) -> None:
    resolutions = [
        (c.cited_symbol, c.cited_date, c.paragraph_seq)
        for c in seed.citations
        if c.kind == "resolution"
    ]
    assert resolutions == [
        ("A/RES/48/113", dt.date(1993, 12, 20), 1),
        ("A/RES/49/173", dt.date(1994, 12, 23), 1),
        ("A/RES/50/151", dt.date(1995, 12, 21), 1),
        ("A/RES/51/70", dt.date(1996, 12, 12), 1),
        ("A/RES/52/102", dt.date(1997, 12, 12), 1),
        ("A/RES/53/123", dt.date(1998, 12, 9), 1),
        ("A/RES/54/144", dt.date(1999, 12, 17), 1),
        ("A/RES/56/134", dt.date(2001, 12, 19), 1),
    ]
    others = [
        (c.footnote_marker, c.kind, c.cited_symbol)
        for c in seed.citations
        if c.kind != "resolution"
    ]
    assert others == [
        ("1", "document", "A/58/281"),
        ("2", "document", "A/58/12"),
        ("3", "document", "A/51/341"),
        ("4", "treaty", "UNTS vol. 189 No. 2545"),
        ("5", "treaty", "UNTS vol. 606 No. 8791"),
    ]


def test_crlf_and_bom_give_the_same_resolution(seed_text: str, seed: Resolution) -> None:
    variant = "\ufeff" + seed_text.replace("\n", "\r\n")
    assert parse_ods_text(variant) == (seed,)
