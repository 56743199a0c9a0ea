"""Akoma Ntoso for the UN (AKN4UN) XML -> `Resolution`s.

One call reads one file and returns one `Resolution` per resolution it holds: a multi-part
resolution (`A/RES/75/101 A-B`, a `documentCollection` with one `component` per part) becomes
one `Resolution` per part. Elements are matched by local name, so the namespace (AKN 3.0 or
another version, with or without the akn4un extension, any prefix) does not matter, and every
element may be missing: a field the file does not state is left empty rather than guessed.

Decisions worth knowing:
- the symbol comes from the document (cover page `docNumber`, else preface number + session,
  else the FRBR work URI), never from a file name;
- sponsors are the State names listed in the workflow steps `draftResolution` (role `main`) and
  `draftResolutionAdditionalSponsors` (`additional`), as printed (title case there, while the
  voting lists print names in capitals); texts that name no State ('submitted by the President
  of the General Assembly', 'introduced … on behalf of the Bureau', 'N.A.') give no sponsor,
  and a group spokesman ('Guinea (on behalf of … the Group of 77 and China)') is its State;
- origin documents are the report or draft(s) named in the cover page; amendments quoted in
  parentheses ('(as amended in A/75/L.104)') are not origin documents;
- `list/point` sub-paragraphs stay in their paragraph's text; so do unnumbered operative blocks
  that start with a label ('(a)', '(iii)'), have no italic lead ('and its request that …'),
  or are tables and the notes under them. An unnumbered block with a lead ('Urges …:' in a
  resolution without numbers) is an operative paragraph without a number; a number printed in
  the text ('3 Calls upon', no `num`) is used. Headings, '* * *' and bold-only preamble
  headings are not paragraphs;
- the lead is the leading italic span, completed when the markup cuts it short ('Calls' +
  'upon', 'Encourage' + 's', 'Takes' + 'note'); a preamble `container` without italics gives
  its `name` when the text starts with it;
- citations are the `<a href>` links to UN documents inside paragraphs and footnotes;
- annexes are the `attachment`s (and `component`s holding a `doc`), never paragraphs.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from lxml import etree

from transforms.common import (
    canonical_committee,
    canonical_job_number,
    fold_typography,
    ordinal_number,
    parse_date,
    split_resolution_symbol,
)
from transforms.member_states import canonical_member_state
from transforms.model import (
    Adoption,
    Annex,
    Citation,
    CitationKind,
    Footnote,
    Paragraph,
    ParseError,
    Resolution,
    Sponsor,
    SponsorRole,
    Vote,
    VoteValue,
)

MAX_BYTES = 20 * 1024 * 1024  # the largest real file is well under 1 MB

_Element = etree._Element

# No DTD loading, no entity substitution, no network, no huge trees: an entity bomb or an
# external entity is never expanded nor fetched.
_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
    collect_ids=False,
)
_ENTITY_DECL_RE = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DOCTYPE_RE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)

_LANGUAGES = {"eng": "en", "fra": "fr", "spa": "es", "rus": "ru", "ara": "ar", "zho": "zh"}


# --------------------------------------------------------------------------------------------
# small tree helpers (local names, so any namespace or prefix works)


_LOCAL_NAMES: dict[str, str] = {}


def _local(el: _Element) -> str:
    """'{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}p' -> 'p'; '' for comments."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = _LOCAL_NAMES[tag] = tag.rpartition("}")[2]
    return name


def _children(el: _Element, *names: str) -> Iterator[_Element]:
    return el.iterchildren(*_any_namespace(names))  # lxml filters the tags, in C


def _child(el: _Element | None, *names: str) -> _Element | None:
    if el is None:
        return None
    return next(_children(el, *names), None)


@functools.cache
def _any_namespace(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple("{*}" + name for name in names)


def _descendants(el: _Element | None, name: str) -> Iterator[_Element]:
    if el is None:
        return iter(())
    return el.iter("{*}" + name)


def _first(el: _Element | None, name: str) -> _Element | None:
    return next(_descendants(el, name), None)


# What fold_typography drops; the spaces it maps are whitespace to split().
_INVISIBLE_RE = re.compile("[\u00ad\u200b\ufeff\u200e\u200f\u2060]")


def _clean(text: str | None) -> str:
    """fold_typography + normalise_space, with a fast path for ASCII (most of the text)."""
    if not text:
        return ""
    if not text.isascii():
        text = _INVISIBLE_RE.sub("", unicodedata.normalize("NFC", text))
    return " ".join(text.split())


# Elements that start a new line on the printed page: their text is separated by a space.
_BLOCKS = frozenset(
    [
        "p",
        "num",
        "content",
        "intro",
        "point",
        "list",
        "sublist",
        "item",
        "listIntroduction",
        "heading",
        "subheading",
        "crossHeading",
        "tr",
        "td",
        "th",
        "table",
        "blockList",
        "eol",
        "br",
        "container",
        "paragraph",
    ]
)


def _raw_text(el: _Element, skip_notes: bool = True) -> str:
    """The text of `el`, without footnotes (their content and thus their markers)."""
    if not len(el):  # a leaf (`num`, a span, a link): most calls
        return el.text or ""
    parts: list[str] = []
    _collect_text(el, parts, skip_notes)
    return "".join(parts)


def _collect_text(el: _Element, parts: list[str], skip_notes: bool) -> None:
    if el.text:
        parts.append(el.text)
    for child in el:
        name = _LOCAL_NAMES.get(child.tag) or _local(child)  # `_local` inlined: a hot loop
        if name == "authorialNote" and skip_notes:
            pass
        elif name in _BLOCKS:
            parts.append(" ")
            _collect_text(child, parts, skip_notes)
            parts.append(" ")
        elif not name:
            pass  # not an element (a comment or an entity a parser kept): only its tail is text
        elif len(child):
            _collect_text(child, parts, skip_notes)
        elif child.text:  # an inline leaf: no call for it
            parts.append(child.text)
        if child.tail:
            parts.append(child.tail)


def _text(el: _Element | None) -> str:
    return "" if el is None else _clean(_raw_text(el))


# --------------------------------------------------------------------------------------------
# parsing and validating the XML


def _parse_xml(data: bytes) -> _Element:
    if not isinstance(data, bytes | bytearray):
        raise ParseError("expected the bytes of an XML file")
    if len(data) > MAX_BYTES:
        raise ParseError(f"file too large for a resolution ({len(data):,} bytes)")
    if not data.strip():
        raise ParseError("empty file")
    _reject_entity_declarations(data)
    try:
        root = etree.fromstring(bytes(data), _PARSER)
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"not well-formed XML: {exc}") from None
    except (ValueError, etree.LxmlError) as exc:
        raise ParseError(f"unreadable XML: {exc}") from None
    if root is None:
        raise ParseError("no XML root element")
    doctype = root.getroottree().docinfo.internalDTD
    # (lxml-stubs 0.5 lacks DTD.iterentities, which lxml has)
    if doctype is not None and any(True for _ in doctype.iterentities()):  # type: ignore[union-attr]
        raise ParseError("the document declares XML entities; refusing it (entity expansion)")
    return root


