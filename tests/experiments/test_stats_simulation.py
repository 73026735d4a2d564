"""Simulated campaigns with a known true effect: the intervals cover it at their stated rate, and under no
effect the p-values are uniform (false positive rate = alpha). Seeded, 2,000 simulations each.

Tolerance: the count of covering intervals must be consistent with a Binomial(2000, 0.95) by an exact
two-sided binomial test at the 0.001 level (for the Newcombe interval, which is known to be slightly
conservative, at least the nominal rate minus that tolerance and at most 0.975).
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from segmint.experiments.stats import compare_means, compare_proportions, probability_to_beat

SIMS = 2_000


def _consistent_with(count: int, rate: float) -> bool:
    return stats.binomtest(count, SIMS, rate).pvalue > 0.001


@pytest.mark.parametrize(
    ("p_c", "p_t", "n_c", "n_t"),
    [
        (0.03, 0.045, 200, 1_800),  # a 10% holdout, small rates: where the Wald interval undercovers
        (0.10, 0.13, 1_000, 1_000),
        (0.02, 0.02, 300, 2_700),  # no effect
    ],
)
def test_newcombe_interval_covers_the_true_difference(p_c, p_t, n_c, n_t):
    rng = np.random.default_rng(hash((p_c, p_t, n_c, n_t)) % 2**32)
    x_t = rng.binomial(n_t, p_t, SIMS)
    x_c = rng.binomial(n_c, p_c, SIMS)
    covered = 0
    for a, b in zip(x_t, x_c, strict=True):
        r = compare_proportions(int(a), n_t, int(b), n_c)
        covered += r.ci_low <= p_t - p_c <= r.ci_high
    low = stats.binom.ppf(0.0005, SIMS, 0.95)  # the binomial tolerance below the nominal count
    assert low <= covered <= 0.975 * SIMS, covered / SIMS


@pytest.mark.parametrize(("p", "n_c", "n_t"), [(0.10, 2_000, 2_000), (0.05, 1_000, 9_000)])
def test_p_values_are_uniform_under_no_effect(p, n_c, n_t):
    rng = np.random.default_rng(int(p * 1000) + n_c)
    x_t = rng.binomial(n_t, p, SIMS)
    x_c = rng.binomial(n_c, p, SIMS)
    pvals = np.array(
        [compare_proportions(int(a), n_t, int(b), n_c).p_value for a, b in zip(x_t, x_c, strict=True)]
    )
    for alpha in (0.01, 0.05, 0.10):
        assert _consistent_with(int((pvals < alpha).sum()), alpha), (alpha, (pvals < alpha).mean())
    assert stats.kstest(pvals, "uniform").pvalue > 0.001


def test_p_values_detect_a_real_effect():
    # power check: at the size the calculator asks for, about 80% of simulated campaigns are significant
    from segmint.experiments.stats import sample_size

    size = sample_size(0.05, 0.02, alpha=0.05, power=0.8, ratio=4)
    rng = np.random.default_rng(7)
    x_t = rng.binomial(size.treated, 0.07, SIMS)
    x_c = rng.binomial(size.control, 0.05, SIMS)
    hits = sum(
        compare_proportions(int(a), size.treated, int(b), size.control).p_value < 0.05
        for a, b in zip(x_t, x_c, strict=True)
    )
    assert _consistent_with(hits, 0.80) or 0.78 <= hits / SIMS <= 0.85, hits / SIMS


def test_welch_interval_covers_the_true_revenue_uplift():
    # revenue per recipient = purchase (Bernoulli) x log-normal basket: skewed, mostly zero
    p_c, p_t, mu, sigma = 0.08, 0.11, 3.5, 0.8
    basket = np.exp(mu + sigma**2 / 2)
    truth = (p_t - p_c) * basket
    rng = np.random.default_rng(99)
    n_c, n_t = 1_000, 4_000
    covered = 0
    for _ in range(SIMS):
        t = (rng.random(n_t) < p_t) * rng.lognormal(mu, sigma, n_t)
        c = (rng.random(n_c) < p_c) * rng.lognormal(mu, sigma, n_c)
        r = compare_means(t.mean(), t.var(ddof=1), n_t, c.mean(), c.var(ddof=1), n_c)
        covered += r.ci_low <= truth <= r.ci_high
    assert _consistent_with(covered, 0.95), covered / SIMS


def test_probability_to_beat_is_calibrated():
    # under the Beta(1, 1) prior the posterior probability is exactly calibrated: draw true rates from
    # the prior, and the mean of (truth - probability) must be 0 within its standard error
    rng = np.random.default_rng(5)
    n_t, n_c = 60, 40
    p_t, p_c = rng.random(SIMS), rng.random(SIMS)
    x_t, x_c = rng.binomial(n_t, p_t), rng.binomial(n_c, p_c)
    prob = np.array([probability_to_beat(int(a), n_t, int(b), n_c) for a, b in zip(x_t, x_c, strict=True)])
    residual = (p_t > p_c) - prob
    assert abs(residual.mean()) < 4 * residual.std(ddof=1) / np.sqrt(SIMS)
    # and confident calls are right: when it says > 95%, treated truly is better in > 90% of cases
    confident = prob > 0.95
    assert confident.sum() > 100 and (p_t > p_c)[confident].mean() > 0.9
