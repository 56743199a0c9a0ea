"""Whether `transforms/` runs compiled by mypyc, and whether that build matches its sources.

`make` compiles the typed, pure `transforms/` modules into C extensions beside their sources
(`scripts/build_native.py`); Python then imports the extension, not the `.py`. An extension
built from older sources would silently run old code, so its build records a digest of the
sources it was built from, and the entry points (the CLI, the tests, the benchmarks) refuse a
build that no longer matches.
"""

from __future__ import annotations

import hashlib
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import transforms

TRANSFORMS_DIR = Path(transforms.__file__).resolve().parent
STAMP = TRANSFORMS_DIR / "_native.stamp"  # `<digest> native`, `<digest> pure` or `… failed`


def source_digest() -> str:
    """SHA-256 over the names and bytes of every `transforms/*.py`."""
    digest = hashlib.sha256()
    for path in sorted(TRANSFORMS_DIR.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def compiled_files() -> list[Path]:
    """The extension modules in `transforms/` (any ABI tag)."""
    return sorted(
        path
        for path in TRANSFORMS_DIR.iterdir()
        if any(path.name.endswith(suffix) for suffix in EXTENSION_SUFFIXES)
    )


def recorded_build() -> tuple[str, str] | None:
    """The stamp's (sources' digest, 'native' | 'pure' | 'failed'); None without a stamp."""
    if not STAMP.is_file():
        return None
    digest, kind = STAMP.read_text().split()
    return digest, kind


def stale_build_message() -> str | None:
    """Why the compiled modules cannot be used, or None (current, or none at all)."""
    if not compiled_files():
        return None
    recorded = recorded_build()
    if recorded is not None and recorded[0] == source_digest():
        return None
    return (
        f"{TRANSFORMS_DIR} holds modules compiled from other sources than its .py files: "
        "run `make native` to rebuild them (or `make clean-native` to run pure Python)"
    )


def build_kind() -> str:
    """What runs the transforms in this process: 'compiled (mypyc)' or 'pure Python'."""
    from transforms import documents

    compiled = (documents.__file__ or "").endswith(tuple(EXTENSION_SUFFIXES))
    return "compiled (mypyc)" if compiled else "pure Python"
