"""Render any `Resolution` as the plain-text export of an ODS Word file, as the UN's export prints it.

An independent model of the format (see `raw/A_RES_58_154.txt`), not of any parser's habits:

    [DU1]
    Resolution adopted by the General Assembly on 22 December 2003
    [on the report of the Third Committee (A/58/503)]
    58/154.<TAB>Title

    <TAB>The General Assembly,
    <TAB>Recalling … Secretary-General,1            (footnote markers glued to the character before)
    <TAB>1.<TAB>Takes note …;2                        (hard wraps: continuations carry no tab)
    <TAB>(a)<TAB>Sub-paragraph …;
    77th plenary meeting
    22 December 2003
    Annex …                                          (annexes, then the footnotes: Word's order)
    1 A/58/281.
    [DU1]<<ODS JOB NO>>N0350382E<<ODS JOB NO>>  … rules, stray page numbers …
    United NationsA/RES/58/154General AssemblyDistr.: General
    24 February 2004Fifty-eighth session
    Agenda item 112
    03 50382

A multi-part resolution (a sequence of `Resolution`s, 'A/RES/75/101 A', '… B') is printed as the
UN prints it: one heading and common title line, then per part its letter, its own title, its own
`The General Assembly,`, paragraphs and closing lines; the footnotes of all parts at the end.
`expected_fields` says what a parser can recover from the rendering, given its variation.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any, Literal

from transforms.model import Annex, Footnote, Paragraph, Resolution

Encoding = Literal["utf-8", "utf-8-sig", "cp1252", "utf-16"]
Placement = Literal["start", "end", "missing"]


@dataclass(frozen=True, slots=True)
class Variation:
    """How one export differs from another; every choice an ODS export is seen to make.

    cp1252 falls back to UTF-8 when the text holds a character cp1252 lacks (U+2011, 'ć').
    """

    encoding: Encoding = "utf-8"
    line_end: Literal["\n", "\r\n"] = "\n"
    wrap: int | None = None  # hard-wrap column (60–100); None: one line per paragraph
    blank_between_paragraphs: bool = False
    trailing_spaces: bool = False  # some lines end with a blank, as in the seed
    subparagraph_style: Literal["tab", "space", "flush"] = "tab"  # \t(a)\tX | \t(a) X | (a) X
    footnote_separator: Literal[" ", "\t"] = " "
    footnotes_at: Literal["end", "after_closing"] = "end"  # end: after the annexes (Word's order)
    markers_after_digits: bool = False  # after a citation's digits: '56/1341', '2001,3'
    closing_indent: str = ""  # the right-aligned closing lines may come out tab-indented
    fourth_committee_long: bool = True  # 'Special Political and Decolonization Committee (…)'
    origin_short_add: bool = True  # 'A/73/L.8 and Add.1' rather than 'A/73/L.8 and A/73/L.8/Add.1'
    origin_paragraph: bool = False  # '(A/75/415, para. 8)' for a committee report
    du_marker: bool = True
    ods_tags: Literal["full", "empty", "missing"] = "full"
    rules: bool = True
    masthead: Placement = "end"
    barcode: bool = True
    page_breaks: int = 0  # running headers / page numbers left between lines of the body
    seed: int = 0  # drives marker positions, page-break positions, paragraph numbers in origins

    def label(self) -> str:
        """The choices that differ from the defaults, for reports: 'encoding=cp1252 wrap=72'."""
        default = Variation()
        changed = [
            f"{f.name}={getattr(self, f.name)!r}"
            for f in fields(self)
            if f.name != "seed" and getattr(self, f.name) != getattr(default, f.name)
        ]
        return " ".join(changed) or "defaults"


def random_variation(rng: random.Random) -> Variation:
    """A seeded random variation; the seed's own layout stays the most likely."""
    return Variation(
        encoding=rng.choice(("utf-8", "utf-8", "utf-8-sig", "cp1252", "utf-16")),
        line_end=rng.choice(("\n", "\r\n")),
        wrap=rng.choice((None, None, rng.randint(60, 100))),
        blank_between_paragraphs=rng.random() < 0.3,
        trailing_spaces=rng.random() < 0.3,
        subparagraph_style=rng.choice(("tab", "tab", "space", "flush")),
        footnote_separator=rng.choice((" ", " ", "\t")),
        footnotes_at=rng.choice(("end", "end", "after_closing")),
        markers_after_digits=rng.random() < 0.25,
        closing_indent=rng.choice(("", "", "\t", "\t\t\t")),
        fourth_committee_long=rng.random() < 0.85,
        origin_short_add=rng.random() < 0.6,
        origin_paragraph=rng.random() < 0.4,
        du_marker=rng.random() < 0.85,
        ods_tags=rng.choice(("full", "full", "full", "empty", "missing")),
        rules=rng.random() < 0.8,
        masthead=rng.choice(("end", "end", "end", "start", "missing")),
        barcode=rng.random() < 0.8,
        page_breaks=rng.choice((0, 0, 1, 2, 3)),
        seed=rng.randrange(2**32),
    )