def _reject_entity_declarations(data: bytes) -> None:
    """Refuse a DOCTYPE that declares entities before parsing: billion laughs, XXE."""
    head = data[:65536]
    if b"\x00" in head[:4]:  # UTF-16/32: look at the text with the NULs removed
        head = head.replace(b"\x00", b"")
    # (a plain `in` first: most files hold no '<!' at all, and a case-insensitive scan of
    # 64 KB is slow)
    if b"<!" in head and _DOCTYPE_RE.search(head) and _ENTITY_DECL_RE.search(data):
        raise ParseError("the document declares XML entities; refusing it (entity expansion)")


def _check_akn(root: _Element) -> None:
    if _local(root) != "akomaNtoso":
        raise ParseError(f"not an Akoma Ntoso document (root element <{_local(root)}>)")


# --------------------------------------------------------------------------------------------
# the document's own layout: a single statement, or a collection with one component per part


@dataclass(slots=True)
class _Layout:
    top: _Element  # statement / documentCollection / doc: the cover page and meta live here
    parts: list[tuple[str | None, _Element]]  # (part letter, statement) in order
    annexes: list[_Element] = field(default_factory=list)


_DOC_TYPES = ("statement", "documentCollection", "doc", "act", "bill", "debate", "judgment")


def _layout(root: _Element) -> _Layout:
    top = _child(root, *_DOC_TYPES)
    if top is None:
        raise ParseError("Akoma Ntoso file without a statement or document collection")
    component_docs = [
        doc
        for comp in _descendants(root, "component")
        for doc in _children(comp, "statement", "doc", "act", "bill")
    ]
    statements = [d for d in component_docs if _local(d) == "statement" or _is_resolution(d)]
    annex_docs = [d for d in component_docs if d not in statements]
    annex_docs += [
        doc
        for att in _descendants(root, "attachment")
        for doc in _children(att, "doc", "statement", "act")
    ]
    parts: list[tuple[str | None, _Element]]
    if _local(top) == "documentCollection" and statements:
        parts = [(_part_letter(s, i), s) for i, s in enumerate(statements)]
    else:
        parts = [(None, top)]
    return _Layout(top=top, parts=parts, annexes=annex_docs)


def _is_resolution(doc: _Element) -> bool:
    return _child(doc, "preamble") is not None or (doc.get("name") or "") == "resolution"


def _part_letter(statement: _Element, index: int) -> str:
    """'A' from the part's preface `docNumber`; failing that, its position (A, B, …)."""
    for number in _descendants(_child(statement, "preface"), "docNumber"):
        m = re.fullmatch(r"\(?([A-Z])\)?\.?", _text(number))
        if m:
            return m.group(1)
    return chr(ord("A") + index)


# --------------------------------------------------------------------------------------------
# symbol, session, language


_SYMBOL_RE = re.compile(
    r"A/RES/(?:(?:ES|S)-)?\d{1,3}/\d{1,4}(?:\s*[A-Z](?:\s*[-\u2013]\s*[A-Z])?)?(?![\w/])"
)
_SHORT_NUMBER_RE = re.compile(
    r"^(?P<session>(?:(?:ES|S)-)?\d{1,3})/(?P<number>\d{1,4})(?:\s*(?P<part>[A-Z]))?\.?$"
)
_FRBR_NUMBER_RE = re.compile(r"/((?:(?:es|s)-)?\d{1,3})-(\d{1,4})(?:-?([a-z]))?/", re.IGNORECASE)


def _symbol(top: _Element) -> str:
    cover = _child(top, "coverPage")
    for number in _descendants(cover, "docNumber"):
        m = _SYMBOL_RE.search(_text(number))
        if m:
            return _tidy_symbol(m.group(0))
    preface = _child(top, "preface")
    for number in _descendants(preface, "docNumber"):
        m = _SHORT_NUMBER_RE.match(_text(number))
        if m:
            session = m["session"]
            if "/" not in _text(number) or not session:
                session = _session_label(cover) or session
            symbol = f"A/RES/{session}/{m['number']}"
            return f"{symbol} {m['part']}" if m["part"] else symbol
        bare = re.fullmatch(r"(\d{1,4})\.?", _text(number))
        if bare and _session_label(cover):
            return f"A/RES/{_session_label(cover)}/{bare.group(1)}"
    for frbr in _descendants(_child(top, "meta"), "FRBRthis"):
        m = _FRBR_NUMBER_RE.search(frbr.get("value") or "")
        if m:
            symbol = f"A/RES/{m.group(1).upper()}/{m.group(2)}"
            return f"{symbol} {m.group(3).upper()}" if m.group(3) else symbol
    raise ParseError("no resolution symbol in the document (cover page or preface docNumber)")


_DASH_RE = re.compile(r"\s*[-\u2013]\s*")


