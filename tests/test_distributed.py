"""The same flow on a Dask cluster (a LocalCluster on 127.0.0.1) through prefect-dask."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.pipeline import run_pipeline
from tests.conftest import SEED
from warehouse import db

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prefect_harness")]


def test_flow_parses_on_a_dask_cluster(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from distributed import LocalCluster
    from prefect.settings import PREFECT_API_URL
    from prefect_dask import DaskTaskRunner

    source = tmp_path / "source"
    source.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for number in ("154", "155", "156"):
        (source / f"{number}.txt").write_text(
            text.replace("58/154", f"58/{number}"), encoding="utf-8"
        )
    # the cluster's worker processes report their task runs to the test's Prefect API
    monkeypatch.setenv("PREFECT_API_URL", PREFECT_API_URL.value())
    monkeypatch.setattr(
        "flows.pipeline.BATCH_SIZE_RANGE", (1, 1)
    )  # one batch per document: 3 tasks
    with LocalCluster(
        n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        flow = run_pipeline.with_options(
            task_runner=DaskTaskRunner(address=cluster.scheduler_address)
        )
        summary = flow(sources=[str(source)], data_dir=str(tmp_path / "data"), distributed=True)
    assert (summary.new, summary.rejected) == (3, [])
    with db.connect(tmp_path / "data" / "warehouse" / "unga.duckdb", read_only=True) as con:
        assert con.execute("SELECT count(*), sum(n_operative) FROM resolutions").fetchall() == [
            (3, 42)
        ]
        assert all(rows == [] for rows in db.run_checks(con).values())
