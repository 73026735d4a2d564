"""A refresh whose churn_risk family stays empty says why (docs/clv.md): on UCI Online Retail the BG/NBD fit
sees no one leave; a shop of six customers is too small for the model. Before, both read "nobody (nothing to
compute from yet)", as if there were no purchases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.cli import segmint

import segmint as library
from segmint import Workspace, import_file

EXAMPLES = Path(__file__).parents[2] / "examples"


def test_uci_refresh_says_the_purchases_show_no_dropout(tmp_path, shared_data):
    with Workspace.init(tmp_path / "ws") as ws:
        import_file(ws, "orders", shared_data / "online_retail/online_retail.parquet", preset="online-retail")
        summary = library.refresh(ws)
        (estimated, method) = ws.raw.execute(
            "SELECT count(p_alive), any_value(clv_method) FROM features"
        ).fetchone()
    assert (estimated, method) == (0, "model")  # churn left out by the model (independent of the summary)
    assert summary.churn_not_estimated == "no_dropout" and summary.to_dict()["churn_not_estimated"]
    shown = segmint("-w", tmp_path / "ws", "refresh", wide=True)
    assert "churn_risk: nobody: the purchases show no one leaving" in shown.stdout + shown.stderr
    ukrainian = segmint("-w", tmp_path / "ws", "refresh", wide=True, language="uk")
    assert "churn_risk: нікого: покупки не показують" in ukrainian.stdout + ukrainian.stderr


def test_a_small_shop_is_told_it_has_too_little_data_and_an_empty_one_nothing(tmp_path):
    with Workspace.init(tmp_path / "ws") as ws:
        assert library.refresh(ws).churn_not_estimated is None  # no customers: nothing to say
        import_file(ws, "customers", EXAMPLES / "customers_uk.csv", refresh=False)
        import_file(ws, "orders", EXAMPLES / "orders_uk.csv", refresh=False)
        summary = library.refresh(ws)
        (method,) = ws.raw.execute("SELECT any_value(clv_method) FROM features").fetchone()
    assert method == "historical_average"
    assert summary.churn_not_estimated == "too_little_data"
    shown = segmint("-w", tmp_path / "ws", "refresh", wide=True)
    assert "churn_risk: nobody: too few customers or repeat buyers" in shown.stdout + shown.stderr


def test_a_backfill_says_why_only_of_its_last_date(tmp_path):
    """The summary's sizes are the last date's: a backfill whose early months were too small for the CLV
    model (or showed no dropout) but whose last date has churn groups says nothing is missing. Before, the
    early months' reason stuck: `refresh --backfill monthly` on the demo shop printed "churn_risk: nobody:
    the purchases show no one leaving" under a churn_risk family with hundreds of customers."""
    folder = tmp_path / "shop"
    segmint("demo", folder, "--customers", "3000", "--no-refresh")
    with Workspace.open(folder) as ws:
        (first,) = ws.raw.execute("SELECT min(ordered_at)::DATE FROM orders").fetchone()
        day = first + dt.timedelta(days=240)  # the first months have too few buyers; by then enough
        summary = library.refresh(ws, as_of=day, backfill="monthly")
        in_churn_groups = [
            ws.raw.execute(
                "SELECT count(*) FROM membership_history WHERE kind = 'family' AND ref = 'churn_risk' "
                "AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)",
                [date, date],
            ).fetchone()[0]
            for date in summary.dates
        ]
    assert summary.dates[-1] == day and in_churn_groups[0] == 0 < in_churn_groups[-1], in_churn_groups
    assert sum(summary.families["churn_risk"].values()) == in_churn_groups[-1]
    assert summary.churn_not_estimated is None and summary.to_dict()["churn_not_estimated"] is None
    shown = segmint("-w", folder, "refresh", "--as-of", day.isoformat(), "--backfill", "monthly", wide=True)
    assert "churn_risk: nobody" not in shown.stdout + shown.stderr
