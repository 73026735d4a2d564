"""The demo's orders really follow the repeat-buying process whose parameters it records.

Statistics of the generated orders are compared with what BG/NBD and Gamma-Gamma say they should be, with
tolerances of about four standard errors (so a test fails on a wrong process, not on bad luck), and a
maximum-likelihood fit of BG/NBD on the orders must land near the true parameters.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from scipy.optimize import minimize
from scipy.special import betaln, gammaln

from segmint.demo import BuyingProcess, generate_shop

N = 20_000


@pytest.fixture(scope="module")
def shop():
    return generate_shop(N, seed=3, with_events=False)


@pytest.fixture(scope="module")
def summary(shop):
    """Per buyer from the orders alone: x (repeat purchases), t_x (time of the last) and T (age), in weeks."""
    o = shop.orders
    process = o.filter(pc.and_(pc.equal(o["status"], "completed"), pc.invert(o["is_guest"])))
    per = process.group_by("customer_id").aggregate(
        [("ordered_at", "count"), ("ordered_at", "min"), ("ordered_at", "max")]
    )
    truth = shop.customer_truth
    per = per.join(truth, "customer_id").sort_by("customer_id")
    week = np.timedelta64(7, "D")
    end = np.datetime64(dt.datetime.combine(shop.spec.end_date + dt.timedelta(days=1), dt.time()), "us")
    first = per["ordered_at_min"].to_numpy()
    return {
        "x": per["ordered_at_count"].to_numpy() - 1,
        "t_x": (per["ordered_at_max"].to_numpy() - first) / week,
        "T": (end - first) / week,
        "first": first,
        "truth": per,
        "values": process,
    }


def test_orders_match_the_recorded_truth_per_customer(shop, summary):
    truth = summary["truth"]
    assert truth.num_rows == shop.customer_truth.num_rows  # every buyer has its first order
    assert np.array_equal(summary["x"], truth["repeat_purchases"].to_numpy())
    assert np.array_equal(summary["first"], truth["first_purchase_at"].to_numpy())
    assert np.allclose(summary["T"], truth["horizon"].to_numpy())
    dropped = truth["dropped_out"].to_numpy()
    last = (truth["dropped_out_at"].to_numpy()[dropped] - summary["first"][dropped]) / np.timedelta64(7, "D")
    assert np.allclose(last, summary["t_x"][dropped])  # a customer leaves right after a repeat purchase


def test_repeat_purchases_follow_bg_nbd(shop, summary):
    process: BuyingProcess = shop.spec.process
    x, horizon = summary["x"], summary["T"]
    n = len(x)
    expected = process.expected_repeats(horizon).mean()
    assert abs(x.mean() - expected) < 4 * x.std() / np.sqrt(n), (x.mean(), expected)
    p0 = process.p_no_repeat(horizon)
    zero = (x == 0).mean()
    assert abs(zero - p0.mean()) < 4 * np.sqrt((p0 * (1 - p0)).sum()) / n, (zero, p0.mean())
    # the drawn individual parameters follow their mixing distributions
    t = summary["truth"]
    lam, drop = t["purchase_rate"].to_numpy(), t["dropout_p"].to_numpy()
    assert abs(lam.mean() - process.r / process.alpha) < 4 * np.sqrt(process.r) / process.alpha / np.sqrt(n)
    a, b = process.a, process.b
    sd_p = np.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
    assert abs(drop.mean() - a / (a + b)) < 4 * sd_p / np.sqrt(n)


def test_spend_follows_gamma_gamma(shop, summary):
    process = shop.spec.process
    t = summary["truth"]
    nu = t["spend_scale"].to_numpy()
    n = len(nu)
    sd_nu = np.sqrt(process.q) / process.gamma
    assert abs(nu.mean() - process.q / process.gamma) < 4 * sd_nu / np.sqrt(n)
    # each order value z ~ Gamma(p, rate nu): z * nu / p has mean 1 and variance 1 / p
    orders = summary["values"].join(t.select(["customer_id", "spend_scale"]), "customer_id")
    z = pc.cast(orders["total"], pa.float64()).to_numpy()
    ratio = z * orders["spend_scale"].to_numpy() / process.p
    assert abs(ratio.mean() - 1) < 4 / np.sqrt(process.p * len(ratio)), ratio.mean()
    assert abs(ratio.var() - 1 / process.p) < 0.15 / process.p


def _bgnbd_negloglik(log_params, x, t_x, horizon):
    """BG/NBD log-likelihood (Fader, Hardie & Lee 2005, eq. 6), negated for minimisation."""
    r, alpha, a, b = np.exp(log_params)
    common = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    alive = betaln(a, b + x) - betaln(a, b) + common - (r + x) * np.log(alpha + horizon)
    with np.errstate(divide="ignore"):
        died = np.where(
            x > 0,
            betaln(a + 1, b + np.maximum(x, 1) - 1) - betaln(a, b) + common - (r + x) * np.log(alpha + t_x),
            -np.inf,
        )
    return -np.logaddexp(alive, died).sum()


def test_maximum_likelihood_recovers_the_true_parameters(shop, summary):
    process = shop.spec.process
    start = np.log([1.0, 10.0, 1.0, 1.0])
    fit = minimize(
        _bgnbd_negloglik,
        start,
        args=(summary["x"], summary["t_x"], summary["T"]),
        method="Nelder-Mead",
        options={"maxiter": 4000, "xatol": 1e-6, "fatol": 1e-6},
    )
    r, alpha, a, b = np.exp(fit.x)
    assert r == pytest.approx(process.r, rel=0.1)
    assert alpha == pytest.approx(process.alpha, rel=0.15)
    assert a == pytest.approx(process.a, rel=0.3)
    assert b == pytest.approx(process.b, rel=0.35)
    # and the truth itself is about as likely as the optimum (it is not far out on the likelihood surface)
    truth = np.log([process.r, process.alpha, process.a, process.b])
    assert _bgnbd_negloglik(truth, summary["x"], summary["t_x"], summary["T"]) - fit.fun < 10
