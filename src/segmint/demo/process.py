"""The repeat-buying process the demo shop is drawn from, with its true parameters.

Purchases follow BG/NBD (Fader, Hardie & Lee 2005) and spend follows Gamma-Gamma (Fader, Hardie & Lee
2005b), so a CLV model fitted on the demo can be checked against the parameters it was generated with:

- each customer has a purchase rate lambda ~ Gamma(shape=r, rate=alpha) per time unit, and a dropout
  probability p ~ Beta(a, b); after every repeat purchase the customer leaves for good with probability p;
- each customer has a spend scale nu ~ Gamma(shape=q, rate=gamma); each purchase is worth
  z ~ Gamma(shape=p, rate=nu), so the customer's mean order value is p / nu.

The first purchase (the customer's "birth") starts the clock; repeat purchases are counted after it.
Everything is vectorised NumPy: there is no Python loop per customer or per purchase.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
from scipy.special import hyp2f1


@dataclass(frozen=True)
class BuyingProcess:
    """True parameters of BG/NBD + Gamma-Gamma; time is measured in `time_unit_days`-day units (weeks)."""

    r: float = 0.8
    alpha: float = 20.0
    a: float = 0.6
    b: float = 3.0
    p: float = 6.0
    q: float = 4.0
    gamma: float = 750.0
    time_unit_days: int = 7

    def as_dict(self) -> dict:
        return asdict(self)

    def scaled(self, rate_factor: float) -> BuyingProcess:
        """The same process with every purchase rate multiplied by `rate_factor` (alpha divided by it)."""
        return BuyingProcess(**{**self.as_dict(), "alpha": self.alpha / rate_factor})

    # -- what the model says should happen -----------------------------------------------------------
    def expected_repeats(self, t: np.ndarray) -> np.ndarray:
        """E[X(t)]: expected repeat purchases in t time units after the first purchase (BG/NBD eq. 9)."""
        t = np.asarray(t, dtype=float)
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        return (
            (a + b - 1)
            / (a - 1)
            * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, t / (alpha + t)))
        )

    def p_no_repeat(self, t: np.ndarray) -> np.ndarray:
        """P(X(t) = 0): a customer can only leave after a repeat purchase, so this is E[exp(-lambda t)]."""
        return (self.alpha / (self.alpha + np.asarray(t, dtype=float))) ** self.r

    def mean_order_value(self) -> float:
        """E[z] over customers: p * gamma / (q - 1)."""
        return self.p * self.gamma / (self.q - 1)


@dataclass
class Purchases:
    """Simulated purchases of a group of customers, as flat arrays."""

    customer: np.ndarray  # index of the buying customer (into the group), per purchase, sorted by customer
    time: np.ndarray  # time units after the customer's first purchase (0 for the first purchase)
    value: np.ndarray  # money spent on the purchase
    lam: np.ndarray  # per customer: purchase rate
    dropout: np.ndarray  # per customer: dropout probability p
    nu: np.ndarray  # per customer: spend scale
    repeats: np.ndarray  # per customer: repeat purchases observed by the end of the window
    dropped: np.ndarray  # per customer: left before the end of the window (right after the last purchase)


def simulate(process: BuyingProcess, horizon: np.ndarray, rng: np.random.Generator) -> Purchases:
    """Draw each customer's purchases in [0, horizon] after their first purchase at time 0.

    Exact and vectorised: the customer would leave after J ~ Geometric(p) repeat purchases; of the
    N ~ Poisson(lambda T) purchases a Poisson process puts in [0, T], only the first x = min(J, N) happen.
    The first x arrival times of N uniform points are S_k / (S_x + G) * T, where S_k are cumulative sums of
    standard exponentials and G ~ Gamma(N + 1 - x) stands for the remaining gaps.
    """
    n = len(horizon)
    lam = rng.gamma(process.r, 1.0 / process.alpha, n)
    dropout = rng.beta(process.a, process.b, n)
    nu = rng.gamma(process.q, 1.0 / process.gamma, n)
    # A tiny p gives a huge J; clip so the geometric draw stays in range (min(J, N) is unchanged).
    lives = rng.geometric(np.clip(dropout, 1e-12, 1.0))
    arrivals = rng.poisson(lam * horizon)
    repeats = np.minimum(lives, arrivals)
    dropped = lives <= arrivals

    total = int(repeats.sum())
    owner = np.repeat(np.arange(n), repeats)
    gaps = rng.exponential(1.0, total)
    cum = np.cumsum(gaps)
    # cumulative sums restarted at each customer's block
    starts = np.cumsum(repeats) - repeats
    block_offset = np.repeat(np.concatenate([[0.0], cum])[starts], repeats)
    within = cum - block_offset
    last = np.zeros(n)
    has = repeats > 0
    last[has] = within[np.cumsum(repeats)[has] - 1]
    rest = np.zeros(n)
    rest[has] = rng.gamma((arrivals - repeats + 1)[has], 1.0)
    scale = np.where(has, horizon / np.where(has, last + rest, 1.0), 0.0)
    repeat_time = within * scale[owner]

    # first purchase at 0, then the repeats, grouped per customer
    count = repeats + 1
    customer = np.repeat(np.arange(n), count)
    time = np.zeros(int(count.sum()))
    is_repeat = np.ones(len(time), dtype=bool)
    is_repeat[np.cumsum(count) - count] = False
    time[is_repeat] = repeat_time
    value = rng.gamma(process.p, 1.0 / nu[customer])
    return Purchases(customer, time, value, lam, dropout, nu, repeats, dropped)


def rate_factor_for(process: BuyingProcess, horizon: np.ndarray, target_repeats: float) -> float:
    """The purchase-rate multiplier that makes the mean repeat count over `horizon` equal `target_repeats`.

    Used by the benchmark generator to hit a requested order count; solved by bisection on log scale,
    since E[X(t)] grows monotonically with the rate.
    """
    # the mean over a quantile grid of the horizons is as good as over all of them, and much cheaper
    grid = np.quantile(np.asarray(horizon, dtype=float), np.linspace(0.0, 1.0, 1001))
    lo, hi = 1e-3, 1e4
    for _ in range(50):
        mid = np.sqrt(lo * hi)
        if process.scaled(mid).expected_repeats(grid).mean() < target_repeats:
            lo = mid
        else:
            hi = mid
    return float(np.sqrt(lo * hi))