def _tidy_symbol(symbol: str) -> str:
    """'A/RES/75/101 A - B' -> 'A/RES/75/101 A-B'; 'A/RES/75/290A' -> 'A/RES/75/290 A'."""
    m = re.match(r"(A/RES/[^/]+/\d+)\s*([A-Z](?:\s*[-\u2013]\s*[A-Z])?)?$", symbol)
    if not m:
        return symbol
    base, part = m.group(1), m.group(2)
    return f"{base} {_DASH_RE.sub('-', part)}" if part else base


def _session_label(cover: _Element | None) -> str | None:
    session = _first(cover, "session")
    if session is None:
        return None
    value = (session.get("value") or "").strip()
    if re.fullmatch(r"(?:(?:ES|S)-)?\d{1,3}", value):
        return value
    number = ordinal_number(_text(session))
    if number is None:
        return None
    text = _text(session).lower()
    prefix = "ES-" if "emergency" in text else "S-" if "special" in text else ""
    return f"{prefix}{number}"


def _part_symbol(symbol: str, letter: str | None) -> str:
    """Collection 'A/RES/75/101 A-B' + 'B' -> 'A/RES/75/101 B'."""
    if letter is None:
        return symbol
    base = re.sub(r"\s+[A-Z](?:-[A-Z])?$", "", symbol)
    return f"{base} {letter}"


def _language(top: _Element) -> str:
    lang = _first(_child(top, "meta"), "FRBRlanguage")
    code = (lang.get("language") or "").strip().lower() if lang is not None else ""
    return _LANGUAGES.get(code, code[:2] if len(code) == 2 else code or "en")


# --------------------------------------------------------------------------------------------
# cover page: title, dates, agenda items, committee, origin documents, job number


def _title(top: _Element, statement: _Element) -> str:
    """Preface title; a part adds its own: 'Questions relating to information: Information …'."""
    main, own = _preface_titles(_child(top, "preface"))
    if statement is not top:
        before, after = _preface_titles(_child(statement, "preface"))
        own = before + after
    title = "; ".join(main)
    if own:
        title = f"{title}: {'; '.join(own)}" if title else "; ".join(own)
    return title


def _preface_titles(preface: _Element | None) -> tuple[list[str], list[str]]:
    """The preface's titles before and after a part letter ('A', '(B)')."""
    before: list[str] = []
    after: list[str] = []
    if preface is None:
        return before, after
    current = before
    for el in preface.iter("{*}docNumber", "{*}docTitle"):
        if _local(el) == "docNumber":
            if re.fullmatch(r"\(?[A-Z]\)?\.?", _text(el)):
                current = after
        elif (text := _text(el)) and text not in current:
            current.append(text)
    return before, after


def _date_of(el: _Element | None) -> dt.date | None:
    """`@date` (ISO) of a docDate; its printed text when the attribute is unusable."""
    if el is None:
        return None
    value = (el.get("date") or "").strip()
    if value and not value.startswith("0001"):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            pass
    return parse_date(_text(el))


def _cover_date(cover: _Element | None) -> dt.date | None:
    for date in _descendants(cover, "docDate"):
        found = _date_of(date)
        if found:
            return found
    return None


_AGENDA_RE = re.compile(r"(\d{1,3})(?:\s*\(\s*([a-z]{1,3})\s*\))?")


def _agenda_items(cover: _Element | None) -> tuple[str, ...]:
    """'Agenda item 128 (a)' -> ('128 (a)',); 'Agenda items 40 and 45' -> ('40', '45')."""
    items: list[str] = []
    for inline in _descendants(cover, "inline"):
        if (inline.get("name") or "").strip().lower() not in ("agenda item", "agendaitem"):
            continue
        text = re.sub(r"^\D*", "", _text(inline))  # drop 'Agenda items', 'Point de l'ordre…'
        for m in _AGENDA_RE.finditer(text):
            item = f"{m.group(1)} ({m.group(2)})" if m.group(2) else m.group(1)
            if item not in items:
                items.append(item)
    return tuple(items)


def _proponent(cover: _Element | None) -> _Element | None:
    return _first(cover, "docProponent")


def _committee(proponent: _Element | None) -> str | None:
    if proponent is None:
        return None
    refers = proponent.get("refersTo") or ""
    if refers and ("nomain" in refers.lower() or "without" in refers.lower()):
        return None
    return canonical_committee(refers) or canonical_committee(_text(proponent))


_DOC_SYMBOL_RE = re.compile(r"(?<![\w/])(?:[A-Z][A-Za-z0-9.\-]*)(?:/[A-Za-z0-9.\-()]+)+")


def _origin_documents(proponent: _Element | None, steps: list[_Element]) -> tuple[str, ...]:
    texts = [
        _text(inline)
        for inline in _descendants(proponent, "inline")
        if "originating" in (inline.get("name") or "").lower()
    ]
    if not texts and proponent is not None:
        inner = re.search(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)\]?\s*$", _text(proponent))
        texts = [inner.group(1)] if inner else []
    documents: list[str] = []
    for text in texts:
        for symbol in origin_symbols(text):
            if symbol not in documents:
                documents.append(symbol)
    if not documents:  # the workflow: the report recommending adoption, else the draft
        for outcome in ("recommendedForAdoption", "draftResolution"):
            for step in steps:
                if step.get("outcome") == outcome:
                    documents += [s for s in origin_symbols(step.get("as") or "")]
            if documents:
                break
    return tuple(dict.fromkeys(documents))


def origin_symbols(text: str) -> list[str]:
    """'A/73/L.8 and Add.1' -> ['A/73/L.8', 'A/73/L.8/Add.1']; 'A/75/416, para. 7' -> ['A/75/416'].

    Amendments named in parentheses ('A/75/L.101 (as amended in A/75/L.104)') are left out.
    """
    text = _clean(text)
    text = re.sub(r"\([^()]*\)", " ", text)  # '(as amended in …)'
    text = re.split(r",?\s+as (?:orally )?(?:revised|amended)\b", text)[0]
    symbols: list[str] = []
    for piece in re.split(r",|\band\b|\bet\b|;", text):
        piece = piece.strip().rstrip(".")
        if not piece or re.match(r"(?i)paras?\.?\s", piece) or re.fullmatch(r"\d+", piece):
            continue
        m = re.fullmatch(r"(?:Add|Corr|Rev)\.\d+(?:/(?:Add|Corr|Rev)\.\d+)*", piece)
        if m and symbols:
            symbols.append(f"{symbols[-1]}/{piece}")
            continue
        m = _DOC_SYMBOL_RE.search(piece)
        if m:
            symbols.append(m.group(0).rstrip(".,"))
    return symbols


