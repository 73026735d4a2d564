"""`segmint dedupe`: list suspected duplicate customers; `--apply` merges them; `--undo` reverses a merge."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from segmint.cli.common import JsonOption, WorkspaceOption, console, open_workspace, print_json
from segmint.cli.main import app
from segmint.quality.dedupe import DEFAULT_THRESHOLD, find_duplicates


@app.command("dedupe")
def dedupe_command(
    workspace: WorkspaceOption = None,
    json_output: JsonOption = False,
    threshold: Annotated[
        float,
        typer.Option(
            "--threshold", min=0.0, max=1.0, help="Match probability at which records are duplicates."
        ),
    ] = DEFAULT_THRESHOLD,
) -> None:
    """List clusters of customer records that are probably the same person."""
    with open_workspace(workspace) as ws, console.status("Looking for duplicate customers…"):
        summary = find_duplicates(ws, threshold=threshold).summary()
    if json_output:
        print_json({"duplicates": summary})
    else:
        show_duplicates(summary)


def show_duplicates(summary: dict[str, Any]) -> None:
    """Counts and example clusters, for people (stderr)."""
    console.print(
        f"Suspected duplicates at p ≥ {summary['threshold']}: [bold]{summary['clusters']:,}[/] clusters, "
        f"{summary['records_in_clusters']:,} records ({summary['duplicate_records']:,} would be merged away) "
        f"among {summary['records_compared']:,} customers."
    )
    for note in summary["notes"]:
        console.print(f"[dim]{note}[/]")
    if not summary["examples"]:
        return
    table = Table(title="Largest / most certain clusters", title_justify="left")
    for name in ("cluster", "p", "customer_id", "name", "email", "phone", "city"):
        table.add_column(name)
    for example in summary["examples"]:
        for i, record in enumerate(example["records"]):
            name = (
                " ".join(v for v in (record["first_name"], record["last_name"]) if v) or record["full_name"]
            )
            table.add_row(
                example["cluster_id"] if i == 0 else "",
                f"{example['max_probability']:.3f}" if i == 0 else "",
                record["customer_id"],
                name or "",
                record["email"] or "",
                record["phone"] or "",
                record["city"] or "",
                end_section=i == len(example["records"]) - 1,
            )
    console.print(table)
