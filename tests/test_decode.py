"""Bytes -> text: every encoding met in the wild, and refusals instead of mojibake."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transforms.decode import decode_text
from transforms.model import DecodeError

TEXT = "Welcoming also the convening, in Kolmården, Sweden, of the “senior-level” meeting,\n"

DECODES = [
    ("utf-8", TEXT.encode("utf-8")),
    ("utf-8 with BOM", codecs.BOM_UTF8 + TEXT.encode("utf-8")),
    ("cp1252", TEXT.encode("cp1252")),
    ("utf-16 with BOM", TEXT.encode("utf-16")),
    ("utf-16-le without BOM", TEXT.encode("utf-16-le")),
    ("utf-16-be without BOM", TEXT.encode("utf-16-be")),
    ("CRLF kept for the cleaner", TEXT.replace("\n", "\r\n").encode("utf-8")),
]


@pytest.mark.parametrize("data", [d for _, d in DECODES], ids=[n for n, _ in DECODES])
def test_decodes(data: bytes) -> None:
    assert decode_text(data).replace("\r\n", "\n").lstrip("\ufeff") == TEXT


REFUSALS = [
    ("empty", b"", "empty"),
    ("only whitespace", b" \n\t\n", "empty"),
    ("binary", bytes(range(256)) * 4, "binary"),
    ("undefined cp1252 bytes", b"Recalling \x81\x8d the report", "undecodable"),
    ("cyrillic in cp1251", "Москва and the General Assembly".encode("cp1251"), "confidence"),
    ("double-encoded utf-8", "Kolmården".encode().decode("cp1252").encode(), "double-encoded"),
    ("damaged utf-16", codecs.BOM_UTF16_LE + b"a\x00\x00\xd8", "undecodable"),
]


@pytest.mark.parametrize(
    ("data", "reason"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS]
)
def test_refuses_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError, match=reason):
        decode_text(data)


@given(st.binary(max_size=2000))
def test_decode_is_total(data: bytes) -> None:
    try:
        assert isinstance(decode_text(data), str)
    except DecodeError as error:
        assert str(error)