def _job_number(top: _Element) -> str | None:
    for docket in _descendants(top, "docketNumber"):
        job = canonical_job_number(_text(docket))
        if job:
            return job
    return None


# --------------------------------------------------------------------------------------------
# adoption: conclusions, workflow, voting


def _adoption_meeting_and_date(
    statement: _Element, top: _Element, steps: list[_Element]
) -> tuple[int | None, dt.date | None]:
    meeting: int | None = None
    adopted: dt.date | None = None
    for holder in (statement, top):
        conclusions = _child(holder, "conclusions")
        if conclusions is None:
            continue
        for el in conclusions.iter():
            name = _local(el)
            marker = f"{el.get('name') or ''} {el.get('refersTo') or ''}".lower()
            if meeting is None and name in ("inline", "location") and "meeting" in marker:
                meeting = ordinal_number(el.get("title") or "") or ordinal_number(_text(el))
            elif adopted is None and name == "docDate":
                adopted = _date_of(el)
        if meeting is None:
            meeting = _meeting_number(_text(conclusions))
        if meeting is not None or adopted is not None:
            break
    for step in steps:
        if step.get("outcome") != "adopted":
            continue
        if adopted is None:
            adopted = _iso_date(step.get("date"))
        if meeting is None:
            meeting = _meeting_number(step.get("as") or "")
    if adopted is None:  # 'Resolution adopted by the General Assembly on 10 December 2020'
        cover = _child(top, "coverPage")
        for title in _descendants(cover, "docTitle"):
            if "adopt" in _text(title).lower():
                adopted = parse_date(_text(title))
                break
    return meeting, adopted


def _meeting_number(text: str) -> int | None:
    """'41st plenary meeting', 'A/75/PV.41', 'Adopted without vote, 59th plenary meeting'."""
    m = re.search(r"/PV\.(\d+)", text)
    if m:
        return int(m.group(1))
    m = re.search(r"(\d+)\s*(?:st|nd|rd|th|e)\b[^,;]*?(?:plenary|séance)", text)
    return int(m.group(1)) if m else None


def _iso_date(value: str | None) -> dt.date | None:
    if not value or value.startswith("0001"):  # the workflow's placeholder for 'unknown'
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class _Voting:
    adoption: Adoption | None = None
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None
    votes: tuple[Vote, ...] = ()


_COUNT_KINDS: dict[str, VoteValue] = {
    "infavour": "yes",
    "yes": "yes",
    "against": "no",
    "no": "no",
    "abstaining": "abstain",
    "abstention": "abstain",
    "abstentions": "abstain",
    "nonvoting": "non_voting",
    "absent": "non_voting",
    "notvoting": "non_voting",
}
_TALLY_RE = re.compile(r"(\d+)\s*[-\u2013]\s*(\d+)\s*[-\u2013]\s*(\d+)")


def _voting(meta: _Element | None, steps: list[_Element]) -> _Voting:
    voting = _first(meta, "voting")
    outcome = (voting.get("outcome") or "") if voting is not None else ""
    if not outcome:
        outcome = next((s.get("as") or "" for s in steps if s.get("outcome") == "adopted"), "")
    counts: dict[VoteValue, int] = {}
    votes: list[Vote] = []
    for count in _descendants(voting, "count"):
        kind = _COUNT_KINDS.get(re.sub(r"[^a-z]", "", (count.get("refersTo") or "").lower()))
        if kind is None:
            continue
        entries = [_vote(_raw_text(o), kind) for o in _descendants(count, "organization")]
        cast = [vote for vote in entries if vote is not None]
        value = (count.get("value") or "").strip()
        counts[kind] = int(value) if value.isdigit() else len(cast)
        votes += cast
    adoption = _adoption_kind(outcome, bool(counts))
    if adoption != "recorded_vote":
        return _Voting(adoption=adoption)
    tally = _TALLY_RE.search(outcome)
    if tally and not counts:  # 'Adopted 133-3-0, 88th plenary meeting'
        counts = {"yes": int(tally[1]), "no": int(tally[2]), "abstain": int(tally[3])}
    return _Voting(
        adoption=adoption,
        yes=counts.get("yes", 0),
        no=counts.get("no", 0),
        abstain=counts.get("abstain", 0),
        votes=tuple(dict.fromkeys(votes)),
    )


@functools.lru_cache(maxsize=4096)  # the same 193 States and four values, document after document
def _vote(printed: str, value: VoteValue) -> Vote | None:
    """The vote of the State printed in a voting list (None: an empty entry)."""
    name = _clean(printed)
    if not name:
        return None
    # one spelling per State, so votes and sponsors join ('COTE D'IVOIRE' -> "Côte d'Ivoire")
    return Vote(member_state=canonical_member_state(name) or name, vote=value)


def _adoption_kind(outcome: str, has_counts: bool) -> Adoption | None:
    flat = re.sub(r"[^a-z0-9]", "", outcome.lower())
    if "withoutvote" in flat or "withoutavote" in flat or "consensus" in flat:
        return "without_vote"
    if "recordedvote" in flat or _TALLY_RE.search(outcome) or has_counts:
        return "recorded_vote"
    return None


# --------------------------------------------------------------------------------------------
# sponsors (workflow steps)

