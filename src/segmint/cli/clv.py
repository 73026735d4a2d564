"""`segmint clv fit` and `segmint clv validate`: the CLV models of the workspace's purchases."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from segmint.cli.common import (
    JsonOption,
    WorkspaceOption,
    choice_option,
    console,
    date_option,
    open_workspace,
    output_option,
    print_json,
)
from segmint.cli.main import app
from segmint.cli.wording import num, say, significant

clv_app = typer.Typer(
    help="Customer lifetime value and churn: BG/NBD or Pareto/NBD purchases, Gamma-Gamma spend.",
    no_args_is_help=True,
)
app.add_typer(clv_app, name="clv")

# the models' names, units and spend bases (models.clv.predict, models.clv.summary: numpy, loaded on use)
MODELS, UNITS, SPEND_BASES = ("bg_nbd", "pareto_nbd"), ("weeks", "days"), ("repeat", "all")
ModelOption = Annotated[
    str,
    choice_option(
        "--model", values=MODELS, case_sensitive=False, help="Purchase model: bg_nbd or pareto_nbd."
    ),
]
UnitOption = Annotated[
    str, choice_option("--unit", values=UNITS, help="Time unit of the model: weeks or days.")
]
DateOption = Annotated[str | None, date_option(show_default=False)]  # the command gets a datetime.date


def _significant(value: float | None, digits: int) -> str:
    """`digits` significant digits, as the papers print a parameter (English: 0.2425, 1.234e+04, nan for
    no standard error, as before); uk and ru as the rest of their CLI writes numbers: a decimal comma and
    a space between thousands (0,2425, 1 234), no value as a dash."""
    return significant(float("nan") if value is None else value, digits, grouped=False)


@clv_app.command("fit")
def fit_command(
    workspace: WorkspaceOption = None,
    json_output: JsonOption = False,
    model: ModelOption = "bg_nbd",
    unit: UnitOption = "weeks",
    as_of: Annotated[
        str | None,
        date_option(
            "--as-of",
            help="Last day of data to fit on (default: the workspace's reference date).",
            show_default=False,
        ),
    ] = None,
    spend: Annotated[
        str,
        choice_option(
            "--spend",
            values=SPEND_BASES,
            help="Purchases the spend model averages: repeat (as the papers) or all.",
        ),
    ] = "repeat",
) -> None:
    """Fit the purchase and spend models and print their parameters, log-likelihoods and data sizes, to
    inspect or compare them: nothing is stored. segmint refresh fits and keeps its own model (BG/NBD with
    the spend of repeat purchases), which the features, rules and KPIs use (docs/clv.md)."""
    with open_workspace(workspace) as ws, console.status(say("clv_fitting")):
        from segmint.models.clv.dropout import CRITICAL  # loaded on use, not at every start
        from segmint.models.clv.predict import fit_clv
        from segmint.models.clv.summary import check_observed, workspace_summary

        if as_of is not None:
            check_observed(ws, as_of, "--as-of")  # named as the user typed it
        summary = workspace_summary(ws, as_of, unit)
        clv = fit_clv(summary, model.lower(), spend)
    document = {
        **clv.as_dict(),
        "data": {
            "customers": summary.n_customers,
            "repeat_buyers": summary.n_repeat_buyers,
            "purchases": int(summary.x.sum()) + summary.n_customers,
            "spend_customers": clv.spend_fit.n_customers,
            "longest_history": float(summary.T.max()),
        },
        "stored": False,  # a look at the models: the refresh fits and keeps its own (clv_fits)
    }
    if json_output:
        print_json(document)
        return
    console.print(
        say(
            "clv_fit_head",
            as_of=clv.as_of,
            unit=say(f"clv_{clv.unit}"),
            customers=num(summary.n_customers),
            repeat=num(summary.n_repeat_buyers),
            purchases=num(document["data"]["purchases"]),
        )
    )
    for fit in (clv.purchase_fit, clv.spend_fit):
        title = say("clv_fit_title", model=fit.model, log_likelihood=num(fit.log_likelihood, 2))
        table = Table(title=title, title_justify="left")
        table.add_column(say("clv_parameter"))
        table.add_column(say("clv_estimate"), justify="right")
        table.add_column(say("clv_std_error"), justify="right")
        for name, value in fit.params.items():  # significant digits, as the papers print them
            table.add_row(name, _significant(value, 4), _significant(fit.standard_errors.get(name), 3))
        console.print(table)
    basis = say(f"clv_spend_{clv.spend_basis}")
    console.print(say("clv_mean_spend", value=num(clv.spend.mean_spend(), 2), basis=basis))
    if not clv.dropout_identified:
        statistic = max(0.0, clv.dropout_statistic)  # no dropout at all comes out as -1e-8 or so
        console.print(say("clv_no_dropout", statistic=num(statistic, 2), critical=num(CRITICAL, 2)))
    console.print(say("clv_not_stored"))


@clv_app.command("validate")
def validate_command(
    calibration_end: Annotated[
        str, date_option("--calibration-end", help="Last day of the calibration period.")
    ],
    holdout_end: DateOption = None,
    output: Annotated[Path | None, output_option("Write the chart to this HTML file.")] = None,
    workspace: WorkspaceOption = None,
    json_output: JsonOption = False,
    model: ModelOption = "bg_nbd",
    unit: UnitOption = "weeks",
) -> None:
    """Fit on the purchases up to --calibration-end, predict the rest (to --holdout-end, default the
    reference date), and compare predicted with actual purchases by calibration frequency. The fit is
    refused where `clv fit` refuses it (too little data); both dates are on or before the reference date,
    the holdout end after the calibration end."""
    from segmint.models.clv.holdout import holdout_validation  # loaded on use, not at every start
    from segmint.models.clv.summary import check_observed, workspace_purchases
    from segmint.rules.context import reference_date

    with open_workspace(workspace) as ws, console.status(say("clv_validating")):
        check_observed(ws, calibration_end, "--calibration-end")  # after 'now': nothing observed to compare
        if holdout_end is not None:
            check_observed(ws, holdout_end, "--holdout-end")
        end = holdout_end or reference_date(ws)
        result = holdout_validation(workspace_purchases(ws), calibration_end, end, unit, model.lower())
    if output is not None:
        result.write_html(output)
    if json_output:
        print_json({**result.summary(), "chart": str(output) if output else None})
        return
    length = result.holdout_length
    title = say(
        "clv_holdout_title",
        model=result.fit.model,
        length=num(length, 0 if float(length).is_integer() else 1),
        unit=say(f"clv_{unit}_after"),
        date=result.calibration_end,
    )
    table = Table(title=title, title_justify="left")
    for column in ("clv_repeats_before", "clv_customers", "clv_actual", "clv_predicted"):
        table.add_column(say(column), justify="right")
    for row in result.by_frequency.itertuples():
        table.add_row(row.frequency, num(row.customers), num(row.actual, 3), num(row.predicted, 3))
    console.print(table)
    total = say(
        "clv_holdout_total",
        actual=num(result.total_actual),
        predicted=num(result.total_predicted, 1),
        correlation=num(result.correlation, 3),
    )
    console.print(total + (say("clv_chart_written", path=output) if output else ""))
