"""Resolution PDFs written with reportlab, laid out like the UN's born-digital resolutions.

`build_resolution_pdf` typesets a `PdfDoc` the way ODS prints a resolution: a cover block
(symbol, Distr.: General, date, session, agenda item; job number and barcode at the foot),
the adoption heading, the proponent in brackets, the bold title, italic leads, superscript
footnote markers, footnotes under a short rule at the foot of the page where they are first
cited, running headers and footers on later pages, and line-end hyphenation of long words.
`seed_document` rebuilds A/RES/58/154 from the project's own seed (raw/A_RES_58_154.txt).
The hostile inputs (`image_only_pdf`, `encrypted_pdf`, …) are small and quick to make.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from transforms.common import normalise_space
from transforms.model import Resolution

ROMAN, ITALIC, BOLD = "Times-Roman", "Times-Italic", "Times-Bold"
PAGE_W, PAGE_H = letter
LEFT, INDENT, NUMBER_TEXT, RIGHT = 123.4, 147.1, 170.9, 490.5
BODY, LEADING, PARA_GAP = 10.0, 12.0, 6.0
NOTE, NOTE_LEADING, MARK, MARK_RISE, NOTE_MARK = 8.5, 10.5, 6.5, 4.2, 5.5
TOP, FOOT = 708.0, 60.0


@dataclass(frozen=True, slots=True)
class PdfParagraph:
    number: str | None
    lead: str | None
    text: str  # the whole paragraph (lead included); '{1}' marks footnote 1 where it is cited


@dataclass(frozen=True, slots=True)
class PdfDoc:
    symbol: str
    distributed: str
    session_line: str
    agenda_line: str
    job_line: str  # '03-50382 (E) 240204'
    adopted_line: str
    proponent: str
    title_line: str  # '58/154. Title …'
    paragraphs: tuple[PdfParagraph, ...]
    closing: tuple[str, str]  # ('77th plenary meeting', '22 December 2003')
    footnotes: tuple[tuple[str, str], ...]
    hyphenate: bool = True  # break long words at line ends, as a typesetter does


# --- words and lines ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Word:
    text: str
    font: str
    marker: str | None = None  # a footnote marker printed after the word, raised


def _words(paragraph: PdfParagraph) -> list[_Word]:
    words: list[_Word] = []
    lead_words = len(paragraph.lead.split()) if paragraph.lead else 0
    tokens = re.findall(r"\S+", paragraph.text)
    for index, token in enumerate(tokens):
        m = re.fullmatch(r"(.*?)\{(\d+)\}(.*)", token)
        text, marker = (m.group(1) + m.group(3), m.group(2)) if m else (token, None)
        font = ITALIC if index < lead_words else ROMAN
        words.append(_Word(text, font, marker))
    return words


def _width(word: _Word) -> float:
    width = stringWidth(word.text, word.font, BODY)
    return width + (stringWidth(word.marker, ROMAN, MARK) if word.marker else 0)


def _break_word(word: _Word, room: float) -> tuple[_Word, _Word] | None:
    """Split a long word at a line end: after its own hyphen, or inside it with a new one."""
    if "-" in word.text[1:-1]:
        head, tail = word.text.split("-", 1)
        first = _Word(head + "-", word.font)
        if _width(first) <= room:
            return first, _Word(tail, word.font, word.marker)
    if len(word.text) < 10 or not word.text.isalpha():
        return None
    for cut in range(len(word.text) - 5, 4, -1):
        first = _Word(word.text[:cut] + "-", word.font)
        if _width(first) <= room:
            return first, _Word(word.text[cut:], word.font, word.marker)
    return None


def _wrap(words: list[_Word], first_x: float, hyphenate: bool) -> list[tuple[float, list[_Word]]]:
    lines: list[tuple[float, list[_Word]]] = []
    x0, current, used = first_x, [], 0.0
    space = stringWidth(" ", ROMAN, BODY)
    queue = list(words)
    while queue:
        word = queue.pop(0)
        need = _width(word) + (space if current else 0)
        if x0 + used + need <= RIGHT or not current:
            current.append(word)
            used += need
            continue
        split = _break_word(word, RIGHT - x0 - used - space) if hyphenate else None
        if split:
            current.append(split[0])
            queue.insert(0, split[1])
        else:
            queue.insert(0, word)
        lines.append((x0, current))
        x0, current, used = LEFT, [], 0.0
    if current:
        lines.append((x0, current))
    return lines


# --- pages ------------------------------------------------------------------------------


@dataclass
class _Writer:
    doc: PdfDoc
    canvas: Canvas
    total: int
    page: int = 1
    y: float = 0.0
    notes_here: list[str] = field(default_factory=list)
    placed: set[str] = field(default_factory=set)

    def note_lines(self, marker: str) -> list[str]:
        text = dict(self.doc.footnotes)[marker]
        lines, current = [], ""
        for word in text.split():
            trial = f"{current} {word}".strip()
            if stringWidth(trial, ROMAN, NOTE) > RIGHT - LEFT:
                lines.append(current)
                current = word
            else:
                current = trial
        return [*lines, current]

    def notes_height(self, markers: list[str]) -> float:
        if not markers:
            return 0.0
        return 14 + sum(NOTE_LEADING * len(self.note_lines(m)) for m in markers)

    def fits(self, line_markers: list[str]) -> bool:
        new = [m for m in line_markers if m not in self.placed and m not in self.notes_here]
        floor = FOOT + self.notes_height(self.notes_here + new)
        return self.y - LEADING >= floor

    def new_page(self) -> None:
        self.finish_page()
        self.canvas.showPage()
        self.page += 1
        self.y = TOP
        header_x = LEFT - 63 if self.page % 2 == 0 else 510
        self.canvas.setFont(BOLD, 8.5)
        self.canvas.drawString(header_x, 735, self.doc.symbol)
        self.canvas.setLineWidth(0.2)
        self.canvas.line(60, 731, 552, 731)

    def finish_page(self) -> None:
        if self.notes_here:
            y = FOOT + self.notes_height(self.notes_here) - 6
            self.canvas.setFont(BOLD, 8)
            self.canvas.drawString(99.6, y, "_" * 18)
            y -= 14
            for marker in self.notes_here:
                for index, text in enumerate(self.note_lines(marker)):
                    if index == 0:
                        self.canvas.setFont(ROMAN, NOTE_MARK)
                        self.canvas.drawString(117, y + 3.6, marker)
                    self.canvas.setFont(ROMAN, NOTE)
                    self.canvas.drawString(LEFT, y, text)
                    y -= NOTE_LEADING
            self.placed.update(self.notes_here)
            self.notes_here = []
        job = self.doc.job_line.split()[0]
        total = self.total
        if self.page > 1:
            self.canvas.setFont(ROMAN, 7)
            self.canvas.drawString(524.5 if self.page % 2 == 0 else 60, 40, job)
            self.canvas.setFont(BOLD, 8.5)
            self.canvas.drawString(60 if self.page % 2 == 0 else 540, 36, f"{self.page}/{total}")

    def line(self, x: float, words: list[_Word]) -> None:
        markers = [w.marker for w in words if w.marker]
        if not self.fits(markers):
            self.new_page()
        for marker in markers:
            if marker not in self.placed and marker not in self.notes_here:
                self.notes_here.append(marker)
        self.y -= LEADING
        for word in words:
            self.canvas.setFont(word.font, BODY)
            self.canvas.drawString(x, self.y, word.text)
            x += stringWidth(word.text, word.font, BODY)
            if word.marker:
                self.canvas.setFont(ROMAN, MARK)
                self.canvas.drawString(x, self.y + MARK_RISE, word.marker)
                x += stringWidth(word.marker, ROMAN, MARK)
            x += stringWidth(" ", ROMAN, BODY)


def _cover(writer: _Writer) -> None:
    c, doc = writer.canvas, writer.doc
    c.setFont(ROMAN, 14)
    c.drawString(123.4, 735, "United Nations")
    c.setFont(ROMAN, 20)
    c.drawString(492.8, 735, "A")
    c.setFont(ROMAN, 10)
    c.drawString(492.8 + stringWidth("A", ROMAN, 20), 735, doc.symbol[1:])
    c.setFont(BOLD, 20)
    c.drawString(123.4, 705, "General Assembly")
    c.setFont(ROMAN, 10)
    c.drawString(397, 706, "Distr.: General")
    c.drawString(397, 694, doc.distributed)
    c.setLineWidth(1.5)
    c.line(60, 582, 552, 582)
    c.setFont(BOLD, 10)
    c.drawString(60, 570, doc.session_line)
    c.setFont(ROMAN, 10)
    c.drawString(60, 558, doc.agenda_line)
    c.drawString(65.4, 45, doc.job_line)
    c.setFont("Courier-Bold", 12)
    c.drawString(65.4, 32, "*" + doc.job_line.split()[0].replace("-", "") + "*")
    y = 525.0
    c.setFont(BOLD, 14)
    head, _, date = doc.adopted_line.rpartition(" on ")
    c.drawString(111.1, y, head)
    c.drawString(123.4, y - 15, f"on {date}")
    y -= 40
    c.setFont(ROMAN, 10)
    c.drawString(123.4, y, "[")
    c.setFont(ITALIC, 10)
    c.drawString(123.4 + stringWidth("[", ROMAN, 10), y, doc.proponent)
    c.setFont(ROMAN, 10)
    c.drawString(123.4 + stringWidth("[" + doc.proponent, ITALIC, 10), y, "]")
    y -= 25
    c.setFont(BOLD, 12)
    number, _, title = doc.title_line.partition(" ")
    c.drawString(85.1, y, number)
    line = ""
    for word in title.split():
        trial = f"{line} {word}".strip()
        if stringWidth(trial, BOLD, 12) > 370:
            c.drawString(123.4, y, line)
            y -= 13.5
            line = word
        else:
            line = trial
    c.drawString(123.4, y, line)
    writer.y = y - 20
    c.setFont(ITALIC, 10)
    writer.y -= LEADING
    c.drawString(INDENT, writer.y, "The General Assembly")
    c.setFont(ROMAN, 10)
    c.drawString(INDENT + stringWidth("The General Assembly", ITALIC, 10), writer.y, ",")


def build_resolution_pdf(doc: PdfDoc) -> bytes:
    """Typeset twice: the footers print 'page/total', known after the first pass."""
    _, pages = _typeset(doc, total=0)
    return _typeset(doc, total=pages)[0]


def _typeset(doc: PdfDoc, total: int) -> tuple[bytes, int]:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=letter, pageCompression=1)
    writer = _Writer(doc, canvas, total)
    _cover(writer)
    for paragraph in doc.paragraphs:
        writer.y -= PARA_GAP
        words = _words(paragraph)
        first_x = NUMBER_TEXT if paragraph.number else INDENT
        lines = _wrap(words, first_x, doc.hyphenate)
        if paragraph.number:
            if not writer.fits([w.marker for w in lines[0][1] if w.marker]):
                writer.new_page()
            canvas.setFont(ROMAN, BODY)
            canvas.drawString(INDENT, writer.y - LEADING, f"{paragraph.number}.")
        for x, line_words in lines:
            writer.line(x, line_words)
    writer.y -= 2 * LEADING
    for text in doc.closing:
        writer.line(397.3, [_Word(w, ITALIC) for w in text.split()])
    writer.finish_page()
    canvas.save()
    return buffer.getvalue(), writer.page


# --- the seed -----------------------------------------------------------------------------


def seed_document(raw: str, parsed: Resolution) -> PdfDoc:
    """A/RES/58/154 laid out as a PDF: its text and markers from the seed export."""
    raw_lines = [line.strip() for line in raw.splitlines()]
    paragraphs = []
    for paragraph in parsed.paragraphs:
        text = _marked_source(raw_lines, paragraph.text, paragraph.number)
        paragraphs.append(PdfParagraph(paragraph.number, paragraph.lead, text))
    return PdfDoc(
        symbol=parsed.symbol,
        distributed="24 February 2004",
        session_line="Fifty-eighth session",
        agenda_line="Agenda item 112",
        job_line="03-50382 (E) 240204",
        adopted_line="Resolution adopted by the General Assembly on 22 December 2003",
        proponent="on the report of the Third Committee (A/58/503)",
        title_line=f"58/154. {parsed.title}",
        paragraphs=tuple(paragraphs),
        closing=("77th plenary meeting", "22 December 2003"),
        footnotes=tuple((f.marker, f.text) for f in parsed.footnotes),
    )


def _marked_source(lines: list[str], clean: str, number: str | None) -> str:
    """The raw export line of a paragraph, its glued markers written '{1}'."""
    for line in lines:
        body = normalise_space(re.sub(r"^\d+\.\s*", "", line) if number else line)
        if body.startswith(clean[:20]) and (marked := _mark_footnotes(body, clean)):
            return marked
    raise AssertionError(f"paragraph not found in the seed: {clean[:40]!r}")


def _mark_footnotes(source: str, clean: str) -> str | None:
    """Align the raw line with the parsed text: the digits only the raw line has are markers."""
    out, i, j = [], 0, 0
    while i < len(source):
        if j < len(clean) and source[i] == clean[j]:
            out.append(source[i])
            i, j = i + 1, j + 1
            continue
        m = re.match(r"\d{1,3}", source[i:])
        if not m:
            return None
        out.append("{" + m.group(0) + "}")
        i += m.end()
    return "".join(out) if j == len(clean) else None


# --- hostile inputs -----------------------------------------------------------------------


def image_only_pdf() -> bytes:
    """A 'scanned' page: an image and shapes, no text layer."""
    from PIL import Image

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=letter)
    image = Image.new("L", (120, 160), color=200)
    canvas.drawInlineImage(image, 72, 300, width=400, height=500)
    canvas.rect(100, 100, 200, 50, fill=1)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def encrypted_pdf() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=letter, encrypt="secret")
    canvas.setFont(ROMAN, 10)
    canvas.drawString(100, 700, "Resolution adopted by the General Assembly")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def many_pages_pdf(pages: int) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=letter)
    for number in range(pages):
        canvas.setFont(ROMAN, 10)
        canvas.drawString(100, 700, f"page {number + 1}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def text_pdf(lines: list[str]) -> bytes:
    """A readable PDF with some text that is not a resolution."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=letter)
    canvas.setFont(ROMAN, 10)
    for index, line in enumerate(lines):
        canvas.drawString(100, 700 - 14 * index, line)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
