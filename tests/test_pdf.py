"""PDF as a source format: golden values of four real resolutions, the seed rebuilt as a PDF,
and hostile inputs that must be rejected with a reason."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import time
from pathlib import Path

import pytest

from tests.support.pdf_fixtures import (
    PdfDoc,
    PdfParagraph,
    build_resolution_pdf,
    encrypted_pdf,
    image_only_pdf,
    many_pages_pdf,
    seed_document,
    text_pdf,
)
from transforms.model import ParseError, Resolution
from transforms.ods import parse_ods_text
from transforms.pdf import MAX_BYTES, MAX_PAGES, parse_pdf

PDF_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pdf"


def _real(name: str) -> Resolution:
    path = PDF_CORPUS / "73" / name
    if not path.is_file():
        pytest.skip(f"real PDF corpus not available at {PDF_CORPUS} (it lives beside the project)")
    (resolution,) = parse_pdf(path.read_bytes())
    return resolution


def _leads(resolution: Resolution, part: str) -> list[str | None]:
    return [p.lead for p in resolution.paragraphs if p.part == part]


def _links(resolution: Resolution) -> dict[int, tuple[str, ...]]:
    return {p.seq: p.footnote_markers for p in resolution.paragraphs if p.footnote_markers}


def _cited(resolution: Resolution) -> set[tuple[str, int | None, str | None]]:
    return {(c.cited_symbol, c.paragraph_seq, c.footnote_marker) for c in resolution.citations}


def _no_furniture(resolution: Resolution, job: str) -> None:
    for paragraph in resolution.paragraphs:
        assert resolution.symbol not in paragraph.text
        assert job not in paragraph.text
        assert "  " not in paragraph.text and paragraph.text == paragraph.text.strip()


# --- golden: the four real PDFs -------------------------------------------------------------


@pytest.mark.corpus
def test_a_res_73_7() -> None:
    r = _real("A_RES_73_7-EN.pdf")
    assert (r.symbol, r.session_kind, r.session, r.number) == ("A/RES/73/7", "regular", 73, "7")
    assert r.title == "Report of the International Criminal Court"
    assert r.adopted_on == dt.date(2018, 10, 29)
    assert r.meeting == 28
    assert r.committee is None
    assert r.origin_documents == ("A/73/L.8", "A/73/L.8/Add.1")
    assert r.agenda_items == ("77",)
    assert r.distributed_on == dt.date(2018, 10, 31)
    assert r.job_number == "18-18142"
    assert r.source_format == "pdf"
    assert (r.n_preambular, r.n_operative) == (13, 28)
    assert _leads(r, "preamble") == [
        "Recalling", "Recalling also", "Recognizing", "Reiterating", "Emphasizing", "Convinced",
        "Acknowledging", "Recalling", "Expressing its appreciation", "Acknowledging", "Noting",
        "Welcoming", "Stressing",
    ]  # fmt: skip
    assert _leads(r, "operative") == [
        "Welcomes", "Also welcomes", "Further welcomes", "Notes", "Underlines", "Encourages",
        "Emphasizes", "Acknowledges", "Calls upon", "Welcomes", "Notes", "Recalls", "Recalls",
        "Recalls", "Emphasizes", "Invites", "Recalls", "Urges", "Emphasizes", "Encourages",
        "Continues", "Expresses its appreciation", "Encourages", "Recalls", "Acknowledges",
        "Takes note", "Encourages", "Invites",
    ]  # fmt: skip
    assert [p.number for p in r.paragraphs if p.part == "operative"] == [
        str(n) for n in range(1, 29)
    ]
    assert [(f.marker, f.text) for f in r.footnotes] == [
        ("1", "United Nations, Treaty Series, vol. 2187, No. 38544."),
        ("2", "A/58/874 and A/58/874/Add.1."),
        ("3", "Articles 10 and 13 of the Relationship Agreement."),
        ("4", "A/73/334."),
        ("5", "United Nations, Treaty Series, vol. 2271, No. 40446."),
        ("6", "Article 2, paragraph 3, of the Relationship Agreement."),
        ("7", "A/67/828 S/2013/210, annex."),
        ("8", "A/73/335."),
        (
            "9",
            "S/PRST/2013/2; see Resolutions and Decisions of the Security Council, "
            "1 August 2012–31 July 2013 (S/INF/68).",
        ),
    ]
    # footnote 1 is cited again on page 2; 9 sits on page 4 under paragraph 21
    assert _links(r) == {
        2: ("1",), 9: ("2",), 10: ("3",), 14: ("4",), 15: ("1",), 16: ("5",), 24: ("2",),
        25: ("6",), 26: ("7", "8"), 34: ("9",),
    }  # fmt: skip
    p2 = r.paragraphs[1]
    assert p2.text == (
        "Recalling also that the Rome Statute of the International Criminal Court reaffirms "
        "the purposes and principles of the Charter of the United Nations,"
    )
    assert "post-conflict societies" in r.paragraphs[4].text  # 'post-' + 'conflict'
    assert r.paragraphs[-1].text.endswith("at its seventy-fourth session.")  # 'seventy-' + …
    assert "Internati onal" not in " ".join(p.text for p in r.paragraphs)
    assert {
        ("A/RES/72/3", 1, None),
        ("A/RES/58/318", 10, None),
        ("UNTS vol. 2187 No. 38544", None, "1"),
        ("A/58/874/Add.1", None, "2"),
        ("S/PRST/2013/2", None, "9"),
    } <= _cited(r)
    _no_furniture(r, "18-18142")


@pytest.mark.corpus
def test_a_res_73_8() -> None:
    r = _real("A_RES_73_8-EN.pdf")
    assert (r.symbol, r.session, r.number) == ("A/RES/73/8", 73, "8")
    assert r.title == (
        "Necessity of ending the economic, commercial and financial embargo imposed by the "
        "United States of America against Cuba"
    )
    assert (r.adopted_on, r.meeting, r.committee) == (dt.date(2018, 11, 1), 30, None)
    assert r.origin_documents == ("A/73/L.3",)
    assert r.agenda_items == ("43",)
    assert (r.distributed_on, r.job_number) == (dt.date(2018, 11, 5), "18-18418")
    assert (r.n_preambular, r.n_operative) == (8, 5)
    assert _leads(r, "preamble") == [
        "Determined", "Reaffirming", "Recalling", "Concerned", "Taking note", "Recalling",
        "Recalling also", "Concerned",
    ]  # fmt: skip
    assert _leads(r, "operative") == [
        "Takes note", "Reiterates its call upon", "Once again urges", "Requests", "Decides",
    ]  # fmt: skip
    assert [(f.marker, f.text) for f in r.footnotes] == [("1", "A/73/85.")]
    assert _links(r) == {9: ("1",)}
    # paragraph 6 runs from page 1 to page 2 under the running header with the short title
    p6 = r.paragraphs[5]
    assert "57/11 of 12 November 2002, 58/7 of 4 November 2003" in p6.text
    assert p6.text.endswith("71/5 of 26 October 2016 and 72/4 of 1 November 2017,")
    assert "Latin America and the Caribbean" in r.paragraphs[2].text
    assert ("A/RES/47/19", 6, None) in _cited(r)
    assert ("A/RES/72/4", 9, None) in _cited(r)
    assert ("A/73/85", None, "1") in _cited(r)
    _no_furniture(r, "18-18418")


@pytest.mark.corpus
def test_a_res_73_6() -> None:
    r = _real("A_RES_73_6-EN.pdf")
    assert (r.symbol, r.session, r.number) == ("A/RES/73/6", 73, "6")
    assert r.title == (
        "Fiftieth anniversary of the first United Nations Conference on the Exploration and "
        "Peaceful Uses of Outer Space: space as a driver of sustainable development"
    )
    assert (r.adopted_on, r.meeting, r.committee) == (dt.date(2018, 10, 26), 26, None)
    assert r.origin_documents == ("A/73/L.6", "A/73/L.6/Add.1")
    assert r.agenda_items == ("30",)
    assert (r.distributed_on, r.job_number) == (dt.date(2018, 10, 31), "18-17962")
    assert (r.n_preambular, r.n_operative) == (25, 14)
    assert _leads(r, "preamble") == [
        "Recalling", "Recognizing", "Convinced", "Emphasizing", "Convinced",
        "Noting with satisfaction", "Recognizing", "Recognizing also", "Recognizing further",
        "Emphasizing", "Reiterating", "Stressing", "Convinced", "Seriously concerned",
        "Recognizing", "Mindful", "Reaffirming", "Mindful", "Convinced", "Acknowledging",
        "Reiterating", "Noting with satisfaction", "Noting with appreciation", "Emphasizing",
        "Welcoming",
    ]  # fmt: skip
    assert _leads(r, "operative") == [
        "Notes with appreciation", "Invites", "Acknowledges", "Encourages", "Encourages",
        "Emphasizes", "Reaffirms", "Emphasizes", "Expresses its conviction", "Encourages",
        "Encourages", "Emphasizes", "Urges", "Invites",
    ]  # fmt: skip
    assert [f.marker for f in r.footnotes] == ["1", "2", "3", "4", "5", "6"]
    assert r.footnotes[3].text == "See FCCC/CP/2015/10/Add.1, decision 1/CP.21, annex."
    # footnote 6 runs on from page 3 to page 4 without a marker
    assert r.footnotes[5].text.startswith("Related documents include A/AC.105/1129,")
    assert r.footnotes[5].text.endswith("A/AC.105/1180 and A/AC.105/1181.")
    assert _links(r) == {
        2: ("1",),
        5: ("2", "3", "4"),
        13: ("5",),
        23: ("6",),
        26: ("2",),
        29: ("2",),
    }
    text = " ".join(p.text for p in r.paragraphs)
    assert "capacity-building for the twenty-first century" in text  # both across line ends
    assert "including capacity-building activities for Member States" in text
    assert ("A/RES/51/122", 17, None) in _cited(r)
    assert ("A/AC.105/1181", None, "6") in _cited(r)
    _no_furniture(r, "18-17962")


@pytest.mark.corpus
def test_a_res_73_3_political_declaration() -> None:
    """One unnumbered operative paragraph adopting a declaration whose 53 numbered paragraphs
    follow (as the AKN parser reads the same layout); the declaration has no italic leads."""
    r = _real("A_RES_73_3-EN.pdf")
    assert (r.symbol, r.session, r.number) == ("A/RES/73/3", 73, "3")
    assert r.title == (
        "Political declaration of the high-level meeting of the General Assembly on the fight "
        "against tuberculosis"
    )
    assert (r.adopted_on, r.meeting, r.committee) == (dt.date(2018, 10, 10), 18, None)
    assert r.origin_documents == ("A/73/L.4",)
    assert r.agenda_items == ("129",)
    assert (r.distributed_on, r.job_number) == (dt.date(2018, 10, 18), "18-16895")
    assert (r.n_preambular, r.n_operative) == (0, 54)
    first = r.paragraphs[0]
    assert (first.part, first.number, first.lead) == ("operative", None, "Adopts")
    assert first.text.startswith("Adopts the following political declaration approved by")
    assert "We, Heads of State and Government" in first.text  # the declaration's opening
    assert "United to end tuberculosis" not in first.text  # a bold heading, not text
    assert [p.number for p in r.paragraphs[1:]] == [str(n) for n in range(1, 54)]
    assert _leads(r, "operative")[1:] == [None] * 53
    assert r.paragraphs[1].text.startswith("Reaffirm the 2030 Agenda for Sustainable Development,")
    assert [f.marker for f in r.footnotes] == [str(n) for n in range(1, 8)]
    assert r.footnotes[3].text == (
        "See Official Records of the General Assembly, Seventy-first Session, Supplement "
        "No. 53A and corrigendum (A/71/53/Add.1 and A/71/53/Add.1/Corr.1), chap. II."
    )
    assert _links(r) == {2: ("1", "2"), 3: ("3", "4", "5"), 4: ("6",), 24: ("7",)}
    text = " ".join(p.text for p in r.paragraphs)
    for compound in ("drug-resistant forms", "tuberculosis-associated deaths", "high-quality"):
        assert compound in text
    assert r.paragraphs[-1].text.endswith("at a high-level meeting in 2023.")
    assert {("A/RES/71/3", 3, None), ("A/RES/70/1", None, "1")} <= _cited(r)
    _no_furniture(r, "18-16895")


# --- the seed rebuilt as a PDF --------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_pair(seed_text: str) -> tuple[Resolution, Resolution, bytes]:
    (ods,) = parse_ods_text(seed_text)
    data = build_resolution_pdf(seed_document(seed_text, ods))
    (pdf,) = parse_pdf(data)
    return ods, pdf, data


def test_seed_pdf_has_the_layout_to_test(seed_pair: tuple[Resolution, Resolution, bytes]) -> None:
    from pdfminer.high_level import extract_text

    text = extract_text(__import__("io").BytesIO(seed_pair[2]))
    assert text.count("A/RES/58/154") >= 3  # cover and running headers
    assert "2/4" in text and "03-50382" in text  # running footers
    assert "internat-\nional" in text  # a word broken at a line end
    assert "senior-\nlevel" in text  # a compound broken at its own hyphen


def test_seed_pdf_parses_like_the_ods_export(
    seed_pair: tuple[Resolution, Resolution, bytes],
) -> None:
    ods, pdf, _ = seed_pair
    for name in (
        "symbol", "session_kind", "session", "number", "title", "adopted_on", "meeting",
        "committee", "origin_documents", "agenda_items", "distributed_on", "job_number",
        "footnotes", "citations", "annexes",
    ):  # fmt: skip
        assert getattr(pdf, name) == getattr(ods, name), name
    assert pdf.source_format == "pdf"
    assert [dataclasses.astuple(p) for p in pdf.paragraphs] == [
        dataclasses.astuple(p) for p in ods.paragraphs
    ]


def test_no_italics_falls_back_to_the_lead_grammar() -> None:
    doc = PdfDoc(
        symbol="A/RES/60/1",
        distributed="1 January 2006",
        session_line="Sixtieth session",
        agenda_line="Agenda items 40 and 45",
        job_line="05-12345 (E) 010106",
        adopted_line="Resolution adopted by the General Assembly on 20 December 2005",
        proponent="without reference to a Main Committee (A/60/L.2 and Add.1)",
        title_line="60/1. A test resolution",
        paragraphs=(
            PdfParagraph(None, None, "Recalling also its resolution 59/1,"),
            PdfParagraph("1", None, "Calls upon all States to act;"),
            PdfParagraph("2", None, "Decides to remain seized of the matter."),
        ),
        closing=("60th plenary meeting", "20 December 2005"),
        footnotes=(),
    )
    (r,) = parse_pdf(build_resolution_pdf(doc))
    assert [p.lead for p in r.paragraphs] == ["Recalling also", "Calls upon", "Decides"]
    assert r.origin_documents == ("A/60/L.2", "A/60/L.2/Add.1")
    assert r.agenda_items == ("40", "45")
    assert (r.meeting, r.committee, r.job_number) == (60, None, "05-12345")


# --- hostile PDFs -------------------------------------------------------------------------


def _rejects(data: bytes, reason: str) -> None:
    started = time.perf_counter()
    with pytest.raises(ParseError, match=reason):
        parse_pdf(data)
    assert time.perf_counter() - started < 2.0


def test_rejects_image_only() -> None:
    _rejects(image_only_pdf(), r"no text layer \(scanned image\?\)")


def test_rejects_encrypted() -> None:
    _rejects(encrypted_pdf(), "encrypted")


def test_rejects_truncated(seed_pair: tuple[Resolution, Resolution, bytes]) -> None:
    data = seed_pair[2]
    _rejects(data[: len(data) // 2], "not a readable PDF: ")
    _rejects(data[:-300], "not a readable PDF: ")


def test_rejects_garbage_with_a_pdf_header() -> None:
    _rejects(b"%PDF-1.7\n" + os.urandom(20_000), "not a readable PDF: ")
    _rejects(b"GIF89a" + os.urandom(100), "not a readable PDF: no %PDF header")


def test_rejects_too_many_pages() -> None:
    _rejects(many_pages_pdf(MAX_PAGES + 1), f"more than the {MAX_PAGES} allowed")


def test_rejects_too_large() -> None:
    _rejects(b"%PDF-1.7\n" + b"0" * MAX_BYTES, "more than the 50 MB allowed")


def test_rejects_a_pdf_that_is_not_a_resolution() -> None:
    _rejects(text_pdf(["Minutes of the meeting", "Item 1. Opening"]), "not a General Assembly")
