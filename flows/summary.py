"""What a run did, for the terminal and for the Prefect markdown artifact."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.console import Console
from rich.table import Table


@dataclass(frozen=True, slots=True)
class RunSummary:
    run_id: str
    data_dir: str
    seen: int
    new: int
    changed: int
    unchanged: int
    rejected: list[tuple[str, str, str]]  # source_uri, stage, reason
    reparsed: int
    filtered_out: int
    rows_inserted: dict[str, int]
    table_totals: dict[str, int]
    seconds: float
    phase_seconds: dict[str, float] = field(default_factory=dict)
    startup_seconds: float | None = None  # set by the CLI: Prefect start-up

    def counts(self) -> dict[str, int]:
        return {
            "seen": self.seen,
            "new": self.new,
            "changed": self.changed + self.reparsed,
            "unchanged": self.unchanged,
            "rejected": len(self.rejected),
            "rows_written": sum(self.rows_inserted.values()),
        }

    def one_line(self) -> str:
        return (
            f"{self.seen} seen, {self.new} new, {self.changed} changed, "
            f"{self.unchanged} unchanged, {len(self.rejected)} rejected in {self.seconds:.2f} s"
        )


def render_markdown(summary: RunSummary) -> str:
    lines = [
        f"# unga run `{summary.run_id}`",
        "",
        f"Data directory: `{summary.data_dir}`",
        "",
        "| documents | count |",
        "| --- | ---: |",
        f"| seen | {summary.seen} |",
        f"| new | {summary.new} |",
        f"| changed | {summary.changed} |",
        f"| unchanged | {summary.unchanged} |",
        f"| rejected | {len(summary.rejected)} |",
    ]
    if summary.reparsed:
        lines.append(f"| re-parsed from landed copies | {summary.reparsed} |")
    if summary.filtered_out:
        lines.append(f"| resolutions outside --sessions | {summary.filtered_out} |")
    lines += ["", "| table | rows inserted | rows in warehouse |", "| --- | ---: | ---: |"]
    for table, total in summary.table_totals.items():
        lines.append(f"| {table} | {summary.rows_inserted.get(table, 0)} | {total} |")
    if summary.rejected:
        lines += ["", "## Rejected", "", "| source | stage | reason |", "| --- | --- | --- |"]
        for uri, stage, reason in summary.rejected:
            lines.append(f"| `{uri}` | {stage} | {reason.replace('|', '/')} |")
    lines += ["", f"Flow seconds: {summary.seconds:.2f}"]
    return "\n".join(lines)


def print_summary(summary: RunSummary, console: Console) -> None:
    documents = Table(title="Documents", show_header=True)
    for column in ("seen", "new", "changed", "unchanged", "rejected"):
        documents.add_column(column, justify="right")
    documents.add_row(
        str(summary.seen),
        str(summary.new),
        str(summary.changed),
        str(summary.unchanged),
        str(len(summary.rejected)),
    )
    console.print(documents)
    if summary.new == summary.changed == summary.reparsed == 0 and not summary.rejected:
        console.print("Nothing changed: every document was already loaded.")
    rows = Table(title="Rows", show_header=True)
    rows.add_column("table")
    rows.add_column("inserted this run", justify="right")
    rows.add_column("in warehouse", justify="right")
    for table, total in summary.table_totals.items():
        rows.add_row(table, str(summary.rows_inserted.get(table, 0)), str(total))
    console.print(rows)
    if summary.reparsed:
        console.print(f"{summary.reparsed} documents re-parsed from their landed copies")
    if summary.filtered_out:
        console.print(f"{summary.filtered_out} resolutions skipped: outside --sessions")
    if summary.rejected:
        rejects = Table(title="Rejected", show_header=True)
        rejects.add_column("source", overflow="fold")
        rejects.add_column("stage")
        rejects.add_column("reason", overflow="fold")
        for uri, stage, reason in summary.rejected:
            rejects.add_row(uri, stage, reason)
        console.print(rejects)
    phases = ", ".join(f"{name} {seconds:.2f}" for name, seconds in summary.phase_seconds.items())
    timing = f"{summary.seconds:.2f} s in the flow ({phases})"
    if summary.startup_seconds is not None:
        timing += f", {summary.startup_seconds:.2f} s Prefect start-up"
    console.print(f"Run {summary.run_id}: {timing}. Warehouse: {summary.data_dir}/warehouse")
