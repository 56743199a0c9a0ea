"""Shared fixtures: the seed, the real corpus beside the project (optional), a Prefect harness."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SEED = PROJECT_ROOT / "raw" / "A_RES_58_154.txt"
CORPUS = PROJECT_ROOT.parent / "shared" / "corpus"


def pytest_configure(config: pytest.Config) -> None:
    """Never test stale compiled transforms: they would run other code than the sources."""
    from flows.native import stale_build_message

    message = stale_build_message()
    if message:
        pytest.exit(message, returncode=3)


def pytest_report_header() -> str:
    from flows.native import build_kind

    return f"transforms: {build_kind()}"


def corpus_dir(*parts: str) -> Path:
    """A folder of the real corpus, or skip the test: a user's clone has no ../shared."""
    folder = CORPUS.joinpath(*parts)
    if not folder.is_dir():
        pytest.skip(f"real corpus not available at {folder} (it lives beside the project)")
    return folder


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A source folder holding a copy of the seed (tests may change or add files)."""
    folder = tmp_path / "source"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    return folder


@pytest.fixture(scope="session")
def prefect_harness(tmp_path_factory: pytest.TempPathFactory):
    """One temporary Prefect API for the whole session (it costs ~10 s to start)."""
    os.environ["PREFECT_HOME"] = str(tmp_path_factory.mktemp("prefect-home"))
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
