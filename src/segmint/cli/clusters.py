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
from segmint.cli.wording import language, num, pct, say, whole

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
        str | None,
        typer.Option(
            "--as-of", metavar="DATE", help="Cluster the data as it stood on this date (YYYY-MM-DD)."
        ),
    ] = None,
    no_refresh: Annotated[
        bool,
        typer.Option("--no-refresh", help="Do not refresh the families (the cluster family) afterwards."),
    ] = False,
) -> None:
    """Fit a clustering, describe every cluster and store it as the workspace's `cluster` family."""
    from segmint.history import refresh
    from segmint.models.clusters import check_as_of, fit_clusters  # pandas, scikit-learn: loaded on use

    day = parse_date(as_of, "--as-of")
    with open_workspace(workspace) as ws:
        if day is not None:
            check_as_of(ws, day, "--as-of")  # named as the user typed it
        with console.status(say("clustering")):
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
            with console.status(say("clusters_refreshing")):
                refreshed = refresh(ws)
        currency = ws.settings.currency
    document = run.to_dict()
    document["refreshed"] = refreshed.as_of.isoformat() if refreshed else None
    if json_output:
        print_json(document)
        return
    scores = ", ".join(f"k={k}: {whole(v)}" for k, v in run.model.scores.items())
    seconds = f"{run.seconds:.1f}" if language() == "en" else num(run.seconds, 1)
    console.print(
        say(
            "clustered",
            customers=num(run.customers),
            as_of=run.as_of,
            method=run.method,
            k=run.k,
            score=document["k_score"],
            scores=scores,
            seconds=seconds,
        )
    )
    print_clusters(run, currency)


@clusters_app.command("show")
def show_command(workspace: WorkspaceOption = None, json_output: JsonOption = False) -> None:
    """Show the current clustering: personas, profiles and rules with their precision and recall."""
    from segmint.models.clusters import ClusterError, current  # pandas, scikit-learn: loaded on use

    with open_workspace(workspace) as ws:
        run, currency = current(ws), ws.settings.currency
    if run is None:
        raise ClusterError(
            "this workspace has no clustering yet; run `segmint clusters fit`", code="cluster.none_yet"
        )
    if json_output:
        print_json(run.to_dict())
        return
    console.print(
        say(
            "clustering_shown",
            id=run.run_id,
            fitted_at=run.fitted_at.replace(microsecond=0),
            as_of=run.as_of,
            method=run.method,
            k=run.k,
            customers=num(run.customers),
        )
    )
    print_clusters(run, currency)


def print_clusters(run: Run, currency: str) -> None:
    """The clusters' table and a card per persona: its 5W and the features that set it apart worded as
    the web UI words them (web/personas.py) in uk and ru, the library's English sentences otherwise."""
    from segmint.models.clusters.profile import NEGLIGIBLE
    from segmint.web import personas

    lang = language()
    columns = ("persona", "customers_lower", "share", "rule_precision", "rule_recall")
    table = Table("#", *(say(f"col_{c}") for c in columns), title_justify="left")
    for c in run.clusters:
        table.add_row(
            str(c["cluster"]),
            c["name"],
            num(c["size"]),
            pct(c["share"]),
            pct(c["precision"], 0),
            pct(c["recall"], 0),
        )
    console.print(table)
    for c in run.clusters:
        five, labels = c["persona"]["five_w"], [p["label"] for p in c["profile"][:4]]
        if lang in personas.LANGUAGES:
            if c["persona"].get("demographics"):
                five = personas.five_w(c, currency, lang)
            labels = [personas.feature_label(p["feature"], p["label"], lang) for p in c["profile"][:4]]
        lines = [
            f"[bold]{say(f'w_{key}')}:[/] {five[key]}" for key in ("who", "what", "why", "when", "where")
        ]
        top = ", ".join(
            f"{label} (d = {num(p['effect_size'], 2, signed=True)})"
            for label, p in zip(labels, c["profile"][:4], strict=True)
        )  # the profile holds no negligible difference (models/clusters/profile.apart): none is said so
        top = top or say("sets_apart_none", d=num(NEGLIGIBLE, 1))
        lines.append(f"[bold]{say('sets_apart')}:[/] {top}")
        lines.append(
            say("cluster_rule", precision=pct(c["precision"], 0), recall=pct(c["recall"], 0), rule=c["rule"])
        )
        console.print(Panel("\n".join(lines), title=f"{c['cluster']}. {c['name']}", title_align="left"))
