"""End to end through the real Prefect flow, real files, real Parquet and a real DuckDB file."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.pipeline import loader_process, process_pool, run_pipeline, startup_frozen
from tests.conftest import SEED
from tests.support.probes import already_imported
from tests.support.warehouse_state import database_state, lake_state, resolution_state
from warehouse import db, schemas

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prefect_harness")]


def snapshot(data_dir: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(data_dir / "warehouse" / "unga.duckdb"), read_only=True) as con:
        return {
            table: sorted(con.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            for table in schemas.ALL_TABLES
            if table != "runs"  # every run adds its own history row
        }


def lake_rows(data_dir: Path, table: str) -> int:
    folder = data_dir / "warehouse" / "parquet" / table
    return ds.dataset(folder, partitioning="hive").count_rows() if folder.exists() else 0


def test_seed_loads_once_and_a_second_run_changes_nothing(source: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = run_pipeline(sources=[str(source)], data_dir=str(data))
    assert (first.seen, first.new, first.unchanged, first.rejected) == (1, 1, 0, [])
    assert first.rows_inserted["paragraphs"] == 30
    with db.connect(data / "warehouse" / "unga.duckdb", read_only=True) as con:
        row = con.execute(
            "SELECT symbol, session, committee, meeting, origin_documents, job_number, "
            "n_preambular, n_operative, source_format, parser_version FROM resolutions"
        ).fetchall()
        assert row == [
            ("A/RES/58/154", 58, "Third Committee", 77, ["A/58/503"], "03-50382", 16, 14, "ods_text", "0.1.0")
        ]  # fmt: skip
        assert db.run_checks(con) == {check: [] for check in db.run_checks(con)}
    before = snapshot(data)

    second = run_pipeline(sources=[str(source)], data_dir=str(data))
    assert (second.seen, second.new, second.changed, second.unchanged) == (1, 0, 0, 1)
    assert sum(second.rows_inserted.values()) == 0
    assert snapshot(data) == before
    with db.connect(data / "warehouse" / "unga.duckdb", read_only=True) as con:
        runs = con.execute(
            "SELECT status, documents_new, documents_unchanged, rows_written, error FROM runs "
            "ORDER BY started_at"
        ).fetchall()
    assert runs == [("completed", 1, 0, 50, None), ("completed", 0, 1, 0, None)]
    assert gc.get_freeze_count() == 0  # a scheduled process runs flow after flow


def test_workers_start_with_the_parser_and_the_loader_imported() -> None:
    with process_pool(2) as pool, loader_process(True) as loader:
        assert pool is not None and loader is not None
        for module in ("transforms.documents", "flows.batch", "duckdb"):
            assert pool.submit(already_imported, module).result(), module
        assert loader.submit(already_imported, "flows.load").result()


def test_objects_frozen_for_a_run_are_unfrozen_when_it_fails() -> None:
    with pytest.raises(RuntimeError), startup_frozen():
        assert gc.get_freeze_count() > 0
        raise RuntimeError("the run failed")
    assert gc.get_freeze_count() == 0


def test_parquet_matches_the_schemas_and_duckdb(source: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    run_pipeline(sources=[str(source)], data_dir=str(data))
    for table, schema in schemas.RESOLUTION_TABLES.items():
        folder = data / "warehouse" / "parquet" / table
        if not folder.exists():
            continue
        dataset = ds.dataset(folder, format="parquet", partitioning="hive")
        file_schema = dataset.schema.remove(dataset.schema.get_field_index("session"))
        assert file_schema.equals(schema.remove(schema.get_field_index("session"))), table
        assert [p.name for p in folder.iterdir()] == ["session=58"]
    with db.connect(data / "warehouse" / "unga.duckdb", read_only=True) as con:
        for table, schema in schemas.ALL_TABLES.items():
            columns = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
            assert columns == schema.names, table


def test_a_changed_document_replaces_its_rows(source: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    run_pipeline(sources=[str(source)], data_dir=str(data))
    seed = source / SEED.name
    text = seed.read_text(encoding="utf-8")
    last = "\t14.\tDecides to continue its consideration of the question at its sixtieth session.\n"
    assert last in text
    seed.write_text(text.replace(last, "").replace("\t13.\tRequests", "\t13.\tAlso requests")
                    .replace("Programme of Action;\n\n77th", "Programme of Action.\n\n77th"),
                    encoding="utf-8")  # fmt: skip

    summary = run_pipeline(sources=[str(source)], data_dir=str(data))
    assert (summary.new, summary.changed, summary.unchanged) == (0, 1, 0)
    with db.connect(data / "warehouse" / "unga.duckdb", read_only=True) as con:
        assert con.execute("SELECT count(*), max(n_operative) FROM resolutions").fetchall() == [
            (1, 13)
        ]
        assert con.execute("SELECT count(*) FROM paragraphs").fetchall() == [(29,)]
        assert con.execute("SELECT lead FROM paragraphs WHERE number = '13'").fetchall() == [
            ("Also requests",)
        ]
        assert con.execute("SELECT count(*) FROM documents").fetchall() == [(1,)]
    assert lake_rows(data, "paragraphs") == 29
    assert lake_rows(data, "resolutions") == 1


def test_a_file_reissued_under_another_symbol_drops_the_old_symbol(
    source: Path, tmp_path: Path
) -> None:
    """The changed file no longer carries its first symbol: the run must delete that
    resolution's rows too (from the warehouse's record of the file), in DuckDB and the lake."""
    data = tmp_path / "data"
    run_pipeline(sources=[str(source)], data_dir=str(data))
    seed = source / SEED.name
    seed.write_text(seed.read_text(encoding="utf-8").replace("58/154", "58/999"), encoding="utf-8")

    summary = run_pipeline(sources=[str(source)], data_dir=str(data))
    assert (summary.new, summary.changed, summary.unchanged) == (0, 1, 0)
    with db.connect(data / "warehouse" / "unga.duckdb", read_only=True) as con:
        for table in ("resolutions", "paragraphs", "footnotes", "citations"):
            symbols = con.execute(f"SELECT DISTINCT symbol FROM {table}").fetchall()
            assert symbols == [("A/RES/58/999",)], table
        assert con.execute("SELECT symbols FROM documents").fetchall() == [(["A/RES/58/999"],)]
    lake = ds.dataset(data / "warehouse" / "parquet" / "paragraphs", partitioning="hive")
    assert set(lake.to_table(columns=["symbol"])["symbol"].to_pylist()) == {"A/RES/58/999"}


def test_two_documents_of_one_resolution_load_the_last(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same symbol in two files of one run: the later file wins; the earlier one becomes a
    `dedupe` reject, and its rows leave both DuckDB and the lake while the other documents of
    its batch stay (here, in a partition of another session)."""
    monkeypatch.setattr(
        "flows.pipeline.BATCH_SIZE_RANGE", (2, 2)
    )  # loser and a keeper share a batch
    text = SEED.read_text(encoding="utf-8")
    (source / SEED.name).unlink()
    (source / "a_first.txt").write_text(text, encoding="utf-8")
    (source / "b_other.txt").write_text(text.replace("58/154", "59/155"), encoding="utf-8")
    (source / "c_later.txt").write_text(
        text.replace("\t13.\tRequests", "\t13.\tAlso requests"), encoding="utf-8"
    )
    data = tmp_path / "data"
    summary = run_pipeline(sources=[str(source)], data_dir=str(data), workers=1)

    assert [(Path(uri).name, stage) for uri, stage, _ in summary.rejected] == [
        ("a_first.txt", "dedupe")
    ]
    with db.connect(data / "warehouse" / "unga.duckdb", read_only=True) as con:
        assert con.execute(
            "SELECT symbol, count(*) FROM paragraphs GROUP BY symbol ORDER BY symbol"
        ).fetchall() == [("A/RES/58/154", 30), ("A/RES/59/155", 30)]
        assert con.execute("SELECT lead FROM paragraphs WHERE number = '13' ORDER BY symbol")\
            .fetchall() == [("Also requests",), ("Requests",)]  # fmt: skip
        assert db.run_checks(con) == {check: [] for check in db.run_checks(con)}
    lake = ds.dataset(data / "warehouse" / "parquet" / "paragraphs", partitioning="hive")
    assert sorted(lake.to_table(columns=["symbol", "session"]).to_pylist(), key=str) == (
        [{"symbol": "A/RES/58/154", "session": 58}] * 30
        + [{"symbol": "A/RES/59/155", "session": 59}] * 30
    )