# --- the document as a whole ------------------------------------------------------------------


def render_ods(resolution: Resolution | Sequence[Resolution], variation: Variation) -> bytes:
    """Render one resolution, or the parts of a multi-part one, as ODS export bytes."""
    return encode(render_text(as_parts(resolution), variation), variation)


def as_parts(resolution: Resolution | Sequence[Resolution]) -> tuple[Resolution, ...]:
    return (resolution,) if isinstance(resolution, Resolution) else tuple(resolution)


def render_text(parts: Sequence[Resolution], v: Variation) -> str:
    rng = random.Random(f"{v.seed}:{parts[0].symbol}")
    lines = _masthead_lines(parts, v) if v.masthead == "start" else []
    lines += _heading_lines(parts, v, rng)
    body: list[tuple[str, bool]] = []
    for part, part_title in zip(parts, split_titles(parts)[1], strict=True):
        body += _part_lines(part, part_title, parts, v, rng)
    lines += _with_page_breaks(body, document_symbol(parts), v.page_breaks, rng)
    annexes = _annex_lines(parts[-1].annexes, v)
    notes = _footnote_lines(all_footnotes(parts), v)
    lines += notes + annexes if v.footnotes_at == "after_closing" else annexes + notes
    lines += _trailer_lines(parts, v)
    if v.trailing_spaces:
        lines = [line + " " if line and rng.random() < 0.2 else line for line in lines]
    return v.line_end.join(lines) + v.line_end


def encode(text: str, v: Variation) -> bytes:
    """UTF-16 carries its BOM (Python's 'utf-16' writes one); cp1252 only when it can."""
    if v.encoding == "cp1252":
        try:
            return text.encode("cp1252")
        except UnicodeEncodeError:
            return text.encode("utf-8")
    return text.encode(v.encoding)


def all_footnotes(parts: Sequence[Resolution]) -> tuple[Footnote, ...]:
    """The footnotes of every part, once each, in marker order (numbering runs across parts)."""
    seen: dict[str, Footnote] = {}
    for part in parts:
        for note in part.footnotes:
            seen.setdefault(note.marker, note)
    return tuple(sorted(seen.values(), key=lambda n: (len(n.marker), n.marker)))


# --- symbols, titles, dates, ordinals ------------------------------------------------------

_NUMBER_RE = re.compile(r"^(?P<number>\d+)(?:\s*(?P<part>[A-Z]))?$")


def split_number(number: str) -> tuple[str, str | None]:
    """'290 A' -> ('290', 'A'); '154' -> ('154', None)."""
    m = _NUMBER_RE.match(number.strip())
    return (m["number"], m["part"]) if m else (number, None)


