"""Agreement between our AKN parser and the publisher's own extraction (metadata/*.jsonl).

Reads the corpus in place (never copies it): parses every XML file, matches each resolution
to the publisher's row by symbol (a row 'A/RES/75/101 A-B' covers the parts A and B), and
compares the fields both sides state. The publisher's quirks are normalised first
('#fifthCommittee', 'N.A.', no-break spaces in dates, '75/290.A' titles concatenated).

    .venv/bin/python bench/akn_agreement.py [CORPUS_DIR]
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from transforms.akn import parse_akn_xml
from transforms.common import canonical_committee, ordinal_number, parse_date
from transforms.model import ParseError, Resolution

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "akn"


# -- the publisher's side, normalised ----------------------------------------------------------


def _squash(text: str) -> str:
    """Compare titles on words only: the metadata glues preface titles with spaces."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def their_date(row: dict[str, Any]) -> dt.date | None:
    text = row.get("adoption_date") or ""
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)  # one row has '2021-09-14 00:00:00'
    return dt.date(int(m[1]), int(m[2]), int(m[3])) if m else parse_date(text.replace("\xa0", " "))


def their_documents(row: dict[str, Any]) -> tuple[str, ...]:
    text = row.get("originating_document") or ""
    text = re.sub(r"\([^()]*\)", " ", text)  # '(as amended in A/75/L.104)'
    text = re.split(r",?\s+as (?:orally )?(?:revised|amended)", text)[0]
    docs: list[str] = []
    for piece in re.split(r",|\band\b|\bet\b", text):
        piece = piece.strip()
        if re.match(r"(Add|Corr|Rev)\.\d", piece) and docs:
            docs.append(f"{docs[-1]}/{piece}")
        elif "/" in piece:
            docs.append(piece)
    return tuple(docs)


def their_agenda(row: dict[str, Any]) -> tuple[str, ...]:
    text = re.sub(r"^\D*", "", row.get("agenda_item") or "")
    return tuple(
        f"{n} ({sub})" if sub else n for n, sub in re.findall(r"(\d+)(?:\s*\(([a-z]+)\))?", text)
    )


def their_adoption(row: dict[str, Any]) -> str | None:
    kind = (row.get("adoption_type") or "").lower()
    return "recorded_vote" if "recorded" in kind else "without_vote" if "without" in kind else None


def their_count(key: str) -> Callable[[dict[str, Any]], int | None]:
    def count(row: dict[str, Any]) -> int | None:
        if their_adoption(row) != "recorded_vote":
            return None
        value = str(row.get(key) or "").strip()
        return int(value) if value.isdigit() else None

    return count


# field -> (ours, theirs)
FIELDS: dict[str, tuple[Callable[[Resolution], Any], Callable[[dict[str, Any]], Any]]] = {
    "title": (lambda r: r.title, lambda m: m.get("title") or ""),
    "adopted_on": (lambda r: r.adopted_on, their_date),
    "meeting": (lambda r: r.meeting, lambda m: ordinal_number(m.get("adoption_meeting") or "")),
    "committee": (lambda r: r.committee, lambda m: canonical_committee(m.get("committee"))),
    "origin_documents": (lambda r: r.origin_documents, their_documents),
    "agenda_items": (lambda r: r.agenda_items, their_agenda),
    "adoption": (lambda r: r.adoption, their_adoption),
    "votes_yes": (lambda r: r.votes_yes, their_count("MS_in_favour_count")),
    "votes_no": (lambda r: r.votes_no, their_count("MS_against_count")),
    "votes_abstain": (lambda r: r.votes_abstain, their_count("MS_abstaining_count")),
}


def titles_agree(ours: str, theirs: str, is_part: bool) -> bool:
    if _squash(ours) == _squash(theirs):
        return True
    # a part's title is 'Main: Part'; the publisher glues every title of the file together
    # (or only the main title, which is ours before the colon)
    pieces = [_squash(p) for p in re.split(r"[:;] ", ours)]
    main = _squash(ours.split(": ", 1)[0])
    return is_part and (all(p in _squash(theirs) for p in pieces) or main == _squash(theirs))


def agree(field: str, ours: Any, theirs: Any, resolution: Resolution) -> bool:
    if field == "title":
        return titles_agree(ours, theirs, resolution.number[-1:].isalpha())
    return ours == theirs


# -- matching ------------------------------------------------------------------------------------


def metadata_index(corpus: Path) -> dict[str, dict[str, Any]]:
    index: dict[str, dict[str, Any]] = {}
    for path in sorted((corpus / "metadata").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                index[" ".join(row["symbol"].split())] = row
    return index


def metadata_for(symbol: str, index: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    if symbol in index:
        return index[symbol]
    m = re.match(r"(.+) ([A-Z])$", symbol)
    if not m:
        return None
    base, letter = m.groups()
    for key, row in index.items():  # 'A/RES/75/101 A-B' covers A and B
        r = re.fullmatch(re.escape(base) + r" ([A-Z])-([A-Z])", key)
        if r and r[1] <= letter <= r[2]:
            return row
    return None


# -- main ------------------------------------------------------------------------------------------


def main(corpus: Path = DEFAULT_CORPUS) -> int:
    files = sorted(p for p in corpus.glob("*/*.xml"))
    if not files:
        print(f"no AKN files under {corpus}")
        return 1
    data = [p.read_bytes() for p in files]
    parsed: list[tuple[Path, Resolution]] = []
    errors: list[tuple[Path, str]] = []
    start, cpu_start = time.perf_counter(), time.process_time()
    for path, blob in zip(files, data, strict=True):
        try:
            parsed += [(path, r) for r in parse_akn_xml(blob)]
        except ParseError as exc:
            errors.append((path, str(exc)))
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start  # what one core spent, whatever else runs

    index = metadata_index(corpus)
    agreed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    disagreements: list[tuple[str, str, Any, Any, str]] = []
    unmatched: list[str] = []
    for path, resolution in parsed:
        row = metadata_for(resolution.symbol, index)
        if row is None:
            unmatched.append(f"{resolution.symbol} ({path.name})")
            continue
        for field, (ours_of, theirs_of) in FIELDS.items():
            ours, theirs = ours_of(resolution), theirs_of(row)
            if field.startswith("votes_") and theirs is None and ours is None:
                continue  # no recorded vote on either side
            total[field] += 1
            if agree(field, ours, theirs, resolution):
                agreed[field] += 1
            else:
                disagreements.append((resolution.symbol, field, ours, theirs, path.name))

    print(f"{'field':<18}{'agree':>7}{'total':>7}{'%':>9}")
    for field in FIELDS:
        pct = 100 * agreed[field] / total[field] if total[field] else 100.0
        print(f"{field:<18}{agreed[field]:>7}{total[field]:>7}{pct:>8.2f}%")
    print()
    print(f"files: {len(files)}, resolutions: {len(parsed)}, parse errors: {len(errors)}")
    for path, error in errors:
        print(f"  ParseError {path.name}: {error}")
    print(f"matched to metadata: {len(parsed) - len(unmatched)}; unmatched: {len(unmatched)}")
    for symbol in unmatched:
        print(f"  no metadata row: {symbol}")
    print(f"\ndisagreements ({len(disagreements)}):")
    for symbol, field, ours, theirs, name in disagreements:
        print(f"  {symbol:<18} {field:<16} ours={ours!r}  theirs={theirs!r}  [{name}]")
    print(
        f"\nspeed: {len(files) / cpu_seconds:,.0f} documents/s of CPU time on one core "
        f"({cpu_seconds:.2f} s CPU, {seconds:.2f} s wall, {len(files)} files)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS))
