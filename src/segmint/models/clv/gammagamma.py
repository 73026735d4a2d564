"""The Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005, "RFM and CLV: Using Iso-Value
Curves for Customer Base Analysis", Journal of Marketing Research 42(4), 415-430; the likelihood as in
Fader & Hardie 2013, "The Gamma-Gamma Model of Monetary Value").

Each purchase of a customer is worth z ~ Gamma(shape p, rate nu), and nu ~ Gamma(shape q, rate gamma)
across customers. A customer is summarised by x (the number of purchases averaged) and m (their mean
value); the model assumes spend is independent of the purchase process, which is why it is fitted apart
from BG/NBD, on the customers with at least one purchase to average.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import digamma, gammaln

from segmint.models.clv.fitting import ClvDataError, FitResult, maximize_log_likelihood, standard_errors

PARAMS = ("p", "q", "gamma")


@dataclass(frozen=True)
class GammaGamma:
    """Fitted (or given) Gamma-Gamma parameters, with the model's predictions."""

    p: float
    q: float
    gamma: float

    @property
    def params(self) -> dict[str, float]:
        return {k: float(getattr(self, k)) for k in PARAMS}

    def log_likelihood(self, x, m) -> np.ndarray:
        """Per-customer log density of the mean m of x purchases (the full density, so the summed value is
        comparable across implementations)."""
        x, m = _arrays(x, m)
        p, q, g = self.p, self.q, self.gamma
        px = p * x
        return (
            gammaln(px + q)
            - gammaln(px)
            - gammaln(q)
            + q * np.log(g)
            + (px - 1) * np.log(m)
            + px * np.log(x)
            - (px + q) * np.log(g + m * x)
        )

    def mean_spend(self) -> float:
        """E[Z]: the population's mean value per purchase, p * gamma / (q - 1) (infinite when q <= 1)."""
        return self.p * self.gamma / (self.q - 1) if self.q > 1 else float("inf")

    def conditional_expected_spend(self, x, m) -> np.ndarray:
        """E[Z | x, m]: a customer's expected value per purchase, a weighted mean of the population mean and
        their own (eq. 8 of the JMR paper); the population mean for customers without purchases (x = 0)."""
        x, m = _arrays(x, m)
        p, q, g = self.p, self.q, self.gamma
        return p * (g + m * x) / (p * x + q - 1)


def _arrays(x, m):
    return np.asarray(x, dtype=float), np.asarray(m, dtype=float)


class _Data:
    def __init__(self, x, m, weights=None):
        self.x, self.m = _arrays(x, m)
        if len(self.x) != len(self.m):
            raise ClvDataError("purchase counts and mean values must have the same length")
        if len(self.x) == 0:
            raise ClvDataError("there are no customers with a purchase to fit the spend model on")
        if np.any(self.x <= 0) or np.any(self.m <= 0) or not np.all(np.isfinite(self.m)):
            raise ClvDataError(
                "the spend model needs customers with at least one purchase and a positive mean value; "
                "leave out customers without purchases and orders of value 0 or less"
            )
        self.w = np.ones_like(self.x) if weights is None else np.asarray(weights, dtype=float)
        self.n = float(self.w.sum())
        self.log_m, self.log_x = np.log(self.m), np.log(self.x)

    def objective(self, theta: np.ndarray) -> tuple[float, np.ndarray]:
        """Total log-likelihood and its gradient in (p, q, gamma)."""
        p, q, g = theta
        x, m, w = self.x, self.m, self.w
        px = p * x
        log_gmx = np.log(g + m * x)
        ll = w @ (
            gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(g)
            + (px - 1) * self.log_m + px * self.log_x - (px + q) * log_gmx
        )  # fmt: skip
        dg_pxq = digamma(px + q)
        d_p = w @ (x * (dg_pxq - digamma(px) + self.log_m + self.log_x - log_gmx))
        d_q = w @ (dg_pxq - digamma(q) + np.log(g) - log_gmx)
        d_g = w @ (q / g - (px + q) / (g + m * x))
        return float(ll), np.array([d_p, d_q, d_g])


def fit_gamma_gamma(x, m, weights=None, start: dict | None = None) -> tuple[GammaGamma, FitResult]:
    """Maximum-likelihood Gamma-Gamma parameters from each customer's purchase count x and mean value m."""
    data = _Data(x, m, weights)
    if start is None:
        # method-of-moments-like start: p near the squared coefficient of variation's inverse, mean matched
        mean = float(data.w @ data.m / data.n)
        start = {"p": 1.0, "q": 2.0, "gamma": mean}
    theta0 = np.array([start[k] for k in PARAMS], dtype=float)
    theta, ll, iterations, ok, message = maximize_log_likelihood(data.objective, theta0, data.n)
    model = GammaGamma(*map(float, theta))
    errors = standard_errors(data.objective, theta) if ok else np.full(3, np.nan)
    result = FitResult(
        model="gamma_gamma",
        params=model.params,
        log_likelihood=ll,
        n_customers=round(data.n),
        iterations=iterations,
        converged=ok,
        message=message,
        standard_errors=dict(zip(PARAMS, map(float, errors), strict=True)),
    )
    return model, result


def gamma_gamma_objective(x, m, weights=None):
    """The fit's objective: theta -> (log-likelihood, gradient); exposed for gradient checks."""
    return _Data(x, m, weights).objective
