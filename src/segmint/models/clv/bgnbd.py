"""The BG/NBD model of repeat purchasing (Fader, Hardie & Lee 2005, "'Counting Your Customers' the Easy
Way: An Alternative to the Pareto/NBD Model", Marketing Science 24(2), 275-284).

While alive a customer buys as a Poisson process with rate lambda ~ Gamma(r, alpha); after every repeat
purchase they leave for good with probability p ~ Beta(a, b). A customer is summarised by x (repeat
purchases), t_x (time of the last one, counted from the first purchase) and T (time observed since the
first purchase).

The fit is maximum likelihood (eq. 6 and 7 of the paper) with the analytic gradient written out below.
The terms that depend on x alone (gamma and beta functions) are evaluated once per distinct x and weighted
by how many customers have it, which is what makes a fit on a million customers take about a second:
per customer only two logarithms and an exponential remain.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import digamma, expit, gammaln, hyp2f1

from segmint.models.clv.fitting import ClvDataError, FitResult, check_inputs, dot, fit_maximum_likelihood

PARAMS = ("r", "alpha", "a", "b")


@dataclass(frozen=True)
class BgNbd:
    """Fitted (or given) BG/NBD parameters, with the model's predictions."""

    r: float
    alpha: float
    a: float
    b: float

    @property
    def params(self) -> dict[str, float]:
        return {k: float(getattr(self, k)) for k in PARAMS}

    def log_likelihood(self, x, t_x, T) -> np.ndarray:
        """Per-customer log-likelihood (eq. 6)."""
        x, t_x, T = _arrays(x, t_x, T)
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        head = gammaln(r + x) - gammaln(r) + r * np.log(alpha) + _log_beta_ratio(a, b, x)
        return head + np.logaddexp(*_tails(self, x, t_x, T))

    def expected_purchases(self, t) -> np.ndarray:
        """E[X(t)]: repeat purchases a new customer makes in t time units after the first (eq. 9)."""
        t = np.asarray(t, dtype=float)
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        ratio = (alpha / (alpha + t)) ** r
        return (a + b - 1) / (a - 1) * (1 - ratio * hyp2f1(r, b, a + b - 1, t / (alpha + t)))

    def conditional_expected_purchases(self, t, x, t_x, T) -> np.ndarray:
        """E[Y(t) | x, t_x, T]: purchases in the next t time units given the customer's history (eq. 10)."""
        return self.expected_purchases_if_alive(t, x, T) * self.p_alive(x, t_x, T)

    def expected_purchases_if_alive(self, t, x, T) -> np.ndarray:
        """The numerator of eq. 10: purchases in the next t time units of a customer known to be alive,
        which is eq. 9 with the parameters updated by the history (r+x, alpha+T, b+x)."""
        x, T = np.asarray(x, dtype=float), np.asarray(T, dtype=float)
        t = np.asarray(t, dtype=float)
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        log_ratio = (r + x) * (np.log(alpha + T) - np.log(alpha + T + t))
        z = t / (alpha + T + t)
        rest = 1 - np.exp(log_ratio) * hyp2f1(r + x, b + x, a + b + x - 1, z)
        return (a + b + x - 1) / (a - 1) * rest

    def p_alive(self, x, t_x, T) -> np.ndarray:
        """P(alive at T | x, t_x, T): the 'alive' term of eq. 6 over the whole likelihood; 1 when x = 0,
        because under BG/NBD a customer can only leave right after a repeat purchase."""
        x, t_x, T = _arrays(x, t_x, T)
        alive, dead = _tails(self, x, t_x, T)
        return np.where(x > 0, expit(alive - dead), 1.0)


def _arrays(x, t_x, T):
    return (np.asarray(x, dtype=float), np.asarray(t_x, dtype=float), np.asarray(T, dtype=float))


def _log_beta_ratio(a: float, b: float, x: np.ndarray) -> np.ndarray:
    """log B(a, b + x) - log B(a, b)."""
    return gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)


def _tails(model: BgNbd, x, t_x, T):
    """The two per-customer terms of eq. 6 after the common factor: alive at T, or left after t_x."""
    rx = model.r + x
    alive = -rx * np.log(model.alpha + T)
    with np.errstate(divide="ignore", invalid="ignore"):
        dead = np.where(
            x > 0,
            np.log(model.a) - np.log(model.b + np.maximum(x, 1) - 1) - rx * np.log(model.alpha + t_x),
            -np.inf,
        )
    return alive, dead


