"""Per-customer CLV and churn risk: fit the models on the workspace's summary and predict.

- expected purchases over the horizon: E[Y(t) | x, t_x, T] from BG/NBD (or Pareto/NBD);
- p_alive: the probability the customer is still a customer; churn_risk = 1 - p_alive, bucketed
  low (< 0.3), medium (0.3 to < 0.7) and high (>= 0.7) in `churn_bucket`;
- expected spend per purchase: the Gamma-Gamma conditional mean E[Z | x, m];
- a fit whose purchases do not tell dropout from none (`ClvModel.dropout_identified`, models/clv/dropout.py)
  leaves p_alive and churn empty, the reason in the schema metadata `clv_warning`, and predicts the
  purchases and CLV of customers who stay (the model's no-dropout limit, `staying_purchases`);
- CLV over the horizon (12 months by default): the expected purchases of each month times the expected
  spend, discounted monthly: sum_i (E[Y(t_i)] - E[Y(t_(i-1))]) * E[Z] / (1 + d)^i, t_i = i months.

With too little data (fewer than MIN_CUSTOMERS buyers or MIN_REPEAT_BUYERS repeat buyers, or a fit that
does not converge, or whose predictions for the customers it was fitted on are not numbers) the models
cannot be trusted: `fit_clv` raises a ClvDataError saying what is missing (`predict`'s check, coded
clv.not_finite, for predictions that are not numbers: such a fit is refused when fitted, never stored,
and a prediction is never stored as NaN), and `predict_customers` falls back to a historical-average
CLV (each customer's spend per month so far, carried forward and discounted), flagged in `clv_method`
and with p_alive and churn left empty.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import pyarrow as pa

from segmint.models.clv.bgnbd import BgNbd, fit_bgnbd
from segmint.models.clv.dropout import CRITICAL, dropout_statistic, staying_purchases
from segmint.models.clv.fitting import ClvDataError, FitResult
from segmint.models.clv.gammagamma import NO_SPREAD, GammaGamma, fit_gamma_gamma, no_spread
from segmint.models.clv.paretonbd import ParetoNbd, fit_pareto_nbd
from segmint.models.clv.summary import Summary, unit_days, workspace_summary

MONTH_DAYS = 365.25 / 12
# how far (twice the log-likelihood) below the no-dropout optimum a fit may stop and still be on its ridge
RIDGE_TOLERANCE = 0.01
NO_DROPOUT_RIDGE = (
    "stopped on the flat ridge of no dropout, where the predictions of customers who stay read only r / alpha"
)
# the way each parameter runs along the no-dropout ridge (1: to infinity, -1: to 0): r and alpha together
# (one purchase rate for everyone), and the dropout to none (BG/NBD's a or b, Pareto/NBD's s or beta)
RIDGE_WAYS = {"r": 1, "alpha": 1, "a": -1, "b": 1, "s": -1, "beta": 1}
# Four parameters of which two (the dropout process) are identified only by the repeat buyers' timing:
# below a few dozen repeat buyers their standard errors exceed the estimates themselves.
MIN_CUSTOMERS = 100
MIN_REPEAT_BUYERS = 30
CHURN_MEDIUM = 0.3  # churn_risk at or above this is "medium"
CHURN_HIGH = 0.7  # ... and at or above this "high"
PURCHASE_MODELS = {"bg_nbd": fit_bgnbd, "pareto_nbd": fit_pareto_nbd}
PURCHASE_CLASSES = {"bg_nbd": BgNbd, "pareto_nbd": ParetoNbd}
SPEND_BASES = ("repeat", "all")
# The parameters of each purchase model that describe dropout (named in dropout_warning).
DROPOUT_PARAMS = {"bg_nbd": ("a", "b"), "pareto_nbd": ("s", "beta")}
MODEL_METHOD = "model"
FALLBACK_METHOD = "historical_average"


@dataclass(frozen=True)
class ClvModel:
    """The fitted purchase and spend models, with what they were fitted on."""

    purchases: BgNbd | ParetoNbd
    spend: GammaGamma
    purchase_fit: FitResult
    spend_fit: FitResult
    unit: str
    as_of: dt.date
    spend_basis: str
    n_customers: int
    n_repeat_buyers: int
    # 2 (log-likelihood - that of no dropout), models/clv/dropout.py; None for a fit stored before it
    dropout_statistic: float | None = None

    @property
    def dropout_identified(self) -> bool:
        """Whether the purchases tell the model's dropout from none: else p_alive is no estimate."""
        return self.dropout_statistic is None or self.dropout_statistic >= CRITICAL

    def as_dict(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "time_unit": self.unit,
            "customers": self.n_customers,
            "repeat_buyers": self.n_repeat_buyers,
            "dropout_statistic": self.dropout_statistic,
            "dropout_identified": self.dropout_identified,
            "purchases": self.purchase_fit.as_dict(),
            "spend": {**self.spend_fit.as_dict(), "basis": self.spend_basis},
            "mean_spend": self.spend.mean_spend(),
        }

    @classmethod
    def from_dict(cls, document: dict) -> ClvModel:
        """The model `as_dict` described (a fit stored in the workspace, see features.py)."""
        purchase_fit = FitResult(**document["purchases"])
        spend = {k: v for k, v in document["spend"].items() if k != "basis"}
        spend_fit = FitResult(**spend)
        return cls(
            PURCHASE_CLASSES[purchase_fit.model](**purchase_fit.params),
            GammaGamma(**spend_fit.params),
            purchase_fit,
            spend_fit,
            document["time_unit"],
            dt.date.fromisoformat(document["as_of"]),
            document["spend"]["basis"],
            document["customers"],
            document["repeat_buyers"],
            document.get("dropout_statistic"),
        )