_SPONSOR_ROLES: dict[str, SponsorRole] = {
    "draftresolution": "main",
    "draftresolutionsponsors": "main",
    "draftresolutionadditionalsponsors": "additional",
    "additionalsponsors": "additional",
}
# Names of States that contain 'and', protected from the list split.
_AND_NAMES = (
    "Antigua and Barbuda",
    "Bosnia and Herzegovina",
    "Saint Kitts and Nevis",
    "Saint Vincent and the Grenadines",
    "Sao Tome and Principe",
    "Trinidad and Tobago",
    "United Kingdom of Great Britain and Northern Ireland",
    "Heard Island and McDonald Islands",
    "Wallis and Futuna",
    "Turks and Caicos Islands",
)
_AND_RE = re.compile("|".join(re.escape(n) for n in _AND_NAMES), re.IGNORECASE)
# Texts that name a body or a procedure, not sponsoring States.
_NOT_A_STATE_RE = re.compile(
    r"(?i)^(?:submitted|introduced|on the basis|sponsored by the|proposed by the|by the )|"
    r"\b(?:President|Chair|Vice-Chair|Rapporteur|Bureau|Committee|Commission|Council|"
    r"Secretary-General|Working Group|consultations|draft resolution|amendment|rejected)\b"
)
# A step naming an officer or a procedure ('France Cassar (Malta), submitted by the
# Rapporteur …', 'the representative of Ghana, on behalf of the Bureau') names no sponsor.
_PROCEDURE_RE = re.compile(
    r"(?i)^(?:sponsored|proposed|by the )|\b(?:submitted by|introduced in|introduced by"
    r"|on the basis of|on behalf of the Bureau|representative of|the amendment)\b"
)
# ('of behalf' is a misprint seen in a real workflow step; the group's name may hold a
# parenthesis of its own: '… Free Zone (Bangkok Treaty))')
_ON_BEHALF_RE = re.compile(
    r"(?i)\s*\((?:o[nf] behalf|in (?:its|his|her) capacity|as )[^()]*(?:\([^()]*\)[^()]*)*\)"
)
_PLACEHOLDER_RE = re.compile(r"(?i)^(?:n\.?\s*a\.?|none|nil|-+|—)$")
# Compiled here, not in the calls: they run once per name of a list of a hundred sponsors.
_SPONSOR_LIST_SPLIT_RE = re.compile(r"\s*,\s*|\s+and\s+")
_LEADING_AND_THE_RE = re.compile(r"^(?:and|the)\s+(?=[A-Z])")
_NAME_START_RE = re.compile(r"[A-ZÀ-Ýa-z]")


def _sponsors(steps: list[_Element]) -> tuple[Sponsor, ...]:
    sponsors: list[Sponsor] = []
    seen: set[str] = set()
    for step in steps:
        role = _SPONSOR_ROLES.get((step.get("outcome") or "").lower())
        if role is None:
            continue
        for name in sponsor_names(step.get("by") or ""):
            state = canonical_member_state(name)
            if state is not None and state not in seen:  # None: a body or an officer
                seen.add(state)
                sponsors.append(Sponsor(member_state=state, role=role))
    return tuple(sponsors)


def sponsor_names(text: str) -> list[str]:
    """Sponsoring States named in a workflow step (see `_sponsor_names`)."""
    return list(_sponsor_names(text))


@functools.lru_cache(maxsize=4096)  # sponsor lists repeat from year to year
def _sponsor_names(text: str) -> tuple[str, ...]:
    """'Albania, Trinidad and Tobago and Yemen' -> ['Albania', 'Trinidad and Tobago', 'Yemen']."""
    text = _clean(text)
    text = re.split(r"\.\s+[-\u2013]\s+", text)[0]  # '… United States. - Removes Czechia from …'
    if not text or _PLACEHOLDER_RE.match(text):
        return ()
    if _PROCEDURE_RE.search(text):
        return ()  # 'submitted by the Special Committee on … Countries and Peoples'
    # '(on behalf of … Group of 77 and China)' qualifies the name before it: drop it first;
    # '(Plurinational State of)' is part of the name and stays
    text = _ON_BEHALF_RE.sub("", text)
    protected: dict[str, str] = {}

    def protect(m: re.Match[str]) -> str:
        key = f"\x00{len(protected)}\x00"
        protected[key] = m.group(0)
        return key

    text = _AND_RE.sub(protect, text)
    names = []
    for piece in _SPONSOR_LIST_SPLIT_RE.split(text):
        for key, value in protected.items():
            piece = piece.replace(key, value)
        piece = _LEADING_AND_THE_RE.sub("", piece.strip(" .;"))
        # a State's name is known at once (cached); only the rest needs the regexes
        if canonical_member_state(piece) is not None or _is_state_name(piece):
            names.append(piece)
    return tuple(names)


def _is_state_name(name: str) -> bool:
    if not name or _PLACEHOLDER_RE.match(name) or _NOT_A_STATE_RE.search(name):
        return False
    return bool(_NAME_START_RE.match(name)) and len(name.split()) <= 8


# --------------------------------------------------------------------------------------------
# paragraphs, leads, footnotes, citations


@dataclass(slots=True)
class _Block:
    """One paragraph being assembled: the cleaned text of its pieces, in order, and its lead."""

    part: str
    number: str | None
    texts: list[str]
    elements: list[_Element]
    lead: str | None = None

    def add(self, el: _Element, text: str) -> None:
        self.elements.append(el)
        self.texts.append(text)

    @property
    def text(self) -> str:
        return " ".join([t for t in self.texts if t])


_SUBPARA_RE = re.compile(r"^\(?(?:[a-z]{1,3}|[ivxlc]+|\d{1,2})\)\s*")
_NUMBER_RE = re.compile(r"^(\d{1,3}[a-z]?(?:\s*(?:bis|ter))?)\.?$")
_INLINE_NUMBER_RE = re.compile(r"^(\d{1,3})\.?\s+(?=[A-Z])")
_HEADINGS = frozenset(("heading", "subheading", "crossHeading"))


def _paragraph_blocks(statement: _Element) -> list[_Block]:
    blocks: list[_Block] = []
    preamble = _child(statement, "preamble")
    if preamble is not None:
        _preamble_blocks(preamble, blocks)
    main = _child(statement, "mainBody", "body")
    if main is not None:
        _operative_blocks(main, blocks)
    return blocks