class _Data:
    """A summary prepared for repeated likelihood evaluations: customers grouped by their x."""

    def __init__(self, x, t_x, T, weights=None):
        self.x, self.t_x, self.T = _arrays(x, t_x, T)
        check_inputs(self.x, self.t_x, self.T)
        self.w = np.ones_like(self.x) if weights is None else np.asarray(weights, dtype=float)
        self.xu, self.index = np.unique(self.x, return_inverse=True)
        self.wx = np.bincount(self.index, weights=self.w, minlength=len(self.xu))
        self.repeat = self.x > 0
        self.n = float(self.w.sum())

    def objective(self, theta: np.ndarray) -> tuple[float, np.ndarray]:
        """Total log-likelihood and its gradient in (r, alpha, a, b).

        Per customer: tail = log(exp(alive) + exp(dead)) with alive = -(r+x) log(alpha+T) and
        dead - alive = c = log(a / (b+x-1)) + (r+x) D, D = log(alpha+T) - log(alpha+t_x); computed as a
        softplus of c (np.logaddexp is several times slower on a million customers). q = sigmoid(c) is the
        posterior probability that the customer has left, which weights the gradient's 'dead' terms.
        """
        r, alpha, a, b = theta
        xu, wx, w = self.xu, self.wx, self.w
        la_T = np.log(alpha + self.T)
        inv_T = 1.0 / (alpha + self.T)
        inv_t = 1.0 / (alpha + self.t_x)
        D = la_T - np.log(alpha + self.t_x)
        rx = r + self.x
        inv_bx1 = np.where(xu > 0, 1.0 / (b + np.maximum(xu, 1) - 1), 0.0)
        with np.errstate(divide="ignore"):
            k_u = np.where(xu > 0, np.log(a) + np.log(inv_bx1), -np.inf)
        c = k_u[self.index] + rx * D  # -inf without repeat purchases
        e = np.exp(-np.abs(c))
        tail = np.maximum(c, 0.0) + np.log1p(e) - rx * la_T
        q = np.where(c > 0, 1.0, e) / (1.0 + e)

        head_u = gammaln(r + xu) - gammaln(r) + r * np.log(alpha) + _log_beta_ratio(a, b, xu)
        ll = dot(wx, head_u) + dot(w, tail)

        wq = w * q
        wq_u = np.bincount(self.index, weights=wq, minlength=len(xu))
        rx_inv_T = rx * inv_T
        d_r = dot(wx, digamma(r + xu) - digamma(r) + np.log(alpha)) - dot(w, la_T) + dot(wq, D)
        d_alpha = self.n * r / alpha - dot(w, rx_inv_T) + dot(wq, rx_inv_T - rx * inv_t)
        dg_ab, dg_abx = digamma(a + b), digamma(a + b + xu)
        d_a = dot(wx, dg_ab - dg_abx) + wq_u.sum() / a
        d_b = dot(wx, dg_ab + digamma(b + xu) - digamma(b) - dg_abx) - dot(wq_u, inv_bx1)
        return ll, np.array([d_r, d_alpha, d_a, d_b])


def fit_bgnbd(
    x, t_x, T, weights=None, start: dict | None = None, with_errors: bool = True
) -> tuple[BgNbd, FitResult]:
    """Maximum-likelihood BG/NBD parameters for the customers' (x, t_x, T)."""
    if not (np.asarray(x, dtype=float) > 0).any():
        raise ClvDataError(
            "no customer has a repeat purchase, so BG/NBD cannot be fitted",
            code="clv.no_repeat_buyers",
            params={"model": "BG/NBD"},
        )
    fit = fit_maximum_likelihood(
        "bg_nbd", PARAMS, _Data, (x, t_x, T), weights, _default_start, start, with_errors
    )
    return BgNbd(**fit.params), fit


def _default_start(data: _Data) -> dict:
    """A start on the data's own time scale: r / alpha is a purchase rate."""
    rate = max(dot(data.w, data.x) / max(dot(data.w, data.T), 1e-9), 1e-6)
    return {"r": 1.0, "alpha": 1.0 / rate, "a": 1.0, "b": 1.0}


def bgnbd_objective(x, t_x, T, weights=None):
    """The fit's objective: theta -> (log-likelihood, gradient); exposed for gradient checks."""
    return _Data(x, t_x, T, weights).objective
