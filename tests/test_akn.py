"""AKN4UN parser: hand-written minimal fixtures modelled on the layout of the real files."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from transforms.akn import cited_symbol, origin_symbols, parse_akn_xml, sponsor_names
from transforms.model import Annex, Citation, Footnote, ParseError, Sponsor, Vote

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "akn"

META = """
<meta>
  <identification source="#DGACM">
    <FRBRExpression><FRBRlanguage language="{lang}"/></FRBRExpression>
  </identification>
  <workflow source="#un">
    <step date="2020-10-28" outcome="draftResolution" as="A/C.4/75/L.9"
          by="Chile, Trinidad and Tobago and United Kingdom of Great Britain and Northern Ireland"/>
    <step date="0001-01-01" outcome="draftResolutionAdditionalSponsors" by="N.A."/>
    <step date="0001-01-01" outcome="recommendedForAdoption" as="A/75/414" by=""/>
    <step date="2020-12-10" outcome="adopted" as="A/75/PV.41" by=""/>
  </workflow>
  <analysis source="#un"><parliamentary>{voting}</parliamentary></analysis>
  <presentation source="#un"><akn4un:footerFirstPage><akn4un:internalCode>
    <docketNumber refersTo="#publicationJobNumber">20-16931 (E)</docketNumber>
  </akn4un:internalCode></akn4un:footerFirstPage></presentation>
</meta>
"""
WITHOUT_VOTE = '<voting outcome="adoptedWithoutVote"><quorum value=""/></voting>'
COVER = """
<coverPage>
  <p><docNumber refersTo="#symbol">{symbol}</docNumber></p>
  <p><docDate date="2020-12-18" refersTo="#dateOfIssuance">18 December 2020</docDate></p>
  <p><session refersTo="#generalAssembly" value="75">Seventy-fifth session</session></p>
  <p><inline name="agenda item">{agenda}</inline></p>
  <p><docTitle>Resolution adopted by the General Assembly on 10 December 2020</docTitle></p>
  <p><docProponent refersTo="{committee}">[on the report of the Special Political and
     Decolonization Committee (Fourth Committee)
     (<inline name="originating document">{origin}</inline>)]</docProponent></p>
</coverPage>
"""
BODY = """
<preface><p><docNumber>75/100.</docNumber>
  <docTitle refersTo="#resolutionTitle">Comprehensive review of  special political
    missions</docTitle>
</p></preface>
<preamble>
  <formula name="enactingFormula"><p><span class="italic">The General Assembly</span>,</p></formula>
  <container name="Recalling"><p xml:space="preserve">
    <span class="italic">Recalling </span>its resolutions
    <a href="https://undocs.org/en/A/RES/74/91">74/91</a> of 13 December 2019 and
    <a href="https://undocs.org/en/A/RES/1970(XVIII)">1970 (XVIII)</a> of 16 December 1963,</p>
  </container>
  <container name="Aware"><p xml:space="preserve">	Aware of the reports,<authorialNote
    marker="1" placement="bottom"><p><a href="https://undocs.org/en/A/75/64">A/75/64</a>.</p>
    </authorialNote> and noting them,</p></container>
  <container name=""><p><span class="bold">Social aspects</span></p></container>
</preamble>
<mainBody>
  <paragraph><num>	1.</num><content><p xml:space="preserve">
    <span class="italic">Calls</span> upon States to act;<authorialNote marker="2"><p>See
    <a href="https://undocs.org/en/S/RES/2282(2016)">resolution 2282 (2016)</a>.</p>
    </authorialNote></p></content></paragraph>
  <paragraph class="H23"><subheading>I</subheading></paragraph>
  <paragraph><num>2.</num><list><intro><p>	<span class="italic">Decides</span> that:</p></intro>
    <point><num>(a)</num><content><p>	The meeting will be held;</p></content></point>
    <point><num>(b)</num><content><p>	The report will be issued;</p></content></point>
  </list></paragraph>
  <paragraph><content><p>*  *  *</p></content></paragraph>
  <paragraph><num>3.</num><content><p><span class="italic">Encourage</span>s Member States
    to take note of <a href="https://undocs.org/en/A/DEC/75/555">decision 75/555</a>.</p>
  </content></paragraph>
