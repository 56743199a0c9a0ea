"""Named points where a test can have the process killed outright (SIGKILL), to prove that a
run interrupted anywhere leaves the warehouse as it was before the run or as after it.

Inert unless the environment variable UNGA_FAILPOINT names the point.
"""

from __future__ import annotations

import os
import signal

FAILPOINTS = (
    "after-land",
    "mid-parse",
    "mid-version",
    "before-commit",
    "after-commit",  # DuckDB committed, lake link not yet swapped: the next run rolls forward
    "after-swap",
)


def failpoint(name: str) -> None:
    if os.environ.get("UNGA_FAILPOINT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
