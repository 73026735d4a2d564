"""`segmint clusters fit` and `segmint clusters show`: discovered customer groups with buyer personas."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.panel import Panel
from rich.table import Table

from segmint.cli.common import (
    JsonOption,
    WorkspaceOption,
    choice_option,
    console,
    open_workspace,
    parse_date,
    print_json,
)
from segmint.cli.main import app

METHODS = ("kmeans", "gmm")  # models.clusters.fit.METHODS (scikit-learn: loaded on use)

if TYPE_CHECKING:
    from segmint.models.clusters import Run

clusters_app = typer.Typer(
    help="Discover groups of customers (k-means or a Gaussian mixture) with buyer personas and rules.",
    no_args_is_help=True,
)
app.add_typer(clusters_app, name="clusters")


@clusters_app.command("fit")
def fit_command(
    workspace: WorkspaceOption = None,
    json_output: JsonOption = False,
    k_min: Annotated[int, typer.Option("--k-min", help="Fewest clusters to consider.")] = 3,
    k_max: Annotated[int, typer.Option("--k-max", help="Most clusters to consider.")] = 8,
    method: Annotated[
        str,
        choice_option(
            "--method", values=METHODS, case_sensitive=False, help="kmeans (silhouette picks k) or gmm (BIC)."
        ),
    ] = "kmeans",
    seed: Annotated[
        int, typer.Option("--seed", help="Random seed: the same data and seed give the same clusters.")
    ] = 0,
    demographics: Annotated[
        bool, typer.Option("--demographics", help="Also cluster on age (behaviour only by default).")
    ] = False,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Cluster the data as it stood on this date (YYYY-MM-DD).")
    ] = None,
    no_refresh: Annotated[
        bool,
        typer.Option("--no-refresh", help="Do not refresh the families (the cluster family) afterwards."),
    ] = False,
) -> None:
    """Fit a clustering, describe every cluster and store it as the workspace's `cluster` family."""
    from segmint.history import refresh
    from segmint.models.clusters import fit_clusters  # pandas, scikit-learn: loaded on use

    day = parse_date(as_of, "--as-of")
    with open_workspace(workspace) as ws:
        with console.status("Clustering customers…"):
            run = fit_clusters(
                ws,
                method=method.lower(),
                k_min=k_min,
                k_max=k_max,
                seed=seed,
                demographics=demographics,
                as_of=day,
            )
        refreshed = None
        if not no_refresh:
            with console.status("Refreshing families and segments…"):
                refreshed = refresh(ws)
    document = run.to_dict()
    document["refreshed"] = refreshed.as_of.isoformat() if refreshed else None
    if json_output:
        print_json(document)
        return
    scores = ", ".join(f"k={k}: {v}" for k, v in run.model.scores.items())
    console.print(
        f"Clustered [bold]{run.customers:,}[/] customers as of {run.as_of} with {run.method}: "
        f"k = [bold]{run.k}[/] ({document['k_score']}: {scores}) in {run.seconds:.1f} s"
    )
    print_clusters(run)


@clusters_app.command("show")
def show_command(workspace: WorkspaceOption = None, json_output: JsonOption = False) -> None:
    """Show the current clustering: personas, profiles and rules with their precision and recall."""
    from segmint.models.clusters import ClusterError, current  # pandas, scikit-learn: loaded on use

    with open_workspace(workspace) as ws:
        run = current(ws)
    if run is None:
        raise ClusterError("this workspace has no clustering yet; run `segmint clusters fit`")
    if json_output:
        print_json(run.to_dict())
        return
    console.print(
        f"Clustering {run.run_id} fitted {run.fitted_at} on data as of {run.as_of}: {run.method}, "
        f"k = {run.k}, {run.customers:,} customers"
    )
    print_clusters(run)


def print_clusters(run: Run) -> None:
    table = Table("#", "persona", "customers", "share", "rule precision", "rule recall", title_justify="left")
    for c in run.clusters:
        table.add_row(
            str(c["cluster"]),
            c["name"],
            f"{c['size']:,}",
            f"{c['share']:.1%}",
            f"{c['precision']:.0%}",
            f"{c['recall']:.0%}",
        )
    console.print(table)
    for c in run.clusters:
        five = c["persona"]["five_w"]
        lines = [
            f"[bold]{key.capitalize()}:[/] {five[key]}" for key in ("who", "what", "why", "when", "where")
        ]
        top = ", ".join(f"{p['label']} (d = {p['effect_size']:+.2f})" for p in c["profile"][:4])
        lines.append(f"[bold]Sets it apart:[/] {top}")
        lines.append(f"[bold]Rule[/] (precision {c['precision']:.0%}, recall {c['recall']:.0%}): {c['rule']}")
        console.print(Panel("\n".join(lines), title=f"{c['cluster']}. {c['name']}", title_align="left"))