def dropout_warning(clv: ClvModel) -> str:
    """Why a model's predictions leave churn empty (the `clv_warning` of its table)."""
    fit = clv.purchase_fit
    estimates = ", ".join(
        f"{name} = {fit.params[name]:.3g} ± {fit.standard_errors.get(name, float('nan')):.3g}"
        for name in DROPOUT_PARAMS[fit.model]
    )
    return (
        f"the {fit.model} fit as of {clv.as_of} does not identify dropout ({estimates}; likelihood ratio "
        f"against no one leaving {clv.dropout_statistic:.2f}, below {CRITICAL:.2f}): the purchases do not "
        "tell its customers leaving from staying, so churn is not estimated (p_alive and churn risk are "
        "left empty), and the expected purchases and CLV are those of customers who stay"
    )


def _spend_inputs(summary: Summary, basis: str) -> tuple[np.ndarray, np.ndarray]:
    """Purchase counts and mean values the spend model reads: repeat purchases only (as the papers), or
    every purchase including the first."""
    if basis == "repeat":
        return summary.x, summary.monetary_value
    if basis == "all":
        return summary.x + 1, summary.mean_value
    raise ClvDataError(
        f"unknown spend basis {basis!r}; use one of: {', '.join(SPEND_BASES)}",
        code="clv.spend_basis",
        params={"basis": basis, "bases": list(SPEND_BASES)},
    )


def check_enough_data(summary: Summary) -> None:
    """Raise ClvDataError naming what is missing when the summary is too thin for the models."""
    n, repeat = summary.n_customers, summary.n_repeat_buyers
    if n < MIN_CUSTOMERS or repeat < MIN_REPEAT_BUYERS:
        raise ClvDataError(
            f"too little data for the CLV models as of {summary.as_of}: {n} customers with a purchase, "
            f"{repeat} of them with a repeat purchase; the models need at least {MIN_CUSTOMERS} customers "
            f"and {MIN_REPEAT_BUYERS} repeat buyers (import a longer order history); predictions fall back "
            "to a historical-average CLV",
            code="clv.too_little_data",
            params={
                "as_of": summary.as_of.isoformat(),
                "customers": n,
                "repeat_buyers": repeat,
                "min_customers": MIN_CUSTOMERS,
                "min_repeat_buyers": MIN_REPEAT_BUYERS,
            },
        )


def fit_clv(summary: Summary, model: str = "bg_nbd", spend_basis: str = "repeat") -> ClvModel:
    """Fit the purchase model and Gamma-Gamma on a customer summary; a fit whose predictions for these
    customers are not numbers is refused (clv.not_finite, see fit_and_predict)."""
    return fit_and_predict(summary, model, spend_basis)[0]


