"""`transforms/` stays pure: importing it pulls in no orchestration, database or network code,
and its source does no file or network I/O."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

TRANSFORMS = Path(__file__).resolve().parents[1] / "transforms"
FORBIDDEN_MODULES = (
    "prefect",
    "duckdb",
    "pyarrow",
    "httpx",
    "requests",
    "urllib.request",
    "socket",
)
FORBIDDEN_CALLS = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "urlopen"}


def test_importing_transforms_loads_no_io_libraries() -> None:
    modules = [f"transforms.{p.stem}" for p in TRANSFORMS.glob("*.py") if p.stem != "__init__"]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        f"print(','.join(m for m in {FORBIDDEN_MODULES!r} if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == ""


def test_transforms_source_has_no_io_calls() -> None:
    offenders = []
    for path in TRANSFORMS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in FORBIDDEN_CALLS:
                    offenders.append(f"{path.name}:{node.lineno} {name}()")
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                if any(
                    n.split(".")[0] in ("os", "pathlib", "shutil", "prefect", "duckdb")
                    for n in names
                ):
                    offenders.append(f"{path.name}:{node.lineno} import {names}")
    assert offenders == []
