"""Uplift statistics for a treated arm against its holdout (docs/experiments.md has the formulas).

- Conversion: the difference of two proportions with Newcombe's hybrid score interval (Wilson intervals of
  each rate combined, Newcombe 1998 method 10), which keeps close to its nominal coverage at the small
  rates campaigns see, where the Wald interval undercovers; the p-value is the pooled two-proportion z-test.
- Revenue per recipient: Welch's t interval and test from each arm's mean, variance and count.
- Probability to beat control: exact under independent Beta(1, 1) priors (Evan Miller's closed form).
- Minimum sample size per arm for a two-sided z-test on Cohen's h (the same power equation as statsmodels'
  NormalIndPower with proportion_effectsize).
- ROI = (incremental revenue - cost) / cost.
scipy does the distributions; statsmodels is the independent reference in the tests only.
"""

from __future__ import annotations

import functools
import math
from dataclasses import asdict, dataclass

import numpy as np
from scipy import optimize, special, stats

from segmint.experiments.assign import ExperimentError


@dataclass(frozen=True)
class Comparison:
    """Treated minus control, with a confidence interval and a two-sided p-value."""

    treated: float
    control: float
    difference: float
    ci_low: float
    ci_high: float
    p_value: float
    method: str

    def to_dict(self) -> dict:
        return asdict(self)


def _check_counts(x: int, n: int) -> None:
    if n < 0 or x < 0 or x > n:
        raise ExperimentError(f"conversions must be between 0 and recipients, got {x} of {n}")


@functools.lru_cache(maxsize=16)
def _z(alpha: float) -> float:
    return float(stats.norm.isf(alpha / 2))


def wilson_interval(x: int, n: int, alpha: float = 0.05) -> tuple[float, float]:
    """Wilson score interval for one proportion.

    Written out rather than scipy's binomtest(...).proportion_ci(method="wilson") (the tests check they
    agree): binomtest also runs the exact test, measured 2.7 ms per call against ~3 µs here, which
    dominated results per segment x variant and the coverage simulations.
    """
    z = _z(alpha)
    p = x / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def compare_proportions(x_t: int, n_t: int, x_c: int, n_c: int, alpha: float = 0.05) -> Comparison:
    """Conversion rate of treated minus control: Newcombe hybrid score interval, pooled z-test p-value.

    With an empty arm nothing can be said: every figure but the known rate is NaN.
    """
    _check_counts(x_t, n_t)
    _check_counts(x_c, n_c)
    nan = float("nan")
    p_t = x_t / n_t if n_t else nan
    p_c = x_c / n_c if n_c else nan
    if not (n_t and n_c):
        return Comparison(p_t, p_c, nan, nan, nan, nan, "newcombe")
    diff = p_t - p_c
    l_t, u_t = wilson_interval(x_t, n_t, alpha)
    l_c, u_c = wilson_interval(x_c, n_c, alpha)
    low = diff - math.sqrt((p_t - l_t) ** 2 + (u_c - p_c) ** 2)
    high = diff + math.sqrt((u_t - p_t) ** 2 + (p_c - l_c) ** 2)
    pooled = (x_t + x_c) / (n_t + n_c)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n_t + 1 / n_c))
    # both arms all-0 or all-1: no evidence of any difference
    p_value = math.erfc(abs(diff) / se / math.sqrt(2)) if se > 0 else 1.0  # = 2 * (1 - Φ(|z|))
    return Comparison(p_t, p_c, diff, low, high, float(p_value), "newcombe")


def compare_means(
    mean_t: float, var_t: float, n_t: int, mean_c: float, var_c: float, n_c: int, alpha: float = 0.05
) -> Comparison:
    """Mean of treated minus control (e.g. revenue per recipient): Welch's t interval and test.

    Variances are sample variances (ddof=1). Fewer than two recipients in an arm gives NaN figures.
    """
    nan = float("nan")
    if n_t < 2 or n_c < 2:
        return Comparison(mean_t if n_t else nan, mean_c if n_c else nan, nan, nan, nan, nan, "welch")
    diff = mean_t - mean_c
    a, b = var_t / n_t, var_c / n_c
    se = math.sqrt(a + b)
    if se == 0:  # both arms constant: the difference is exact
        return Comparison(mean_t, mean_c, diff, diff, diff, 1.0 if diff == 0 else 0.0, "welch")
    df = (a + b) ** 2 / (a**2 / (n_t - 1) + b**2 / (n_c - 1))
    half = float(stats.t.isf(alpha / 2, df)) * se
    p_value = 2 * float(stats.t.sf(abs(diff) / se, df))
    return Comparison(mean_t, mean_c, diff, diff - half, diff + half, float(p_value), "welch")


