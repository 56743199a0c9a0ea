"""Born-digital resolution PDFs (ODS, any session) -> `Resolution`s.

Plain text loses what the page layout says, so this parser reads the glyphs themselves
(pdfminer.six, no layout analysis): every character with its font, size and baseline.

- Lines are rebuilt from baselines, not from pdfminer's text boxes: justified UN text splits
  one printed line into several boxes and glues spurious spaces into words ('Internati onal').
  A space is inserted only where the gap between two glyphs is a real word space.
- Superscript footnote markers are glyphs that are small (<= 80 % of the body size) and raised
  above their line's baseline; they are detached by position, never by guessing at digits.
  When a PDF has footnotes but no such glyphs, `transforms.footnotes.detach_markers` is used.
- Each page is cut into running header (top band), running footer (bottom band: job number,
  'n/m', barcode), footnote zone (below a rule of underscores or a short graphic rule, or the
  trailing run of small-type lines) and body. Bodies of all pages are read as one stream, so
  paragraphs and footnotes continue across page breaks.
- Paragraphs start at a first-line indent or a wider gap between lines; lettered
  sub-paragraphs and unnumbered text stay inside the paragraph before them.
- The lead is the paragraph's leading italic run; a PDF without any italics falls back to
  `transforms.leads.split_lead`.
- A hyphen at a line end is kept when it belongs to the word (see `_join_hyphenated`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from transforms.citations import extract_citations, footnote_citations
from transforms.common import (
    DATE_PATTERN,
    canonical_committee,
    canonical_job_number,
    fold_typography,
    normalise_space,
    ordinal_number,
    parse_date,
    resolution_symbol,
    split_resolution_symbol,
)
from transforms.footnotes import detach_markers
from transforms.leads import split_lead
from transforms.model import Annex, Citation, Footnote, Paragraph, ParseError, Part, Resolution
from transforms.ods import split_agenda_items, split_origin_documents

if TYPE_CHECKING:  # pdfminer is imported when a PDF is parsed: its package __init__ pulls in
    # importlib.metadata -> email -> socket, which `import transforms` must not load
    from pdfminer.layout import LTChar, LTPage
    from pdfminer.pdfdocument import PDFDocument

MAX_BYTES = 50 * 1024 * 1024
MAX_PAGES = 300

# --- glyphs and lines ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Glyph:
    text: str
    x0: float
    x1: float
    baseline: float
    size: float
    bold: bool
    italic: bool


@dataclass(slots=True)
class _Line:
    """One printed line: its text, an italic flag per character and its detached markers."""

    page: int
    baseline: float
    x0: float
    x1: float
    size: float  # the dominant glyph size
    bold: bool  # every letter is bold
    text: str = ""
    italic: list[bool] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)
    leading_marker: str | None = None  # a marker printed before the text (a footnote's number)


@dataclass(frozen=True, slots=True)
class _Page:
    number: int
    height: float
    lines: tuple[_Line, ...]
    rules: tuple[tuple[float, float, float], ...]  # short horizontal rules: (y, x0, x1)


def _is_italic(fontname: str) -> bool:
    return bool(re.search(r"italic|oblique|[-,]it\b|-ital", fontname, re.IGNORECASE))


def _is_bold(fontname: str) -> bool:
    return bool(re.search(r"bold|black|heavy|semibold|-bd\b", fontname, re.IGNORECASE))


def _glyphs(page: LTPage) -> list[_Glyph]:

    glyphs: list[_Glyph] = []
    for item in _walk_chars(page):
        text = fold_typography(item.get_text())
        if not text or not item.upright:
            continue
        font = item.fontname.split("+")[-1]
        baseline = item.matrix[5] if item.matrix[3] > 0 else item.y0
        glyphs.append(
            _Glyph(text, item.x0, item.x1, baseline, item.size, _is_bold(font), _is_italic(font))
        )
    return glyphs


def _walk_chars(container: Iterable) -> Iterable[LTChar]:
    from pdfminer.layout import LTChar

    for item in container:
        if isinstance(item, LTChar):
            yield item
        elif hasattr(item, "__iter__"):
            yield from _walk_chars(item)


def _rules(page: LTPage) -> tuple[tuple[float, float, float], ...]:
    """Thin horizontal rules shorter than half the page: footnote separators are among them."""
    from pdfminer.layout import LTCurve

    found = []
    for item in page:
        if isinstance(item, LTCurve) and item.height < 2.0 and 20 < item.width < page.width / 2:
            found.append((item.y0, item.x0, item.x1))
    return tuple(found)


def _build_lines(glyphs: Sequence[_Glyph], page: int) -> list[_Line]:
    """Group glyphs by baseline, then fold small raised rows (superscripts) into their line."""
    rows: list[list[_Glyph]] = []
    for glyph in sorted(glyphs, key=_row_key):
        # glyphs of one printed line share their baseline exactly; superscripts sit higher
        tolerance = min(0.12 * min(glyph.size, rows[-1][0].size), 1.2) if rows else 0
        if rows and abs(rows[-1][0].baseline - glyph.baseline) <= tolerance:
            rows[-1].append(glyph)
        else:
            rows.append([glyph])
    kept: list[list[_Glyph]] = []
    for row in rows:
        host = _host_row(rows, row) if _is_superscript_row(row) else None
        if host is None:
            kept.append(row)
        else:
            host.extend(row)
    return [line for row in kept if (line := _make_line(row, page)) is not None]


def _row_key(glyph: _Glyph) -> tuple[float, float]:
    return (-round(glyph.baseline, 1), glyph.x0)


def _is_superscript_row(row: Sequence[_Glyph]) -> bool:
    text = "".join(g.text for g in row if g.text.strip())
    return bool(text) and (bool(re.fullmatch(r"[0-9*]+|st|nd|rd|th|er|e", text)) or len(text) <= 3)


def _host_row(rows: Sequence[list[_Glyph]], row: Sequence[_Glyph]) -> list[_Glyph] | None:
    """The line a superscript belongs to: larger type, baseline a little below, x overlapping."""
    size = max(g.size for g in row)
    base = row[0].baseline
    x0, x1 = min(g.x0 for g in row), max(g.x1 for g in row)
    best: tuple[float, list[_Glyph]] | None = None
    for other in rows:
        if other is row:
            continue
        host_size = max(g.size for g in other)
        rise = base - other[0].baseline
        if size > 0.85 * host_size or not 0.1 * host_size <= rise <= 0.75 * host_size:
            continue
        left = min(g.x0 for g in other) - 2 * host_size
        right = max(g.x1 for g in other) + 2 * host_size
        if left <= x0 and x1 <= right and (best is None or rise < best[0]):
            best = (rise, other)
    return best[1] if best else None


def _make_line(row: list[_Glyph], page: int) -> _Line | None:
    row.sort(key=lambda g: g.x0)
    letters = [g for g in row if g.text.strip()]
    if not letters:
        return None
    line_size = max(g.size for g in letters)
    base = next(g.baseline for g in letters if g.size == line_size)
    sizes = Counter(round(g.size, 1) for g in letters if g.size > 0.85 * line_size)
    alpha = [g for g in letters if g.text.isalpha()]
    line = _Line(
        page=page,
        baseline=base,
        x0=letters[0].x0,
        x1=letters[-1].x1,
        size=sizes.most_common(1)[0][0],
        bold=bool(alpha) and all(g.bold for g in alpha),
    )
    _fill_text(line, row, base)
    return line if line.text.strip() or line.markers else None


def _is_marker(glyph: _Glyph, line: _Line, base: float) -> bool:
    raised = glyph.baseline - base > 0.1 * line.size
    return raised and glyph.size <= 0.85 * line.size and bool(re.fullmatch(r"[0-9*]", glyph.text))


def _fill_text(line: _Line, row: list[_Glyph], base: float) -> None:
    chars: list[str] = []
    italic: list[bool] = []
    previous: _Glyph | None = None
    pending_marker = ""
    for glyph in row:
        if _is_marker(glyph, line, base):
            pending_marker += glyph.text
            continue
        _flush_marker(line, pending_marker, bool(chars))
        pending_marker = ""
        if (
            previous is not None
            and chars
            and chars[-1] != " "
            and glyph.text != " "
            and _word_gap(previous, glyph)
        ):
            chars.append(" ")
            italic.append(previous.italic and glyph.italic)
        if glyph.text == " " and (not chars or chars[-1] == " "):
            previous = glyph
            continue
        chars.append(glyph.text)
        italic.extend([glyph.italic] * len(glyph.text))
        previous = glyph
    _flush_marker(line, pending_marker, bool(chars))
    text = "".join(chars)
    stripped = text.rstrip()
    lead = len(text) - len(text.lstrip())
    line.text = stripped[lead:]
    line.italic = italic[lead : len(stripped)]


def _flush_marker(line: _Line, marker: str, after_text: bool) -> None:
    if not marker:
        return
    if not after_text and line.leading_marker is None:
        line.leading_marker = marker
    else:
        line.markers.append(marker)


def _word_gap(left: _Glyph, right: _Glyph) -> bool:
    # Intra-word gaps of justified text stay under 0.15 em; a word space is 0.25 em.
    return right.x0 - left.x1 > 0.2 * min(left.size, right.size)


# --- reading the file ----------------------------------------------------------------------


def _open(data: bytes) -> PDFDocument:
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser

    if len(data) > MAX_BYTES:
        raise ParseError(f"the PDF is {len(data) // 1_000_000} MB, more than the 50 MB allowed")
    if b"%PDF-" not in data[:1024]:
        raise ParseError("not a readable PDF: no %PDF header")
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ParseError("the PDF is encrypted: it cannot be read without its password") from exc
    except Exception as exc:  # pdfminer raises many types on damaged input
        raise ParseError(f"not a readable PDF: {exc or type(exc).__name__}") from exc
    return document


def _page_count(document: PDFDocument) -> int:
    from pdfminer.pdftypes import resolve1

    try:
        pages = resolve1(document.catalog.get("Pages"))
        return int(resolve1(pages.get("Count", 0))) if isinstance(pages, dict) else 0
    except Exception:  # a damaged page tree: let the page walk decide
        return 0


def _read_pages(data: bytes) -> list[_Page]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    document = _open(data)
    declared = _page_count(document)
    if declared > MAX_PAGES:
        raise ParseError(f"the PDF has {declared} pages, more than the {MAX_PAGES} allowed")
    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    raw: list[tuple[float, list[_Glyph], tuple]] = []
    try:
        for number, page in enumerate(PDFPage.create_pages(document), 1):
            if number > MAX_PAGES:
                raise ParseError(f"the PDF has more than {MAX_PAGES} pages")
            interpreter.process_page(page)
            layout = device.get_result()
            raw.append((layout.height, _glyphs(layout), _rules(layout)))
    except ParseError:
        raise
    except Exception as exc:  # damaged streams surface as arbitrary exceptions
        raise ParseError(f"not a readable PDF: {exc or type(exc).__name__}") from exc
    if not raw:
        raise ParseError("not a readable PDF: it has no pages")
    if not any(g.text.strip() for _, glyphs, _ in raw for g in glyphs):
        raise ParseError("the PDF has no text layer (scanned image?)")
    return [
        _Page(number, height, tuple(_build_lines(glyphs, number)), rules)
        for number, (height, glyphs, rules) in enumerate(raw, 1)
    ]


# --- page zones ----------------------------------------------------------------------------

_SYMBOL_LINE_RE = re.compile(r"^A\s*/\s*(?:RES|[A-Z0-9.]+)\s*/\S+(?:\s+[A-Z](?:-[A-Z])?)?$")
_FOOTER_RE = re.compile(
    r"^(?:\d{1,3}\s*/\s*\d{1,3}|\d{1,3}|-\s*\d{1,3}\s*-|\*\d{6,}\*|\d{2}-\d{5}(?:\s*\([A-Z]\))?"
    r"(?:\s+\d{6})?|[A-Z]?\d{7,}[A-Z]?)$"
)
_UNDERSCORES_RE = re.compile(r"^_{5,}$")


@dataclass(slots=True)
class _Zones:
    body: list[_Line] = field(default_factory=list)
    footnotes: list[_Line] = field(default_factory=list)
    furniture: list[_Line] = field(default_factory=list)


def _split_zones(pages: Sequence[_Page], body_size: float) -> _Zones:
    zones = _Zones()
    for page in pages:
        kept = []
        for line in page.lines:
            if _is_furniture(line, page.height, body_size):
                zones.furniture.append(line)
            else:
                kept.append(line)
        cut = _footnote_cut(kept, page.rules, body_size)
        for line in kept:
            if _UNDERSCORES_RE.match(line.text):
                continue
            (zones.footnotes if line.baseline < cut else zones.body).append(line)
    return zones


def _is_furniture(line: _Line, height: float, body_size: float) -> bool:
    text = normalise_space(line.text)
    if line.baseline > height * 0.9:  # running header: symbol and short title in small type
        return (
            line.size < 0.95 * body_size
            or bool(_SYMBOL_LINE_RE.match(text))
            or bool(_FOOTER_RE.match(text))
        )
    if line.baseline < height * 0.1:  # running footer: job number, page 'n/m', barcode
        return bool(_FOOTER_RE.match(text)) or line.size < 0.85 * body_size
    return False


def _footnote_cut(lines: Sequence[_Line], rules: Sequence, body_size: float) -> float:
    """The baseline above which the page's footnote zone ends (-inf when it has none)."""
    small = [line for line in lines if line.size < 0.95 * body_size]
    for line in lines:
        if _UNDERSCORES_RE.match(line.text):
            return line.baseline
    lowest_body = min((ln.baseline for ln in lines if ln.size >= 0.95 * body_size), default=0)
    for y, _, _ in sorted(rules, key=lambda r: -r[0]):
        below = [line for line in lines if line.baseline < y]
        if below and all(line.size < 0.95 * body_size for line in below) and y <= lowest_body:
            return y
    # no rule: the trailing run of small-type lines that starts with a footnote marker
    run: list[_Line] = []
    for line in sorted(lines, key=lambda ln: ln.baseline):
        if line not in small:
            break
        run.append(line)
    starts = [line for line in run if line.leading_marker]
    return max(line.baseline for line in starts) + 0.1 if starts else float("-inf")


