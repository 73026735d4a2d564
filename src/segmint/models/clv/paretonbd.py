"""The Pareto/NBD model of repeat purchasing (Schmittlein, Morrison & Colombo 1987, "Counting Your
Customers: Who Are They and What Will They Do Next?", Management Science 33(1), 1-24; the likelihood and
expressions as derived in Fader & Hardie 2005, "A Note on Deriving the Pareto/NBD Model and Related
Expressions").

While alive a customer buys as a Poisson process with rate lambda ~ Gamma(r, alpha); their lifetime is
exponential with rate mu ~ Gamma(s, beta), so unlike BG/NBD a customer can leave before any repeat
purchase.

The likelihood is usually written with Gauss hypergeometric functions, whose derivatives in their
parameters have no closed form. We use the equivalent integral form instead (death at a time tau between
the last purchase and T):

    L = Gamma(r+x) alpha^r beta^s / Gamma(r)
        * [ (alpha+T)^-(r+x) (beta+T)^-s + s * Integral_{t_x}^{T} (alpha+tau)^-(r+x) (beta+tau)^-(s+1) dtau ]

Differentiating under the integral gives the analytic gradient as integrals of the same kind. Every
integral is computed by Gauss-Legendre quadrature in log(alpha + tau): in that variable the integrand is
analytic in a strip of half-width pi around the real axis whatever the parameters, so 32 nodes are exact
to machine precision (the test checks the value against the hypergeometric closed form).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import digamma, expit, gammaln, logsumexp

from segmint.models.clv.fitting import ClvDataError, FitResult, check_inputs, dot, fit_maximum_likelihood

PARAMS = ("r", "alpha", "s", "beta")
_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(32)
_NODES, _WEIGHTS = (_NODES + 1) / 2, _WEIGHTS / 2  # on [0, 1]
_BLOCK = 65_536  # customers per block, so the (customers x nodes) arrays stay a few MiB


@dataclass(frozen=True)
class ParetoNbd:
    """Fitted (or given) Pareto/NBD parameters, with the model's predictions."""

    r: float
    alpha: float
    s: float
    beta: float

    @property
    def params(self) -> dict[str, float]:
        return {k: float(getattr(self, k)) for k in PARAMS}

    def log_likelihood(self, x, t_x, T) -> np.ndarray:
        """Per-customer log-likelihood."""
        x, t_x, T = _arrays(x, t_x, T)
        parts = _Parts(np.array([self.r, self.alpha, self.s, self.beta]), *_flat(x, t_x, T))
        return (parts.head + parts.tail).reshape(x.shape)

    def p_alive(self, x, t_x, T) -> np.ndarray:
        """P(alive at T | x, t_x, T): the 'alive through T' term of the likelihood over the whole of it."""
        x, t_x, T = _arrays(x, t_x, T)
        parts = _Parts(np.array([self.r, self.alpha, self.s, self.beta]), *_flat(x, t_x, T))
        return expit(parts.alive - parts.dead).reshape(x.shape)

    def expected_purchases(self, t) -> np.ndarray:
        """E[X(t)]: repeat purchases a new customer makes in t time units after the first."""
        t = np.asarray(t, dtype=float)
        r, alpha, s, beta = self.r, self.alpha, self.s, self.beta
        return r * beta / alpha * _one_minus_power_over(np.log(beta / (beta + t)), s - 1)

    def conditional_expected_purchases(self, t, x, t_x, T) -> np.ndarray:
        """E[Y(t) | x, t_x, T]: purchases in the next t time units given the history, P(alive) times what
        an alive customer with the updated rate and lifetime distributions buys."""
        return self.expected_purchases_if_alive(t, x, T) * self.p_alive(x, t_x, T)

    def expected_purchases_if_alive(self, t, x, T) -> np.ndarray:
        """Purchases in the next t time units of a customer known to be alive at T: rate (r+x)/(alpha+T)
        times the expected remaining lifetime within t under the updated Gamma(s, beta+T)."""
        x, T = np.asarray(x, dtype=float), np.asarray(T, dtype=float)
        t = np.asarray(t, dtype=float)
        r, alpha, s, beta = self.r, self.alpha, self.s, self.beta
        per_alive = (r + x) * (beta + T) / (alpha + T)
        return per_alive * _one_minus_power_over(np.log((beta + T) / (beta + T + t)), s - 1)


def _one_minus_power_over(log_ratio, k: float):
    """(1 - ratio^k) / k, which tends to -log(ratio) as k -> 0."""
    if abs(k) < 1e-10:
        return -log_ratio
    return -np.expm1(k * log_ratio) / k


def _arrays(x, t_x, T):
    return np.broadcast_arrays(
        np.asarray(x, dtype=float), np.asarray(t_x, dtype=float), np.asarray(T, dtype=float)
    )


