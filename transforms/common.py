"""Normalisers shared by every source format: symbols, dates, sessions, committees, job numbers."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from transforms.model import ParseError, SessionKind

_MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
MONTHS = {name: i for i, name in enumerate(_MONTH_NAMES.split(), start=1)}

# '22 December 2003' (also '22 Dec. 2003' and 'December 22, 2003', met in damaged exports)
DATE_PATTERN = (
    r"(?:\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)\s+\d{4})"
)
_DATE_RE = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})")
_DATE_US_RE = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})")


@lru_cache(maxsize=8192)  # the same dates are cited over and over
def parse_date(text: str) -> dt.date | None:
    """'22 December 2003' -> date(2003, 12, 22); None when the text holds no valid date."""
    m = _DATE_RE.search(text)
    if m:
        day, month, year = m.group(1), m.group(2), m.group(3)
    else:
        m = _DATE_US_RE.search(text)
        if not m:
            return None
        month, day, year = m.group(1), m.group(2), m.group(3)
    month_no = _month_number(month)
    if month_no is None:
        return None
    try:
        return dt.date(int(year), month_no, int(day))
    except ValueError:
        return None


def _month_number(name: str) -> int | None:
    name = name.lower()
    if name in MONTHS:
        return MONTHS[name]
    if len(name) >= 3:
        matches = [n for full, n in MONTHS.items() if full.startswith(name)]
        if len(matches) == 1:
            return matches[0]
    return None


_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip
_TENTHS = {
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
    "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
}  # fmt: skip
_TENS_ALT = "|".join(_TENS)
_UNIT_ALT = "|".join([*_UNITS, *_TENTHS])
_TENTH_ALT = "|".join(_TENTHS)
_ORDINAL_RE = re.compile(
    rf"\b(?:(one hundred(?: and)?)[\s-]+)?(?:({_TENS_ALT})[\s-]+)?({_UNIT_ALT})\b"
    rf"|\b({_TENTH_ALT})\b",
    re.IGNORECASE,
)


def ordinal_number(text: str) -> int | None:
    """'Fifty-eighth' -> 58, 'sixtieth' -> 60, 'one hundred and first' -> 101, '58th' -> 58."""
    m = re.search(r"\b(\d{1,3})(?:st|nd|rd|th)\b", text)
    if m:
        return int(m.group(1))
    m = _ORDINAL_RE.search(text)
    if not m:
        return None
    hundred, tens, unit, lone_tenth = m.groups()
    if lone_tenth:
        value = _TENTHS[lone_tenth.lower()]
    else:
        value = _UNITS.get(unit.lower()) or _TENTHS.get(unit.lower(), 0)
        if tens:
            value += _TENS[tens.lower()]
    if hundred:
        value += 100
    return value


_RES_SYMBOL_RE = re.compile(
    r"^A/RES/(?:(?P<kind>ES|S)-)?(?P<session>\d{1,3})/(?P<number>\d{1,4})"
    r"(?:\s*(?P<part>[A-Z](?:-[A-Z])?))?$"
)


_SESSION_KINDS: dict[str | None, SessionKind] = {
    "ES": "emergency_special",
    "S": "special",
    None: "regular",
}


def split_resolution_symbol(symbol: str) -> tuple[SessionKind, int, str]:
    """'A/RES/ES-10/14' -> ('emergency_special', 10, '14'); 'A/RES/75/290 A' -> (..., '290 A')."""
    m = _RES_SYMBOL_RE.match(normalise_space(symbol))
    if not m:
        raise ParseError(f"{symbol!r} is not a General Assembly resolution symbol")
    kind = _SESSION_KINDS[m["kind"]]
    number = m["number"] + (f" {m['part']}" if m["part"] else "")
    return kind, int(m["session"]), number


def resolution_symbol(session_label: str, number: str, part: str | None = None) -> str:
    """('58', '154') -> 'A/RES/58/154'; ('ES-10', '14') -> 'A/RES/ES-10/14'."""
    symbol = f"A/RES/{session_label}/{number}"
    return f"{symbol} {part}" if part else symbol


_COMMITTEES = {
    "first": "First Committee",
    "second": "Second Committee",
    "third": "Third Committee",
    "fourth": "Fourth Committee",
    "fifth": "Fifth Committee",
    "sixth": "Sixth Committee",
}


def canonical_committee(text: str | None) -> str | None:
    """Any spelling of a Main Committee -> 'First Committee' … 'Sixth Committee'; else None.

    Handles 'the Third Committee', '#fifthCommittee', 'Special Political and Decolonization
    Committee (Fourth Committee)', 'Special Political Committee' and 'Without reference to a
    Main Committee' (None).
    """
    if not text:
        return None
    lowered = text.lower()
    if "without reference" in lowered:
        return None
    m = re.search(r"(first|second|third|fourth|fifth|sixth)\s*committee", lowered)
    if m:
        return _COMMITTEES[m.group(1)]
    if "special political" in lowered:
        return "Fourth Committee"
    return None


_JOB_RE = re.compile(r"(?<!\d)N?(\d{2})[-\s]?(\d{5})(?!\d)")


def canonical_job_number(text: str | None) -> str | None:
    """'N0350382E', '20-17286 (E)', '03 50382' -> '03-50382'."""
    if not text:
        return None
    m = _JOB_RE.search(text.strip())
    return f"{m.group(1)}-{m.group(2)}" if m else None


def normalise_space(text: str) -> str:
    """Collapse every run of whitespace (including no-break and thin spaces) to one space."""
    # Most text is normal already, which two scans in C tell: no blank but the space is
    # printable, and no space is doubled or at an end.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def fold_typography(text: str) -> str:
    """NFC-normalise, turn no-break and thin spaces into spaces, drop invisible characters."""
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        # `in` finds a character ten times faster than a character class: test before replacing
        if any(ch in text for ch in _ODD_SPACES):
            text = _ODD_SPACE_RE.sub(" ", text)
        if any(ch in text for ch in _INVISIBLE):
            text = _INVISIBLE_RE.sub("", text)
    return text


# soft hyphen, zero-width space, BOM, left-to-right and right-to-left marks, word joiner
# ('6.\u200e Reaffirms' in a real file)
_INVISIBLE = "\u00ad\u200b\ufeff\u200e\u200f\u2060"
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")
# no-break, en, em, thin and narrow no-break spaces
_ODD_SPACES = "\u00a0\u2002\u2003\u2009\u202f"
_ODD_SPACE_RE = re.compile(f"[{_ODD_SPACES}]")