def session_label(resolution: Resolution) -> str:
    """'58', 'S-27', 'ES-10'."""
    prefix = {"regular": "", "special": "S-", "emergency_special": "ES-"}[resolution.session_kind]
    return f"{prefix}{resolution.session}"


def document_symbol(parts: Sequence[Resolution]) -> str:
    """The symbol the masthead prints: 'A/RES/58/154', 'A/RES/75/290 A', 'A/RES/75/101 A-B'."""
    number, first = split_number(parts[0].number)
    base = f"A/RES/{session_label(parts[0])}/{number}"
    if first is None:
        return base
    last = split_number(parts[-1].number)[1]
    return f"{base} {first}" if len(parts) == 1 else f"{base} {first}-{last}"


def split_titles(parts: Sequence[Resolution]) -> tuple[str, list[str | None]]:
    """The common title line and each part's own title ('Common: Own' is how parts are titled)."""
    titles = [p.title for p in parts]
    if len(parts) == 1 or len(set(titles)) == 1:
        return titles[0], [None] * len(parts)
    heads = {t.split(": ", 1)[0] for t in titles}
    if len(heads) == 1 and all(": " in t for t in titles):
        return heads.pop(), [t.split(": ", 1)[1] for t in titles]
    return titles[0], list(titles)


_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def format_date(day: dt.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def ordinal_suffix(n: int) -> str:
    """77 -> '77th', 1 -> '1st', 112 -> '112th'."""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


_UNIT_ORDINALS = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def ordinal_words(n: int) -> str:
    """58 -> 'Fifty-eighth', 10 -> 'Tenth', 70 -> 'Seventieth' (1–199)."""
    hundred, rest = divmod(n, 100)
    if rest < 20:
        words = _UNIT_ORDINALS[rest]
    elif rest % 10 == 0:
        words = _TENS[rest // 10][:-1] + "ieth"
    else:
        words = f"{_TENS[rest // 10]}-{_UNIT_ORDINALS[rest % 10]}"
    if hundred:
        words = "one hundredth" if rest == 0 else f"one hundred and {words}"
    return words[:1].upper() + words[1:]


def session_words(resolution: Resolution) -> str:
    """'Fifty-eighth session', 'Twenty-seventh special session', 'Tenth emergency special session'."""
    kind = {"regular": "", "special": " special", "emergency_special": " emergency special"}
    return f"{ordinal_words(resolution.session)}{kind[resolution.session_kind]} session"


def roman(n: int) -> str:
    values = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in values:
        while n >= value:
            out, n = out + letters, n - value
    return out


# --- heading ---------------------------------------------------------------------------------


def _heading_lines(parts: Sequence[Resolution], v: Variation, rng: random.Random) -> list[str]:
    first = parts[0]
    adopted = "Resolutions adopted" if len(parts) > 1 else "Resolution adopted"
    heading = f"{adopted} by the General Assembly"
    if first.adopted_on:
        heading += f" on {format_date(first.adopted_on)}"
    lines = ["[DU1]"] if v.du_marker else []
    lines.append(heading)
    if proponent := proponent_line(first, v, rng):
        lines.append(proponent)
    number = split_number(first.number)[0]
    lines += wrap(f"{session_label(first)}/{number}.\t{split_titles(parts)[0]}", v.wrap)
    return [*lines, "", ""]


_FOURTH_LONG = "Special Political and Decolonization Committee (Fourth Committee)"


def proponent_line(resolution: Resolution, v: Variation, rng: random.Random) -> str | None:
    """'[on the report of the Third Committee (A/58/503)]', '[without reference to …]'."""
    documents = origin_text(resolution.origin_documents, v.origin_short_add)
    if resolution.committee:
        committee = resolution.committee
        if committee == "Fourth Committee" and v.fourth_committee_long:
            committee = _FOURTH_LONG
        body = f"on the report of the {committee}"
        if documents and v.origin_paragraph and "/L." not in documents:
            documents += f", para. {rng.randint(5, 40)}"
    elif documents:
        body = "without reference to a Main Committee"
    else:
        return None
    return f"[{body} ({documents})]" if documents else f"[{body}]"


_SUFFIX_RE = re.compile(r"^(?P<base>.+)/(?P<suffix>(?:Add|Corr|Rev)\.\d+)$")


def origin_text(documents: Sequence[str], short_add: bool) -> str:
    """('A/73/L.8', 'A/73/L.8/Add.1') -> 'A/73/L.8 and Add.1' (or '… and A/73/L.8/Add.1')."""
    pieces: list[str] = []
    for document in documents:
        m = _SUFFIX_RE.match(document)
        follows_base = m and pieces and documents[len(pieces) - 1] == m["base"]
        pieces.append(m["suffix"] if follows_base and short_add and m else document)
    if len(pieces) <= 1:
        return "".join(pieces)
    return ", ".join(pieces[:-1]) + " and " + pieces[-1]


# --- parts and paragraphs -------------------------------------------------------------------

Line = tuple[str, bool]  # (text, a page may break after it)


def _part_lines(
    part: Resolution,
    part_title: str | None,
    parts: Sequence[Resolution],
    v: Variation,
    rng: random.Random,
) -> list[Line]:
    lines: list[Line] = []
    letter = split_number(part.number)[1]
    if letter is not None:
        lines.append((letter, False))
        if part_title:
            lines += [(line, False) for line in wrap(part_title, v.wrap)]
        lines.append(("", False))
    lines.append(("\tThe General Assembly,", True))
    for paragraph in part.paragraphs:
        paragraph_rng = random.Random(f"{v.seed}:{part.symbol}:{paragraph.seq}")
        rendered = paragraph_lines(paragraph, v, paragraph_rng)
        lines += [(line, True) for line in rendered]
        if v.blank_between_paragraphs:
            lines.append(("", True))
    lines.append(("", False))
    lines += [(line, False) for line in closing_lines(part, v)]
    if len(parts) > 1 and part is not parts[-1]:
        lines.append(("", False))
    return lines


def closing_lines(part: Resolution, v: Variation) -> list[str]:
    lines = []
    if part.meeting is not None:
        lines.append(f"{v.closing_indent}{ordinal_suffix(part.meeting)} plenary meeting")
    if part.adopted_on is not None:
        lines.append(f"{v.closing_indent}{format_date(part.adopted_on)}")
    return lines


def paragraph_lines(paragraph: Paragraph, v: Variation, rng: random.Random) -> list[str]:
    """One paragraph: glued markers, its lettered sub-paragraphs on lines of their own, wrapped."""
    text = glue_markers(
        " ".join(paragraph.text.split()),
        paragraph.footnote_markers,
        rng,
        v.markers_after_digits,
        paragraph.lead,
    )
    (_, head), *subparagraphs = split_subparagraphs(text)
    prefix = "\t" if paragraph.number is None else f"\t{paragraph.number}.\t"
    lines = wrap(prefix + head, v.wrap)
    for label, content in subparagraphs:
        lines += wrap(_subparagraph_prefix(label, v) + content, v.wrap)
    return lines


def _subparagraph_prefix(label: str, v: Variation) -> str:
    return {"tab": f"\t({label})\t", "space": f"\t({label}) ", "flush": f"({label}) "}[
        v.subparagraph_style
    ]


def wrap(line: str, width: int | None) -> list[str]:
    """Greedy hard wrap at spaces; continuation lines start flush (no tab), as the export does."""
    if width is None:
        return [line]
    lines: list[str] = []
    current = ""
    for word in line.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


# --- lettered sub-paragraphs -------------------------------------------------------------

_LETTERS = [chr(c) for c in range(ord("a"), ord("z") + 1)]
_ROMANS = [roman(n).lower() for n in range(1, 30)]
_LABEL_RE = re.compile(r" \((?P<label>[a-z]{1,2}|[ivxl]{1,6})\) (?=\S)")
_ITEM_END_RE = re.compile(r"(?:[;,:.][\"'”’)]?\d{0,3}|\b(?:and|or))$")


def split_subparagraphs(text: str) -> list[tuple[str, str]]:
    """'Urges: (a) To x; (b) To y' -> [('', 'Urges:'), ('a', 'To x;'), ('b', 'To y')].

    A list opens after a colon with '(a)' (or '(i)' inside a lettered item) and goes on with the
    next label in sequence after an item's closing punctuation; anything else stays in the text.
    """
    cuts: list[tuple[int, int, str]] = []  # (start of ' (x) ', start of the content, label)
    letter = roman_index = 0
    start = 0
    for m in _LABEL_RE.finditer(text):
        before = text[start : m.start()]
        label = m["label"]
        opens = before.endswith(":")
        ends_item = bool(_ITEM_END_RE.search(before))
        if letter and roman_index < len(_ROMANS) and label == _ROMANS[roman_index]:
            is_roman = (roman_index == 0 and opens) or (roman_index > 0 and ends_item)
        else:
            is_roman = False
        is_letter = (
            not is_roman
            and letter < len(_LETTERS)
            and label == _LETTERS[letter]
            and ((letter == 0 and opens) or (letter > 0 and ends_item))
        )
        if not (is_roman or is_letter):
            continue
        if is_roman:
            roman_index += 1
        else:
            letter, roman_index = letter + 1, 0
        cuts.append((m.start(), m.end(), label))
        start = m.end()
    pieces = [("", text[: cuts[0][0]] if cuts else text)]
    for i, (_, content_start, label) in enumerate(cuts):
        end = cuts[i + 1][0] if i + 1 < len(cuts) else len(text)
        pieces.append((label, text[content_start:end]))
    return pieces


# --- footnote markers ---------------------------------------------------------------------

_CLOSING_PUNCTUATION = ",;:.)]\"'”’"


def glue_markers(
    text: str,
    markers: Sequence[str],
    rng: random.Random,
    after_digits: bool = False,
    lead: str | None = None,
) -> str:
    """Insert each marker right after a word or punctuation, in reading order, as superscripts
    come out of a text export: 'Secretary-General,1', 'Convention4 and the 1967 Protocol5'."""
    if not markers:
        return text
    skip = len(lead) if lead and text.startswith(lead) else 0  # never inside the lead phrase
    slots = {i: w for i, w in marker_slots(text, after_digits).items() if i > skip}
    if len(slots) < len(markers):
        slots = {**marker_slots(text, True), **slots}
    if len(slots) < len(markers):  # a tiny text with many notes: any space will do
        slots = {**{i: 1.0 for i, ch in enumerate(text) if ch == " " and i}, len(text): 1.0}
    chosen = _pick_slots(slots, len(markers), len(text), rng)
    for position, marker in sorted(zip(chosen, markers, strict=True), reverse=True):
        text = text[:position] + marker + text[position:]
    return text


def _pick_slots(slots: dict[int, float], k: int, end: int, rng: random.Random) -> list[int]:
    """k distinct slots, weighted; the paragraph's end takes the last marker half the time."""
    pool = dict(slots)
    chosen: list[int] = []
    if end in pool and rng.random() < 0.5:
        chosen.append(end)
        del pool[end]
    while len(chosen) < k and pool:
        position = rng.choices(list(pool), weights=list(pool.values()))[0]
        chosen.append(position)
        del pool[position]
    while len(chosen) < k:  # fewer slots than markers: stack them (never met in practice)
        chosen.append(end)
    return sorted(chosen)


# A number a footnote can follow: a symbol ('56/134', 'A/58/12') or a year ending a citation
# ('of 19 December 2001,'); never a day of the month or a count.
_CITATION_END_RE = re.compile(r"(?:/\w*\d|\b(?:19|20)\d\d[,;:.]?)$")
_LABEL_END_RE = re.compile(r"(?:^|\s)\((?:[a-z]{1,2}|[ivxl]{1,6})\)$")
# Abbreviations that announce a number: a superscript after one, glued to the number that
# follows ('No.9 26'), reads the same as a longer number, and the texts never place one there.
_NUMBER_LABELS = frozenset(["no.", "nos.", "para.", "paras.", "art.", "arts.", "vol.", "p.", "pp."])
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "its",
        "of",
        "on",
        "or",
        "the",
        "their",
        "this",
        "that",
        "to",
        "with",
        "all",
    ]
)