</mainBody>
<conclusions><p>
  <inline name="adoptionMeeting" title="41st">41st plenary meeting</inline><eol/>
  <docDate date="2020-12-10" refersTo="#adoptionDate">10 December 2020</docDate>
</p></conclusions>
"""
ANNEX = """
<attachments><attachment><doc name="annex"><meta/><mainBody>
  <p><span class="bold">Annex</span></p>
  <p><span class="bold">Terms of reference</span></p>
  <p>	The mission shall report.<authorialNote marker="3"><p>Annex note.</p></authorialNote></p>
  <paragraph><num>1.</num><content><p>Annex paragraph one.</p></content></paragraph>
</mainBody></doc></attachment></attachments>
"""


def akn(
    symbol: str = "A/RES/75/100",
    *,
    voting: str = WITHOUT_VOTE,
    committee: str = "#fourthCommittee",
    origin: str = "A/75/414, para. 8",
    agenda: str = "Agenda item 55",
    body: str = BODY,
    annex: str = "",
    lang: str = "eng",
) -> bytes:
    meta = META.format(lang=lang, voting=voting)
    cover = COVER.format(symbol=symbol, committee=committee, origin=origin, agenda=agenda)
    return (
        f'<akomaNtoso xmlns="{AKN_NS}" xmlns:akn4un="http://un.org/akn4un">'
        f'<statement name="resolution">{meta}{cover}{body}{annex}</statement></akomaNtoso>'
    ).encode()


def one(data: bytes):
    (resolution,) = parse_akn_xml(data)
    return resolution


# -- the document's fields -----------------------------------------------------------------------


def test_header_fields() -> None:
    r = one(akn())
    assert (r.symbol, r.session_kind, r.session, r.number) == ("A/RES/75/100", "regular", 75, "100")
    assert r.title == "Comprehensive review of special political missions"
    assert r.language == "en"
    assert r.source_format == "akn_xml"
    assert r.distributed_on == dt.date(2020, 12, 18)
    assert r.adopted_on == dt.date(2020, 12, 10)
    assert r.meeting == 41
    assert r.committee == "Fourth Committee"
    assert r.origin_documents == ("A/75/414",)
    assert r.agenda_items == ("55",)
    assert r.job_number == "20-16931"
    assert r.adoption == "without_vote"
    assert (r.votes_yes, r.votes_no, r.votes_abstain) == (None, None, None)
    assert r.votes == ()


def test_sponsors_split_on_the_last_and_keep_state_names_with_and() -> None:
    assert one(akn()).sponsors == (
        Sponsor("Chile", "main"),
        Sponsor("Trinidad and Tobago", "main"),
        Sponsor("United Kingdom of Great Britain and Northern Ireland", "main"),
    )  # 'N.A.' for the additional sponsors gives none


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Senegal and Yemen", ["Senegal", "Yemen"]),
        ("Antigua and Barbuda, Bosnia and Herzegovina and Saint Vincent and the Grenadines",
         ["Antigua and Barbuda", "Bosnia and Herzegovina", "Saint Vincent and the Grenadines"]),
        ("Guinea (on behalf of the States Members of the United Nations that are members of the "
         "Group of 77 and China)", ["Guinea"]),
        ("Senegal (of behalf of the Group of African States)", ["Senegal"]),
        ("Indonesia (on behalf of the States Parties to the Treaty on the Southeast Asia "
         "Nuclear-Weapon-Free Zone (Bangkok Treaty)) and Mexico", ["Indonesia", "Mexico"]),
        ("Japan, Peru (as coordinator)", ["Japan", "Peru"]),
        ("Bolivia (Plurinational State of), Cuba", ["Bolivia (Plurinational State of)", "Cuba"]),
        ("submitted by the Special Committee on the Situation with regard to the Implementation "
         "of the Declaration on the Granting of Independence to Colonial Countries and Peoples", []),
        ("submitted by the President of the General Assembly", []),
        ("SUBMITTED BY THE CHAIR OF THE COMMITTEE FOLLOWING INFORMAL CONSULTATIONS", []),
        ("introduced in the Committee by the representative of Ghana on behalf of the Bureau", []),
        ("the representative of Singapore, on behalf of the Bureau", []),
        ("France Cassar (Malta), submitted by the Rapporteur of the Committee", []),
        ("N.A.", []),
        ("", []),
    ],
)  # fmt: skip
def test_sponsor_names(text: str, names: list[str]) -> None:
    assert sponsor_names(text) == names


@pytest.mark.parametrize(
    ("committee", "expected"),
    [
        ("#fifthCommittee", "Fifth Committee"),
        ("#noMainCommittee", None),
        ("", "Fourth Committee"),  # from the text: 'Special Political and Decolonization …'
    ],
)
def test_committee(committee: str, expected: str | None) -> None:
    assert one(akn(committee=committee)).committee == expected


@pytest.mark.parametrize(
    ("text", "symbols"),
    [
        ("A/75/416, para. 7", ["A/75/416"]),
        ("A/73/L.8 and Add.1", ["A/73/L.8", "A/73/L.8/Add.1"]),
        ("A/75/L.5 and A/75/L.5/Add.1", ["A/75/L.5", "A/75/L.5/Add.1"]),
        ("A/75/670/Add.1, para. 7", ["A/75/670/Add.1"]),
        ("A/75/L.101 (as amended in A/75/L.104)", ["A/75/L.101"]),
        ("A/ES-11/L.1 and A/ES-11/L.1/Add.1", ["A/ES-11/L.1", "A/ES-11/L.1/Add.1"]),
        ("A/76/L.17 et A/76/L.17/Add.1", ["A/76/L.17", "A/76/L.17/Add.1"]),
    ],
)
def test_origin_documents(text: str, symbols: list[str]) -> None:
    assert origin_symbols(text) == symbols
    assert list(one(akn(origin=text)).origin_documents) == symbols


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("Agenda item 128 (a)", ("128 (a)",)),
        ("Agenda items 40 and 45", ("40", "45")),
        ("Agenda items 14 and 122 (b)", ("14", "122 (b)")),
        ("Agenda item 73 (aa)", ("73 (aa)",)),
    ],
)
def test_agenda_items(text: str, items: tuple[str, ...]) -> None:
    assert one(akn(agenda=text)).agenda_items == items


def test_recorded_vote_with_voters_and_a_missing_count() -> None:
    voting = """<voting outcome="adoptedRecordedVote">
      <count value="2" refersTo="inFavour"><akn4un:voters>
        <organization refersTo="memberState">ALBANIA</organization>
        <organization refersTo="memberState">COTE D'IVOIRE</organization>
      </akn4un:voters></count>
      <count value="1" refersTo="abstaining"><akn4un:voters>
        <organization refersTo="memberState">CHAD</organization>
      </akn4un:voters></count>
      <count value="1" refersTo="nonVoting"><akn4un:voters>
        <organization refersTo="memberState">FIJI</organization>
      </akn4un:voters></count>
    </voting>"""
    r = one(akn(voting=voting))
    assert r.adoption == "recorded_vote"
    assert (r.votes_yes, r.votes_no, r.votes_abstain) == (2, 0, 1)  # no 'against': none
    assert r.votes == (
        Vote("Albania", "yes"),
        Vote("Côte d'Ivoire", "yes"),
        Vote("Chad", "abstain"),
        Vote("Fiji", "non_voting"),
    )


def test_tally_in_the_outcome_text() -> None:
    r = one(akn(voting='<voting outcome="Adopted 133-3-0, 88th plenary meeting"/>'))
    assert (r.adoption, r.votes_yes, r.votes_no, r.votes_abstain) == ("recorded_vote", 133, 3, 0)


# -- paragraphs --------------------------------------------------------------------------------


def test_paragraphs() -> None:
    r = one(akn())
    assert [(p.seq, p.part, p.number, p.lead) for p in r.paragraphs] == [
        (1, "preamble", None, "Recalling"),
        (2, "preamble", None, "Aware"),  # no italics: the container's name
        (3, "operative", "1", "Calls upon"),  # the italic span stops at 'Calls'
        (4, "operative", "2", "Decides"),
        (5, "operative", "3", "Encourages"),  # the markup splits the word
    ]  # the enacting formula, the bold heading, 'I' and '* * *' are not paragraphs
    assert (r.n_preambular, r.n_operative) == (2, 3)
    assert r.paragraphs[1].text == "Aware of the reports, and noting them,"
    assert r.paragraphs[1].footnote_markers == ("1",)
    assert r.paragraphs[2].text == "Calls upon States to act;"
    assert r.paragraphs[2].footnote_markers == ("2",)
    assert r.paragraphs[3].text == (
        "Decides that: (a) The meeting will be held; (b) The report will be issued;"
    )


def test_footnotes_and_citations() -> None:
    r = one(akn())
    assert r.footnotes == (Footnote("1", "A/75/64."), Footnote("2", "See resolution 2282 (2016)."))
    assert r.citations == (
        Citation("A/RES/74/91", "resolution", "74/91", 1, None, dt.date(2019, 12, 13)),
        Citation(
            "A/RES/1970 (XVIII)", "resolution", "1970 (XVIII)", 1, None, dt.date(1963, 12, 16)
        ),
        Citation("A/DEC/75/555", "decision", "decision 75/555", 5, None, None),
        Citation("A/75/64", "document", "A/75/64", None, "1", None),
        Citation("S/RES/2282 (2016)", "resolution", "resolution 2282 (2016)", None, "2", None),
    )


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("https://undocs.org/en/A/RES/74/93", ("A/RES/74/93", "resolution")),
        ("https://undocs.org/en/A/RES/72/262c", ("A/RES/72/262 C", "resolution")),
        ("https://undocs.org/en/A/RES/74/92a-b", ("A/RES/74/92 A-B", "resolution")),
        ("http://undocs.org/A/75/6(Sect.29)", ("A/75/6 (Sect.29)", "document")),
        ("https://undocs.org/en/A/hrc/RES/45/1", ("A/HRC/RES/45/1", "resolution")),
        ("https://undocs.org/en/A/DEC/75/555", ("A/DEC/75/555", "decision")),
        ("http://www.un.org/en/ga/", None),
    ],
)
def test_cited_symbol(href: str, expected: tuple[str, str] | None) -> None:
    assert cited_symbol(href) == expected


@pytest.mark.parametrize(
    ("span", "tail", "lead"),
    [
        ("Calls", " upon States", "Calls upon"),
        ("Calls", " for an end", "Calls for"),
        ("Takes", " note of the report", "Takes note"),
        ("Takes note", " with appreciation of the report", "Takes note with appreciation"),
        ("Takes note of", " the report", "Takes note"),
        ("Recalling ", "its resolutions", "Recalling"),
        ("Recalling", " also its resolution", "Recalling also"),
        ("Encourages", " further efforts", "Encourages"),  # 'further' qualifies 'efforts'
        ("Encourages", " further the efforts", "Encourages further"),
        ("Bearing", " in mind that", "Bearing in mind"),
        ("Expresses", " its deep concern at", "Expresses its deep concern"),
        ("Noting", " with concern that", "Noting with concern"),
        ("Draws", " the attention of", "Draws the attention"),
        ("Decides", ": (a) to act", "Decides"),
        ("\tReaffirms ", "the role", "Reaffirms"),
    ],
)
def test_leads_cut_short_are_completed(span: str, tail: str, lead: str) -> None:
    body = BODY.replace(
        '<span class="italic">Calls</span> upon States to act;',
        f'<span class="italic">{span}</span>{tail};',
    )
    assert one(akn(body=body)).paragraphs[2].lead == lead


def test_unnumbered_sub_paragraphs_fold_into_the_paragraph_before() -> None:
    body = """<preamble/><mainBody>
      <paragraph><content><p><span class="italic">Urges</span> all countries:</p>
      </content></paragraph>
      <paragraph><content><p>	(a)	To cooperate;</p></content></paragraph>
      <paragraph><num>	(i)</num><content><p>	Assistance;</p></content></paragraph>
      <paragraph><content><p>and its request that reports be short;</p></content></paragraph>
      <paragraph><content><p>	3	<span class="italic">Decides</span> to act.</p>
      </content></paragraph>
    </mainBody>"""
    r = one(akn(body=body))
    assert [(p.number, p.lead, p.text) for p in r.paragraphs] == [
        (
            None,
            "Urges",
            "Urges all countries: (a) To cooperate; (i) Assistance; "
            "and its request that reports be short;",
        ),
        ("3", "Decides", "Decides to act."),  # the number printed in the text
    ]


def test_annex_is_never_a_paragraph() -> None:
    r = one(akn(annex=ANNEX))
    assert r.n_operative == 3
    assert r.annexes == (
        Annex(
            1,
            "Terms of reference",
            "Annex\nTerms of reference\nThe mission shall report.\nAnnex paragraph one.",
        ),
    )
    assert "3" in {f.marker for f in r.footnotes}


# -- multi-part resolutions ----------------------------------------------------------------------


def part(letter: str, title: str, text: str) -> str:
    return f"""<component><statement name="resolution"><meta/>
      <preface><p><docNumber>{letter}</docNumber><docTitle>{title}</docTitle></p></preface>
      <preamble><formula><p>The General Assembly,</p></formula>
        <container name="Recalling"><p><span class="italic">Recalling</span> {text},</p></container>
      </preamble>
      <mainBody><paragraph><num>1.</num><content><p><span class="italic">Decides</span>
        {text};<authorialNote marker="1"><p>Note {letter}.</p></authorialNote></p>
      </content></paragraph></mainBody>
      <conclusions><p><inline name="adoptionMeeting">41st plenary meeting</inline>
        <docDate date="2020-12-10">10 December 2020</docDate></p></conclusions>
    </statement></component>"""


def test_multi_part_resolution_gives_one_resolution_per_part() -> None:
    meta = META.format(lang="eng", voting=WITHOUT_VOTE)
    cover = COVER.format(
        symbol="A/RES/75/101 A-B", committee="#fourthCommittee", origin="A/75/415", agenda="56"
    )
    data = f"""<akomaNtoso xmlns="{AKN_NS}" xmlns:akn4un="http://un.org/akn4un">
      <documentCollection name="publication">{meta}{cover}
        <preface><p><docNumber>75/101.</docNumber>
          <docTitle>Questions relating to information</docTitle></p></preface>
        <collectionBody><component><documentRef href="comp_0"/></component></collectionBody>
      </documentCollection>
      <components>{part("A", "Information in the service of humanity", "alpha")}
        {part("B", "Global communications", "beta")}</components>
    </akomaNtoso>""".encode()
    a, b = parse_akn_xml(data)
    assert (a.symbol, a.number, b.symbol, b.number) == (
        "A/RES/75/101 A",
        "101 A",
        "A/RES/75/101 B",
        "101 B",
    )
    assert a.title == "Questions relating to information: Information in the service of humanity"
    assert [p.text for p in a.paragraphs] == ["Recalling alpha,", "Decides alpha;"]
    assert [p.text for p in b.paragraphs] == ["Recalling beta,", "Decides beta;"]
    assert (a.footnotes, b.footnotes) == ((Footnote("1", "Note A."),), (Footnote("1", "Note B."),))
    assert a.origin_documents == b.origin_documents == ("A/75/415",)
    assert a.meeting == b.meeting == 41


# -- missing elements, other layouts ----------------------------------------------------------


def test_minimal_document_falls_back_sensibly() -> None:
    data = f"""<akomaNtoso xmlns="{AKN_NS}"><statement>
      <meta><workflow><step date="0001-01-01" outcome="adopted" as="A/74/PV.50"/></workflow></meta>
      <coverPage><p><session value="74">Seventy-fourth session</session></p>
        <p><docTitle>Resolution adopted by the General Assembly on 19 December 2019</docTitle></p>
      </coverPage>
      <preface><p><docNumber>74/200.</docNumber><docTitle>A title</docTitle></p></preface>
      <mainBody><paragraph><num>1.</num><content><p>Decides to act.</p></content></paragraph>
      </mainBody>
    </statement></akomaNtoso>""".encode()
    r = one(data)
    assert (r.symbol, r.title, r.adopted_on, r.meeting) == (
        "A/RES/74/200",
        "A title",
        dt.date(2019, 12, 19),  # from the cover page title; the '0001-01-01' step is ignored
        50,  # from the PV symbol
    )
    assert (r.committee, r.origin_documents, r.agenda_items, r.job_number) == (None, (), (), None)
    assert (r.adoption, r.sponsors, r.votes, r.annexes) == (None, (), (), ())
    assert [(p.number, p.lead, p.text) for p in r.paragraphs] == [("1", None, "Decides to act.")]


@pytest.mark.parametrize(
    "root",
    [
        '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">',
        '<an:akomaNtoso xmlns:an="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">',
        "<akomaNtoso>",
    ],
)
def test_any_namespace_or_prefix(root: str) -> None:
    prefix = "an:" if root.startswith("<an:") else ""
    body = (
        f"<{prefix}statement><{prefix}coverPage><{prefix}docNumber>A/RES/ES-11/1"
        f"</{prefix}docNumber></{prefix}coverPage></{prefix}statement>"
    )
    r = one(f"{root}{body}</{prefix}akomaNtoso>".encode())
    assert (r.symbol, r.session_kind, r.session, r.number) == (
        "A/RES/ES-11/1",
        "emergency_special",
        11,
        "1",
    )


def test_language_from_frbr() -> None:
    assert one(akn(lang="fra")).language == "fr"


# -- rejections ---------------------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<akomaNtoso><statement><coverPage><docNumber>A/RES/75/1 &lol9;</docNumber></coverPage>
</statement></akomaNtoso>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE akomaNtoso [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<akomaNtoso><statement><coverPage><docNumber>A/RES/75/1</docNumber></coverPage>
<preface><p><docTitle>&xxe;</docTitle></p></preface></statement></akomaNtoso>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, XXE, XXE.decode().encode("utf-16")])
def test_entity_declarations_are_rejected_fast(data: bytes) -> None:
    start = time.perf_counter()
    with pytest.raises(ParseError, match="entit"):
        parse_akn_xml(data)
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"%PDF-1.7 not xml", "not well-formed XML"),
        (b"<akomaNtoso><statement>", "not well-formed XML"),
        (b"<html><body>Resolution</body></html>", "not an Akoma Ntoso document"),
        (b"<akomaNtoso/>", "without a statement"),
        (b"<akomaNtoso><statement><preface/></statement></akomaNtoso>", "no resolution symbol"),
        (b"<akomaNtoso><statement><coverPage><docNumber>A/75/L.1</docNumber></coverPage>"
         b"</statement></akomaNtoso>", "no resolution symbol"),
        (b"<a>" + b" " * (21 * 1024 * 1024) + b"</a>", "too large"),
    ],
)  # fmt: skip
def test_unreadable_inputs_raise_parse_error(data: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_akn_xml(data)


# -- the real corpus ----------------------------------------------------------------------------


@pytest.mark.corpus
def test_every_corpus_file_parses() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"AKN corpus not found at {CORPUS}")
    files = sorted(CORPUS.glob("*/*.xml"))
    if not files:
        pytest.skip(f"no AKN files under {CORPUS}")
    failures = []
    for path in files:
        try:
            resolutions = parse_akn_xml(path.read_bytes())
        except ParseError as exc:
            failures.append(f"{path.name}: {exc}")
            continue
        if not resolutions or not all(r.paragraphs for r in resolutions):
            failures.append(f"{path.name}: no paragraphs")
    assert failures == []
