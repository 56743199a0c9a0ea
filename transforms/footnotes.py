"""Detaching footnote markers that a plain-text export glued to the words they follow.

`Secretary-General,1`, `Neighbouring States,3 as`, `Convention4 and the 1967 Protocol5`: the
marker is a number glued to a letter or closing punctuation. Numbers that belong to the text
(`resolution 56/134`, `1951`, `1,500`, `article 2.4`) are never glued that way. Two more guards
keep false detachments out: the number must be a footnote the document actually has, and
markers appear in reading order — a marker is either the next unseen footnote or a repeat of
one already seen (footnotes 2 and 3 of A/RES/58/154 are referenced twice).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# A number of one to three digits standing alone (not part of a longer number) and followed
# by a space, punctuation or the end; `_is_glued` then checks what it is glued to. Two cheap
# steps instead of one regex with look-behind alternatives: this runs on every paragraph.
_CANDIDATE_RE = re.compile(r"(?<!\d)[1-9]\d{0,2}(?=[\s,;:.)\]]|$)")
_CLOSING_PUNCTUATION = frozenset(",;:.)]\"'”’")


def detach_markers(
    texts: Sequence[str], footnote_markers: Sequence[str]
) -> tuple[list[str], list[list[str]]]:
    """Remove glued markers from each text; return the clean texts and each text's markers."""
    known = set(footnote_markers)
    next_new = 1
    cleaned: list[str] = []
    found: list[list[str]] = []
    for text in texts:
        markers: list[str] = []
        pieces: list[str] = []
        cursor = 0
        for match in _CANDIDATE_RE.finditer(text):
            marker = match.group()
            if marker not in known or int(marker) > next_new:
                continue
            if not _is_glued(text, match.start()):
                continue
            value = int(marker)
            if value == next_new:
                next_new += 1
            if marker not in markers:
                markers.append(marker)
            pieces.append(text[cursor : match.start()])
            cursor = match.end()
        pieces.append(text[cursor:])
        cleaned.append("".join(pieces))
        found.append(markers)
    return cleaned, found


def _is_glued(text: str, start: int) -> bool:
    """Glued to a letter (`Convention4`), or to closing punctuation that follows a non-digit
    (`Secretary-General,1`, but not `1,500` or `2.4`)."""
    if start == 0:
        return False
    before = text[start - 1]
    if before.isalpha():
        return True
    return (
        before in _CLOSING_PUNCTUATION
        and start >= 2
        and not text[start - 2].isdigit()
        and not text[start - 2].isspace()
    )
