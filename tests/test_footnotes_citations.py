"""Footnote-marker detachment and citation extraction, table-driven."""

from __future__ import annotations

import datetime as dt

import pytest

from transforms.citations import extract_citations, footnote_citations
from transforms.footnotes import detach_markers

DETACH = [
    # (texts in reading order, the document's footnotes, cleaned texts, markers per text)
    (["the Secretary-General,1"], ["1"], ["the Secretary-General,"], [["1"]]),
    (["report,1", "Neighbouring States,2 as a tool"], ["1", "2"],
     ["report,", "Neighbouring States, as a tool"], [["1"], ["2"]]),
    (["the 1951 Convention1 and the 1967 Protocol2 relating"], ["1", "2"],
     ["the 1951 Convention and the 1967 Protocol relating"], [["1", "2"]]),
    (["of Refugees;1"], ["1"], ["of Refugees;"], [["1"]]),
    (["resolution 56/134 of 2001,"], ["1"], ["resolution 56/134 of 2001,"], [[]]),
    (["at its fifth meeting"], ["5"], ["at its fifth meeting"], [[]]),
    (["some 1,500 persons"], ["1", "500"], ["some 1,500 persons"], [[]]),
    (["article 2.4 of the Charter"], ["1", "2", "3", "4"], ["article 2.4 of the Charter"], [[]]),
    (["COVID-19 pandemic"], ["19"], ["COVID-19 pandemic"], [[]]),
    (["the report,7", "Convention1", "Protocol2"], [str(n) for n in range(1, 8)],
     ["the report,7", "Convention", "Protocol"], [[], ["1"], ["2"]]),  # 7 before 1: not a marker
    (["no footnotes,1 here"], [], ["no footnotes,1 here"], [[]]),
    (["a,1", "b,2", "c,1"], ["1", "2"], ["a,", "b,", "c,"], [["1"], ["2"], ["1"]]),
    (["the “Programme”1 of Action"], ["1"], ["the “Programme” of Action"], [["1"]]),
    # 1. punctuation after a number: a marker unless it continues the number
    (["its resolution 56/134,1"], ["1"], ["its resolution 56/134,"], [["1"]]),
    (["Peoples for 2020,1 and"], ["1"], ["Peoples for 2020, and"], [["1"]]),
    (["of 26 June 2019;1"], ["1"], ["of 26 June 2019;"], [["1"]]),
    (["adopted in 2019.1 The Assembly"], ["1"], ["adopted in 2019. The Assembly"], [["1"]]),
    (["its resolution 56/134.1"], ["1"], ["its resolution 56/134."], [["1"]]),
    (["the 2019:1 report"], ["1"], ["the 2019: report"], [["1"]]),
    (["some 10,000 and 2,500,000 persons"], ["500"], ["some 10,000 and 2,500,000 persons"], [[]]),
    (["a rise of 2.1 per cent"], ["1"], ["a rise of 2.1 per cent"], [[]]),
    (["grew by 100.1 per cent"], ["1"], ["grew by 100.1 per cent"], [[]]),
    (["indicator 3.4.1 of the Goals"], ["1"], ["indicator 3.4.1 of the Goals"], [[]]),
    (["meet at 10:30 a.m."], ["30"], ["meet at 10:30 a.m."], [[]]),
    # 2 and 6. tolerant order: skipped footnotes (a miss, the title, a table) cost little
    (["Convention1 and", "the report4 of", "the Protocol5"], ["1", "2", "3", "4", "5"],
     ["Convention and", "the report of", "the Protocol"], [["1"], ["4"], ["5"]]),
    (["the note by the Secretary-General2 on"], ["1", "2"],
     ["the note by the Secretary-General on"], [["2"]]),
    (["of 29 posts18 under"], [str(n) for n in range(1, 19)], ["of 29 posts under"], [["18"]]),
    (["for 2020,9 of"], [str(n) for n in range(1, 10)], ["for 2020,9 of"], [[]]),  # weaker glue
    (["the Group20 of", "Convention1", "Protocol2"], [str(n) for n in range(1, 21)],
     ["the Group20 of", "Convention", "Protocol"], [[], ["1"], ["2"]]),
    # 3. numbers of codes and document symbols are never markers
    (["decision 1/CMA.3 of the"], ["1", "2", "3"], ["decision 1/CMA.3 of the"], [[]]),
    (["decision C-SS-4/DEC.3 and"], ["1", "2", "3"], ["decision C-SS-4/DEC.3 and"], [[]]),
    (["document WT/L/508/Add.1"], ["1"], ["document WT/L/508/Add.1"], [[]]),
    (["resolution GC.18/Res.3 of"], ["1", "2", "3"], ["resolution GC.18/Res.3 of"], [[]]),
    (["in its Bulletin No.1 on"], ["1"], ["in its Bulletin No.1 on"], [[]]),
    (["see para.2 above"], ["1", "2"], ["see para.2 above"], [[]]),
    (["the U4 Anti-Corruption Resource Centre"], ["1", "2", "3", "4"],
     ["the U4 Anti-Corruption Resource Centre"], [[]]),
    (["the P5 and the G7"], [str(n) for n in range(1, 8)], ["the P5 and the G7"], [[]]),
    (["CO2 emissions"], ["1", "2"], ["CO2 emissions"], [[]]),
    (["the H5N1 virus"], ["1"], ["the H5N1 virus"], [[]]),
    (["PM2.5 and (GP2.0)"], ["1", "2"], ["PM2.5 and (GP2.0)"], [[]]),
    (["at COP1 in Berlin"], ["1"], ["at COP1 in Berlin"], [[]]),
    (["100 km2 of forest"], ["1", "2"], ["100 km2 of forest"], [[]]),
    (["IPv6 addresses"], [str(n) for n in range(1, 7)], ["IPv6 addresses"], [[]]),
    (["the UNAIDS1 strategy"], ["1"], ["the UNAIDS strategy"], [["1"]]),
    (["on HIV/AIDS1 and"], ["1"], ["on HIV/AIDS and"], [["1"]]),
    (["the NGOs1 and"], ["1"], ["the NGOs and"], [["1"]]),
    (["Additional Protocol II1 to"], ["1"], ["Additional Protocol II to"], [["1"]]),
    (["its resolution 56/210 B1 of 9 July"], ["1"], ["its resolution 56/210 B of 9 July"], [["1"]]),
    (["the Convention.1 The Assembly"], ["1"], ["the Convention. The Assembly"], [["1"]]),
    (["paragraph VIII.1 of the report"], ["1"], ["paragraph VIII.1 of the report"], [[]]),
    (["recommendation CM/Rec(2019)1 of"], ["1"], ["recommendation CM/Rec(2019)1 of"], [[]]),
    (["at its 144th1 session", "the 50-year2 contribution"], ["1", "2"],
     ["at its 144th session", "the 50-year contribution"], [["1"], ["2"]]),
    # 4. glued to the digits of a citation that cannot hold them: only as the next footnote
    (["resolutions 53/1171 of"], ["1"], ["resolutions 53/117 of"], [["1"]]),
    (["of 9 December 20011,"], ["1"], ["of 9 December 2001,"], [["1"]]),
    (["Reduction 2015\u201320301 and"], ["1"], ["Reduction 2015\u20132030 and"], [["1"]]),
    (["report,1 and Protocol,2", "Statute3 and Charter4", "Council resolution 49/245 of"], ["1", "2", "3", "4", "5"],
     ["report, and Protocol,", "Statute and Charter", "Council resolution 49/24 of"],
     [["1", "2"], ["3", "4"], ["5"]]),
    (["resolutions ES-10/151 and"], ["1"], ["resolutions ES-10/15 and"], [["1"]]),
    (["resolution 72/247 of 24 December 2017"], [str(n) for n in range(1, 8)],
     ["resolution 72/247 of 24 December 2017"], [[]]),
    (["Human Rights Council resolution 2/28"], [str(n) for n in range(1, 9)],
     ["Human Rights Council resolution 2/28"], [[]]),
    (["the ISO 20121 standard and No. 20011"], ["1"], ["the ISO 20121 standard and No. 20011"], [[]]),
    (["in December 20013"], ["1", "2", "3"], ["in December 20013"], [[]]),  # not the next one
    (["Convention1", "in December 20011"], ["1"], ["Convention", "in December 20011"], [["1"], []]),
    # 5. a number glued to a closing bracket is a marker, even after digits
    (["the (COVID-19)1 pandemic"], ["1"], ["the (COVID-19) pandemic"], [["1"]]),
    (["Regulations (2005)1 in"], ["1"], ["Regulations (2005) in"], [["1"]]),
    (["Convention, 1930 (No. 29)1,"], ["1"], ["Convention, 1930 (No. 29),"], [["1"]]),
]  # fmt: skip


