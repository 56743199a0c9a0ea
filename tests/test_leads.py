"""split_lead: the italic lead phrase of a resolution paragraph, recovered from plain text."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transforms.leads import split_lead
from transforms.model import Part

PRE: Part = "preamble"
OP: Part = "operative"

CASES: list[tuple[Part, str, str | None]] = [
    # seed examples
    (PRE, "Recalling its resolutions 48/113 of 20 December 1993", "Recalling"),
    (PRE, "Taking note of the report", "Taking note"),
    (PRE, "Having considered the report", "Having considered"),
    (PRE, "Noting with satisfaction the efforts", "Noting with satisfaction"),
    (PRE, "Convinced of the necessity", "Convinced"),
    (PRE, "Mindful that adherence", "Mindful"),
    (PRE, "Noting with concern the decision", "Noting with concern"),
    (PRE, "Recalling also the Work Plan", "Recalling also"),
    (PRE, "Welcoming also the subregional", "Welcoming also"),
    (OP, "Takes note of the report", "Takes note"),
    (OP, "Calls upon the Governments", "Calls upon"),
    (OP, "Invites all States", "Invites"),
    (OP, "Requests the Secretary-General", "Requests"),
    (OP, "Decides to continue", "Decides"),
    # preamble: participles, adjectives and their modifiers
    (PRE, "Recognizing that human rights are a shared responsibility,", "Recognizing"),
    (PRE, "Reaffirming further that all human rights are universal,", "Reaffirming further"),
    (PRE, "Recalling in particular its resolution 70/1,", "Recalling in particular"),
    (PRE, "Noting with great concern the increase in violence,", "Noting with great concern"),
    (PRE, "Noting also with concern the persistent gaps,", "Noting also with concern"),
    (PRE, "Taking note with appreciation of the report,", "Taking note with appreciation"),
    (PRE, "Taking into account the needs of developing countries,", "Taking into account"),
    (PRE, "Bearing in mind that the Charter", "Bearing in mind"),
    (PRE, "Deeply concerned about the situation,", "Deeply concerned"),
    (PRE, "Gravely concerned also at the reports", "Gravely concerned also"),
    (PRE, "Aware of the importance of cooperation,", "Aware"),
    (PRE, "Guided by the purposes and principles of the Charter,", "Guided"),
    (PRE, "Cognizant of the responsibility", "Cognizant"),
    (PRE, "Desirous of promoting dialogue,", "Desirous"),
    (PRE, "Having also considered the note", "Having also considered"),
    (PRE, "Being gravely concerned at the loss of life,", "Being gravely concerned"),
    (PRE, "Expressing its deep concern at the situation,", "Expressing its deep concern"),
    (PRE, "Expressing appreciation for the work", "Expressing appreciation"),
    (PRE, "Reaffirming its commitment to the Charter,", "Reaffirming its commitment"),
    (PRE, "Reiterating its call upon all States", "Reiterating its call upon"),
    (PRE, "Welcoming in this regard the initiative", "Welcoming in this regard"),
    (PRE, "Looking forward to the conference,", "Looking forward"),
    (PRE, "Strongly condemning all acts of terrorism,", "Strongly condemning"),
    (PRE, "Recognizing and affirming the role of women,", "Recognizing and affirming"),
    (PRE, "Believing it necessary to act,", "Believing it necessary"),
    (PRE, "Recognizing, in this regard, the role of", "Recognizing"),
    # operative: -s verbs, pre-adverbs, particles and attitudes
    (OP, "Also requests the Secretary-General to report", "Also requests"),
    (OP, "Further decides to include the item", "Further decides"),
    (OP, "Strongly condemns all attacks", "Strongly condemns"),
    (OP, "Once again urges all States", "Once again urges"),
    (OP, "Calls once again upon Member States", "Calls once again upon"),
    (OP, "Calls for the immediate cessation", "Calls for"),
    (OP, "Expresses its appreciation to the Government", "Expresses its appreciation"),
    (OP, "Expresses the hope that", "Expresses the hope"),
    (OP, "Reiterates its request to the Secretary-General", "Reiterates its request"),
    (OP, "Reaffirms its strong support for the mandate", "Reaffirms its strong support"),
    (OP, "Notes with appreciation the efforts", "Notes with appreciation"),
    (OP, "Takes note with interest of the proposals", "Takes note with interest"),
    (OP, "Welcomes and encourages the efforts", "Welcomes and encourages"),
    (
        OP,
        "Deplores and condemns in the strongest terms all",
        "Deplores and condemns in the strongest terms",
    ),
    (OP, "Condemns unequivocally all acts", "Condemns unequivocally"),
    (OP, "Looks forward to the report", "Looks forward"),
    (OP, "Pays tribute to the personnel", "Pays tribute"),
    (OP, "Draws the attention of Member States", "Draws the attention"),
    (OP, "Remains deeply concerned about", "Remains deeply concerned"),
    (OP, "Continues to encourage Member States", "Continues to encourage"),
    (OP, "Considers it important to continue", "Considers it important"),
    (OP, "Encourages further efforts by States", "Encourages"),
    (OP, "Calls, in this context, for dialogue", "Calls"),
    (OP, "Reaffirms the importance of", "Reaffirms"),
    (OP, "Urges:", "Urges"),
    # no lead
    (OP, "(a) To continue its work", None),
    (OP, "the report of the Secretary-General", None),
    (OP, "“Recalling the Charter”", None),
    (OP, "2030 Agenda for Sustainable Development", None),
    (OP, "States should cooperate fully", None),
    (OP, "Estimates of expenditure for the biennium", None),
    (OP, "Representatives designated by Member States", None),
    (OP, "Developing creative partnerships", None),
    (OP, "The Secretary-General shall report", None),
    (OP, "Recognize the role of volunteers", None),
    (PRE, "", None),
    (OP, "  Decides to continue", None),
]


@pytest.mark.parametrize(("part", "text", "lead"), CASES)
def test_split_lead(part: Part, text: str, lead: str | None) -> None:
    assert split_lead(text, part) == (lead, text)


@given(st.text(), st.sampled_from(["preamble", "operative"]))
def test_lead_is_a_prefix(text: str, part: Part) -> None:
    lead, rest = split_lead(text, part)
    assert rest == text
    if lead is not None:
        assert lead and text.startswith(lead)
        assert lead == lead.rstrip(" \t\n,;:.")


@given(
    st.sampled_from(["Recalling also", "Takes note", "Calls upon", "Noting with concern"]),
    st.text(),
)
def test_lead_before_arbitrary_object(lead: str, tail: str) -> None:
    part: Part = "operative" if lead[0] in "TC" else "preamble"
    found, _ = split_lead(f"{lead} {tail}", part)
    assert found is not None and found.startswith(lead.split()[0])


@pytest.mark.parametrize(
    "text",
    [
        "Strongly " + "deeply " * 500 + "x",
        "Expresses its " + "continued and " * 500 + "x",
        "Condemns " + "equally " * 500 + "x",
        "Welcomes" + " and welcomes" * 500 + " and x",
    ],
)
def test_no_catastrophic_backtracking(text: str) -> None:
    started = time.perf_counter()
    for part in (PRE, OP):
        split_lead(text, part)
    assert time.perf_counter() - started < 0.5
