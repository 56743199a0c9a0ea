"""Issue 5's end to end: the flow against a local server in the UNxml layout (the real corpus,
read in place) lands and loads everything; a re-run downloads no body and loads nothing; one
upstream change reloads exactly that document."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flows.pipeline import run_pipeline
from tests.conftest import corpus_dir
from tests.support.http_fixture import FixtureServer, UNxmlRepo
from warehouse import db

pytestmark = [pytest.mark.e2e, pytest.mark.corpus, pytest.mark.usefixtures("prefect_harness")]


def test_flow_over_a_unxml_mirror_is_incremental(tmp_path: Path) -> None:
    root = corpus_dir("akn")
    files = sorted(root.glob("[0-9]*/*.xml"))
    changed_copy = tmp_path / "changed.xml"
    shutil.copy(files[0], changed_copy)
    with FixtureServer() as server:
        repo = UNxmlRepo(server)
        for path in files:
            body = changed_copy if path == files[0] else path  # read in place
            repo.put(f"{path.parent.name}session/English/{path.name}", body)
        data = str(tmp_path / "data")

        first = run_pipeline(sources=[repo.root_url], data_dir=data)
        assert (first.seen, first.new, first.rejected) == (len(files), len(files), [])

        server.clear_log()
        second = run_pipeline(sources=[repo.root_url], data_dir=data)
        assert (second.new, second.changed, second.unchanged) == (0, 0, len(files))
        assert sum(second.rows_inserted.values()) == 0
        assert server.requests(UNxmlRepo.RAW) == []  # no document body requested
        assert sum(r.body_bytes for r in server.requests()) == 0

        text = changed_copy.read_text(encoding="utf-8")
        changed_copy.write_text(text.replace("</preface>", "</preface>\n", 1), encoding="utf-8")
        repo.put(f"{files[0].parent.name}session/English/{files[0].name}", changed_copy)
        server.clear_log()
        third = run_pipeline(sources=[repo.root_url], data_dir=data)
        assert (third.new, third.changed, third.unchanged) == (0, 1, len(files) - 1)
        downloads = [r for r in server.requests(UNxmlRepo.RAW) if r.status == 200]
        assert [Path(r.path).name for r in downloads] == [files[0].name]
    with db.connect(Path(data) / "warehouse" / "unga.duckdb", read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchall() == [(len(files),)]
        assert all(
            rows == [] for name, rows in db.run_checks(con).items() if name != "operative_numbering"
        )