def fit_and_predict(
    summary: Summary,
    model: str = "bg_nbd",
    spend_basis: str = "repeat",
    horizon_months: int = 12,
    monthly_discount: float = 0.01,
) -> tuple[ClvModel, pa.Table]:
    """The fit and its predictions for the customers it was fitted on. A fit is accepted only with
    predictions that are numbers (`predict` refuses others: clv.not_finite): `clv fit` showed as fitted a
    model whose predictions the refresh then refused, after storing it, falling back to the historical
    average. The refresh and `predict_customers` take the predictions from here rather than predict twice."""
    clv = _fit(summary, model, spend_basis)
    return clv, predict(clv, summary, horizon_months, monthly_discount)


def _fit(summary: Summary, model: str, spend_basis: str) -> ClvModel:
    """The models' parameters and the data checks (enough data, convergence, a finite mean spend)."""
    if model not in PURCHASE_MODELS:
        raise ClvDataError(
            f"unknown purchase model {model!r}; use one of: {', '.join(PURCHASE_MODELS)}",
            code="clv.unknown_model",
            params={"model": model, "models": list(PURCHASE_MODELS)},
        )
    check_enough_data(summary)
    purchases, purchase_fit = PURCHASE_MODELS[model](summary.x, summary.t_x, summary.T)
    statistic = dropout_statistic(purchase_fit.log_likelihood, summary.x, summary.T)
    if not purchase_fit.converged and _stopped_on_the_no_dropout_ridge(purchase_fit, statistic):
        message = f"{NO_DROPOUT_RIDGE} ({purchase_fit.message.strip(': ')})"
        purchase_fit = replace(purchase_fit, converged=True, message=message)
    if not purchase_fit.converged:
        raise ClvDataError(
            f"the {model} fit did not converge: {purchase_fit.message}",
            code="clv.not_converged",
            params={"model": model, "problem": purchase_fit.message},
        )
    x_spend, m_spend = _spend_inputs(summary, spend_basis)
    usable = (x_spend > 0) & (m_spend > 0)
    if usable.sum() < MIN_REPEAT_BUYERS:
        raise ClvDataError(
            f"only {int(usable.sum())} customers have purchases of positive value to fit the spend model on; "
            f"it needs at least {MIN_REPEAT_BUYERS}",
            code="clv.spend_too_few",
            params={"customers": int(usable.sum()), "min_customers": MIN_REPEAT_BUYERS},
        )
    spend, spend_fit = fit_gamma_gamma(x_spend[usable], m_spend[usable])
    if no_spread(spend, spend_fit):
        spend_fit = replace(spend_fit, converged=True, message=NO_SPREAD)
    if not spend_fit.converged or spend.q <= 1:
        raise ClvDataError(
            "the spend model did not give a finite mean value per purchase "
            f"(q = {spend.q:.3g}, {spend_fit.message}); spend varies too much between customers to model",
            code="clv.spend_infinite",
            params={"q": f"{spend.q:.3g}", "problem": spend_fit.message},
        )
    return ClvModel(
        purchases,
        spend,
        purchase_fit,
        spend_fit,
        summary.unit,
        summary.as_of,
        spend_basis,
        summary.n_customers,
        summary.n_repeat_buyers,
        statistic,
    )


def _stopped_on_the_no_dropout_ridge(fit: FitResult, statistic: float) -> bool:
    """Whether a purchase fit that did not converge stopped where its predictions are the no-dropout
    limit's anyway: steady buyers run r and alpha off together and the dropout parameter to 0, along a
    ridge so flat that L-BFGS-B's line search ends 'ABNORMAL' short of its gradient test (Pareto/NBD on
    tests/models/test_steady_buyers.py's shop with SciPy 1.17), or runs on to the bound (BG/NBD's a there
    with SciPy 1.17.1: 4.7e-11 in one process, the bound 1.4e-11 in another). Where the purchases show no
    dropout the predictions read only r / alpha, which that ridge holds. The fit must have reached the
    no-dropout optimum (its likelihood ratio against it at least -RIDGE_TOLERANCE: a fit stopped far below
    it is simply not converged, and its r / alpha no estimate), and a parameter that ran to the bound must
    have run the ridge's way (RIDGE_WAYS); one that ran off another way is still refused."""
    along = all(RIDGE_WAYS.get(name, 0) * np.log(fit.params[name]) > 0 for name in fit.ran_off)
    return bool(np.isfinite(fit.log_likelihood) and along and -RIDGE_TOLERANCE < statistic < CRITICAL)


