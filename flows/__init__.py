"""Prefect flows and the `unga` command line. Importing this package quiets Prefect first."""

from flows.settings import configure_prefect_environment

configure_prefect_environment()
