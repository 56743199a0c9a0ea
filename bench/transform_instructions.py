"""Instructions the transforms execute on a sample of the bench's documents, counted by callgrind.

On these shared virtual machines the same loop's speed moves by ±30% from one minute to the
next, so a change of a few per cent to a transform cannot be seen in seconds. An instruction
count can: callgrind gives the same count for the same program and inputs whatever else the
machine is doing. Compare two checkouts in one run (`--against` a `git worktree` of the old
commit), then confirm the speed with `bench/pipeline_bench.py`.

    .venv/bin/python bench/transform_instructions.py [--formats akn,ods] [--every 20]
        [--against ../old-checkout]

Reads the 1x inputs that `bench/pipeline_bench.py` writes (run it once first). Each count is
the parsing run's minus the same run's start-up (imports, reading the files), so what is left
is the transforms alone. Needs valgrind; one count takes a minute or two.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

from bench_inputs import DEFAULT_INPUTS, checkouts, one_x_folder, transforms_build

# Run under valgrind: import the transforms of one checkout, read every n-th input, parse them
# all (or not, for the start-up count).
_LOOP = """
import sys
from pathlib import Path
project, folder, every, parse = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
sys.path.insert(0, project)
from transforms.documents import parse_document
documents = [p.read_bytes() for p in sorted(folder.iterdir())[::every]]
if parse == "parse":
    for data in documents:
        parse_document(data)
"""
_COLLECTED_RE = re.compile(r"Collected : (\d+)")


def instructions(project: Path, folder: Path, every: int, parse: bool) -> int:
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        "-c",
        _LOOP,
        str(project),
        str(folder),
        str(every),
        "parse" if parse else "start-up only",
    ]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    found = _COLLECTED_RE.search(completed.stderr)
    if completed.returncode != 0 or found is None:
        raise SystemExit(f"callgrind failed:\n{completed.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--formats", default="akn,ods")
    parser.add_argument("--every", type=int, default=20, help="take every n-th 1x document")
    parser.add_argument("--against", type=Path, help="another checkout to count as well")
    parser.add_argument("--inputs", type=Path, default=DEFAULT_INPUTS)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    projects = checkouts(args.against)
    builds = {project: transforms_build(project) for project in projects}
    print(
        "| checkout | transforms | format | documents | MB | M instructions "
        "| instructions per byte |"
    )
    print("|---|---|---|---|---|---|---|")
    for fmt in args.formats.split(","):
        folder = one_x_folder(args.inputs, fmt)
        sample = sorted(folder.iterdir())[:: args.every]
        size = sum(p.stat().st_size for p in sample)
        for project in projects:
            parsed = instructions(project, folder, args.every, parse=True)
            count = parsed - instructions(project, folder, args.every, parse=False)
            print(
                f"| {project.name} | {builds[project]} | {fmt} | {len(sample)} | "
                f"{size / 1e6:.2f} | {count / 1e6:,.0f} | {count / size:.0f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