def _discounts(horizon_months: int, monthly_discount: float) -> np.ndarray:
    if horizon_months < 1:
        raise ClvDataError(
            f"the CLV horizon must be at least 1 month, not {horizon_months}",
            code="clv.horizon",
            params={"months": horizon_months},
        )
    if monthly_discount < 0:
        raise ClvDataError(
            f"the monthly discount rate must not be negative, not {monthly_discount}",
            code="clv.discount",
            params={"rate": monthly_discount},
        )
    return (1.0 + monthly_discount) ** -np.arange(1, horizon_months + 1)


def churn_bucket(churn_risk: np.ndarray) -> pa.Array:
    """low / medium / high by the documented thresholds (null where churn risk is unknown). Taken from
    the three labels by number: a label per customer as a Python string cost ~0.6 s at 872k buyers."""
    number = np.where(churn_risk >= CHURN_HIGH, 2, np.where(churn_risk >= CHURN_MEDIUM, 1, 0)).astype(np.int8)
    return CHURN_LABELS.take(pa.array(number, mask=np.isnan(churn_risk)))


CHURN_LABELS = pa.array(["low", "medium", "high"], pa.string())


def predict(
    clv: ClvModel, summary: Summary, horizon_months: int = 12, monthly_discount: float = 0.01
) -> pa.Table:
    """Per-customer predictions of the fitted models (see the module docstring for the columns)."""
    discounts = _discounts(horizon_months, monthly_discount)
    month = MONTH_DAYS / unit_days(summary.unit)
    x, t_x, T = summary.x, summary.t_x, summary.T
    spend = clv.spend.conditional_expected_spend(*_spend_inputs(summary, clv.spend_basis))
    if clv.dropout_identified:
        p_alive = clv.purchases.p_alive(x, t_x, T)
        # E[Y(t)] of a customer known to be alive reads only (x, T), and customers share them: evaluated
        # once per distinct pair (69k of 872k customers at 1M; its hypergeometric function was 3.3 s of
        # 3.9 s). The pairs are hashed, not sorted: np.unique took 0.18 s of CPU at a million customers,
        # factorize 0.04 s
        customer_pair, pairs = pd.factorize(x + 1j * T)
        cumulative = np.stack(
            [
                clv.purchases.expected_purchases_if_alive(i * month, pairs.real, pairs.imag)
                for i in range(horizon_months + 1)
            ]
        )
        # each month's purchases taken per pair, then spread to the customers and scaled in place: the
        # same numbers as spreading the cumulative ones and differencing those, with one (months x
        # customers) array where that made three (~0.4-2 s of a refresh at 872k buyers, mostly page faults)
        monthly = np.diff(cumulative, axis=0)[:, customer_pair]
        monthly *= p_alive  # expected purchases in each month
    else:
        # no dropout seen: p_alive is no estimate, and the purchases are those of customers who stay
        p_alive = np.full(len(x), np.nan)
        per_month = staying_purchases(clv.purchases.r, clv.purchases.alpha, month, x, T)
        monthly = np.broadcast_to(per_month, (horizon_months, len(x)))
    clv_value = spend * np.einsum("m,mc->c", discounts, monthly)
    purchases = monthly.sum(axis=0)
    _check_finite(clv, purchases, clv_value, p_alive)
    table = _table(summary, horizon_months, purchases, p_alive, spend, clv_value, MODEL_METHOD)
    return table if clv.dropout_identified else _with_warning(table, dropout_warning(clv))


def expected_purchases(clv: ClvModel, t: float, summary: Summary) -> np.ndarray:
    """Each customer's expected purchases in the next t time units, as `predict` counts them: E[Y(t) |
    x, t_x, T], or a customer who stays where the fit sees no dropout (holdout validation reads it)."""
    x, t_x, T = summary.x, summary.t_x, summary.T
    if clv.dropout_identified:
        purchases = clv.purchases.conditional_expected_purchases(t, x, t_x, T)
    else:
        purchases = staying_purchases(clv.purchases.r, clv.purchases.alpha, t, x, T)
    _check_finite(clv, purchases, purchases, np.full(len(x), np.nan))
    return purchases


