"""Corpus-scale round trip of the ODS parser: AKN resolutions -> rendered ODS exports -> parse.

Reads the AKN corpus in place (never copies it), renders every resolution in N seeded random
variations (`tests/support/render_ods.py`), parses each rendering with
`transforms.documents.parse_document` and compares field by field (`tests/support/roundtrip.py`).
Prints per-field agreement, paragraph agreement, footnote-marker detachment, the worst failure
classes with examples, which variation knobs fail most, and the parse speed.

    .venv/bin/python -m bench.ods_roundtrip [CORPUS_DIR] [--variations 3] [--limit N] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: the tests' support modules live in the project
    sys.path.insert(0, str(ROOT))

from tests.support.render_ods import (  # noqa: E402
    METADATA_FIELDS,
    Variation,
    random_variation,
    render_ods,
)
from tests.support.roundtrip import Difference, FieldReport, compare_document  # noqa: E402
from transforms.akn import parse_akn_xml  # noqa: E402
from transforms.documents import parse_document  # noqa: E402
from transforms.model import ParseError, Resolution  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "akn"
EXAMPLES_PER_CLASS = 3


@dataclass(slots=True)
class Totals:
    renderings: int = 0
    parts: int = 0
    parse_errors: int = 0
    parse_seconds: float = 0.0
    metadata_ok: int = 0
    fully_ok: int = 0
    field_ok: Counter[str] = field(default_factory=Counter)
    paragraphs_total: int = 0
    paragraphs_right: int = 0
    aspects_right: Counter[str] = field(default_factory=Counter)
    footnotes_ok: int = 0
    markers_total: int = 0
    markers_missed: int = 0
    false_detachments: int = 0
    classes: Counter[str] = field(default_factory=Counter)  # class -> parts it hit
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    knobs: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    @property
    def metadata_rate(self) -> float:
        return self.metadata_ok / max(1, self.parts)

    @property
    def paragraph_rate(self) -> float:
        return self.paragraphs_right / max(1, self.paragraphs_total)

    def add(self, reports: Sequence[FieldReport], variation: Variation) -> None:
        self.renderings += 1
        for report in reports:
            self._add_report(report, variation)
        ok = all(r.ok for r in reports)
        for knob, value in _knob_values(variation):
            self.knobs[f"{knob}={value}"]["total"] += 1
            self.knobs[f"{knob}={value}"]["ok"] += ok

    def _add_report(self, report: FieldReport, variation: Variation) -> None:
        self.parts += 1
        self.metadata_ok += report.metadata_ok
        self.fully_ok += report.ok
        self.field_ok.update(name for name, ok in report.fields.items() if ok)
        self.paragraphs_total += report.paragraphs_total
        self.paragraphs_right += report.paragraphs_right
        self.aspects_right.update(report.aspects_right)
        self.footnotes_ok += report.footnotes_ok
        self.markers_total += report.markers_total
        self.markers_missed += report.markers_missed
        self.false_detachments += report.false_detachments
        for kind in {d.kind for d in report.differences}:
            self.classes[kind] += 1
        for difference in report.differences:
            examples = self.examples[difference.kind]
            if len(examples) < EXAMPLES_PER_CLASS and not any(
                e.startswith(difference.symbol + " ") for e in examples
            ):
                examples.append(f"{difference} [{variation.label()}]")

    def report(self) -> str:
        parts = max(1, self.parts)
        lines = [
            f"renderings: {self.renderings} ({self.parts} resolutions/parts), "
            f"parse errors: {self.parse_errors}",
            f"parse speed: {self.renderings / max(self.parse_seconds, 1e-9):.0f} documents/s",
            "",
            f"every metadata field right: {self.metadata_rate:7.2%}   (target ≥ 99.5%)",
        ]
        lines += [f"  {name:<17} {self.field_ok[name] / parts:7.2%}" for name in METADATA_FIELDS]
        lines += [
            f"paragraphs right (part, number, lead, text): {self.paragraph_rate:7.2%}   "
            f"(target ≥ 99%) of {self.paragraphs_total}",
        ]
        total = max(1, self.paragraphs_total)
        lines += [
            f"  {aspect:<6} {self.aspects_right[aspect] / total:7.2%}"
            for aspect in ("part", "number", "lead", "text")
        ]
        lines += [
            f"footnote lists right: {self.footnotes_ok / parts:7.2%}",
            f"footnote markers: {self.markers_total} expected, {self.markers_missed} missed "
            f"({self.markers_missed / max(1, self.markers_total):.2%}), "
            f"{self.false_detachments} false detachments   (target: 0 false)",
            f"resolutions entirely right: {self.fully_ok / parts:7.2%}",
            "",
            "failure classes (resolutions/parts hit), worst first:",
        ]
        for kind, count in self.classes.most_common(25):
            lines.append(f"  {count:6}  {kind}")
            lines += [f"            e.g. {_clip(example)}" for example in self.examples[kind]]
        lines += ["", "renderings entirely right, by variation knob (worst first):"]
        rates = sorted(
            (c["ok"] / c["total"], knob, c["total"]) for knob, c in self.knobs.items() if c["total"]
        )
        lines += [f"  {rate:7.2%}  {knob} (n={n})" for rate, knob, n in rates[:20]]
        return "\n".join(lines)


def _knob_values(variation: Variation) -> list[tuple[str, str]]:
    values = []
    for f in fields(variation):
        if f.name == "seed":
            continue
        value = getattr(variation, f.name)
        if f.name == "wrap":
            value = "none" if value is None else "60-100"
        values.append((f.name, repr(value)))
    return values


def _clip(text: str, limit: int = 400) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- the run ----------------------------------------------------------------------------------


def corpus_files(folder: Path, limit: int | None, seed: int) -> list[Path]:
    files = sorted(folder.glob("**/*.xml"))
    if limit is not None and limit < len(files):
        files = sorted(random.Random(seed).sample(files, limit))
    return files


def round_trip(parts: Sequence[Resolution], variation: Variation, totals: Totals) -> None:
    data = render_ods(parts, variation)
    started = time.perf_counter()
    try:
        got = parse_document(data)
    except ParseError as error:
        totals.parse_seconds += time.perf_counter() - started
        totals.parse_errors += 1
        totals.add(_failed(parts, variation, error), variation)
        return
    totals.parse_seconds += time.perf_counter() - started
    totals.add(compare_document(parts, got, variation), variation)


def _failed(
    parts: Sequence[Resolution], variation: Variation, error: Exception
) -> list[FieldReport]:
    """Every part fails; the class is the error message with its particulars blanked."""
    kind = "parse error: " + re.sub(r"\d+", "N", re.sub(r"'[^']*'", "'…'", str(error)))[:120]
    reports = compare_document(parts, (), variation)
    for report in reports:
        report.differences = [Difference(kind, report.symbol, "a parse", str(error)[:200])]
    return reports


def run_bench(
    folder: Path, variations: int = 3, limit: int | None = None, seed: int = 0, verbose: bool = True
) -> Totals:
    totals = Totals()
    files = corpus_files(folder, limit, seed)
    for index, path in enumerate(files, 1):
        try:
            parts = parse_akn_xml(path.read_bytes())
        except ParseError:
            continue  # the AKN parser's own bench reports these
        for i in range(variations):
            variation = random_variation(random.Random(f"{seed}:{path.name}:{i}"))
            round_trip(parts, variation, totals)
        if verbose and index % 200 == 0:
            print(f"… {index}/{len(files)} files", file=sys.stderr)
    return totals


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--variations", type=int, default=3, help="renderings per resolution")
    parser.add_argument("--limit", type=int, default=None, help="a seeded sample of N files")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(
            f"no AKN corpus at {args.corpus}: the bench reads ../shared/corpus/akn beside the "
            "project (pass another folder as the first argument)",
            file=sys.stderr,
        )
        return 2
    started = time.perf_counter()
    totals = run_bench(args.corpus, args.variations, args.limit, args.seed)
    print(totals.report())
    print(f"\nwall time: {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
