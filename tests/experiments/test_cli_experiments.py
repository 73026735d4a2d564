"""`segmint experiments size` through the real CLI, checked against statsmodels."""

from __future__ import annotations

import json
import math

from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import proportion_effectsize
from tests.cli import segmint


def test_size_json_matches_statsmodels():
    done = segmint("experiments", "size", "--baseline", "0.05", "--mde", "0.01", "--json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    h = proportion_effectsize(0.06, 0.05)
    n1 = NormalIndPower().solve_power(h, nobs1=None, alpha=0.05, power=0.8, ratio=9)
    assert doc["holdout"] == math.ceil(n1) and doc["per_variant"] == math.ceil(9 * n1)
    # the audience yields at least that many in each arm with a 10% holdout
    assert math.floor(doc["audience"] * 0.1 + 0.5) >= doc["holdout"]
    assert doc["audience"] - math.floor(doc["audience"] * 0.1 + 0.5) >= doc["per_variant"]


def test_size_with_a_bigger_holdout_and_two_variants():
    done = segmint(
        "experiments", "size", "--baseline", "0.2", "--mde", "0.05", "--holdout-share", "0.2",
        "--variants", "2", "--power", "0.9", "--json",
    )  # fmt: skip
    doc = json.loads(done.stdout)
    ratio = 0.8 / 2 / 0.2
    n1 = NormalIndPower().solve_power(proportion_effectsize(0.25, 0.2), None, 0.05, 0.9, ratio)
    assert doc["holdout"] == math.ceil(n1) and doc["per_variant"] == math.ceil(ratio * n1)


def test_size_text_and_impossible_rates():
    text = segmint("experiments", "size", "--baseline", "0.2", "--mde", "0.05", wide=True)
    assert text.returncode == 0 and text.stdout == ""
    assert "20.00% → 25.00%" in text.stderr and "holdout" in text.stderr
    done = segmint("experiments", "size", "--baseline", "0.99", "--mde", "0.02", wide=True)
    assert done.returncode == 1
    assert "--baseline + --mde (0.99 + 0.02) is a rate more than 0 and less than 1" in done.stderr
