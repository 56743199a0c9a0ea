"""The ODS cleaners: one table row per artifact kind, and properties over arbitrary text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.clean import CLEANERS, clean_ods_text

CASES = [
    # (description, raw, cleaned)
    ("DU marker", "[DU1]\nResolution adopted\n", "Resolution adopted\n"),
    ("DU marker glued to a tag", "[DU1]<<ODS JOB NO>>N0350382E<<ODS JOB NO>>\nText\n", "Text\n"),
    ("empty symbol tag", "<<ODS DOC SYMBOL2>><<ODS DOC SYMBOL2>>\nText\n", "Text\n"),
    ("lone tag", "Text<<ODS DOC SYMBOL1>>\n", "Text\n"),
    ("underscore rule", "Text\n_______________\nMore\n", "Text\n\nMore\n"),
    ("dash rule", "Text\n-----------------------\nMore\n", "Text\n\nMore\n"),
    ("glued masthead", "United NationsA/RES/58/154General AssemblyDistr.: General\nText\n", "Text\n"),
    ("date glued to session", "24 February 2004Fifty-eighth session\nText\n", "Text\n"),
    ("special session line", "Twenty-seventh special session\nText\n", "Text\n"),
    ("agenda item", "Agenda item 112\nText\n", "Text\n"),
    ("agenda items", "Agenda items 40 and 45\nText\n", "Text\n"),
    ("barcode", "03 50382\nText\n", "Text\n"),
    ("symbol header", "Text\nA/RES/58/154\nMore\n", "Text\n\nMore\n"),
    ("page number", "Text\n4\nMore\n", "Text\n\nMore\n"),
    ("page of pages", "Text\n2/5\nMore\n", "Text\n\nMore\n"),
    ("CRLF", "Line one\r\nLine two\r\n", "Line one\nLine two\n"),
    ("lone CR", "Line one\rLine two\r", "Line one\nLine two\n"),
    ("BOM and no-break space", "\ufeffThe\u00a0General Assembly,\n", "The General Assembly,\n"),
    ("soft hyphen", "Secre\u00adtary-General\n", "Secretary-General\n"),
    ("whitespace-only lines", "Text\n    \n\t\n\nMore\n", "Text\n\nMore\n"),
    ("keeps paragraph tabs", "\t1.\tDecides;\n", "\t1.\tDecides;\n"),
    ("keeps footnotes", "1 A/58/281.\n", "1 A/58/281.\n"),
    ("keeps agenda sentence", "Agenda item 112, as amended.\n", "Agenda item 112, as amended.\n"),
    ("keeps closing lines", "77th plenary meeting\n22 December 2003\n", "77th plenary meeting\n22 December 2003\n"),
    ("nothing left", "[DU1]\n4\n_____\n", ""),
]  # fmt: skip


@pytest.mark.parametrize(("raw", "cleaned"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_clean_ods_text(raw: str, cleaned: str) -> None:
    assert clean_ods_text(raw) == cleaned


def test_seed_keeps_every_paragraph_and_drops_every_artifact(seed_text: str) -> None:
    cleaned = clean_ods_text(seed_text)
    for artifact in ("[DU1]", "<<ODS", "____", "United NationsA/RES", "Distr.", "03 50382"):
        assert artifact not in cleaned
    assert cleaned.count("\n\t") >= 30
    assert cleaned.rstrip().endswith("5 Ibid., vol. 606, No. 8791.")


# Text made of the characters and fragments exports are made of, so the search reaches the
# interesting corners (tags, rules, numbers on their own lines) more often than plain text would.
FRAGMENTS = st.sampled_from(
    ["[DU1]", "<<ODS JOB NO>>", "<<ODS ", ">>", "\n", "\r\n", "\r", "\t", " ", "_", "-", "4",
     "2/5", "A/RES/58/154", "United Nations", "General Assembly", "Distr.: General",
     "Fifty-eighth session", "Agenda item 112", "03 50382", "\ufeff", "\u00a0", "\u00ad",
     "Recalling", "1.", ",1", "\x00", "é", "<<ODS A>>", "[DU", "1]", "=", "Page 3", "- 3 -"]
)  # fmt: skip
EXPORT_LIKE = st.lists(st.one_of(FRAGMENTS, st.text(max_size=5)), max_size=40).map("".join)


@settings(max_examples=1500, deadline=None)
@given(st.one_of(st.text(), EXPORT_LIKE))
def test_clean_is_total_and_idempotent(text: str) -> None:
    once = clean_ods_text(text)
    assert clean_ods_text(once) == once


@settings(max_examples=200, deadline=None)
@given(EXPORT_LIKE)
def test_each_cleaner_is_total(text: str) -> None:
    for clean in CLEANERS:
        assert isinstance(clean(text), str)