def _check_finite(clv: ClvModel, purchases, clv_value, p_alive) -> None:
    """Refuse predictions that are not numbers: a NaN stored as a feature sorts above every number in
    DuckDB, so `clv_12m > 500` selected every customer. Parameters run off to extremes can make the
    closed forms fail (scipy's hyp2f1 gives nan). The one check, when fitting (fit_and_predict: the fit is
    refused) and on every later prediction with a kept fit; the refresh then falls back to the historical
    average."""
    known = p_alive[~np.isnan(p_alive)]
    if np.isfinite(purchases).all() and np.isfinite(clv_value).all() and np.isfinite(known).all():
        return
    fit = clv.purchase_fit
    params = ", ".join(f"{name} = {value:.4g}" for name, value in fit.params.items())
    raise ClvDataError(
        f"the {fit.model} fit as of {clv.as_of} gives predictions that are not numbers ({params}): its "
        "parameters ran off to extremes the model's formulas cannot be evaluated at",
        code="clv.not_finite",
        params={"model": fit.model, "as_of": clv.as_of.isoformat(), "params": params},
    )


def historical_average(
    summary: Summary, horizon_months: int = 12, monthly_discount: float = 0.01, reason: str = ""
) -> pa.Table:
    """The fallback: each customer's purchases and spend per month since their first purchase (at least
    one month), carried over the horizon and discounted. No p_alive or churn risk: nothing estimates them."""
    discounts = _discounts(horizon_months, monthly_discount)
    tenure = np.maximum(summary.T * unit_days(summary.unit) / MONTH_DAYS, 1.0)
    n = summary.x + 1
    unknown = np.full(len(n), np.nan)
    table = _table(
        summary,
        horizon_months,
        n / tenure * horizon_months,
        unknown,
        summary.total_spend / n,
        summary.total_spend / tenure * discounts.sum(),
        FALLBACK_METHOD,
    )
    return _with_warning(table, reason)


def _with_warning(table: pa.Table, reason: str) -> pa.Table:
    return table.replace_schema_metadata({**(table.schema.metadata or {}), b"clv_warning": reason.encode()})


def _table(summary, horizon, purchases, p_alive, spend, clv_value, method) -> pa.Table:
    churn = 1.0 - p_alive
    nullable = np.isnan(p_alive)
    return pa.table(
        {
            "customer_id": summary.customer_ids(),
            f"expected_purchases_{horizon}m": pa.array(purchases, pa.float64()),
            "p_alive": pa.array(p_alive, pa.float64(), mask=nullable),
            "churn_risk": pa.array(churn, pa.float64(), mask=nullable),
            "churn_bucket": churn_bucket(churn),
            "expected_spend": pa.array(spend, pa.float64()),
            f"clv_{horizon}m": pa.array(clv_value, pa.float64()),
            "clv_method": pa.repeat(pa.scalar(method, pa.string()), len(purchases)),
        },
        metadata={b"clv_method": method.encode(), b"as_of": summary.as_of.isoformat().encode()},
    )


def predict_customers(
    source,
    horizon_months: int = 12,
    monthly_discount: float = 0.01,
    model: str = "bg_nbd",
    unit: str = "weeks",
    as_of: dt.date | None = None,
    spend_basis: str = "repeat",
    fallback: bool = True,
) -> pa.Table:
    """Predictions for every customer with a purchase, from a Workspace (its summary as of its reference
    date, or `as_of`) or from a ready Summary. With `fallback`, too little data gives the historical-average
    table (clv_method = "historical_average", the reason in the schema metadata `clv_warning`) instead of
    an error."""
    summary = source if isinstance(source, Summary) else workspace_summary(source, as_of, unit)
    try:
        return fit_and_predict(summary, model, spend_basis, horizon_months, monthly_discount)[1]
    except ClvDataError as exc:
        if not fallback or summary.n_customers == 0:
            raise
        return historical_average(summary, horizon_months, monthly_discount, reason=str(exc))