def test_a_pooled_run_loads_what_a_one_process_run_loads(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two workers and several batches (parsed on the run's process pool, loaded in a process
    of its own) give the warehouse and the lake of a run done in one process, a duplicate's
    rows taken out of its batch's staged files on the pool included."""
    text = SEED.read_text(encoding="utf-8")
    for number in range(155, 160):
        (source / f"A_RES_58_{number}.txt").write_text(
            text.replace("58/154", f"58/{number}"), encoding="utf-8"
        )
    (source / "empty.txt").write_bytes(b"")
    (source / "z_reissued.txt").write_text(  # A/RES/58/155 again, last: it wins
        text.replace("58/154", "58/155").replace("\t13.\tRequests", "\t13.\tAlso requests"),
        encoding="utf-8",
    )
    single = run_pipeline(sources=[str(source)], data_dir=str(tmp_path / "one"), workers=1)
    monkeypatch.setattr("flows.pipeline.BATCH_SIZE_RANGE", (2, 2))
    pooled = run_pipeline(sources=[str(source)], data_dir=str(tmp_path / "pooled"), workers=2)

    assert (pooled.new, len(pooled.rejected)) == (single.new, len(single.rejected)) == (6, 2)
    assert [Path(uri).name for uri, stage, _ in pooled.rejected if stage == "dedupe"] == [
        "A_RES_58_155.txt"
    ]
    assert database_state(tmp_path / "pooled") == database_state(tmp_path / "one")
    assert lake_state(tmp_path / "pooled") == resolution_state(tmp_path / "one")
    with db.connect(tmp_path / "pooled" / "warehouse" / "unga.duckdb", read_only=True) as con:
        assert con.execute(
            "SELECT lead FROM paragraphs WHERE symbol = 'A/RES/58/155' AND number = '13'"
        ).fetchall() == [("Also requests",)]
    assert not (tmp_path / "pooled" / "warehouse" / "staging").exists()


BAD_INPUTS = {
    "empty.txt": (b"", "decode", "empty"),
    "binary.txt": (bytes(range(256)) * 8, "decode", "binary"),
    "minutes.txt": (b"Minutes of the garden club.\nNothing to see.\n", "parse", "not a General Assembly resolution"),
    "truncated.txt": (SEED.read_bytes()[:4000], "parse", "truncated"),
    "undecodable.txt": (b"The General Assembly,\n\x81\x8d\x90\n", "decode", "undecodable"),
    "laughs.xml": (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10 if i > 1 else b"&lol;" * 10) for i in range(1, 10))
        + b']><akomaNtoso>&lol9;</akomaNtoso>',
        "parse",
        "entit",
    ),
    "xxe.xml": (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><akomaNtoso>&x;</akomaNtoso>',
        "parse",
        "entit",
    ),
}  # fmt: skip


