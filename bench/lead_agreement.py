"""Agreement of transforms.leads.split_lead with the italic leads of the Akoma Ntoso corpus.

    .venv/bin/python bench/lead_agreement.py [--corpus ../shared/corpus/akn] [--top 25]

Truth is the first <span class="italic"> at the start of each preambular paragraph
(preamble/container/p) and operative paragraph (mainBody/paragraph/content|intro/p), judged:
whitespace and trailing punctuation stripped, a span cut mid-word extended to the word's end, a
trailing "of"/"to" dropped (the UN does not italicise the object's preposition), and italic spans
that are not leads (headings covering the whole paragraph, labels followed by ":", footnote
letters) counted as "no lead".
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from transforms.leads import split_lead  # noqa: E402
from transforms.model import Part  # noqa: E402

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
NS = {"a": AKN}
NOTE = f"{{{AKN}}}authorialNote"
SPAN = f"{{{AKN}}}span"
PARTS: dict[Part, str] = {
    "preamble": "//a:preamble/a:container/a:p",
    "operative": "//a:mainBody/a:paragraph/a:content/a:p | //a:mainBody/a:paragraph/a:intro/a:p",
}
_TRAILING = re.compile(r"(?:[\s,;:.]|\s+(?:of|to)$)+$")


@dataclass(frozen=True, slots=True)
class Sample:
    part: Part
    truth: str | None
    text: str


def _text(el: etree._Element) -> Iterator[str]:
    """itertext() without footnotes (authorialNote), keeping the text that follows them."""
    if el.text:
        yield el.text
    for child in el:
        if child.tag != NOTE:
            yield from _text(child)
        if child.tail:
            yield child.tail


def _normalise(s: str) -> str:
    return " ".join(s.split())


def _truth(p: etree._Element, text: str) -> str | None:
    """The judged lead of paragraph `p` whose plain text is `text` (see module docstring)."""
    first = p[0] if len(p) else None
    if first is None or first.tag != SPAN or first.get("class") != "italic":
        return None
    if (p.text or "").strip():
        return None
    span = _normalise("".join(_text(first)))
    span = _TRAILING.sub("", span)
    if not span or not span[0].isupper() or not text.startswith(span):
        return None
    rest = text[len(span) :]
    if not rest or re.match(r"\s*:\s*\S", rest):
        return None  # a heading or a label ("Abbreviations: ...", "Note: ..."), not a lead
    if rest[0].isalpha() and span[-1].isalpha():  # span cut mid-word
        span += re.match(r"[\w-]*", rest).group()
    return span


def samples(corpus: Path) -> Iterator[Sample]:
    for path in sorted(corpus.glob("*/*.xml")):
        tree = etree.parse(str(path))
        for part, xpath in PARTS.items():
            for p in tree.xpath(xpath, namespaces=NS):
                text = _normalise("".join(_text(p)))
                yield Sample(part, _truth(p, text), text)


def report(items: list[Sample], top: int) -> None:
    started = time.perf_counter()
    predicted = [split_lead(s.text, s.part)[0] for s in items]
    elapsed = time.perf_counter() - started

    print(f"{len(items)} paragraphs, split_lead {elapsed / len(items) * 1e6:.1f} µs/paragraph")
    for name in ("all", "preamble", "operative"):
        pairs = [(s, p) for s, p in zip(items, predicted, strict=True) if name in ("all", s.part)]
        led = [(s, p) for s, p in pairs if s.truth is not None]
        agree = sum(s.truth == p for s, p in led)
        unled = [(s, p) for s, p in pairs if s.truth is None]
        false = sum(p is not None for _, p in unled)
        print(
            f"{name:>9}: agreement {agree}/{len(led)} = {agree / max(len(led), 1):.2%}"
            f" | false leads {false}/{len(unled)} paragraphs without an italic lead"
        )

    misses = Counter(
        (s.part, s.truth, p) for s, p in zip(items, predicted, strict=True) if s.truth != p
    )
    print(f"\nmost common disagreements (part | truth | predicted), {sum(misses.values())} in all:")
    for (part, truth, pred), n in misses.most_common(top):
        print(f"{n:6d}  {part:9} | {truth!r} | {pred!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "akn")
    parser.add_argument("--top", type=int, default=25, help="disagreements to list")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"corpus folder not found: {args.corpus} (pass --corpus DIR)")
    items = list(samples(args.corpus))
    if not items:
        sys.exit(f"no Akoma Ntoso paragraphs under {args.corpus}/<session>/*.xml")
    report(items, args.top)


if __name__ == "__main__":
    main()
