"""The transforms' speed per core under two or more Python interpreters, or of two checkouts,
measured in one run.

Each interpreter is a venv's `python` with the project's dependencies installed (e.g. `.venv`
made from Debian's /usr/bin/python3 and another made from a pyenv build); `--against` adds,
under each interpreter, the transforms of another checkout (a `git worktree` of an older
commit). Rounds alternate the setups, reversing their order every round, so that the machine's
drift (±30% within minutes on these shared virtual machines) falls on all of them alike; the
medians and their ratio are what to read.

    .venv/bin/python bench/interpreters.py PYTHON [PYTHON ...] [--against ../old-checkout]
        [--rounds 6] [--every 4] [--formats akn,ods,seed]

Reads the 1x inputs that `bench/pipeline_bench.py` writes (run it once first); `seed` is the
shipped 9 KB export parsed 300 times.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
from pathlib import Path

from bench_inputs import DEFAULT_INPUTS, SEED, checkouts, one_x_folder, transforms_build

# Run by each interpreter: parse the first 20 documents to warm up, then time a pass over all
# of them in CPU time.
_LOOP = """
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from transforms.documents import parse_document
documents = [Path(p).read_bytes() for p in sys.argv[2:]]
for data in documents[:20]:
    parse_document(data)
started = time.process_time()
for data in documents:
    parse_document(data)
print(len(documents) / (time.process_time() - started))
"""


def documents_of(fmt: str, inputs: Path, every: int) -> list[str]:
    if fmt == "seed":
        return [str(SEED)] * 300
    return [str(p) for p in sorted(one_x_folder(inputs, fmt).iterdir())[::every]]


def docs_per_second(python: str, project: Path, documents: list[str]) -> float:
    completed = subprocess.run(
        [python, "-c", _LOOP, str(project), *documents], capture_output=True, text=True
    )
    if completed.returncode != 0:
        raise SystemExit(f"{python} failed:\n{completed.stderr[-2000:]}")
    return float(completed.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pythons", nargs="+", help="interpreters (venv pythons) to compare")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--every", type=int, default=4, help="take every n-th 1x document")
    parser.add_argument("--formats", default="akn,ods,seed")
    parser.add_argument("--against", type=Path, help="another checkout to time as well")
    parser.add_argument("--inputs", type=Path, default=DEFAULT_INPUTS)
    args = parser.parse_args()
    for python in args.pythons:
        version = subprocess.run(
            [
                python,
                "-c",
                "import os, sys; print(sys.version.split()[0], os.path.realpath(sys.executable))",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        print(f"{python}: Python {version.stdout.strip()}")
    print()
    projects = checkouts(args.against)
    builds = {project: transforms_build(project) for project in projects}
    setups = [(python, project) for python in args.pythons for project in projects]
    print(
        "| format | documents | python | checkout | transforms | median docs/s per core | range "
        "| vs the first |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for fmt in args.formats.split(","):
        documents = documents_of(fmt, args.inputs, args.every)
        speeds: dict[tuple[str, Path], list[float]] = {setup: [] for setup in setups}
        for round_ in range(args.rounds):
            for python, project in setups if round_ % 2 == 0 else setups[::-1]:
                speeds[python, project].append(docs_per_second(python, project, documents))
        first = statistics.median(speeds[setups[0]])
        for python, project in setups:
            runs = speeds[python, project]
            median = statistics.median(runs)
            print(
                f"| {fmt} | {len(documents)} | {python} | {project.name} | {builds[project]} | "
                f"{median:.0f} | {min(runs):.0f}–{max(runs):.0f} | {median / first:.2f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