def test_a_warehouse_that_cannot_be_opened_fails_the_run_with_duckdbs_reason(
    source: Path, tmp_path: Path
) -> None:
    """The warehouse opens in a thread while the sources land: its error still ends the run,
    and there is no run row to mark failed."""
    database = tmp_path / "data" / "warehouse" / "unga.duckdb"
    database.parent.mkdir(parents=True)
    database.write_bytes(b"not a DuckDB file, but long enough to be read as a header" * 100)
    with pytest.raises(duckdb.Error, match="DuckDB"):
        run_pipeline(sources=[str(source)], data_dir=str(tmp_path / "data"))
    assert database.read_bytes().startswith(b"not a DuckDB file")


def test_bad_inputs_become_rejects_and_the_run_goes_on(source: Path, tmp_path: Path) -> None:
    for name, (content, _, _) in BAD_INPUTS.items():
        (source / name).write_bytes(content)
    data = tmp_path / "data"
    result = CliRunner().invoke(app, ["run", "--source", str(source), "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    assert "Rejected" in result.output
    with db.connect(data / "warehouse" / "unga.duckdb", read_only=True) as con:
        rejects = con.execute("SELECT source_uri, stage, error FROM rejects").fetchall()
        assert con.execute("SELECT count(*) FROM resolutions").fetchall() == [(1,)]
    assert len(rejects) == len(BAD_INPUTS)
    for uri, stage, error in rejects:
        expected_stage, expected_words = BAD_INPUTS[Path(uri).name][1:]
        assert stage == expected_stage
        assert expected_words in error

    again = run_pipeline(sources=[str(source)], data_dir=str(data))
    assert (again.unchanged, again.rejected) == (
        len(BAD_INPUTS) + 1,
        [],
    )  # known bad bytes are not retried


def test_query_formats_and_read_only(source: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    run_pipeline(sources=[str(source)], data_dir=str(data))
    runner = CliRunner()
    sql = "SELECT symbol, adopted_on, agenda_items FROM resolutions"
    as_json = runner.invoke(app, ["query", "--data-dir", str(data), "--format", "json", sql])
    assert json.loads(as_json.output) == [
        {"symbol": "A/RES/58/154", "adopted_on": "2003-12-22", "agenda_items": ["112"]}
    ]
    as_csv = runner.invoke(app, ["query", "--data-dir", str(data), "--format", "csv", sql])
    assert as_csv.output.splitlines() == [
        "symbol,adopted_on,agenda_items",
        'A/RES/58/154,2003-12-22,"[""112""]"',
    ]
    as_table = runner.invoke(app, ["query", "--data-dir", str(data), sql])
    assert "A/RES/58/154" in as_table.output and "(1 row)" in as_table.output
    write = runner.invoke(app, ["query", "--data-dir", str(data), "DELETE FROM resolutions"])
    assert write.exit_code == 1
    assert "read-only" in write.output.lower() or "read only" in write.output.lower()
    missing = runner.invoke(app, ["query", "--data-dir", str(tmp_path / "nowhere"), "SELECT 1"])
    assert missing.exit_code == 2


def test_export_copies_the_lake_to_another_filesystem(source: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    run_pipeline(sources=[str(source)], data_dir=str(data))
    target = tmp_path / "bucket"
    result = CliRunner().invoke(
        app, ["export", "--data-dir", str(data), "--to", f"file://{target}/unga"]
    )
    assert result.exit_code == 0, result.output
    exported = ds.dataset(target / "unga" / "paragraphs", partitioning="hive")
    assert exported.count_rows() == 30
    assert sorted(p.name for p in (target / "unga").iterdir()) == [
        "citations", "footnotes", "paragraphs", "resolutions",
    ]  # fmt: skip
