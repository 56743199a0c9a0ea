"""Where the benchmark scripts find their documents: the seed export, and the 1x inputs that
`bench/pipeline_bench.py` writes (the corpus and its ODS renderings)."""

from __future__ import annotations

import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
SEED = PROJECT / "raw" / "A_RES_58_154.txt"
DEFAULT_INPUTS = Path(tempfile.gettempdir()) / "unga-bench" / "inputs"


def checkouts(against: Path | None) -> list[Path]:
    """This checkout, and the one given with `--against` (to compare two commits in one run)."""
    if against is None:
        return [PROJECT]
    if against.resolve() == PROJECT:
        raise SystemExit(f"--against {against} is this checkout: give another one")
    return [PROJECT, against.resolve()]


def one_x_folder(inputs: Path, fmt: str) -> Path:
    """The folder of a format's 1x inputs; exits with what to do when the bench has not run."""
    folder = inputs / f"{fmt}-1x"
    if not folder.is_dir():
        raise SystemExit(f"no inputs at {folder}: run bench/pipeline_bench.py first")
    return folder
