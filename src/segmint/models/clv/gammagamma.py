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

from segmint.models.clv.fitting import ClvDataError, FitResult, dot, fit_maximum_likelihood

PARAMS = ("p", "q", "gamma")
# q and gamma both past this have run off together: the customers' rates nu are all the same (see no_spread)
NO_SPREAD_AT = 1e6
NO_SPREAD = (
    "q and gamma ran off together: customers' mean spend differs no more than their purchases do, so each "
    "one's expected value per purchase is the shop's mean"
)


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
    """A spend summary prepared for repeated likelihood evaluations.

    Terms in x alone (gamma functions of p x + q) are evaluated once per distinct x, and the sums of
    log m do not depend on the parameters at all; per customer only log(gamma + m x) remains.
    """

    def __init__(self, x, m, weights=None):
        self.x, self.m = _arrays(x, m)
        if len(self.x) != len(self.m):
            raise ClvDataError(
                "purchase counts and mean values must have the same length", code="clv.spend_lengths"
            )
        if len(self.x) == 0:
            raise ClvDataError(
                "there are no customers with a purchase to fit the spend model on",
                code="clv.spend_no_customers",
            )
        if np.any(self.x <= 0) or np.any(self.m <= 0) or not np.all(np.isfinite(self.m)):
            raise ClvDataError(
                "the spend model needs customers with at least one purchase and a positive mean value; "
                "leave out customers without purchases and orders of value 0 or less",
                code="clv.spend_not_positive",
            )
        self.w = np.ones_like(self.x) if weights is None else np.asarray(weights, dtype=float)
        self.n = float(self.w.sum())
        self.xu, index = np.unique(self.x, return_inverse=True)
        self.wx = np.bincount(index, weights=self.w, minlength=len(self.xu))
        log_m = np.log(self.m)
        self.wx_x = self.w * self.x
        self.sum_log_m = dot(self.w, log_m)
        self.sum_x_log_m = dot(self.wx_x, log_m)

    def objective(self, theta: np.ndarray) -> tuple[float, np.ndarray]:
        """Total log-likelihood and its gradient in (p, q, gamma)."""
        p, q, g = theta
        xu, wx = self.xu, self.wx
        pxu = p * xu
        gmx = g + self.m * self.x
        log_gmx = np.log(gmx)
        sum_log_gmx = dot(self.w, log_gmx)
        sum_x_log_gmx = dot(self.wx_x, log_gmx)
        ll = (
            dot(wx, gammaln(pxu + q) - gammaln(pxu) + pxu * np.log(xu))
            + self.n * (q * np.log(g) - gammaln(q))
            + p * self.sum_x_log_m - self.sum_log_m
            - p * sum_x_log_gmx - q * sum_log_gmx
        )  # fmt: skip
        dg_u = digamma(pxu + q)
        d_p = dot(wx, xu * (dg_u - digamma(pxu) + np.log(xu))) + self.sum_x_log_m - sum_x_log_gmx
        d_q = dot(wx, dg_u) + self.n * (np.log(g) - digamma(q)) - sum_log_gmx
        d_g = self.n * q / g - dot(p * self.wx_x + q * self.w, 1.0 / gmx)
        return float(ll), np.array([d_p, d_q, d_g])


def fit_gamma_gamma(
    x, m, weights=None, start: dict | None = None, with_errors: bool = True
) -> tuple[GammaGamma, FitResult]:
    """Maximum-likelihood Gamma-Gamma parameters from each customer's purchase count x and mean value m."""
    fit = fit_maximum_likelihood(
        "gamma_gamma", PARAMS, _Data, (x, m), weights, _default_start, start, with_errors
    )
    return GammaGamma(**fit.params), fit


def no_spread(spend: GammaGamma, fit: FitResult) -> bool:
    """Whether the fit went out along the ridge of customers whose mean spend does not differ.

    When every customer's purchases are drawn alike (the spread of their means is that of their purchases
    alone) the likelihood rises as q and gamma run off together with gamma / q held: nu ~ Gamma(q, gamma)
    narrows to one rate. The limit is a plain model: every customer's expected value per purchase is the
    shop's mean, p * gamma / (q - 1), which conditional_expected_spend gives for any q and gamma this
    large. Where on that ridge the optimiser stops is chance (SciPy 1.17's L-BFGS-B reaches the bound
    exp(LOG_BOUND); 1.17.1's ends 'ABNORMAL' at q ~ 1e7 on tests/models/test_steady_buyers.py's shop, not
    converged and nothing at the bound; older ones stopped short and the fit was accepted), so a fit out on
    it stands rather than being refused as one whose mean is infinite."""
    return (
        set(fit.ran_off) <= {"q", "gamma"}
        and min(spend.q, spend.gamma) > NO_SPREAD_AT
        and np.isfinite(fit.log_likelihood)
    )


def _default_start(data: _Data) -> dict:
    """Shape 1 and a q whose implied mean value p * gamma / (q - 1) is the observed one."""
    return {"p": 1.0, "q": 2.0, "gamma": dot(data.w, data.m) / data.n}


def gamma_gamma_objective(x, m, weights=None):
    """The fit's objective: theta -> (log-likelihood, gradient); exposed for gradient checks."""
    return _Data(x, m, weights).objective
