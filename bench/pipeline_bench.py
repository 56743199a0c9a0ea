"""Pipeline benchmark: one run, same documents, three measurements per format and scale.

  (a) baseline: a plain single-process loop reading each file and calling the transforms, run
      just before (b) and again just after it, its time the mean of the two (these machines
      drift by 20-30% from one minute to the next; both loops are printed);
  (b) a full `unga run` from local files (land, parse, Parquet, DuckDB) in a fresh data dir;
  (c) the same `unga run` again (every document unchanged).

Formats: the AKN corpus (../shared/corpus/akn) and ODS renderings of it (tests/support's
renderer, seeded variations). Scales: 1x, 4x, 16x the corpus, replicated with distinct symbols
(each copy k moves the sessions by 4k, so symbols and partitions are new). Prints documents/s,
MB/s, peak RSS, the Prefect start-up share, and the ratios (b)/(a) and (c)/(b) where (b) and
(c) count flow time only (not Prefect start-up). Ratios come from one run on one machine.

    .venv/bin/python bench/pipeline_bench.py [--scales 1,4,16] [--formats akn,ods] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from bench_inputs import PROJECT, SEED, transforms_build

sys.path.insert(0, str(PROJECT))

from tests.support.render_ods import random_variation, render_ods
from transforms.akn import parse_akn_xml
from transforms.documents import parse_document

CORPUS = PROJECT.parent / "shared" / "corpus" / "akn"
UNGA = PROJECT / ".venv" / "bin" / "unga"
SESSION_STRIDE = 4  # the corpus spans sessions 75-78

# Session numbers in symbols ('A/RES/75/1', 'A/RES/ES-11/1', 'A/RES/S-32/1'), in the document
# number and in the session element: shifting them all gives every copy distinct symbols.
_AKN_SESSION_RE = re.compile(
    rb"(A/RES/(?:ES-|S-)?|<docNumber[^>]*>\s*(?:ES-|S-)?|<session[^>]*value=\")(\d{1,3})(?=[/\"])"
)


@dataclass
class Measurement:
    label: str
    documents: int
    megabytes: float
    seconds: float
    peak_rss_mb: float | None = None
    startup_seconds: float | None = None
    flow_seconds: float | None = None
    phases: dict[str, float] | None = None

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds


def shift_akn_sessions(data: bytes, offset: int) -> bytes:
    return _AKN_SESSION_RE.sub(lambda m: m.group(1) + str(int(m.group(2)) + offset).encode(), data)


def prepare(fmt: str, scale: int, root: Path) -> Path:
    """Write `scale` copies of the corpus (as AKN or as ODS renderings) into a folder."""
    folder = root / f"{fmt}-{scale}x"
    if folder.exists():
        return folder
    folder.mkdir(parents=True)
    files = sorted(CORPUS.glob("*/*.xml"))
    rng = random.Random(20261128)
    for copy in range(scale):
        offset = copy * SESSION_STRIDE
        for path in files:
            data = shift_akn_sessions(path.read_bytes(), offset)
            name = f"c{copy:02d}-{path.stem}"
            if fmt == "akn":
                (folder / f"{name}.xml").write_bytes(data)
            else:
                parts = parse_akn_xml(data)
                parts = tuple(replace(p, annexes=()) for p in parts)
                (folder / f"{name}.txt").write_bytes(render_ods(parts, random_variation(rng)))
    return folder


def baseline(folder: Path) -> Measurement:
    paths = sorted(p for p in folder.iterdir() if p.is_file())
    size = 0
    started = time.perf_counter()
    for path in paths:
        data = path.read_bytes()
        size += len(data)
        parse_document(data)
    return Measurement("(a) baseline loop", len(paths), size / 1e6, time.perf_counter() - started)


# A fresh wrapper process per run: its RUSAGE_CHILDREN peak is this run's largest process
# (the flow, a parse worker or the loader), not the largest of every run so far. The workers
# are children of the run's fork server, which outlives the flow's process by a moment: as a
# child subreaper (Linux prctl 36), the wrapper inherits and reaps it, and with it their peaks.
_PEAK_RSS_WRAPPER = (
    "import ctypes, os, resource, subprocess, sys\n"
    "ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)\n"
    "code = subprocess.call(sys.argv[1:])\n"
    "while True:\n"
    "    try:\n"
    "        os.wait()\n"
    "    except ChildProcessError:\n"
    "        break\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def unga_run(folder: Path, data_dir: Path, label: str) -> Measurement:
    command = [str(UNGA), "run", "--source", str(folder), "--data-dir", str(data_dir), "--json"]
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-c", _PEAK_RSS_WRAPPER, *command],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"unga run failed:\n{completed.stderr[-3000:]}")
    summary = json.loads(completed.stdout)
    peak_kb = int(completed.stderr.strip().splitlines()[-1])
    size = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
    return Measurement(
        label,
        summary["seen"],
        size / 1e6,
        wall,
        peak_rss_mb=peak_kb / 1024,
        startup_seconds=summary["startup_seconds"],
        flow_seconds=summary["seconds"],
        phases=summary["phase_seconds"],
    )


def report(
    fmt: str, scale: int, before: Measurement, after: Measurement, b: Measurement, c: Measurement
) -> dict:
    assert b.flow_seconds is not None and c.flow_seconds is not None
    a = replace(before, seconds=(before.seconds + after.seconds) / 2)
    return {
        "format": fmt,
        "scale": f"{scale}x",
        "documents": a.documents,
        "MB": round(a.megabytes, 1),
        "(a) docs/s": round(a.docs_per_second),
        "(a) before / after (b)": f"{before.docs_per_second:.0f} / {after.docs_per_second:.0f}",
        "(a) MB/s": round(a.megabytes / a.seconds, 2),
        "(b) docs/s (flow)": round(b.documents / b.flow_seconds),
        "(b) MB/s (flow)": round(b.megabytes / b.flow_seconds, 2),
        "(b) wall s": round(b.seconds, 1),
        "Prefect start-up share of (b)": f"{(b.startup_seconds or 0) / b.seconds:.0%}",
        "(c) flow s": round(c.flow_seconds, 2),
        "(b)/(a)": round(b.flow_seconds / a.seconds, 2),
        "(c)/(b)": round(c.flow_seconds / b.flow_seconds, 3),
        "peak RSS MB (b)": round(b.peak_rss_mb or 0),
        "phases (b)": {k: round(v, 2) for k, v in (b.phases or {}).items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,4,16")
    parser.add_argument("--formats", default="akn,ods")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "unga-bench")
    parser.add_argument("--keep", action="store_true", help="keep generated inputs and warehouses")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"the AKN corpus is not at {CORPUS}: nothing to benchmark")
    os.environ.setdefault("PREFECT_HOME", str(args.workdir / "prefect-home"))
    # Warehouses are deleted only once everything is measured. ext4 without a journal (these
    # machines) skips inodes freed in the last minutes when it allocates one, checking each:
    # deleting the previous scale's 21k-file warehouse right before a run made its landing
    # up to ~1.6x slower (perf: `recently_deleted` was ~40% of the landing's CPU). A scheduled
    # run does not follow a mass deletion; a bench that deleted as it went measured itself.
    data_root = args.workdir / "data"
    leftovers = args.workdir / f"data-leftover-{os.getpid()}"
    if data_root.exists():
        data_root.rename(leftovers)  # a rename frees no inode
    # the interpreter's build moves every figure (README, Performance): say which one ran, and
    # whether the transforms ran compiled (a stale compiled build stops the bench here)
    print(f"Python {sys.version.split()[0]}: {os.path.realpath(sys.executable)}", flush=True)
    print(f"transforms: {transforms_build(PROJECT)}", flush=True)
    rows = []
    for fmt in args.formats.split(","):
        for scale in (int(s) for s in args.scales.split(",")):
            folder = prepare(fmt, scale, args.workdir / "inputs")
            data_dir = data_root / f"{fmt}-{scale}x"
            before = baseline(folder)
            b = unga_run(folder, data_dir, "(b) unga run")
            after = baseline(folder)
            c = unga_run(folder, data_dir, "(c) unchanged re-run")
            row = report(fmt, scale, before, after, b, c)
            rows.append(row)
            print(json.dumps(row), flush=True)
    for leftover in args.workdir.glob("data-leftover-*"):  # this run's, and interrupted ones'
        shutil.rmtree(leftover, ignore_errors=True)
    if not args.keep:
        shutil.rmtree(data_root, ignore_errors=True)
    print()
    print(markdown_table(rows))
    print()
    print(markdown_table(transform_speed_by_size(args.formats.split(","), args.workdir / "inputs")))


SIZE_BINS_KB = (0, 10, 20, 40)


def transform_speed_by_size(formats: list[str], inputs: Path) -> list[dict]:
    """The transforms' speed per core (CPU time, one process) by document size: the 1x
    documents of each format in size bins, and the 9 KB seed export the targets speak of."""
    rows = []
    for fmt in formats:
        documents = [p.read_bytes() for p in sorted((inputs / f"{fmt}-1x").iterdir())]
        for low, high in zip(SIZE_BINS_KB, (*SIZE_BINS_KB[1:], None), strict=True):
            chosen = [d for d in documents if low * 1000 <= len(d) < (high or 1e12) * 1000]
            label = f"{low}-{high} KB" if high else f">= {low} KB"
            if chosen:
                rows.append(_transform_speed(fmt, label, chosen))
    rows.append(
        _transform_speed(
            "ods", f"the seed, {SEED.stat().st_size / 1000:.1f} KB", [SEED.read_bytes()] * 2000
        )
    )
    return rows


def _transform_speed(fmt: str, label: str, documents: list[bytes]) -> dict:
    for data in documents[:50]:  # warm the regex caches
        parse_document(data)
    started = time.process_time()
    for data in documents:
        parse_document(data)
    seconds = time.process_time() - started
    return {
        "format": fmt,
        "documents": label,
        "count": len(documents),
        "mean KB": round(sum(map(len, documents)) / len(documents) / 1000, 1),
        "docs/s per core": round(len(documents) / seconds),
        "MB/s per core": round(sum(map(len, documents)) / seconds / 1e6, 2),
    }


def markdown_table(rows: list[dict]) -> str:
    columns = [k for k in rows[0] if k != "phases (b)"]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(str(row[c]) for c in columns) + " |" for row in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
