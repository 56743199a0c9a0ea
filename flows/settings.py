"""Prefect settings for an offline, quiet command-line tool (applied before Prefect is imported).

Users can still override any of them from the environment.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]

_DEFAULTS = {
    # No telemetry: the machines are offline and a blocked call costs time and log noise.
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # Our own summary is the run's output; Prefect's INFO lines are noise for a CLI user.
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
    # A cold temporary server migrates its database first; give slow machines room.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
}


def configure_prefect_environment() -> None:
    for name, value in _DEFAULTS.items():
        os.environ.setdefault(name, value)
