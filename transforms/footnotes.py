"""Detaching footnote markers that a plain-text export glued to the words they follow.

`Secretary-General,1`, `Neighbouring States,3 as`, `Convention4 and the 1967 Protocol5`: the
superscript digits of a marker simply follow the character before them. Numbers that belong to
the text (`resolution 56/134`, `1951`, `1,500`, `article 2.4`, `U4`, `G20`, `1/CMA.3`, `Add.1`)
must never be taken for one. Two steps:

1. Every number glued to something is scored by what it is glued to (`_evidence`): a word
   (`Convention4`), punctuation after a word (`States,3`), a closing bracket (`(2005)13`),
   punctuation after a number (`for 2020,1`, `of 2019;10`, never `1,500` nor `2.4`), and,
   weakly, the digits of a citation (`resolutions 53/1171`, `December 20011`). Codes and document
   symbols are refused outright: `U4`, `G20`, `H5N1`, `CO2`, `km2`, `Add.1`, `No.18`, `DEC.3`.
2. Only numbers the document has footnotes for count, and markers appear in reading order. The
   order is read globally, not greedily: the first occurrences chosen are the increasing chain
   of candidates that scores best, where every footnote skipped costs a little (a footnote
   referenced in the title or a table, or a missed marker, does not make every later marker
   refused; a stray number far ahead of the chain is not worth the footnotes it would skip).
   A number is then also a marker when it repeats a footnote already referenced (footnotes 2
   and 3 of A/RES/58/154 are referenced twice).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import NamedTuple

# What may follow a marker: a space, a closing bracket, the end, or punctuation that does not
# continue a number (`PM2.5`, `GP2.0` are not `PM`+2 nor `GP`+2).
_FOLLOW = r"(?=[\s)\]]|[,;:.](?!\d)|$)"
# A number of one to three digits standing alone (not part of a longer number) and glued to
# something (not after a space nor at the start); `_evidence` then checks what it is glued to.
# Or (group `year`) a marker glued to a year, four digits (`December 20011`, `2015–203014`,
# `for 20208 and`). The two never match the same digits: one scan finds both. The look-behinds
# come after the first digit: the scan fails fast where there is no digit.
_CANDIDATE_RE = re.compile(
    r"[1-9](?:(?<![\d\s][1-9])(?<!^[1-9])\d{0,2}" + _FOLLOW + r"|(?:(?<=1)9|(?<=2)0)"
    r"(?<![\w,./\-\u2011$€£]..)(?<!No\. ..)(?<!ISO ..)\d\d(?P<year>[1-9]\d{0,2})" + _FOLLOW + ")"
)
# A marker glued to the digits of a citation, where the digits cannot all belong to it. A slash
# resolution number of the General Assembly has one to three digits (`53/1171` is 53/117 + 1,
# or 53/11 + 71); one of the Human Rights Council, of a session below 31 or of an emergency
# special session has one or two (`Council resolution 49/245`, `7/279`, `ES-10/159`). The scan
# jumps from slash to slash (a literal first character); the session before it is read after.
_SYMBOL_TAIL_RE = re.compile(r"/(\d{3,6})" + _FOLLOW)
_SYMBOL_HEAD_RE = re.compile(r"(?<![\w/.\-\u2011])(ES[-\u2011])?(\d{1,2})\Z")
_COUNCIL_RE = re.compile(r"Council\S{0,4} \Z")  # `Council resolutions`, `Council,3 resolution`
_TOKEN_RE = re.compile(r"\S+\Z")  # the token a candidate is glued to (searched with endpos)
_LETTERS_RE = re.compile(r"[^\W\d_]+\Z")
_DIGITS_RE = re.compile(r"\d+\Z")
_MIXED_CODE_RE = re.compile(r"[A-Z]{2}[a-rt-z]\Z")
_ROMAN_RE = re.compile(r"[IVX]{1,5}")
_PART_OF_RE = re.compile(r"(?:\d/\d{1,3}|\bresolution) \Z")
_ORDINAL_RE = re.compile(r"(?<![^\s(])\d+(?:st|nd|rd|th)\Z")
_RECOMMENDATION_RE = re.compile(r"(?:[Rr]ecommendation|Rec) ?\(\d{4}\)\Z")

_SENTENCE_PUNCTUATION = frozenset(",;:")
_BRACKETS = frozenset(")]")
_QUOTES = frozenset("\"'”’")
_SENTENCE_START = frozenset("\"“‘'([")
# Abbreviations a number follows after a period: `Add.1`, `Corr.1`, `No.18`, `para.3`, `vol.2`.
_ABBREVIATIONS = frozenset(
    [
        *("add", "amend", "annex", "app", "art", "arts", "ch", "chap", "corr", "cp", "cma"),
        *("cmp", "dec", "doc", "fig", "no", "nos", "op", "p", "para", "paras", "pp", "pt"),
        *("res", "rev", "sect", "ser", "sess", "suppl", "supp", "vol", "vols"),
    ]
)
# Capitalised codes with a number that are not markers: `COP26`, `SDG3`, `LDC5`, `SIDS4`.
_CODES = frozenset(
    ["CMA", "CMP", "COP", "COVID", "ISO", "LDC", "LLDC", "MDG", "MDGS", "MOP", "SBI", "SDG", "SIDS"]
)
_UNITS = frozenset(["km", "m", "cm", "mm", "dm"])  # `km2`, `m3`: squares and cubes

STRONG = 1.0  # glued to a word, to punctuation after a word, to a closing quote
GOOD = 0.8  # glued to a closing bracket, to punctuation after a number, to an acronym
WEAK = 0.35  # glued to the digits of a citation: only as the very next footnote, never a repeat
_REPEAT_MIN = 0.5  # a repeat of a referenced footnote needs at least this evidence
# Per footnote a chain of first occurrences skips: cheap for a marker glued to a word (a budget
# resolution references footnotes 1-17 in its tables, 18 in a paragraph: `posts18`), dearer
# for weaker evidence (`for 2020,7` does not skip six footnotes).
_SKIP_COST = 0.3
_SKIP_COST_STRONG = 0.05
# A repeat refers back to a recent footnote (A/RES/58/154: 1, 2, 3, 2, 3, 4); a number glued to
# a word that matches a footnote far back is a typo of the text (`making100 per cent`).
_REPEAT_WINDOW = 10
# After closing punctuation (`…of the Child;10`) a repeat may reach any earlier footnote: typos
# glue numbers to words, not to the end of a clause.
_PUNCTUATION_BEFORE_REPEAT = frozenset(",;:.)]\"'”’")


def _repeat_window(text: str, candidate: _Candidate) -> int:
    glued_to = text[candidate.start - 1] if candidate.start else ""
    return 10_000 if glued_to in _PUNCTUATION_BEFORE_REPEAT else _REPEAT_WINDOW


class _Candidate(NamedTuple):
    text: int
    start: int
    end: int
    value: int
    weight: float
    group: int  # alternatives of one glued citation (`53/1171`) share a group; others unique


def detach_markers(
    texts: Sequence[str], footnote_markers: Sequence[str]
) -> tuple[list[str], list[list[str]]]:
    """Remove glued markers from each text; return the clean texts and each text's markers."""
    known = {int(m) for m in footnote_markers if m.isdigit() and m[0] != "0"}
    if not known:
        return list(texts), [[] for _ in texts]
    candidates = _candidates(texts, known)
    accepted = _choose(candidates, texts)
    cleaned = list(texts)
    found: list[list[str]] = [[] for _ in texts]
    by_text: dict[int, list[_Candidate]] = {}
    for candidate in accepted:
        by_text.setdefault(candidate.text, []).append(candidate)
    for index, chosen in by_text.items():
        text = texts[index]
        pieces: list[str] = []
        cursor = 0
        for candidate in sorted(chosen, key=lambda c: c.start):
            marker = str(candidate.value)
            if marker not in found[index]:
                found[index].append(marker)
            pieces.append(text[cursor : candidate.start])
            cursor = candidate.end
        pieces.append(text[cursor:])
        cleaned[index] = "".join(pieces)
    return cleaned, found


