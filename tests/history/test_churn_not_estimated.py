"""A refresh whose churn_risk family stays empty says why (docs/clv.md): on UCI Online Retail the BG/NBD fit
sees no one leave; a shop of six customers is too small for the model. Before, both read "nobody (nothing to
compute from yet)", as if there were no purchases."""

from __future__ import annotations

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