# --- line joining and hyphenation -----------------------------------------------------------

_HYPHENS = "-\u2010\u2011"
_KEEP_PREFIXES = {
    "non", "self", "follow", "co", "multi", "well", "post", "pre", "cross", "high", "low",
    "long", "short", "mid", "middle", "small", "large", "full", "half", "ex", "vice", "anti",
}  # fmt: skip
_KEEP_SECONDS = {
    "up", "level", "term", "based", "related", "making", "building", "income", "scale", "led",
    "oriented", "centred", "centered", "wide", "free", "specific", "sensitive", "owned",
    "bound", "resistant", "sharing", "being", "affected", "associated", "friendly", "focused",
    "driven", "intensive", "seekers", "keeping", "general", "president", "chair",
}  # fmt: skip
_NUMBER_WORDS = {
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "one", "two",
    "three", "four", "five", "six", "seven", "eight", "nine", "first", "second", "third",
    "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    """Words and hyphenated compounds printed inside lines, to judge line-end hyphens."""

    words: frozenset[str]
    compounds: frozenset[str]

    @classmethod
    def of(cls, lines: Iterable[_Line]) -> _Vocabulary:
        words: set[str] = set()
        compounds: set[str] = set()
        for line in lines:
            tokens = re.findall(r"[A-Za-z]+(?:[-\u2010\u2011][A-Za-z]+)*", line.text)
            if tokens and line.text.rstrip().endswith(tuple(_HYPHENS)):
                tokens = tokens[:-1]  # the fragment before a line-end hyphen is not a word
            for token in tokens:
                if re.search(r"[-\u2010\u2011]", token):
                    compounds.add(re.sub(r"[\u2010\u2011]", "-", token.lower()))
                else:
                    words.add(token.lower())
        return cls(frozenset(words), frozenset(compounds))


def _keeps_hyphen(left: str, right: str, vocabulary: _Vocabulary) -> bool:
    """Whether 'left-' at a line end + 'right' is a hyphenated compound, not a broken word."""
    if not right or not right[0].isalpha() or right[0].isupper():
        return True  # 'Secretary-' + 'General', 'COVID-' + '19'
    left_l, right_l = left.lower(), right.lower()
    if f"{left_l}-{right_l}" in vocabulary.compounds:
        return True
    if f"{left_l}{right_l}" in vocabulary.words:
        return False
    last = left_l.rsplit("-", 1)[-1]
    if last in _NUMBER_WORDS or right_l in _NUMBER_WORDS or last in _KEEP_PREFIXES:
        return True
    if right_l in _KEEP_SECONDS or "-" in left_l:
        return True
    # two words the document prints on their own ('wide' + 'ranging'); a word broken by the
    # typesetter leaves at least one fragment that is no word ('implemen' + 'tation')
    return len(last) > 2 and len(right_l) > 2 and {last, right_l} <= vocabulary.words


_WORD_END_RE = re.compile(r"[\w\u2010\u2011-]*$")
_WORD_START_RE = re.compile(r"\w*")


def _join(chars: list[str], italic: list[bool], line: _Line, vocabulary: _Vocabulary) -> None:
    """Append a line's text to a paragraph under construction (both lists mutated)."""
    text, flags = line.text, line.italic
    if not chars:
        chars.extend(text)
        italic.extend(flags)
        return
    current = "".join(chars)
    if current and current[-1] in _HYPHENS and re.search(r"[A-Za-z]$", current[:-1]):
        left = _WORD_END_RE.search(current[:-1])  # both always match, perhaps empty
        right = _WORD_START_RE.match(text)
        if left and right and not _keeps_hyphen(left.group(0), right.group(0), vocabulary):
            del chars[-1]
            del italic[-1]
        chars.extend(text)
        italic.extend(flags)
        return
    if current and current[-1] in "\u2013\u2014/":  # '2012–' + '2013': no space
        chars.extend(text)
        italic.extend(flags)
        return
    chars.append(" ")
    italic.append(bool(italic and italic[-1] and flags and flags[0]))
    chars.extend(text)
    italic.extend(flags)


# --- cover and heading --------------------------------------------------------------------

_ADOPTED_RE = re.compile(r"^Resolution adopted by the General Assembly\b", re.IGNORECASE)
_TITLE_RE = re.compile(
    r"^(?P<session>(?:ES|S)-\d{1,2}|\d{1,3})/(?P<number>\d{1,4})(?:\s*(?P<part>[A-Z]))?\s*\."
    r"\s*(?P<title>.*)$"
)
_ENACTING_RE = re.compile(r"^The General Assembly\s*,?$")
_COVER_SYMBOL_RE = re.compile(
    r"A\s*/\s*RES\s*/\s*((?:ES-|S-)?\d{1,3}\s*/\s*\d{1,4}(?:\s*[A-Z](?:-[A-Z])?\b)?)"
)
_SESSION_RE = re.compile(r"\b([A-Z][a-z]+(?:-[a-z]+)?)\s+(?:emergency special |special )?session\b")
_AGENDA_RE = re.compile(r"\bAgenda items?\s+(.+)$", re.IGNORECASE)
_DISTRIBUTED_RE = re.compile(rf"({DATE_PATTERN})")
_CLOSING_RE = re.compile(
    r"^(?:(\d{1,3})\s*(?:st|nd|rd|th)|([A-Z][a-z]+(?:-[a-z]+)?))\s+(?:plenary\s+)?meeting\.?$"
)


@dataclass(frozen=True, slots=True)
class _Cover:
    symbol: str | None = None
    distributed_on: dt.date | None = None
    agenda_items: tuple[str, ...] = ()
    job_number: str | None = None
    session: int | None = None


def _read_cover(cover: Sequence[_Line], furniture: Sequence[_Line]) -> _Cover:
    text = "\n".join(normalise_space(line.text) for line in cover)
    first_page = "\n".join(normalise_space(ln.text) for ln in furniture if ln.page == 1)
    symbol_match = _COVER_SYMBOL_RE.search(text) or _COVER_SYMBOL_RE.search(first_page)
    symbol = None
    if symbol_match:
        symbol = "A/RES/" + re.sub(r"\s*/\s*", "/", symbol_match.group(1)).strip()
    distributed = None
    if m := re.search(r"Distr\.?:?\s*\w+\s*\n?\s*(" + DATE_PATTERN + ")", text):
        distributed = parse_date(m.group(1))
    sessions = [ordinal_number(m.group(1)) for m in _SESSION_RE.finditer(text)]
    session = next((s for s in sessions if s), None)
    agenda = _AGENDA_RE.search(text)
    return _Cover(
        symbol=symbol,
        distributed_on=distributed,
        agenda_items=split_agenda_items(agenda.group(1)) if agenda else (),
        job_number=_job_number([*furniture, *cover]),
        session=session,
    )


def _job_number(lines: Sequence[_Line]) -> str | None:
    texts = [normalise_space(line.text) for line in lines]
    for text in texts:  # '18-18142 (E) 021118' on the first page, '18-18142' on the others
        if m := re.match(r"^(\d{2}-\d{5})\b", text):
            return canonical_job_number(m.group(1))
    for text in texts:  # the barcode '*1818142*'
        if m := re.fullmatch(r"\*(\d{2})(\d{5})\*", text):
            return f"{m.group(1)}-{m.group(2)}"
    return None


@dataclass(frozen=True, slots=True)
class _Heading:
    symbol: str
    title: str
    adopted_on: dt.date | None
    committee: str | None
    origin_documents: tuple[str, ...]
    cover_end: int  # index of the first heading line
    body_start: int


def _read_heading(lines: Sequence[_Line]) -> _Heading:
    adopted_index = next(
        (i for i, ln in enumerate(lines[:80]) if _ADOPTED_RE.match(normalise_space(ln.text))), None
    )
    start = adopted_index if adopted_index is not None else 0
    for index in range(start, min(len(lines), start + 40)):
        m = _TITLE_RE.match(normalise_space(lines[index].text))
        if not m or (adopted_index is None and not lines[index].bold):
            continue
        body_start = _title_end(lines, index)
        title_text = " ".join(normalise_space(ln.text) for ln in lines[index + 1 : body_start])
        title = normalise_space(f"{m.group('title')} {title_text}")
        symbol = resolution_symbol(m.group("session"), m.group("number"), m.group("part"))
        if not title:
            raise ParseError(f"{symbol} has no title after its number")
        between = " ".join(normalise_space(ln.text) for ln in lines[start:index])
        adopted_on, committee, origin = _read_adoption(between)
        cover_end = adopted_index if adopted_index is not None else index
        return _Heading(symbol, title, adopted_on, committee, origin, cover_end, body_start)
    raise ParseError(
        "not a General Assembly resolution: no heading of the form '73/7. Title' near the top"
    )


def _title_end(lines: Sequence[_Line], index: int) -> int:
    """Title lines share the first one's type (bold, larger) and stop at the enacting formula."""
    first = lines[index]
    end = index + 1
    while end < len(lines):
        line = lines[end]
        same_type = line.bold == first.bold and abs(line.size - first.size) < 0.5
        spacing = lines[end - 1].baseline - line.baseline
        close = line.page == first.page and spacing < 2.2 * line.size
        if not (same_type and close) or _ENACTING_RE.match(normalise_space(line.text)):
            break
        end += 1
    return end


def _read_adoption(text: str) -> tuple[dt.date | None, str | None, tuple[str, ...]]:
    """'Resolution adopted … on 29 October 2018 [without reference to … (A/73/L.8 …)]'."""
    date = re.search(rf"adopted by the General Assembly\s+on\s+({DATE_PATTERN})", text)
    adopted_on = parse_date(date.group(1)) if date else None
    bracket = re.search(r"\[([^\]]*)\]?", text)
    if not bracket:
        return adopted_on, None, ()
    body = bracket.group(1)
    origin = re.search(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)\s*$", body.strip())
    return (
        adopted_on,
        canonical_committee(body),
        (split_origin_documents(origin.group(1)) if origin else ()),
    )


# --- footnotes -----------------------------------------------------------------------------

_FOOTNOTE_TEXT_RE = re.compile(r"^(\d{1,3}|\*{1,3})\s+(\S.*)$")


def _read_footnotes(lines: Sequence[_Line], vocabulary: _Vocabulary) -> tuple[Footnote, ...]:
    """Footnotes in order; a zone starting without a marker continues the previous note."""
    notes: list[tuple[str, list[str], list[bool]]] = []
    for line in lines:
        marker = line.leading_marker
        text_line = line
        m = _FOOTNOTE_TEXT_RE.match(line.text) if marker is None else None
        if m and m.group(1) == str(len(notes) + 1):  # a marker printed in the text's own size
            marker, cut = m.group(1), m.start(2)
            text_line = dataclasses.replace(line, text=line.text[cut:], italic=line.italic[cut:])
        if marker is not None:
            notes.append((marker, [], []))
        if not notes:
            continue  # text in the zone before any marker: nothing to attach it to
        _join(notes[-1][1], notes[-1][2], text_line, vocabulary)
    return tuple(Footnote(marker, normalise_space("".join(chars))) for marker, chars, _ in notes)


# --- paragraphs ----------------------------------------------------------------------------

_NUMBER_RE = re.compile(r"^(\d{1,3})\s*\.\s*")
_SUBPARAGRAPH_RE = re.compile(r"^\(([a-z]{1,4}|[ivxl]{1,6})\)\s")
_ANNEX_RE = re.compile(r"^Annex(?:es)?(?:\s+[IVXLC\d]+)?$")


@dataclass(slots=True)
class _Block:
    chars: list[str] = field(default_factory=list)
    italic: list[bool] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.chars)