def marker_slots(text: str, after_digits: bool) -> dict[int, float]:
    """Where a superscript can follow (position before a space, or the end) -> how likely.

    Footnotes follow punctuation, names and nouns, never a function word ('of', 'the').
    """
    slots: dict[int, float] = {}
    for i in [*(i for i, ch in enumerate(text) if ch == " "), len(text)]:
        if i == 0:
            continue
        before = text[i - 1]
        if not (before.isalnum() or before in _CLOSING_PUNCTUATION):
            continue
        word = text[:i].rsplit(" ", 1)[-1]
        digit_adjacent = before.isdigit() or (before in ",;:." and i >= 2 and text[i - 2].isdigit())
        if digit_adjacent and not (after_digits and _CITATION_END_RE.search(word)):
            continue
        if word.lower() in _FUNCTION_WORDS or text[i + 1 : i + 2].isupper():
            continue  # not after 'of', nor inside a name ('Human Rights Council')
        if _LABEL_END_RE.search(text[:i]) or (i < len(text) and text[i - 1] == "("):
            continue
        if word.lower().lstrip("([") in _NUMBER_LABELS and text[i + 1 : i + 2].isdigit():
            continue  # never between a label and its number ('Supplement No. 26')
        slots[i] = 3.0 if before in _CLOSING_PUNCTUATION else 2.0 if word[:1].isupper() else 1.0
    return slots


