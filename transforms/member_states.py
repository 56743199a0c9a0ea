"""One canonical name per State, so that `votes` and `sponsors` join on `member_state`.

Sources name States in many ways: AKN voting lists in capitals ("COTE D'IVOIRE", "TÜRKİYE",
"UNITED KINGDOM"), sponsor lists in title case or with a group they speak for ("Cuba (on behalf
of the States Members of the United Nations that are members of the Group of 77 and China)"),
older documents under former names (Swaziland, Turkey, Czech Republic, Zaire, Burma).
`canonical_member_state` maps all of them to one name, or to None when the text is not a State.

Canonical-name conventions
--------------------------
* The UN's official short name as used in General Assembly documents and UNTERM in recent
  years (2023-2024): "Bolivia (Plurinational State of)", "Iran (Islamic Republic of)",
  "Venezuela (Bolivarian Republic of)", "Micronesia (Federated States of)",
  "Netherlands (Kingdom of the)" (the UN's form since 2024; "Netherlands" before),
  "United Kingdom of Great Britain and Northern Ireland", "United States of America",
  "Republic of Korea", "Democratic People's Republic of Korea", "Viet Nam", "Türkiye" (since
  June 2022), "Czechia", "Eswatini", "North Macedonia", "Cabo Verde".
* No leading article: "Gambia", "Bahamas", "Niger", "Congo", "Philippines" (the UN's list form;
  "Gambia (Republic of The)" is accepted as a spelling).
* Diacritics as the UN prints them in English: "Côte d'Ivoire", "Türkiye"; but
  "Sao Tome and Principe", which the UN writes without accents.
* Apostrophes are ASCII (') in canonical names, so that users can type them in SQL; the UN's
  typographic apostrophe (’) is accepted on input.
* Former names map to the current name of the same UN seat (Swaziland -> Eswatini, Zaire ->
  Democratic Republic of the Congo, Byelorussian SSR -> Belarus, Federal Republic of Germany
  -> Germany, United Arab Republic -> Egypt, Tanganyika -> United Republic of Tanzania, Yemen
  Arab Republic -> Yemen). States that no longer exist keep their historical name, since they
  appear in old votes: see FORMER_STATES.
* Observer States: "Holy See", "State of Palestine" (also "Palestine").

Matching is by a normalised key (casefold, diacritics stripped, "the" and every character
other than a letter or digit dropped, "&" -> "and", "St" -> "Saint"), so spacing, punctuation,
quotes, dashes, "(Republic of)" vs ", Republic of" and split words ("CZECHI A") do not matter.
A trailing "(on behalf of ...)" / ", on behalf of ..." / "(in its capacity as ...)" is dropped
when what precedes it is a State: the sponsor is that State.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# The 193 Member States, under their current UN short names.
MEMBER_STATES: tuple[str, ...] = (
    "Afghanistan",
    "Albania",
    "Algeria",
    "Andorra",
    "Angola",
    "Antigua and Barbuda",
    "Argentina",
    "Armenia",
    "Australia",
    "Austria",
    "Azerbaijan",
    "Bahamas",
    "Bahrain",
    "Bangladesh",
    "Barbados",
    "Belarus",
    "Belgium",
    "Belize",
    "Benin",
    "Bhutan",
    "Bolivia (Plurinational State of)",
    "Bosnia and Herzegovina",
    "Botswana",
    "Brazil",
    "Brunei Darussalam",
    "Bulgaria",
    "Burkina Faso",
    "Burundi",
    "Cabo Verde",
    "Cambodia",
    "Cameroon",
    "Canada",
    "Central African Republic",
    "Chad",
    "Chile",
    "China",
    "Colombia",
    "Comoros",
    "Congo",
    "Costa Rica",
    "Côte d'Ivoire",
    "Croatia",
    "Cuba",
    "Cyprus",
    "Czechia",
    "Democratic People's Republic of Korea",
    "Democratic Republic of the Congo",
    "Denmark",
    "Djibouti",
    "Dominica",
    "Dominican Republic",
    "Ecuador",
    "Egypt",
    "El Salvador",
    "Equatorial Guinea",
    "Eritrea",
    "Estonia",
    "Eswatini",
    "Ethiopia",
    "Fiji",
    "Finland",
    "France",
    "Gabon",
    "Gambia",
    "Georgia",
    "Germany",
    "Ghana",
    "Greece",
    "Grenada",
    "Guatemala",
    "Guinea",
    "Guinea-Bissau",
    "Guyana",
    "Haiti",
    "Honduras",
    "Hungary",
    "Iceland",
    "India",
    "Indonesia",
    "Iran (Islamic Republic of)",
    "Iraq",
    "Ireland",
    "Israel",
    "Italy",
    "Jamaica",
    "Japan",
    "Jordan",
    "Kazakhstan",
    "Kenya",
    "Kiribati",
    "Kuwait",
    "Kyrgyzstan",
    "Lao People's Democratic Republic",
    "Latvia",
    "Lebanon",
    "Lesotho",
    "Liberia",
    "Libya",
    "Liechtenstein",
    "Lithuania",
    "Luxembourg",
    "Madagascar",
    "Malawi",
    "Malaysia",
    "Maldives",
    "Mali",
    "Malta",
    "Marshall Islands",
    "Mauritania",
    "Mauritius",
    "Mexico",
    "Micronesia (Federated States of)",
    "Monaco",
    "Mongolia",
    "Montenegro",
    "Morocco",
    "Mozambique",
    "Myanmar",
    "Namibia",
    "Nauru",
    "Nepal",
    "Netherlands (Kingdom of the)",
    "New Zealand",
    "Nicaragua",
    "Niger",
    "Nigeria",
    "North Macedonia",
    "Norway",
    "Oman",
    "Pakistan",
    "Palau",
    "Panama",
    "Papua New Guinea",
    "Paraguay",
    "Peru",
    "Philippines",
    "Poland",
    "Portugal",
    "Qatar",
    "Republic of Korea",
    "Republic of Moldova",
    "Romania",
    "Russian Federation",
    "Rwanda",
    "Saint Kitts and Nevis",
    "Saint Lucia",
    "Saint Vincent and the Grenadines",
    "Samoa",
    "San Marino",
    "Sao Tome and Principe",
    "Saudi Arabia",
    "Senegal",
    "Serbia",
    "Seychelles",
    "Sierra Leone",
    "Singapore",
    "Slovakia",
    "Slovenia",
    "Solomon Islands",
    "Somalia",
    "South Africa",
    "South Sudan",
    "Spain",
    "Sri Lanka",
    "Sudan",
    "Suriname",
    "Sweden",
    "Switzerland",
    "Syrian Arab Republic",
    "Tajikistan",
    "Thailand",
    "Timor-Leste",
    "Togo",
    "Tonga",
    "Trinidad and Tobago",
    "Tunisia",
    "Türkiye",
    "Turkmenistan",
    "Tuvalu",
    "Uganda",
    "Ukraine",
    "United Arab Emirates",
    "United Kingdom of Great Britain and Northern Ireland",
    "United Republic of Tanzania",
    "United States of America",
    "Uruguay",
    "Uzbekistan",
    "Vanuatu",
    "Venezuela (Bolivarian Republic of)",
    "Viet Nam",
    "Yemen",
    "Zambia",
    "Zimbabwe",
)

# Non-member States with permanent observer status in the General Assembly.
OBSERVER_STATES: tuple[str, ...] = ("Holy See", "State of Palestine")

# Former Members whose seat no longer exists, under the name they last held at the UN.
FORMER_STATES: tuple[str, ...] = (
    "Czechoslovakia",
    "Democratic Yemen",
    "German Democratic Republic",
    "Serbia and Montenegro",
    "Union of Soviet Socialist Republics",
    "Yugoslavia",
    "Zanzibar",
)

# Other spellings, abbreviations and former names -> canonical name.
ALIASES: dict[str, str] = {
    # Short and long forms in common use (AKN voting lists: "UNITED KINGDOM", "UNITED STATES").
    "Antigua": "Antigua and Barbuda",
    "Bolivia": "Bolivia (Plurinational State of)",
    "Plurinational State of Bolivia": "Bolivia (Plurinational State of)",
    "Republic of Bolivia": "Bolivia (Plurinational State of)",
    "Bosnia-Herzegovina": "Bosnia and Herzegovina",
    "Brunei": "Brunei Darussalam",
    "Republic of Cameroon": "Cameroon",
    "Republic of the Congo": "Congo",
    "Congo-Brazzaville": "Congo",
    "Congo (Brazzaville)": "Congo",
    "People's Republic of the Congo": "Congo",
    "Ivory Coast": "Côte d'Ivoire",
    "Republic of Côte d'Ivoire": "Côte d'Ivoire",
    "Czech Republic": "Czechia",
    "North Korea": "Democratic People's Republic of Korea",
    "DPRK": "Democratic People's Republic of Korea",
    "D.P.R. Korea": "Democratic People's Republic of Korea",
    "Korea, Democratic People's Republic of": "Democratic People's Republic of Korea",
    "Democratic Republic of Congo": "Democratic Republic of the Congo",
    "Congo, Democratic Republic of the": "Democratic Republic of the Congo",
    "DR Congo": "Democratic Republic of the Congo",
    "DRC": "Democratic Republic of the Congo",
    "Congo-Kinshasa": "Democratic Republic of the Congo",
    "Congo (Kinshasa)": "Democratic Republic of the Congo",
    "Congo (Leopoldville)": "Democratic Republic of the Congo",
    "Republic of the Congo (Leopoldville)": "Democratic Republic of the Congo",
    "Zaire": "Democratic Republic of the Congo",
    "Republic of Zaire": "Democratic Republic of the Congo",
    "Arab Republic of Egypt": "Egypt",
    "United Arab Republic": "Egypt",  # Egypt's UN name 1958-1971 (one continuing seat)
    "Swaziland": "Eswatini",
    "Kingdom of Swaziland": "Eswatini",
    "Kingdom of Eswatini": "Eswatini",
    "Gambia (Republic of The)": "Gambia",
    "Republic of The Gambia": "Gambia",
    "Federal Republic of Germany": "Germany",
    "Germany, Federal Republic of": "Germany",
    "West Germany": "Germany",
    "Guinea Bissau": "Guinea-Bissau",
    "Iran": "Iran (Islamic Republic of)",
    "Islamic Republic of Iran": "Iran (Islamic Republic of)",
    "Kyrgyz Republic": "Kyrgyzstan",
    "Laos": "Lao People's Democratic Republic",
    "Lao PDR": "Lao People's Democratic Republic",
    "Libyan Arab Republic": "Libya",
    "Libyan Arab Jamahiriya": "Libya",
    "Socialist People's Libyan Arab Jamahiriya": "Libya",
    "Great Socialist People's Libyan Arab Jamahiriya": "Libya",
    "Malagasy Republic": "Madagascar",
    "Federation of Malaya": "Malaysia",
    "Malaya": "Malaysia",
    "Micronesia": "Micronesia (Federated States of)",
    "Federated States of Micronesia": "Micronesia (Federated States of)",
    "Burma": "Myanmar",
    "Netherlands": "Netherlands (Kingdom of the)",
    "Kingdom of the Netherlands": "Netherlands (Kingdom of the)",
    "Holland": "Netherlands (Kingdom of the)",
    "The former Yugoslav Republic of Macedonia": "North Macedonia",
    "Former Yugoslav Republic of Macedonia": "North Macedonia",
    "Macedonia, the former Yugoslav Republic of": "North Macedonia",
    "FYROM": "North Macedonia",
    "Macedonia": "North Macedonia",
    "Republic of North Macedonia": "North Macedonia",
    "South Korea": "Republic of Korea",
    "Korea, Republic of": "Republic of Korea",
    "Moldova": "Republic of Moldova",
    "Moldova, Republic of": "Republic of Moldova",
    "Russia": "Russian Federation",
    "Saint Kitts": "Saint Kitts and Nevis",
    "Saint Christopher and Nevis": "Saint Kitts and Nevis",
    "Saint Vincent": "Saint Vincent and the Grenadines",
    "Western Samoa": "Samoa",
    "Sao Tome": "Sao Tome and Principe",
    "Slovak Republic": "Slovakia",
    "Ceylon": "Sri Lanka",
    "Syria": "Syrian Arab Republic",
    "Siam": "Thailand",
    "East Timor": "Timor-Leste",
    "Turkey": "Türkiye",
    "Republic of Türkiye": "Türkiye",
    "Republic of Turkey": "Türkiye",
    "United Kingdom": "United Kingdom of Great Britain and Northern Ireland",
    "UK": "United Kingdom of Great Britain and Northern Ireland",
    "Great Britain": "United Kingdom of Great Britain and Northern Ireland",
    "Tanzania": "United Republic of Tanzania",
    "Tanzania, United Republic of": "United Republic of Tanzania",
    "Tanganyika": "United Republic of Tanzania",  # merged with Zanzibar in 1964, same seat
    "United States": "United States of America",
    "USA": "United States of America",
    "US": "United States of America",
    "Venezuela": "Venezuela (Bolivarian Republic of)",
    "Bolivarian Republic of Venezuela": "Venezuela (Bolivarian Republic of)",
    "Vietnam": "Viet Nam",
    "Socialist Republic of Viet Nam": "Viet Nam",
    "Yemen Arab Republic": "Yemen",  # North Yemen's seat continued as Yemen in 1990
    "Republic of Yemen": "Yemen",
    "Kampuchea": "Cambodia",
    "Democratic Kampuchea": "Cambodia",
    "Khmer Republic": "Cambodia",
    "Cape Verde": "Cabo Verde",
    "Central African Empire": "Central African Republic",
    "Dahomey": "Benin",
    "Upper Volta": "Burkina Faso",
    "Byelorussian Soviet Socialist Republic": "Belarus",
    "Byelorussian SSR": "Belarus",
    "Ukrainian Soviet Socialist Republic": "Ukraine",
    "Ukrainian SSR": "Ukraine",
    # Observers.
    "Palestine": "State of Palestine",
    "Vatican": "Holy See",
    "Vatican City State": "Holy See",
    # Former States.
    "Czech and Slovak Federal Republic": "Czechoslovakia",
    "People's Democratic Republic of Yemen": "Democratic Yemen",
    "South Yemen": "Democratic Yemen",
    "East Germany": "German Democratic Republic",
    "USSR": "Union of Soviet Socialist Republics",
    "Soviet Union": "Union of Soviet Socialist Republics",
    "Socialist Federal Republic of Yugoslavia": "Yugoslavia",
    "Federal Republic of Yugoslavia": "Yugoslavia",
    # Misspellings and truncations met in UN sponsor metadata (2020-2024).
    "Micronesia (Federates States of)": "Micronesia (Federated States of)",
    "Venezuela (Bolivarian Republic)": "Venezuela (Bolivarian Republic of)",
    "Lao People's Democratic": "Lao People's Democratic Republic",
    "Nambia": "Namibia",
    "Maltas": "Malta",
    "Solomon": "Solomon Islands",
}

_CHAR_FOLDS = str.maketrans(
    {"ı": "i", "ø": "o", "đ": "d", "ł": "l", "æ": "ae", "œ": "oe", "þ": "th", "&": " and "}
)
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_DROPPED_WORDS = frozenset({"the"})
_WORD_SUBSTITUTES = {"st": "saint"}
# "X (on behalf of ...)", "X, on behalf of ...", "X (of behalf of ...)", "X (in its capacity
# as Chair of ...)": the sponsor is X.
_QUALIFIER = re.compile(
    r"(?:[(,]|\s)\s*(?:(?:on|of)\s+behalf\s+of|in\s+its\s+capacity\s+as)\b.*\Z",
    re.IGNORECASE | re.DOTALL,
)
_LIST_SEPARATOR = re.compile(r"\s*[,;]\s*")
_AND = re.compile(r"\s+and\s+|\s*&\s*", re.IGNORECASE)


def member_state_key(name: str) -> str:
    """The matching key of a name: 'COTE D’IVOIRE ' and "Côte d'Ivoire" -> 'cotedivoire'."""
    text = unicodedata.normalize("NFKD", name.casefold().translate(_CHAR_FOLDS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words = _NON_ALNUM.split(text)
    return "".join(_WORD_SUBSTITUTES.get(w, w) for w in words if w and w not in _DROPPED_WORDS)


def _build_index() -> dict[str, str]:
    index: dict[str, str] = {}
    canonical = (*MEMBER_STATES, *OBSERVER_STATES, *FORMER_STATES)
    pairs = [(name, name) for name in canonical] + list(ALIASES.items())
    for spelling, target in pairs:
        if target not in canonical:
            raise ValueError(f"alias {spelling!r} targets unknown State {target!r}")
        key = member_state_key(spelling)
        if index.get(key, target) != target:
            raise ValueError(f"{spelling!r} collides with {index[key]!r} on key {key!r}")
        index[key] = target
    return index


_INDEX: dict[str, str] = _build_index()


@lru_cache(maxsize=8192)
def canonical_member_state(name: str) -> str | None:
    """The canonical name of the State `name` designates, or None when it is not a State.

    >>> canonical_member_state("COTE D'IVOIRE")
    "Côte d'Ivoire"
    >>> canonical_member_state("Swaziland")
    'Eswatini'
    >>> canonical_member_state("SUBMITTED BY THE PRESIDENT OF THE GENERAL ASSEMBLY") is None
    True
    """
    found = _INDEX.get(member_state_key(name))
    if found is None:
        qualified = _QUALIFIER.search(name)
        if qualified and qualified.start() > 0:
            found = _INDEX.get(member_state_key(name[: qualified.start()]))
    return found


def member_states_in(text: str) -> list[str]:
    """The States named in a list-like string, in order; [] unless every part is a State.

    'Chile, Dominican Republic' -> ['Chile', 'Dominican Republic'];
    'United States and Viet Nam' -> ['United States of America', 'Viet Nam'];
    'Trinidad and Tobago' -> ['Trinidad and Tobago'].
    """
    whole = canonical_member_state(text)
    if whole is not None:
        return [whole]
    found: list[str] = []
    for chunk in _LIST_SEPARATOR.split(text.strip()):
        if not chunk:
            continue
        states = _split_on_and(_AND.split(chunk))
        if states is None:
            return []
        found.extend(states)
    return found


def _split_on_and(parts: list[str]) -> list[str] | None:
    """Group consecutive 'and'-separated parts so that each group is a State, or None."""
    for end in range(len(parts), 0, -1):
        head = canonical_member_state(" and ".join(parts[:end]))
        if head is None:
            continue
        if end == len(parts):
            return [head]
        rest = _split_on_and(parts[end:])
        if rest is not None:
            return [head, *rest]
    return None
