"""BG/NBD: the published CDNOW estimates, the analytic gradient, and per-customer predictions."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from scipy.optimize import check_grad

from segmint.models.clv.bgnbd import BgNbd, bgnbd_objective, fit_bgnbd
from segmint.models.clv.fitting import ClvDataError

# Fader, Hardie & Lee (2005), Marketing Science 24(2), section 7 and figure 1: the 2,357 CDNOW customers,
# weeks 1-39.
PUBLISHED = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
PUBLISHED_LL = -9582.4


def test_cdnow_estimates_match_the_published_ones(cdnow):
    model, fit = fit_bgnbd(cdnow.x, cdnow.t_x, cdnow.T)
    assert fit.converged, fit.message
    assert {k: round(v, 3) for k, v in fit.params.items()} == PUBLISHED
    assert round(fit.log_likelihood, 1) == PUBLISHED_LL
    assert fit.n_customers == 2357
    # the summed per-customer likelihood is the one the optimiser maximised
    assert model.log_likelihood(cdnow.x, cdnow.t_x, cdnow.T).sum() == pytest.approx(fit.log_likelihood)
    # standard errors exist and are small next to the estimates
    assert all(0 < fit.standard_errors[k] < v for k, v in fit.params.items())


@pytest.mark.parametrize("theta", [[0.243, 4.414, 0.793, 2.426], [0.5, 6.0, 1.2, 3.3], [2.0, 0.7, 0.2, 9.0]])
def test_analytic_gradient_matches_finite_differences(cdnow, theta):
    objective = bgnbd_objective(cdnow.x, cdnow.t_x, cdnow.T)
    theta = np.array(theta)
    _, grad = objective(theta)
    error = check_grad(lambda th: objective(th)[0], lambda th: objective(th)[1], theta, epsilon=1e-7)
    assert error < 1e-3 * max(1.0, np.abs(grad).max()), (error, grad)


def test_gradient_with_weights_equals_repeated_customers(cdnow):
    """Weights stand for repeated identical customers, in the value and in the gradient."""
    weights = np.arange(len(cdnow.x)) % 3 + 1.0
    theta = np.array([0.3, 5.0, 0.9, 2.0])
    repeated = np.repeat(np.arange(len(cdnow.x)), weights.astype(int))
    ll_w, g_w = bgnbd_objective(cdnow.x, cdnow.t_x, cdnow.T, weights)(theta)
    ll_r, g_r = bgnbd_objective(cdnow.x[repeated], cdnow.t_x[repeated], cdnow.T[repeated])(theta)
    assert ll_w == pytest.approx(ll_r, rel=1e-12)
    np.testing.assert_allclose(g_w, g_r, rtol=1e-10)


def _lifetimes_bgnbd(cdnow):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from lifetimes import BetaGeoFitter

        return BetaGeoFitter().fit(cdnow.x, cdnow.t_x, cdnow.T)


def test_predictions_match_the_reference_library(cdnow):
    """Same parameters, same numbers as `lifetimes` (the archived reference implementation)."""
    reference = _lifetimes_bgnbd(cdnow)
    model = BgNbd(**reference.params_.to_dict())
    np.testing.assert_allclose(
        model.conditional_expected_purchases(39, cdnow.x, cdnow.t_x, cdnow.T),
        reference.conditional_expected_number_of_purchases_up_to_time(39, cdnow.x, cdnow.t_x, cdnow.T),
        rtol=1e-9,
    )
    np.testing.assert_allclose(
        model.p_alive(cdnow.x, cdnow.t_x, cdnow.T),
        reference.conditional_probability_alive(cdnow.x, cdnow.t_x, cdnow.T),
        rtol=1e-9,
    )
    weeks = np.array([1.0, 10.0, 39.0, 78.0])
    np.testing.assert_allclose(
        model.expected_purchases(weeks), reference.expected_number_of_purchases_up_to_time(weeks), rtol=1e-9
    )


def test_customer_one_of_the_paper(cdnow):
    """Customer 0001 (x = 2, t_x = 30.43, T = 38.86): P(alive) 0.73 and about 1.23 purchases in the
    next 39 weeks at the published parameters."""
    model = BgNbd(**PUBLISHED)
    assert round(float(model.p_alive(2, 30.43, 38.86)), 2) == 0.73
    assert round(float(model.conditional_expected_purchases(39, 2, 30.43, 38.86)), 2) == 1.23
    assert model.p_alive(0, 0, 38.86) == 1.0


def test_refuses_data_without_repeat_purchases():
    with pytest.raises(ClvDataError, match="no customer has a repeat purchase"):
        fit_bgnbd(np.zeros(50), np.zeros(50), np.full(50, 10.0))
    with pytest.raises(ClvDataError, match="later than T"):
        fit_bgnbd([1, 2], [5.0, 12.0], [10.0, 10.0])
