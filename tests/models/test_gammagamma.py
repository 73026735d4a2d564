"""Gamma-Gamma: the analytic gradient, the conditional expected spend, and input checks."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from scipy.optimize import check_grad

from segmint.models.clv.fitting import ClvDataError
from segmint.models.clv.gammagamma import GammaGamma, fit_gamma_gamma, gamma_gamma_objective


@pytest.mark.parametrize("theta", [[6.25, 3.74, 15.44], [1.0, 2.0, 30.0], [20.0, 9.0, 3.0]])
def test_analytic_gradient_matches_finite_differences(cdnow, theta):
    repeat = cdnow.x > 0
    objective = gamma_gamma_objective(cdnow.x[repeat], cdnow.m[repeat])
    theta = np.array(theta)
    _, grad = objective(theta)
    error = check_grad(lambda th: objective(th)[0], lambda th: objective(th)[1], theta, epsilon=1e-7)
    assert error < 1e-3 * max(1.0, np.abs(grad).max()), (error, grad)


def test_log_likelihood_is_a_density_of_the_mean():
    """exp(log-likelihood) integrates to 1 over m for each x: it is the density of the mean spend."""
    model = GammaGamma(6.25, 3.74, 15.44)
    m = np.linspace(1e-6, 4000, 400_001)
    for x in (1, 2, 7):
        density = np.exp(model.log_likelihood(np.full_like(m, x), m))
        assert np.trapezoid(density, m) == pytest.approx(1.0, abs=2e-3)


def test_conditional_spend_matches_the_reference_library(cdnow):
    repeat = cdnow.x > 0
    x, m = cdnow.x[repeat], cdnow.m[repeat]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from lifetimes import GammaGammaFitter

        reference = GammaGammaFitter().fit(x, m)
    params = reference.params_.to_dict()
    model = GammaGamma(params["p"], params["q"], params["v"])
    np.testing.assert_allclose(
        model.conditional_expected_spend(x, m),
        reference.conditional_expected_average_profit(x, m),
        rtol=1e-12,
    )
    # without purchases to go by, a customer is expected to spend the population mean
    assert model.conditional_expected_spend(0, 0) == pytest.approx(model.mean_spend())


def test_refuses_customers_without_purchases_or_value(cdnow):
    with pytest.raises(ClvDataError, match="at least one purchase and a positive mean value"):
        fit_gamma_gamma(cdnow.x, cdnow.m)  # includes customers with x = 0
    with pytest.raises(ClvDataError, match="positive mean value"):
        fit_gamma_gamma([1, 2], [10.0, -3.0])