def _blocks(lines: Sequence[_Line], vocabulary: _Vocabulary) -> list[_Block]:
    """Group body lines into printed paragraphs: a first-line indent or a wider gap opens one."""
    if not lines:
        return []
    margin = min(round(line.x0) for line in lines)  # continuation lines start at the margin
    pitch = _line_pitch(lines)
    blocks: list[_Block] = []
    previous: _Line | None = None
    for line in lines:
        indented = line.x0 > margin + 0.8 * line.size
        gap = (
            previous is not None
            and previous.page == line.page
            and (previous.baseline - line.baseline > 1.3 * pitch)
        )
        numbered = bool(_NUMBER_RE.match(line.text)) and line.x0 > margin
        if not blocks or indented or gap or numbered:
            blocks.append(_Block())
        _join(blocks[-1].chars, blocks[-1].italic, line, vocabulary)
        blocks[-1].markers.extend(line.markers)
        previous = line
    return blocks


def _line_pitch(lines: Sequence[_Line]) -> float:
    gaps = [
        round(a.baseline - b.baseline, 1)
        for a, b in itertools.pairwise(lines)
        if a.page == b.page and 0 < a.baseline - b.baseline < 3 * b.size
    ]
    # single-spaced text is printed at ~1.2 x its size; a wider gap separates paragraphs
    return min([*gaps, 1.25 * Counter(round(ln.size) for ln in lines).most_common(1)[0][0]])