def _preamble_blocks(preamble: _Element, blocks: list[_Block]) -> None:
    for el in preamble:
        name = _local(el)
        if name in ("formula", "", "num"):
            continue
        text = _text(el)
        if not _has_words(text) or _is_heading(el, text):
            continue
        starts_sub = name in ("blockList", "list", "item") or _SUBPARA_RE.match(text)
        if starts_sub and blocks and blocks[-1].part == "preamble":
            blocks[-1].add(el, text)  # '(a) International peace and security,'
        else:
            lead = _lead(_first_p(el)) or _named_lead(el, text)
            blocks.append(_Block("preamble", None, [text], [el], lead))


def _operative_blocks(container: _Element, blocks: list[_Block]) -> None:
    for el in container:
        name = _local(el)
        if name in ("section", "part", "chapter", "division", "title", "hcontainer", "article"):
            _operative_blocks(el, blocks)
        elif name in ("paragraph", "p", "blockList", "list", "container", "tblock", "point"):
            _operative_block(el, blocks)
        # num, heading, subheading, crossHeading, intro, wrapUp: headings, not paragraphs


def _operative_block(el: _Element, blocks: list[_Block]) -> None:
    name = _local(el)
    num = ""
    if name == "paragraph":
        num_el = None
        body = []  # its children but the first `num` and the headings
        for child in el:
            child_name = _local(child)
            if child_name == "num" and num_el is None:
                num_el = child
            elif child_name not in _HEADINGS:
                body.append(child)
        num = _text(num_el)
        if not body:
            return  # a section heading ('I', 'Introduction') marked up as a paragraph
        text = _clean(" ".join([_raw_text(c) for c in body]))
    else:
        text = _text(el)
    if not _has_words(text):
        return  # '* * *'
    number, inline = _paragraph_number(num, text)
    if inline:
        text = _INLINE_NUMBER_RE.sub("", text, count=1)
    elif num and number is None:
        text = f"{num} {text}"  # '(iii) Assistance in …' keeps its label
    # operative blocks follow the preamble's: the last block is the previous operative one
    previous = blocks[-1] if blocks and blocks[-1].part == "operative" else None
    lead = None
    if number is None and previous is not None:
        # sub-paragraphs, tables and the notes under them, text resuming after a list
        is_sub = _SUBPARA_RE.match(num or text)
        after_table = _local(previous.elements[-1]) == "container"
        if is_sub or after_table or name in ("container", "blockList", "list"):
            previous.add(el, text)
            return
        lead = _lead(_first_p(el))
        if lead is None:
            previous.add(el, text)
            return
    if lead is None:
        lead = _lead(_first_p(el))
    blocks.append(_Block("operative", number, [text], [el], lead))


def _paragraph_number(num: str, text: str) -> tuple[str | None, bool]:
    """('1.', …) -> '1'; 'l.' is a misprinted '1'; no num: '3 Calls upon …' -> '3' (inline)."""
    m = _NUMBER_RE.match("1." if num in ("l.", "l") else num)
    if m:
        return m.group(1), False
    if not num:
        m = _INLINE_NUMBER_RE.match(text)
        if m:
            return m.group(1), True
    return None, False


_WORD_RE = re.compile(r"[^\W_]")


def _has_words(text: str) -> bool:
    return _WORD_RE.search(text) is not None


def _is_heading(el: _Element, text: str) -> bool:
    """A preamble block whose whole text is bold ('Social aspects') is a heading."""
    bold = [s for s in el.iter("{*}span") if "bold" in (s.get("class") or "")]
    return bool(bold) and _clean(" ".join(_raw_text(s) for s in bold)) == text


def _first_p(el: _Element) -> _Element | None:
    """The block that holds the paragraph's first words (and so its lead)."""
    for child in el.iter("{*}p", "{*}listIntroduction"):
        # piece by piece: the first words are most often in the first piece of text
        for piece in child.itertext():
            if _WORD_RE.search(piece):  # type: ignore[arg-type]  # str: parsed from bytes
                return child
    return None


def _named_lead(el: _Element, text: str) -> str | None:
    """A preamble `container` names its lead ('Aware') even when the italics are missing."""
    name = _clean(el.get("name"))
    if not name or name == "table":
        return None
    return name if text == name or text.startswith(name + " ") else None


# -- leads ------------------------------------------------------------------------------------

# Words that complete a lead phrase when the italic span stops before them.
_EXPRESSES = re.compile(
    r"the (?:desire|hope|view|need|wish|expectation|belief)\b"
    r"|(?:its )?(?:deep |grave |serious |great |profound |sincere )?"
    r"(?:concern|appreciation|gratitude|regret|support|satisfaction|alarm|condolences)\b"
)
_LEAD_CONTINUATIONS: dict[str, re.Pattern[str]] = {
    "calls": re.compile(r"(?:upon|for|on)\b"),
    "calling": re.compile(r"(?:upon|for|on)\b"),
    "takes": re.compile(r"note(?: also| further)?(?: with (?:deep |great )?\w+)?\b"),
    "taking": re.compile(r"(?:note|into account)(?: also| further)?\b"),
    "took": re.compile(r"note\b"),
    "bearing": re.compile(r"in mind\b"),
    "draws": re.compile(r"(?:the )?attention\b"),
    "drawing": re.compile(r"(?:the )?attention\b"),
    "having": re.compile(r"\w+ed\b"),
    "expresses": _EXPRESSES,
    "expressing": _EXPRESSES,
    "note": re.compile(
        r"(?:with (?:deep |great )?(?:appreciation|concern|satisfaction|interest))\b"
    ),
    "noting": re.compile(
        r"with (?:deep |great |grave |serious )?(?:appreciation|concern|satisfaction|interest"
        r"|regret|alarm)\b"
    ),
    "notes": re.compile(
        r"with (?:deep |great |grave |serious )?(?:appreciation|concern|satisfaction|interest"
        r"|regret|alarm)\b"
    ),
}
# 'also', 'further', 'again' belong to the lead only before a function word:
# 'Greets also the practice' (lead), 'Encourages further efforts' (not the lead).
_ADVERBS = ("also", "further", "again")
_ADVERB_RE = re.compile(
    rf"({'|'.join(_ADVERBS)})(?=\s+(?:the|that|its|their|all|to|of|with|in|on|upon|by|for|a|an"
    r"|Member|States|Governments)\b)"
)


