"""Functions a test runs in a pool's worker process to see its state (module level: picklable,
and importing this module imports nothing the answer depends on)."""

from __future__ import annotations

import sys


def already_imported(module: str) -> bool:
    return module in sys.modules