def _candidates(texts: Sequence[str], known: set[int]) -> list[_Candidate]:
    """Every number of a known footnote glued to something, scored, in reading order."""
    # One scan per pattern of the texts joined, not one per text: no match spans the newline
    # between two texts, which the patterns see as they see a text's start and end.
    joined = "\n".join(texts)
    starts = list(accumulate([len(text) + 1 for text in texts[:-1]], initial=0))
    found: list[_Candidate] = []
    group = 0
    for match in _CANDIDATE_RE.finditer(joined):
        year = match.start("year")
        start = match.start() if year < 0 else year
        value = int(joined[start : match.end()])
        if value not in known:
            continue
        index = bisect_right(starts, start) - 1
        offset = starts[index]
        if year < 0:
            weight = _evidence(texts[index], start - offset, match.end() - offset)
            if not weight:
                continue
        else:
            weight = WEAK
        group += 1
        found.append(_Candidate(index, start - offset, match.end() - offset, value, weight, group))
    in_order = len(found)  # found in reading order: those after are not
    for match in _SYMBOL_TAIL_RE.finditer(joined):
        index = bisect_right(starts, match.start()) - 1
        text, slash = texts[index], match.start() - starts[index]
        # the session starts at most 5 characters (`ES-10`) before the slash
        head = _SYMBOL_HEAD_RE.search(text, max(0, slash - 5), slash)
        if head is None:
            continue
        digits, end = match.group(1), match.end() - starts[index]
        longest = _longest_number(text, head)
        if len(digits) <= longest:
            continue  # the whole number can be the resolution's: `72/247`, `2/28`
        group += 1
        for split in range(1, longest + 1):
            marker = digits[split:]
            if 0 < len(marker) <= 3 and marker[0] != "0" and int(marker) in known:
                start = end - len(marker)
                found.append(_Candidate(index, start, end, int(marker), WEAK, group))
    if len(found) > in_order:
        found.sort(key=_reading_order)  # stable: of two at one offset, the first found first
    return found