_LABEL_ONLY_RE = re.compile(r"^(?:\d{1,3}\.?)?$")  # nothing, or the paragraph's own number


def _lead(p: _Element | None) -> str | None:
    if p is None:
        return None
    spans: list[str] = []
    label = p.text  # most often None or blanks: no cleaning needed
    if label and not label.isspace() and not _LABEL_ONLY_RE.match(_clean(label)):
        return None  # the paragraph starts with plain text ('(a) To cooperate …')
    tail = ""
    for child in p:
        if _local(child) == "span" and "italic" in (child.get("class") or ""):
            spans.append(_raw_text(child))
            tail = child.tail or ""
            if tail and not tail.isspace():
                break
        elif _local(child) == "authorialNote":
            continue
        else:
            break
    lead = _clean(" ".join(spans)).strip(" ,;:")
    if len(lead) < 2 or not lead[0].isupper():
        return None  # 'a' (a table note), '(b)', '2.'…
    lead = _extend_lead(lead, "".join(spans), tail)
    return lead[: -len(" of")] if lead.endswith(" note of") else lead  # 'Takes note of'.


_LETTERS_RE = re.compile(r"[^\W\d_]+")
# Every continuation is a few words at the start of the tail: only this much of the rest of
# the paragraph is looked at (and cleaned), however long the paragraph.
_LEAD_REACH = 400


def _extend_lead(lead: str, raw_span: str, tail: str) -> str:
    """Complete a lead the italic span cut short: 'Calls' + ' upon', 'Encourage' + 's'."""
    head = tail[:_LEAD_REACH]
    if head[:1].isalpha() and not raw_span[-1:].isspace():
        word = _LETTERS_RE.match(head)  # a word split by the markup: 'Encourage' + 's'
        if word:
            lead += word.group(0)
            head = head[word.end() :]
    last = lead.rsplit(" ", 1)[-1].lower()
    pattern = _LEAD_CONTINUATIONS.get(last)
    if pattern is None and head.isascii() and not any([w in head for w in _ADVERBS]):
        return lead  # nothing can continue it: spare cleaning the rest of the paragraph
    rest = _clean(head)
    if pattern is not None:
        m = pattern.match(rest)
        if m:
            return f"{lead} {m.group(0)}"
    m = _ADVERB_RE.match(rest)
    if m and lead.split()[0][:1].isupper():
        return f"{lead} {m.group(1)}"
    return lead


# -- footnotes and citations ------------------------------------------------------------------


def _notes_and_links(elements: Iterable[_Element]) -> tuple[list[_Element], list[_Element]]:
    """The footnotes in `elements`, and the links outside them (one walk of each element)."""
    notes: list[_Element] = []
    links: list[_Element] = []
    for el in elements:
        for node in el.iter("{*}authorialNote", "{*}a"):
            if _local(node) == "authorialNote":
                notes.append(node)
            elif not notes or not _inside_note(node, el):  # cited from a footnote: counted there
                links.append(node)
    return notes, links


def _marker(note: _Element) -> str:
    marker = (note.get("marker") or "").strip()
    return marker or (note.get("eId") or "").rpartition("_")[2]


_UNDOCS_HOSTS = ("undocs.org", "documents.un.org", "docs.un.org")
_LANG_SEGMENTS = frozenset(["en", "fr", "es", "ru", "ar", "zh"])
_CITED_DATE_RE = re.compile(
    r"^\s*(?:[A-Z](?:\s*(?:,|and|-|\u2013)\s*[A-Z])*\s+)?of\s+(\d{1,2}\s+[A-Z][a-z]+\s+\d{4})"
)


@functools.lru_cache(maxsize=8192)  # the same documents are cited over and over
def cited_symbol(href: str) -> tuple[str, CitationKind] | None:
    """'https://undocs.org/en/A/RES/1970(XVIII)' -> ('A/RES/1970 (XVIII)', 'resolution')."""
    url = urlsplit(href.strip())
    host = (url.hostname or "").lower()
    if host.endswith("treaties.un.org"):
        return None  # treaty pages carry no symbol; the raw text is kept by the caller
    if not any(host.endswith(h) for h in _UNDOCS_HOSTS):
        return None
    segments = [s for s in unquote(url.path).split("/") if s]
    if segments and segments[0].lower() in _LANG_SEGMENTS:
        segments = segments[1:]
    if url.query and not segments:  # undocs.org/?symbol=A/RES/…
        m = re.search(r"symbol=([^&]+)", unquote(url.query))
        segments = [s for s in m.group(1).split("/") if s] if m else []
    if len(segments) < 2:
        return None
    segments = [s.upper() if s.isalpha() and s.islower() else s for s in segments]
    symbol = "/".join(segments)
    symbol = re.sub(r"\s*\(", " (", symbol)  # '2282(2016)' -> '2282 (2016)'
    kind: CitationKind = "document"
    upper = symbol.upper()
    if "/DEC/" in upper or upper.startswith("DEC/"):
        kind = "decision"
    elif "/RES/" in upper or "/RES." in upper or upper.startswith("RES/"):
        kind = "resolution"
        # 'A/RES/72/262c' -> 'A/RES/72/262 C', 'A/RES/74/92a-b' -> 'A/RES/74/92 A-B'
        symbol = re.sub(
            r"(/\d+)([a-zA-Z](?:-[a-zA-Z])?)$", lambda m: f"{m[1]} {m[2].upper()}", symbol
        )
    return symbol, kind


def _citations(
    links: Iterable[_Element], paragraph_seq: int | None, footnote_marker: str | None
) -> list[Citation]:
    citations = []
    for link in links:
        found = cited_symbol(link.get("href") or "")
        if found is None:
            continue
        m = _CITED_DATE_RE.match(fold_typography(link.tail or ""))
        citations.append(
            Citation(
                cited_symbol=found[0],
                kind=found[1],
                raw=_text(link) or found[0],
                paragraph_seq=paragraph_seq,
                footnote_marker=footnote_marker,
                cited_date=parse_date(m.group(1)) if m else None,
            )
        )
    return citations