# --- footnotes, annexes, export furniture ------------------------------------------------


def _footnote_lines(notes: Sequence[Footnote], v: Variation) -> list[str]:
    lines: list[str] = []
    for note in notes:
        lines += wrap(f"{note.marker}{v.footnote_separator}{' '.join(note.text.split())}", v.wrap)
    return lines


def _annex_lines(annexes: Sequence[Annex], v: Variation) -> list[str]:
    lines: list[str] = []
    for annex in annexes:
        heading = "Annex" if len(annexes) == 1 else f"Annex {roman(annex.seq)}"
        lines += ["", heading, ""]
        if annex.title:
            lines += [*wrap(annex.title, v.wrap), ""]
        for block in _annex_blocks(annex):
            lines += wrap("\t" + block, v.wrap)
    return [*lines, ""] if lines else []


def _annex_blocks(annex: Annex) -> list[str]:
    """The annex text's blocks, without the heading and title it may repeat at its top."""
    blocks = [" ".join(block.split()) for block in annex.text.split("\n") if block.strip()]
    while blocks and (
        re.fullmatch(r"Annex(?:es)?(?: [IVXL\d]+)?", blocks[0])
        or (annex.title and blocks[0] == " ".join(annex.title.split()))
    ):
        blocks.pop(0)
    return blocks


