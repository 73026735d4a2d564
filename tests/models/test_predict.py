"""Per-customer CLV and churn: the formulas, the buckets, the rule-field columns, and the fallback."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from segmint import Workspace
from segmint.models.clv import predict_customers
from segmint.models.clv.bgnbd import BgNbd
from segmint.models.clv.fitting import ClvDataError
from segmint.models.clv.gammagamma import GammaGamma
from segmint.models.clv.predict import CHURN_HIGH, CHURN_MEDIUM, MONTH_DAYS, churn_bucket, fit_clv, predict
from segmint.models.clv.simulate import simulate_summary
from segmint.models.clv.summary import Summary

AS_OF = dt.date(2025, 12, 31)


def summary_of(n: int, seed: int = 3, T_max: float = 104.0, purchases: BgNbd | None = None) -> Summary:
    purchases = purchases or BgNbd(0.8, 20.0, 0.6, 3.0)
    sim = simulate_summary(n, purchases, GammaGamma(6.0, 4.0, 750.0), T_max, seed=seed)
    first = np.full(n, 1500.0)  # the first purchase's value; the spend model reads the repeat ones
    total = first + sim.m * sim.x
    return Summary(
        customer_id=np.array([f"C{i:05d}" for i in range(n)], dtype=object),
        x=sim.x,
        t_x=sim.t_x,
        T=sim.T,
        monetary_value=sim.m,
        mean_value=total / (sim.x + 1),
        total_spend=total,
        as_of=AS_OF,
        unit="weeks",
    )


@pytest.fixture(scope="module")
def summary() -> Summary:
    return summary_of(5_000)


def test_columns_for_the_rule_fields(summary):
    table = predict_customers(summary)
    assert table.column_names == [
        "customer_id", "expected_purchases_12m", "p_alive", "churn_risk", "churn_bucket",
        "expected_spend", "clv_12m", "clv_method",
    ]  # fmt: skip
    assert table.schema.field("clv_12m").type == pa.float64()
    assert table.schema.field("churn_bucket").type == pa.string()
    frame = table.to_pandas()
    assert (frame["clv_method"] == "model").all()
    assert frame["churn_risk"].to_numpy() == pytest.approx(1 - frame["p_alive"].to_numpy())
    assert ((frame["p_alive"] >= 0) & (frame["p_alive"] <= 1)).all()
    assert (frame["clv_12m"] >= 0).all() and (frame["expected_purchases_12m"] >= 0).all()
    # a BG/NBD customer can only leave after a repeat purchase
    assert (frame.loc[summary.x == 0, "p_alive"] == 1).all()


def test_churn_buckets_follow_the_documented_thresholds():
    risk = np.array([0.0, CHURN_MEDIUM - 1e-9, CHURN_MEDIUM, CHURN_HIGH - 1e-9, CHURN_HIGH, 1.0, np.nan])
    assert churn_bucket(risk).to_pylist() == ["low", "low", "medium", "medium", "high", "high", None]


def test_clv_is_discounted_monthly_purchases_times_spend(summary):
    clv = fit_clv(summary)
    undiscounted = predict(clv, summary, horizon_months=12, monthly_discount=0.0).to_pandas()
    # without discounting, CLV is expected purchases over the horizon times expected spend per purchase
    np.testing.assert_allclose(
        undiscounted["clv_12m"], undiscounted["expected_purchases_12m"] * undiscounted["expected_spend"]
    )
    year = 12 * MONTH_DAYS / 7
    np.testing.assert_allclose(
        undiscounted["expected_purchases_12m"],
        clv.purchases.conditional_expected_purchases(year, summary.x, summary.t_x, summary.T),
        rtol=1e-10,
    )
    discounted = predict(clv, summary, horizon_months=12, monthly_discount=0.01).to_pandas()
    ratio = discounted["clv_12m"] / undiscounted["clv_12m"]
    # between the discount of the first and of the twelfth month
    assert (ratio < 1 / 1.01 + 1e-12).all() and (ratio > 1.01**-12 - 1e-12).all()
    longer = predict(clv, summary, horizon_months=24, monthly_discount=0.01)
    assert "clv_24m" in longer.column_names and "expected_purchases_24m" in longer.column_names
    assert (longer.column("clv_24m").to_numpy() >= discounted["clv_12m"].to_numpy()).all()


def test_pareto_nbd_predictions(summary):
    frame = predict_customers(summary, model="pareto_nbd").to_pandas()
    # unlike BG/NBD, a one-time buyer can have left
    assert (frame.loc[summary.x == 0, "p_alive"] < 1).any()
    assert set(frame["churn_bucket"]) <= {"low", "medium", "high"}


def test_too_little_data_falls_back_to_the_historical_average():
    thin = summary_of(80, seed=5, T_max=20.0)
    with pytest.raises(ClvDataError, match=r"80 customers with a purchase, \d+ of them with a repeat"):
        predict_customers(thin, fallback=False)
    table = predict_customers(thin, horizon_months=12, monthly_discount=0.0)
    assert table.schema.metadata[b"clv_method"] == b"historical_average"
    assert b"at least 100 customers" in table.schema.metadata[b"clv_warning"]
    frame = table.to_pandas()
    assert (frame["clv_method"] == "historical_average").all()
    assert frame["p_alive"].isna().all() and frame["churn_bucket"].isna().all()
    tenure = np.maximum(thin.T * 7 / MONTH_DAYS, 1.0)
    np.testing.assert_allclose(frame["clv_12m"], thin.total_spend / tenure * 12)


def test_few_repeat_buyers_is_named_in_the_error():
    sparse = summary_of(400, seed=7, T_max=1.0)  # one week of history: hardly anyone bought twice
    assert sparse.n_repeat_buyers < 30
    with pytest.raises(ClvDataError, match=rf"{sparse.n_repeat_buyers} of them with a repeat purchase"):
        fit_clv(sparse)


def test_predictions_from_the_workspace(demo_shop):
    path, _ = demo_shop
    with Workspace.open(path) as ws:
        table = predict_customers(ws)
        buyers = ws.table("demo_customer_truth").count().execute()
    frame = table.to_pandas()
    assert len(frame) == buyers and frame["customer_id"].is_unique
    assert (frame["clv_method"] == "model").all()
    assert set(frame["churn_bucket"]) == {"low", "medium", "high"}
    # in the demo the mean order is worth 1,500 UAH: the spend predictions centre on it
    assert frame["expected_spend"].mean() == pytest.approx(1500, rel=0.05)


def _no_dropout_log_likelihood(summary: Summary) -> float:
    """The maximum log-likelihood of the purchases if no one ever left (the NBD with timing: a Poisson
    rate lambda ~ Gamma(r, alpha) over all of T), fitted here with SciPy: BG/NBD as a -> 0."""
    from scipy.optimize import minimize
    from scipy.special import gammaln

    x, T = summary.x, summary.T

    def negative(log_theta):
        r, alpha = np.exp(log_theta)
        return -np.sum(gammaln(r + x) - gammaln(r) + r * np.log(alpha) - (r + x) * np.log(alpha + T))

    return -minimize(negative, np.log([1.0, 10.0]), method="Nelder-Mead", options={"xatol": 1e-10}).fun


@pytest.mark.parametrize("seed", [2, 5])
@pytest.mark.parametrize("model", ["bg_nbd", "pareto_nbd"])
def test_a_fit_that_sees_no_dropout_leaves_churn_empty(model, seed):
    """Customers drawn with next to no dropout (p ~ Beta(0.001, 3)) whose purchases do not tell dropout
    from none: the likelihood-ratio statistic against the no-dropout model (fitted here with SciPy) is
    below chi2's 95% point with 1 df. The old code still gave every customer a p_alive (above 0.99 on UCI
    Online Retail, where the fit looks like this), which rules, the churn_risk family and the KPIs read as
    churn. Now p_alive and churn are empty, the reason is in clv_warning, and purchases and CLV are the
    model's for customers who stay: its no-dropout limit, the posterior mean rate (r + x) / (alpha + T)
    over the year."""
    from scipy.stats import chi2

    summary = summary_of(3_000, seed=seed, T_max=52.0, purchases=BgNbd(0.8, 20.0, 0.001, 3.0))
    clv = fit_clv(summary, model)
    statistic = 2 * (clv.purchase_fit.log_likelihood - _no_dropout_log_likelihood(summary))
    assert statistic < chi2.ppf(0.95, 1)
    assert clv.dropout_statistic == pytest.approx(statistic, abs=1e-3)
    assert not clv.dropout_identified and clv.as_dict()["dropout_identified"] is False
    table = predict(clv, summary)
    for column in ("p_alive", "churn_risk", "churn_bucket"):
        assert table[column].null_count == summary.n_customers, column
    assert b"does not identify dropout" in table.schema.metadata[b"clv_warning"]
    assert set(table["clv_method"].to_pylist()) == {"model"}
    year = 365.25 / 7
    staying = (clv.purchases.r + summary.x) / (clv.purchases.alpha + summary.T) * year
    np.testing.assert_allclose(table["expected_purchases_12m"].to_numpy(), staying, rtol=1e-9)
    # in total, the model's own expectation, with a dropout it cannot tell from none, is a few % lower
    expected = clv.purchases.conditional_expected_purchases(year, summary.x, summary.t_x, summary.T)
    assert expected.sum() == pytest.approx(staying.sum(), rel=0.05) and expected.sum() <= staying.sum()


def test_a_fit_that_sees_dropout_estimates_churn(summary):
    """The same check on customers who do leave (a = 0.6): the no-dropout model is far behind, and every
    customer has a p_alive."""
    for model in ("bg_nbd", "pareto_nbd"):  # Pareto/NBD runs s and beta off here: no standard errors
        clv = fit_clv(summary, model)
        statistic = 2 * (clv.purchase_fit.log_likelihood - _no_dropout_log_likelihood(summary))
        assert statistic > 100 and clv.dropout_statistic == pytest.approx(statistic, abs=1e-3)
        assert clv.dropout_identified and clv.as_dict()["dropout_identified"] is True
        table = predict(clv, summary)
        assert table["p_alive"].null_count == 0 and b"clv_warning" not in (table.schema.metadata or {})


def test_the_monthly_purchases_are_those_of_the_customers_own_cumulative_ones(summary):
    # predict differences each (x, T) pair's cumulative purchases before spreading them to the customers;
    # the numbers must stay exactly those of differencing each customer's own cumulative purchases
    clv = fit_clv(summary)
    table = predict(clv, summary, horizon_months=12, monthly_discount=0.01)
    month = MONTH_DAYS / 7
    x, t_x, T = summary.x, summary.t_x, summary.T
    pair, pairs = pd.factorize(x + 1j * T)  # the values are those of each distinct (x, T), as predict's
    of_pairs = [
        clv.purchases.expected_purchases_if_alive(i * month, pairs.real, pairs.imag) for i in range(13)
    ]
    cumulative = np.stack(of_pairs)[:, pair]  # each customer's own cumulative purchases, then differenced
    monthly = np.diff(cumulative, axis=0) * clv.purchases.p_alive(x, t_x, T)
    spend = clv.spend.conditional_expected_spend(x, summary.monetary_value)
    discounts = 1.01 ** -np.arange(1, 13)
    assert np.array_equal(table.column("expected_purchases_12m").to_numpy(), monthly.sum(axis=0))
    assert np.array_equal(
        table.column("clv_12m").to_numpy(), spend * np.einsum("m,mc->c", discounts, monthly)
    )


def test_the_predictions_take_the_customer_ids_as_the_summary_fetched_them():
    """A summary fetched from Arrow keeps its customer_id column, and the predictions table takes it as it
    is: making Arrow strings again from Python ones cost ~0.1 s at 872k buyers."""
    fitted = summary_of(3000)
    ids = pa.chunked_array([pa.array(list(fitted.customer_id), pa.string())])
    table = pa.table(
        {
            "customer_id": ids,
            "frequency": fitted.x,
            "recency": fitted.t_x,
            "T": fitted.T,
            "monetary_value": fitted.monetary_value,
            "mean_value": fitted.mean_value,
            "total_spend": fitted.total_spend,
        }
    )
    summary = Summary.from_arrow(table, AS_OF, "weeks")
    assert list(summary.customer_id) == list(fitted.customer_id)  # still NumPy for those who read it
    predicted = predict(fit_clv(summary), summary)
    assert predicted["customer_id"].chunk(0).buffers()[2].address == ids.chunk(0).buffers()[2].address
    assert predicted["customer_id"].to_pylist() == list(fitted.customer_id)
    assert predict(fit_clv(fitted), fitted)["customer_id"].to_pylist() == list(fitted.customer_id)
