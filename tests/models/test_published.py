"""The published CDNOW estimates of all three models, fitted on a summary built by segmint's own Ibis
summary from the raw CDNOW transactions (2,357 customers, calibration 1997-01-01 to 1997-09-30).

Sources of the figures:
- BG/NBD and Pareto/NBD: Fader, Hardie & Lee (2005), "'Counting Your Customers' the Easy Way", Marketing
  Science 24(2), section 7: BG/NBD r=0.243, alpha=4.414, a=0.793, b=2.426, LL -9582.4; Pareto/NBD
  r=0.553, alpha=10.578, s=0.606, beta=11.669, LL -9595.0.
- Pareto/NBD and Gamma-Gamma: Fader, Hardie & Lee (2005), "RFM and CLV: Using Iso-Value Curves for
  Customer Base Analysis", JMR 42(4): r=0.55, alpha=10.58, s=0.61, beta=11.67; p=6.25, q=3.74,
  gamma=15.44 (on the 946 customers with repeat purchases in the calibration period).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from tests.models.conftest import cdnow_file

from segmint.models.clv.bgnbd import fit_bgnbd
from segmint.models.clv.gammagamma import fit_gamma_gamma
from segmint.models.clv.paretonbd import ParetoNbd, fit_pareto_nbd
from segmint.models.clv.summary import load_summary

CALIBRATION_END = dt.date(1997, 9, 30)  # week 39


@pytest.fixture(scope="module")
def summary(cdnow_purchases):
    return load_summary(cdnow_purchases, CALIBRATION_END, unit="weeks")


def rounded(params: dict, digits: int) -> dict:
    return {k: round(v, digits) for k, v in params.items()}


def test_summary_from_transactions_is_the_published_one(summary):
    """The papers' summary (as shipped, rounded to 2 decimals) is what our summary computes."""
    published = pd.read_csv(cdnow_file("cdnow_customers_summary_with_transactions.csv"))
    assert summary.n_customers == 2357 and summary.n_repeat_buyers == 946
    assert list(summary.customer_id) == [f"{i:04d}" for i in published["ID"]]
    np.testing.assert_array_equal(summary.x, published["x"])
    np.testing.assert_allclose(summary.t_x, published["t_x"], atol=0.005)
    np.testing.assert_allclose(summary.T, published["T"], atol=0.005)
    np.testing.assert_allclose(summary.monetary_value, published["zbar"], atol=0.005 + 1e-9)


def test_bgnbd(summary):
    _, fit = fit_bgnbd(summary.x, summary.t_x, summary.T)
    assert rounded(fit.params, 3) == {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    assert round(fit.log_likelihood, 1) == -9582.4


def test_pareto_nbd(summary):
    _, fit = fit_pareto_nbd(summary.x, summary.t_x, summary.T)
    assert rounded(fit.params, 2) == {"r": 0.55, "alpha": 10.58, "s": 0.61, "beta": 11.67}
    assert round(fit.log_likelihood, 1) == -9595.0
    # to three decimals r, alpha and s are the Marketing Science table's; beta sits on a flat ridge
    # (standard error 6.2) and we stop at 11.668 rather than 11.669, a point with a higher likelihood:
    assert {k: round(v, 3) for k, v in fit.params.items() if k != "beta"} == {
        "r": 0.553,
        "alpha": 10.578,
        "s": 0.606,
    }
    at_published = ParetoNbd(0.553, 10.578, 0.606, 11.669).log_likelihood(summary.x, summary.t_x, summary.T)
    assert fit.log_likelihood >= at_published.sum()


def test_gamma_gamma(summary):
    repeat = summary.x > 0
    _, fit = fit_gamma_gamma(summary.x[repeat], summary.monetary_value[repeat])
    assert fit.n_customers == 946
    assert rounded(fit.params, 2) == {"p": 6.25, "q": 3.74, "gamma": 15.44}
