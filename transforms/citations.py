"""Citations found in running text: resolutions, decisions, documents and treaties.

Resolution numbers are only taken as citations where the sentence names what they are
(`its resolutions 48/113 of 20 December 1993 and 49/173`, `Security Council resolution 1325
(2000)`, `decision 57/512`); document symbols (`A/58/281`, `E/CN.4/2003/12`) are recognised by
their shape. `Ibid.` in a footnote is resolved against the previous footnote's citation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from operator import itemgetter

from transforms.common import DATE_PATTERN, parse_date
from transforms.model import Citation, CitationKind

_ROMAN = r"[IVXLC]+"
_PART = r"(?:\s?[A-H](?![\w/]))?"
# '48/113', 'ES-10/14', 'S-27/2', '60/1 A', '1970 (XVIII)', '1325 (2000)', '2003/5', not after
# [\w/.-]. The first character comes before that look-behind, and the look-behinds after it say
# which it was: a pattern opening with a character class lets the scan skip to it (twice as fast).
_NUMBER_RE = re.compile(
    rf"(?P<ref>[\dES](?<![\w/.\-].)"
    rf"(?:(?<=E)S-\d{{1,4}}/\d{{1,4}}{_PART}|(?<=S)-\d{{1,4}}/\d{{1,4}}{_PART}"
    rf"|(?<=\d)\d{{0,3}}/\d{{1,4}}{_PART}|(?<=\d)\d{{0,3}}\s?\((?:{_ROMAN}|(?:19|20)\d\d)\){_PART}))"
    rf"(?:\s+of\s+(?P<date>{DATE_PATTERN}))?"
)
# `\b(resolutions?|decisions?)\b`, each word's first letter before its look-behind: a pattern
# opening with letters lets the scan skip to them (twice as fast).
_KEYWORD_RE = re.compile(r"((?:r(?<!\wr)esolution|d(?<!\wd)ecision)s?)\b", re.IGNORECASE)
# The same, case-sensitive, for text lowered, matched only where `str.find` finds a keyword's
# stem: twice as fast as a scan of the lowered text, which is three times the case-insensitive one.
_LOWER_KEYWORD_RE = re.compile(_KEYWORD_RE.pattern)
_KEYWORD_STEMS = ("esolution", "ecision")
# Lowering keeps a text's offsets and what the case-insensitive scan matches, but for these: `İ`
# lowers to two characters, and `ı` and `ſ` match `i` and `s` only case-insensitively.
_CASE_EXCEPTIONS = ("İ", "ı", "ſ")
# What may sit between a keyword and a number, or between two numbers of one list.
_LIST_GLUE_RE = re.compile(
    r"^(?:[\s,;]|and|or|as well as|in particular|including|also|most recently|latest"
    r"|resolutions?|decisions?|of the General Assembly|General Assembly|its|the|of|annex(?:es)?"
    r"|\d{1,2} \w+ \d{4})*$",
    re.IGNORECASE,
)
_OWNER_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"Security Council\s*$", re.IGNORECASE), "S"),
    (re.compile(r"Economic and Social Council\s*$", re.IGNORECASE), "E"),
    (re.compile(r"Human Rights Council\s*$", re.IGNORECASE), "HRC"),
)
# Document symbols: 'A/58/281', 'A/C.3/58/L.5', 'A/73/L.8/Add.1', 'S/2003/1040', 'E/CN.4/2003/12'.
# The series (A, S, E, ST, TD, UNEP, DP) not after [\w/], its first letter first as in _NUMBER_RE.
_DOCUMENT_RE = re.compile(
    r"(?P<symbol>[ASETUD](?<![\w/].)(?:(?<=A)|(?<=S)T?|(?<=E)|(?<=T)D|(?<=U)NEP|(?<=D)P)/"
    r"(?:[A-Z0-9]+(?:[.\-][A-Z0-9]+)*/)+"
    r"[A-Za-z0-9]+(?:\.\d+)?(?:/(?:Add|Corr|Rev)\.\d+)*)"
)
_TREATY_RE = re.compile(
    r"(?:Treaty Series|Ibid\.)\s*,\s*vol\.\s*(?P<vol>[\dIVXLC]+)\s*,\s*No\.\s*(?P<no>[\d\-]+)",
    re.IGNORECASE,
)
_IBID_RE = re.compile(r"^\s*Ibid\.", re.IGNORECASE)


def extract_citations(
    text: str, *, paragraph_seq: int | None = None, footnote_marker: str | None = None
) -> tuple[Citation, ...]:
    """All citations in one paragraph or footnote text, in order of appearance."""
    found: list[tuple[int, Citation]] = []
    # cheap substring tests first: most paragraphs cite nothing of one kind or another
    if "esolution" in text or "ecision" in text or "ESOLUTION" in text or "ECISION" in text:
        found += _resolution_citations(text, paragraph_seq, footnote_marker)
    if "/" in text:
        found += _document_citations(text, paragraph_seq, footnote_marker)
    if "vol." in text:
        found += _treaty_citations(text, paragraph_seq, footnote_marker)
    if not found:
        return ()  # most texts: no sort, no tuple built
    found.sort(key=itemgetter(0))
    return tuple([citation for _, citation in found])


def footnote_citations(footnotes: Iterable[tuple[str, str]]) -> tuple[Citation, ...]:
    """Citations of footnotes (marker, text) in order, resolving `Ibid.` to the previous one."""
    result: list[Citation] = []
    previous: tuple[Citation, ...] = ()
    for marker, text in footnotes:
        citations = extract_citations(text, footnote_marker=marker)
        if not citations and _IBID_RE.match(text) and previous:
            citations = tuple(
                Citation(c.cited_symbol, c.kind, text.strip(), None, marker, c.cited_date)
                for c in previous
            )
        result += citations
        if citations:
            previous = citations
    return tuple(result)


def _resolution_citations(
    text: str, paragraph_seq: int | None, footnote_marker: str | None
) -> list[tuple[int, Citation]]:
    found = []
    for keyword in _keywords(text):
        kind: CitationKind = (
            "decision" if keyword.group(1).lower().startswith("decision") else "resolution"
        )
        owner = _owner(text[max(0, keyword.start() - 40) : keyword.start()])
        cursor = keyword.end()
        for number in _NUMBER_RE.finditer(text, cursor):
            if not _LIST_GLUE_RE.match(text[cursor : number.start()]):
                break
            if _KEYWORD_RE.search(text[cursor : number.start()]):
                break  # the next keyword starts its own list
            ref = number.group("ref")
            symbol = _normalise_reference(ref, kind, owner)
            cited_date = parse_date(number.group("date")) if number.group("date") else None
            found.append(
                (
                    number.start(),
                    Citation(
                        symbol, kind, number.group(0), paragraph_seq, footnote_marker, cited_date
                    ),
                )
            )
            cursor = number.end()
    return found


def _keywords(text: str) -> Iterable[re.Match[str]]:
    """The keyword matches of `text`, in order; but for a few letters, matched in lower case."""
    if not text.isascii() and any(letter in text for letter in _CASE_EXCEPTIONS):
        return _KEYWORD_RE.finditer(text)
    lowered = text.lower()
    found = []
    for stem in _KEYWORD_STEMS:  # a keyword's first letter, then its stem
        at = lowered.find(stem, 1)
        while at >= 0:
            if keyword := _LOWER_KEYWORD_RE.match(lowered, at - 1):
                found.append(keyword)
            at = lowered.find(stem, at + len(stem))
    found.sort(key=re.Match.start)
    return found


def _owner(before_keyword: str) -> str:
    if "ounc" not in before_keyword.lower():
        return "A"  # no '… Council' (the letters of 'ounc' have no other case-insensitive match)
    for pattern, owner in _OWNER_PATTERNS:
        if pattern.search(before_keyword):
            return owner
    return "A"


_PAREN_GLUED_RE = re.compile(r"(\d)\(")
_PART_GLUED_RE = re.compile(r"(\d)([A-H])$")
_SECURITY_COUNCIL_NUMBER_RE = re.compile(r"\d{1,4} \((?:19|20)\d\d\)")


@lru_cache(maxsize=8192)  # the same resolutions are cited over and over
def _normalise_reference(ref: str, kind: CitationKind, owner: str) -> str:
    ref = " ".join(ref.split())
    ref = _PAREN_GLUED_RE.sub(r"\1 (", ref)
    ref = _PART_GLUED_RE.sub(r"\1 \2", ref)
    if owner == "A" and _SECURITY_COUNCIL_NUMBER_RE.match(ref):
        owner = "S"  # '1325 (2000)' is the Security Council's numbering
    prefix = {"A": "A", "S": "S", "E": "E", "HRC": "A/HRC"}[owner]
    middle = "DEC" if kind == "decision" else "RES"
    return f"{prefix}/{middle}/{ref}"


def _document_citations(
    text: str, paragraph_seq: int | None, footnote_marker: str | None
) -> list[tuple[int, Citation]]:
    found = []
    for match in _DOCUMENT_RE.finditer(text):
        symbol = match.group("symbol").rstrip(".")
        kind: CitationKind = "document"
        if "/RES/" in symbol:
            kind = "resolution"
        elif "/DEC/" in symbol:
            kind = "decision"
        found.append(
            (match.start(), Citation(symbol, kind, match.group(0), paragraph_seq, footnote_marker))
        )
    return found


def _treaty_citations(
    text: str, paragraph_seq: int | None, footnote_marker: str | None
) -> list[tuple[int, Citation]]:
    return [
        (
            match.start(),
            Citation(
                f"UNTS vol. {match.group('vol')} No. {match.group('no')}",
                "treaty",
                match.group(0),
                paragraph_seq,
                footnote_marker,
            ),
        )
        for match in _TREATY_RE.finditer(text)
    ]