@dataclass(slots=True)
class _Draft:
    part: Part
    number: str | None
    lead: str | None
    text: str
    markers: list[str]


def _paragraphs(blocks: Sequence[_Block], has_italics: bool) -> list[_Draft]:
    drafts: list[_Draft] = []
    for block in blocks:
        text, flags = block.text, block.italic
        if not text.strip() or _ENACTING_RE.match(normalise_space(text)):
            continue
        number = None
        if m := _NUMBER_RE.match(text):
            number, text, flags = m.group(1), text[m.end() :], flags[m.end() :]
        lead = _italic_lead(text, flags) if has_italics else None
        if drafts and number is None and _folds_into_previous(drafts[-1], text, lead):
            drafts[-1].text += " " + text
            drafts[-1].markers += block.markers
            continue
        part: Part = "operative" if number is not None else _unnumbered_part(drafts, text, lead)
        if not has_italics:
            lead = split_lead(normalise_space(text), part)[0]
        drafts.append(_Draft(part, number, lead, text, list(block.markers)))
    return drafts


def _folds_into_previous(previous: _Draft, text: str, lead: str | None) -> bool:
    """Sub-paragraphs, and unnumbered text after an operative paragraph, belong to it."""
    if _SUBPARAGRAPH_RE.match(text):
        return True
    if previous.part != "operative":
        return False
    return lead is None or _part_of_lead(lead) != "operative"


