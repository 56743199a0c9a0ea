"""Extraction of a `Resolution` from an ODS plain-text export.

The order is: harvest the metadata that only the export artifacts carry (job number, symbol,
distribution date, agenda items), clean the artifacts away, then read the resolution's own
text top to bottom — heading, preamble, operative paragraphs, closing meeting line, footnotes,
annexes — detaching footnote markers that the export glued to the words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from transforms.citations import extract_citations, footnote_citations
from transforms.clean import clean_ods_text
from transforms.common import (
    DATE_PATTERN,
    canonical_committee,
    canonical_job_number,
    normalise_space,
    ordinal_number,
    parse_date,
    resolution_symbol,
    split_resolution_symbol,
)
from transforms.footnotes import detach_markers
from transforms.leads import split_lead
from transforms.model import (
    Annex,
    Citation,
    Footnote,
    Paragraph,
    ParseError,
    Part,
    Resolution,
)

# --- artifacts (read before cleaning) -------------------------------------------------------

_JOB_TAG_RE = re.compile(r"<<ODS JOB NO>>\s*([^<\n]*?)\s*<<ODS JOB NO>>")
_SYMBOL_TAG_RE = re.compile(r"<<ODS DOC SYMBOL1>>\s*([^<\n]*?)\s*<<ODS DOC SYMBOL1>>")
_MASTHEAD_SYMBOL_RE = re.compile(r"United Nations\s*(A/RES/[^\s]+?(?: [A-Z])?)\s*General Assembly")
# `24 February 2004Fifty-eighth session`, `… Tenth emergency special session` (whole line)
_DISTRIBUTED_RE = re.compile(
    rf"({DATE_PATTERN})[ \t]*[A-Z][a-z]+(?:-[a-z]+)?(?: emergency special| special)? session"
)
_AGENDA_RE = re.compile(r"Agenda items?[ \t]+(\d.*?)")
_BARCODE_RE = re.compile(r"(\d{2}) ?(\d{5})")
_SHORT_LINE = 160  # the masthead's lines are short; skip paragraphs without a regex


@dataclass(frozen=True, slots=True)
class ExportArtifacts:
    """What the ODS export's own furniture says about the document."""

    job_number: str | None = None
    symbol: str | None = None
    distributed_on: dt.date | None = None
    agenda_items: tuple[str, ...] = ()


def harvest_artifacts(raw: str) -> ExportArtifacts:
    job = _JOB_TAG_RE.search(raw)
    job_number = canonical_job_number(job.group(1)) if job else None
    symbol_match = _SYMBOL_TAG_RE.search(raw) or _MASTHEAD_SYMBOL_RE.search(raw)
    symbol = normalise_space(symbol_match.group(1)) if symbol_match else None
    distributed_on = None
    agenda_items: tuple[str, ...] = ()
    for line in raw.splitlines():
        line = line.strip()
        # every field's line opens with a digit (a date, a barcode) or 'Agenda'
        if not line or len(line) > _SHORT_LINE or not (line[0] == "A" or line[0].isdigit()):
            continue
        if distributed_on is None and (m := _DISTRIBUTED_RE.fullmatch(line)):
            distributed_on = parse_date(m.group(1))
        elif not agenda_items and (m := _AGENDA_RE.fullmatch(line)):
            agenda_items = split_agenda_items(m.group(1))
        elif job_number is None and (m := _BARCODE_RE.fullmatch(line)):
            job_number = f"{m.group(1)}-{m.group(2)}"
        if distributed_on is not None and agenda_items and job_number is not None:
            break  # the masthead is read: the rest of the text cannot change a field
    return ExportArtifacts(job_number, symbol or None, distributed_on, agenda_items)


def split_agenda_items(text: str) -> tuple[str, ...]:
    """'112' -> ('112',); '27 (b)' -> ('27 (b)',); '40 and 45' / '40, 45 and 46' -> each."""
    text = re.sub(r"(\d)\s*\(", r"\1 (", text)
    items = re.split(r"\s*(?:,|\band\b)\s*", text.strip().rstrip("."))
    return tuple(normalise_space(item) for item in items if re.match(r"^\d", item.strip()))


