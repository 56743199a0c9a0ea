"""Bytes -> text for plain-text exports, refusing to guess where a wrong guess would load mojibake.

Encodings met in the wild: UTF-8 (with or without BOM), cp1252, UTF-16 (with or without BOM).
Order: BOM, UTF-16 by its NUL pattern, binary check, strict UTF-8, then cp1252 only when every
non-ASCII character it yields is one an English UN text plausibly holds.
"""

from __future__ import annotations

import codecs
import re

from transforms.model import DecodeError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Characters cp1252 text of an English resolution can hold: Latin letters with diacritics,
# typographic quotes and dashes, symbols of currency, section, degree, no-break space.
_PLAUSIBLE_NON_ASCII_RE = re.compile(r"[À-ÖØ-öø-ÿŒœŠšŽžŸ‘’‚“”„–—…•€£¥§°©®™«»·\u00a0¶]")
# UTF-8 read as cp1252 and saved again: 'KolmÃ¥rden', 'â€™'.
_DOUBLE_ENCODED_RE = re.compile(r"Ã[\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]|â€[™œ\u009d“”˜¦]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_ALL_BUT_CONTROL_BYTES = bytes(set(range(256)) - set(_CONTROL_BYTES))
_ASCII_BYTES = bytes(range(128))
# Names in English texts carry one accented letter at a time (Kolmården, Côte, São Tomé); a run
# of three is another script decoded with the wrong code page (cp1251 'Москва' -> 'Ìîñêâà').
_FOREIGN_RUN_RE = re.compile(r"[À-ÿ]{3,}")


def decode_text(data: bytes) -> str:
    """Decode an export; raise DecodeError when it is binary or its encoding is uncertain."""
    if not data.strip():
        raise DecodeError("the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16)
    if b"\x00" in data or _control_ratio(data) > 0.01:
        raise DecodeError("binary file: this is not a text export (control bytes found)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _cp1252(data)
    if _double_encoded(text):
        raise DecodeError(
            "the text is double-encoded (UTF-8 read as cp1252, e.g. 'Ã¥' for 'å'): "
            "refusing to load mojibake"
        )
    return text


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise DecodeError(
            f"undecodable bytes for {encoding} at offset {error.start}: the file is damaged"
        ) from None


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    if odd_nuls > 0.4 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.4 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _control_ratio(data: bytes) -> float:
    sample = data[:20000]
    # bytes.translate counts in C what a regex would visit byte by byte
    return len(sample.translate(None, _ALL_BUT_CONTROL_BYTES)) / max(1, len(sample))


def _double_encoded(text: str) -> bool:
    # the substring tests skip the regex's character-by-character scan of clean texts
    return ("Ã" in text or "â€" in text) and _DOUBLE_ENCODED_RE.search(text) is not None


def _cp1252(data: bytes) -> str:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise DecodeError(
            f"undecodable bytes: neither UTF-8 nor cp1252 (byte 0x{data[error.start]:02x} at "
            f"offset {error.start})"
        ) from None
    # cp1252 maps a byte to one character, non-ASCII from 0x80 up: decoding only the high bytes
    # yields the text's non-ASCII characters in order without a loop over every character.
    non_ascii = data.translate(None, _ASCII_BYTES).decode("cp1252")
    implausible = [ch for ch in non_ascii if not _PLAUSIBLE_NON_ASCII_RE.match(ch)]
    if implausible or _double_encoded(text) or _FOREIGN_RUN_RE.search(text):
        sample = "".join(dict.fromkeys(implausible or non_ascii))[:10]
        raise DecodeError(
            "encoding cannot be determined with confidence: not UTF-8, and as cp1252 it "
            f"yields unlikely characters ({sample!r}); refusing to load mojibake"
        )
    return text
