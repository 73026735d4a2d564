"""The maximum-likelihood fit the CLV models share (segmint.models.clv.fitting): its small-data path
(L-BFGS-B) and its large-data path (Newton steps with a subsample's Hessian) must judge a fit alike."""

from __future__ import annotations

import numpy as np
import pytest

from segmint.models.clv.fitting import LOG_BOUND, WARM_START_ABOVE, fit_maximum_likelihood

SIZES = pytest.mark.parametrize("customers", [1_000, WARM_START_ABOVE + 1], ids=["small", "large"])


class Peaked:
    """Parameters a and b whose likelihood peaks at log(a) = A, log(b) = 3."""

    A = 3.0

    def __init__(self, x: np.ndarray, weights=None):
        self.n = float(len(x))

    def objective(self, theta: np.ndarray) -> tuple[float, np.ndarray]:
        off = np.log(theta) - np.array([self.A, 3.0])
        return float(-self.n * np.sum(off**2) / 2), -self.n * off / theta


class PastTheBound(Peaked):
    """a peaks past where a fit may take it."""

    A = LOG_BOUND + 5


def fitted(data: type[Peaked], customers: int):
    start = {"a": 1.0, "b": 1.0}
    return fit_maximum_likelihood(
        "test", ("a", "b"), data, (np.zeros(customers),), None, lambda _: start, with_errors=False
    )


@SIZES
def test_a_fit_that_ran_a_parameter_off_is_refused_on_small_and_large_data(customers):
    fit = fitted(PastTheBound, customers)
    assert (fit.converged, fit.ran_off) == (False, ("a",))
    assert np.log(fit.params["a"]) == pytest.approx(LOG_BOUND)


@SIZES
def test_a_fit_inside_the_bound_converges_on_small_and_large_data(customers):
    fit = fitted(Peaked, customers)
    assert (fit.converged, fit.ran_off) == (True, ())
    assert np.log([fit.params["a"], fit.params["b"]]) == pytest.approx([3.0, 3.0], abs=1e-6)
