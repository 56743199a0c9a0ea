"""Pure cleaning and extraction: text or bytes in, frozen dataclasses out. No I/O here."""

# Stored on every row; bump it when a parser change alters what is extracted.
PARSER_VERSION = "0.1.0"