def _inside_note(el: _Element, stop: _Element) -> bool:
    for ancestor in el.iterancestors("{*}authorialNote"):
        return ancestor is not stop  # a paragraph is never inside a note
    return False


@dataclass(frozen=True, slots=True)
class _Body:
    paragraphs: tuple[Paragraph, ...]
    footnotes: tuple[Footnote, ...]
    citations: tuple[Citation, ...]


def _body(statement: _Element, preface: _Element | None) -> _Body:
    paragraphs: list[Paragraph] = []
    citations: list[Citation] = []
    for seq, block in enumerate(_paragraph_blocks(statement), start=1):
        text = block.text
        lead = block.lead if block.lead and text.startswith(block.lead) else None
        notes, links = _notes_and_links(block.elements)
        markers = tuple(dict.fromkeys([_marker(n) for n in notes])) if notes else ()
        paragraphs.append(
            Paragraph(
                seq=seq,
                part=block.part,  # type: ignore[arg-type]
                number=block.number,
                lead=lead,
                text=text,
                footnote_markers=markers,
            )
        )
        citations += _citations(links, seq, None)
    footnotes: dict[str, Footnote] = {}
    scopes = [e for e in (preface, statement) if e is not None]
    for scope in scopes:
        for note in _descendants(scope, "authorialNote"):
            marker = _marker(note)
            if marker in footnotes:
                continue
            footnotes[marker] = Footnote(marker=marker, text=_text(note))
            citations += _citations(_descendants(note, "a"), None, marker)
    return _Body(tuple(paragraphs), tuple(footnotes.values()), tuple(citations))


# --------------------------------------------------------------------------------------------
# annexes


def _annexes(docs: list[_Element]) -> tuple[Annex, ...]:
    annexes = []
    for seq, doc in enumerate(docs, start=1):
        blocks = [
            _text(el)
            for el in doc.iter()
            if _local(el) in ("p", "heading", "subheading", "tr", "item")
            and not _inside_named(el, ("authorialNote", "meta", "p", "tr", "item"), doc)
        ]
        blocks = [b for b in blocks if b]
        title = _annex_title(doc, blocks)
        annexes.append(Annex(seq=seq, title=title, text="\n".join(blocks)))
    return tuple(annexes)


def _inside_named(el: _Element, names: tuple[str, ...], stop: _Element) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if _local(parent) in names:
            return True
        parent = parent.getparent()
    return False


def _annex_title(doc: _Element, blocks: list[str]) -> str | None:
    """The heading after the 'Annex' label ('Annex I', 'Annex') when there is one."""
    heading = _first(doc, "heading")
    if heading is None:
        heading = _first(doc, "docTitle")
    if heading is not None and _text(heading):
        return _text(heading)
    labels = [b for b in blocks[:3] if re.fullmatch(r"(?i)annex(?:es)?\b.{0,20}", b)]
    if labels:
        rest = blocks[blocks.index(labels[0]) + 1 :]
        if rest and len(rest[0]) <= 300 and not rest[0].endswith((".", ";", ",")):
            return rest[0]
        return labels[0]
    return (doc.get("name") or "").strip().capitalize() or None


# --------------------------------------------------------------------------------------------
# the public entry point


def parse_akn_xml(data: bytes) -> tuple[Resolution, ...]:
    """Parse one AKN4UN file into its resolution(s); `ParseError` when it is not one."""
    root = _parse_xml(data)
    _check_akn(root)
    layout = _layout(root)
    top = layout.top
    symbol = _symbol(top)
    meta = _child(top, "meta")
    steps = list(_descendants(_child(meta, "workflow"), "step"))
    cover = _child(top, "coverPage")
    proponent = _proponent(cover)
    voting = _voting(_child(meta, "analysis"), steps)
    shared = dict(
        language=_language(top),
        committee=_committee(proponent),
        origin_documents=_origin_documents(proponent, steps),
        agenda_items=_agenda_items(cover),
        distributed_on=_cover_date(cover),
        job_number=_job_number(top),
        adoption=voting.adoption,
        votes_yes=voting.yes,
        votes_no=voting.no,
        votes_abstain=voting.abstain,
        votes=voting.votes,
        sponsors=_sponsors(steps),
        source_format="akn_xml",
    )
    resolutions = []
    for index, (letter, statement) in enumerate(layout.parts):
        part_symbol = _part_symbol(symbol, letter)
        kind, session, number = split_resolution_symbol(part_symbol)
        meeting, adopted = _adoption_meeting_and_date(statement, top, steps)
        preface = _child(top, "preface") if statement is top else _child(statement, "preface")
        body = _body(statement, preface if statement is not top else None)
        warnings = () if body.paragraphs else ("no paragraphs found",)
        resolutions.append(
            Resolution(
                symbol=part_symbol,
                session_kind=kind,
                session=session,
                number=number,
                title=_title(top, statement),
                adopted_on=adopted,
                meeting=meeting,
                paragraphs=body.paragraphs,
                footnotes=_with_preface_notes(body.footnotes, top, index),
                citations=body.citations,
                annexes=_annexes(layout.annexes) if index == 0 else (),
                warnings=warnings,
                **shared,  # type: ignore[arg-type]
            )
        )
    return tuple(resolutions)


def _with_preface_notes(
    footnotes: tuple[Footnote, ...], top: _Element, index: int
) -> tuple[Footnote, ...]:
    """Footnotes in the top preface ('B' with a note on the part) belong to the first part."""
    if index:
        return footnotes
    known = {f.marker for f in footnotes}
    extra = [
        Footnote(marker=_marker(n), text=_text(n))
        for n in _descendants(_child(top, "preface"), "authorialNote")
        if _marker(n) not in known
    ]
    return tuple(sorted([*footnotes, *extra], key=_marker_key))


def _marker_key(footnote: Footnote) -> tuple[int, str]:
    return (int(footnote.marker), "") if footnote.marker.isdigit() else (10**6, footnote.marker)
