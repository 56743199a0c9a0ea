"""Field-by-field comparison of what a parser recovered with what a rendering carried.

`compare(expected, got)` finds the part with the expected symbol among the parser's results and
reports, per metadata field, whether it is exactly right; per paragraph, whether part, number,
lead and text are right (paragraphs are aligned first, so one merge does not fail every later
paragraph); and per footnote marker, whether it was detached (missed) or a number of the text was
taken for one (false detachment). Each difference carries a failure class for aggregation.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tests.support.render_ods import METADATA_FIELDS, Variation, expected_fields
from transforms.model import Paragraph, Resolution

ParagraphKey = tuple[str, str | None, str | None, str]  # part, number, lead, text


@dataclass(frozen=True, slots=True)
class Difference:
    kind: str  # the failure class: 'title', 'paragraph text: marker left in text', …
    symbol: str
    expected: str
    got: str

    def __str__(self) -> str:
        return f"{self.symbol} {self.kind}: expected {self.expected} | got {self.got}"


@dataclass(slots=True)
class FieldReport:
    symbol: str
    fields: dict[str, bool] = field(default_factory=dict)  # metadata field -> exactly right
    paragraphs_total: int = 0
    paragraphs_right: int = 0  # part, number, lead and text all right
    aspects_right: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(("part", "number", "lead", "text"), 0)
    )
    footnotes_ok: bool = True  # the footnote list (markers and texts)
    markers_total: int = 0
    markers_missed: int = 0
    false_detachments: int = 0
    differences: list[Difference] = field(default_factory=list)

    @property
    def metadata_ok(self) -> bool:
        return all(self.fields.values())

    @property
    def ok(self) -> bool:
        return (
            self.metadata_ok
            and self.paragraphs_right == self.paragraphs_total
            and self.footnotes_ok
            and not self.markers_missed
            and not self.false_detachments
        )

    def summary(self) -> str:
        lines = [
            f"{self.symbol}: metadata {'ok' if self.metadata_ok else 'WRONG'}, "
            f"paragraphs {self.paragraphs_right}/{self.paragraphs_total}, markers missed "
            f"{self.markers_missed}/{self.markers_total}, false detachments "
            f"{self.false_detachments}, footnotes {'ok' if self.footnotes_ok else 'WRONG'}"
        ]
        return "\n".join(lines + [f"  - {d}" for d in self.differences])


def compare(
    expected: Resolution, got: Sequence[Resolution], variation: Variation | None = None
) -> FieldReport:
    """Compare one expected resolution (or part) with the parser's results for its document."""
    want = expected_fields(expected, variation)
    report = FieldReport(expected.symbol)
    match = next((r for r in got if r.symbol == expected.symbol), None)
    if match is None and len(got) == 1 and not _letter(expected.symbol):
        match = got[0]
    if match is None:
        found = ", ".join(r.symbol for r in got) or "nothing"
        _fail_all(report, want, f"part missing: {expected.symbol} not among ({found})")
        return report
    _compare_metadata(report, want, match)
    notes_lost = bool(expected.footnotes) and not match.footnotes
    _compare_paragraphs(report, expected.paragraphs, match.paragraphs, notes_lost)
    got_notes = tuple((f.marker, " ".join(f.text.split())) for f in match.footnotes)
    if got_notes != want["footnotes"]:
        report.footnotes_ok = False
        report.differences.append(_footnote_difference(report.symbol, want["footnotes"], got_notes))
    return report


def compare_document(
    expected: Sequence[Resolution], got: Sequence[Resolution], variation: Variation | None = None
) -> list[FieldReport]:
    """One report per expected part; parts the parser invented are reported on the first."""
    reports = [compare(part, got, variation) for part in expected]
    extra = {r.symbol for r in got} - {p.symbol for p in expected}
    if extra and reports and len(got) > 1:
        reports[0].differences.append(
            Difference("parts: unexpected part", reports[0].symbol, "-", ", ".join(sorted(extra)))
        )
    return reports


def _letter(symbol: str) -> str | None:
    m = re.search(r" ([A-Z])$", symbol)
    return m.group(1) if m else None


def _fail_all(report: FieldReport, want: dict[str, Any], reason: str) -> None:
    report.fields = dict.fromkeys(METADATA_FIELDS, False)
    report.paragraphs_total = len(want["paragraphs"])
    report.footnotes_ok = False
    report.markers_total = sum(len(m) for m in want["footnote_links"])
    report.markers_missed = report.markers_total
    report.differences.append(Difference(reason.split(":")[0], report.symbol, "-", reason))


# --- metadata --------------------------------------------------------------------------------


def _compare_metadata(report: FieldReport, want: dict[str, Any], got: Resolution) -> None:
    for name in METADATA_FIELDS:
        value = getattr(got, name)
        report.fields[name] = value == want[name]
        if value != want[name]:
            report.differences.append(
                Difference(
                    f"{name}: {_metadata_class(want[name], value)}",
                    report.symbol,
                    _short(want[name]),
                    _short(value),
                )
            )