def _unnumbered_part(drafts: Sequence[_Draft], text: str, lead: str | None) -> Part:
    if any(d.part == "operative" for d in drafts):
        return "operative"
    return _part_of_lead(lead or normalise_space(text)) or "preamble"


def _part_of_lead(text: str) -> Part | None:
    """'Adopts …' opens an (unnumbered) operative paragraph, 'Recalling …' a preambular one."""
    operative = split_lead(text, "operative")[0]
    preamble = split_lead(text, "preamble")[0]
    if operative and not preamble:
        return "operative"
    if preamble:
        return "preamble"
    return None


def _italic_lead(text: str, flags: Sequence[bool]) -> str | None:
    """The leading italic run, completed to a whole word ('Calls' + 'upon' stays as printed)."""
    end = 0
    while end < len(text) and (flags[end] if end < len(flags) else False):
        end += 1
    if end == 0:
        return None
    while end < len(text) and text[end].isalpha() and text[end - 1].isalpha():
        end += 1  # the italics stop inside a word: take the word
    lead = normalise_space(text[:end]).rstrip(" ,;:.")
    return lead if re.search(r"[A-Za-z]", lead) else None


# --- the document ------------------------------------------------------------------------


def parse_pdf(data: bytes) -> tuple[Resolution, ...]:
    """Parse one resolution PDF; one Resolution per part of a multi-part resolution."""
    pages = _read_pages(data)
    body_size = _body_size_of_lines(pages)
    zones = _split_zones(pages, body_size)
    if not zones.body:
        raise ParseError("not a General Assembly resolution: the PDF has no body text")
    vocabulary = _Vocabulary.of([*zones.body, *zones.footnotes])
    heading = _read_heading(zones.body)
    cover = _read_cover(zones.body[: heading.cover_end], zones.furniture)
    symbol = _check_symbol(heading.symbol, cover.symbol)
    body = zones.body[heading.body_start :]
    closing_index = next(
        (i for i, ln in enumerate(body) if _CLOSING_RE.match(normalise_space(ln.text))), None
    )
    warnings: list[str] = []
    meeting, closing_date = None, None
    tail: list[_Line] = []
    if closing_index is None:
        warnings.append("no closing meeting line ('28th plenary meeting') found")
    else:
        meeting, closing_date, tail = _read_closing(body, closing_index)
        body = body[:closing_index]
    footnotes = _read_footnotes(zones.footnotes, vocabulary)
    has_italics = any(any(line.italic) for line in body if not _is_enacting(line))
    text_lines = [ln for ln in body if not _is_heading(ln) and not _is_enacting(ln)]
    drafts = _paragraphs(_blocks(text_lines, vocabulary), has_italics)
    if not drafts:
        raise ParseError(f"{symbol}: no preambular or operative paragraphs found")
    paragraphs, citations = _finish(drafts, footnotes)
    kind, session, number = split_resolution_symbol(symbol)
    return (
        Resolution(
            symbol=symbol,
            session_kind=kind,
            session=session,
            number=number,
            title=heading.title,
            adopted_on=heading.adopted_on or closing_date,
            meeting=meeting,
            committee=heading.committee,
            origin_documents=heading.origin_documents,
            agenda_items=cover.agenda_items,
            distributed_on=cover.distributed_on,
            job_number=cover.job_number,
            paragraphs=paragraphs,
            footnotes=footnotes,
            citations=citations + footnote_citations((f.marker, f.text) for f in footnotes),
            annexes=_read_annexes(tail, vocabulary),
            source_format="pdf",
            warnings=tuple(warnings),
        ),
    )


