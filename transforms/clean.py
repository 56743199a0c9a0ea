"""Cleaning of ODS plain-text exports: small functions composed in order, one per form of artifact.

Each step is total (never raises) and idempotent, so `clean_ods_text` is too. The metadata some
artifacts carry (job number, symbol, distribution date, agenda items) is read by
`transforms.ods.harvest_artifacts` *before* cleaning; cleaning only removes them from the body.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from transforms.common import fold_typography

# `[DU1]`: a Word field placeholder left by the ODS export.
_DU_MARKER_RE = re.compile(r"\[DU\d*\]")
# `<<ODS JOB NO>>N0350382E<<ODS JOB NO>>` and friends, paired or lone.
_ODS_TAG_PAIR_RE = re.compile(r"<<ODS [A-Z0-9 ]+>>[^<\n]*<<ODS [A-Z0-9 ]+>>")
_ODS_TAG_RE = re.compile(r"<<ODS [A-Z0-9 ]+>>")
# Whole-line artifacts, matched against a line stripped of surrounding blanks. They are short,
# so longer lines (the resolution's own paragraphs) are skipped without running any pattern.
_SHORT_LINE = 160
# A rule: `____`, `-----`, `====`, possibly spaced.
_RULE_LINE_RE = re.compile(r"[_\-=–—][ \t_\-=–—]{2,}")
# The glued first-page header: `United NationsA/RES/58/154General AssemblyDistr.: General`.
# The symbol may carry part letters glued to what follows: `…A/RES/78/183 AGeneral Assembly…`.
_MASTHEAD_RE = re.compile(
    r"United Nations[ \t]*(?:A/RES/[^\s]+(?:[ \t][A-Z](?:-[A-Z])?)?)?[ \t]*General Assembly"
    r"[ \t]*(?:Distr\.?:?[ \t]*\w+)?"
)
_DISTR_LINE_RE = re.compile(r"Distr\.?:[ \t]*\w+")
# `24 February 2004Fifty-eighth session` (date glued to the session line) or either alone.
_SESSION_WORDS = r"(?:[A-Z][a-z]+(?:-[a-z]+)?|\d{1,3}(?:st|nd|rd|th))"
_DATE_SESSION_RE = re.compile(
    r"(?:\d{1,2} [A-Z][a-z]+ \d{4})?[ \t]*"
    rf"{_SESSION_WORDS}(?:[ \t]+(?:emergency[ \t]+)?special)?[ \t]+session"
)
# `Agenda item 112`, `Agenda items 40 and 45` (but not a sentence that starts that way)
_AGENDA_LINE_RE = re.compile(r"Agenda items?[ \t]+\d+[^\n]{0,120}(?<![.;,:])")
# Running header: a line holding only the document symbol.
_SYMBOL_LINE_RE = re.compile(r"A/RES/[\w\-/ ]+")
# The barcode line under the masthead: `03 50382` (job number digits, spaced).
_BARCODE_LINE_RE = re.compile(r"\*?\d{2}[ \t]?\d{5}\*?(?:[ \t]*\([A-Z]\))?")
# Stray page numbers: `4`, `2/5`, `- 3 -`, `Page 3`.
_PAGE_NUMBER_RE = re.compile(r"-[ \t]*\d{1,3}[ \t]*-|\d{1,3}(?:/\d{1,3})?|Page[ \t]+\d{1,3}")
# Spelled out, not `\n{3,}`: a literal start lets the scan skip ahead (ten times faster).
_BLANK_RUN_RE = re.compile(r"\n\n\n+")
_NUL_RE = re.compile("\x00")


def _whole_lines(*patterns: re.Pattern[str]) -> re.Pattern[str]:
    """One regex, run over the whole text, for the short lines a pattern matches once stripped.

    It matches from the newline before the line (`_blank_lines` adds one before the first): a
    literal first character lets the scan jump from line to line instead of trying every offset.
    """
    alternatives = "|".join(pattern.pattern for pattern in patterns)
    return re.compile(
        r"\n[ \t]*(?=[^ \t\n])"  # from the first non-blank,
        rf"(?![^\n]{{{_SHORT_LINE}}}[^\n]*?[^ \t\n])"  # none _SHORT_LINE or more further on,
        rf"(?:{alternatives})(?<![ \t])[ \t]*(?=\n|\Z)"  # a pattern up to the last non-blank
    )


def _blank_lines(text: str, lines: re.Pattern[str]) -> str:
    """Empty every line that `lines` (made by `_whole_lines`) matches."""
    return lines.sub("\n", "\n" + text)[1:]


_ARTIFACT_LINES_RE = _whole_lines(
    _RULE_LINE_RE,
    _MASTHEAD_RE,
    _DISTR_LINE_RE,
    _DATE_SESSION_RE,
    _AGENDA_LINE_RE,
    _SYMBOL_LINE_RE,
    _BARCODE_LINE_RE,
    _PAGE_NUMBER_RE,
)


def normalise_line_ends(text: str) -> str:
    """CRLF and lone CR (old Mac exports) -> LF; form feeds and vertical tabs become line breaks."""
    if "\r" in text:  # the test costs a tenth of the replacement that would find nothing
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\f", "\n").replace("\v", "\n")


def fold_characters(text: str) -> str:
    """NFC, no-break/thin spaces -> space; drop BOMs, soft hyphens, zero-width and NUL."""
    text = fold_typography(text)
    # the test costs a tenth; a regex's, half of `in`'s (which, in a text of two-byte characters,
    # stops at every ASCII character's zero byte)
    return text.replace("\x00", "") if _NUL_RE.search(text) else text


def remove_export_markup(text: str) -> str:
    """`[DU1]` placeholders and `<<ODS …>>` tags (with a tag pair's content).

    Removing one can reveal another (`[DU<<ODS 0>>]` -> `[DU]`), so repeat until none is left.
    """
    # `in` tells in a fast scan whether a regex scan, character by character, can match at all
    if not _has_export_markup(text):
        return text
    text = _ODS_TAG_PAIR_RE.sub("", text)
    while True:
        text, tags = _ODS_TAG_RE.subn("", text)
        text, markers = _DU_MARKER_RE.subn("", text)
        if not (tags or markers) or not _has_export_markup(text):
            return text


def _has_export_markup(text: str) -> bool:
    return "<<ODS" in text or "[DU" in text


def remove_artifact_lines(text: str) -> str:
    """Rules, running headers (masthead, `Distr.: General`, date + session line, agenda item
    line, symbol lines), barcode lines and page numbers.

    Whether a line is one depends on the line alone, and a line emptied is none: one pass over
    the text empties the same lines as one pass per kind, in a quarter of the time.
    """
    return _blank_lines(text, _ARTIFACT_LINES_RE)


def tidy_whitespace(text: str) -> str:
    """Strip trailing blanks, collapse runs of blank lines, no leading/trailing blank lines."""
    text = "\n".join([line.rstrip(" \t") for line in text.split("\n")])  # a list: no generator
    text = _BLANK_RUN_RE.sub("\n\n", text)
    return "" if text.isspace() or not text else text.strip("\n") + "\n"  # no copy to test


CLEANERS: tuple[Callable[[str], str], ...] = (
    normalise_line_ends,
    fold_characters,
    remove_export_markup,
    remove_artifact_lines,
    tidy_whitespace,
)


def clean_ods_text(text: str) -> str:
    """Remove every ODS export artifact, leaving the resolution's own text line by line."""
    for clean in CLEANERS:
        text = clean(text)
    return text