def _metadata_class(expected: Any, got: Any) -> str:
    if got in (None, ()):
        return "missing"
    if expected in (None, ()):
        return "spurious"
    if isinstance(expected, str) and isinstance(got, str):
        if expected.startswith(got):
            return "truncated"
        if got.startswith(expected):
            return "overlong"
    return "wrong"


# --- paragraphs ---------------------------------------------------------------------------


def _compare_paragraphs(
    report: FieldReport,
    expected: Sequence[Paragraph],
    got: Sequence[Paragraph],
    notes_lost: bool = False,
) -> None:
    report.paragraphs_total = len(expected)
    report.markers_total = sum(len(p.footnote_markers) for p in expected)
    if len(expected) != len(got):
        report.differences.append(
            Difference(
                "paragraph count: " + ("too few" if len(got) < len(expected) else "too many"),
                report.symbol,
                _counts(expected),
                _counts(got),
            )
        )
    seen: set[str] = set()  # markers the expected paragraphs referenced so far
    for want, have in align(expected, got):
        if want is None:
            continue
        outside = _referenced_outside(want.footnote_markers, seen)
        seen.update(want.footnote_markers)
        if have is None:
            report.markers_missed += len(want.footnote_markers)
            report.differences.append(
                Difference(
                    "paragraph: lost (merged or dropped)",
                    report.symbol,
                    _paragraph_label(want),
                    "-",
                )
            )
            continue
        _compare_pair(report, want, have, "the footnote list was lost" if notes_lost else outside)


def _compare_pair(
    report: FieldReport, want: Paragraph, have: Paragraph, cause: str | None = None
) -> None:
    expected_text, got_text = " ".join(want.text.split()), " ".join(have.text.split())
    checks = {
        "part": (want.part, have.part),
        "number": (want.number, have.number),
        "lead": (want.lead, have.lead),
        "text": (expected_text, got_text),
    }
    right = True
    for aspect, (a, b) in checks.items():
        if a == b:
            report.aspects_right[aspect] += 1
            continue
        right = False
        kind = f"paragraph {aspect}"
        if aspect == "text":
            kind += f": {text_class(a, b)}"
            if "marker left" in kind and cause:
                kind = f"paragraph text: marker left in text ({cause})"
            elif "marker left" in kind and report.markers_missed:
                kind = "paragraph text: marker left in text (after an earlier miss: cascade)"
            a, b = text_excerpts(a, b)
        report.differences.append(
            Difference(kind, report.symbol, f"{_paragraph_label(want)} {a!r}", repr(b))
        )
    report.paragraphs_right += right
    missed = [m for m in want.footnote_markers if m not in have.footnote_markers]
    false = [m for m in have.footnote_markers if m not in want.footnote_markers]
    if missed or false:
        kind = "markers: false detachment" if false else "markers: missed"
        if not false and cause:
            kind += f" ({cause})"
        elif not false and report.markers_missed:
            kind += " (after an earlier miss: cascade)"
        report.differences.append(
            Difference(
                kind,
                report.symbol,
                f"{_paragraph_label(want)} {list(want.footnote_markers)}",
                f"{list(have.footnote_markers)}",
            )
        )
    report.markers_missed += len(missed)
    report.false_detachments += len(false)


def _referenced_outside(markers: Sequence[str], seen: set[str]) -> str | None:
    """Why a parser reading markers in order may refuse one: earlier footnotes sit elsewhere
    (on the title, in a table, in an annex), so the paragraphs never reference them first."""
    numbers = [int(m) for m in markers if m.isdigit()]
    first_new = min((n for n in numbers if str(n) not in seen), default=None)
    if first_new is None or all(str(k) in seen for k in range(1, first_new)):
        return None
    return "earlier footnotes are referenced outside the paragraphs"


def align(
    expected: Sequence[Paragraph], got: Sequence[Paragraph]
) -> list[tuple[Paragraph | None, Paragraph | None]]:
    """Pair paragraphs by their words (digits and spacing ignored); unmatched runs pair in order."""
    keys_a = [_align_key(p) for p in expected]
    keys_b = [_align_key(p) for p in got]
    pairs: list[tuple[Paragraph | None, Paragraph | None]] = []
    matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            pairs += zip(expected[a0:a1], got[b0:b1], strict=True)
            continue
        for i in range(max(a1 - a0, b1 - b0)):
            want = expected[a0 + i] if a0 + i < a1 else None
            have = got[b0 + i] if b0 + i < b1 else None
            if want is not None and have is not None and not _similar(want, have):
                pairs += [(want, None), (None, have)]
            else:
                pairs.append((want, have))
    return pairs