def _with_page_breaks(
    body: Sequence[Line], symbol: str, count: int, rng: random.Random
) -> list[str]:
    """Leave `count` page breaks' running header and page number between lines of the body."""
    breakable = [i for i, (_, ok) in enumerate(body[:-1]) if ok]
    positions = set(rng.sample(breakable, min(count, len(breakable))))
    lines: list[str] = []
    page = 2
    for i, (line, _) in enumerate(body):
        lines.append(line)
        if i in positions:
            lines += rng.choice(
                (
                    [str(page)],
                    ["", symbol, ""],
                    [str(page), "", symbol],
                    ["", str(page), "", symbol, ""],
                )
            )
            page += 1
    return lines


def job_tag(job_number: str | None) -> str:
    """'03-50382' -> 'N0350382E' (the ODS job number field)."""
    return f"N{job_number.replace('-', '')}E" if job_number else ""


def agenda_text(items: Sequence[str]) -> str:
    """('112',) -> 'Agenda item 112'; ('40', '45') -> 'Agenda items 40 and 45'."""
    if len(items) == 1:
        return f"Agenda item {items[0]}"
    return f"Agenda items {', '.join(items[:-1])} and {items[-1]}"


def _masthead_lines(parts: Sequence[Resolution], v: Variation) -> list[str]:
    """The first-page header block, glued as the export glues its table cells."""
    first = parts[0]
    distributed = format_date(first.distributed_on) if first.distributed_on else ""
    lines = [
        f"United Nations{document_symbol(parts)}General AssemblyDistr.: General",
        f"{distributed}{session_words(first)}",
    ]
    if first.agenda_items:
        lines.append(agenda_text(first.agenda_items))
    lines.append("")
    if v.barcode and first.job_number:
        lines += [first.job_number.replace("-", " "), ""]
    return lines