def _reading_order(candidate: _Candidate) -> tuple[int, int]:
    return candidate.text, candidate.start


def _longest_number(text: str, head: re.Match[str]) -> int:
    """How many digits the number of a slash resolution symbol (`head`: its session) can have."""
    if head.group(1) or int(head.group(2)) <= 30:
        return 2
    cited = text.rfind("resolution", max(0, head.start() - 300), head.start())
    return 2 if _COUNCIL_RE.search(text, max(0, cited - 16), cited) else 3


def _evidence(text: str, start: int, end: int) -> float:
    """How surely the number at text[start:end] is a marker, from what it is glued to; 0: not."""
    if start < 2:
        return 0.0
    before = text[start - 1]
    if before.isalpha():
        return _after_letters(text, start, end)
    prior = text[start - 2]
    if before in _BRACKETS:  # `(COVID-19)1`, `(2005)13`: the text never glues a number to `)`
        if _RECOMMENDATION_RE.search(text, max(0, start - 24), start):
            return 0.0  # but the Council of Europe does: `recommendation CM/Rec(2019)4`
        return GOOD
    if before in _SENTENCE_PUNCTUATION:
        if prior.isdigit():
            return _after_number(text, start, end)
        return 0.0 if prior.isspace() else STRONG
    if before == ".":
        if prior.isdigit():
            return _after_number(text, start, end)
        if prior.isalpha():
            return _after_period(text, start)
        return GOOD if prior in _BRACKETS or prior in _QUOTES else 0.0
    if before in _QUOTES:
        return 0.0 if prior.isdigit() or prior.isspace() else STRONG
    return 0.0


def _after_letters(text: str, start: int, end: int) -> float:
    """`Convention4` is a marker; `U4`, `G20`, `H5N1`, `CO2`, `COP26`, `km2`, `1/CMA3` are not."""
    token_match = _TOKEN_RE.search(text, max(0, start - 40), start)
    token = token_match.group() if token_match else ""
    if _ORDINAL_RE.search(token):
        return STRONG  # `at its 144th12 session`
    token = token.rsplit("-", 1)[-1]  # `50-year25`, but `C-SS-4/DEC3` keeps its digits
    if any(ch.isdigit() for ch in token):
        return 0.0  # a code or symbol with digits: `H5N1`, `1/CMA3`, `A/73/L8`
    letters_match = _LETTERS_RE.search(token)
    letters = letters_match.group() if letters_match else ""
    if letters.isupper():
        if _ROMAN_RE.fullmatch(letters):
            return GOOD  # `Protocol II5`
        if (
            token == letters
            and len(letters) == 1
            and _PART_OF_RE.search(text, max(0, start - 14), start - 1)
        ):
            return GOOD  # the part of a resolution: `resolution 56/210 B2`, `resolution B2`
        if len(letters) <= 2 or letters in _CODES:
            return 0.0  # `U4`, `G20`, `P5`, `C40`, `CO2`, `GP2`, `COP26`, `SDG3`
        return GOOD  # an acronym: `UNAIDS1`
    if letters in _UNITS and text[start:end] in ("2", "3"):
        return 0.0
    if _MIXED_CODE_RE.search(letters):
        return 0.0  # `IPv6`; but a plural acronym is a word: `NGOs1`, `SDGs2`
    return STRONG


