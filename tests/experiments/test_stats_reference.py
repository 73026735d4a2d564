"""The uplift statistics equal scipy's and statsmodels' on fixed inputs (statsmodels is the reference)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate, stats
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    proportion_effectsize,
    proportions_ztest,
)
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW, ttest_ind

from segmint.experiments import ExperimentError
from segmint.experiments.stats import (
    compare_means,
    compare_proportions,
    probability_to_beat,
    roi,
    sample_size,
    wilson_interval,
)

COUNTS = [  # (conversions treated, recipients treated, conversions holdout, recipients holdout)
    (30, 900, 5, 100),
    (412, 9_000, 31, 1_000),
    (3, 40, 0, 7),
    (0, 500, 2, 60),
    (900, 900, 80, 100),
    (1, 2, 1, 3),
    (17, 18_000, 1, 2_000),
]


@pytest.mark.parametrize(("x", "n"), [(0, 10), (1, 10), (10, 10), (3, 1000), (57, 120), (1, 1)])
@pytest.mark.parametrize("alpha", [0.05, 0.1, 0.01])
def test_wilson_equals_scipy_and_statsmodels(x, n, alpha):
    ours = wilson_interval(x, n, alpha)
    ci = stats.binomtest(x, n).proportion_ci(confidence_level=1 - alpha, method="wilson")
    assert ours == pytest.approx((ci.low, ci.high), abs=1e-12)
    assert ours == pytest.approx(proportion_confint(x, n, alpha=alpha, method="wilson"), abs=1e-12)


@pytest.mark.parametrize(("x_t", "n_t", "x_c", "n_c"), COUNTS)
@pytest.mark.parametrize("alpha", [0.05, 0.1])
def test_difference_interval_and_p_value_equal_statsmodels(x_t, n_t, x_c, n_c, alpha):
    ours = compare_proportions(x_t, n_t, x_c, n_c, alpha=alpha)
    low, high = confint_proportions_2indep(x_t, n_t, x_c, n_c, method="newcomb", compare="diff", alpha=alpha)
    assert (ours.ci_low, ours.ci_high) == pytest.approx((low, high), abs=1e-12)
    assert ours.difference == pytest.approx(x_t / n_t - x_c / n_c)
    assert ours.ci_low <= ours.difference <= ours.ci_high
    _, p = proportions_ztest([x_t, x_c], [n_t, n_c])
    assert ours.p_value == pytest.approx(p, rel=1e-9, abs=1e-300)


def test_degenerate_counts():
    # nobody converted anywhere: statsmodels' z-test divides 0 by 0; we say "no evidence" (p = 1)
    both_zero = compare_proportions(0, 500, 0, 60)
    assert both_zero.difference == 0 and both_zero.p_value == 1.0
    assert both_zero.ci_low < 0 < both_zero.ci_high
    empty = compare_proportions(5, 50, 0, 0)
    assert empty.treated == 0.1 and math.isnan(empty.control) and math.isnan(empty.p_value)
    with pytest.raises(ExperimentError, match="between 0 and recipients"):
        compare_proportions(11, 10, 0, 10)


@pytest.mark.parametrize("seed", range(5))
def test_welch_equals_scipy_and_statsmodels(seed):
    rng = np.random.default_rng(seed)
    n_t, n_c = rng.integers(5, 3_000, size=2)
    # revenue per recipient: mostly zero, log-normal spend for buyers
    t = np.where(rng.random(n_t) < 0.08, rng.lognormal(3.5, 1.0, n_t), 0.0)
    c = np.where(rng.random(n_c) < 0.05, rng.lognormal(3.4, 1.1, n_c), 0.0)
    ours = compare_means(t.mean(), t.var(ddof=1), n_t, c.mean(), c.var(ddof=1), n_c, alpha=0.05)
    ref = stats.ttest_ind(t, c, equal_var=False)
    ci = ref.confidence_interval(0.95)
    assert ours.p_value == pytest.approx(ref.pvalue, rel=1e-9)
    assert (ours.ci_low, ours.ci_high) == pytest.approx((ci.low, ci.high), rel=1e-9)
    sm_low, sm_high = CompareMeans(DescrStatsW(t), DescrStatsW(c)).tconfint_diff(alpha=0.05, usevar="unequal")
    assert (ours.ci_low, ours.ci_high) == pytest.approx((sm_low, sm_high), rel=1e-9)
    assert ours.p_value == pytest.approx(ttest_ind(t, c, usevar="unequal")[1], rel=1e-9)


def test_welch_degenerate():
    assert math.isnan(compare_means(1.0, 0.0, 1, 2.0, 1.0, 10).p_value)
    exact = compare_means(5.0, 0.0, 10, 5.0, 0.0, 10)
    assert exact.difference == 0 and exact.p_value == 1.0 and exact.ci_low == exact.ci_high == 0


@pytest.mark.parametrize(
    ("baseline", "mde", "alpha", "power", "ratio"),
    [
        (0.05, 0.01, 0.05, 0.8, 1.0),
        (0.05, 0.01, 0.05, 0.8, 9.0),
        (0.02, 0.005, 0.01, 0.9, 1.0),
        (0.30, -0.05, 0.05, 0.8, 4.0),
        (0.5, 0.2, 0.1, 0.95, 0.5),
    ],
)
def test_sample_size_equals_statsmodels(baseline, mde, alpha, power, ratio):
    ours = sample_size(baseline, mde, alpha=alpha, power=power, ratio=ratio)
    h = proportion_effectsize(baseline + mde, baseline)
    n1 = NormalIndPower().solve_power(abs(h), nobs1=None, alpha=alpha, power=power, ratio=ratio)
    assert ours.control == math.ceil(n1)
    assert ours.treated == math.ceil(n1 * ratio)
    assert ours.total == ours.control + ours.treated
    assert ours.effect_size == pytest.approx(abs(h))
    # and the power at that size reaches the target (statsmodels computes it)
    ratio_used = ours.treated / ours.control
    achieved = NormalIndPower().power(abs(h), nobs1=ours.control, alpha=alpha, ratio=ratio_used)
    assert achieved >= power - 1e-9


@pytest.mark.parametrize("bad", [(0.0, 0.01), (0.99, 0.02), (0.05, 0.0), (1.2, 0.1)])
def test_sample_size_refuses_impossible_rates(bad):
    with pytest.raises(ExperimentError, match="more than 0 and less than 1"):
        sample_size(*bad)


def _beat_by_integration(x_t, n_t, x_c, n_c):
    post_t, post_c = stats.beta(1 + x_t, 1 + n_t - x_t), stats.beta(1 + x_c, 1 + n_c - x_c)
    lo, hi = post_c.ppf(1e-12), post_c.isf(1e-12)
    value, _ = integrate.quad(lambda p: post_c.pdf(p) * post_t.sf(p), lo, hi, limit=500, epsabs=1e-12)
    return value


@pytest.mark.parametrize(("x_t", "n_t", "x_c", "n_c"), COUNTS)
def test_probability_to_beat_equals_numerical_integration(x_t, n_t, x_c, n_c):
    ours = probability_to_beat(x_t, n_t, x_c, n_c)
    assert ours == pytest.approx(_beat_by_integration(x_t, n_t, x_c, n_c), abs=1e-7)
    # the two events are complementary (ties have probability 0)
    assert ours + probability_to_beat(x_c, n_c, x_t, n_t) == pytest.approx(1.0, abs=1e-9)


def test_probability_to_beat_equals_seeded_monte_carlo():
    rng = np.random.default_rng(2026)
    draws = 2_000_000
    for x_t, n_t, x_c, n_c in COUNTS[:3]:
        mc = (rng.beta(1 + x_t, 1 + n_t - x_t, draws) > rng.beta(1 + x_c, 1 + n_c - x_c, draws)).mean()
        se = math.sqrt(mc * (1 - mc) / draws) + 1e-9
        assert abs(probability_to_beat(x_t, n_t, x_c, n_c) - mc) < 5 * se


def test_roi():
    result = roi(revenue_per_treated=2.5, revenue_per_holdout=2.0, treated=1_000, cost=100.0)
    assert result.incremental_revenue == pytest.approx(500.0)
    assert result.roi == pytest.approx((500 - 100) / 100)
    assert roi(2.0, 2.5, 1_000, 100.0).roi == pytest.approx((-500 - 100) / 100)
    assert roi(2.5, 2.0, 1_000, 0.0).roi is None
