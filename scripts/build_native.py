"""Compile `transforms/` with mypyc into extension modules beside the sources (`make native`).

The modules are typed and checked by mypy already; compiled, they parse 10-35% more documents
per second (README, Performance). Without a C compiler or Python headers the build fails with
a warning and the pipeline runs the same code as pure Python: `--pure` chooses that outright.
Either way the stamp records the sources' digest, and a build of the same sources is not
repeated (`--force` repeats it).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from flows.native import (  # noqa: E402
    STAMP,
    TRANSFORMS_DIR,
    compiled_files,
    recorded_build,
    source_digest,
)

# Left to Python: the package's __init__ (it only holds the parser version), and the PDF
# reader, whose time is pdfminer's layout analysis and whose inputs are pdfminer's objects,
# whose run-time types its annotations describe less surely than those of str, bytes and lxml.
PYTHON_ONLY = ("__init__.py", "pdf.py")
MODULES = sorted(
    str(path.relative_to(PROJECT))
    for path in TRANSFORMS_DIR.glob("*.py")
    if path.name not in PYTHON_ONLY
)


def compile_modules(log: Path) -> None:
    """Build in a scratch folder; mypy's and the compiler's output go to `log`."""
    from mypyc.build import mypycify
    from setuptools import setup

    with (
        tempfile.TemporaryDirectory(prefix="unga-mypyc-") as scratch,
        log.open("w") as sink,
        _redirected(sink),
    ):
        extensions = mypycify(
            MODULES,
            # the shared runtime library lives inside the package, not at the top level
            group_name="transforms._native",
            target_dir=f"{scratch}/c",
        )
        setup(
            name="unga-transforms-native",
            ext_modules=extensions,
            script_args=[
                "--quiet",
                "build_ext",
                "--inplace",
                f"--build-temp={scratch}/temp",
                f"--build-lib={scratch}/lib",
            ],
        )


@contextlib.contextmanager
def _redirected(sink: IO[str]) -> Iterator[None]:
    """Point this process's stdout and stderr (also the compiler's, a child) at `sink`."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    os.dup2(sink.fileno(), 1)
    os.dup2(sink.fileno(), 2)
    try:
        yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        os.close(saved[0])
        os.close(saved[1])


def remove_compiled() -> None:
    for path in compiled_files():
        path.unlink()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--pure", action="store_true", help="remove the compiled modules")
    mode.add_argument("--force", action="store_true", help="compile even if up to date")
    parser.add_argument(
        "--log", type=Path, default=Path(tempfile.gettempdir()) / "unga-native-build.log"
    )
    args = parser.parse_args()
    digest = source_digest()
    if not (args.pure or args.force):
        recorded = recorded_build()
        if recorded == (digest, "native") and compiled_files():
            print("transforms/: compiled, up to date")
            return 0
        if recorded == (digest, "failed"):  # no compiler here: do not retry for every command
            print("transforms/: pure Python (the last build failed; `make native` retries)")
            return 0
    remove_compiled()
    kind = "pure"
    if not args.pure:
        try:
            compile_modules(args.log)
            kind = "native"
        except (Exception, SystemExit) as error:  # distutils reports a compiler failure by exit
            remove_compiled()
            kind = "failed"
            print(f"warning: mypyc build failed, see {args.log}: {str(error)[:120]}")
            print("transforms/ runs as pure Python (the same code, slower)")
    STAMP.write_text(f"{digest} {kind}\n")
    print(f"transforms/: {kind}, {len(compiled_files())} extension modules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
