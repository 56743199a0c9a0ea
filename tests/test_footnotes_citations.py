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
    (["its resolution 56/134,1"], ["1"], ["its resolution 56/134,1"], [[]]),  # after a digit
    (["resolution 56/134 of 2001,"], ["1"], ["resolution 56/134 of 2001,"], [[]]),
    (["at its fifth meeting"], ["5"], ["at its fifth meeting"], [[]]),
    (["some 1,500 persons"], ["1", "500"], ["some 1,500 persons"], [[]]),
    (["article 2.4 of the Charter"], ["1", "2", "3", "4"], ["article 2.4 of the Charter"], [[]]),
    (["COVID-19 pandemic"], ["19"], ["COVID-19 pandemic"], [[]]),
    (["the report,7"], ["1", "7"], ["the report,7"], [[]]),  # 7 before 1: not a marker
    (["no footnotes,1 here"], [], ["no footnotes,1 here"], [[]]),
    (["a,1", "b,2", "c,1"], ["1", "2"], ["a,", "b,", "c,"], [["1"], ["2"], ["1"]]),
    (["the “Programme”1 of Action"], ["1"], ["the “Programme” of Action"], [["1"]]),
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