# --- the resolution's own text (after cleaning) ---------------------------------------------

_ADOPTED_RE = re.compile(
    rf"^Resolutions? adopted by the General Assembly(?:\s+on\s+({DATE_PATTERN}))?", re.IGNORECASE
)
_PROPONENT_RE = re.compile(
    r"^\[(?P<body>(?:on the report|without reference|on the)[^\]]*)\]?\s*$", re.I
)
_TITLE_RE = re.compile(
    r"^(?P<session>(?:ES|S)-\d{1,2}|\d{1,3})/(?P<number>\d{1,4})(?:\s*(?P<part>[A-Z]))?\s*\.?"
    r"(?:\s+(?P<title>\S.*))?$"
)
_ENACTING_RE = re.compile(r"^\s*The General Assembly\s*,?\s*$")
_OPERATIVE_RE = re.compile(r"^\s*(\d{1,3})\s*\.\s+(\S.*)$")
_SUBPARAGRAPH_RE = re.compile(r"^\s*\(([a-z]{1,4}|[ivxl]{1,6})\)\s+\S")
_CLOSING_MEETING_RE = re.compile(
    r"^\s*(?:(\d{1,3})(?:st|nd|rd|th)|([A-Z][a-z]+(?:-[a-z]+)?))\s+(?:plenary\s+)?meeting\s*$"
)
# `1 A/58/281.` or `1\tIbid.` (a numbered annex paragraph is `1. Text`: not a footnote)
_FOOTNOTE_LINE_RE = re.compile(r"^\s*(\d{1,3})[ \t]+([^\s.].*)$")
_WANTS_NUMBER_RE = re.compile(r"\b(?:No|Nos|vol|para|paras|pp|chap|sect)\.\s*$")
_WANTS_NUMBER_WIDTH = len("paras.")  # of a match without its blanks, at most
_ANNEX_RE = re.compile(r"^\s*Annex(?:es)?(?:\s+[IVXLC\d]+)?\s*$")
_PART_HEADING_RE = re.compile(r"^\s*([A-J])\s*$")
# The same over the text, each line between newlines: one scan instead of a match per line, and
# a literal first character lets it jump from line to line (`^` with MULTILINE cannot).
_PART_HEADING_LINE_RE = re.compile(r"\n[^\S\n]*[A-J][^\S\n]*(?=\n)")
_PARAGRAPH_END_RE = re.compile(r"[,;:.](?:[\"'”’)\]])?(?:\d{1,3})?\s*$")
_PARAGRAPH_END_WIDTH = 5  # of a match without its blanks: punctuation, quote, three digits
_PARAGRAPH_END_LAST = frozenset(",;:.\"'”’)]")  # what a match ends with, but for its digits