@pytest.mark.parametrize(("texts", "notes", "cleaned", "markers"), DETACH)
def test_detach_markers(texts, notes, cleaned, markers) -> None:
    assert detach_markers(texts, notes) == (cleaned, markers)


def test_detach_markers_sequence() -> None:
    texts, markers = detach_markers(
        ["report,1", "Commissioner,2", "States,3 as", "Refugees;2", "Conference;3", "Convention4 and Protocol5"],
        ["1", "2", "3", "4", "5"],
    )  # fmt: skip
    assert markers == [["1"], ["2"], ["3"], ["2"], ["3"], ["4", "5"]]
    assert texts[5] == "Convention and Protocol"


def test_detach_markers_repeat_is_recent() -> None:
    """A repeat refers to a recent footnote; a far one glued to a word is the text's own."""
    texts = [f"Convention{n}" for n in range(1, 16)] + ["Protocol14 and", "making1 more"]
    cleaned, markers = detach_markers(texts, [str(n) for n in range(1, 16)])
    assert markers[-2:] == [["14"], []]
    assert cleaned[-2:] == ["Protocol and", "making1 more"]


CITATIONS = [
    ("its resolution 74/93 of 13 December 2019,", [("A/RES/74/93", "resolution", dt.date(2019, 12, 13))]),
    ("resolutions 48/113 and 49/173", [("A/RES/48/113", "resolution", None), ("A/RES/49/173", "resolution", None)]),
    ("resolution 1970 (XVIII) of 16 December 1963", [("A/RES/1970 (XVIII)", "resolution", dt.date(1963, 12, 16))]),
    ("Security Council resolution 1325 (2000)", [("S/RES/1325 (2000)", "resolution", None)]),
    ("resolution ES-10/14 of 8 December 2003", [("A/RES/ES-10/14", "resolution", dt.date(2003, 12, 8))]),
    ("resolution 60/1 A", [("A/RES/60/1 A", "resolution", None)]),
    ("its decision 57/512", [("A/DEC/57/512", "decision", None)]),
    ("Economic and Social Council resolution 2003/5", [("E/RES/2003/5", "resolution", None)]),
    ("Human Rights Council resolution 5/1", [("A/HRC/RES/5/1", "resolution", None)]),
    ("the report of the Secretary-General (A/58/281)", [("A/58/281", "document", None)]),
    ("A/C.3/58/L.5 and A/73/L.8/Add.1.", [("A/C.3/58/L.5", "document", None), ("A/73/L.8/Add.1", "document", None)]),
    ("document E/CN.4/2003/12", [("E/CN.4/2003/12", "document", None)]),
    ("A/RES/58/154", [("A/RES/58/154", "resolution", None)]),
    ("United Nations, Treaty Series, vol. 189, No. 2545.", [("UNTS vol. 189 No. 2545", "treaty", None)]),
    ("between 2/3 of the members", []),
    ("in 1951 and 1967", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CITATIONS, ids=[c[0][:40] for c in CITATIONS])
def test_extract_citations(text: str, expected) -> None:
    got = [(c.cited_symbol, c.kind, c.cited_date) for c in extract_citations(text, paragraph_seq=3)]
    assert got == expected


def test_ibid_resolves_to_previous_footnote() -> None:
    citations = footnote_citations(
        [("1", "A/58/281."), ("2", "Ibid., para. 4."), ("3", "Official Records (A/58/12).")]
    )
    assert [(c.footnote_marker, c.cited_symbol) for c in citations] == [
        ("1", "A/58/281"),
        ("2", "A/58/281"),
        ("3", "A/58/12"),
    ]
