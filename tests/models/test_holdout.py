"""Holdout validation: CDNOW weeks 1-39 to predict weeks 40-78, as in Fader, Hardie & Lee (2005), and the
demo shop's last year from its first two."""

from __future__ import annotations

import datetime as dt

import pytest

from segmint import Workspace
from segmint.models.clv.holdout import holdout_validation
from segmint.models.clv.summary import workspace_purchases

CALIBRATION_END, HOLDOUT_END = dt.date(1997, 9, 30), dt.date(1998, 6, 30)


@pytest.mark.parametrize(
    ("model", "zero_class", "correlation"),
    # the paper's section 7: zero-class conditional expectation 0.23 (BG/NBD) and 0.14 (Pareto/NBD)
    # against 334 purchases by the 1,411 customers without repeat purchases (0.24); correlation of
    # predicted and actual holdout purchases 0.626 and 0.630
    [("bg_nbd", 0.23, 0.626), ("pareto_nbd", 0.14, 0.630)],
)
def test_cdnow_holdout_as_published(cdnow_purchases, model, zero_class, correlation):
    result = holdout_validation(cdnow_purchases, CALIBRATION_END, HOLDOUT_END, "weeks", model)
    assert result.holdout_length == 39
    assert len(result.customers) == 2357
    zero = result.by_frequency.iloc[0]
    assert (zero["frequency"], zero["customers"]) == ("0", 1411)
    assert round(zero["actual"] * zero["customers"]) == 334
    assert round(zero["predicted"], 2) == zero_class
    assert round(result.correlation, 3) == correlation
    assert list(result.by_frequency["frequency"]) == ["0", "1", "2", "3", "4", "5", "6", "7+"]
    assert result.by_frequency["customers"].sum() == 2357
    # both under-forecast CDNOW's holdout total, as the paper's tracking plot shows; we measure 12%
    assert 0.85 < result.total_predicted / result.total_actual < 0.9


def test_chart_is_a_self_contained_html_file(cdnow_purchases, tmp_path):
    result = holdout_validation(cdnow_purchases, CALIBRATION_END, HOLDOUT_END)
    path = result.write_html(tmp_path / "holdout.html")
    html = path.read_text(encoding="utf-8")
    assert "plotly" in html.lower() and "<script src=" not in html  # plotly.js embedded, no network
    assert "Repeat purchases in the calibration period" in html
    figure = result.figure()
    actual, predicted = figure.data
    assert list(actual.y) == pytest.approx(list(result.by_frequency["actual"]))
    assert list(predicted.y) == pytest.approx(list(result.by_frequency["predicted"]))


def test_demo_shop_last_year_is_predicted_from_the_two_before(demo_shop):
    path, _ = demo_shop
    with Workspace.open(path) as ws:
        result = holdout_validation(workspace_purchases(ws), dt.date(2024, 12, 31), dt.date(2025, 12, 31))
    # the shop is drawn from BG/NBD itself, so the forecast should be close in total and in every group
    assert result.total_predicted == pytest.approx(result.total_actual, rel=0.05)
    groups = result.by_frequency[result.by_frequency["customers"] >= 200]
    assert len(groups) >= 6
    for row in groups.itertuples():
        assert row.predicted == pytest.approx(row.actual, rel=0.15, abs=0.05), row