def parse_ods_text(raw: str) -> tuple[Resolution, ...]:
    """Parse one ODS export; one Resolution per part of a multi-part resolution."""
    artifacts = harvest_artifacts(raw)
    text = clean_ods_text(raw)
    lines = text.split("\n")
    if not any(line.strip() for line in lines):
        raise ParseError("the document is empty once the export artifacts are removed")
    heading = _read_heading(lines, artifacts)
    body_at = sum(map(len, lines[: heading.body_start])) + heading.body_start  # its offset in text
    chunks = _split_parts(lines[heading.body_start :], text, body_at)
    parts = [_read_part(chunk) for chunk in chunks]
    tail = [line for part in parts for line in part.tail]
    footnote_lines, annex_lines = _split_tail(tail)
    footnotes = _read_footnotes(footnote_lines)
    annexes = _read_annexes(annex_lines)
    texts, markers = detach_markers(
        [text for part in parts for _, _, text in part.blocks], [f.marker for f in footnotes]
    )
    results = []
    for index, part in enumerate(parts):
        count = len(part.blocks)
        paragraphs, citations = _paragraphs(part.blocks, texts[:count], markers[:count])
        texts, markers = texts[count:], markers[count:]
        referenced = {m for p in paragraphs for m in p.footnote_markers}
        own_footnotes = tuple(f for f in footnotes if len(parts) == 1 or f.marker in referenced)
        symbol = heading.symbol
        if part.letter is not None:
            symbol = f"{heading.symbol.split()[0]} {part.letter}"
        kind, session, number = split_resolution_symbol(symbol)
        title = f"{heading.title}: {part.title}" if part.title else heading.title
        results.append(
            Resolution(
                symbol=symbol,
                session_kind=kind,
                session=session,
                number=number,
                title=title,
                adopted_on=part.adopted_on or heading.adopted_on,
                meeting=part.meeting,
                committee=heading.committee,
                origin_documents=heading.origin_documents,
                agenda_items=artifacts.agenda_items,
                distributed_on=artifacts.distributed_on,
                job_number=artifacts.job_number,
                paragraphs=paragraphs,
                footnotes=own_footnotes,
                citations=citations + footnote_citations((f.marker, f.text) for f in own_footnotes),
                annexes=annexes if index == len(parts) - 1 else (),
                source_format="ods_text",
            )
        )
    return tuple(results)


@dataclass(frozen=True, slots=True)
class _Part:
    letter: str | None  # 'A', 'B', … of a multi-part resolution; None for a single text
    title: str | None  # the part's own title
    blocks: list[tuple[Part, str | None, str]]  # (part, operative number, text with markers)
    meeting: int | None
    adopted_on: dt.date | None
    tail: list[str]  # what follows the closing lines: annexes and footnotes


def _read_part(chunk: tuple[str | None, str | None, list[str]]) -> _Part:
    letter, title, lines = chunk
    closing = _find_closing(lines, 0)
    if closing is None:
        raise ParseError(
            "no closing meeting line ('77th plenary meeting'): the export looks truncated"
        )
    meeting, adopted_on = _read_closing(lines, closing)
    blocks = _paragraph_blocks(lines[:closing])
    if not blocks:
        raise ParseError("no preambular or operative paragraphs found")
    tail_start = closing + 1 + (1 if adopted_on else 0)
    return _Part(letter, title, blocks, meeting, adopted_on, list(lines[tail_start:]))


@dataclass(frozen=True, slots=True)
class _Heading:
    symbol: str
    title: str
    adopted_on: dt.date | None
    committee: str | None
    origin_documents: tuple[str, ...]
    body_start: int


def _read_heading(lines: Sequence[str], artifacts: ExportArtifacts) -> _Heading:
    adopted_on = None
    committee = None
    origin: tuple[str, ...] = ()
    saw_adopted = saw_proponent = False
    for index, line in enumerate(lines[:60]):
        text = line.strip()
        if not text:
            continue
        if m := _ADOPTED_RE.match(text):
            saw_adopted = True
            adopted_on = parse_date(m.group(1)) if m.group(1) else None
            continue
        if m := _PROPONENT_RE.match(text):
            saw_proponent = True
            committee, origin = _read_proponent(m.group("body"))
            continue
        if m := _TITLE_RE.match(text):
            title_lines = [m.group("title") or ""]
            body_start = index + 1
            # A title may wrap onto further lines, up to the enacting formula or a blank line.
            while (
                body_start < len(lines)
                and lines[body_start].strip()
                and not _ENACTING_RE.match(lines[body_start])
            ):
                title_lines.append(lines[body_start].strip())
                body_start += 1
            symbol = resolution_symbol(m.group("session"), m.group("number"), m.group("part"))
            if artifacts.symbol and artifacts.symbol.split()[0] != symbol.split()[0]:
                raise ParseError(
                    f"the heading says {symbol} but the export's symbol field says "
                    f"{artifacts.symbol}: refusing to guess which is right"
                )
            title = normalise_space(" ".join(title_lines))
            if not title:
                raise ParseError(f"{symbol} has no title after its number")
            return _Heading(symbol, title, adopted_on, committee, origin, body_start)
        if not (saw_adopted or saw_proponent) and index > 20:
            break
    raise ParseError(
        "not a General Assembly resolution: no heading of the form '58/154. Title' "
        "near the top of the text"
    )