def _trailer_lines(parts: Sequence[Resolution], v: Variation) -> list[str]:
    """What the export leaves after the text: ODS fields, rules, headers, footers, page numbers."""
    symbol = document_symbol(parts)
    job = job_tag(parts[0].job_number) if v.ods_tags == "full" else ""
    lines = []
    if v.ods_tags != "missing":
        lines += [
            ("[DU1]" if v.du_marker else "") + f"<<ODS JOB NO>>{job}<<ODS JOB NO>>",
            f"<<ODS DOC SYMBOL1>>{symbol if v.ods_tags == 'full' else ''}<<ODS DOC SYMBOL1>>",
            "<<ODS DOC SYMBOL2>><<ODS DOC SYMBOL2>>",
        ]
    if v.rules:
        lines += ["_" * 15, "", "-" * 60, "", "-" * 15, "", "-" * 60, ""]
    pages = 2 + v.page_breaks
    lines += [str(pages), "    ", "", str(pages), ""]
    if v.masthead == "end":
        lines += _masthead_lines(parts, v)
    elif v.masthead == "missing" and v.barcode and parts[0].job_number:
        lines += [parts[0].job_number.replace("-", " "), ""]
    lines += [symbol, "", symbol, "", str(pages), "", str(pages - 1)]
    return lines


# --- what a parser should recover ----------------------------------------------------------

METADATA_FIELDS = (
    "symbol",
    "session_kind",
    "session",
    "number",
    "title",
    "adopted_on",
    "meeting",
    "committee",
    "origin_documents",
    "agenda_items",
    "distributed_on",
    "job_number",
)


def expected_fields(resolution: Resolution, variation: Variation | None = None) -> dict[str, Any]:
    """The fields ODS text carries, as a parser should recover them from the rendering.

    With a variation, fields whose only carrier it left out are expected empty: the masthead
    holds the distribution date and agenda items; the job number needs the ODS tag or barcode.
    """
    expected: dict[str, Any] = {name: getattr(resolution, name) for name in METADATA_FIELDS}
    if variation is not None:
        if variation.masthead == "missing":
            expected["distributed_on"] = None
            expected["agenda_items"] = ()
        if not (variation.ods_tags == "full" or variation.barcode):
            expected["job_number"] = None
    expected["paragraphs"] = tuple(
        (p.part, p.number, p.lead, " ".join(p.text.split())) for p in resolution.paragraphs
    )
    expected["footnotes"] = tuple(
        (f.marker, " ".join(f.text.split())) for f in resolution.footnotes
    )
    expected["footnote_links"] = tuple(p.footnote_markers for p in resolution.paragraphs)
    return expected
