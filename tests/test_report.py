"""`build_report`: a self-contained HTML page whose charts render in headless Chromium offline."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from flows.report import CHARTS, build_report
from tests.test_views import build_small_warehouse
from warehouse import db

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--virtual-time-budget=10000",
]
REMOTE_RESOURCE = re.compile(
    r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*['\"]?https?://", re.I
)


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("headless Chromium not installed (run .ci/install-chromium)")
    return found


def dump_dom(page: Path, tmp_path: Path) -> str:
    """The page's DOM after its scripts ran, as headless Chromium renders it."""
    result = subprocess.run(
        [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'chromium-profile'}",
         "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    return result.stdout


def body_tag(dom: str) -> str:
    match = re.search(r"<body[^>]*>", dom)
    assert match, dom[:500]
    return match.group(0)


@pytest.fixture(scope="module")
def small_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_small_warehouse(tmp_path_factory.mktemp("report") / "unga.duckdb")


def test_report_is_self_contained(small_warehouse: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    build_report(small_warehouse, page)
    text = page.read_text(encoding="utf-8")
    assert REMOTE_RESOURCE.search(text) is None
    assert "cdn.plot.ly/plotly" not in text.split("<body", 1)[1]
    assert text.count("class='chart'") == len(CHARTS) == 5
    assert "Plotly.newPlot" in text


def test_every_chart_renders_offline(small_warehouse: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    build_report(small_warehouse, page)
    dom = dump_dom(page, tmp_path)
    assert f'data-charts-drawn="{len(CHARTS)}"' in body_tag(dom)
    assert dom.count('class="main-svg"') >= len(CHARTS)


def test_report_reads_the_warehouse_read_only(small_warehouse: Path, tmp_path: Path) -> None:
    # a read-only connection held elsewhere in this process would refuse a read-write one
    con = db.connect(small_warehouse, read_only=True)
    try:
        build_report(small_warehouse, tmp_path / "report.html")
    finally:
        con.close()


def test_empty_warehouse_gives_a_page_without_charts(tmp_path: Path) -> None:
    database = tmp_path / "unga.duckdb"
    con = db.connect(database)
    db.ensure_schema(con)
    con.close()
    page = tmp_path / "report.html"
    build_report(database, page)
    text = page.read_text(encoding="utf-8")
    assert "no data" in text
    assert "class='chart'" not in text
    assert REMOTE_RESOURCE.search(text) is None
    assert 'data-charts-drawn="0"' in body_tag(dump_dom(page, tmp_path))


def test_missing_warehouse_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        build_report(tmp_path / "missing.duckdb", tmp_path / "report.html")
    assert not (tmp_path / "report.html").exists()