def _body_size_of_lines(pages: Sequence[_Page]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _check_symbol(heading_symbol: str, cover_symbol: str | None) -> str:
    if cover_symbol is None:
        return heading_symbol
    if cover_symbol.split()[0] != heading_symbol.split()[0]:
        raise ParseError(
            f"the heading says {heading_symbol} but the cover says {cover_symbol}: "
            "refusing to guess which is right"
        )
    return cover_symbol if len(cover_symbol) > len(heading_symbol) else heading_symbol


def _is_enacting(line: _Line) -> bool:
    return bool(_ENACTING_RE.match(normalise_space(line.text)))


def _is_heading(line: _Line) -> bool:
    """Bold lines inside the body are headings ('Political declaration …'), not paragraphs."""
    return line.bold and not _NUMBER_RE.match(line.text)


def _read_closing(
    body: Sequence[_Line], index: int
) -> tuple[int | None, dt.date | None, list[_Line]]:
    m = _CLOSING_RE.match(normalise_space(body[index].text))
    assert m is not None
    meeting = int(m.group(1)) if m.group(1) else ordinal_number(m.group(2))
    rest = list(body[index + 1 :])
    closing_date = None
    if rest and re.fullmatch(DATE_PATTERN, normalise_space(rest[0].text)):
        closing_date = parse_date(rest[0].text)
        rest = rest[1:]
    return meeting, closing_date, rest


def _finish(
    drafts: Sequence[_Draft], footnotes: Sequence[Footnote]
) -> tuple[tuple[Paragraph, ...], tuple[Citation, ...]]:
    known = [f.marker for f in footnotes]
    texts = [normalise_space(d.text) for d in drafts]
    found: list[list[str]] = [[m for m in d.markers if m in known] for d in drafts]
    if footnotes and not any(found):  # no superscript glyphs: the markers are glued digits
        texts, found = detach_markers(texts, known)
        texts = [normalise_space(t) for t in texts]
    paragraphs = []
    citations: list[Citation] = []
    for seq, (draft, text, markers) in enumerate(zip(drafts, texts, found, strict=True), 1):
        paragraphs.append(
            Paragraph(
                seq, draft.part, draft.number, draft.lead, text, tuple(dict.fromkeys(markers))
            )
        )
        citations += extract_citations(text, paragraph_seq=seq)
    return tuple(paragraphs), tuple(citations)


def _read_annexes(lines: Sequence[_Line], vocabulary: _Vocabulary) -> tuple[Annex, ...]:
    chunks: list[list[_Line]] = []
    for line in lines:
        if _ANNEX_RE.match(normalise_space(line.text)):
            chunks.append([])
        elif chunks:
            chunks[-1].append(line)
    annexes = []
    for seq, chunk in enumerate(chunks, 1):
        title_lines = [ln for ln in chunk[:3] if ln.bold]
        rest = [ln for ln in chunk if ln not in title_lines]
        title = normalise_space(" ".join(ln.text for ln in title_lines)) or None
        text = "\n".join(normalise_space(b.text) for b in _blocks(rest, vocabulary))
        annexes.append(Annex(seq, title, text))
    return tuple(annexes)
