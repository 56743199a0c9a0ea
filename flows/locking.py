"""One writer per data directory: an advisory lock held for the whole of a run.

DuckDB itself refuses a second writer process at once (`Could not set lock on file`), but only
when both reach the database; the lock also covers landing and the Parquet lake, and lets the
second run wait politely instead of failing half-way.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


class WarehouseBusy(RuntimeError):
    """Another run holds the data directory and we were told not to wait."""


@contextmanager
def warehouse_lock(
    lock_path: Path, *, wait: bool, on_wait: Callable[[str], None] = lambda _: None
) -> Iterator[None]:
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(lock_path)
            if not wait:
                raise WarehouseBusy(
                    f"another `unga run` ({holder}) is using {lock_path.parent.parent}; "
                    "try again when it finishes"
                ) from None
            on_wait(f"waiting for the run already in progress ({holder}) to finish…")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} since {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def _holder(lock_path: Path) -> str:
    try:
        return lock_path.read_text().strip() or "unknown process"
    except OSError:
        return "unknown process"
