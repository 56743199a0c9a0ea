"""The compiled build of `transforms/` is used only while it matches the sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows import native


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in `transforms/` folder with two sources."""
    (tmp_path / "__init__.py").write_text('PARSER_VERSION = "0"\n')
    (tmp_path / "akn.py").write_text("def parse() -> None: ...\n")
    monkeypatch.setattr(native, "TRANSFORMS_DIR", tmp_path)
    monkeypatch.setattr(native, "STAMP", tmp_path / "_native.stamp")
    return tmp_path


def compile_fake(package: Path) -> None:
    (package / "akn.cpython-311-x86_64-linux-gnu.so").write_bytes(b"\x7fELF")
    (package / "_native.stamp").write_text(f"{native.source_digest()} native\n")


def test_no_compiled_modules_is_pure_python_and_fine(package: Path) -> None:
    assert native.compiled_files() == []
    assert native.stale_build_message() is None


def test_a_build_of_the_current_sources_is_used(package: Path) -> None:
    compile_fake(package)
    assert [p.name for p in native.compiled_files()] == ["akn.cpython-311-x86_64-linux-gnu.so"]
    assert native.stale_build_message() is None


@pytest.mark.parametrize(
    "change",
    [
        lambda package: (package / "akn.py").write_text("def parse() -> int: return 1\n"),
        lambda package: (package / "ods.py").write_text("X = 1\n"),
        lambda package: (package / "akn.py").rename(package / "xml.py"),
        lambda package: (package / "_native.stamp").unlink(),
    ],
    ids=["edited", "added", "renamed", "stamp missing"],
)
def test_a_build_of_other_sources_is_refused(package: Path, change) -> None:
    compile_fake(package)
    change(package)
    message = native.stale_build_message()
    assert message is not None and "make native" in message


def test_a_stamp_saying_native_means_the_compiled_modules_load() -> None:
    """A build for another interpreter (ABI tag) would be skipped silently by the import."""
    recorded = native.recorded_build()
    if recorded is None or recorded[1] != "native":
        pytest.skip("transforms/ is not compiled here (make NATIVE=0, or no C compiler)")
    assert native.build_kind() == "compiled (mypyc)"


@pytest.mark.parametrize("command", ["run", "serve"])
def test_the_cli_refuses_a_stale_build(
    package: Path, tmp_path: Path, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from flows.cli import app

    compile_fake(package)
    (package / "akn.py").write_text("# edited after the build\n")
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")  # never reached
    arguments = {"run": ["--data-dir", str(tmp_path / "data")], "serve": ["--cron", "0 3 * * *"]}
    result = CliRunner().invoke(app, [command, *arguments[command]])
    assert result.exit_code == 2
    assert "make native" in result.output
    assert not (tmp_path / "data").exists()