_ORIGIN_RE = re.compile(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)\s*$")


def _read_proponent(body: str) -> tuple[str | None, tuple[str, ...]]:
    """'on the report of the Third Committee (A/58/503)' -> ('Third Committee', ('A/58/503',))."""
    committee = canonical_committee(body)
    m = _ORIGIN_RE.search(body)
    return committee, split_origin_documents(m.group(1)) if m else ()


def split_origin_documents(text: str) -> tuple[str, ...]:
    """'A/73/L.8 and Add.1' -> (A/73/L.8, A/73/L.8/Add.1); 'A/58/503, para. 7' -> (A/58/503,)."""
    documents: list[str] = []
    for piece in re.split(r"\s*(?:,|\band\b|;)\s*", text):
        piece = piece.strip().rstrip(".")
        if re.match(r"^[A-Z]{1,2}/\S+$", piece):
            documents.append(piece)
        elif re.match(r"^(?:Add|Corr|Rev)\.\d+$", piece) and documents:
            # 'X/Rev.1 and Add.1' -> X/Rev.1/Add.1; 'X/Add.1 and Add.2' -> X/Add.2
            base = re.sub(r"/(?:Add|Corr)\.\d+$", "", documents[-1])
            documents.append(f"{base}/{piece}")
    return tuple(dict.fromkeys(documents))


def _find_closing(lines: Sequence[str], start: int) -> int | None:
    for index in range(start, len(lines)):
        # the word first: a substring test is far cheaper than the regex on every line
        if "meeting" in lines[index] and _CLOSING_MEETING_RE.match(lines[index]):
            return index
    return None


def _read_closing(lines: Sequence[str], index: int) -> tuple[int | None, dt.date | None]:
    m = _CLOSING_MEETING_RE.match(lines[index])
    assert m is not None
    meeting = int(m.group(1)) if m.group(1) else ordinal_number(m.group(2))
    following = next((line for line in lines[index + 1 : index + 3] if line.strip()), "")
    adopted_on = (
        parse_date(following) if re.fullmatch(rf"\s*{DATE_PATTERN}\s*", following) else None
    )
    return meeting, adopted_on


def _split_tail(lines: Sequence[str]) -> tuple[list[str], list[str]]:
    """(footnote lines, annex lines) of what follows the closing lines.

    Footnotes (`1 Text`, `2 Text`, …) sit right after the closing lines or, in Word's own
    order, at the very end after the annexes; an `Annex` heading starts the annexes.
    """
    annex_at = next((i for i, line in enumerate(lines) if _ANNEX_RE.match(line)), None)
    if annex_at is None:
        return list(lines), []
    before, annexes = list(lines[:annex_at]), list(lines[annex_at:])
    if any(_FOOTNOTE_LINE_RE.match(line) for line in before):
        return before, annexes
    start = _trailing_footnotes_start(annexes)
    return before + annexes[start:], annexes[:start]


def _trailing_footnotes_start(lines: Sequence[str]) -> int:
    """Where the footnotes at the end begin (or len): the `1 …` line from which the most
    notes follow in sequence (2, 3, …; other lines are wrapped text). An annex's own numbered
    list gives fewer; on a tie the later start wins."""
    numbered = [
        (i, int(m.group(1))) for i, line in enumerate(lines) if (m := _FOOTNOTE_LINE_RE.match(line))
    ]
    best, best_count = len(lines), 0
    for position, (index, number) in enumerate(numbered):
        if number != 1:
            continue
        count = 1
        for _, following in numbered[position + 1 :]:
            if following == count + 1:
                count += 1
        if count >= best_count:
            best, best_count = index, count
    return best