def _flat(*arrays):
    return [np.ravel(a) for a in arrays]


class _Parts:
    """Per-customer pieces of the likelihood and of its gradient at one parameter vector."""

    def __init__(self, theta: np.ndarray, x, t_x, T):
        r, alpha, s, beta = theta
        self.head = gammaln(r + x) - gammaln(r) + r * np.log(alpha) + s * np.log(beta)
        self.alive = -(r + x) * np.log(alpha + T) - s * np.log(beta + T)
        # quadrature in v = log(alpha + tau) over [log(alpha + t_x), log(alpha + T)]
        lo = np.log(alpha + t_x)
        width = np.log(alpha + T) - lo
        v = lo[:, None] + width[:, None] * _NODES
        tau = np.exp(v) - alpha
        log_beta_tau = np.log(beta + tau)
        with np.errstate(divide="ignore"):
            log_g = (1 - (r + x))[:, None] * v - (s + 1) * log_beta_tau + np.log(width[:, None] * _WEIGHTS)
        log_integral = logsumexp(log_g, axis=1)  # -inf when t_x == T: nothing left to die in
        self.dead = np.log(s) + log_integral
        self.tail = np.logaddexp(self.alive, self.dead)
        with np.errstate(invalid="ignore"):
            share = np.exp(log_g - log_integral[:, None])  # normalised integrand at the nodes
        share = np.nan_to_num(share)
        self.mean_log_alpha_tau = (share * v).sum(axis=1)
        self.mean_log_beta_tau = (share * log_beta_tau).sum(axis=1)
        self.mean_inv_alpha_tau = (share * np.exp(-v)).sum(axis=1)
        self.mean_inv_beta_tau = (share / (beta + tau)).sum(axis=1)


class _Data:
    def __init__(self, x, t_x, T, weights=None):
        self.x, self.t_x, self.T = _arrays(x, t_x, T)
        check_inputs(self.x, self.t_x, self.T)
        self.w = np.ones_like(self.x) if weights is None else np.asarray(weights, dtype=float)
        self.n = float(self.w.sum())

    def objective(self, theta: np.ndarray) -> tuple[float, np.ndarray]:
        """Total log-likelihood and its gradient in (r, alpha, s, beta), block by block."""
        r, alpha, s, beta = theta
        ll, grad = 0.0, np.zeros(4)
        for start in range(0, len(self.x), _BLOCK):
            block = slice(start, start + _BLOCK)
            x, T, w = self.x[block], self.T[block], self.w[block]
            p = _Parts(theta, x, self.t_x[block], T)
            dead = np.exp(p.dead - p.tail)  # posterior probability of having left by T
            alive = 1 - dead
            ll += dot(w, p.head + p.tail)
            grad += [
                dot(w, digamma(r + x) - digamma(r) + np.log(alpha)
                    - alive * np.log(alpha + T) - dead * p.mean_log_alpha_tau),
                dot(w, r / alpha - alive * (r + x) / (alpha + T) - dead * (r + x) * p.mean_inv_alpha_tau),
                dot(w, np.log(beta) - alive * np.log(beta + T) + dead * (1 / s - p.mean_log_beta_tau)),
                dot(w, s / beta - alive * s / (beta + T) - dead * (s + 1) * p.mean_inv_beta_tau),
            ]  # fmt: skip
        return ll, grad


def fit_pareto_nbd(
    x, t_x, T, weights=None, start: dict | None = None, with_errors: bool = True
) -> tuple[ParetoNbd, FitResult]:
    """Maximum-likelihood Pareto/NBD parameters for the customers' (x, t_x, T)."""
    if not (np.asarray(x, dtype=float) > 0).any():
        raise ClvDataError(
            "no customer has a repeat purchase, so Pareto/NBD cannot be fitted",
            code="clv.no_repeat_buyers",
            params={"model": "Pareto/NBD"},
        )
    fit = fit_maximum_likelihood(
        "pareto_nbd", PARAMS, _Data, (x, t_x, T), weights, _default_start, start, with_errors
    )
    return ParetoNbd(**fit.params), fit


def _default_start(data: _Data) -> dict:
    """A start on the data's own time scale: r / alpha is a purchase rate, beta a lifetime scale."""
    rate = max(dot(data.w, data.x) / max(dot(data.w, data.T), 1e-9), 1e-6)
    scale = max(dot(data.w, data.T) / data.n, 1e-6)
    return {"r": 1.0, "alpha": 1.0 / rate, "s": 1.0, "beta": scale}


def pareto_nbd_objective(x, t_x, T, weights=None):
    """The fit's objective: theta -> (log-likelihood, gradient); exposed for gradient checks."""
    return _Data(x, t_x, T, weights).objective
