"""Pareto/NBD: the quadrature likelihood against the hypergeometric closed form, the analytic gradient,
and per-customer predictions against the reference library."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from scipy.optimize import check_grad
from scipy.special import gammaln, hyp2f1

from segmint.models.clv.paretonbd import ParetoNbd, pareto_nbd_objective


def closed_form_log_likelihood(r, alpha, s, beta, x, t_x, T):
    """The likelihood written with Gauss hypergeometric functions (Fader & Hardie 2005, "A Note on
    Deriving the Pareto/NBD Model and Related Expressions"), an independent oracle for the quadrature."""
    rsx = r + s + x
    if alpha >= beta:
        b2, big = s + 1, alpha
        z = lambda t: (alpha - beta) / (alpha + t)  # noqa: E731
    else:
        b2, big = r + x, beta
        z = lambda t: (beta - alpha) / (beta + t)  # noqa: E731

    def term(t):
        return hyp2f1(rsx, b2, rsx + 1, z(t)) / (big + t) ** rsx

    a0 = term(t_x) - term(T)
    alive = 1 / ((alpha + T) ** (r + x) * (beta + T) ** s)
    head = gammaln(r + x) - gammaln(r) + r * np.log(alpha) + s * np.log(beta)
    return head + np.log(alive + s / rsx * a0)


@pytest.mark.parametrize(
    "theta", [(0.553, 10.578, 0.606, 11.669), (0.5, 3.0, 1.5, 30.0), (2.0, 40.0, 0.3, 2.0)]
)
def test_quadrature_equals_the_closed_form(cdnow, theta):
    ours = ParetoNbd(*theta).log_likelihood(cdnow.x, cdnow.t_x, cdnow.T)
    oracle = closed_form_log_likelihood(*theta, cdnow.x, cdnow.t_x, cdnow.T)
    np.testing.assert_allclose(ours, oracle, rtol=1e-10, atol=1e-10)


def test_long_observation_in_days_stays_exact():
    """Three years in days with a small alpha: where plain quadrature in tau would be poor."""
    x = np.array([0.0, 1, 5, 40, 60])
    t_x = np.array([0.0, 3, 500, 1000, 1090])
    T = np.full(5, 1095.0)
    theta = (0.7, 0.5, 0.4, 3.0)
    model = ParetoNbd(*theta)
    np.testing.assert_allclose(
        model.log_likelihood(x, t_x, T), closed_form_log_likelihood(*theta, x, t_x, T), rtol=1e-9
    )
    # where the closed form overflows in double precision (x = 200), the log-space quadrature does not
    heavy = model.log_likelihood(200, 1000, 1095.0)
    assert np.isfinite(heavy) and heavy < model.log_likelihood(60, 1000, 1095.0)
    assert 0 < model.p_alive(200, 1000, 1095.0) < 1


@pytest.mark.parametrize(
    "theta", [[0.553, 10.578, 0.606, 11.669], [0.5, 8.0, 1.2, 20.0], [2.0, 3.0, 0.3, 90.0]]
)
def test_analytic_gradient_matches_finite_differences(cdnow, theta):
    objective = pareto_nbd_objective(cdnow.x, cdnow.t_x, cdnow.T)
    theta = np.array(theta)
    _, grad = objective(theta)
    error = check_grad(lambda th: objective(th)[0], lambda th: objective(th)[1], theta, epsilon=1e-7)
    assert error < 1e-3 * max(1.0, np.abs(grad).max()), (error, grad)


def test_predictions_match_the_reference_library(cdnow):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from lifetimes import ParetoNBDFitter

        reference = ParetoNBDFitter().fit(cdnow.x, cdnow.t_x, cdnow.T)
    model = ParetoNbd(**reference.params_.to_dict())
    np.testing.assert_allclose(
        model.p_alive(cdnow.x, cdnow.t_x, cdnow.T),
        reference.conditional_probability_alive(cdnow.x, cdnow.t_x, cdnow.T),
        rtol=1e-9,
    )
    np.testing.assert_allclose(
        model.conditional_expected_purchases(39, cdnow.x, cdnow.t_x, cdnow.T),
        reference.conditional_expected_number_of_purchases_up_to_time(39, cdnow.x, cdnow.t_x, cdnow.T),
        rtol=1e-9,
    )
    weeks = np.array([1.0, 39.0, 78.0])
    np.testing.assert_allclose(
        model.expected_purchases(weeks), reference.expected_number_of_purchases_up_to_time(weeks), rtol=1e-9
    )


def test_a_customer_who_bought_on_the_last_day_is_alive():
    model = ParetoNbd(0.553, 10.578, 0.606, 11.669)
    assert model.p_alive(3, 38.86, 38.86) == pytest.approx(1.0)
    # and one who bought long ago and then nothing, most likely is not
    assert model.p_alive(10, 2.0, 38.86) < 0.05