def probability_to_beat(x_t: int, n_t: int, x_c: int, n_c: int) -> float:
    """P(rate_treated > rate_control) with independent Beta(1, 1) priors, in closed form:

    sum over i < a_t of B(a_c + i, b_c + b_t) / ((b_t + i) B(1 + i, b_t) B(a_c, b_c)),
    with a = 1 + conversions, b = 1 + non-conversions (Evan Miller, "Formulas for Bayesian A/B testing").
    Summed in log space; a_t terms, so cheap for any campaign's conversion count.
    """
    _check_counts(x_t, n_t)
    _check_counts(x_c, n_c)
    a_t, b_t = 1 + x_t, 1 + n_t - x_t
    a_c, b_c = 1 + x_c, 1 + n_c - x_c
    i = np.arange(a_t, dtype=float)
    terms = (
        special.betaln(a_c + i, b_c + b_t)
        - np.log(b_t + i)
        - special.betaln(1 + i, b_t)
        - special.betaln(a_c, b_c)
    )
    return float(min(1.0, max(0.0, np.exp(special.logsumexp(terms)))))


@dataclass(frozen=True)
class SampleSize:
    control: int  # recipients needed in the holdout
    treated: int  # recipients needed in the treated arm
    total: int
    effect_size: float  # Cohen's h

    def to_dict(self) -> dict:
        return asdict(self)


def _check_size(baseline: float, mde: float, alpha: float, power: float, ratio: float) -> None:
    """Refuse a setup with no answer, naming the option to change (`experiments size` takes them as --name):
    coded (web/experiment_errors.py). `ratio` is derived from --holdout-share and --variants, which the
    command checks itself, so its error names the library's argument."""
    if not 0 < baseline < 1:
        raise ExperimentError(
            f"--baseline is a conversion rate more than 0 and less than 1, not {baseline}",
            code="experiment.size.baseline",
            params={"baseline": baseline},
        )
    if mde == 0 or not 0 < baseline + mde < 1:
        raise ExperimentError(
            f"--mde is not 0, and --baseline + --mde ({baseline} + {mde}) is a rate more than 0 and less "
            "than 1",
            code="experiment.size.mde",
            params={"baseline": baseline, "mde": mde},
        )
    if not 0 < alpha < 1:
        raise ExperimentError(
            f"--alpha is more than 0 and less than 1, not {alpha}",
            code="experiment.size.alpha",
            params={"alpha": alpha},
        )
    if not alpha < power < 1:
        raise ExperimentError(
            f"--power is more than --alpha ({alpha}) and less than 1, not {power}",
            code="experiment.size.power",
            params={"alpha": alpha, "power": power},
        )
    if ratio <= 0:
        raise ExperimentError(
            f"ratio (treated recipients per holdout recipient) is more than 0, not {ratio}",
            code="experiment.size.ratio",
            params={"ratio": ratio},
        )


def sample_size(
    baseline: float, mde: float, alpha: float = 0.05, power: float = 0.80, ratio: float = 1.0
) -> SampleSize:
    """Recipients needed to detect an absolute rise of `mde` over `baseline` conversion (two-sided test).

    `ratio` = treated / control recipients (a 10% holdout with one variant is ratio 9). Solves
    power = Φ(h·√n_eff − z) + Φ(−h·√n_eff − z), n_eff = 1 / (1/n_c + 1/n_t), h = Cohen's h.
    """
    _check_size(baseline, mde, alpha, power, ratio)
    h = abs(2 * math.asin(math.sqrt(baseline + mde)) - 2 * math.asin(math.sqrt(baseline)))
    crit = stats.norm.isf(alpha / 2)

    def shortfall(n_c: float) -> float:
        n_eff = math.sqrt(1 / (1 / n_c + 1 / (n_c * ratio)))
        return stats.norm.sf(crit - h * n_eff) + stats.norm.cdf(-crit - h * n_eff) - power

    hi = 2.0
    while shortfall(hi) < 0:
        hi *= 2
    n_c = optimize.brentq(shortfall, 1e-9, hi, xtol=1e-10, rtol=1e-14)
    control = math.ceil(n_c - 1e-9)
    treated = math.ceil(n_c * ratio - 1e-9)
    return SampleSize(control, treated, control + treated, h)


@dataclass(frozen=True)
class Roi:
    incremental_revenue: float
    cost: float
    roi: float | None  # None when nothing was spent

    def to_dict(self) -> dict:
        return asdict(self)


def roi(revenue_per_treated: float, revenue_per_holdout: float, treated: int, cost: float) -> Roi:
    """ROI = (incremental revenue - cost) / cost, incremental revenue = uplift per recipient x treated."""
    incremental = (revenue_per_treated - revenue_per_holdout) * treated
    return Roi(incremental, cost, (incremental - cost) / cost if cost > 0 else None)