def _read_footnotes(lines: Sequence[str]) -> tuple[Footnote, ...]:
    notes: list[list[str]] = []
    for line in lines:
        if not line.strip():
            continue
        m = _FOOTNOTE_LINE_RE.match(line)
        expected = str(len(notes) + 1)
        # 'Supplement No.' wrapped before '22 (A/74/22).': a number its note still needs
        wants_number = bool(notes) and _wants_number(notes[-1][1])
        if m and m.group(1) == expected and not wants_number:
            notes.append([m.group(1), m.group(2)])
        elif notes:
            notes[-1][1] += " " + line.strip()  # a footnote wrapped onto another line
    return tuple(Footnote(marker, normalise_space(text)) for marker, text in notes)


def _wants_number(note: str) -> bool:
    """Whether `note` ends with an abbreviation that a number follows ('Supplement No.')."""
    # a match ends the text: search only its end ('paras.' and blanks), not the whole note
    return (
        _WANTS_NUMBER_RE.search(note, max(0, len(note.rstrip()) - _WANTS_NUMBER_WIDTH)) is not None
    )


def _split_parts(
    lines: Sequence[str], text: str, start: int
) -> list[tuple[str | None, str | None, list[str]]]:
    """Split a multi-part body (`lines`, those of `text` from `start` on) at its part headings:
    a lone letter ('A', then 'B', …; a part issued on its own may start at any letter), its
    title, then `The General Assembly,`. A body without them is one part with letter None."""
    # from the newline before the body: the cleaned text ends with one
    if not _PART_HEADING_LINE_RE.search(text, start - 1):
        return [(None, None, list(lines))]  # most resolutions: no lone letter, one part
    parts: list[tuple[str | None, str | None, list[str]]] = []
    letter: str | None = None
    title: str | None = None
    current: list[str] = []
    index = 0
    while index < len(lines):
        m = _PART_HEADING_RE.match(lines[index])
        expected = None if letter is None else chr(ord(letter) + 1)
        if m and (expected is None or m.group(1) == expected) and _starts_part(lines, index):
            if letter is not None or any(line.strip() for line in current):
                parts.append((letter, title, current))
            letter = m.group(1)
            index, title = _read_part_title(lines, index + 1)
            current = []
            continue
        current.append(lines[index])
        index += 1
    parts.append((letter, title, current))
    return parts


def _starts_part(lines: Sequence[str], index: int) -> bool:
    """A part letter is followed, within a few lines, by the part's `The General Assembly,`."""
    for line in lines[index + 1 : index + 10]:
        if _ENACTING_RE.match(line):
            return True
        if _OPERATIVE_RE.match(line) or _CLOSING_MEETING_RE.match(line):
            return False
    return False


def _read_part_title(lines: Sequence[str], index: int) -> tuple[int, str | None]:
    title_lines: list[str] = []
    while index < len(lines) and not lines[index].strip():
        index += 1
    while index < len(lines) and lines[index].strip() and not _ENACTING_RE.match(lines[index]):
        if lines[index].startswith(("\t", " ")) and title_lines:
            break
        title_lines.append(lines[index].strip())
        index += 1
    return index, normalise_space(" ".join(title_lines)) or None


def _paragraphs(
    blocks: Sequence[tuple[Part, str | None, str]],
    texts: Sequence[str],
    markers: Sequence[list[str]],
) -> tuple[tuple[Paragraph, ...], tuple[Citation, ...]]:
    paragraphs = []
    citations: list[Citation] = []
    for seq, ((part, number, _), text, found) in enumerate(
        zip(blocks, texts, markers, strict=True), 1
    ):
        text = normalise_space(text)
        lead, _ = split_lead(text, part)
        paragraphs.append(Paragraph(seq, part, number, lead, text, tuple(found)))
        citations += extract_citations(text, paragraph_seq=seq)
    return tuple(paragraphs), tuple(citations)


