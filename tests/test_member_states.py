"""Member State names: every spelling the sources use maps to one canonical name."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from lxml import etree

from tests.conftest import corpus_dir
from transforms.member_states import (
    ALIASES,
    FORMER_STATES,
    MEMBER_STATES,
    OBSERVER_STATES,
    canonical_member_state,
    member_state_key,
    member_states_in,
)

CASES = [
    # AKN voting lists: capitals, with or without diacritics, short forms
    ("COTE D'IVOIRE", "Côte d'Ivoire"),
    ("CÔTE D'IVOIRE", "Côte d'Ivoire"),
    ("CÔTE D’IVOIRE", "Côte d'Ivoire"),
    ("TÜRKİYE", "Türkiye"),
    ("TÜRKIYE", "Türkiye"),
    ("TURKIYE", "Türkiye"),
    ("UNITED KINGDOM", "United Kingdom of Great Britain and Northern Ireland"),
    (
        "UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND",
        "United Kingdom of Great Britain and Northern Ireland",
    ),
    ("UNITED STATES", "United States of America"),
    ("BOLIVIA (PLURINATIONAL STATE OF)", "Bolivia (Plurinational State of)"),
    ("DEMOCRATIC PEOPLE’S REPUBLIC OF KOREA", "Democratic People's Republic of Korea"),
    ("LAO PEOPLE’S DEMOCRATIC  REPUBLIC", "Lao People's Democratic Republic"),
    ("NETHERLANDS (KINGDOM OF THE)", "Netherlands (Kingdom of the)"),
    ("GUINEA-BISSAU", "Guinea-Bissau"),
    ("TIMOR-LESTE", "Timor-Leste"),
    ("SAO TOME AND PRINCIPE", "Sao Tome and Principe"),
    # title case, accents, whitespace, articles, punctuation variants
    ("Côte d'Ivoire", "Côte d'Ivoire"),
    ("cote d ivoire", "Côte d'Ivoire"),
    ("São Tomé and Príncipe", "Sao Tome and Principe"),
    ("  Saint   Vincent and the\u00a0Grenadines ", "Saint Vincent and the Grenadines"),
    ("St. Kitts & Nevis", "Saint Kitts and Nevis"),
    ("The Bahamas", "Bahamas"),
    ("the Niger", "Niger"),
    ("THE PHILIPPINES", "Philippines"),
    ("Gambia (Republic of The)", "Gambia"),
    ("Guinea Bissau", "Guinea-Bissau"),
    ("Timor–Leste", "Timor-Leste"),
    ("Iran, Islamic Republic of", "Iran (Islamic Republic of)"),
    ("Islamic Republic of Iran", "Iran (Islamic Republic of)"),
    ("Bolivarian Republic of Venezuela", "Venezuela (Bolivarian Republic of)"),
    ("Micronesia", "Micronesia (Federated States of)"),
    ("Korea, Republic of", "Republic of Korea"),
    ("Kingdom of the Netherlands", "Netherlands (Kingdom of the)"),
    ("Netherlands", "Netherlands (Kingdom of the)"),
    ("CZECHI A", "Czechia"),
    ("GE RMANY", "Germany"),
    # former names
    ("Swaziland", "Eswatini"),
    ("Turkey", "Türkiye"),
    ("TURKEY", "Türkiye"),
    ("Czech Republic", "Czechia"),
    ("The former Yugoslav Republic of Macedonia", "North Macedonia"),
    ("Cape Verde", "Cabo Verde"),
    ("Zaire", "Democratic Republic of the Congo"),
    ("Burma", "Myanmar"),
    ("Libyan Arab Jamahiriya", "Libya"),
    ("Byelorussian Soviet Socialist Republic", "Belarus"),
    ("Upper Volta", "Burkina Faso"),
    ("Ceylon", "Sri Lanka"),
    ("Democratic Kampuchea", "Cambodia"),
    ("Federal Republic of Germany", "Germany"),
    # States that no longer exist keep their historical name
    ("Yugoslavia", "Yugoslavia"),
    ("USSR", "Union of Soviet Socialist Republics"),
    ("Czechoslovakia", "Czechoslovakia"),
    ("German Democratic Republic", "German Democratic Republic"),
    ("Serbia and Montenegro", "Serbia and Montenegro"),
    ("Democratic Yemen", "Democratic Yemen"),
    # observers
    ("STATE OF PALESTINE", "State of Palestine"),
    ("Palestine", "State of Palestine"),
    ("Holy See", "Holy See"),
    # a State speaking for a group is that State
    (
        "CUBA (ON BEHALF OF THE STATES MEMBERS OF THE UNITED NATIONS THAT ARE MEMBERS OF THE GROUP OF 77 AND CHINA)",
        "Cuba",
    ),
    (
        "Egypt, on behalf of the States Members of the United Nations that are members of the League of Arab States",
        "Egypt",
    ),
    (
        "ROMANIA (IN ITS CAPACITY AS CHAIR OF THE COMMITTEE ON THE PEACEFUL USES OF OUTER SPACE)",
        "Romania",
    ),
    # not States
    ("SUBMITTED BY THE PRESIDENT OF THE GENERAL ASSEMBLY", None),
    ("submitted by the Chair of the Committee following informal consultations", None),
    ("THE REPRESENTATIVE OF CANADA, ON BEHALF OF THE BUREAU", None),
    ("European Union", None),
    ("N.A.", None),
    ("", None),
    ("   ", None),
    ("Taiwan", None),
    ("Kosovo", None),
    ("Korea", None),
    ("Guinea Equatorial Papua", None),
]


@pytest.mark.parametrize(("name", "expected"), CASES)
def test_canonical_member_state(name: str, expected: str | None) -> None:
    assert canonical_member_state(name) == expected


def test_canonical_list_has_193_members_and_2_observers() -> None:
    assert len(MEMBER_STATES) == 193
    assert len(set(MEMBER_STATES)) == 193
    assert OBSERVER_STATES == ("Holy See", "State of Palestine")
    assert not set(OBSERVER_STATES) & set(MEMBER_STATES)
    assert not set(FORMER_STATES) & set(MEMBER_STATES)


def test_canonical_names_are_idempotent_and_distinct() -> None:
    canonical = (*MEMBER_STATES, *OBSERVER_STATES, *FORMER_STATES)
    for name in canonical:
        assert canonical_member_state(name) == name
        assert canonical_member_state(name.upper()) == name
        assert canonical_member_state(canonical_member_state(name) or "") == name
    keys = [member_state_key(name) for name in canonical]
    assert len(set(keys)) == len(keys)


def test_every_alias_maps_to_its_target() -> None:
    for alias, target in ALIASES.items():
        assert canonical_member_state(alias) == target, alias


def test_canonical_names_use_ascii_apostrophes_and_no_stray_spaces() -> None:
    for name in (*MEMBER_STATES, *OBSERVER_STATES, *FORMER_STATES):
        assert "’" not in name
        assert name == " ".join(name.split())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trinidad and Tobago", ["Trinidad and Tobago"]),
        ("CHILE, DOMINICAN REPUBLIC", ["Chile", "Dominican Republic"]),
        ("United States and Viet Nam", ["United States of America", "Viet Nam"]),
        (
            "Mauritania and United Republic of Tanzania",
            ["Mauritania", "United Republic of Tanzania"],
        ),
        (
            "Bosnia and Herzegovina and Antigua and Barbuda",
            ["Bosnia and Herzegovina", "Antigua and Barbuda"],
        ),
        ("Chile and European Union", []),
        ("submitted by the Chair", []),
    ],
)
def test_member_states_in(text: str, expected: list[str]) -> None:
    assert member_states_in(text) == expected


# -- the real corpus ----------------------------------------------------------------------------

# A sponsor entry that is not a State: the President, a Chair, a Committee, a bureau, a note.
_NON_STATE_SPONSOR = re.compile(
    r"\b(submitted|introduced|representative|basis|chair|rapporteur|committee|amendment)\b",
    re.IGNORECASE,
)
# Fragments of a name split across two entries by the source ("SOLOMON" + "ISLANDS"); reviewed.
_REVIEWED_FRAGMENTS = {"islands", "northernireland", "ofkorea"}
_VOTE_FIELDS = ("MS_in_favour", "MS_against", "MS_abstaining")
_SPONSOR_FIELDS = ("sponsors", "additional_sponsors")


def _metadata_names(fields: tuple[str, ...]) -> Counter[str]:
    names: Counter[str] = Counter()
    for path in sorted(corpus_dir("akn", "metadata").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                for field in fields:
                    names.update(record.get(field) or [])
    return names


@pytest.mark.corpus
def test_corpus_voting_names_all_map_to_a_state() -> None:
    names: Counter[str] = Counter()
    for path in sorted(corpus_dir("akn").glob("*/*.xml")):
        for element in etree.parse(str(path)).iter("{*}organization"):
            if element.get("refersTo") == "memberState":
                names["".join(element.itertext())] += 1
    assert names, "no <organization refersTo='memberState'> found in the AKN corpus"
    names.update(_metadata_names(_VOTE_FIELDS))
    unmapped = {name: n for name, n in names.items() if canonical_member_state(name) is None}
    assert unmapped == {}, f"voting names that map to no State: {unmapped}"
    assert {canonical_member_state(name) for name in names} <= set(MEMBER_STATES)


@pytest.mark.corpus
def test_corpus_sponsor_names_map_to_a_state_or_are_clearly_not_one() -> None:
    names = _metadata_names(_SPONSOR_FIELDS)
    unmapped = {
        name: n
        for name, n in names.items()
        if canonical_member_state(name) is None and not member_states_in(name)
    }
    unexplained = {
        name: n
        for name, n in unmapped.items()
        if not _NON_STATE_SPONSOR.search(name) and member_state_key(name) not in _REVIEWED_FRAGMENTS
    }
    report = "\n".join(f"  {n:4d} {name!r}" for name, n in sorted(unmapped.items()))
    assert unexplained == {}, (
        f"sponsor names that map to no State and look like one: {unexplained}\n"
        f"all sponsor names mapping to None (for review):\n{report}"
    )
