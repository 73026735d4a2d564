"""Customer summaries drawn from BG/NBD + Gamma-Gamma themselves, for benchmarks and recovery tests.

Exact and vectorised, with no per-purchase arrays, so a million customers take a fraction of a second:
a customer would leave after J ~ Geometric(p) repeat purchases and a Poisson process puts N ~ Poisson(lambda
T) purchases in (0, T], so x = min(J, N); given N uniform arrival times, the x-th one is T * Beta(x, N-x+1).
The sum of x Gamma(p, nu) purchase values is Gamma(p x, nu), so the mean value needs one draw too.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from segmint.models.clv.bgnbd import BgNbd
from segmint.models.clv.gammagamma import GammaGamma


@dataclass(frozen=True)
class SimulatedSummary:
    x: np.ndarray
    t_x: np.ndarray
    T: np.ndarray
    m: np.ndarray  # mean value of the repeat purchases (0 without repeats)


def simulate_summary(
    n: int,
    purchases: BgNbd,
    spend: GammaGamma,
    T_max: float,
    seed: int = 0,
    T_min: float = 0.0,
) -> SimulatedSummary:
    """n customers whose first purchases fall uniformly in the last (T_max - T_min) time units."""
    rng = np.random.default_rng(seed)
    T = rng.uniform(T_min, T_max, n)
    lam = rng.gamma(purchases.r, 1.0 / purchases.alpha, n)
    p = rng.beta(purchases.a, purchases.b, n)
    lives = rng.geometric(np.clip(p, 1e-12, 1.0))  # a tiny p would overflow the draw; min(J, N) is unchanged
    arrivals = rng.poisson(lam * T)
    x = np.minimum(lives, arrivals)
    has = x > 0
    t_x = np.zeros(n)
    t_x[has] = T[has] * rng.beta(x[has], arrivals[has] - x[has] + 1)
    nu = rng.gamma(spend.q, 1.0 / spend.gamma, n)
    m = np.zeros(n)
    m[has] = rng.gamma(spend.p * x[has], 1.0 / nu[has]) / x[has]
    return SimulatedSummary(x.astype(float), t_x, T, m)