def _paragraph_blocks(lines: Sequence[str]) -> list[tuple[Part, str | None, str]]:
    """Group body lines into paragraphs: (part, operative number, joined text).

    A line starts a new paragraph when it is indented (the export's tab) or when the previous
    paragraph ended with its closing punctuation; otherwise it continues the previous one (a hard
    wrap or a page break). Lettered sub-paragraphs stay inside their paragraph. A paragraph
    without a number is operative when it opens with an operative lead ('Decides', 'Urges')
    rather than a preambular one, and everything after the first operative paragraph is.
    """
    uses_indent = _uses_indent(lines)
    blocks: list[list] = []
    in_operative = False
    last_number = 0  # of the last numbered paragraph
    for line in lines:
        text = line.strip()
        # each pattern only after the first character it needs: most lines need none of them
        if not text or (text.startswith("The General") and _ENACTING_RE.match(line)):
            continue
        operative = _OPERATIVE_RE.match(line) if text[0].isdigit() else None
        if operative and _numbering_continues(last_number, operative.group(1)):
            blocks.append(["operative", operative.group(1), operative.group(2)])
            in_operative = True
            last_number = int(operative.group(1))
            continue
        if blocks and _continues(blocks[-1], line, text, uses_indent):
            blocks[-1][2] += " " + text
            continue
        in_operative = in_operative or _opens_operatively(text)
        blocks.append(["operative" if in_operative else "preamble", None, text])
    return [(part, number, text) for part, number, text in blocks]


def _uses_indent(lines: Sequence[str]) -> bool:
    """At least two non-blank lines start indented (stops at the second)."""
    indented = (line for line in lines if line[:1] in ("\t", " ") and line.strip())
    return next(indented, None) is not None and next(indented, None) is not None


def _numbering_continues(previous: int, number: str) -> bool:
    """'12. ' opens paragraph 12 only if it follows paragraph 11 (`previous`; or starts a
    numbering at 1): a hard-wrapped line may begin with a number that belongs to the sentence."""
    return int(number) == 1 or previous < int(number) <= previous + 3  # a skip: a misprint


def _continues(block: list, line: str, text: str, uses_indent: bool) -> bool:
    """Whether `line` (`text` stripped) continues `block` rather than opening a paragraph."""
    if text[0] == "(" and _SUBPARAGRAPH_RE.match(line):
        return True  # '(a) …' is never a paragraph of its own
    # only the end of the paragraph can match: do not scan a paragraph that grows line by line,
    # nor run the pattern when its last character (most often a letter) cannot end a match
    joined = block[2]
    end = len(joined.rstrip())
    last = joined[end - 1 : end]
    if not (last in _PARAGRAPH_END_LAST or last.isdigit()) or not _PARAGRAPH_END_RE.search(
        joined, max(0, end - _PARAGRAPH_END_WIDTH)
    ):
        return True
    return uses_indent and line[:1] not in ("\t", " ")


def _opens_operatively(text: str) -> bool:
    # the grammar's first word is the whole first word of `text`: most cannot start a lead
    first_word = _FIRST_WORD_RE.match(text)
    if first_word is None or not _may_open_operative_lead(first_word.group().lower()):
        return False
    return split_lead(text, "operative")[0] is not None and split_lead(text, "preamble")[0] is None


_FIRST_WORD_RE = re.compile(r"[A-Za-z][a-z\-]*")
# The first word of an operative lead: a verb in -s form ('Decides', 'Remains', 'Is'), an
# adverb ('Strongly', 'Also', 'Once again') or 'Having'.
_OPERATIVE_FIRST_WORDS = frozenset(["also", "further", "again", "ever", "once", "having"])


def _may_open_operative_lead(word: str) -> bool:
    return word.endswith(("s", "ly")) or word in _OPERATIVE_FIRST_WORDS


def _read_annexes(lines: Sequence[str]) -> tuple[Annex, ...]:
    annexes: list[Annex] = []
    chunks: list[list[str]] = []
    for line in lines:
        if _ANNEX_RE.match(line):
            chunks.append([])
        elif chunks:
            chunks[-1].append(line)
    for seq, chunk in enumerate(chunks, 1):
        content = [line.strip() for line in chunk if line.strip()]
        title = content[0] if content else None
        annexes.append(Annex(seq, title, normalise_space(" ".join(content[1:]))))
    return tuple(annexes)
