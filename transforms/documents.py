"""One entry point for every source format: sniff the bytes, dispatch to the right parser."""

from __future__ import annotations

from transforms.akn import parse_akn_xml
from transforms.decode import decode_text
from transforms.model import Resolution, SourceFormat
from transforms.ods import parse_ods_text
from transforms.pdf import parse_pdf


def sniff_format(data: bytes) -> SourceFormat:
    """Decide the format from the content, never from the file name."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"<") or head.startswith((b"\xff\xfe<", b"\xfe\xff\x00<")):
        return "akn_xml"
    return "ods_text"


def parse_document(data: bytes) -> tuple[Resolution, ...]:
    """Parse one document of any supported format; one Resolution per part."""
    source_format = sniff_format(data)
    if source_format == "akn_xml":
        return parse_akn_xml(data)
    if source_format == "pdf":
        return parse_pdf(data)
    return parse_ods_text(decode_text(data))
