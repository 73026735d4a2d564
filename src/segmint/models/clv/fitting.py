"""Maximum-likelihood fitting shared by the buy-till-you-die models.

Every model here has positive parameters, so the optimiser works on their logarithms: the search space is
unbounded, steps are relative (r = 0.24 and alpha = 4.4 are moved on the same footing), and L-BFGS-B gets
the analytic gradient through the chain rule d/d(log theta) = theta * d/d(theta). The objective is the
mean negative log-likelihood per customer so that the tolerances mean the same at 2,000 and at 1,000,000
customers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import minimize

from segmint.errors import SegmintError

# the log-parameters are kept inside exp(+-LOG_BOUND) so a degenerate data set cannot overflow exp()
LOG_BOUND = 25.0
GTOL = 1e-9  # on the mean log-likelihood's gradient in log-parameters


class ClvDataError(SegmintError):
    """The data cannot support a CLV model fit (too few customers or repeat buyers, or no convergence)."""


@dataclass(frozen=True)
class FitResult:
    """What a maximum-likelihood fit found: parameters, log-likelihood, and how the optimiser ended."""

    model: str
    params: dict[str, float]
    log_likelihood: float  # summed over customers (weights counted)
    n_customers: int
    iterations: int
    converged: bool
    message: str
    standard_errors: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "model": self.model,
            "params": self.params,
            "standard_errors": self.standard_errors,
            "log_likelihood": self.log_likelihood,
            "n_customers": self.n_customers,
            "iterations": self.iterations,
            "converged": self.converged,
            "message": self.message,
        }


# objective(theta) -> (total log-likelihood, gradient of it with respect to theta), theta on natural scale
Objective = Callable[[np.ndarray], tuple[float, np.ndarray]]


def maximize_log_likelihood(
    objective: Objective, start: np.ndarray, n_weight: float, max_iterations: int = 500
) -> tuple[np.ndarray, float, int, bool, str]:
    """Maximise `objective` over positive parameters; returns (theta, log-likelihood, iterations, ok, msg)."""

    def negative_mean(log_theta: np.ndarray) -> tuple[float, np.ndarray]:
        theta = np.exp(log_theta)
        ll, grad = objective(theta)
        if not np.isfinite(ll):
            return np.inf, np.zeros_like(log_theta)
        return -ll / n_weight, -(grad * theta) / n_weight

    bounds = [(-LOG_BOUND, LOG_BOUND)] * len(start)
    result = minimize(
        negative_mean,
        np.log(start),
        jac=True,
        method="L-BFGS-B",
        bounds=bounds,
        options={"maxiter": max_iterations, "ftol": 1e-14, "gtol": GTOL},
    )
    # polish only where L-BFGS-B stopped short of its gradient test (it costs 2k gradient evaluations)
    log_theta = _newton_polish(objective, result.x) if np.max(np.abs(result.jac)) > GTOL else result.x
    theta = np.exp(log_theta)
    ll, _ = objective(theta)
    at_bound = bool(np.any(np.abs(result.x) >= LOG_BOUND - 1e-6))
    ok = bool(np.isfinite(ll)) and not at_bound and (result.success or _small_gradient(result))
    message = str(result.message) if not at_bound else "a parameter ran off to 0 or infinity"
    return theta, float(ll), int(result.nit), ok, message


def _newton_polish(objective: Objective, log_theta: np.ndarray, steps: int = 8) -> np.ndarray:
    """A few Newton steps in log-parameters from where L-BFGS-B stopped.

    Some likelihoods have a long flat ridge (Gamma-Gamma's p, q and gamma trade off against each other):
    L-BFGS-B stops on its relative-reduction test while the estimate is still off in the third digit.
    Newton's method with the Hessian from differences of the analytic gradient finishes the job in one or
    two steps; a step is kept only if the log-likelihood rises, so this can never make the fit worse.
    """
    ll, grad = _in_logs(objective, log_theta)
    for _ in range(steps):
        if not np.isfinite(ll):
            break
        hessian = _log_hessian(objective, log_theta)
        try:
            step = -np.linalg.solve(hessian, grad)
        except np.linalg.LinAlgError:
            break
        if not np.all(np.isfinite(step)) or grad @ step <= 0:  # not an ascent direction: not a maximum
            break
        for shrink in (1.0, 0.5, 0.25, 0.125):
            trial = np.clip(log_theta + shrink * step, -LOG_BOUND, LOG_BOUND)
            trial_ll, trial_grad = _in_logs(objective, trial)
            if np.isfinite(trial_ll) and trial_ll >= ll:
                break
        else:
            break
        improvement = trial_ll - ll
        log_theta, ll, grad = trial, trial_ll, trial_grad
        if improvement < 1e-10 * max(1.0, abs(ll)):
            break
    return log_theta


def _in_logs(objective: Objective, log_theta: np.ndarray) -> tuple[float, np.ndarray]:
    theta = np.exp(log_theta)
    ll, grad = objective(theta)
    return ll, grad * theta


def _log_hessian(objective: Objective, log_theta: np.ndarray, step: float = 1e-5) -> np.ndarray:
    k = len(log_theta)
    hessian = np.empty((k, k))
    for j in range(k):
        up, down = log_theta.copy(), log_theta.copy()
        up[j] += step
        down[j] -= step
        hessian[:, j] = (_in_logs(objective, up)[1] - _in_logs(objective, down)[1]) / (2 * step)
    return (hessian + hessian.T) / 2


def _small_gradient(result) -> bool:
    """L-BFGS-B sometimes stops on 'ABNORMAL' line searches at an optimum reached to machine precision."""
    return bool(np.max(np.abs(result.jac)) < 1e-5)


def standard_errors(objective: Objective, theta: np.ndarray, step: float = 1e-5) -> np.ndarray:
    """Asymptotic standard errors: the inverse observed information, by central differences of the
    analytic gradient (the Hessian is the gradient's Jacobian; differencing it costs 2k gradient calls)."""
    k = len(theta)
    hessian = np.empty((k, k))
    for j in range(k):
        h = step * max(abs(theta[j]), 1e-8)
        up, down = theta.copy(), theta.copy()
        up[j] += h
        down[j] -= h
        hessian[:, j] = (objective(up)[1] - objective(down)[1]) / (2 * h)
    hessian = (hessian + hessian.T) / 2
    try:
        covariance = np.linalg.inv(-hessian)
    except np.linalg.LinAlgError:
        return np.full(k, np.nan)
    return np.sqrt(np.clip(np.diag(covariance), 0, None))


def check_inputs(x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> None:
    """Refuse summaries no model can read: negative values, recency after T, repeats with zero recency."""
    if not (len(x) == len(t_x) == len(T)):
        raise ClvDataError("frequency, recency and T must have the same length")
    if len(x) == 0:
        raise ClvDataError("there are no customers with a purchase to fit the model on")
    if np.any(x < 0) or np.any(t_x < 0) or np.any(T < 0):
        raise ClvDataError("frequency, recency and T must not be negative")
    if np.any(t_x > T + 1e-9):
        raise ClvDataError("recency (time of the last repeat purchase) is later than T for some customers")
    if np.any((x == 0) & (t_x > 0)):
        raise ClvDataError("customers without repeat purchases must have recency 0")