def _after_period(text: str, start: int) -> float:
    """`Convention.4` is a marker; `Add.1`, `No.18`, `Res.3`, `DEC.3`, `1/CMA.3`, `p.5` are not."""
    token_match = _TOKEN_RE.search(text, max(0, start - 40), start - 1)
    token = token_match.group() if token_match else ""
    if any(ch.isdigit() for ch in token):
        return 0.0  # a document symbol: `A/73/L.8/Add.1`, `GC.18/Res.3`, `C-SS-4/DEC.3`
    letters_match = _LETTERS_RE.search(token)
    letters = letters_match.group() if letters_match else ""
    if len(letters) <= 1 or letters.lower() in _ABBREVIATIONS:
        return 0.0
    if letters.isupper() and (len(letters) <= 3 or _ROMAN_RE.fullmatch(letters)):
        return 0.0  # `DEC.3`, `CP.21`, `CMA.3`; a numbered section: `paragraph VIII.8`
    return STRONG


def _after_number(text: str, start: int, end: int) -> float:
    """Punctuation between a number and a glued number: `for 2020,1`, `of 2019;10`,
    `56/134.1` (the end of a sentence) are markers; `1,500`, `2.4`, `3.4.1`, `10:30` are not."""
    punctuation = text[start - 1]
    digits_match = _DIGITS_RE.search(text, max(0, start - 12), start - 1)
    if digits_match is None:
        return 0.0
    digits = digits_match.group()
    left = text[digits_match.start() - 1] if digits_match.start() else ""
    long_or_symbol = len(digits) >= 3 or left == "/"
    if punctuation == ",":
        if end - start == 3 and len(digits) <= 3:
            return 0.0  # a thousands separator: `1,500`, `10,000`
        return GOOD
    if punctuation == ";":
        return GOOD
    if punctuation == ":":
        return GOOD if long_or_symbol else 0.0  # not `10:30`, `1:2`
    # A period: a marker ends a sentence (the end, or a space and a capital), after a year or a
    # symbol; never a decimal or a section number (`2.4 per cent`, `3.4.1`, `PM2.5`).
    if left == "." or not long_or_symbol:
        return 0.0
    if end == len(text):
        return GOOD
    if text[end].isspace() and (end + 1 == len(text) or _starts_sentence(text[end + 1])):
        return GOOD
    return 0.0


def _starts_sentence(ch: str) -> bool:
    return ch.isupper() or ch in _SENTENCE_START


def _choose(candidates: Sequence[_Candidate], texts: Sequence[str]) -> list[_Candidate]:
    """The markers: the best-scoring increasing chain of first occurrences, then the repeats.

    A chain skips the numbers between two of its values (and those before its first): with
    each skip costing 0.3, a marker glued to a word may skip three footnotes, not four.
    """
    # best[value] = (score, candidate index) of the best chain whose last first occurrence has
    # that value; a group's alternatives are scored against the chains before the group.
    best: dict[int, tuple[float, int]] = {}
    back: list[int] = [-1] * len(candidates)
    pending: list[tuple[int, float, int]] = []
    group = -1
    for index, candidate in enumerate(candidates):
        if candidate.group != group:
            _settle(pending, candidates, best)
            group = candidate.group
        value, weight = candidate.value, candidate.weight
        weak = weight < _REPEAT_MIN
        cost = _SKIP_COST_STRONG if weight >= STRONG else _SKIP_COST
        score, previous = (weight - cost * (value - 1), -1)
        if weak and value != 1:
            score = float("-inf")
        for last, (chain, at) in best.items():
            skipped = value - last - 1
            if last < value and not (weak and skipped):
                option = chain + weight - cost * skipped
                if option > score:
                    score, previous = option, at
        pending.append((index, score, previous))
        back[index] = previous
    _settle(pending, candidates, best)
    if not best:
        return []
    score, at = max(best.values(), key=lambda item: (item[0], -item[1]))
    if score <= 0:
        return []
    first: dict[int, int] = {}  # value -> index of its first occurrence
    while at >= 0:
        first[candidates[at].value] = at
        at = back[at]
    chosen: list[_Candidate] = []
    highest = 0  # the highest footnote referenced so far
    for index, candidate in enumerate(candidates):
        at = first.get(candidate.value, -1)
        if at == index:
            chosen.append(candidate)
            highest = candidate.value
        elif (
            0 <= at < index
            and candidate.weight >= _REPEAT_MIN
            and highest - candidate.value <= _repeat_window(texts[candidate.text], candidate)
        ):
            chosen.append(candidate)
    return chosen


def _settle(
    pending: list[tuple[int, float, int]],
    candidates: Sequence[_Candidate],
    best: dict[int, tuple[float, int]],
) -> None:
    for index, score, _ in pending:
        value = candidates[index].value
        if value not in best or score > best[value][0]:
            best[value] = (score, index)
    pending.clear()