def _align_key(paragraph: Paragraph) -> str:
    return re.sub(r"[\d\s]+", "", paragraph.text)[:80]


def _similar(a: Paragraph, b: Paragraph) -> bool:
    return difflib.SequenceMatcher(None, a.text[:200], b.text[:200]).ratio() > 0.6


# --- classifying text differences -------------------------------------------------------

_ARTIFACT_RE = re.compile(r"A/RES/|plenary meeting|<<ODS|\[DU|United Nations|General Assembly")


def text_class(expected: str, got: str) -> str:
    """Why a paragraph's text differs: the failure class the lead can act on."""
    inserted, deleted = _edits(expected, got)
    if not deleted and inserted and all(re.fullmatch(r"\s*\d{1,3}\s*", s) for s in inserted):
        return f"marker left in text ({_marker_context(expected, got)})"
    if not inserted and deleted and all(re.fullmatch(r"\s*\d{1,3}\s*", s) for s in deleted):
        return "number of the text removed (false detachment)"
    if all(re.fullmatch(r"\s*\d{1,3}\s*", s) for s in inserted + deleted):
        return "markers mixed up (one left in the text, a number of the text removed)"
    if got.startswith(expected):
        tail = got[len(expected) :].strip()
        if _ARTIFACT_RE.match(tail) or re.fullmatch(r"[\s\d]+", tail):
            return "artifact appended (page header, number, closing line)"
        return "swallowed the following paragraph"
    if expected.startswith(got):
        return "truncated"
    if any(_ARTIFACT_RE.search(s) or re.fullmatch(r"\s*\d{1,3}\s*", s) for s in inserted):
        return "artifact inside text (page header or number)"
    if not inserted and deleted:
        return "words lost"
    return "other"


def _marker_context(expected: str, got: str) -> str:
    """What the first undetached marker was glued to: the detail that tells the cases apart."""
    start = next(
        (i for i, (a, b) in enumerate(zip(expected, got, strict=False)) if a != b), len(expected)
    )
    before = got[max(0, start - 2) : start]
    if before[-1:].isdigit() or not before:
        return "after a digit: '56/1341'"
    if before[-1:] in ",;:." and before[:1].isdigit():
        return "after punctuation that follows a digit: '2001,3'"
    if before[-1:] in ")]":
        return "after a closing bracket"
    if before[-1:] in "\"'”’":
        return "after a closing quote"
    if before[-1:] in ",;:.":
        return "after punctuation"
    return "after a letter"


def _edits(expected: str, got: str) -> tuple[list[str], list[str]]:
    matcher = difflib.SequenceMatcher(None, expected, got, autojunk=False)
    inserted = [got[b0:b1] for tag, _, _, b0, b1 in matcher.get_opcodes() if tag != "equal"]
    deleted = [expected[a0:a1] for tag, a0, a1, _, _ in matcher.get_opcodes() if tag != "equal"]
    return [s for s in inserted if s], [s for s in deleted if s]


def text_excerpts(expected: str, got: str, context: int = 40) -> tuple[str, str]:
    """The neighbourhood of the first difference in both texts."""
    start = next(
        (i for i, (a, b) in enumerate(zip(expected, got, strict=False)) if a != b),
        min(len(expected), len(got)),
    )
    lo = max(0, start - context)
    a = expected[lo : start + context]
    b = got[lo : start + context]
    prefix = "…" if lo else ""
    return prefix + a + ("…" if start + context < len(expected) else ""), prefix + b + (
        "…" if start + context < len(got) else ""
    )


# --- formatting ----------------------------------------------------------------------------


def _paragraph_label(paragraph: Paragraph) -> str:
    if paragraph.part == "preamble":
        return f"[pp{paragraph.seq}]"
    return f"[op{paragraph.number or '(unnumbered)'}]"


def _counts(paragraphs: Sequence[Paragraph]) -> str:
    preamble = sum(1 for p in paragraphs if p.part == "preamble")
    return f"{preamble} preambular + {len(paragraphs) - preamble} operative"


def _footnote_difference(
    symbol: str, want: Sequence[tuple[str, str]], got: Sequence[tuple[str, str]]
) -> Difference:
    if len(want) != len(got):
        kind = "footnotes: " + ("too few" if len(got) < len(want) else "too many")
        return Difference(kind, symbol, f"{len(want)} footnotes", f"{len(got)} footnotes")
    for (m1, t1), (m2, t2) in zip(want, got, strict=True):
        if (m1, t1) != (m2, t2):
            kind = f"footnote text: {text_class(t1, t2)}" if m1 == m2 else "footnote markers"
            a, b = text_excerpts(t1, t2)
            return Difference(kind, symbol, f"[fn{m1}] {a!r}", f"[fn{m2}] {b!r}")
    return Difference("footnotes", symbol, "?", "?")


def _short(value: Any, limit: int = 120) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
